/* gaio-run.h
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

GAIO_AVAILABLE_IN_ALL
const GValue *gaio_run (GaioFuture  *future,
                        GError     **error);

G_END_DECLS
