/* gaio-http-error.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include "gaio-http-error.h"

/**
 * gaio_http_error_quark:
 *
 * Gets the quark of `GAIO_HTTP_ERROR`, the domain of HTTP statuses rejected by
 * [property@Gaio.HttpClient:raise-for-status].
 *
 * Returns: the error domain
 */
G_DEFINE_QUARK (gaio-http-error-quark, gaio_http_error)
