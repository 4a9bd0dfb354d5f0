/* gaio-http-request-options.h
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

#include "gaio-version-macros.h"

G_BEGIN_DECLS

#define GAIO_TYPE_HTTP_REQUEST_OPTIONS (gaio_http_request_options_get_type ())

GAIO_AVAILABLE_IN_0_2
G_DECLARE_FINAL_TYPE (GaioHttpRequestOptions, gaio_http_request_options, GAIO, HTTP_REQUEST_OPTIONS, GObject)

GAIO_AVAILABLE_IN_0_2
GaioHttpRequestOptions *gaio_http_request_options_new                   (void) G_GNUC_WARN_UNUSED_RESULT;

/* Headers */
GAIO_AVAILABLE_IN_0_2
SoupMessageHeaders     *gaio_http_request_options_get_headers           (GaioHttpRequestOptions *self);
GAIO_AVAILABLE_IN_0_2
void                    gaio_http_request_options_add_header            (GaioHttpRequestOptions *self,
                                                                         const char             *name,
                                                                         const char             *value);
GAIO_AVAILABLE_IN_0_2
void                    gaio_http_request_options_set_header            (GaioHttpRequestOptions *self,
                                                                         const char             *name,
                                                                         const char             *value);
GAIO_AVAILABLE_IN_0_2
void                    gaio_http_request_options_set_basic_auth        (GaioHttpRequestOptions *self,
                                                                         const char             *username,
                                                                         const char             *password);
GAIO_AVAILABLE_IN_0_2
void                    gaio_http_request_options_set_bearer_token      (GaioHttpRequestOptions *self,
                                                                         const char             *token);

/* The body */
GAIO_AVAILABLE_IN_0_2
void                    gaio_http_request_options_set_body_bytes        (GaioHttpRequestOptions *self,
                                                                         const char             *content_type,
                                                                         GBytes                 *body);
GAIO_AVAILABLE_IN_0_2
void                    gaio_http_request_options_set_body_text         (GaioHttpRequestOptions *self,
                                                                         const char             *content_type,
                                                                         const char             *text);
GAIO_AVAILABLE_IN_0_2
void                    gaio_http_request_options_set_body_json         (GaioHttpRequestOptions *self,
                                                                         JsonNode               *node);
GAIO_AVAILABLE_IN_0_2
void                    gaio_http_request_options_set_body_stream       (GaioHttpRequestOptions *self,
                                                                         const char             *content_type,
                                                                         GInputStream           *stream,
                                                                         gint64                  length);
GAIO_AVAILABLE_IN_0_2
void                    gaio_http_request_options_set_body_file         (GaioHttpRequestOptions *self,
                                                                         const char             *content_type,
                                                                         GFile                  *file);
GAIO_AVAILABLE_IN_0_2
void                    gaio_http_request_options_add_form_field        (GaioHttpRequestOptions *self,
                                                                         const char             *name,
                                                                         const char             *value);
GAIO_AVAILABLE_IN_0_2
void                    gaio_http_request_options_add_multipart_field   (GaioHttpRequestOptions *self,
                                                                         const char             *name,
                                                                         const char             *value);
GAIO_AVAILABLE_IN_0_2
void                    gaio_http_request_options_add_multipart_bytes   (GaioHttpRequestOptions *self,
                                                                         const char             *name,
                                                                         const char             *filename,
                                                                         const char             *content_type,
                                                                         GBytes                 *bytes);
GAIO_AVAILABLE_IN_0_2
void                    gaio_http_request_options_add_multipart_file    (GaioHttpRequestOptions *self,
                                                                         const char             *name,
                                                                         GFile                  *file,
                                                                         const char             *filename,
                                                                         const char             *content_type);

/* The URL */
GAIO_AVAILABLE_IN_0_2
void                    gaio_http_request_options_add_query_param       (GaioHttpRequestOptions *self,
                                                                         const char             *name,
                                                                         const char             *value);

/* Overrides of the client's settings */
GAIO_AVAILABLE_IN_0_2
double                  gaio_http_request_options_get_timeout           (GaioHttpRequestOptions *self);
GAIO_AVAILABLE_IN_0_2
void                    gaio_http_request_options_set_timeout           (GaioHttpRequestOptions *self,
                                                                         double                  seconds);
GAIO_AVAILABLE_IN_0_2
gint64                  gaio_http_request_options_get_max_body_size     (GaioHttpRequestOptions *self);
GAIO_AVAILABLE_IN_0_2
void                    gaio_http_request_options_set_max_body_size     (GaioHttpRequestOptions *self,
                                                                         gint64                  max_body_size);
GAIO_AVAILABLE_IN_0_2
int                     gaio_http_request_options_get_max_redirects     (GaioHttpRequestOptions *self);
GAIO_AVAILABLE_IN_0_2
void                    gaio_http_request_options_set_max_redirects     (GaioHttpRequestOptions *self,
                                                                         int                     max_redirects);
GAIO_AVAILABLE_IN_0_2
int                     gaio_http_request_options_get_max_retries       (GaioHttpRequestOptions *self);
GAIO_AVAILABLE_IN_0_2
void                    gaio_http_request_options_set_max_retries       (GaioHttpRequestOptions *self,
                                                                         int                     max_retries);
GAIO_AVAILABLE_IN_0_2
gboolean                gaio_http_request_options_get_raise_for_status  (GaioHttpRequestOptions *self);
GAIO_AVAILABLE_IN_0_2
void                    gaio_http_request_options_set_raise_for_status  (GaioHttpRequestOptions *self,
                                                                         gboolean                raise_for_status);
GAIO_AVAILABLE_IN_0_2
gboolean                gaio_http_request_options_get_raise_for_status_set (GaioHttpRequestOptions *self);
GAIO_AVAILABLE_IN_0_2
void                    gaio_http_request_options_unset_raise_for_status (GaioHttpRequestOptions *self);

G_END_DECLS
