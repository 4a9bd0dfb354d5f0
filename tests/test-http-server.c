/* test-http-server.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <string.h>

#include "test-http-server.h"
#include "test-utils.h"

/* Paths the server answers:
 *   /hello                 200 text/plain "Hello"
 *   /echo                  the request: method, X-Test, User-Agent, content type, body
 *   /slow?ms=N             200 after N ms (counted for concurrency)
 *   /hold                  200 once the test calls gaio_test_server_release_held()
 *                          (counted for concurrency)
 *   /trickle?first=F&n=N&ms=M
 *                          chunked: F bytes at once, then N single bytes every M ms
 *   /status?code=N         that status, body "status N"
 *   /redirect?to=URL       302 to URL;  /redirect-loop: 302 to itself
 *   /redirect-chain?n=N    N redirects, then /hello
 *   /big?n=N               N bytes of 'x' with a Content-Length
 *   /big-chunked?n=N       N bytes of 'x', chunked (no length known up front)
 *   /gzip?n=N              N zero bytes gzip-compressed (a small body, a large one decoded)
 *   /bytes?type=T&data=D   body D (percent-decoded) with Content-Type T
 *   /json, /bad-json       JSON, good and broken
 *   /retry?key=K&fail=N&code=C&after=S
 *                          the first N hits for K answer C (503) with Retry-After S
 *   /cookie/set, /cookie/get
 */

struct _GaioTestServer
{
  SoupServer *server;
  gboolean    tls;
  guint       port;
  guint       concurrent;
  guint       max_concurrent;
  GHashTable *host_concurrent;      /* host → current count */
  GHashTable *host_max;             /* host → max count */
  GHashTable *hits;                 /* path → count */
  GHashTable *retry_counts;         /* key → count */
  GList      *pending;              /* Delayed */
  GBytes     *gzip_cache;
  guint       gzip_cache_n;
};

typedef struct
{
  GaioTestServer    *server;
  SoupServerMessage *msg;
  GSource           *source;
  char              *host;
  guint              remaining;
  gulong             finished_id;
  gboolean           counted;
  gboolean           held;      /* /hold: no timer, the test releases it */
} Delayed;

char *
gaio_test_cert_path (const char *name)
{
  g_autofree char *file = g_strdup_printf ("%s.pem", name);

  return g_test_build_filename (G_TEST_DIST, "certs", file, NULL);
}

static char *
host_of (SoupServerMessage *msg)
{
  const char *host = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                   "Host");
  const char *colon;

  if (host == NULL)
    return g_strdup ("");
  colon = strrchr (host, ':');
  return colon != NULL ? g_strndup (host, colon - host) : g_strdup (host);
}

static void
count_begin (GaioTestServer *self,
             const char     *host)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (self->host_concurrent, host)) + 1;

  g_hash_table_insert (self->host_concurrent, g_strdup (host), GUINT_TO_POINTER (n));
  if (n > GPOINTER_TO_UINT (g_hash_table_lookup (self->host_max, host)))
    g_hash_table_insert (self->host_max, g_strdup (host), GUINT_TO_POINTER (n));

  self->concurrent++;
  self->max_concurrent = MAX (self->max_concurrent, self->concurrent);
}

static void
count_end (GaioTestServer *self,
           const char     *host)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (self->host_concurrent, host));

  g_hash_table_insert (self->host_concurrent, g_strdup (host), GUINT_TO_POINTER (n - 1));
  self->concurrent--;
}

static void
delayed_free (Delayed *delayed)
{
  GaioTestServer *self = delayed->server;

  self->pending = g_list_remove (self->pending, delayed);
  if (delayed->counted)
    count_end (self, delayed->host);
  if (delayed->source != NULL)
    {
      g_source_destroy (delayed->source);
      g_source_unref (delayed->source);
    }
  g_signal_handler_disconnect (delayed->msg, delayed->finished_id);
  g_object_unref (delayed->msg);
  g_free (delayed->host);
  g_free (delayed);
}

static void
delayed_finished_cb (SoupServerMessage *msg,
                     gpointer           data)
{
  delayed_free (data);
}

static Delayed *
delayed_new (GaioTestServer    *self,
             SoupServerMessage *msg,
             guint              ms,
             GSourceFunc        func)
{
  Delayed *delayed = g_new0 (Delayed, 1);

  delayed->server = self;
  delayed->msg = g_object_ref (msg);
  delayed->host = host_of (msg);
  delayed->finished_id = g_signal_connect (msg, "finished", G_CALLBACK (delayed_finished_cb), delayed);
  if (func != NULL)
    {
      delayed->source = g_timeout_source_new (ms);
      g_source_set_callback (delayed->source, func, delayed, NULL);
      g_source_attach (delayed->source, g_main_context_get_thread_default ());
    }
  self->pending = g_list_prepend (self->pending, delayed);
  return delayed;
}

