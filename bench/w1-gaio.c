/* w1-gaio.c: W1 on Gaio. n futures are created, each given a done-callback,
 * resolved, then awaited: the loop runs until every callback ran.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <gaio.h>

#include "bench-common.h"

static int remaining;

static void
done_cb (GaioFuture *future,
         gpointer    user_data)
{
  remaining--;
}

static void
warm_up (void)
{
  g_autoptr(GaioFuture) future = gaio_future_new ();

  remaining = 1;
  gaio_future_add_done_callback (future, done_cb, NULL, NULL);
  gaio_future_resolve (future, NULL);
  while (remaining > 0)
    g_main_context_iteration (NULL, TRUE);
}

int
main (int    argc,
      char **argv)
{
  BenchOptions options;
  BenchTimer timer;
  BenchReport *report;
  GaioFuture **futures;
  long rss_baseline, rss_pending;
  int n;

  bench_parse_options (&argc, &argv, &options, 1000000, NULL);
  n = options.n;

  warm_up ();
  futures = g_new0 (GaioFuture *, n);
  bench_touch (futures, n * sizeof *futures);
  rss_baseline = bench_rss_kb ();

  bench_timer_start (&timer);
  remaining = n;
  for (int i = 0; i < n; i++)
    {
      futures[i] = gaio_future_new ();
      gaio_future_add_done_callback (futures[i], done_cb, NULL, NULL);
    }
  rss_pending = bench_rss_kb ();
  for (int i = 0; i < n; i++)
    {
      gaio_future_resolve (futures[i], NULL);
      g_object_unref (futures[i]);
    }
  while (remaining > 0)
    g_main_context_iteration (NULL, TRUE);
  bench_timer_stop (&timer);

  report = bench_report_new ("W1", "gaio", n, &timer);
  bench_report_add_pending (report, rss_baseline, rss_pending, n);
  bench_report_print (report);
  g_free (futures);
  return 0;
}
