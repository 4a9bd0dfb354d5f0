/* gaio-http-client.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#if !defined(GAIO_INSIDE) && !defined(GAIO_COMPILATION)
# error "Only <gaio.h> can be included directly."
#endif

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "gaio-future.h"
#include "gaio-http-request-options.h"
#include "gaio-http-response.h"
#include "gaio-version-macros.h"

G_BEGIN_DECLS

#define GAIO_TYPE_HTTP_CLIENT (gaio_http_client_get_type ())

GAIO_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (GaioHttpClient, gaio_http_client, GAIO, HTTP_CLIENT, GObject)

GAIO_AVAILABLE_IN_ALL
GaioHttpClient   *gaio_http_client_new                          (void) G_GNUC_WARN_UNUSED_RESULT;

/* Limits and policies (each is also a property). */
GAIO_AVAILABLE_IN_ALL
guint             gaio_http_client_get_max_connections          (GaioHttpClient      *self);
GAIO_AVAILABLE_IN_ALL
void              gaio_http_client_set_max_connections          (GaioHttpClient      *self,
                                                                 guint                max_connections);
GAIO_AVAILABLE_IN_ALL
guint             gaio_http_client_get_max_connections_per_host (GaioHttpClient      *self);
GAIO_AVAILABLE_IN_ALL
void              gaio_http_client_set_max_connections_per_host (GaioHttpClient      *self,
                                                                 guint                max_connections);
GAIO_AVAILABLE_IN_ALL
double            gaio_http_client_get_timeout                  (GaioHttpClient      *self);
GAIO_AVAILABLE_IN_ALL
void              gaio_http_client_set_timeout                  (GaioHttpClient      *self,
                                                                 double               seconds);
GAIO_AVAILABLE_IN_ALL
double            gaio_http_client_get_connect_timeout          (GaioHttpClient      *self);
GAIO_AVAILABLE_IN_ALL
void              gaio_http_client_set_connect_timeout          (GaioHttpClient      *self,
                                                                 double               seconds);
GAIO_AVAILABLE_IN_ALL
double            gaio_http_client_get_idle_timeout             (GaioHttpClient      *self);
GAIO_AVAILABLE_IN_ALL
void              gaio_http_client_set_idle_timeout             (GaioHttpClient      *self,
                                                                 double               seconds);
GAIO_AVAILABLE_IN_ALL
guint64           gaio_http_client_get_max_body_size            (GaioHttpClient      *self);
GAIO_AVAILABLE_IN_ALL
void              gaio_http_client_set_max_body_size            (GaioHttpClient      *self,
                                                                 guint64              max_body_size);
GAIO_AVAILABLE_IN_ALL
guint             gaio_http_client_get_max_redirects            (GaioHttpClient      *self);
GAIO_AVAILABLE_IN_ALL
void              gaio_http_client_set_max_redirects            (GaioHttpClient      *self,
                                                                 guint                max_redirects);
GAIO_AVAILABLE_IN_ALL
gboolean          gaio_http_client_get_raise_for_status         (GaioHttpClient      *self);
GAIO_AVAILABLE_IN_ALL
void              gaio_http_client_set_raise_for_status         (GaioHttpClient      *self,
                                                                 gboolean             raise_for_status);
GAIO_AVAILABLE_IN_ALL
const char       *gaio_http_client_get_user_agent               (GaioHttpClient      *self);
GAIO_AVAILABLE_IN_ALL
void              gaio_http_client_set_user_agent               (GaioHttpClient      *self,
                                                                 const char          *user_agent);
GAIO_AVAILABLE_IN_ALL
const char       *gaio_http_client_get_ca_file                  (GaioHttpClient      *self);
GAIO_AVAILABLE_IN_ALL
gboolean          gaio_http_client_set_ca_file                  (GaioHttpClient      *self,
                                                                 const char          *ca_file,
                                                                 GError             **error);
GAIO_AVAILABLE_IN_ALL
SoupCookieJar    *gaio_http_client_get_cookie_jar               (GaioHttpClient      *self);
GAIO_AVAILABLE_IN_ALL
void              gaio_http_client_set_cookie_jar               (GaioHttpClient      *self,
                                                                 SoupCookieJar       *cookie_jar);
GAIO_AVAILABLE_IN_ALL
guint             gaio_http_client_get_max_retries              (GaioHttpClient      *self);
GAIO_AVAILABLE_IN_ALL
void              gaio_http_client_set_max_retries              (GaioHttpClient      *self,
                                                                 guint                max_retries);
GAIO_AVAILABLE_IN_ALL
double            gaio_http_client_get_retry_delay              (GaioHttpClient      *self);
GAIO_AVAILABLE_IN_ALL
void              gaio_http_client_set_retry_delay              (GaioHttpClient      *self,
                                                                 double               seconds);
GAIO_AVAILABLE_IN_ALL
double            gaio_http_client_get_max_retry_delay          (GaioHttpClient      *self);
GAIO_AVAILABLE_IN_ALL
void              gaio_http_client_set_max_retry_delay          (GaioHttpClient      *self,
                                                                 double               seconds);

GAIO_AVAILABLE_IN_0_2
const char       *gaio_http_client_get_base_url                 (GaioHttpClient      *self);
GAIO_AVAILABLE_IN_0_2
gboolean          gaio_http_client_set_base_url                 (GaioHttpClient      *self,
                                                                 const char          *base_url,
                                                                 GError             **error);
