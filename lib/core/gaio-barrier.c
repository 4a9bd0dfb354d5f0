/* gaio-barrier.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include "gaio-barrier.h"
#include "gaio-error.h"
#include "gaio-future-private.h"
#include "gaio-waiter-private.h"

/**
 * GaioBarrier:
 *
 * A meeting point for a fixed number of parties: `asyncio.Barrier`
 * (Python 3.11).
 *
 * Each party calls [method@Gaio.Barrier.wait]; the futures resolve together
 * once the last of the parties arrived, each with the party's index in
 * arrival order (0 to parties - 1), and the barrier is ready for the next
 * round. [method@Gaio.Barrier.reset] sends the parties waiting away with
 * `GAIO_ERROR_BROKEN_BARRIER` and empties the barrier for further use;
 * [method@Gaio.Barrier.abort] breaks it: every wait fails with that error
 * until it is reset.
 *
 * A wait that is cancelled before the barrier filled leaves it and no longer
 * counts as arrived; one cancelled after the barrier released it keeps its
 * index. The futures of one round resolve in the same iteration, so asyncio's
 * "draining" state, in which early arrivals for the next round wait, is not
 * needed.
 *
 * A barrier is used from one thread: its owner context.
 */

struct _GaioBarrier
{
  GObject        parent_instance;

  guint          parties;
  gboolean       broken;
  GaioWaitQueue  waiters;
};

G_DEFINE_FINAL_TYPE (GaioBarrier, gaio_barrier, G_TYPE_OBJECT)

static GError *
broken_error (void)
{
  return g_error_new_literal (GAIO_ERROR, GAIO_ERROR_BROKEN_BARRIER,
                              "The barrier was reset or aborted");
}

/* Drops the waits cancelled while queued: they no longer count. A queue
 * holds fewer than `parties` entries, so a full pass is cheap. */
static void
drop_cancelled (GaioBarrier *self)
{
  gaio_wait_queue_drop_settled (&self->waiters, NULL, g_object_unref);
}

static void
break_waiters (GaioBarrier *self)
{
  GaioFuture *future;

  while ((future = gaio_wait_queue_pop (&self->waiters)) != NULL)
    {
      gaio_future_try_reject (future, broken_error ());
      g_object_unref (future);
    }
}

static void
gaio_barrier_dispose (GObject *object)
{
  GaioBarrier *self = GAIO_BARRIER (object);

  gaio_wait_queue_clear (&self->waiters);

  G_OBJECT_CLASS (gaio_barrier_parent_class)->dispose (object);
}

static void
gaio_barrier_class_init (GaioBarrierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gaio_barrier_dispose;
}

static void
gaio_barrier_init (GaioBarrier *self)
{
  gaio_wait_queue_init (&self->waiters);
}

/**
 * gaio_barrier_new:
 * @parties: how many parties must arrive, at least 1
 *
 * Creates a barrier for @parties parties.
 *
 * Returns: (transfer full): a new barrier
 */
GaioBarrier *
gaio_barrier_new (guint parties)
{
  GaioBarrier *self;

  g_return_val_if_fail (parties > 0, NULL);

  self = g_object_new (GAIO_TYPE_BARRIER, NULL);
  self->parties = parties;
  return self;
}

/**
 * gaio_barrier_get_parties:
 * @self: a barrier
 *
 * Gets the number of parties @self waits for.
 *
 * Returns: the parties
 */
guint
gaio_barrier_get_parties (GaioBarrier *self)
{
  g_return_val_if_fail (GAIO_IS_BARRIER (self), 0);

  return self->parties;
}

/**
 * gaio_barrier_get_n_waiting:
 * @self: a barrier
 *
 * Gets the number of parties waiting in the current round.
 *
 * Returns: the waiting parties
 */
guint
gaio_barrier_get_n_waiting (GaioBarrier *self)
{
  g_return_val_if_fail (GAIO_IS_BARRIER (self), 0);

  drop_cancelled (self);
  return gaio_wait_queue_get_length (&self->waiters);
}

