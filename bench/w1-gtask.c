/* w1-gtask.c: W1 anchor on raw GTask: g_task_new(), g_task_return_*() and
 * the task's callback, the GIO way of settling a result later.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <gio/gio.h>

#include "bench-common.h"

static int remaining;

static void
done_cb (GObject      *source_object,
         GAsyncResult *result,
         gpointer      user_data)
{
  remaining--;
}

int
main (int    argc,
      char **argv)
{
  BenchOptions options;
  BenchTimer timer;
  BenchReport *report;
  GTask **tasks;
  long rss_baseline, rss_pending;
  int n;

  bench_parse_options (&argc, &argv, &options, 1000000, NULL);
  n = options.n;

  remaining = 1;
  {
    GTask *task = g_task_new (NULL, NULL, done_cb, NULL);
    g_task_return_boolean (task, TRUE);
    g_object_unref (task);
  }
  while (remaining > 0)
    g_main_context_iteration (NULL, TRUE);
  tasks = g_new0 (GTask *, n);
  bench_touch (tasks, n * sizeof *tasks);
  rss_baseline = bench_rss_kb ();

  bench_timer_start (&timer);
  remaining = n;
  for (int i = 0; i < n; i++)
    tasks[i] = g_task_new (NULL, NULL, done_cb, NULL);
  rss_pending = bench_rss_kb ();
  for (int i = 0; i < n; i++)
    {
      g_task_return_boolean (tasks[i], TRUE);
      g_object_unref (tasks[i]);
    }
  while (remaining > 0)
    g_main_context_iteration (NULL, TRUE);
  bench_timer_stop (&timer);

  report = bench_report_new ("W1", "gtask", n, &timer);
  bench_report_add_pending (report, rss_baseline, rss_pending, n);
  bench_report_print (report);
  g_free (tasks);
  return 0;
}
