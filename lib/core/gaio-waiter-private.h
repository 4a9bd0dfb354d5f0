/* gaio-waiter-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#include "gaio-future.h"

G_BEGIN_DECLS

/* A FIFO of pending futures: the waiters of a semaphore, event or queue, or
 * of a gatherer's as-completed cursor. A waiter cancelled while queued stays
 * in the queue and is skipped when its turn comes, so cancelling costs
 * nothing and a grant can never be lost: granting settles the waiter, and a
 * waiter that is no longer pending refuses the grant atomically. Used on the
 * owner context only. */
typedef struct
{
  GQueue queue;
  guint  sweep_at;   /* length at which cancelled waiters are swept out */
} GaioWaitQueue;

void        gaio_wait_queue_init     (GaioWaitQueue *self);
void        gaio_wait_queue_clear    (GaioWaitQueue *self);
GaioFuture *gaio_wait_queue_push     (GaioWaitQueue *self);
/* Removes the entries of @queue whose future is done, when it has grown to
 * *@sweep_at, then sets the next threshold to twice what is left: cancelled
 * waiters cost O(1) each on average and never pile up. */
void        gaio_wait_queue_sweep    (GQueue         *queue,
                                      guint          *sweep_at,
                                      GaioFuture   *(*future_of) (gpointer entry),
                                      GDestroyNotify  free_entry);
gboolean    gaio_wait_queue_wake_one (GaioWaitQueue *self,
                                      const GValue  *value);
/* The same, through gaio_future_settle_eager(), and without a copy: the
 * contents of @value move into the waiter woken (@value is left unset);
 * when there is none, @value is left as it was. */
gboolean    gaio_wait_queue_wake_one_eager (GaioWaitQueue *self,
                                            GValue        *value);
void        gaio_wait_queue_wake_all (GaioWaitQueue *self);
/* Rejects every waiter still pending with a copy of @error: for a source
 * that will never grant again (a closed WebSocket). */
void        gaio_wait_queue_fail_all (GaioWaitQueue *self,
                                      const GError  *error);

static inline gboolean
gaio_wait_queue_is_empty (GaioWaitQueue *self)
{
  return g_queue_is_empty (&self->queue);
}

/* Called when a waiter future resolved (was granted) but the caller's
 * cancellable fired first: gives the grant back (a permit to the next
 * waiter, an item to the front of a queue). */
typedef void (*GaioWaiterUndoFunc) (gpointer    source_object,
                                    GaioFuture *future);

/* The one bridge from a future to a GAsyncResult: every _async()/_finish()
 * pair of Gaio goes through it (doc/cancellation.md has the rule).
 * Completes an _async() call from @future (taken): @cancellable cancels
 * @future, and a grant that raced with the cancellable is handed back with
 * @undo and reported as cancelled. Serves the waiters above and any other
 * _async()/_finish() pair backed by a future; with @undo NULL, a future
 * resolved before the cancellable took effect reports its value. The
 * _finish() side gives the future's value as a newly allocated GValue
 * (free with g_boxed_free (G_TYPE_VALUE, ...)), or NULL for no value. */
void        gaio_waiter_bind_async   (gpointer             source_object,
                                      GaioFuture          *future,
                                      GCancellable        *cancellable,
                                      gpointer             source_tag,
                                      GaioWaiterUndoFunc   undo,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
gboolean    gaio_waiter_bind_finish  (gpointer             source_object,
                                      GAsyncResult        *result,
                                      gpointer             source_tag,
                                      GValue             **value,
                                      GError             **error);

G_END_DECLS
