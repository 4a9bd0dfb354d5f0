/* gaio-websocket.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include "gaio-error.h"
#include "gaio-future-private.h"
#include "gaio-http-client-private.h"
#include "gaio-waiter-private.h"
#include "gaio-websocket-private.h"

/**
 * GaioWebSocket:
 *
 * A WebSocket client connection, opened by
 * [method@Gaio.HttpClient.websocket_connect] on libsoup's
 * [class@Soup.WebsocketConnection].
 *
 * The handshake is a GET request of the client like any other: it
 * waits in the client's queue under [property@Gaio.HttpClient:max-connections]
 * and [property@Gaio.HttpClient:max-connections-per-host], resolves a
 * relative URL against [property@Gaio.HttpClient:base-url], sends the
 * client's default headers, auth, user agent and cookies, is held to its
 * TLS trust (the system's and [property@Gaio.HttpClient:ca-file]) and to
 * [property@Gaio.HttpClient:timeout] as its deadline, and emits the
 * client's trace signals (`request-finished` with the `101` response).
 * Once open, the socket leaves libsoup's connection pool and counts
 * against none of the client's limits.
 *
 * Sending queues a whole message at once ([method@Gaio.WebSocket.send_text],
 * [method@Gaio.WebSocket.send_binary]). Received messages wait in a
 * first-in first-out queue until [method@Gaio.WebSocket.receive] takes
 * them; a receive that is cancelled takes nothing, so no message is lost.
 * A message larger than [property@Gaio.WebSocket:max-message-size] closes
 * the socket with `GAIO_ERROR_BODY_TOO_LARGE`.
 *
 * Once the socket is closed, messages already received are still given
 * out; then every receive fails: with `G_IO_ERROR_CLOSED` naming the code
 * and reason after a closing handshake (from either side),
 * `G_IO_ERROR_CONNECTION_CLOSED` when the connection was lost without
 * one, or the error that broke it. Every error names the URL, without its
 * credentials.
 *
 * ```c
 * g_autoptr(GaioFuture) connect = gaio_http_client_websocket_connect (client, "ws://127.0.0.1:8080/", NULL);
 * const GValue *value = gaio_run (connect, &error);
 * GaioWebSocket *ws = g_value_get_object (value);
 *
 * gaio_web_socket_send_text (ws, "hello", &error);
 * g_autoptr(GaioFuture) receive = gaio_web_socket_receive (ws);
 * value = gaio_run (receive, &error);
 * g_print ("%s\n", gaio_web_socket_message_get_text (g_value_get_object (value)));
 * ```
 */

struct _GaioWebSocket
{
  GObject                  parent_instance;

  SoupWebsocketConnection *connection;
  char                    *url;           /* without credentials */
  guint64                  max_message_size;
  gboolean                 closing;       /* we sent the close frame */
  GQueue                   messages;      /* GaioWebSocketMessage, not yet received */
  GaioWaitQueue            receivers;
  GaioWaitQueue            closers;
  GError                  *error;         /* what broke the connection, first only */
  GError                  *closed_error;  /* what receives give once closed */
};

enum {
  PROP_0,
  PROP_URL,
  PROP_PROTOCOL,
  PROP_MAX_MESSAGE_SIZE,
  PROP_KEEPALIVE_INTERVAL,
  LAST_PROP,
};

static GParamSpec *props[LAST_PROP];

G_DEFINE_FINAL_TYPE (GaioWebSocket, gaio_web_socket, G_TYPE_OBJECT)

/* Receiving */

/* Takes @message: the value holds its reference. */
static GValue *
message_value (GaioWebSocketMessage *message,
               GValue               *value)
{
  g_value_init (value, GAIO_TYPE_WEB_SOCKET_MESSAGE);
  g_value_take_object (value, message);
  return value;
}

/* To the oldest live receiver, or to the queue; takes @message. A new
 * message from libsoup wakes its receiver at once (see message_cb()) and
 * moves into its future without a copy; one handed back by a receiver
 * that gave up goes first in line, and wakes the next receiver from the
 * loop, since the give-up may come from any call. */
