/* gaio-websocket-message.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#if !defined(GAIO_INSIDE) && !defined(GAIO_COMPILATION)
# error "Only <gaio.h> can be included directly."
#endif

#include <glib-object.h>

#include "gaio-version-macros.h"

G_BEGIN_DECLS

/**
 * GaioWebSocketMessageType:
 * @GAIO_WEB_SOCKET_MESSAGE_TEXT: a text message (valid UTF-8)
 * @GAIO_WEB_SOCKET_MESSAGE_BINARY: a binary message
 *
 * The kind of a [class@Gaio.WebSocketMessage].
 */
typedef enum {
  GAIO_WEB_SOCKET_MESSAGE_TEXT,
  GAIO_WEB_SOCKET_MESSAGE_BINARY,
} GaioWebSocketMessageType;

#define GAIO_TYPE_WEB_SOCKET_MESSAGE (gaio_web_socket_message_get_type ())

GAIO_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (GaioWebSocketMessage, gaio_web_socket_message, GAIO, WEB_SOCKET_MESSAGE, GObject)

GAIO_AVAILABLE_IN_ALL
GaioWebSocketMessage     *gaio_web_socket_message_new              (GaioWebSocketMessageType  message_type,
                                                                    GBytes                   *data) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
GaioWebSocketMessageType  gaio_web_socket_message_get_message_type (GaioWebSocketMessage     *self);
GAIO_AVAILABLE_IN_ALL
gboolean                  gaio_web_socket_message_is_text          (GaioWebSocketMessage     *self);
GAIO_AVAILABLE_IN_ALL
GBytes                   *gaio_web_socket_message_get_data         (GaioWebSocketMessage     *self);
GAIO_AVAILABLE_IN_ALL
const char               *gaio_web_socket_message_get_text         (GaioWebSocketMessage     *self);

G_END_DECLS
