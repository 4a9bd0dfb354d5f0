/* task_order.c: create_task() schedules; sleeps decide who finishes first
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <gaio.h>

static void
my_coroutine (GaioTask *task,
              gpointer  user_data)
{
  g_autoptr(GaioFuture) nap = NULL;

  g_print ("My Coroutine\n");
  nap = gaio_sleep (100);
  gaio_await (nap, NULL);
  gaio_future_resolve_string (GAIO_FUTURE (task), "Coroutine Finished");
}

static void
timed_task (GaioTask *task,
            gpointer  user_data)
{
  const char *name = gaio_future_get_name (GAIO_FUTURE (task));
  g_autoptr(GaioFuture) nap = NULL;

  g_print ("%s Task Start\n", name);
  nap = gaio_sleep (GPOINTER_TO_UINT (user_data));
  gaio_await (nap, NULL);
  g_print ("%s Task End\n", name);
}

static void
main_task (GaioTask *task,
           gpointer  user_data)
{
  g_autoptr(GaioTask) coroutine = NULL;
  g_autoptr(GaioTask) first = NULL;
  g_autoptr(GaioTask) second = NULL;
  g_autoptr(GaioFuture) nap = NULL;
  g_autofree char *result = NULL;

  /* Spawning schedules the task; it starts when this one awaits. */
  coroutine = gaio_task_spawn ("coroutine", my_coroutine, NULL, NULL);
  g_print ("Doing Other Stuff\n");
  result = gaio_await_string (GAIO_FUTURE (coroutine), NULL);
  g_print ("%s\n", result);

  first = gaio_task_spawn ("First", timed_task, GUINT_TO_POINTER (200), NULL);
  second = gaio_task_spawn ("Second", timed_task, GUINT_TO_POINTER (100), NULL);

  /* Wait a bit for both tasks to finish. */
  nap = gaio_sleep (300);
  gaio_await (nap, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GaioTask) task = gaio_task_spawn ("main", main_task, NULL, NULL);

  return gaio_run (GAIO_FUTURE (task), NULL) != NULL ? 0 : 1;
}
