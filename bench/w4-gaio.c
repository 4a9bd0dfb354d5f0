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
  g_autoptr(GBytes) contents = NULL;
  g_auto(GStrv) paths = NULL;

  bench_parse_options (&argc, &argv, &options, 10000, NULL);
  contents = bench_file_contents (&options);
  paths = bench_file_paths (&options);

  bench_timer_start (&timer);
  remaining = options.n;
  for (int i = 0; i < options.n; i++)
    {
      GaioFuture *future = gaio_file_write_path (paths[i], contents, GAIO_FILE_WRITE_NONE);

      gaio_future_add_done_callback (future, written_cb, NULL, NULL);
      g_object_unref (future);
    }
  bench_loop_until_zero (&remaining);
  bench_timer_stop (&timer);

  return bench_report_io ("W4", "gaio", options.n, &timer,
                          (guint64) options.n * options.size, failed);
}
