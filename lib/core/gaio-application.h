/* gaio-application.h
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

GAIO_AVAILABLE_IN_0_2
void  gaio_application_watch        (GApplication *application,
                                     guint         timeout_ms);
GAIO_AVAILABLE_IN_0_2
void  gaio_application_hold_future  (GApplication *application,
                                     GaioFuture   *future);
GAIO_AVAILABLE_IN_0_2
guint gaio_application_get_n_held   (GApplication *application);

G_END_DECLS
