/* gaio-condition.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include "gaio-condition.h"
#include "gaio-future-private.h"
#include "gaio-waiter-private.h"

/**
 * GaioCondition:
 *
 * A condition variable over a [class@Gaio.Lock]: `asyncio.Condition`.
 *
 * A task holding the lock calls [method@Gaio.Condition.wait], which
 * releases the lock, waits to be notified and takes the lock again before
 * its future settles; another task changes the shared state under the lock
 * and calls [method@Gaio.Condition.notify]. Waiters are woken in FIFO
 * order.
 *
 * ```c
 * // consumer, in a fiber task
 * g_autoptr(GaioFuture) locked = gaio_lock_acquire (gaio_condition_get_lock (cond));
 * gaio_await (locked, NULL);
 * while (queue_is_empty ())
 *   {
 *     g_autoptr(GaioFuture) notified = gaio_condition_wait (cond);
 *     if (!gaio_await (notified, &error))
 *       break;    // cancelled: the lock is held again all the same
 *   }
 * gaio_lock_release (gaio_condition_get_lock (cond));
 * ```
 *
 * Like asyncio's, a wait that is cancelled still takes the lock back before
 * its future settles as cancelled, so the code after it always holds the
 * lock. A wait notified just before it was cancelled keeps the notification
 * (its future resolves): no wake-up is lost.
 *
 * A condition is used from one thread: its owner context.
 */

struct _GaioCondition
{
  GObject        parent_instance;

  GaioLock      *lock;
  GaioWaitQueue  waiters;
};

G_DEFINE_FINAL_TYPE (GaioCondition, gaio_condition, G_TYPE_OBJECT)

/* One wait: notified, then the lock taken back, then the caller's future
 * settled with the wait's outcome. */
typedef struct
{
  GaioCondition *self;
  GaioFuture    *result;     /* the caller's */
  GaioFuture    *notified;   /* queued on the condition */
} Wait;

static void
wait_free (gpointer data)
{
  Wait *wait = data;

  g_object_unref (wait->self);
  g_object_unref (wait->notified);
  g_free (wait);
}

static void
relocked_cb (GaioFuture *locked,
             gpointer    data)
{
  Wait *wait = data;

  /* The lock is ours again whatever happened to the wait: settle the
   * caller's future as the notification settled. */
  gaio_future_settle_from (wait->result, wait->notified);
  g_object_unref (wait->result);
  wait->result = NULL;
}

static void
notified_cb (GaioFuture *notified,
             gpointer    data)
{
  Wait *wait = data;
  g_autoptr(GaioFuture) locked = gaio_lock_acquire (wait->self->lock);

  gaio_future_add_done_callback (locked, relocked_cb, data, wait_free);
}

/* Cancelling the caller's future cancels the notification while it is
 * queued; the future then settles as cancelled once the lock is back. A
 * notification that arrived first is kept. */
static gboolean
wait_cancel_hook (GaioFuture *result,
                  gpointer    notified)
{
  return gaio_future_cancel (notified);
}

static void
gaio_condition_dispose (GObject *object)
{
  GaioCondition *self = GAIO_CONDITION (object);

  gaio_wait_queue_clear (&self->waiters);
  g_clear_object (&self->lock);

  G_OBJECT_CLASS (gaio_condition_parent_class)->dispose (object);
}

static void
gaio_condition_class_init (GaioConditionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gaio_condition_dispose;
}

static void
gaio_condition_init (GaioCondition *self)
{
  gaio_wait_queue_init (&self->waiters);
  /* g_object_new() alone (GJS's `new Gaio.Condition()`) gets a lock too. */
  self->lock = gaio_lock_new ();
}

/**
 * gaio_condition_new:
 * @lock: (nullable): the lock to use, or %NULL for a new one
 *
 * Creates a condition over @lock.
 *
 * Returns: (transfer full): a new condition
 */
