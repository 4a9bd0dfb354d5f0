/* w1-gtask.c: W1 anchor on raw GTask: g_task_new(), g_task_return_*() and
 * the task's callback, the GIO way of settling a result later.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <gio/gio.h>

#include "bench-common.h"

static int remaining;
static GTask **tasks;

static void
done_cb (GObject      *source_object,
         GAsyncResult *result,
         gpointer      user_data)
{
  remaining--;
}

static void
create_all (int n)
{
  for (int i = 0; i < n; i++)
    tasks[i] = g_task_new (NULL, NULL, done_cb, NULL);
}

static void
return_all (int n)
{
  for (int i = 0; i < n; i++)
    {
      g_task_return_boolean (tasks[i], TRUE);
      g_object_unref (tasks[i]);
    }
}

int
main (int    argc,
      char **argv)
{
  BenchOptions options;

  bench_parse_options (&argc, &argv, &options, 1000000, NULL);
  tasks = g_new0 (GTask *, options.n);
  bench_touch (tasks, options.n * sizeof *tasks);

  bench_run_pending ("W1", "gtask", options.n, &remaining, create_all, return_all);

  g_free (tasks);
  return 0;
}
