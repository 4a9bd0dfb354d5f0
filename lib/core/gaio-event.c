/* gaio-event.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include "gaio-future-private.h"
#include "gaio-event.h"
#include "gaio-waiter-private.h"

/**
 * GaioEvent:
 *
 * A flag that code can await: `asyncio.Event`.
 *
 * [method@Gaio.Event.wait] returns a future that resolves once the event is
 * set ([method@Gaio.Event.set]), at once if it is set already. Setting wakes
 * every waiter; [method@Gaio.Event.clear] resets the flag for later waits.
 *
 * ```c
 * g_autoptr(GaioEvent) ready = gaio_event_new ();
 * g_autoptr(GaioFuture) wait = gaio_event_wait (ready);
 * gaio_event_set (ready);   // wait resolves from the next iteration
 * ```
 *
 * Like asyncio's, an event is used from its owner context only.
 */

struct _GaioEvent
{
  GObject        parent_instance;

  gboolean       is_set;
  GaioWaitQueue  waiters;
};

G_DEFINE_FINAL_TYPE (GaioEvent, gaio_event, G_TYPE_OBJECT)

static void
gaio_event_dispose (GObject *object)
{
  GaioEvent *self = GAIO_EVENT (object);

  gaio_wait_queue_clear (&self->waiters);

  G_OBJECT_CLASS (gaio_event_parent_class)->dispose (object);
}

static void
gaio_event_class_init (GaioEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gaio_event_dispose;
}

static void
gaio_event_init (GaioEvent *self)
{
  gaio_wait_queue_init (&self->waiters);
}

/**
 * gaio_event_new:
 *
 * Creates an event that is not set.
 *
 * Returns: (transfer full): a new event
 */
GaioEvent *
gaio_event_new (void)
{
  return g_object_new (GAIO_TYPE_EVENT, NULL);
}

/**
 * gaio_event_is_set:
 * @self: an event
 *
 * Checks whether @self is set.
 *
 * Returns: %TRUE when set
 */
gboolean
gaio_event_is_set (GaioEvent *self)
{
  g_return_val_if_fail (GAIO_IS_EVENT (self), FALSE);

  return self->is_set;
}

/**
 * gaio_event_set:
 * @self: an event
 *
 * Sets @self and resolves every waiting future.
 */
void
gaio_event_set (GaioEvent *self)
{
  g_return_if_fail (GAIO_IS_EVENT (self));

  self->is_set = TRUE;
  gaio_wait_queue_wake_all (&self->waiters);
}

/**
 * gaio_event_clear:
 * @self: an event
 *
 * Resets @self: later waits wait again.
 */
void
gaio_event_clear (GaioEvent *self)
{
  g_return_if_fail (GAIO_IS_EVENT (self));

  self->is_set = FALSE;
}

/**
 * gaio_event_wait:
 * @self: an event
 *
 * Waits for @self to be set. Cancel the returned future to stop waiting.
 *
 * Returns: (transfer full): a future that resolves, with no value, once
 *   @self is set
 */
GaioFuture *
gaio_event_wait (GaioEvent *self)
{
  g_return_val_if_fail (GAIO_IS_EVENT (self), NULL);

  if (self->is_set)
    return gaio_future_new_resolved (NULL);
  return gaio_future_with_kind (gaio_wait_queue_push (&self->waiters), GAIO_FUTURE_KIND_EVENT);
}

/**
 * gaio_event_wait_async:
 * @self: an event
 * @cancellable: (nullable): stops waiting
 * @callback: (scope async) (closure user_data): called once @self is set
 *   or the wait was cancelled
 * @user_data: data for @callback
 *
 * Waits for @self to be set, the GIO way.
 */
void
gaio_event_wait_async (GaioEvent           *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (GAIO_IS_EVENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  gaio_waiter_bind_async (self, gaio_event_wait (self), cancellable,
                          gaio_event_wait_async, NULL, callback, user_data);
}

/**
 * gaio_event_wait_finish:
 * @self: an event
 * @result: the result given to the callback
 * @error: return location for `G_IO_ERROR_CANCELLED`
 *
 * Finishes [method@Gaio.Event.wait_async].
 *
 * Returns: %TRUE once @self was set
 */
gboolean
gaio_event_wait_finish (GaioEvent     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (GAIO_IS_EVENT (self), FALSE);

  return gaio_waiter_bind_finish (self, result, gaio_event_wait_async, NULL, error);
}
