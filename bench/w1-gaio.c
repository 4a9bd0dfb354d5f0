/* w1-gaio.c: W1 on Gaio. n futures are created, each given a done-callback,
 * resolved, then awaited: the loop runs until every callback ran.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <gaio.h>

#include "bench-common.h"

static int remaining;
static GaioFuture **futures;

static void
done_cb (GaioFuture *future,
         gpointer    user_data)
{
  remaining--;
}

static void
create_all (int n)
{
  for (int i = 0; i < n; i++)
    {
      futures[i] = gaio_future_new ();
      gaio_future_add_done_callback (futures[i], done_cb, NULL, NULL);
    }
}

static void
resolve_all (int n)
{
  for (int i = 0; i < n; i++)
    {
      gaio_future_resolve (futures[i], NULL);
      g_object_unref (futures[i]);
    }
}

int
main (int    argc,
      char **argv)
{
  BenchOptions options;

  bench_parse_options (&argc, &argv, &options, 1000000, NULL);
  futures = g_new0 (GaioFuture *, options.n);
  bench_touch (futures, options.n * sizeof *futures);

  bench_run_pending ("W1", "gaio", options.n, &remaining, create_all, resolve_all);

  g_free (futures);
  return 0;
}
