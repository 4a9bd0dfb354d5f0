/* executor.c: run_in_executor(): blocking code on a worker thread
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <gaio.h>

/* Blocking code, like the seed's time.sleep(5) (scaled to 0.3 s). */
static void
sync_task (GaioFuture   *future,
           GCancellable *cancellable,
           gpointer      user_data)
{
  g_print ("Starting a long sync task...\n");
  g_usleep (300 * G_TIME_SPAN_MILLISECOND);
  g_print ("Finished the sync task.\n");
  gaio_future_resolve_int (future, 42);
}

static void
ticker (GaioTask *task,
        gpointer  user_data)
{
  guint *ticks = user_data;

  for (;;)
    {
      g_autoptr(GaioFuture) nap = gaio_sleep (50);

      if (gaio_await (nap, NULL) == NULL)
        return;
      (*ticks)++;
    }
}

static void
main_task (GaioTask *task,
           gpointer  user_data)
{
  guint ticks = 0;
  g_autoptr(GaioTask) tick_task = gaio_task_spawn ("ticker", ticker, &ticks, NULL);
  g_autoptr(GaioFuture) work = gaio_run_in_thread (sync_task, NULL, NULL);
  int value = gaio_await_int (work, NULL);

  g_print ("The thread returned %d\n", value);
  /* The loop was free while the thread blocked: the ticker kept ticking. */
  g_print ("Main loop stayed responsive: %s\n", ticks >= 3 ? "yes" : "no");
  gaio_future_cancel (GAIO_FUTURE (tick_task));
  gaio_await (GAIO_FUTURE (tick_task), NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GaioTask) task = gaio_task_spawn ("main", main_task, NULL, NULL);

  return gaio_run (GAIO_FUTURE (task), NULL) != NULL ? 0 : 1;
}
