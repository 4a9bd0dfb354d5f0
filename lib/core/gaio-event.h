/* gaio-event.h
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

#define GAIO_TYPE_EVENT (gaio_event_get_type ())

GAIO_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (GaioEvent, gaio_event, GAIO, EVENT, GObject)

GAIO_AVAILABLE_IN_ALL
GaioEvent  *gaio_event_new         (void) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
gboolean    gaio_event_is_set      (GaioEvent           *self);
GAIO_AVAILABLE_IN_ALL
void        gaio_event_set         (GaioEvent           *self);
GAIO_AVAILABLE_IN_ALL
void        gaio_event_clear       (GaioEvent           *self);
GAIO_AVAILABLE_IN_ALL
GaioFuture *gaio_event_wait        (GaioEvent           *self) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
void        gaio_event_wait_async  (GaioEvent           *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
GAIO_AVAILABLE_IN_ALL
gboolean    gaio_event_wait_finish (GaioEvent           *self,
                                    GAsyncResult        *result,
                                    GError             **error);

G_END_DECLS
