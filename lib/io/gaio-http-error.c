/* gaio-http-error.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include "gaio-http-error.h"

G_DEFINE_QUARK (gaio-http-error-quark, gaio_http_error)
