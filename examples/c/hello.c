/* hello.c: asyncio.run(main()) with an awaited sleep
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <gaio.h>

/* The seed sleeps 1 s; the examples scale seconds to tenths so tests stay fast. */
static void
main_task (GaioTask *task,
           gpointer  user_data)
{
  g_autoptr(GaioFuture) nap = gaio_sleep (100);

  g_print ("Hello\n");
  gaio_await (nap, NULL);
  g_print ("world\n");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GaioTask) task = gaio_task_spawn ("main", main_task, NULL, NULL);

  /* gaio_run() is asyncio.run(): it drives the main loop until task settles. */
  return gaio_run (GAIO_FUTURE (task), NULL) != NULL ? 0 : 1;
}