/**
 * gaio_barrier_is_broken:
 * @self: a barrier
 *
 * Checks whether @self was aborted and not reset since.
 *
 * Returns: %TRUE if waits fail with `GAIO_ERROR_BROKEN_BARRIER`
 */
gboolean
gaio_barrier_is_broken (GaioBarrier *self)
{
  g_return_val_if_fail (GAIO_IS_BARRIER (self), FALSE);

  return self->broken;
}

/**
 * gaio_barrier_wait:
 * @self: a barrier
 *
 * Arrives at the barrier. The returned future resolves with the party's
 * index (an `int`, 0 for the first to arrive) once all the parties have
 * arrived, or is rejected with `GAIO_ERROR_BROKEN_BARRIER` when the barrier
 * is reset or aborted first. Cancel it to leave the barrier.
 *
 * Returns: (transfer full): a future of the index
 */
GaioFuture *
gaio_barrier_wait (GaioBarrier *self)
{
  GaioFuture *future;
  guint index = 0;
  GaioFuture *waiter;

  g_return_val_if_fail (GAIO_IS_BARRIER (self), NULL);

  if (self->broken)
    return gaio_future_new_rejected (broken_error ());

  drop_cancelled (self);
  future = gaio_future_with_kind (gaio_future_new (), GAIO_FUTURE_KIND_BARRIER);
  gaio_wait_queue_push_entry (&self->waiters, g_object_ref (future));
  if (gaio_wait_queue_get_length (&self->waiters) < self->parties)
    return future;

  /* The last party: release the round, in arrival order. */
  while ((waiter = gaio_wait_queue_pop (&self->waiters)) != NULL)
    {
      GValue value = G_VALUE_INIT;

      g_value_init (&value, G_TYPE_INT);
      g_value_set_int (&value, (int) index++);
      gaio_future_try_resolve (waiter, &value);
      g_object_unref (waiter);
    }
  return future;
}

/**
 * gaio_barrier_wait_async:
 * @self: a barrier
 * @cancellable: (nullable): leaves the barrier
 * @callback: (scope async) (closure user_data): called once the round is
 *   complete, the barrier broke or the wait was cancelled
 * @user_data: data for @callback
 *
 * Arrives at the barrier, the GIO way; see [method@Gaio.Barrier.wait].
 */
void
gaio_barrier_wait_async (GaioBarrier         *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (GAIO_IS_BARRIER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  gaio_waiter_bind_async (self, gaio_barrier_wait (self), cancellable,
                          gaio_barrier_wait_async, NULL, callback, user_data);
}

/**
 * gaio_barrier_wait_finish:
 * @self: a barrier
 * @result: the result given to the callback
 * @error: return location for `GAIO_ERROR_BROKEN_BARRIER` or
 *   `G_IO_ERROR_CANCELLED`
 *
 * Finishes [method@Gaio.Barrier.wait_async].
 *
 * Returns: the party's index, or -1 with @error set
 */
int
gaio_barrier_wait_finish (GaioBarrier   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  GValue *value = NULL;
  int index;

  g_return_val_if_fail (GAIO_IS_BARRIER (self), -1);

  if (!gaio_waiter_bind_finish (self, result, gaio_barrier_wait_async, &value, error))
    return -1;
  index = g_value_get_int (value);
  g_boxed_free (G_TYPE_VALUE, value);
  return index;
}

/**
 * gaio_barrier_reset:
 * @self: a barrier
 *
 * Returns @self to its empty state: the parties waiting are sent away with
 * `GAIO_ERROR_BROKEN_BARRIER`, and a broken barrier can be used again.
 */
void
gaio_barrier_reset (GaioBarrier *self)
{
  g_return_if_fail (GAIO_IS_BARRIER (self));

  break_waiters (self);
  self->broken = FALSE;
}

/**
 * gaio_barrier_abort:
 * @self: a barrier
 *
 * Breaks @self: the parties waiting and every later wait fail with
 * `GAIO_ERROR_BROKEN_BARRIER`, until [method@Gaio.Barrier.reset].
 */
void
gaio_barrier_abort (GaioBarrier *self)
{
  g_return_if_fail (GAIO_IS_BARRIER (self));

  self->broken = TRUE;
  break_waiters (self);
}
