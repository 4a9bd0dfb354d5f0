/* gaio-future.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#if !defined(GAIO_INSIDE) && !defined(GAIO_COMPILATION)
# error "Only <gaio.h> can be included directly."
#endif

#include <gio/gio.h>

#include "gaio-version-macros.h"

G_BEGIN_DECLS

/**
 * GaioFutureState:
 * @GAIO_FUTURE_STATE_PENDING: not settled yet
 * @GAIO_FUTURE_STATE_RESOLVED: settled with a value
 * @GAIO_FUTURE_STATE_REJECTED: settled with an error
 * @GAIO_FUTURE_STATE_CANCELLED: settled by cancellation; the error is
 *   `G_IO_ERROR_CANCELLED`
 *
 * The states of a [class@Gaio.Future]. A future leaves `PENDING` once and
 * never changes state again.
 */
typedef enum {
  GAIO_FUTURE_STATE_PENDING,
  GAIO_FUTURE_STATE_RESOLVED,
  GAIO_FUTURE_STATE_REJECTED,
  GAIO_FUTURE_STATE_CANCELLED,
} GaioFutureState;

#define GAIO_TYPE_FUTURE (gaio_future_get_type ())

GAIO_AVAILABLE_IN_ALL
G_DECLARE_DERIVABLE_TYPE (GaioFuture, gaio_future, GAIO, FUTURE, GObject)

/**
 * GaioFutureClass:
 * @parent_class: the parent class
 * @request_cancel: requests cancellation of a pending future. The default settles
 *   the future as cancelled at once; subclasses that run work (tasks,
 *   gatherers) stop that work first and settle when it has stopped.
 *   Called only while the future is pending; may run on any thread.
 *
 * The class structure of [class@Gaio.Future].
 */
struct _GaioFutureClass
{
  GObjectClass parent_class;

  void (*request_cancel) (GaioFuture *self);

  /*< private >*/
  gpointer _reserved[8];
};

/**
 * GaioFutureCallback:
 * @future: the settled future
 * @user_data: the data given with the callback
 *
 * A function called once @future has settled, on the future's owner
 * [struct@GLib.MainContext].
 */
typedef void (*GaioFutureCallback) (GaioFuture *future,
                                    gpointer    user_data);

/**
 * GaioFutureContinuation:
 * @future: the settled future
 * @user_data: the data given with the continuation
 *
 * A C continuation for [method@Gaio.Future.then] and its siblings.
 *
 * Returns: (transfer full) (nullable): a future whose outcome the chained
 *   future takes over, or %NULL to resolve it with no value
 */
typedef GaioFuture *(*GaioFutureContinuation) (GaioFuture *future,
                                               gpointer    user_data);

GAIO_AVAILABLE_IN_ALL
GaioFuture      *gaio_future_new               (void) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
GaioFuture      *gaio_future_new_resolved      (const GValue           *value) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
GaioFuture      *gaio_future_new_rejected      (GError                 *error) G_GNUC_WARN_UNUSED_RESULT;

GAIO_AVAILABLE_IN_ALL
GaioFutureState  gaio_future_get_state         (GaioFuture             *self);
GAIO_AVAILABLE_IN_ALL
gboolean         gaio_future_is_done           (GaioFuture             *self);
GAIO_AVAILABLE_IN_ALL
gboolean         gaio_future_is_cancelled      (GaioFuture             *self);
GAIO_AVAILABLE_IN_ALL
const char      *gaio_future_get_name          (GaioFuture             *self);
GAIO_AVAILABLE_IN_ALL
void             gaio_future_set_name          (GaioFuture             *self,
                                                const char             *name);
GAIO_AVAILABLE_IN_ALL
GMainContext    *gaio_future_get_context       (GaioFuture             *self);
GAIO_AVAILABLE_IN_0_2
int              gaio_future_get_priority      (GaioFuture             *self);
GAIO_AVAILABLE_IN_0_2
void             gaio_future_set_priority      (GaioFuture             *self,
                                                int                     priority);

GAIO_AVAILABLE_IN_ALL
void             gaio_future_resolve           (GaioFuture             *self,
                                                const GValue           *value);
GAIO_AVAILABLE_IN_ALL
gboolean         gaio_future_try_resolve       (GaioFuture             *self,
                                                const GValue           *value);
GAIO_AVAILABLE_IN_ALL
void             gaio_future_take_value        (GaioFuture             *self,
                                                GValue                 *value);
