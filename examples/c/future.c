/* future.c: a future settled by hand (asyncio.Future)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <gaio.h>

typedef struct
{
  GaioFuture *future;
  const char *data;
} Operation;

/* Settles @future after a while, like the seed's async_operation(). */
static void
async_operation (GaioTask *task,
                 gpointer  user_data)
{
  Operation *op = user_data;
  g_autoptr(GaioFuture) nap = gaio_sleep (100);

  gaio_await (nap, NULL);
  if (g_str_equal (op->data, "success"))
    gaio_future_resolve_string (op->future, "Operation succeeded");
  else
    gaio_future_reject_literal (op->future, G_IO_ERROR, G_IO_ERROR_FAILED, "Operation failed");
}

static void
run_operation (const char *data)
{
  g_autoptr(GaioFuture) future = gaio_future_new ();
  Operation op = { future, data };
  g_autoptr(GaioTask) task = gaio_task_spawn ("operation", async_operation, &op, NULL);
  g_autoptr(GError) error = NULL;

  gaio_await (GAIO_FUTURE (task), NULL);
  if (gaio_future_is_done (future))
    {
      g_autofree char *value = gaio_await_string (future, &error);

      if (error == NULL)
        g_print ("%s\n", value);
      else
        g_print ("Error: %s\n", error->message);
    }
}

static void
main_task (GaioTask *task,
           gpointer  user_data)
{
  run_operation ("success");
  run_operation ("failure");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GaioTask) task = gaio_task_spawn ("main", main_task, NULL, NULL);

  return gaio_run (GAIO_FUTURE (task), NULL) != NULL ? 0 : 1;
}
