/* w2-timeout.c: W2 anchor on raw GLib, one g_timeout_add() per sleep.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <glib.h>

#include "bench-common.h"

#define SLEEP_MS 10

static int remaining;

static gboolean
timeout_cb (gpointer user_data)
{
  remaining--;
  return G_SOURCE_REMOVE;
}

static void
sleep_all (int n)
{
  for (int i = 0; i < n; i++)
    g_timeout_add (SLEEP_MS, timeout_cb, NULL);
}

int
main (int    argc,
      char **argv)
{
  BenchOptions options;

  bench_parse_options (&argc, &argv, &options, 100000, NULL);
  bench_run_pending ("W2", "glib-timeout", options.n, &remaining, sleep_all, NULL);
  return 0;
}
