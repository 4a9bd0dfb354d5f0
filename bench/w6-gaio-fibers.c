/* w6-gaio-fibers.c: W6 on Gaio with fiber tasks. n tasks, each awaiting a
 * GaioSemaphore of 100, then a 1 ms sleep, then releasing: the shape of the
 * asyncio anchor. The wall time is bound by the sleeps; compare
 * cpu_per_op_ns.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <gaio.h>

#include "bench-common.h"

#define SLEEP_MS 1

static GaioSemaphore *semaphore;
static int remaining;
static int failed;
static int inside;
static int max_inside;

static void
body (GaioTask *task,
      gpointer  user_data)
{
  g_autoptr(GaioFuture) acquire = gaio_semaphore_acquire (semaphore);
  g_autoptr(GaioFuture) sleep = NULL;
  g_autoptr(GError) error = NULL;

  if (gaio_await (acquire, &error) == NULL)
    {
      g_printerr ("w6-gaio-fibers: %s\n", error->message);
      return;
    }
  inside++;
  max_inside = MAX (max_inside, inside);
  sleep = gaio_sleep (SLEEP_MS);
  if (gaio_await (sleep, &error) == NULL)
    g_printerr ("w6-gaio-fibers: %s\n", error->message);
  inside--;
  gaio_semaphore_release (semaphore);
}

static void
task_done_cb (GaioFuture *future,
              gpointer    user_data)
{
  g_autoptr(GError) error = NULL;

  if (!gaio_future_propagate (future, &error))
    {
      if (failed++ == 0)
        g_printerr ("w6-gaio-fibers: %s\n", error->message);
    }
  remaining--;
}

static void
run_all (int n,
         int limit)
{
  semaphore = gaio_semaphore_new (limit);
  remaining = n;
  for (int i = 0; i < n; i++)
    {
      GaioTask *task = gaio_task_spawn (NULL, body, NULL, NULL);

      gaio_future_add_done_callback (GAIO_FUTURE (task), task_done_cb, NULL, NULL);
      g_object_unref (task);
    }
  while (remaining > 0)
    g_main_context_iteration (NULL, TRUE);
  g_clear_object (&semaphore);
}

int
main (int    argc,
      char **argv)
{
  BenchOptions options;
  BenchTimer timer;
  BenchReport *report;

  bench_parse_options (&argc, &argv, &options, 100000, NULL);

  run_all (1, options.concurrency);
  max_inside = 0;

  bench_timer_start (&timer);
  run_all (options.n, options.concurrency);
  bench_timer_stop (&timer);

  report = bench_report_new ("W6", "gaio-fibers", options.n, &timer);
  bench_report_add_int (report, "limit", options.concurrency);
  bench_report_add_int (report, "max_inside", max_inside);
  bench_report_add_int (report, "errors", failed);
  bench_report_print (report);
  return failed == 0 && max_inside == options.concurrency ? 0 : 1;
}
