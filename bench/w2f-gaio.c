/* w2f-gaio.c: W2f on Gaio. n live C fiber tasks (gaio_task_spawn()), each
 * awaiting a 10 ms sleep with gaio_await(); the loop runs until every task
 * settled. Run with vm.max_map_count at its default (65530). With
 * --coroutines the tasks are stackless coroutines (gaio_task_spawn_co(),
 * GAIO_CO_AWAIT()) instead: impl "gaio-co".
 *
 * bytes_per_pending is (RSS when the last fiber has parked on its sleep -
 * baseline) / n; bytes_per_pending_peak uses the peak RSS instead, which
 * also counts fibers whose sleep ended before the last one started.
 *
 * With --warm, an untimed round of n fibers runs first, so the measured one
 * finds the stack pool as a long-running program does after an earlier
 * peak (impl "gaio-fibers-warm"); by default the pool is cold.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <gaio.h>

#include "bench-common.h"
#include "bench-tasks.h"

#define SLEEP_MS 10

static gboolean coroutines;
static int n_tasks;
static int started;
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

/* The same body as a coroutine: the sleep lives in its state. */
typedef struct
{
  GaioCo      co;
  GaioFuture *sleep;
} Sleeper;

static void
sleeper_step (GaioCo *co)
{
  Sleeper *self = (Sleeper *) co;

  GAIO_CO_BEGIN (co);
  self->sleep = gaio_sleep (SLEEP_MS);
  if (++started == n_tasks)
    rss_pending = bench_rss_kb ();
  GAIO_CO_AWAIT (co, self->sleep);
  if (co->error != NULL)
    g_printerr ("w2f-gaio: %s\n", co->error->message);
  GAIO_CO_END (co);
}

static void
sleeper_free (gpointer data)
{
  Sleeper *self = data;

  g_clear_object (&self->sleep);
  g_free (self);
}

static void
spawn_all (int n)
{
  n_tasks = n;
  started = 0;
  if (coroutines)
    failed = bench_spawn_co_and_wait ("w2f-gaio", n, sleeper_step, sizeof (Sleeper), sleeper_free);
  else
    failed = bench_spawn_and_wait ("w2f-gaio", n, body);
}

int
main (int    argc,
      char **argv)
{
  const GOptionEntry extra[] = {
    { "coroutines", 0, 0, G_OPTION_ARG_NONE, &coroutines,
      "Stackless coroutine tasks instead of fibers", NULL },
    { NULL }
  };
  BenchOptions options;
  BenchTimer timer;
  BenchReport *report;
  const char *impl;
  long rss_baseline;

  bench_parse_options (&argc, &argv, &options, 100000, extra);

  spawn_all (options.warm ? options.n : 1);
  rss_baseline = bench_rss_kb ();

  bench_timer_start (&timer);
  spawn_all (options.n);
  bench_timer_stop (&timer);

  if (coroutines)
    impl = options.warm ? "gaio-co-warm" : "gaio-co";
  else
    impl = options.warm ? "gaio-fibers-warm" : "gaio-fibers";
  report = bench_report_new ("W2f", impl, options.n, &timer);
  bench_report_add_pending (report, rss_baseline, rss_pending, options.n);
  bench_report_add_double (report, "bytes_per_pending_peak",
                           (double) (bench_peak_rss_kb () - rss_baseline) * 1024.0 / options.n);
  bench_report_add_int (report, "started", started);
  bench_report_add_int (report, "errors", failed);
  bench_report_print (report);
  return failed == 0 && started == options.n ? 0 : 1;
}