static gboolean
slow_done_cb (gpointer data)
{
  Delayed *delayed = data;

  count_end (delayed->server, delayed->host);
  delayed->counted = FALSE;
  soup_server_message_set_status (delayed->msg, 200, NULL);
  soup_server_message_set_response (delayed->msg, "text/plain", SOUP_MEMORY_STATIC, "slow", 4);
  soup_server_message_unpause (delayed->msg);
  g_clear_pointer (&delayed->source, g_source_unref);
  return G_SOURCE_REMOVE;
}

static gboolean
trickle_cb (gpointer data)
{
  Delayed *delayed = data;
  SoupMessageBody *body = soup_server_message_get_response_body (delayed->msg);

  if (delayed->remaining == 0)
    {
      soup_message_body_complete (body);
      soup_server_message_unpause (delayed->msg);
      g_clear_pointer (&delayed->source, g_source_unref);
      return G_SOURCE_REMOVE;
    }

  delayed->remaining--;
  soup_message_body_append (body, SOUP_MEMORY_STATIC, "t", 1);
  soup_server_message_unpause (delayed->msg);
  return G_SOURCE_CONTINUE;
}

static guint
query_uint (GHashTable *query,
            const char *name,
            guint       fallback)
{
  const char *value = query != NULL ? g_hash_table_lookup (query, name) : NULL;

  return value != NULL ? (guint) g_ascii_strtoull (value, NULL, 10) : fallback;
}

static const char *
query_str (GHashTable *query,
           const char *name)
{
  return query != NULL ? g_hash_table_lookup (query, name) : NULL;
}

static GBytes *
gzip_zeros (guint n)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (memory, G_CONVERTER (compressor));
  g_autofree char *zeros = g_malloc0 (64 * 1024);

  for (guint done = 0; done < n; )
    {
      guint chunk = MIN (n - done, 64 * 1024);

      g_output_stream_write_all (out, zeros, chunk, NULL, NULL, NULL);
      done += chunk;
    }
  g_output_stream_close (out, NULL, NULL);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

