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
#include "bench-tasks.h"

#define SLEEP_MS 1

static GaioSemaphore *semaphore;
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
run_all (int n,
         int limit)
{
  semaphore = gaio_semaphore_new (limit);
  failed = bench_spawn_and_wait ("w6-gaio-fibers", n, body);
  g_clear_object (&semaphore);
}

int
main (int    argc,
      char **argv)
{
  BenchOptions options;

  bench_parse_options (&argc, &argv, &options, 100000, NULL);
  return bench_run_limited ("gaio-fibers", &options, run_all, &max_inside, &failed);
}
