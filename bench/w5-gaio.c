/* w5-gaio.c: W5 on Gaio. A GaioGatherer in ALL mode over n futures that are
 * already resolved, driven to completion with gaio_run(). The time covers
 * the gather alone; creating and resolving the futures is setup_seconds.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <gaio.h>

#include "bench-common.h"

static GaioFuture **
make_futures (int n)
{
  GaioFuture **futures = g_new (GaioFuture *, n);

  for (int i = 0; i < n; i++)
    {
      futures[i] = gaio_future_new ();
      gaio_future_resolve_int (futures[i], i);
    }
  return futures;
}

static void
free_futures (GaioFuture **futures,
              int          n)
{
  for (int i = 0; i < n; i++)
    g_object_unref (futures[i]);
  g_free (futures);
}

/* Returns the gatherer, settled. */
static GaioGatherer *
gather (GaioFuture **futures,
        int          n)
{
  GaioGatherer *gatherer = gaio_gatherer_newv (GAIO_GATHER_MODE_ALL, futures, n);
  g_autoptr(GError) error = NULL;

  if (gaio_run (GAIO_FUTURE (gatherer), &error) == NULL)
    g_error ("w5-gaio: %s", error->message);
  return gatherer;
}

int
main (int    argc,
      char **argv)
{
  BenchOptions options;
  BenchTimer setup, timer;
  BenchReport *report;
  GaioFuture **futures;
  GaioGatherer *gatherer;
  const GValue *last;
  int n;

  bench_parse_options (&argc, &argv, &options, 100000, NULL);
  n = options.n;

  futures = make_futures (1);
  g_object_unref (gather (futures, 1));
  free_futures (futures, 1);

  bench_timer_start (&setup);
  futures = make_futures (n);
  bench_timer_stop (&setup);

  bench_timer_start (&timer);
  gatherer = gather (futures, n);
  bench_timer_stop (&timer);

  last = gaio_gatherer_get_value_at (gatherer, n - 1);
  if (gaio_gatherer_get_n_done (gatherer) != (guint) n ||
      last == NULL || g_value_get_int (last) != n - 1)
    g_error ("w5-gaio: the gatherer did not collect every value in order");

  report = bench_report_new ("W5", "gaio", n, &timer);
  bench_report_add_double (report, "setup_seconds", setup.seconds);
  bench_report_print (report);

  g_object_unref (gatherer);
  free_futures (futures, n);
  return 0;
}
