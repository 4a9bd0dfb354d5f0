/* gaio-future-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#include "gaio-future.h"
#include "gaio-scheduler-private.h"

G_BEGIN_DECLS

/* Settles @self, taking @value's contents and @error. With @quiet, settling
 * an already settled future is not an error: the arguments are dropped and
 * FALSE returned. This is how racing completions (a timer against the work
 * it times, a GIO callback against a cancel) resolve without criticals. */
gboolean  gaio_future_settle            (GaioFuture      *self,
                                         GaioFutureState  state,
                                         GValue          *value,
                                         GError          *error,
                                         gboolean         quiet);
/* Settles @self quietly from the outcome of an operation: rejected with
 * @error (taken), or cancelled if @error is G_IO_ERROR_CANCELLED; without
 * @error, resolved with @value's contents (taken; NULL or unset for no
 * value). */
gboolean  gaio_future_settle_result     (GaioFuture      *self,
                                         GValue          *value,
                                         GError          *error);
gboolean  gaio_future_settle_cancelled  (GaioFuture      *self);
/* Resolves @self quietly like gaio_future_settle(), but when the caller is
 * an event handler on the thread iterating @self's context, outside any
 * fiber, the done callbacks run now instead of on the next iteration: a
 * task awaiting @self resumes inside the handler. For a source whose
 * handler runs at the top of the loop and whose waiter usually answers at
 * once (a WebSocket message), where one more main-loop iteration per
 * event costs more than the work; the caller must stay valid across
 * whatever the callbacks do. Unlike gaio_future_settle(), a future settled
 * already leaves @value to the caller, who can hand it to another. */
gboolean  gaio_future_settle_eager      (GaioFuture      *self,
                                         GValue          *value);
gboolean  gaio_future_settle_from       (GaioFuture      *self,
                                         GaioFuture      *source);
void      gaio_future_mark_observed     (GaioFuture      *self);

/* What gaio_future_cancel() does on a pending plain future instead of
 * settling it as cancelled: the hook settles @self (or starts the work that
 * will) and returns TRUE only if this request cancelled it. One private hook
 * replaces the subclasses that existed only to cancel. Set it once, before
 * @self is shared; @destroy frees @data when @self is finalized. */
typedef gboolean (*GaioCancelHook) (GaioFuture *self,
                                    gpointer    data);
void      gaio_future_set_cancel_hook   (GaioFuture      *self,
                                         GaioCancelHook   hook,
                                         gpointer         data,
                                         GDestroyNotify   destroy);
/* The data given with @self's cancel hook, or NULL without one. */
gpointer  gaio_future_get_cancel_data   (GaioFuture      *self);
/* A future computed by work that reports back (a job on the worker pool, a
 * GIO operation). Cancelling it only claims the cancel and cancels its
 * GCancellable: the work settles the future once it has stopped, or
 * finished anyway, so its outcome is the truth. A cancelled write, for
 * one, is cancelled only if the file was really left alone. */
GaioFuture *gaio_future_new_for_work    (void);
/* The one bridge from a GIO _async()/_finish() pair to a future. Returns a
 * work future (above) and fills @callback and @user_data to pass to the
 * _async() call, with the future's cancellable as its cancellable. The
 * callback calls @finish on the owner context and settles the future
 * with what @finish reports: a value (left unset for none), or an error
 * (G_IO_ERROR_CANCELLED settles it as cancelled). So a cancel that came
 * too late to stop the operation reports what happened. */
typedef gboolean (*GaioFinishFunc) (GObject       *source_object,
                                    GAsyncResult  *result,
                                    GValue        *value,
                                    GError       **error);
GaioFuture *gaio_future_new_for_async   (GaioFinishFunc       finish,
                                         GAsyncReadyCallback *callback,
                                         gpointer            *user_data);
/* TRUE for the first caller only: how futures that settle later (tasks,
 * work running elsewhere) tell the one request that counts. */
gboolean  gaio_future_claim_cancel      (GaioFuture      *self);
/* Settles @self as @source settles, quietly: if @self settled first (it was
 * cancelled, or a timer beat @source), @source's outcome is dropped. */
void      gaio_future_follow            (GaioFuture      *self,
                                         GaioFuture      *source);
char     *gaio_future_describe          (GaioFuture      *self);

/* What made a future, for the task graph (gaio-task-graph.c): a byte in
 * the padding of every future, set once by whatever made the future before
 * sharing it, so recording it costs no memory and one store. */
typedef enum {
  GAIO_FUTURE_KIND_PLAIN,
  GAIO_FUTURE_KIND_SLEEP,
  GAIO_FUTURE_KIND_TIMEOUT,      /* the cancel hook's data is the future it times */
  GAIO_FUTURE_KIND_SHIELD,
  GAIO_FUTURE_KIND_SEMAPHORE,
  GAIO_FUTURE_KIND_LOCK,
  GAIO_FUTURE_KIND_EVENT,
  GAIO_FUTURE_KIND_CONDITION,
  GAIO_FUTURE_KIND_BARRIER,
  GAIO_FUTURE_KIND_QUEUE_GET,
  GAIO_FUTURE_KIND_QUEUE_PUT,
} GaioFutureKind;

/* Sets the kind of @self and returns @self. */
GaioFuture    *gaio_future_with_kind        (GaioFuture     *self,
                                             GaioFutureKind  kind);
GaioFutureKind gaio_future_get_kind         (GaioFuture     *self);
GaioScheduler *gaio_future_get_scheduler (GaioFuture *self);

/* Runs @func (@self, NULL) on @self's owner context: at once when the
 * calling thread owns that context, otherwise from the scheduler's next
 * batch. For state that only the owner may touch (a task's body, a
 * gatherer's counters) when the request may come from any thread. */
void      gaio_future_call_on_owner     (GaioFuture         *self,
                                         GaioFutureCallback  func);
/* Runs @func (@self, NULL) from the owner's next batch. Thread-safe. */
void      gaio_future_call_soon         (GaioFuture         *self,
                                         GaioFutureCallback  func);

G_END_DECLS
