/* w4-gaio.c: W4 on Gaio. n concurrent atomic writes (temp file, write,
 * close, rename: gaio_file_write_path()) of the same contents to n new
 * files, all started at once.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <gaio.h>

#include "bench-common.h"

static int remaining;
static int failed;

static void
written_cb (GaioFuture *future,
            gpointer    user_data)
{
  g_autoptr(GError) error = NULL;

  if (!gaio_future_propagate (future, &error))
    {
      if (failed++ < 5)
        g_printerr ("w4-gaio: %s\n", error->message);
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
  char **paths;
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

  paths = g_new0 (char *, options.n + 1);
  for (int i = 0; i < options.n; i++)
    paths[i] = g_strdup_printf ("%s/f%06d.bin", options.dir, i);

  bench_timer_start (&timer);
  remaining = options.n;
  for (int i = 0; i < options.n; i++)
    {
      GaioFuture *future = gaio_file_write_path (paths[i], contents, GAIO_FILE_WRITE_NONE);

      gaio_future_add_done_callback (future, written_cb, NULL, NULL);
      g_object_unref (future);
    }
  while (remaining > 0)
    g_main_context_iteration (NULL, TRUE);
  bench_timer_stop (&timer);

  report = bench_report_new ("W4", "gaio", options.n, &timer);
  bench_report_add_int (report, "bytes", (gint64) options.n * options.size);
  bench_report_add_int (report, "errors", failed);
  bench_report_print (report);

  g_strfreev (paths);
  return failed == 0 ? 0 : 1;
}
