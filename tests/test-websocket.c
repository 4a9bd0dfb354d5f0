/* test-websocket.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include <string.h>
#include <sys/resource.h>

#include "test-http-server.h"
#include "test-utils.h"

#define WAIT_MS 20000

static GaioTestServer *
server_new (const char *cert_name,
            char      **url)
{
  GaioTestServer *server = gaio_test_server_new (cert_name);
  g_autofree char *http = gaio_test_server_url (server, "/ws");

  *url = g_strconcat (cert_name != NULL ? "wss" : "ws", strstr (http, "://"), NULL);
  return server;
}

static GObject *
wait_object (GaioFuture *future)
{
  return gaio_test_wait_object (future, WAIT_MS);
}

static GError *
wait_error (GaioFuture *future)
{
  return gaio_test_wait_error (future, WAIT_MS);
}

static GaioWebSocket *
connect_ok (GaioHttpClient *client,
            const char     *url)
{
  g_autoptr(GaioFuture) future = gaio_http_client_websocket_connect (client, url, NULL);

  return GAIO_WEB_SOCKET (wait_object (future));
}

static GaioWebSocketMessage *
receive_ok (GaioWebSocket *ws)
{
  g_autoptr(GaioFuture) future = gaio_web_socket_receive (ws);

  return GAIO_WEB_SOCKET_MESSAGE (wait_object (future));
}

static void
close_ok (GaioWebSocket *ws)
{
  g_autoptr(GaioFuture) future = gaio_web_socket_close (ws, 1000, "done");
  g_autoptr(GError) error = NULL;

  gaio_test_wait_for_future (future, WAIT_MS);
  g_assert_true (gaio_future_propagate (future, &error));
  g_assert_no_error (error);
}

static void
test_websocket_echo (void)
{
  g_autofree char *url = NULL;
  GaioTestServer *server = server_new (NULL, &url);
  g_autoptr(GaioHttpClient) client = gaio_http_client_new ();
  g_autofree char *with_credentials = g_strdup_printf ("ws://user:secret@%s", url + 5);
  g_autoptr(GaioWebSocket) ws = connect_ok (client, with_credentials);
  g_autoptr(GaioWebSocketMessage) text = NULL;
  g_autoptr(GaioWebSocketMessage) binary = NULL;
  g_autoptr(GBytes) data = g_bytes_new_static ("\0\1\2\377", 4);
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (gaio_web_socket_get_url (ws), ==, url);
  g_assert_true (gaio_web_socket_send_text (ws, "héllo", &error));
  g_assert_no_error (error);
  g_assert_true (gaio_web_socket_send_binary (ws, data, &error));
  g_assert_no_error (error);

  text = receive_ok (ws);
  g_assert_true (gaio_web_socket_message_is_text (text));
  g_assert_cmpstr (gaio_web_socket_message_get_text (text), ==, "héllo");
  binary = receive_ok (ws);
  g_assert_cmpint (gaio_web_socket_message_get_message_type (binary), ==, GAIO_WEB_SOCKET_MESSAGE_BINARY);
  g_assert_null (gaio_web_socket_message_get_text (binary));
  g_assert_true (g_bytes_equal (gaio_web_socket_message_get_data (binary), data));

  close_ok (ws);
  g_assert_true (gaio_web_socket_is_closed (ws));
  g_clear_object (&ws);
  gaio_test_server_free (server);
}

/* A 16 MiB message passes under a 32 MiB cap and fails a 1 MiB one. */
static void
test_websocket_max_message_size (void)
{
  g_autofree char *url = NULL;
  GaioTestServer *server = server_new (NULL, &url);
  g_autoptr(GaioHttpClient) client = gaio_http_client_new ();
  g_autoptr(GaioWebSocket) ws = connect_ok (client, url);
  g_autoptr(GaioWebSocketMessage) message = NULL;
  g_autoptr(GaioFuture) receive = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (gaio_web_socket_get_max_message_size (ws), ==,
                    gaio_http_client_get_max_body_size (client));
  gaio_web_socket_set_max_message_size (ws, 32 << 20);
  g_assert_true (gaio_web_socket_send_text (ws, "big:16777216", NULL));
  message = receive_ok (ws);
  g_assert_cmpuint (g_bytes_get_size (gaio_web_socket_message_get_data (message)), ==, 16 << 20);

  gaio_web_socket_set_max_message_size (ws, 1 << 20);
  g_assert_true (gaio_web_socket_send_text (ws, "big:16777216", NULL));
  receive = gaio_web_socket_receive (ws);
  error = wait_error (receive);
  g_assert_error (error, GAIO_ERROR, GAIO_ERROR_BODY_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, url));
  g_assert_nonnull (strstr (error->message, "1048576 bytes"));
  g_assert_true (gaio_web_socket_is_closed (ws));

  g_clear_object (&ws);
  gaio_test_server_free (server);
}