static void
set_text (SoupServerMessage *msg,
          guint              status,
          const char        *type,
          const char        *text)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, type, SOUP_MEMORY_COPY, text, strlen (text));
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           data)
{
  GaioTestServer *self = data;
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);
  guint hits = GPOINTER_TO_UINT (g_hash_table_lookup (self->hits, path)) + 1;

  g_hash_table_insert (self->hits, g_strdup (path), GUINT_TO_POINTER (hits));

  if (g_str_equal (path, "/hello"))
    {
      set_text (msg, 200, "text/plain", "Hello");
    }
  else if (g_str_equal (path, "/auth"))
    {
      /* Basic auth for user "u", password "pw". */
      const char *given = soup_message_headers_get_one (request_headers, "Authorization");

      if (g_strcmp0 (given, "Basic dTpwdw==") == 0)
        set_text (msg, 200, "text/plain", "Authorized");
      else
        {
          soup_message_headers_replace (response_headers, "WWW-Authenticate", "Basic realm=\"gaio\"");
          set_text (msg, 401, "text/plain", "Who are you?");
        }
    }
  else if (g_str_equal (path, "/echo"))
    {
      SoupMessageBody *body = soup_server_message_get_request_body (msg);
      g_autoptr(GBytes) flat = soup_message_body_flatten (body);
      g_autofree char *text = NULL;
      const char *x_test = soup_message_headers_get_one (request_headers, "X-Test");
      const char *ua = soup_message_headers_get_one (request_headers, "User-Agent");
      const char *type = soup_message_headers_get_one (request_headers, "Content-Type");

      text = g_strdup_printf ("method=%s\nx-test=%s\nuser-agent=%s\ncontent-type=%s\nbody=%.*s",
                              soup_server_message_get_method (msg),
                              x_test ? x_test : "", ua ? ua : "", type ? type : "",
                              (int) g_bytes_get_size (flat),
                              (const char *) g_bytes_get_data (flat, NULL));
      set_text (msg, 200, "text/plain", text);
    }
  else if (g_str_equal (path, "/slow"))
    {
      Delayed *delayed;

      soup_server_message_pause (msg);
      delayed = delayed_new (self, msg, query_uint (query, "ms", 100), slow_done_cb);
      delayed->counted = TRUE;
      count_begin (self, delayed->host);
    }
  else if (g_str_equal (path, "/hold"))
    {
      Delayed *delayed;

      soup_server_message_pause (msg);
      delayed = delayed_new (self, msg, 0, NULL);
      delayed->held = TRUE;
      delayed->counted = TRUE;
      count_begin (self, delayed->host);
    }
  else if (g_str_equal (path, "/trickle"))
    {
      guint first = query_uint (query, "first", 0);
      Delayed *delayed;

      soup_server_message_set_status (msg, 200, NULL);
      soup_message_headers_set_encoding (response_headers, SOUP_ENCODING_CHUNKED);
      soup_message_headers_set_content_type (response_headers, "text/plain", NULL);
      if (first > 0)
        soup_message_body_append_take (soup_server_message_get_response_body (msg),
                                       memset (g_malloc (first), 'f', first), first);
      delayed = delayed_new (self, msg, query_uint (query, "ms", 100), trickle_cb);
      delayed->remaining = query_uint (query, "n", 100);
    }
  else if (g_str_equal (path, "/status"))
    {
      guint code = query_uint (query, "code", 500);
      g_autofree char *text = g_strdup_printf ("status %u", code);

      set_text (msg, code, "text/plain", text);
    }
  else if (g_str_equal (path, "/redirect"))
    {
      soup_server_message_set_redirect (msg, 302, query_str (query, "to"));
    }
  else if (g_str_equal (path, "/redirect-303"))
    {
      soup_server_message_set_redirect (msg, 303, "/echo");
    }
  else if (g_str_equal (path, "/redirect-loop"))
    {
      soup_server_message_set_redirect (msg, 302, "/redirect-loop");
    }
  else if (g_str_equal (path, "/redirect-chain"))
    {
      guint n = query_uint (query, "n", 1);
      g_autofree char *to = n > 1 ? g_strdup_printf ("/redirect-chain?n=%u", n - 1) : g_strdup ("/hello");

      soup_server_message_set_redirect (msg, 301, to);
    }
  else if (g_str_equal (path, "/big") || g_str_equal (path, "/big-chunked"))
    {
      guint n = query_uint (query, "n", 1024);
      char *bytes = memset (g_malloc (n), 'x', n);

      soup_server_message_set_status (msg, 200, NULL);
      if (g_str_equal (path, "/big-chunked"))
        soup_message_headers_set_encoding (response_headers, SOUP_ENCODING_CHUNKED);
      soup_server_message_set_response (msg, "application/octet-stream", SOUP_MEMORY_TAKE, bytes, n);
      soup_message_body_complete (soup_server_message_get_response_body (msg));
    }
  else if (g_str_equal (path, "/gzip"))
    {
      guint n = query_uint (query, "n", 1024);

      if (self->gzip_cache == NULL || self->gzip_cache_n != n)
        {
          g_clear_pointer (&self->gzip_cache, g_bytes_unref);
          self->gzip_cache = gzip_zeros (n);
          self->gzip_cache_n = n;
        }
      soup_server_message_set_status (msg, 200, NULL);
      soup_message_headers_append (response_headers, "Content-Encoding", "gzip");
      soup_message_headers_set_content_type (response_headers, "application/octet-stream", NULL);
      soup_message_body_append_bytes (soup_server_message_get_response_body (msg), self->gzip_cache);
      soup_message_body_complete (soup_server_message_get_response_body (msg));
    }
  else if (g_str_equal (path, "/bytes"))
    {
      const char *bytes = query_str (query, "data");
      const char *type = query_str (query, "type");

      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, type, SOUP_MEMORY_COPY, bytes, bytes ? strlen (bytes) : 0);
    }
  else if (g_str_equal (path, "/json"))
    {
      set_text (msg, 200, "application/json", "{\"name\": \"gaio\", \"n\": [1, 2, 3]}");
    }
  else if (g_str_equal (path, "/bad-json"))
    {
      set_text (msg, 200, "application/json", "{\"name\": ");
    }
  else if (g_str_equal (path, "/retry"))
    {
      const char *key = query_str (query, "key");
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->retry_counts, key)) + 1;

      g_hash_table_insert (self->retry_counts, g_strdup (key), GUINT_TO_POINTER (count));
      if (count <= query_uint (query, "fail", 1))
        {
          const char *after = query_str (query, "after");

          if (after != NULL)
            soup_message_headers_append (response_headers, "Retry-After", after);
          set_text (msg, query_uint (query, "code", 503), "text/plain", "try again");
        }
      else
        {
          g_autofree char *text = g_strdup_printf ("ok after %u", count);
          set_text (msg, 200, "text/plain", text);
        }
    }
  else if (g_str_equal (path, "/cookie/set"))
    {
      soup_message_headers_append (response_headers, "Set-Cookie", "session=abc123; Path=/");
      set_text (msg, 200, "text/plain", "set");
    }
  else if (g_str_equal (path, "/cookie/get"))
    {
      const char *cookie = soup_message_headers_get_one (request_headers, "Cookie");

      set_text (msg, 200, "text/plain", cookie != NULL ? cookie : "");
    }
  else
    {
      set_text (msg, 404, "text/plain", "not found");
    }
}

