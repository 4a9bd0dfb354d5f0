/* gaio-websocket.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#if !defined(GAIO_INSIDE) && !defined(GAIO_COMPILATION)
# error "Only <gaio.h> can be included directly."
#endif

#include <gio/gio.h>

#include "gaio-future.h"
#include "gaio-http-client.h"
#include "gaio-version-macros.h"
#include "gaio-websocket-message.h"

G_BEGIN_DECLS

#define GAIO_TYPE_WEB_SOCKET (gaio_web_socket_get_type ())

GAIO_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (GaioWebSocket, gaio_web_socket, GAIO, WEB_SOCKET, GObject)

/* Opening one, through a client. */
GAIO_AVAILABLE_IN_ALL
GaioFuture    *gaio_http_client_websocket_connect        (GaioHttpClient       *self,
                                                          const char           *url,
                                                          const char * const   *protocols) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
void           gaio_http_client_websocket_connect_async  (GaioHttpClient       *self,
                                                          const char           *url,
                                                          const char * const   *protocols,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
GAIO_AVAILABLE_IN_ALL
GaioWebSocket *gaio_http_client_websocket_connect_finish (GaioHttpClient       *self,
                                                          GAsyncResult         *result,
                                                          GError              **error) G_GNUC_WARN_UNUSED_RESULT;

GAIO_AVAILABLE_IN_ALL
const char    *gaio_web_socket_get_url                   (GaioWebSocket        *self);
GAIO_AVAILABLE_IN_ALL
const char    *gaio_web_socket_get_protocol              (GaioWebSocket        *self);
GAIO_AVAILABLE_IN_ALL
guint64        gaio_web_socket_get_max_message_size      (GaioWebSocket        *self);
GAIO_AVAILABLE_IN_ALL
void           gaio_web_socket_set_max_message_size      (GaioWebSocket        *self,
                                                          guint64               max_message_size);
GAIO_AVAILABLE_IN_ALL
guint          gaio_web_socket_get_keepalive_interval    (GaioWebSocket        *self);
GAIO_AVAILABLE_IN_ALL
void           gaio_web_socket_set_keepalive_interval    (GaioWebSocket        *self,
                                                          guint                 seconds);
GAIO_AVAILABLE_IN_ALL
gboolean       gaio_web_socket_is_closed                 (GaioWebSocket        *self);
GAIO_AVAILABLE_IN_ALL
gushort        gaio_web_socket_get_close_code            (GaioWebSocket        *self);
GAIO_AVAILABLE_IN_ALL
const char    *gaio_web_socket_get_close_reason          (GaioWebSocket        *self);

GAIO_AVAILABLE_IN_ALL
gboolean       gaio_web_socket_send_text                 (GaioWebSocket        *self,
                                                          const char           *text,
                                                          GError              **error);
GAIO_AVAILABLE_IN_ALL
gboolean       gaio_web_socket_send_binary               (GaioWebSocket        *self,
                                                          GBytes               *data,
                                                          GError              **error);

GAIO_AVAILABLE_IN_ALL
GaioFuture    *gaio_web_socket_receive                   (GaioWebSocket        *self) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
void           gaio_web_socket_receive_async             (GaioWebSocket        *self,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
GAIO_AVAILABLE_IN_ALL
GaioWebSocketMessage *
               gaio_web_socket_receive_finish            (GaioWebSocket        *self,
                                                          GAsyncResult         *result,
                                                          GError              **error) G_GNUC_WARN_UNUSED_RESULT;

GAIO_AVAILABLE_IN_ALL
GaioFuture    *gaio_web_socket_close                     (GaioWebSocket        *self,
                                                          gushort               code,
                                                          const char           *reason) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
void           gaio_web_socket_close_async               (GaioWebSocket        *self,
                                                          gushort               code,
                                                          const char           *reason,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
GAIO_AVAILABLE_IN_ALL
gboolean       gaio_web_socket_close_finish              (GaioWebSocket        *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);

G_END_DECLS
