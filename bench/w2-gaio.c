/* w2-gaio.c: W2 on Gaio. n concurrent 10 ms sleeps (gaio_sleep() and a
 * done-callback); the loop runs until every callback ran.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <gaio.h>

#include "bench-common.h"

#define SLEEP_MS 10

static int remaining;

static void
done_cb (GaioFuture *future,
         gpointer    user_data)
{
  remaining--;
}

static void
sleep_all (int n)
{
  remaining = n;
  for (int i = 0; i < n; i++)
    {
      GaioFuture *future = gaio_sleep (SLEEP_MS);

      gaio_future_add_done_callback (future, done_cb, NULL, NULL);
      g_object_unref (future);
    }
}

int
main (int    argc,
      char **argv)
{
  BenchOptions options;
  BenchTimer timer;
  BenchReport *report;
  long rss_baseline, rss_pending;

  bench_parse_options (&argc, &argv, &options, 100000, NULL);

  sleep_all (1);
  while (remaining > 0)
    g_main_context_iteration (NULL, TRUE);
  rss_baseline = bench_rss_kb ();

  bench_timer_start (&timer);
  sleep_all (options.n);
  rss_pending = bench_rss_kb ();
  while (remaining > 0)
    g_main_context_iteration (NULL, TRUE);
  bench_timer_stop (&timer);

  report = bench_report_new ("W2", "gaio", options.n, &timer);
  bench_report_add_pending (report, rss_baseline, rss_pending, options.n);
  bench_report_print (report);
  return 0;
}
