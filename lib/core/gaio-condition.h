/* gaio-condition.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#if !defined(GAIO_INSIDE) && !defined(GAIO_COMPILATION)
# error "Only <gaio.h> can be included directly."
#endif

#include "gaio-lock.h"

G_BEGIN_DECLS

#define GAIO_TYPE_CONDITION (gaio_condition_get_type ())

GAIO_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (GaioCondition, gaio_condition, GAIO, CONDITION, GObject)

GAIO_AVAILABLE_IN_ALL
GaioCondition *gaio_condition_new         (GaioLock            *lock) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
GaioLock      *gaio_condition_get_lock    (GaioCondition       *self);
GAIO_AVAILABLE_IN_ALL
GaioFuture    *gaio_condition_wait        (GaioCondition       *self) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
void           gaio_condition_wait_async  (GaioCondition       *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
GAIO_AVAILABLE_IN_ALL
gboolean       gaio_condition_wait_finish (GaioCondition       *self,
                                           GAsyncResult        *result,
                                           GError             **error);
GAIO_AVAILABLE_IN_ALL
void           gaio_condition_notify      (GaioCondition       *self,
                                           guint                n);
GAIO_AVAILABLE_IN_ALL
void           gaio_condition_notify_all  (GaioCondition       *self);

G_END_DECLS