/* WebSockets on /ws: echo every message, except the text "close" (the
 * server closes with 4000 "bye"), "big:N" (N bytes of binary back) and
 * "handshake" (the handshake's X-Test and Authorization headers back, as
 * "x-test=...\nauthorization=..."). Each connection keeps itself until
 * closed. */
static void
ws_message_cb (SoupWebsocketConnection *connection,
               int                      type,
               GBytes                  *data,
               gpointer                 user_data)
{
  gsize size;
  const char *bytes = g_bytes_get_data (data, &size);
  g_autofree char *text = type == SOUP_WEBSOCKET_DATA_TEXT ? g_strndup (bytes, size) : NULL;

  if (soup_websocket_connection_get_state (connection) != SOUP_WEBSOCKET_STATE_OPEN)
    return;
  if (g_strcmp0 (text, "close") == 0)
    soup_websocket_connection_close (connection, 4000, "bye");
  else if (g_strcmp0 (text, "handshake") == 0)
    soup_websocket_connection_send_text (connection,
                                         g_object_get_data (G_OBJECT (connection), "handshake"));
  else if (text != NULL && g_str_has_prefix (text, "big:"))
    {
      gsize n = g_ascii_strtoull (text + 4, NULL, 10);
      g_autofree char *big = g_malloc0 (n);

      soup_websocket_connection_send_binary (connection, big, n);
    }
  else
    soup_websocket_connection_send_message (connection, type, data);
}

static void
ws_closed_cb (SoupWebsocketConnection *connection,
              gpointer                 user_data)
{
  g_signal_handlers_disconnect_by_data (connection, user_data);
  g_object_unref (connection);
}

static void
ws_cb (SoupServer              *server,
       SoupServerMessage       *msg,
       const char              *path,
       SoupWebsocketConnection *connection,
       gpointer                 user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *x_test = soup_message_headers_get_one (headers, "X-Test");
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");

  g_object_set_data_full (G_OBJECT (connection), "handshake",
                          g_strdup_printf ("x-test=%s\nauthorization=%s",
                                           x_test ? x_test : "",
                                           authorization ? authorization : ""),
                          g_free);
  soup_websocket_connection_set_max_incoming_payload_size (connection, 0);
  g_signal_connect (connection, "message", G_CALLBACK (ws_message_cb), user_data);
  g_signal_connect (connection, "closed", G_CALLBACK (ws_closed_cb), user_data);
  g_object_ref (connection);
}

GaioTestServer *
gaio_test_server_new (const char *cert_name)
{
  GaioTestServer *self = g_new0 (GaioTestServer, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr(GSocketAddress) local = NULL;
  g_autoptr(GSocket) socket = NULL;
  GSList *listeners;

  self->host_concurrent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->host_max = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->retry_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (cert_name != NULL)
    {
      g_autofree char *cert = gaio_test_cert_path (cert_name);
      g_autofree char *key_name = g_strdup_printf ("%s-key", cert_name);
      g_autofree char *key = gaio_test_cert_path (key_name);
      g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_files (cert, key, &error);

      g_assert_no_error (error);
      self->server = soup_server_new ("tls-certificate", certificate, NULL);
      self->tls = TRUE;
    }
  else
    {
      self->server = soup_server_new (NULL, NULL);
    }

  soup_server_add_handler (self->server, NULL, server_cb, self, NULL);
  soup_server_add_websocket_handler (self->server, "/ws", NULL, NULL, ws_cb, self, NULL);
  /* GIO's listen backlog of 10 would drop the connections of a thousand
   * WebSockets opened at once, which then wait for SYN retries. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_set_listen_backlog (socket, 1024);
  g_assert_true (g_socket_bind (socket, address, TRUE, &error));
  g_assert_true (g_socket_listen (socket, &error));
  soup_server_listen_socket (self->server, socket, self->tls ? SOUP_SERVER_LISTEN_HTTPS : 0, &error);
  g_assert_no_error (error);

  /* soup_server_get_uris() leaks in libsoup 3.2; ask the socket. */
  listeners = soup_server_get_listeners (self->server);
  g_assert_nonnull (listeners);
  local = g_socket_get_local_address (listeners->data, &error);
  g_assert_no_error (error);
  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
  g_slist_free (listeners);

  return self;
}

SoupServer *
gaio_test_server_get_soup (GaioTestServer *self)
{
  return self->server;
}

void
gaio_test_server_free (GaioTestServer *self)
{
  /* Let the server see the client's connections close first, or libsoup
   * keeps their sockets forever. */
  gaio_test_iterate_for (20);
  while (self->pending != NULL)
    delayed_free (self->pending->data);
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_hash_table_unref (self->host_concurrent);
  g_hash_table_unref (self->host_max);
  g_hash_table_unref (self->hits);
  g_hash_table_unref (self->retry_counts);
  g_clear_pointer (&self->gzip_cache, g_bytes_unref);
  g_free (self);
}

guint
gaio_test_server_get_port (GaioTestServer *self)
{
  return self->port;
}

char *
gaio_test_server_url_for_host (GaioTestServer *self,
                               const char     *host,
                               const char     *path)
{
  return g_strdup_printf ("%s://%s:%u%s", self->tls ? "https" : "http", host, self->port, path);
}

char *
gaio_test_server_url (GaioTestServer *self,
                      const char     *path)
{
  return gaio_test_server_url_for_host (self, "127.0.0.1", path);
}

guint
gaio_test_server_get_max_concurrent (GaioTestServer *self)
{
  return self->max_concurrent;
}

guint
gaio_test_server_get_max_concurrent_for_host (GaioTestServer *self,
                                              const char     *host)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->host_max, host));
}

