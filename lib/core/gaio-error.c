/* gaio-error.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include "gaio-error.h"

/**
 * gaio_error_quark:
 *
 * Gets the quark of `GAIO_ERROR`, the domain of Gaio's own policies.
 *
 * Returns: the error domain
 */
G_DEFINE_QUARK (gaio-error-quark, gaio_error)
