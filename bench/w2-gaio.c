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

  bench_parse_options (&argc, &argv, &options, 100000, NULL);
  bench_run_pending ("W2", "gaio", options.n, &remaining, sleep_all, NULL);
  return 0;
}