/* The /hold requests waiting now, for @host (as the Host header names it)
 * or, with %NULL, for any. */
guint
gaio_test_server_get_held (GaioTestServer *self,
                           const char     *host)
{
  guint n = 0;

  for (GList *l = self->pending; l != NULL; l = l->next)
    {
      Delayed *delayed = l->data;

      if (delayed->held && delayed->counted && (host == NULL || g_str_equal (delayed->host, host)))
        n++;
    }
  return n;
}

/* Answers every /hold request waiting now. */
void
gaio_test_server_release_held (GaioTestServer *self)
{
  g_autoptr(GList) pending = g_list_copy (self->pending);

  for (GList *l = pending; l != NULL; l = l->next)
    {
      Delayed *delayed = l->data;

      if (delayed->held && delayed->counted)
        slow_done_cb (delayed);
    }
}

void
gaio_test_server_reset_counts (GaioTestServer *self)
{
  self->max_concurrent = self->concurrent;
  g_hash_table_remove_all (self->host_max);
}

guint
gaio_test_server_get_hits (GaioTestServer *self,
                           const char     *path)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->hits, path));
}

/* Raw server */

struct _GaioTestRawServer
{
  GSocketService *service;
  guint           port;
  char           *response;
};

static gboolean
raw_run_cb (GThreadedSocketService *service,
            GSocketConnection      *connection,
            GObject                *source,
            gpointer                data)
{
  GaioTestRawServer *self = data;
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  char buffer[4096];

  /* On a thread of its own: read the request head (one read suffices for
   * the tests' small requests), answer, and hang up. */
  g_input_stream_read (in, buffer, sizeof buffer, NULL, NULL);
  g_output_stream_write_all (out, self->response, strlen (self->response), NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

GaioTestRawServer *
gaio_test_raw_server_new (const char *response)
{
  GaioTestRawServer *self = g_new0 (GaioTestRawServer, 1);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;

  self->response = g_strdup (response);
  self->service = g_threaded_socket_service_new (4);
  g_socket_listener_add_address (G_SOCKET_LISTENER (self->service), address,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL,
                                 &effective, &error);
  g_assert_no_error (error);
  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_signal_connect (self->service, "run", G_CALLBACK (raw_run_cb), self);
  g_socket_service_start (self->service);
  return self;
}

char *
gaio_test_raw_server_url (GaioTestRawServer *self,
                          const char        *path)
{
  return g_strdup_printf ("http://127.0.0.1:%u%s", self->port, path);
}

void
gaio_test_raw_server_free (GaioTestRawServer *self)
{
  g_socket_service_stop (self->service);
  g_socket_listener_close (G_SOCKET_LISTENER (self->service));
  g_object_unref (self->service);
  g_free (self->response);
  g_free (self);
}

GaioHttpResponse *
gaio_test_wait_response (GaioFuture *future,
                         guint       timeout_ms)
{
  GaioHttpResponse *response = gaio_test_wait_object (future, timeout_ms);

  g_assert_true (GAIO_IS_HTTP_RESPONSE (response));
  return response;
}
