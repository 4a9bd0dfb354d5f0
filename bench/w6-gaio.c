/* w6-gaio.c: W6 on Gaio with callbacks. n acquisitions of a GaioSemaphore
 * of 100; each holder sleeps 1 ms (gaio_sleep()) and releases. The wall time
 * is bound by the sleeps (n / 100 x 1 ms); compare cpu_per_op_ns.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <gaio.h>

#include "bench-common.h"

#define SLEEP_MS 1

static GaioSemaphore *semaphore;
static int remaining;
static int inside;
static int max_inside;
static const int failed = 0;

static void
slept_cb (GaioFuture *future,
          gpointer    user_data)
{
  inside--;
  gaio_semaphore_release (semaphore);
  remaining--;
}

static void
acquired_cb (GaioFuture *future,
             gpointer    user_data)
{
  GaioFuture *sleep;

  g_assert (gaio_future_get_state (future) == GAIO_FUTURE_STATE_RESOLVED);
  inside++;
  max_inside = MAX (max_inside, inside);
  sleep = gaio_sleep (SLEEP_MS);
  gaio_future_add_done_callback (sleep, slept_cb, NULL, NULL);
  g_object_unref (sleep);
}

static void
run_all (int n,
         int limit)
{
  semaphore = gaio_semaphore_new (limit);
  remaining = n;
  for (int i = 0; i < n; i++)
    {
      GaioFuture *acquire = gaio_semaphore_acquire (semaphore);

      gaio_future_add_done_callback (acquire, acquired_cb, NULL, NULL);
      g_object_unref (acquire);
    }
  bench_loop_until_zero (&remaining);
  g_clear_object (&semaphore);
}

int
main (int    argc,
      char **argv)
{
  BenchOptions options;

  bench_parse_options (&argc, &argv, &options, 100000, NULL);
  return bench_run_limited ("gaio", &options, run_all, &max_inside, &failed);
}
