/* gather.c: asyncio.gather(): results in input order
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <gaio.h>

static void
numbered_task (GaioTask *task,
               gpointer  user_data)
{
  int number = GPOINTER_TO_INT (user_data);
  g_autoptr(GaioFuture) nap = gaio_sleep (100);

  g_print ("Starting task %d\n", number);
  gaio_await (nap, NULL);
  g_print ("Finished task %d\n", number);
  gaio_future_resolve_int (GAIO_FUTURE (task), number);
}

static void
main_task (GaioTask *task,
           gpointer  user_data)
{
  GaioFuture *tasks[3];
  g_autoptr(GaioGatherer) gather = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) line = g_string_new ("Task results: [");

  for (int i = 0; i < 3; i++)
    tasks[i] = GAIO_FUTURE (gaio_task_spawn (NULL, numbered_task, GINT_TO_POINTER (i + 1), NULL));

  gather = gaio_gatherer_newv (GAIO_GATHER_MODE_ALL, tasks, G_N_ELEMENTS (tasks));
  if (gaio_await (GAIO_FUTURE (gather), &error) == NULL)
    g_printerr ("gather failed: %s\n", error->message);

  for (guint i = 0; i < 3; i++)
    {
      g_string_append_printf (line, "%s%d", i > 0 ? ", " : "",
                              g_value_get_int (gaio_gatherer_get_value_at (gather, i)));
      g_object_unref (tasks[i]);
    }
  g_print ("%s]\n", line->str);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GaioTask) task = gaio_task_spawn ("main", main_task, NULL, NULL);

  return gaio_run (GAIO_FUTURE (task), NULL) != NULL ? 0 : 1;
}
