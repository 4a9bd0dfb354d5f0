/* gaio-proxy-future-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#include "gaio-future.h"

G_BEGIN_DECLS

/* A future derived from another (a continuation, a timeout): cancelling it
 * cancels the source while the source is pending. Who settles it is up to
 * the code that made it. */
#define GAIO_TYPE_PROXY_FUTURE (gaio_proxy_future_get_type ())

G_DECLARE_FINAL_TYPE (GaioProxyFuture, gaio_proxy_future, GAIO, PROXY_FUTURE, GaioFuture)

GaioFuture *gaio_proxy_future_new        (GaioFuture      *source);
GaioFuture *gaio_proxy_future_get_source (GaioProxyFuture *self);

G_END_DECLS