static void
test_websocket_server_close (void)
{
  g_autofree char *url = NULL;
  GaioTestServer *server = server_new (NULL, &url);
  g_autoptr(GaioHttpClient) client = gaio_http_client_new ();
  g_autoptr(GaioWebSocket) ws = connect_ok (client, url);
  g_autoptr(GaioWebSocketMessage) first = NULL;
  g_autoptr(GaioFuture) pending = NULL;
  g_autoptr(GaioFuture) later = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) later_error = NULL;
  g_autoptr(GError) send_error = NULL;

  /* Received before the close: still given out. */
  g_assert_true (gaio_web_socket_send_text (ws, "first", NULL));
  g_assert_true (gaio_web_socket_send_text (ws, "close", NULL));
  first = receive_ok (ws);
  g_assert_cmpstr (gaio_web_socket_message_get_text (first), ==, "first");

  pending = gaio_web_socket_receive (ws);
  error = wait_error (pending);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED);
  g_assert_nonnull (strstr (error->message, url));
  g_assert_nonnull (strstr (error->message, "by the server with code 4000 (bye)"));
  g_assert_true (gaio_web_socket_is_closed (ws));
  g_assert_cmpuint (gaio_web_socket_get_close_code (ws), ==, 4000);
  g_assert_cmpstr (gaio_web_socket_get_close_reason (ws), ==, "bye");

  later = gaio_web_socket_receive (ws);
  later_error = wait_error (later);
  g_assert_error (later_error, G_IO_ERROR, G_IO_ERROR_CLOSED);
  g_assert_false (gaio_web_socket_send_text (ws, "x", &send_error));
  g_assert_error (send_error, G_IO_ERROR, G_IO_ERROR_CLOSED);

  g_clear_object (&ws);
  gaio_test_server_free (server);
}

static void
test_websocket_local_close (void)
{
  g_autofree char *url = NULL;
  GaioTestServer *server = server_new (NULL, &url);
  g_autoptr(GaioHttpClient) client = gaio_http_client_new ();
  g_autoptr(GaioWebSocket) ws = connect_ok (client, url);
  g_autoptr(GaioFuture) pending = gaio_web_socket_receive (ws);
  g_autoptr(GaioFuture) bad = gaio_web_socket_close (ws, 1006, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) bad_error = NULL;

  bad_error = wait_error (bad);
  g_assert_error (bad_error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);

  close_ok (ws);
  error = wait_error (pending);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED);
  g_assert_null (strstr (error->message, "by the server"));
  close_ok (ws);  /* again: resolves at once */

  g_clear_object (&ws);
  gaio_test_server_free (server);
}

static void
receive_async_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  GError **error = data;
  g_autoptr(GaioWebSocketMessage) message =
    gaio_web_socket_receive_finish (GAIO_WEB_SOCKET (source), result, error);

  g_assert_null (message);
}

/* A receive given up, as a future or through a cancellable, takes
 * nothing: the message goes to the next one. */
