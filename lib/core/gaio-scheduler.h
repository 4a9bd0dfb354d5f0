/* gaio-scheduler.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#if !defined(GAIO_INSIDE) && !defined(GAIO_COMPILATION)
# error "Only <gaio.h> can be included directly."
#endif

#include <glib.h>

#include "gaio-version-macros.h"

G_BEGIN_DECLS

GAIO_AVAILABLE_IN_ALL
void          gaio_set_slow_callback_threshold  (guint        milliseconds);
GAIO_AVAILABLE_IN_ALL
guint         gaio_get_slow_callback_threshold  (void);

G_END_DECLS