GAIO_AVAILABLE_IN_ALL
void             gaio_future_resolve_boolean   (GaioFuture             *self,
                                                gboolean                value);
GAIO_AVAILABLE_IN_ALL
void             gaio_future_resolve_int       (GaioFuture             *self,
                                                int                     value);
GAIO_AVAILABLE_IN_ALL
void             gaio_future_resolve_int64     (GaioFuture             *self,
                                                gint64                  value);
GAIO_AVAILABLE_IN_ALL
void             gaio_future_resolve_double    (GaioFuture             *self,
                                                double                  value);
GAIO_AVAILABLE_IN_ALL
void             gaio_future_resolve_string    (GaioFuture             *self,
                                                const char             *value);
GAIO_AVAILABLE_IN_ALL
void             gaio_future_resolve_object    (GaioFuture             *self,
                                                gpointer                object);
GAIO_AVAILABLE_IN_ALL
void             gaio_future_resolve_boxed     (GaioFuture             *self,
                                                GType                   boxed_type,
                                                gconstpointer           boxed);
GAIO_AVAILABLE_IN_ALL
void             gaio_future_resolve_pointer   (GaioFuture             *self,
                                                gpointer                pointer,
                                                GDestroyNotify          destroy);
GAIO_AVAILABLE_IN_ALL
void             gaio_future_reject            (GaioFuture             *self,
                                                GError                 *error);
GAIO_AVAILABLE_IN_ALL
gboolean         gaio_future_try_reject        (GaioFuture             *self,
                                                GError                 *error);
GAIO_AVAILABLE_IN_ALL
void             gaio_future_reject_literal    (GaioFuture             *self,
                                                GQuark                  domain,
                                                int                     code,
                                                const char             *message);
GAIO_AVAILABLE_IN_ALL
void             gaio_future_reject_printf     (GaioFuture             *self,
                                                GQuark                  domain,
                                                int                     code,
                                                const char             *format,
                                                ...) G_GNUC_PRINTF (4, 5);
GAIO_AVAILABLE_IN_ALL
gboolean         gaio_future_cancel            (GaioFuture             *self);

GAIO_AVAILABLE_IN_ALL
const GValue    *gaio_future_get_value         (GaioFuture             *self);
GAIO_AVAILABLE_IN_ALL
gpointer         gaio_future_get_pointer       (GaioFuture             *self);
GAIO_AVAILABLE_IN_ALL
const GError    *gaio_future_get_error         (GaioFuture             *self);
GAIO_AVAILABLE_IN_ALL
gboolean         gaio_future_propagate         (GaioFuture             *self,
                                                GError                **error);

GAIO_AVAILABLE_IN_ALL
GCancellable    *gaio_future_get_cancellable   (GaioFuture             *self);

GAIO_AVAILABLE_IN_ALL
gulong           gaio_future_add_done_callback (GaioFuture             *self,
                                                GaioFutureCallback      callback,
                                                gpointer                user_data,
                                                GDestroyNotify          destroy);
GAIO_AVAILABLE_IN_0_2
gboolean         gaio_future_remove_done_callback (GaioFuture          *self,
                                                   gulong               id);

GAIO_AVAILABLE_IN_ALL
GaioFuture      *gaio_future_then              (GaioFuture             *self,
                                                GaioFutureContinuation  continuation,
                                                gpointer                user_data,
                                                GDestroyNotify          destroy) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
GaioFuture      *gaio_future_catch             (GaioFuture             *self,
                                                GaioFutureContinuation  continuation,
                                                gpointer                user_data,
                                                GDestroyNotify          destroy) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
GaioFuture      *gaio_future_finally           (GaioFuture             *self,
                                                GaioFutureCallback      callback,
                                                gpointer                user_data,
                                                GDestroyNotify          destroy) G_GNUC_WARN_UNUSED_RESULT;

GAIO_AVAILABLE_IN_ALL
void             gaio_future_wait_async        (GaioFuture             *self,
                                                GCancellable           *cancellable,
                                                GAsyncReadyCallback     callback,
                                                gpointer                user_data);
GAIO_AVAILABLE_IN_ALL
GValue          *gaio_future_wait_finish       (GaioFuture             *self,
                                                GAsyncResult           *result,
                                                GError                **error) G_GNUC_WARN_UNUSED_RESULT;

GAIO_AVAILABLE_IN_ALL
void             gaio_future_async_ready_callback (GObject             *source_object,
                                                   GAsyncResult        *result,
                                                   gpointer             user_data);

G_END_DECLS
