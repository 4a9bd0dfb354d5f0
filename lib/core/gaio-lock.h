/* gaio-lock.h
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

#define GAIO_TYPE_LOCK (gaio_lock_get_type ())

GAIO_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (GaioLock, gaio_lock, GAIO, LOCK, GObject)

GAIO_AVAILABLE_IN_ALL
GaioLock   *gaio_lock_new            (void) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
gboolean    gaio_lock_is_locked      (GaioLock            *self);
GAIO_AVAILABLE_IN_ALL
GaioFuture *gaio_lock_acquire        (GaioLock            *self) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
void        gaio_lock_acquire_async  (GaioLock            *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
GAIO_AVAILABLE_IN_ALL
gboolean    gaio_lock_acquire_finish (GaioLock            *self,
                                      GAsyncResult        *result,
                                      GError             **error);
GAIO_AVAILABLE_IN_ALL
gboolean    gaio_lock_try_acquire    (GaioLock            *self);
GAIO_AVAILABLE_IN_ALL
void        gaio_lock_release        (GaioLock            *self);

G_END_DECLS