GaioCondition *
gaio_condition_new (GaioLock *lock)
{
  GaioCondition *self;

  g_return_val_if_fail (lock == NULL || GAIO_IS_LOCK (lock), NULL);

  self = g_object_new (GAIO_TYPE_CONDITION, NULL);
  if (lock != NULL)
    g_set_object (&self->lock, lock);
  return self;
}

/**
 * gaio_condition_get_lock:
 * @self: a condition
 *
 * Gets the lock of @self; acquire it before waiting or notifying.
 *
 * Returns: (transfer none): the lock
 */
GaioLock *
gaio_condition_get_lock (GaioCondition *self)
{
  g_return_val_if_fail (GAIO_IS_CONDITION (self), NULL);

  return self->lock;
}

/**
 * gaio_condition_wait:
 * @self: a condition whose lock the caller holds
 *
 * Releases the lock, waits until notified and takes the lock back. The
 * returned future resolves, with no value, once the lock is held again; if
 * it is cancelled while waiting, it settles as cancelled, also with the
 * lock held again.
 *
 * Returns: (transfer full): a future of the notification
 */
GaioFuture *
gaio_condition_wait (GaioCondition *self)
{
  GaioFuture *result;
  Wait *wait;

  g_return_val_if_fail (GAIO_IS_CONDITION (self), NULL);
  g_return_val_if_fail (gaio_lock_is_locked (self->lock), NULL);

  wait = g_new0 (Wait, 1);
  wait->self = g_object_ref (self);
  wait->notified = gaio_wait_queue_push (&self->waiters);
  result = gaio_future_with_kind (gaio_future_new (), GAIO_FUTURE_KIND_CONDITION);
  wait->result = g_object_ref (result);
  gaio_future_set_cancel_hook (result, wait_cancel_hook, g_object_ref (wait->notified),
                               g_object_unref);
  gaio_future_add_done_callback (wait->notified, notified_cb, wait, NULL);

  gaio_lock_release (self->lock);
  return result;
}

/**
 * gaio_condition_wait_async:
 * @self: a condition whose lock the caller holds
 * @cancellable: (nullable): stops waiting; the lock is still taken back
 * @callback: (scope async) (closure user_data): called once notified (or
 *   cancelled) with the lock held again
 * @user_data: data for @callback
 *
 * Waits to be notified, the GIO way; see [method@Gaio.Condition.wait].
 */
void
gaio_condition_wait_async (GaioCondition       *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (GAIO_IS_CONDITION (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  gaio_waiter_bind_async (self, gaio_condition_wait (self), cancellable,
                          gaio_condition_wait_async, NULL, callback, user_data);
}

/**
 * gaio_condition_wait_finish:
 * @self: a condition
 * @result: the result given to the callback
 * @error: return location for `G_IO_ERROR_CANCELLED`
 *
 * Finishes [method@Gaio.Condition.wait_async]. The lock is held again
 * either way.
 *
 * Returns: %TRUE if notified
 */
gboolean
gaio_condition_wait_finish (GaioCondition  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (GAIO_IS_CONDITION (self), FALSE);

  return gaio_waiter_bind_finish (self, result, gaio_condition_wait_async, NULL, error);
}

/**
 * gaio_condition_notify:
 * @self: a condition whose lock the caller holds
 * @n: how many waiters to wake
 *
 * Wakes up to @n waiters, longest waiting first. Each takes the lock back
 * once the caller releases it.
 */
void
gaio_condition_notify (GaioCondition *self,
                       guint          n)
{
  g_return_if_fail (GAIO_IS_CONDITION (self));
  g_return_if_fail (gaio_lock_is_locked (self->lock));

  for (guint i = 0; i < n && gaio_wait_queue_wake_one (&self->waiters, NULL); i++)
    ;
}

/**
 * gaio_condition_notify_all:
 * @self: a condition whose lock the caller holds
 *
 * Wakes every waiter.
 */
void
gaio_condition_notify_all (GaioCondition *self)
{
  g_return_if_fail (GAIO_IS_CONDITION (self));
  g_return_if_fail (gaio_lock_is_locked (self->lock));

  gaio_wait_queue_wake_all (&self->waiters);
}