static void
test_websocket_cancelled_receive (void)
{
  g_autofree char *url = NULL;
  GaioTestServer *server = server_new (NULL, &url);
  g_autoptr(GaioHttpClient) client = gaio_http_client_new ();
  g_autoptr(GaioWebSocket) ws = connect_ok (client, url);
  g_autoptr(GaioFuture) cancelled = gaio_web_socket_receive (ws);
  g_autoptr(GaioFuture) next = NULL;
  g_autoptr(GaioWebSocketMessage) message = NULL;
  g_autoptr(GaioWebSocketMessage) second = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) async_error = NULL;

  g_assert_true (gaio_future_cancel (cancelled));
  gaio_web_socket_receive_async (ws, cancellable, receive_async_cb, &async_error);
  next = gaio_web_socket_receive (ws);
  g_cancellable_cancel (cancellable);
  while (async_error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (async_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_assert_true (gaio_web_socket_send_text (ws, "one", NULL));
  g_assert_true (gaio_web_socket_send_text (ws, "two", NULL));
  message = GAIO_WEB_SOCKET_MESSAGE (wait_object (next));
  g_assert_cmpstr (gaio_web_socket_message_get_text (message), ==, "one");
  second = receive_ok (ws);
  g_assert_cmpstr (gaio_web_socket_message_get_text (second), ==, "two");

  close_ok (ws);
  g_clear_object (&ws);
  gaio_test_server_free (server);
}

/* A receive granted a message at once (one was queued) whose cancellable
 * fires before its callback ran gives the message back: first in line,
 * ahead of those that came after it. */
static void
test_websocket_cancelled_after_grant (void)
{
  g_autofree char *url = NULL;
  GaioTestServer *server = server_new (NULL, &url);
  g_autoptr(GaioHttpClient) client = gaio_http_client_new ();
  g_autoptr(GaioWebSocket) ws = connect_ok (client, url);
  g_autoptr(GaioWebSocketMessage) first = NULL;
  g_autoptr(GaioWebSocketMessage) second = NULL;
  g_autoptr(GaioFuture) last = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) async_error = NULL;
  g_autoptr(GError) error = NULL;

  /* Both echoes wait in the queue once the server's close has come. */
  g_assert_true (gaio_web_socket_send_text (ws, "one", NULL));
  g_assert_true (gaio_web_socket_send_text (ws, "two", NULL));
  g_assert_true (gaio_web_socket_send_text (ws, "close", NULL));
  while (!gaio_web_socket_is_closed (ws))
    g_main_context_iteration (NULL, TRUE);

  gaio_web_socket_receive_async (ws, cancellable, receive_async_cb, &async_error);
  g_cancellable_cancel (cancellable);
  while (async_error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (async_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  first = receive_ok (ws);
  g_assert_cmpstr (gaio_web_socket_message_get_text (first), ==, "one");
  second = receive_ok (ws);
  g_assert_cmpstr (gaio_web_socket_message_get_text (second), ==, "two");
  last = gaio_web_socket_receive (ws);
  error = wait_error (last);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED);

  g_clear_object (&ws);
  gaio_test_server_free (server);
}

static void
test_websocket_errors (void)
{
  g_autofree char *url = NULL;
  GaioTestServer *server = server_new (NULL, &url);
  g_autoptr(GaioHttpClient) client = gaio_http_client_new ();
  g_autofree char *plain = gaio_test_server_url_for_host (server, "127.0.0.1", "/");
  g_autofree char *with_credentials = g_strdup_printf ("http://user:secret@%s", plain + 7);
  g_autoptr(GaioFuture) scheme = gaio_http_client_websocket_connect (client, "ftp://host/", NULL);
  g_autoptr(GaioFuture) not_ws = gaio_http_client_websocket_connect (client, with_credentials, NULL);
  g_autoptr(GError) scheme_error = wait_error (scheme);
  g_autoptr(GError) not_ws_error = wait_error (not_ws);

  g_assert_error (scheme_error, GAIO_ERROR, GAIO_ERROR_UNSUPPORTED_SCHEME);
  g_assert_error (not_ws_error, SOUP_WEBSOCKET_ERROR, SOUP_WEBSOCKET_ERROR_NOT_WEBSOCKET);
  g_assert_nonnull (strstr (not_ws_error->message, plain));
  g_assert_null (strstr (not_ws_error->message, "secret"));

  gaio_test_server_free (server);
}

/* The client's trust decides: a server certificate from the test CA fails
 * with the system's trust alone and passes once the CA file is set. */
static void
test_websocket_tls (void)
{
  g_autofree char *url = NULL;
  GaioTestServer *server = server_new ("server", &url);
  g_autoptr(GaioHttpClient) client = gaio_http_client_new ();
  g_autofree char *ca = gaio_test_cert_path ("ca");
  g_autoptr(GaioFuture) refused = gaio_http_client_websocket_connect (client, url, NULL);
  g_autoptr(GError) error = wait_error (refused);
  g_autoptr(GaioWebSocket) ws = NULL;
  g_autoptr(GaioWebSocketMessage) message = NULL;

  g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
  g_assert_nonnull (strstr (error->message, url));
  g_assert_nonnull (strstr (error->message, "unknown issuer"));

  g_assert_true (gaio_http_client_set_ca_file (client, ca, NULL));
  ws = connect_ok (client, url);
  g_assert_true (gaio_web_socket_send_text (ws, "secure", NULL));
  message = receive_ok (ws);
  g_assert_cmpstr (gaio_web_socket_message_get_text (message), ==, "secure");

  close_ok (ws);
  g_clear_object (&ws);
  gaio_test_server_free (server);
}

/* A wss server whose certificate the client's CA file does not save:
 * expired, or for another host. */
static void
test_websocket_bad_certificate (void)
{
  static const struct { const char *cert; const char *reason; } cases[] = {
    { "expired", "expired" },
    { "wrong-host", "wrong host" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = NULL;
      GaioTestServer *server = server_new (cases[i].cert, &url);
      g_autoptr(GaioHttpClient) client = gaio_http_client_new ();
      g_autofree char *ca = gaio_test_cert_path ("ca");
      g_autoptr(GaioFuture) refused = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (gaio_http_client_set_ca_file (client, ca, NULL));
      refused = gaio_http_client_websocket_connect (client, url, NULL);
      error = wait_error (refused);
      g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
      g_assert_nonnull (strstr (error->message, url));
      g_assert_nonnull (strstr (error->message, cases[i].reason));
      gaio_test_server_free (server);
    }
}

/* glib-networking resumes a TLS session another client opened without
 * checking the certificate again: the handshake is still held against
 * this client's trust. */
static void
test_websocket_resumed_tls (void)
{
  g_autofree char *url = NULL;
  GaioTestServer *server = server_new ("server", &url);
  g_autoptr(GaioHttpClient) trusting = gaio_http_client_new ();
  g_autoptr(GaioHttpClient) strict = gaio_http_client_new ();
  g_autofree char *ca = gaio_test_cert_path ("ca");
  g_autoptr(GaioWebSocket) ws = NULL;
  g_autoptr(GaioFuture) refused = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (gaio_http_client_set_ca_file (trusting, ca, NULL));
  ws = connect_ok (trusting, url);
  close_ok (ws);

  refused = gaio_http_client_websocket_connect (strict, url, NULL);
  error = wait_error (refused);
  g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
  g_assert_nonnull (strstr (error->message, url));

  g_clear_object (&ws);
  gaio_test_server_free (server);
}

typedef struct
{
  GString  *events;
  guint     status;
} Trace;

static void
step_cb (GaioHttpClient *client,
         GaioFuture     *request,
         const char     *method,
         const char     *url,
         Trace          *trace)
{
  const char *name = g_signal_name (g_signal_get_invocation_hint (client)->signal_id);

  g_string_append_printf (trace->events, "%s %s %s\n", name, method, url);
}

static void
finished_cb (GaioHttpClient   *client,
             GaioFuture       *request,
             GaioHttpResponse *response,
             const GError     *error,
             Trace            *trace)
{
  g_string_append_printf (trace->events, "request-finished %s\n",
                          error != NULL ? error->message : "ok");
  trace->status = response != NULL ? gaio_http_response_get_status (response) : 0;
}

/* The handshake is one of the client's requests: a relative URL resolves
 * against the base URL, the default headers and auth go with it, and it
 * traces as a GET. */
static void
test_websocket_client_settings (void)
{
  g_autofree char *url = NULL;
  GaioTestServer *server = server_new (NULL, &url);
  g_autoptr(GaioHttpClient) client = gaio_http_client_new ();
  g_autofree char *base = gaio_test_server_url (server, "/");
  g_autofree char *expected = NULL;
  g_autoptr(GaioWebSocket) ws = NULL;
  g_autoptr(GaioWebSocketMessage) message = NULL;
  Trace trace = { g_string_new (NULL), 0 };

  g_assert_true (gaio_http_client_set_base_url (client, base, NULL));
  gaio_http_client_set_default_header (client, "X-Test", "from-the-client");
  gaio_http_client_set_basic_auth (client, "u", "pw");
  g_signal_connect (client, "request-queued", G_CALLBACK (step_cb), &trace);
  g_signal_connect (client, "request-started", G_CALLBACK (step_cb), &trace);
  g_signal_connect (client, "request-finished", G_CALLBACK (finished_cb), &trace);

  ws = connect_ok (client, "ws");
  g_assert_cmpstr (gaio_web_socket_get_url (ws), ==, url);
  expected = g_strdup_printf ("request-queued GET %s\nrequest-started GET %s\n"
                              "request-finished ok\n", url, url);
  g_assert_cmpstr (trace.events->str, ==, expected);
  g_assert_cmpuint (trace.status, ==, 101);

  g_assert_true (gaio_web_socket_send_text (ws, "handshake", NULL));
  message = receive_ok (ws);
  g_assert_cmpstr (gaio_web_socket_message_get_text (message), ==,
                   "x-test=from-the-client\nauthorization=Basic dTpwdw==");

  close_ok (ws);
  g_clear_object (&ws);
  g_string_free (trace.events, TRUE);
  gaio_test_server_free (server);
}

/* An open socket holds no request slot: with one connection per host,
 * three sockets stay open and a request to the host still goes through. */
static void
test_websocket_no_slot (void)
{
  g_autofree char *url = NULL;
  GaioTestServer *server = server_new (NULL, &url);
  g_autoptr(GaioHttpClient) client = gaio_http_client_new ();
  g_autofree char *hello = gaio_test_server_url (server, "/hello");
  g_autoptr(GaioFuture) get = NULL;
  g_autoptr(GaioHttpResponse) response = NULL;
  GaioWebSocket *sockets[3];

  gaio_http_client_set_max_connections_per_host (client, 1);
  for (guint i = 0; i < G_N_ELEMENTS (sockets); i++)
    sockets[i] = connect_ok (client, url);
  get = gaio_http_client_get (client, hello);
  response = gaio_test_wait_response (get, WAIT_MS);
  g_assert_cmpuint (gaio_http_response_get_status (response), ==, 200);

  for (guint i = 0; i < G_N_ELEMENTS (sockets); i++)
    {
      close_ok (sockets[i]);
      g_object_unref (sockets[i]);
    }
  gaio_test_server_free (server);
}

/* A server that never answers the handshake: the client's timeout ends
 * it, in the client's wording. With one connection per host, a second
 * handshake waits in the client's queue meanwhile, and starts (and opens)
 * only once the first has given its slot back. */
static void
test_websocket_deadline (void)
{
  g_autofree char *url = NULL;
  GaioTestServer *server = server_new (NULL, &url);
  g_autoptr(GaioHttpClient) client = gaio_http_client_new ();
  g_autofree char *hold = gaio_test_server_url (server, "/hold");
  g_autofree char *hold_ws = g_strconcat ("ws", strstr (hold, "://"), NULL);
  g_autofree char *expected = g_strdup_printf ("Timed out after 0.2 s opening %s", hold_ws);
  g_autofree char *order = NULL;
  g_autoptr(GaioFuture) held = NULL;
  g_autoptr(GaioFuture) queued = NULL;
  g_autoptr(GaioWebSocket) ws = NULL;
  g_autoptr(GError) error = NULL;
  Trace trace = { g_string_new (NULL), 0 };

  gaio_http_client_set_timeout (client, 0.2);
  gaio_http_client_set_max_connections_per_host (client, 1);
  g_signal_connect (client, "request-started", G_CALLBACK (step_cb), &trace);
  g_signal_connect (client, "request-finished", G_CALLBACK (finished_cb), &trace);
  held = gaio_http_client_websocket_connect (client, hold_ws, NULL);
  queued = gaio_http_client_websocket_connect (client, url, NULL);
  while (gaio_test_server_get_held (server, NULL) < 1)
    g_main_context_iteration (NULL, TRUE);
  order = g_strdup_printf ("request-started GET %s\n", hold_ws);
  g_assert_cmpstr (trace.events->str, ==, order);
  g_clear_pointer (&order, g_free);

  error = wait_error (held);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_cmpuint (gaio_test_server_get_held (server, NULL), ==, 1);
  ws = GAIO_WEB_SOCKET (wait_object (queued));
  /* The slot goes back before the first request reports its end. */
  order = g_strdup_printf ("request-started GET %s\nrequest-started GET %s\n"
                           "request-finished %s\nrequest-finished ok\n",
                           hold_ws, url, expected);
  g_assert_cmpstr (trace.events->str, ==, order);

  close_ok (ws);
  g_clear_object (&ws);
  g_string_free (trace.events, TRUE);
  gaio_test_server_release_held (server);
  gaio_test_server_free (server);
}

typedef struct
{
  GaioWebSocket *ws;     /* the task's, dropped inside it */
  gboolean       close;  /* close before dropping */
  guint          echoed;
} Echoer;

/* A task that waits for each echo resumes inside libsoup's message signal
 * (gaio_future_settle_eager): it sends from there, closes from there, and
 * drops the last reference to the socket from there, which libsoup still
 * uses when the signal returns (memcheck and ASan watch this one). */
static void
echo_body (GaioTask *task,
           gpointer  data)
{
  Echoer *echoer = data;

  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *text = g_strdup_printf ("%u", i);
      g_autoptr(GaioFuture) receive = NULL;
      g_autoptr(GaioWebSocketMessage) message = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (gaio_web_socket_send_text (echoer->ws, text, NULL));
      receive = gaio_web_socket_receive (echoer->ws);
      message = gaio_await_object (receive, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (gaio_web_socket_message_get_text (message), ==, text);
      echoer->echoed++;
    }
  if (echoer->close)
    {
      g_autoptr(GaioFuture) close = gaio_web_socket_close (echoer->ws, 1000, NULL);

      g_assert_nonnull (gaio_await (close, NULL));
    }
  g_clear_object (&echoer->ws);
}

static void
test_websocket_task (void)
{
  g_autofree char *url = NULL;
  GaioTestServer *server = server_new (NULL, &url);
  g_autoptr(GaioHttpClient) client = gaio_http_client_new ();

  for (guint close = 0; close < 2; close++)
    {
      Echoer echoer = { connect_ok (client, url), close, 0 };
      g_autoptr(GaioTask) task = gaio_task_spawn ("echo", echo_body, &echoer, NULL);

      gaio_test_wait_for_future (GAIO_FUTURE (task), WAIT_MS);
      g_assert_true (gaio_future_propagate (GAIO_FUTURE (task), NULL));
      g_assert_cmpuint (echoer.echoed, ==, 50);
      g_assert_null (echoer.ws);
    }
  gaio_test_server_free (server);
}

#define N_SOCKETS 1000

/* Valgrind and AddressSanitizer run every line far slower: there a tenth
 * of the sockets still checks the logic. */
static gboolean
under_memory_checker (void)
{
#if defined(__SANITIZE_ADDRESS__)
  return TRUE;
#else
  return g_getenv ("GAIO_UNDER_VALGRIND") != NULL;
#endif
}

/* Each socket takes two descriptors here (client and server), plus what
 * the test process already has: the soft limit is raised to the hard one
 * if need be. */
static gboolean
ensure_descriptors (guint n)
{
  struct rlimit limit;
  rlim_t needed = 2 * (rlim_t) n + 256;

  if (getrlimit (RLIMIT_NOFILE, &limit) != 0)
    return FALSE;
  if (limit.rlim_cur >= needed)
    return TRUE;
  if (limit.rlim_max != RLIM_INFINITY && limit.rlim_max < needed)
    return FALSE;
  limit.rlim_cur = needed;
  return setrlimit (RLIMIT_NOFILE, &limit) == 0;
}

/* A thousand handshakes at once, through the client's queue and session
 * shards (one libsoup session took quadratic time over them), then a
 * message on every socket, all open together. */
static void
test_websocket_many (void)
{
  g_autofree char *url = NULL;
  GaioTestServer *server = NULL;
  g_autoptr(GaioHttpClient) client = gaio_http_client_new ();
  guint n = under_memory_checker () ? N_SOCKETS / 10 : N_SOCKETS;
  g_autofree GaioFuture **connects = g_new0 (GaioFuture *, n);
  g_autofree GaioFuture **receives = g_new0 (GaioFuture *, n);
  g_autofree GaioWebSocket **sockets = g_new0 (GaioWebSocket *, n);

  if (!ensure_descriptors (n))
    {
      g_test_skip_printf ("%u sockets need %u file descriptors, over the hard limit (ulimit -Hn)",
                          n, 2 * n + 256);
      return;
    }
  if (n < N_SOCKETS)
    g_test_message ("Under a memory checker: %u sockets instead of %u", n, N_SOCKETS);

  server = server_new (NULL, &url);
  gaio_http_client_set_max_connections (client, n);
  gaio_http_client_set_max_connections_per_host (client, n);
  for (guint i = 0; i < n; i++)
    connects[i] = gaio_http_client_websocket_connect (client, url, NULL);
  for (guint i = 0; i < n; i++)
    {
      sockets[i] = GAIO_WEB_SOCKET (wait_object (connects[i]));
      g_object_unref (connects[i]);
    }
  /* All open at once: each sends, then all receive. */
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = g_strdup_printf ("%u", i);

      g_assert_true (gaio_web_socket_send_text (sockets[i], text, NULL));
      receives[i] = gaio_web_socket_receive (sockets[i]);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GaioWebSocketMessage) message =
        GAIO_WEB_SOCKET_MESSAGE (wait_object (receives[i]));
      g_autofree char *text = g_strdup_printf ("%u", i);

      g_assert_cmpstr (gaio_web_socket_message_get_text (message), ==, text);
      g_object_unref (receives[i]);
    }
  /* All at once: each main loop iteration polls every socket. */
  for (guint i = 0; i < n; i++)
    receives[i] = gaio_web_socket_close (sockets[i], 1000, NULL);
  for (guint i = 0; i < n; i++)
    {
      gaio_test_wait_for_future (receives[i], WAIT_MS);
      g_assert_true (gaio_future_propagate (receives[i], NULL));
      g_assert_true (gaio_web_socket_is_closed (sockets[i]));
      g_object_unref (receives[i]);
      g_object_unref (sockets[i]);
    }
  gaio_test_server_free (server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/Gaio/WebSocket/echo", test_websocket_echo);
  g_test_add_func ("/Gaio/WebSocket/max-message-size", test_websocket_max_message_size);
  g_test_add_func ("/Gaio/WebSocket/server-close", test_websocket_server_close);
  g_test_add_func ("/Gaio/WebSocket/local-close", test_websocket_local_close);
  g_test_add_func ("/Gaio/WebSocket/cancelled-receive", test_websocket_cancelled_receive);
  g_test_add_func ("/Gaio/WebSocket/cancelled-after-grant", test_websocket_cancelled_after_grant);
  g_test_add_func ("/Gaio/WebSocket/errors", test_websocket_errors);
  g_test_add_func ("/Gaio/WebSocket/tls", test_websocket_tls);
  g_test_add_func ("/Gaio/WebSocket/bad-certificate", test_websocket_bad_certificate);
  g_test_add_func ("/Gaio/WebSocket/resumed-tls", test_websocket_resumed_tls);
  g_test_add_func ("/Gaio/WebSocket/client-settings", test_websocket_client_settings);
  g_test_add_func ("/Gaio/WebSocket/no-slot", test_websocket_no_slot);
  g_test_add_func ("/Gaio/WebSocket/deadline", test_websocket_deadline);
  g_test_add_func ("/Gaio/WebSocket/task", test_websocket_task);
  g_test_add_func ("/Gaio/WebSocket/many", test_websocket_many);

  return g_test_run ();
}
