/* w4-gio.c: W4 anchor on raw GIO: n concurrent, non-atomic writes of the
 * same contents to n new files with g_file_replace_contents_bytes_async()
 * (GLib writes a new file in place, without a temp file).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <gio/gio.h>

#include "bench-common.h"

static int remaining;
static int failed;

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      g_printerr ("w4-gio: %s\n", error->message);
      failed++;
    }
  remaining--;
}

int
main (int    argc,
      char **argv)
{
  BenchOptions options;
  BenchTimer timer;
  g_autoptr(GBytes) contents = NULL;
  g_auto(GStrv) paths = NULL;
  GFile **files;
  int status;

  bench_parse_options (&argc, &argv, &options, 10000, NULL);
  contents = bench_file_contents (&options);
  paths = bench_file_paths (&options);
  files = g_new (GFile *, options.n);
  for (int i = 0; i < options.n; i++)
    files[i] = g_file_new_for_path (paths[i]);

  bench_timer_start (&timer);
  remaining = options.n;
  for (int i = 0; i < options.n; i++)
    g_file_replace_contents_bytes_async (files[i], contents, NULL, FALSE,
                                         G_FILE_CREATE_NONE, NULL, written_cb, NULL);
  bench_loop_until_zero (&remaining);
  bench_timer_stop (&timer);

  status = bench_report_io ("W4", "gio", options.n, &timer,
                            (guint64) options.n * options.size, failed);

  for (int i = 0; i < options.n; i++)
    g_object_unref (files[i]);
  g_free (files);
  return status;
}