static void
deliver (GaioWebSocket        *self,
         GaioWebSocketMessage *message,
         gboolean              handed_back)
{
  GValue value = G_VALUE_INIT;

  message_value (message, &value);
  if (handed_back)
    {
      if (!gaio_wait_queue_wake_one (&self->receivers, &value))
        g_queue_push_head (&self->messages, g_value_dup_object (&value));
    }
  else if (!gaio_wait_queue_wake_one_eager (&self->receivers, &value))
    {
      g_queue_push_tail (&self->messages, g_value_dup_object (&value));
    }
  if (G_IS_VALUE (&value))
    g_value_unset (&value);
}

static void
drop_later (gpointer object)
{
  g_object_unref (object);
}

/* A receiver waiting for this message resumes right here, inside
 * libsoup's signal, as a program answering from the signal would: its
 * reply is sent in the same main-loop iteration, and libsoup restarts its
 * input source (an O(sockets) change to the context's poll list on GLib
 * 2.74) once for several messages instead of once per message. libsoup
 * goes on using the connection after the signal, so a socket the
 * receiver let go of is released on a later iteration. */
static void
message_cb (SoupWebsocketConnection *connection,
            int                      type,
            GBytes                  *data,
            gpointer                 user_data)
{
  GaioWebSocket *self = g_object_ref (user_data);

  deliver (self,
           gaio_web_socket_message_new (type == SOUP_WEBSOCKET_DATA_TEXT
                                          ? GAIO_WEB_SOCKET_MESSAGE_TEXT
                                          : GAIO_WEB_SOCKET_MESSAGE_BINARY,
                                        data),
           FALSE);
  if (G_OBJECT (self)->ref_count == 1)
    gaio_scheduler_call_soon (gaio_scheduler_get_thread_default (), drop_later, self);
  else
    g_object_unref (self);
}

/* libsoup declares `message` with g_cclosure_marshal_generic(), which
 * calls each handler through libffi (about a thousand instructions a
 * message). GObject keeps a closure's own marshaller: this one calls
 * message_cb() directly. */
static void
message_marshal (GClosure     *closure,
                 GValue       *return_value,
                 guint         n_param_values,
                 const GValue *param_values,
                 gpointer      invocation_hint,
                 gpointer      marshal_data)
{
  g_assert (n_param_values == 3);

  message_cb (g_value_peek_pointer (&param_values[0]),
              g_value_get_int (&param_values[1]),
              g_value_get_boxed (&param_values[2]),
              closure->data);
}

static void
error_cb (SoupWebsocketConnection *connection,
          GError                  *error,
          gpointer                 user_data)
{
  GaioWebSocket *self = user_data;

  if (self->error == NULL)
    self->error = g_error_copy (error);
}

static GError *
describe_close (GaioWebSocket *self)
{
  gushort code = soup_websocket_connection_get_close_code (self->connection);
  const char *reason = soup_websocket_connection_get_close_data (self->connection);

  if (self->error != NULL &&
      g_error_matches (self->error, SOUP_WEBSOCKET_ERROR, SOUP_WEBSOCKET_CLOSE_TOO_BIG))
    return g_error_new (GAIO_ERROR, GAIO_ERROR_BODY_TOO_LARGE,
                        "WebSocket %s received a message larger than the limit of %"
                        G_GUINT64_FORMAT " bytes", self->url, self->max_message_size);
  if (self->error != NULL)
    return g_error_new (self->error->domain, self->error->code,
                        "WebSocket %s failed: %s", self->url, self->error->message);
  if (code == 0 || code == SOUP_WEBSOCKET_CLOSE_ABNORMAL)
    return g_error_new (G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                        "WebSocket %s lost its connection without a close", self->url);
  return g_error_new (G_IO_ERROR, G_IO_ERROR_CLOSED,
                      "WebSocket %s was closed%s with code %u (%s)", self->url,
                      self->closing ? "" : " by the server", code,
                      reason != NULL && *reason != '\0' ? reason : "no reason given");
}