GAIO_AVAILABLE_IN_0_2
SoupMessageHeaders *gaio_http_client_get_default_headers        (GaioHttpClient      *self);
GAIO_AVAILABLE_IN_0_2
void              gaio_http_client_set_default_header           (GaioHttpClient      *self,
                                                                 const char          *name,
                                                                 const char          *value);
GAIO_AVAILABLE_IN_0_2
void              gaio_http_client_set_basic_auth               (GaioHttpClient      *self,
                                                                 const char          *username,
                                                                 const char          *password);
GAIO_AVAILABLE_IN_0_2
void              gaio_http_client_set_bearer_token             (GaioHttpClient      *self,
                                                                 const char          *token);
GAIO_AVAILABLE_IN_0_2
GProxyResolver   *gaio_http_client_get_proxy_resolver           (GaioHttpClient      *self);
GAIO_AVAILABLE_IN_0_2
void              gaio_http_client_set_proxy_resolver           (GaioHttpClient      *self,
                                                                 GProxyResolver      *resolver);
GAIO_AVAILABLE_IN_0_2
gboolean          gaio_http_client_set_proxy_url                (GaioHttpClient      *self,
                                                                 const char          *proxy_url,
                                                                 GError             **error);

/* Requests as futures resolving to a GaioHttpResponse. */
GAIO_AVAILABLE_IN_ALL
GaioFuture       *gaio_http_client_get                          (GaioHttpClient      *self,
                                                                 const char          *url) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
GaioFuture       *gaio_http_client_head                         (GaioHttpClient      *self,
                                                                 const char          *url) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
GaioFuture       *gaio_http_client_post                         (GaioHttpClient      *self,
                                                                 const char          *url,
                                                                 const char          *content_type,
                                                                 GBytes              *body) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
GaioFuture       *gaio_http_client_request                      (GaioHttpClient      *self,
                                                                 const char          *method,
                                                                 const char          *url,
                                                                 SoupMessageHeaders  *headers,
                                                                 const char          *content_type,
                                                                 GBytes              *body) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_0_2
GaioFuture       *gaio_http_client_send                         (GaioHttpClient         *self,
                                                                 const char             *method,
                                                                 const char             *url,
                                                                 GaioHttpRequestOptions *options) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
GaioFuture       *gaio_http_client_download                     (GaioHttpClient      *self,
                                                                 const char          *url,
                                                                 GFile               *destination) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
GaioFuture       *gaio_http_client_open                         (GaioHttpClient         *self,
                                                                 const char             *method,
                                                                 const char             *url,
                                                                 GaioHttpRequestOptions *options) G_GNUC_WARN_UNUSED_RESULT;

/* The same as GIO asynchronous pairs, for Vala, GJS and Python. */
GAIO_AVAILABLE_IN_ALL
void              gaio_http_client_get_async                    (GaioHttpClient      *self,
                                                                 const char          *url,
                                                                 GCancellable        *cancellable,
                                                                 GAsyncReadyCallback  callback,
                                                                 gpointer             user_data);
GAIO_AVAILABLE_IN_ALL
GaioHttpResponse *gaio_http_client_get_finish                   (GaioHttpClient      *self,
                                                                 GAsyncResult        *result,
                                                                 GError             **error) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
void              gaio_http_client_request_async                (GaioHttpClient      *self,
                                                                 const char          *method,
                                                                 const char          *url,
                                                                 SoupMessageHeaders  *headers,
                                                                 const char          *content_type,
                                                                 GBytes              *body,
                                                                 GCancellable        *cancellable,
                                                                 GAsyncReadyCallback  callback,
                                                                 gpointer             user_data);
GAIO_AVAILABLE_IN_ALL
GaioHttpResponse *gaio_http_client_request_finish               (GaioHttpClient      *self,
                                                                 GAsyncResult        *result,
                                                                 GError             **error) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_0_2
void              gaio_http_client_send_async                   (GaioHttpClient         *self,
                                                                 const char             *method,
                                                                 const char             *url,
                                                                 GaioHttpRequestOptions *options,
                                                                 GCancellable           *cancellable,
                                                                 GAsyncReadyCallback     callback,
                                                                 gpointer                user_data);
GAIO_AVAILABLE_IN_0_2
GaioHttpResponse *gaio_http_client_send_finish                  (GaioHttpClient         *self,
                                                                 GAsyncResult           *result,
                                                                 GError                **error) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
void              gaio_http_client_download_async               (GaioHttpClient      *self,
                                                                 const char          *url,
                                                                 GFile               *destination,
                                                                 GCancellable        *cancellable,
                                                                 GAsyncReadyCallback  callback,
                                                                 gpointer             user_data);
GAIO_AVAILABLE_IN_ALL
GaioHttpResponse *gaio_http_client_download_finish              (GaioHttpClient      *self,
                                                                 GAsyncResult        *result,
                                                                 GError             **error) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
void              gaio_http_client_open_async                   (GaioHttpClient         *self,
                                                                 const char             *method,
                                                                 const char             *url,
                                                                 GaioHttpRequestOptions *options,
                                                                 GCancellable        *cancellable,
                                                                 GAsyncReadyCallback  callback,
                                                                 gpointer             user_data);
GAIO_AVAILABLE_IN_ALL
GaioHttpResponse *gaio_http_client_open_finish                  (GaioHttpClient      *self,
                                                                 GAsyncResult        *result,
                                                                 GError             **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
