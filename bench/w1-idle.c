/* w1-idle.c: W1 anchor on raw GLib, one g_idle_add() per operation.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <glib.h>

#include "bench-common.h"

static int remaining;

static gboolean
idle_cb (gpointer user_data)
{
  remaining--;
  return G_SOURCE_REMOVE;
}

static void
add_all (int n)
{
  for (int i = 0; i < n; i++)
    g_idle_add (idle_cb, NULL);
}

int
main (int    argc,
      char **argv)
{
  BenchOptions options;

  bench_parse_options (&argc, &argv, &options, 1000000, NULL);
  bench_run_pending ("W1", "glib-idle", options.n, &remaining, add_all, NULL);
  return 0;
}
