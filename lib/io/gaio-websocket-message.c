/* gaio-websocket-message.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include "gaio-websocket-message.h"

/**
 * GaioWebSocketMessage:
 *
 * One message received by a [class@Gaio.WebSocket]: text or binary, with
 * its payload. Messages are immutable.
 */

struct _GaioWebSocketMessage
{
  GObject                   parent_instance;

  GaioWebSocketMessageType  message_type;
  GBytes                   *data;
  char                     *text;   /* NUL-terminated copy, made on demand */
};

G_DEFINE_FINAL_TYPE (GaioWebSocketMessage, gaio_web_socket_message, G_TYPE_OBJECT)

static void
gaio_web_socket_message_finalize (GObject *object)
{
  GaioWebSocketMessage *self = GAIO_WEB_SOCKET_MESSAGE (object);

  g_clear_pointer (&self->data, g_bytes_unref);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (gaio_web_socket_message_parent_class)->finalize (object);
}

static void
gaio_web_socket_message_class_init (GaioWebSocketMessageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gaio_web_socket_message_finalize;
}

static void
gaio_web_socket_message_init (GaioWebSocketMessage *self)
{
}

/**
 * gaio_web_socket_message_new:
 * @message_type: text or binary
 * @data: the payload; for text, UTF-8 without a terminating NUL
 *
 * Makes a message, as [method@Gaio.WebSocket.receive] gives them.
 *
 * Returns: (transfer full): a new message
 */
GaioWebSocketMessage *
gaio_web_socket_message_new (GaioWebSocketMessageType  message_type,
                             GBytes                   *data)
{
  GaioWebSocketMessage *self;

  g_return_val_if_fail (data != NULL, NULL);

  self = g_object_new (GAIO_TYPE_WEB_SOCKET_MESSAGE, NULL);
  self->message_type = message_type;
  self->data = g_bytes_ref (data);
  return self;
}

/**
 * gaio_web_socket_message_get_message_type:
 * @self: a message
 *
 * Gets the kind of message.
 *
 * Returns: whether @self is text or binary
 */
GaioWebSocketMessageType
gaio_web_socket_message_get_message_type (GaioWebSocketMessage *self)
{
  g_return_val_if_fail (GAIO_IS_WEB_SOCKET_MESSAGE (self), GAIO_WEB_SOCKET_MESSAGE_BINARY);

  return self->message_type;
}

/**
 * gaio_web_socket_message_is_text:
 * @self: a message
 *
 * Checks whether @self is a text message.
 *
 * Returns: %TRUE for a text message
 */
gboolean
gaio_web_socket_message_is_text (GaioWebSocketMessage *self)
{
  g_return_val_if_fail (GAIO_IS_WEB_SOCKET_MESSAGE (self), FALSE);

  return self->message_type == GAIO_WEB_SOCKET_MESSAGE_TEXT;
}

/**
 * gaio_web_socket_message_get_data:
 * @self: a message
 *
 * Gets the payload.
 *
 * Returns: (transfer none): the payload, for text and binary messages alike
 */
GBytes *
gaio_web_socket_message_get_data (GaioWebSocketMessage *self)
{
  g_return_val_if_fail (GAIO_IS_WEB_SOCKET_MESSAGE (self), NULL);

  return self->data;
}

/**
 * gaio_web_socket_message_get_text:
 * @self: a message
 *
 * The payload of a text message as a string. libsoup has checked that it
 * is valid UTF-8; binary messages have no text.
 *
 * Returns: (nullable): the text, or %NULL for a binary message
 */
const char *
gaio_web_socket_message_get_text (GaioWebSocketMessage *self)
{
  gsize size;
  const char *data;

  g_return_val_if_fail (GAIO_IS_WEB_SOCKET_MESSAGE (self), NULL);

  if (self->message_type != GAIO_WEB_SOCKET_MESSAGE_TEXT)
    return NULL;
  if (self->text == NULL)
    {
      data = g_bytes_get_data (self->data, &size);
      self->text = g_strndup (data != NULL ? data : "", size);
    }
  return self->text;
}
