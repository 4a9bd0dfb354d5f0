/* gaio-http-future-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#include "gaio-future-private.h"
#include "gaio-scheduler-private.h"

G_BEGIN_DECLS

typedef struct _GaioHttpRequest GaioHttpRequest;

/* The future an HTTP request returns: a plain future with a cancel hook.
 * Cancelling it, from any thread, stops the transfer through the request's
 * cancellable at once; the request then settles the future on the
 * client's context once it has cleaned up (a download's temporary file is
 * gone by then). @request is not referenced: it holds the future until it
 * settles, and detaches itself first. */
GaioFuture *gaio_http_future_new    (GaioHttpRequest *request);
void        gaio_http_future_detach (GaioFuture      *future);

G_END_DECLS
