/* w4-gio.c: W4 anchor on raw GIO: n concurrent, non-atomic writes of the
 * same contents to n new files with g_file_replace_contents_bytes_async()
 * (GLib writes a new file in place, without a temp file).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <gio/gio.h>
#include <stdlib.h>

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
  BenchReport *report;
  g_autoptr(GBytes) contents = NULL;
  GFile **files;
  char *data;

  bench_parse_options (&argc, &argv, &options, 10000, NULL);
  if (options.dir == NULL)
    {
      g_printerr ("--dir is required\n");
      return 2;
    }

  data = g_malloc (options.size);
  for (int i = 0; i < options.size; i++)
    data[i] = 'a' + i % 26;
  contents = g_bytes_new_take (data, options.size);

  files = g_new (GFile *, options.n);
  for (int i = 0; i < options.n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s/f%06d.bin", options.dir, i);
      files[i] = g_file_new_for_path (name);
    }

  bench_timer_start (&timer);
  remaining = options.n;
  for (int i = 0; i < options.n; i++)
    g_file_replace_contents_bytes_async (files[i], contents, NULL, FALSE,
                                         G_FILE_CREATE_NONE, NULL, written_cb, NULL);
  while (remaining > 0)
    g_main_context_iteration (NULL, TRUE);
  bench_timer_stop (&timer);

  report = bench_report_new ("W4", "gio", options.n, &timer);
  bench_report_add_int (report, "bytes", (gint64) options.n * options.size);
  bench_report_add_int (report, "errors", failed);
  bench_report_print (report);

  for (int i = 0; i < options.n; i++)
    g_object_unref (files[i]);
  g_free (files);
  return failed == 0 ? 0 : 1;
}
