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
  remaining = n;
  for (int i = 0; i < n; i++)
    g_timeout_add (SLEEP_MS, timeout_cb, NULL);
}

int
main (int    argc,
      char **argv)
{
  BenchOptions options;
  BenchTimer timer;
  BenchReport *report;
  long rss_baseline, rss_pending;

  bench_parse_options (&argc, &argv, &options, 100000, NULL);

  sleep_all (1);
  while (remaining > 0)
    g_main_context_iteration (NULL, TRUE);
  rss_baseline = bench_rss_kb ();

  bench_timer_start (&timer);
  sleep_all (options.n);
  rss_pending = bench_rss_kb ();
  while (remaining > 0)
    g_main_context_iteration (NULL, TRUE);
  bench_timer_stop (&timer);

  report = bench_report_new ("W2", "glib-timeout", options.n, &timer);
  bench_report_add_pending (report, rss_baseline, rss_pending, options.n);
  bench_report_print (report);
  return 0;
}