static void
closed_cb (SoupWebsocketConnection *connection,
           gpointer                 user_data)
{
  GaioWebSocket *self = user_data;

  if (self->closed_error != NULL)
    return;
  self->closed_error = describe_close (self);
  gaio_wait_queue_fail_all (&self->receivers, self->closed_error);
  gaio_wait_queue_wake_all (&self->closers);
}

static void
undo_receive (gpointer    source_object,
              GaioFuture *future)
{
  /* Handed over, but its receiver gave up: first in line again. */
  deliver (source_object, g_value_dup_object (gaio_future_get_value (future)), TRUE);
}

/* GObject */

static void
gaio_web_socket_dispose (GObject *object)
{
  GaioWebSocket *self = GAIO_WEB_SOCKET (object);

  if (self->connection != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->connection, self);
      if (soup_websocket_connection_get_state (self->connection) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (self->connection, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
      g_clear_object (&self->connection);
    }
  g_queue_clear_full (&self->messages, g_object_unref);
  gaio_wait_queue_clear (&self->receivers);
  gaio_wait_queue_clear (&self->closers);

  G_OBJECT_CLASS (gaio_web_socket_parent_class)->dispose (object);
}

static void
gaio_web_socket_finalize (GObject *object)
{
  GaioWebSocket *self = GAIO_WEB_SOCKET (object);

  g_free (self->url);
  g_clear_error (&self->error);
  g_clear_error (&self->closed_error);

  G_OBJECT_CLASS (gaio_web_socket_parent_class)->finalize (object);
}

static void
gaio_web_socket_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  GaioWebSocket *self = GAIO_WEB_SOCKET (object);

  switch (prop_id)
    {
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROP_PROTOCOL:
      g_value_set_string (value, gaio_web_socket_get_protocol (self));
      break;
    case PROP_MAX_MESSAGE_SIZE:
      g_value_set_uint64 (value, self->max_message_size);
      break;
    case PROP_KEEPALIVE_INTERVAL:
      g_value_set_uint (value, gaio_web_socket_get_keepalive_interval (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gaio_web_socket_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  GaioWebSocket *self = GAIO_WEB_SOCKET (object);

  switch (prop_id)
    {
    case PROP_MAX_MESSAGE_SIZE:
      gaio_web_socket_set_max_message_size (self, g_value_get_uint64 (value));
      break;
    case PROP_KEEPALIVE_INTERVAL:
      gaio_web_socket_set_keepalive_interval (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gaio_web_socket_class_init (GaioWebSocketClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gaio_web_socket_dispose;
  object_class->finalize = gaio_web_socket_finalize;
  object_class->get_property = gaio_web_socket_get_property;
  object_class->set_property = gaio_web_socket_set_property;

  /**
   * GaioWebSocket:url:
   *
   * The URL the socket was opened for, without credentials.
   */
  props[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * GaioWebSocket:protocol:
   *
   * The subprotocol the server chose, or %NULL.
   */
  props[PROP_PROTOCOL] =
    g_param_spec_string ("protocol", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * GaioWebSocket:max-message-size:
   *
   * The largest message accepted, in bytes; 0 for no limit. A larger one
   * closes the socket (code 1009) and fails receives with
   * `GAIO_ERROR_BODY_TOO_LARGE`. Starts at the client's
   * [property@Gaio.HttpClient:max-body-size].
   */
  props[PROP_MAX_MESSAGE_SIZE] =
    g_param_spec_uint64 ("max-message-size", NULL, NULL, 0, G_MAXUINT64, 0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * GaioWebSocket:keepalive-interval:
   *
   * Seconds between the pings libsoup sends to keep the connection alive
   * through proxies and NATs; 0 (the default) sends none. Pings from the
   * server are always answered.
   */
  props[PROP_KEEPALIVE_INTERVAL] =
    g_param_spec_uint ("keepalive-interval", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, LAST_PROP, props);
}

static void
gaio_web_socket_init (GaioWebSocket *self)
{
  g_queue_init (&self->messages);
  gaio_wait_queue_init (&self->receivers);
  gaio_wait_queue_init (&self->closers);
}

/* Takes @connection, open; @url is shown in messages. */
GaioWebSocket *
gaio_web_socket_new_for_connection (SoupWebsocketConnection *connection,
                                    const char              *url,
                                    guint64                  max_message_size)
{
  GaioWebSocket *self = g_object_new (GAIO_TYPE_WEB_SOCKET, NULL);
  GClosure *closure = g_closure_new_simple (sizeof (GClosure), self);

  self->connection = connection;
  self->url = g_strdup (url);
  gaio_web_socket_set_max_message_size (self, max_message_size);
  g_closure_set_marshal (closure, message_marshal);
  g_signal_connect_closure (connection, "message", closure, FALSE);
  g_signal_connect (connection, "error", G_CALLBACK (error_cb), self);
  g_signal_connect (connection, "closed", G_CALLBACK (closed_cb), self);
  return self;
}

/* Connecting: the handshake is a request (gaio-http-request.c). */

/**
 * gaio_http_client_websocket_connect:
 * @self: a client
 * @url: a `ws`, `wss`, `http` or `https` URL
 * @protocols: (nullable) (array zero-terminated=1): subprotocols to offer
 *
 * Opens a WebSocket to @url: the handshake is one of the client's
 * requests (see [class@Gaio.WebSocket]), with its queue and limits, base
 * URL, default headers, auth, TLS trust, trace signals and
 * [property@Gaio.HttpClient:timeout] as its deadline
 * (`G_IO_ERROR_TIMED_OUT` past it). An invalid URL fails at once with
 * `GAIO_ERROR_INVALID_URL` or `GAIO_ERROR_UNSUPPORTED_SCHEME`; a server
 * that refuses the upgrade fails with `SOUP_WEBSOCKET_ERROR`. Errors name
 * the URL without its credentials. Cancelling the future stops the
 * handshake.
 *
 * Returns: (transfer full): a future resolving to a [class@Gaio.WebSocket]
 */
GaioFuture *
gaio_http_client_websocket_connect (GaioHttpClient     *self,
                                    const char         *url,
                                    const char * const *protocols)
{
  g_return_val_if_fail (GAIO_IS_HTTP_CLIENT (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  return gaio_http_request_websocket (self, url, protocols);
}

/**
 * gaio_http_client_websocket_connect_async:
 * @self: a client
 * @url: a `ws`, `wss`, `http` or `https` URL
 * @protocols: (nullable) (array zero-terminated=1): subprotocols to offer
 * @cancellable: (nullable): stops the handshake
 * @callback: (scope async) (closure user_data): called when the socket is
 *   open or could not be
 * @user_data: data for @callback
 *
 * Opens a WebSocket, the GIO way; see
 * [method@Gaio.HttpClient.websocket_connect].
 */
void
gaio_http_client_websocket_connect_async (GaioHttpClient      *self,
                                          const char          *url,
                                          const char * const  *protocols,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_return_if_fail (GAIO_IS_HTTP_CLIENT (self));
  g_return_if_fail (url != NULL);

  gaio_waiter_bind_async (self, gaio_http_client_websocket_connect (self, url, protocols),
                          cancellable, gaio_http_client_websocket_connect_async, NULL,
                          callback, user_data);
}

/**
 * gaio_http_client_websocket_connect_finish:
 * @self: a client
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Finishes [method@Gaio.HttpClient.websocket_connect_async].
 *
 * Returns: (transfer full): the open socket
 */
GaioWebSocket *
gaio_http_client_websocket_connect_finish (GaioHttpClient  *self,
                                           GAsyncResult    *result,
                                           GError         **error)
{
  GaioWebSocket *ws;
  GValue *value = NULL;

  g_return_val_if_fail (GAIO_IS_HTTP_CLIENT (self), NULL);

  if (!gaio_waiter_bind_finish (self, result, gaio_http_client_websocket_connect_async,
                                &value, error))
    return NULL;
  ws = g_value_dup_object (value);
  g_boxed_free (G_TYPE_VALUE, value);
  return ws;
}

/* Properties */

/**
 * gaio_web_socket_get_url:
 * @self: a socket
 *
 * Gets [property@Gaio.WebSocket:url].
 *
 * Returns: the URL @self was opened for, without credentials
 */
const char *
gaio_web_socket_get_url (GaioWebSocket *self)
{
  g_return_val_if_fail (GAIO_IS_WEB_SOCKET (self), NULL);

  return self->url;
}

/**
 * gaio_web_socket_get_protocol:
 * @self: a socket
 *
 * Gets [property@Gaio.WebSocket:protocol].
 *
 * Returns: (nullable): the subprotocol the server chose
 */
const char *
gaio_web_socket_get_protocol (GaioWebSocket *self)
{
  g_return_val_if_fail (GAIO_IS_WEB_SOCKET (self), NULL);

  return soup_websocket_connection_get_protocol (self->connection);
}

/**
 * gaio_web_socket_get_max_message_size:
 * @self: a socket
 *
 * Gets [property@Gaio.WebSocket:max-message-size].
 *
 * Returns: the largest message accepted in bytes, 0 for no limit
 */
guint64
gaio_web_socket_get_max_message_size (GaioWebSocket *self)
{
  g_return_val_if_fail (GAIO_IS_WEB_SOCKET (self), 0);

  return self->max_message_size;
}

/**
 * gaio_web_socket_set_max_message_size:
 * @self: a socket
 * @max_message_size: the largest message accepted in bytes, 0 for no limit
 *
 * Sets [property@Gaio.WebSocket:max-message-size].
 */
void
gaio_web_socket_set_max_message_size (GaioWebSocket *self,
                                      guint64        max_message_size)
{
  g_return_if_fail (GAIO_IS_WEB_SOCKET (self));

  soup_websocket_connection_set_max_incoming_payload_size (self->connection, max_message_size);
  if (self->max_message_size == max_message_size)
    return;
  self->max_message_size = max_message_size;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_MAX_MESSAGE_SIZE]);
}

/**
 * gaio_web_socket_get_keepalive_interval:
 * @self: a socket
 *
 * Gets [property@Gaio.WebSocket:keepalive-interval].
 *
 * Returns: seconds between keep-alive pings, 0 for none
 */
guint
gaio_web_socket_get_keepalive_interval (GaioWebSocket *self)
{
  g_return_val_if_fail (GAIO_IS_WEB_SOCKET (self), 0);

  return soup_websocket_connection_get_keepalive_interval (self->connection);
}

/**
 * gaio_web_socket_set_keepalive_interval:
 * @self: a socket
 * @seconds: seconds between keep-alive pings, 0 for none
 *
 * Sets [property@Gaio.WebSocket:keepalive-interval].
 */
void
gaio_web_socket_set_keepalive_interval (GaioWebSocket *self,
                                        guint          seconds)
{
  g_return_if_fail (GAIO_IS_WEB_SOCKET (self));

  if (soup_websocket_connection_get_keepalive_interval (self->connection) == seconds)
    return;
  soup_websocket_connection_set_keepalive_interval (self->connection, seconds);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_KEEPALIVE_INTERVAL]);
}

/**
 * gaio_web_socket_is_closed:
 * @self: a socket
 *
 * Whether the connection has closed, by either side or by an error.
 * Messages received before may still be waiting for
 * [method@Gaio.WebSocket.receive].
 *
 * Returns: %TRUE once closed
 */
gboolean
gaio_web_socket_is_closed (GaioWebSocket *self)
{
  g_return_val_if_fail (GAIO_IS_WEB_SOCKET (self), TRUE);

  return self->closed_error != NULL;
}

/**
 * gaio_web_socket_get_close_code:
 * @self: a socket
 *
 * Gets the code the peer closed with.
 *
 * Returns: the code of the close frame received (1000 for a normal
 *   close), or 0 before one
 */
gushort
gaio_web_socket_get_close_code (GaioWebSocket *self)
{
  g_return_val_if_fail (GAIO_IS_WEB_SOCKET (self), 0);

  return soup_websocket_connection_get_close_code (self->connection);
}

/**
 * gaio_web_socket_get_close_reason:
 * @self: a socket
 *
 * Gets the reason the peer closed with.
 *
 * Returns: (nullable): the reason in the close frame received, or %NULL
 */
const char *
gaio_web_socket_get_close_reason (GaioWebSocket *self)
{
  g_return_val_if_fail (GAIO_IS_WEB_SOCKET (self), NULL);

  return soup_websocket_connection_get_close_data (self->connection);
}

/* Sending */

static gboolean
check_open (GaioWebSocket  *self,
            GError        **error)
{
  if (soup_websocket_connection_get_state (self->connection) == SOUP_WEBSOCKET_STATE_OPEN)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED,
               "Could not send on WebSocket %s: it is closed", self->url);
  return FALSE;
}

/**
 * gaio_web_socket_send_text:
 * @self: a socket
 * @text: a UTF-8 string
 * @error: return location for an error
 *
 * Queues @text as one text message. libsoup writes queued messages in
 * order as the connection allows; there is nothing to wait for.
 *
 * Returns: %TRUE if queued, %FALSE with `G_IO_ERROR_CLOSED` once the
 *   socket is closing or closed, or `G_IO_ERROR_INVALID_DATA` if @text is
 *   not UTF-8
 */
gboolean
gaio_web_socket_send_text (GaioWebSocket  *self,
                           const char     *text,
                           GError        **error)
{
  g_return_val_if_fail (GAIO_IS_WEB_SOCKET (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "Could not send on WebSocket %s: the text is not valid UTF-8", self->url);
      return FALSE;
    }
  if (!check_open (self, error))
    return FALSE;
  soup_websocket_connection_send_text (self->connection, text);
  return TRUE;
}

/**
 * gaio_web_socket_send_binary:
 * @self: a socket
 * @data: the payload
 * @error: return location for an error
 *
 * Queues @data as one binary message; see
 * [method@Gaio.WebSocket.send_text].
 *
 * Returns: %TRUE if queued, %FALSE with `G_IO_ERROR_CLOSED` once the
 *   socket is closing or closed
 */
gboolean
gaio_web_socket_send_binary (GaioWebSocket  *self,
                             GBytes         *data,
                             GError        **error)
{
  gsize size;
  gconstpointer bytes;

  g_return_val_if_fail (GAIO_IS_WEB_SOCKET (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  if (!check_open (self, error))
    return FALSE;
  bytes = g_bytes_get_data (data, &size);
  soup_websocket_connection_send_binary (self->connection, size > 0 ? bytes : NULL, size);
  return TRUE;
}

/* Receiving */

/**
 * gaio_web_socket_receive:
 * @self: a socket
 *
 * Takes the oldest message received, waiting for one if none is queued.
 * Cancelling the future takes nothing: the message goes to the next
 * receive. Once @self is closed and its queue empty, fails as described
 * in [class@Gaio.WebSocket].
 *
 * Returns: (transfer full): a future resolving to a
 *   [class@Gaio.WebSocketMessage]
 */
GaioFuture *
gaio_web_socket_receive (GaioWebSocket *self)
{
  GaioWebSocketMessage *message;
  GValue value = G_VALUE_INIT;
  GaioFuture *future;

  g_return_val_if_fail (GAIO_IS_WEB_SOCKET (self), NULL);

  /* A message waiting moves into the future, as from deliver(). */
  message = g_queue_pop_head (&self->messages);
  if (message != NULL)
    {
      future = gaio_future_new ();
      gaio_future_settle (future, GAIO_FUTURE_STATE_RESOLVED, message_value (message, &value),
                          NULL, TRUE);
      return future;
    }
  if (self->closed_error != NULL)
    return gaio_future_new_rejected (g_error_copy (self->closed_error));
  return gaio_wait_queue_push (&self->receivers);
}

/**
 * gaio_web_socket_receive_async:
 * @self: a socket
 * @cancellable: (nullable): gives up waiting; no message is lost
 * @callback: (scope async) (closure user_data): called with a message or
 *   an error
 * @user_data: data for @callback
 *
 * Receives a message, the GIO way; see [method@Gaio.WebSocket.receive].
 */
void
gaio_web_socket_receive_async (GaioWebSocket       *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (GAIO_IS_WEB_SOCKET (self));

  gaio_waiter_bind_async (self, gaio_web_socket_receive (self), cancellable,
                          gaio_web_socket_receive_async, undo_receive, callback, user_data);
}

/**
 * gaio_web_socket_receive_finish:
 * @self: a socket
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Finishes [method@Gaio.WebSocket.receive_async].
 *
 * Returns: (transfer full): the message
 */
GaioWebSocketMessage *
gaio_web_socket_receive_finish (GaioWebSocket  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  GaioWebSocketMessage *message;
  GValue *value = NULL;

  g_return_val_if_fail (GAIO_IS_WEB_SOCKET (self), NULL);

  if (!gaio_waiter_bind_finish (self, result, gaio_web_socket_receive_async, &value, error))
    return NULL;
  message = g_value_dup_object (value);
  g_boxed_free (G_TYPE_VALUE, value);
  return message;
}

/* Closing */

/* The codes an endpoint may send (RFC 6455, 7.4): 1005, 1006 and 1015
 * only report what happened locally. */
static gboolean
close_code_is_valid (gushort code)
{
  return code == 0 ||
         (code >= 1000 && code <= 1014 && code != 1004 && code != 1005 && code != 1006) ||
         (code >= 3000 && code <= 4999);
}

/**
 * gaio_web_socket_close:
 * @self: a socket
 * @code: the close code (1000 for a normal close), or 0 for none
 * @reason: (nullable): a short UTF-8 reason
 *
 * Starts the closing handshake. Receives waiting, and later ones once the
 * queue is empty, fail with `G_IO_ERROR_CLOSED`.
 *
 * Returns: (transfer full): a future resolving (to no value) once the
 *   connection is closed; rejected with `G_IO_ERROR_INVALID_ARGUMENT` for
 *   a code that may not be sent
 */
GaioFuture *
gaio_web_socket_close (GaioWebSocket *self,
                       gushort        code,
                       const char    *reason)
{
  g_return_val_if_fail (GAIO_IS_WEB_SOCKET (self), NULL);

  if (!close_code_is_valid (code))
    return gaio_future_new_rejected (g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                                  "Could not close WebSocket %s: %u is not a close code to send",
                                                  self->url, code));
  if (reason != NULL && !g_utf8_validate (reason, -1, NULL))
    return gaio_future_new_rejected (g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                                  "Could not close WebSocket %s: the reason is not valid UTF-8",
                                                  self->url));
  if (self->closed_error != NULL)
    return gaio_future_new_resolved (NULL);

  if (soup_websocket_connection_get_state (self->connection) == SOUP_WEBSOCKET_STATE_OPEN)
    {
      self->closing = TRUE;
      soup_websocket_connection_close (self->connection, code, reason);
    }
  return gaio_wait_queue_push (&self->closers);
}

/**
 * gaio_web_socket_close_async:
 * @self: a socket
 * @code: the close code (1000 for a normal close), or 0 for none
 * @reason: (nullable): a short UTF-8 reason
 * @cancellable: (nullable): stops waiting (the socket still closes)
 * @callback: (scope async) (closure user_data): called once closed
 * @user_data: data for @callback
 *
 * Closes @self, the GIO way; see [method@Gaio.WebSocket.close].
 */
void
gaio_web_socket_close_async (GaioWebSocket       *self,
                             gushort              code,
                             const char          *reason,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (GAIO_IS_WEB_SOCKET (self));

  gaio_waiter_bind_async (self, gaio_web_socket_close (self, code, reason), cancellable,
                          gaio_web_socket_close_async, NULL, callback, user_data);
}

/**
 * gaio_web_socket_close_finish:
 * @self: a socket
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Finishes [method@Gaio.WebSocket.close_async].
 *
 * Returns: %TRUE once closed
 */
gboolean
gaio_web_socket_close_finish (GaioWebSocket  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (GAIO_IS_WEB_SOCKET (self), FALSE);

  return gaio_waiter_bind_finish (self, result, gaio_web_socket_close_async, NULL, error);
}
