/* gaio-http-body-stream-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#include <gio/gio.h>

#include "gaio-http-response.h"

G_BEGIN_DECLS

/* A response's body as a GInputStream for GIO code: its asynchronous
 * reads are gaio_http_response_read(), so the cap, the deadline and
 * back-pressure hold; closing it closes the response. */
#define GAIO_TYPE_HTTP_BODY_STREAM (gaio_http_body_stream_get_type ())

G_DECLARE_FINAL_TYPE (GaioHttpBodyStream, gaio_http_body_stream, GAIO, HTTP_BODY_STREAM, GInputStream)

GInputStream *gaio_http_body_stream_new (GaioHttpResponse *response);

G_END_DECLS
