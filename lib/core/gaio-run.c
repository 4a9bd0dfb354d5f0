/* gaio-run.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include "gaio-future.h"
#include "gaio-run.h"

/* gaio_run() waits for a future by iterating a GMainContext: it needs
 * futures, so it lives here and not in the scheduler, which needs nothing
 * but GLib. */

/**
 * gaio_run:
 * @future: the future to wait for
 * @error: return location for the future's error
 *
 * Iterates the thread-default [struct@GLib.MainContext] until @future has
 * settled, then returns its value, like Python's `asyncio.run()`.
 *
 * Use it in `main()` of programs that have no main loop of their own. Inside
 * a running [class@Gio.Application], do not call it: tasks already run on
 * the application's loop.
 *
 * Returns: (transfer none) (nullable): the value @future resolved with
 *   (owned by @future, an unset value when it resolved with none), or %NULL
 *   with @error set when it was rejected or cancelled
 */
const GValue *
gaio_run (GaioFuture  *future,
          GError     **error)
{
  static const GValue no_value = G_VALUE_INIT;
  GMainContext *context;

  g_return_val_if_fail (GAIO_IS_FUTURE (future), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  context = g_main_context_ref_thread_default ();
  while (!gaio_future_is_done (future))
    g_main_context_iteration (context, TRUE);
  g_main_context_unref (context);

  if (!gaio_future_propagate (future, error))
    return NULL;

  return gaio_future_get_value (future) ? gaio_future_get_value (future) : &no_value;
}
