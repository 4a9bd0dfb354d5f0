/* w5-gtask.c: W5 anchor, GTask-style counting: n GTasks, each returned at
 * once, and a counter in their callbacks that reaches zero when all of them
 * completed. This is how C code "gathers" GIO results without a helper.
 * The time covers creating and returning the tasks too ("wait_seconds" is
 * the loop part alone), since GTask has no other way to hold a result.
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
  if (g_task_propagate_boolean (G_TASK (result), NULL))
    remaining--;
}

static void
gather_all (int         n,
            BenchTimer *wait)
{
  remaining = n;
  for (int i = 0; i < n; i++)
    {
      GTask *task = g_task_new (NULL, NULL, done_cb, NULL);

      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
    }
  if (wait != NULL)
    bench_timer_start (wait);
  while (remaining > 0)
    g_main_context_iteration (NULL, TRUE);
  if (wait != NULL)
    bench_timer_stop (wait);
}

int
main (int    argc,
      char **argv)
{
  BenchOptions options;
  BenchTimer timer, wait;
  BenchReport *report;

  bench_parse_options (&argc, &argv, &options, 100000, NULL);

  gather_all (1, NULL);

  bench_timer_start (&timer);
  gather_all (options.n, &wait);
  bench_timer_stop (&timer);

  report = bench_report_new ("W5", "gtask-count", options.n, &timer);
  bench_report_add_double (report, "wait_seconds", wait.seconds);
  bench_report_print (report);
  return 0;
}
