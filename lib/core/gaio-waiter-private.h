/* gaio-waiter-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#include "gaio-future.h"

G_BEGIN_DECLS

/* A FIFO of pending futures: the waiters of a semaphore, event, condition,
 * barrier, queue, gatherer cursor or WebSocket. A waiter cancelled while queued stays in the
 * queue and is skipped when its turn comes, so cancelling costs nothing and
 * a grant can never be lost: granting settles the waiter, and a waiter that
 * is no longer pending refuses the grant atomically. Its entries are the
 * futures themselves (one reference each), or for a queue's putters
 * structs that hold one. Used on the owner context only. */
typedef struct
{
  gpointer *ring;       /* the entries, oldest at head; NULL until a push */
  guint     head;
  guint     length;
  guint     capacity;   /* a power of two */
  guint     sweep_at;   /* length at which settled entries are swept out */
} GaioWaitQueue;

void        gaio_wait_queue_init     (GaioWaitQueue *self);
/* Cancels and drops the waiter futures left and frees the storage; a queue
 * of other entries is emptied by its owner first. */
void        gaio_wait_queue_clear    (GaioWaitQueue *self);
/* Queues a new pending future and returns it. */
GaioFuture *gaio_wait_queue_push     (GaioWaitQueue *self);
void        gaio_wait_queue_push_entry (GaioWaitQueue *self,
                                        gpointer       entry);
gpointer    gaio_wait_queue_pop      (GaioWaitQueue *self);
gpointer    gaio_wait_queue_peek     (GaioWaitQueue *self);
/* Frees the entries whose future is done (@future_of finds it, or NULL
 * when the entries are futures), keeping the order of the others. */
void        gaio_wait_queue_drop_settled (GaioWaitQueue  *self,
                                          GaioFuture   *(*future_of) (gpointer entry),
                                          GDestroyNotify  free_entry);
/* The same, only once the queue has grown to its sweep threshold, which
 * then becomes twice what is left: cancelled waiters cost O(1) each on
 * average and never pile up. */
void        gaio_wait_queue_sweep    (GaioWaitQueue  *self,
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
  return self->length == 0;
}

static inline guint
gaio_wait_queue_get_length (GaioWaitQueue *self)
{
  return self->length;
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
