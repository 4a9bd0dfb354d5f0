/* gaio-http-request-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#include "gaio-http-client.h"
#include "gaio-http-future-private.h"
#include "gaio-http-request-options.h"

G_BEGIN_DECLS

/* One request's life on the client's context: it waits in the client's
 * queue, then sends, follows redirects, reads the body under the size cap
 * (or streams it to a file), retries, and settles its future. The client
 * decides only when it starts. */

typedef enum {
  GAIO_HTTP_REQUEST_NEW,
  GAIO_HTTP_REQUEST_QUEUED,    /* in the client's queue */
  GAIO_HTTP_REQUEST_RUNNING,   /* holding a connection slot */
  GAIO_HTTP_REQUEST_BACKOFF,   /* waiting to retry, without a slot */
  GAIO_HTTP_REQUEST_DONE,
} GaioHttpRequestState;

/* Every entry point comes here. The request keeps a snapshot of
 * @options (nullable); @destination (nullable) makes it a download. */
GaioFuture          *gaio_http_request_submit       (GaioHttpClient         *client,
                                                     const char             *method,
                                                     const char             *url,
                                                     GaioHttpRequestOptions *options,
                                                     GFile                  *destination);
/* Like submit, but the future resolves as soon as the headers arrive,
 * the body unread (see "Streaming" in the .c). */
GaioFuture          *gaio_http_request_open         (GaioHttpClient         *client,
                                                     const char             *method,
                                                     const char             *url,
                                                     GaioHttpRequestOptions *options);
/* A WebSocket handshake, as a GET request (see "WebSockets" in the .c);
 * the future resolves to a GaioWebSocket. */
GaioFuture          *gaio_http_request_websocket    (GaioHttpClient         *client,
                                                     const char             *url,
                                                     const char * const     *protocols);
GaioHttpRequestState gaio_http_request_get_state    (GaioHttpRequest    *self);
const char          *gaio_http_request_get_host_key (GaioHttpRequest    *self);
void                 gaio_http_request_start        (GaioHttpRequest    *self);
void                 gaio_http_request_cancel       (GaioHttpRequest    *self);

/* A streamed body, on the client's context (see "Streaming" in the .c). */
GaioHttpRequest     *gaio_http_request_ref          (GaioHttpRequest    *self);
void                 gaio_http_request_unref        (GaioHttpRequest    *self);
GaioFuture          *gaio_http_request_read         (GaioHttpRequest    *self,
                                                     gsize               max_bytes,
                                                     gboolean            line);
void                 gaio_http_request_close        (GaioHttpRequest    *self);

G_END_DECLS
