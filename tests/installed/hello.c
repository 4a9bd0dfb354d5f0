/* hello.c: built against an installed Gaio with pkg-config (see README.md).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <gaio.h>

static void
hello (GaioTask *task,
       gpointer  user_data)
{
  g_autoptr(GaioFuture) nap = gaio_sleep (10);
  g_autoptr(GError) error = NULL;

  if (gaio_await (nap, &error) == NULL)
    g_error ("%s", error->message);
  g_print ("Hello from Gaio %u.%u.%u\n", gaio_get_major_version (),
           gaio_get_minor_version (), gaio_get_micro_version ());
}

int
main (void)
{
  g_autoptr(GaioTask) task = NULL;
  const char *mismatch = gaio_check_version (GAIO_MAJOR_VERSION, GAIO_MINOR_VERSION, 0);

  if (mismatch != NULL)
    g_error ("%s", mismatch);
  task = gaio_task_spawn ("hello", hello, NULL, NULL);
  gaio_run (GAIO_FUTURE (task), NULL);
  return 0;
}
