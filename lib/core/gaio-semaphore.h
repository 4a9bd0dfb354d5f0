/* gaio-semaphore.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#if !defined(GAIO_INSIDE) && !defined(GAIO_COMPILATION)
# error "Only <gaio.h> can be included directly."
#endif

#include "gaio-future.h"

G_BEGIN_DECLS

#define GAIO_TYPE_SEMAPHORE (gaio_semaphore_get_type ())

GAIO_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (GaioSemaphore, gaio_semaphore, GAIO, SEMAPHORE, GObject)

GAIO_AVAILABLE_IN_ALL
GaioSemaphore *gaio_semaphore_new            (guint                value) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
guint          gaio_semaphore_get_value      (GaioSemaphore       *self);
GAIO_AVAILABLE_IN_ALL
gboolean       gaio_semaphore_is_locked      (GaioSemaphore       *self);
GAIO_AVAILABLE_IN_ALL
GaioFuture    *gaio_semaphore_acquire        (GaioSemaphore       *self) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
void           gaio_semaphore_acquire_async  (GaioSemaphore       *self,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GAIO_AVAILABLE_IN_ALL
gboolean       gaio_semaphore_acquire_finish (GaioSemaphore       *self,
                                              GAsyncResult        *result,
                                              GError             **error);
GAIO_AVAILABLE_IN_ALL
gboolean       gaio_semaphore_try_acquire    (GaioSemaphore       *self);
GAIO_AVAILABLE_IN_ALL
void           gaio_semaphore_release        (GaioSemaphore       *self);

G_END_DECLS
