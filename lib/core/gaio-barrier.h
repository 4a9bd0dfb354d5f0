/* gaio-barrier.h
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

#define GAIO_TYPE_BARRIER (gaio_barrier_get_type ())

GAIO_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (GaioBarrier, gaio_barrier, GAIO, BARRIER, GObject)

GAIO_AVAILABLE_IN_ALL
GaioBarrier *gaio_barrier_new           (guint                parties) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
guint        gaio_barrier_get_parties   (GaioBarrier         *self);
GAIO_AVAILABLE_IN_ALL
guint        gaio_barrier_get_n_waiting (GaioBarrier         *self);
GAIO_AVAILABLE_IN_ALL
gboolean     gaio_barrier_is_broken     (GaioBarrier         *self);
GAIO_AVAILABLE_IN_ALL
GaioFuture  *gaio_barrier_wait          (GaioBarrier         *self) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
void         gaio_barrier_wait_async    (GaioBarrier         *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
GAIO_AVAILABLE_IN_ALL
int          gaio_barrier_wait_finish   (GaioBarrier         *self,
                                         GAsyncResult        *result,
                                         GError             **error);
GAIO_AVAILABLE_IN_ALL
void         gaio_barrier_reset         (GaioBarrier         *self);
GAIO_AVAILABLE_IN_ALL
void         gaio_barrier_abort         (GaioBarrier         *self);

G_END_DECLS
