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

int
main (int    argc,
      char **argv)
{
  BenchOptions options;
  BenchTimer timer;
  BenchReport *report;
  long rss_baseline, rss_pending;
  int n;

  bench_parse_options (&argc, &argv, &options, 1000000, NULL);
  n = options.n;

  remaining = 1;
  g_idle_add (idle_cb, NULL);
  while (remaining > 0)
    g_main_context_iteration (NULL, TRUE);
  rss_baseline = bench_rss_kb ();

  bench_timer_start (&timer);
  remaining = n;
  for (int i = 0; i < n; i++)
    g_idle_add (idle_cb, NULL);
  rss_pending = bench_rss_kb ();
  while (remaining > 0)
    g_main_context_iteration (NULL, TRUE);
  bench_timer_stop (&timer);

  report = bench_report_new ("W1", "glib-idle", n, &timer);
  bench_report_add_pending (report, rss_baseline, rss_pending, n);
  bench_report_print (report);
  return 0;
}
