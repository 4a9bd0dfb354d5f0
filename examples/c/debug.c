/* debug.c: debug mode: warn about callbacks that hold the loop
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <gaio.h>

/* asyncio.run(main(), debug=True) warns about any step slower than 100 ms.
 * Gaio does the same with GAIO_DEBUG=slow in the environment, or with
 * gaio_set_slow_callback_threshold(); G_MESSAGES_DEBUG=Gaio adds traces. */
static void
blocker (GaioTask *task,
         gpointer  user_data)
{
  g_print ("Blocking the loop for 200 ms on purpose\n");
  g_usleep (200 * G_TIME_SPAN_MILLISECOND);   /* a blocking call: the bug debug mode finds */
  g_print ("Done blocking\n");
}

static void
main_task (GaioTask *task,
           gpointer  user_data)
{
  g_autoptr(GaioTask) slow = gaio_task_spawn ("blocker", blocker, NULL, NULL);

  gaio_await (GAIO_FUTURE (slow), NULL);
  g_print ("Finished\n");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GaioTask) task = NULL;

  if (gaio_get_slow_callback_threshold () == 0)
    gaio_set_slow_callback_threshold (100);
  g_print ("Slow callback threshold: %u ms\n", gaio_get_slow_callback_threshold ());

  task = gaio_task_spawn ("main", main_task, NULL, NULL);
  return gaio_run (GAIO_FUTURE (task), NULL) != NULL ? 0 : 1;
}
