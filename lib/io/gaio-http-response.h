/* gaio-http-response.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#if !defined(GAIO_INSIDE) && !defined(GAIO_COMPILATION)
# error "Only <gaio.h> can be included directly."
#endif

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "gaio-future.h"
#include "gaio-http-metrics.h"
#include "gaio-version-macros.h"

G_BEGIN_DECLS

#define GAIO_TYPE_HTTP_RESPONSE (gaio_http_response_get_type ())

GAIO_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (GaioHttpResponse, gaio_http_response, GAIO, HTTP_RESPONSE, GObject)

GAIO_AVAILABLE_IN_ALL
const char         *gaio_http_response_get_method       (GaioHttpResponse  *self);
GAIO_AVAILABLE_IN_ALL
guint               gaio_http_response_get_status       (GaioHttpResponse  *self);
GAIO_AVAILABLE_IN_ALL
const char         *gaio_http_response_get_reason       (GaioHttpResponse  *self);
GAIO_AVAILABLE_IN_ALL
SoupMessageHeaders *gaio_http_response_get_headers      (GaioHttpResponse  *self);
GAIO_AVAILABLE_IN_ALL
const char         *gaio_http_response_get_header       (GaioHttpResponse  *self,
                                                         const char        *name);
GAIO_AVAILABLE_IN_ALL
const char         *gaio_http_response_get_content_type (GaioHttpResponse  *self);
GAIO_AVAILABLE_IN_ALL
GUri               *gaio_http_response_get_uri          (GaioHttpResponse  *self);
GAIO_AVAILABLE_IN_ALL
const char         *gaio_http_response_get_url          (GaioHttpResponse  *self);
GAIO_AVAILABLE_IN_ALL
guint               gaio_http_response_get_redirect_count (GaioHttpResponse *self);
GAIO_AVAILABLE_IN_ALL
double              gaio_http_response_get_elapsed      (GaioHttpResponse  *self);
GAIO_AVAILABLE_IN_0_2
SoupHTTPVersion     gaio_http_response_get_http_version (GaioHttpResponse *self);
GAIO_AVAILABLE_IN_0_2
GaioHttpMetrics    *gaio_http_response_get_metrics      (GaioHttpResponse  *self);
GAIO_AVAILABLE_IN_ALL
GBytes             *gaio_http_response_get_body         (GaioHttpResponse  *self);
GAIO_AVAILABLE_IN_ALL
const char         *gaio_http_response_get_charset      (GaioHttpResponse  *self);
GAIO_AVAILABLE_IN_ALL
const char         *gaio_http_response_get_text         (GaioHttpResponse  *self);
GAIO_AVAILABLE_IN_ALL
JsonNode           *gaio_http_response_get_json         (GaioHttpResponse  *self,
                                                         GError           **error) G_GNUC_WARN_UNUSED_RESULT;

/* Reading the body as it streams (see gaio_http_client_open()). */
GAIO_AVAILABLE_IN_ALL
GaioFuture         *gaio_http_response_read             (GaioHttpResponse  *self,
                                                         gsize              max_bytes) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
void                gaio_http_response_read_async       (GaioHttpResponse    *self,
                                                         gsize                max_bytes,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
GAIO_AVAILABLE_IN_ALL
GBytes             *gaio_http_response_read_finish      (GaioHttpResponse  *self,
                                                         GAsyncResult      *result,
                                                         GError           **error) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
GaioFuture         *gaio_http_response_read_line        (GaioHttpResponse  *self,
                                                         gsize              max_bytes) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
void                gaio_http_response_read_line_async  (GaioHttpResponse    *self,
                                                         gsize                max_bytes,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
GAIO_AVAILABLE_IN_ALL
GBytes             *gaio_http_response_read_line_finish (GaioHttpResponse  *self,
                                                         GAsyncResult      *result,
                                                         GError           **error) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
GInputStream       *gaio_http_response_get_input_stream (GaioHttpResponse  *self) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
void                gaio_http_response_close            (GaioHttpResponse  *self);

G_END_DECLS
