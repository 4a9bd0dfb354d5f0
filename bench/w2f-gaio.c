/* w2f-gaio.c: W2f on Gaio. n live C fiber tasks (gaio_task_spawn()), each
 * awaiting a 10 ms sleep with gaio_await(); the loop runs until every task
 * settled. Run with vm.max_map_count at its default (65530).
 *
 * bytes_per_pending is (RSS when the last fiber has parked on its sleep -
 * baseline) / n; bytes_per_pending_peak uses the peak RSS instead, which
 * also counts fibers whose sleep ended before the last one started.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <gaio.h>

#include "bench-common.h"

#define SLEEP_MS 10

static int n_tasks;
static int started;
static int remaining;
static int failed;
static long rss_pending;

static void
body (GaioTask *task,
      gpointer  user_data)
{
  g_autoptr(GaioFuture) sleep = gaio_sleep (SLEEP_MS);
  g_autoptr(GError) error = NULL;

  if (++started == n_tasks)
    rss_pending = bench_rss_kb ();
  if (gaio_await (sleep, &error) == NULL)
    g_printerr ("w2f-gaio: %s\n", error->message);
}

static void
task_done_cb (GaioFuture *future,
              gpointer    user_data)
{
  g_autoptr(GError) error = NULL;

  if (!gaio_future_propagate (future, &error))
    {
      if (failed++ == 0)
        g_printerr ("w2f-gaio: %s\n", error->message);
    }
  remaining--;
}

static void
spawn_all (int n)
{
  n_tasks = n;
  started = 0;
  remaining = n;
  for (int i = 0; i < n; i++)
    {
      GaioTask *task = gaio_task_spawn (NULL, body, NULL, NULL);

      gaio_future_add_done_callback (GAIO_FUTURE (task), task_done_cb, NULL, NULL);
      g_object_unref (task);
    }
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
  long rss_baseline;

  bench_parse_options (&argc, &argv, &options, 100000, NULL);

  spawn_all (1);
  rss_baseline = bench_rss_kb ();

  bench_timer_start (&timer);
  spawn_all (options.n);
  bench_timer_stop (&timer);

  report = bench_report_new ("W2f", "gaio-fibers", options.n, &timer);
  bench_report_add_pending (report, rss_baseline, rss_pending, options.n);
  bench_report_add_double (report, "bytes_per_pending_peak",
                           (double) (bench_peak_rss_kb () - rss_baseline) * 1024.0 / options.n);
  bench_report_add_int (report, "started", started);
  bench_report_add_int (report, "errors", failed);
  bench_report_print (report);
  return failed == 0 && started == options.n ? 0 : 1;
}
