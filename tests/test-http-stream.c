/* test-http-stream.c: streamed response bodies (gaio_http_client_open)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "test-nginx.h"
#include "test-http-server.h"
#include "test-utils.h"

#define WAIT_MS GAIO_TEST_NETWORK_WAIT_MS
#define CHUNK (64 * 1024)

/* A SoupServer that makes its bodies as it sends them, never holding more
 * than one chunk:
 *   /gen?n=N&ms=M[&length=1]  N bytes of pattern(), chunked (or with a
 *                             Content-Length), 64 KiB at a time, M ms apart
 *   /lines                    "a\nbb\r\n\nlast", in pieces that split lines
 * It counts the bytes it has handed to libsoup and the client connections
 * it has seen (by their remote port). */
typedef struct
{
  SoupServer *server;
  char       *base;
  guint64     sent;
  GHashTable *ports;
} StreamServer;

typedef struct
{
  StreamServer      *server;
  SoupServerMessage *msg;
  guint64            offset;
  guint64            total;
  guint              ms;
  guint              timer;
} Generator;

static guint8
pattern (guint64 offset)
{
  return offset % 251;
}

static gboolean
body_has_pattern (GBytes  *bytes,
                  guint64  offset)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  for (gsize i = 0; i < size; i++)
    if (data[i] != pattern (offset + i))
      return FALSE;
  return TRUE;
}

static void
generator_append (Generator *gen)
{
  SoupMessageBody *body = soup_server_message_get_response_body (gen->msg);
  gsize n = MIN (CHUNK, gen->total - gen->offset);
  guint8 *data;

  if (n == 0)
    {
      soup_message_body_complete (body);
      soup_server_message_unpause (gen->msg);
      return;
    }

  data = g_malloc (n);
  for (gsize i = 0; i < n; i++)
    data[i] = pattern (gen->offset + i);
  gen->offset += n;
  gen->server->sent += n;
  soup_message_body_append_take (body, data, n);
  soup_server_message_unpause (gen->msg);
}

static gboolean
generator_timer_cb (gpointer data)
{
  Generator *gen = data;

  gen->timer = 0;
  generator_append (gen);
  return G_SOURCE_REMOVE;
}

static void
wrote_chunk_cb (SoupServerMessage *msg,
                gpointer           data)
{
  Generator *gen = data;

  if (gen->offset == gen->total && gen->timer == 0)
    {
      generator_append (gen);  /* completes */
      return;
    }
  soup_server_message_pause (msg);
  if (gen->ms > 0)
    gen->timer = g_timeout_add (gen->ms, generator_timer_cb, gen);
  else
    generator_append (gen);
}

static void
generator_finished_cb (SoupServerMessage *msg,
                       gpointer           data)
{
  Generator *gen = data;

  g_clear_handle_id (&gen->timer, g_source_remove);
  g_signal_handlers_disconnect_by_data (msg, gen);
  g_object_unref (gen->msg);
  g_free (gen);
}

static guint64
query_u64 (GHashTable *query,
           const char *name)
{
  const char *value = query != NULL ? g_hash_table_lookup (query, name) : NULL;

  return value != NULL ? g_ascii_strtoull (value, NULL, 10) : 0;
}

static void
handler_cb (SoupServer        *soup_server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           data)
{
  StreamServer *server = data;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  GInetSocketAddress *remote = G_INET_SOCKET_ADDRESS (soup_server_message_get_remote_address (msg));

  g_hash_table_add (server->ports, GUINT_TO_POINTER (g_inet_socket_address_get_port (remote)));
  soup_server_message_set_status (msg, 200, NULL);
  soup_message_headers_set_content_type (headers, "text/plain", NULL);

  if (g_str_equal (path, "/gen"))
    {
      Generator *gen = g_new0 (Generator, 1);

      gen->server = server;
      gen->msg = g_object_ref (msg);
      gen->total = query_u64 (query, "n");
      gen->ms = query_u64 (query, "ms");
      if (query_u64 (query, "length"))
        soup_message_headers_set_content_length (headers, gen->total);
      else
        soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      soup_message_body_set_accumulate (body, FALSE);
      g_signal_connect (msg, "wrote-chunk", G_CALLBACK (wrote_chunk_cb), gen);
      g_signal_connect (msg, "finished", G_CALLBACK (generator_finished_cb), gen);
      generator_append (gen);
    }
  else if (g_str_equal (path, "/lines"))
    {
      static const char * const pieces[] = { "a\nb", "b\r", "\n\nla", "st" };

      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      for (guint i = 0; i < G_N_ELEMENTS (pieces); i++)
        soup_message_body_append (body, SOUP_MEMORY_STATIC, pieces[i], strlen (pieces[i]));
      soup_message_body_complete (body);
    }
  else
    soup_server_message_set_status (msg, 404, NULL);
}

static StreamServer *
stream_server_new (void)
{
  StreamServer *server = g_new0 (StreamServer, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr(GSocketAddress) local = NULL;
  GSList *listeners;

  server->server = soup_server_new (NULL, NULL);
  server->ports = g_hash_table_new (NULL, NULL);
  soup_server_add_handler (server->server, NULL, handler_cb, server, NULL);
  /* soup_server_listen_local() and soup_server_get_uris() leak in
   * libsoup 3.2: listen on an address, ask the socket. */
  soup_server_listen (server->server, address, 0, &error);
  g_assert_no_error (error);
  listeners = soup_server_get_listeners (server->server);
  local = g_socket_get_local_address (listeners->data, &error);
  g_assert_no_error (error);
  server->base = g_strdup_printf ("http://127.0.0.1:%u",
                                  g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local)));
  g_slist_free (listeners);
  return server;
}

static char *
stream_server_url (StreamServer *server,
                   const char   *path)
{
  return g_strconcat (server->base, path, NULL);
}

static void
stream_server_free (StreamServer *server)
{
  soup_server_disconnect (server->server);
  g_object_unref (server->server);
  g_hash_table_unref (server->ports);
  g_free (server->base);
  g_free (server);
}

/* Waiting */

static const GValue *
wait_value (GaioFuture *future)
{
  return gaio_test_wait_value (future, WAIT_MS);
}

static GError *
wait_error (GaioFuture *future)
{
  return gaio_test_wait_error (future, WAIT_MS);
}

static GaioHttpResponse *
open_ok (GaioHttpClient *client,
         const char     *url)
{
  g_autoptr(GaioFuture) future = gaio_http_client_open (client, "GET", url, NULL);

  return g_value_dup_object (wait_value (future));
}

static GBytes *
read_ok (GaioHttpResponse *response,
         gsize             max_bytes)
{
  g_autoptr(GaioFuture) future = gaio_http_response_read (response, max_bytes);

  return g_value_dup_boxed (wait_value (future));
}

static GError *
read_error (GaioHttpResponse *response)
{
  g_autoptr(GaioFuture) future = gaio_http_response_read (response, CHUNK);

  return wait_error (future);
}

/* Reads until a read fails, adding the bytes read to *@offset; returns
 * the error. */
static GError *
read_until_error (GaioHttpResponse *response,
                  guint64          *offset)
{
  GError *error = NULL;

  for (;;)
    {
      g_autoptr(GaioFuture) future = gaio_http_response_read (response, CHUNK);

      gaio_test_wait_for_future (future, WAIT_MS);
      if (!gaio_future_propagate (future, &error))
        return error;
      *offset += g_bytes_get_size (g_value_get_boxed (gaio_future_get_value (future)));
    }
}

/* Reads the rest of the body, checking the pattern from @offset; returns
 * the new offset. */
static guint64
read_to_end (GaioHttpResponse *response,
             guint64           offset)
{
  for (;;)
    {
      g_autoptr(GBytes) chunk = read_ok (response, CHUNK);

      if (g_bytes_get_size (chunk) == 0)
        return offset;
      g_assert_cmpuint (g_bytes_get_size (chunk), <=, CHUNK);
      g_assert_true (body_has_pattern (chunk, offset));
      offset += g_bytes_get_size (chunk);
    }
}

static gsize
resident_bytes (void)
{
  g_autofree char *statm = NULL;
  unsigned long size = 0, resident = 0;

  if (!g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL) ||
      sscanf (statm, "%lu %lu", &size, &resident) != 2)
    return 0;
  return resident * 4096;
}

/* Tests */

/* 100 MiB in 64 KiB reads: the bytes arrive intact and in order, the
 * server is held back while nobody reads, and memory stays flat. */
static void
test_http_stream_large (void)
{
  guint64 total = g_getenv ("GAIO_UNDER_VALGRIND") != NULL ? 8 << 20 : 100 << 20;
  StreamServer *server = stream_server_new ();
  GaioHttpClient *client = gaio_http_client_new ();
  g_autofree char *path = g_strdup_printf ("/gen?n=%" G_GUINT64_FORMAT, total);
  g_autofree char *url = stream_server_url (server, path);
  GaioHttpResponse *response;
  gsize rss_before, rss_max = 0;
  guint64 offset = 0, sent_while_idle;

  gaio_http_client_set_max_body_size (client, 0);
  response = open_ok (client, url);
  g_assert_cmpuint (gaio_http_response_get_status (response), ==, 200);
  g_assert_cmpuint (g_bytes_get_size (gaio_http_response_get_body (response)), ==, 0);

  {
    g_autoptr(GBytes) first = read_ok (response, CHUNK);

    g_assert_true (body_has_pattern (first, 0));
    offset = g_bytes_get_size (first);
  }

  /* Nobody reads: the server gets only as far as the socket buffers. */
  gaio_test_iterate_for (200);
  sent_while_idle = server->sent;
  g_test_message ("sent while the client did not read: %" G_GUINT64_FORMAT " bytes",
                  sent_while_idle);
  g_assert_cmpuint (sent_while_idle, <, 32 << 20);

  rss_before = resident_bytes ();
  while (TRUE)
    {
      g_autoptr(GBytes) chunk = read_ok (response, CHUNK);

      if (g_bytes_get_size (chunk) == 0)
        break;
      g_assert_true (body_has_pattern (chunk, offset));
      offset += g_bytes_get_size (chunk);
      if ((offset & ((8 << 20) - 1)) < CHUNK)
        rss_max = MAX (rss_max, resident_bytes ());
    }
  rss_max = MAX (rss_max, resident_bytes ());
  g_assert_cmpuint (offset, ==, total);
  g_test_message ("RSS growth over %" G_GUINT64_FORMAT " MiB streamed: %" G_GSIZE_FORMAT " KiB",
                  total >> 20, (rss_max - MIN (rss_max, rss_before)) / 1024);
#if defined(__SANITIZE_ADDRESS__)
  /* ASan's quarantine keeps freed memory resident: the RSS says nothing. */
  g_test_message ("the RSS bound is not asserted under AddressSanitizer");
#else
  g_assert_cmpuint (rss_max, <, rss_before + (32 << 20));
#endif

  gaio_http_response_close (response);
  g_assert_finalize_object (response);
  g_assert_finalize_object (client);
  stream_server_free (server);
}

/* The cap stops a body as it streams, and a Content-Length over it fails
 * the open itself; both errors name the URL. */
static void
test_http_stream_body_cap (void)
{
  StreamServer *server = stream_server_new ();
  GaioHttpClient *client = gaio_http_client_new ();
  g_autofree char *url = stream_server_url (server, "/gen?n=4194304");
  g_autofree char *sized = stream_server_url (server, "/gen?n=4194304&length=1");
  g_autoptr(GaioFuture) open_sized = NULL;
  g_autoptr(GError) error = NULL;
  GaioHttpResponse *response;
  guint64 offset = 0;

  gaio_http_client_set_max_body_size (client, 1 << 20);
  response = open_ok (client, url);
  error = read_until_error (response, &offset);
  g_test_message ("%s after %" G_GUINT64_FORMAT " bytes", error->message, offset);
  g_assert_error (error, GAIO_ERROR, GAIO_ERROR_BODY_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, url));
  g_assert_cmpuint (offset, ==, 1 << 20);
  g_clear_error (&error);

  /* Later reads give the same error. */
  error = read_error (response);
  g_assert_error (error, GAIO_ERROR, GAIO_ERROR_BODY_TOO_LARGE);
  g_clear_error (&error);
  g_assert_finalize_object (response);

  open_sized = gaio_http_client_open (client, "GET", sized, NULL);
  error = wait_error (open_sized);
  g_assert_error (error, GAIO_ERROR, GAIO_ERROR_BODY_TOO_LARGE);
  g_clear_error (&error);

  /* A request's own cap overrides the client's. */
  {
    g_autoptr(GaioHttpRequestOptions) options = gaio_http_request_options_new ();
    g_autoptr(GaioFuture) open = NULL;

    gaio_http_request_options_set_max_body_size (options, 100000);
    open = gaio_http_client_open (client, "GET", url, options);
    response = g_value_dup_object (wait_value (open));
    g_clear_object (&open);
    offset = 0;
    error = read_until_error (response, &offset);
    g_assert_error (error, GAIO_ERROR, GAIO_ERROR_BODY_TOO_LARGE);
    g_assert_cmpuint (offset, <=, 100000);
    g_assert_finalize_object (response);
  }

  g_assert_finalize_object (client);
  stream_server_free (server);
}

/* The total deadline runs until the body ends: it fails a read waiting for
 * the network, and the next read after an idle spell. */
static void
test_http_stream_deadline_reading (void)
{
  StreamServer *server = stream_server_new ();
  GaioHttpClient *client = gaio_http_client_new ();
  g_autofree char *slow = stream_server_url (server, "/gen?n=1048576&ms=200");
  g_autofree char *fast = stream_server_url (server, "/gen?n=1048576");
  g_autoptr(GError) error = NULL;
  GaioHttpResponse *response;
  guint64 offset = 0;

  gaio_http_client_set_timeout (client, 0.5);

  /* A read in flight when the deadline passes. */
  response = open_ok (client, slow);
  error = read_until_error (response, &offset);
  g_test_message ("%s after %" G_GUINT64_FORMAT " bytes", error->message, offset);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_nonnull (strstr (error->message, slow));
  g_assert_cmpuint (offset, <, 1048576);
  g_clear_error (&error);
  g_assert_finalize_object (response);

  /* No read in flight: the deadline ends the body all the same, and the
   * next read says so. */
  response = open_ok (client, fast);
  gaio_test_iterate_for (700);
  error = read_error (response);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_finalize_object (response);

  g_assert_finalize_object (client);
  stream_server_free (server);
}

/* A response closed before its end takes its connection with it; one read
 * to the end leaves it for the next request. Either way the slot is free:
 * with one connection per host, the next request goes through. */
static void
test_http_stream_close (void)
{
  StreamServer *server = stream_server_new ();
  GaioHttpClient *client = gaio_http_client_new ();
  g_autofree char *big = stream_server_url (server, "/gen?n=10485760");
  g_autofree char *small = stream_server_url (server, "/gen?n=100000");
  g_autoptr(GaioFuture) pending = NULL;
  g_autoptr(GError) error = NULL;
  GaioHttpResponse *response;

  gaio_http_client_set_max_connections_per_host (client, 1);

  /* Read to the end, closed: the connection is reused. */
  response = open_ok (client, small);
  g_assert_cmpuint (read_to_end (response, 0), ==, 100000);
  gaio_http_response_close (response);
  g_assert_finalize_object (response);
  response = open_ok (client, small);
  g_assert_cmpuint (read_to_end (response, 0), ==, 100000);
  g_assert_finalize_object (response);
  g_assert_cmpuint (g_hash_table_size (server->ports), ==, 1);

  /* Closed half-way, with a read pending: the read fails, the connection
   * is not reused. */
  response = open_ok (client, big);
  g_bytes_unref (read_ok (response, CHUNK));
  pending = gaio_http_response_read (response, CHUNK);
  gaio_http_response_close (response);
  gaio_http_response_close (response);
  /* The read may have been served by the read ahead already. */
  gaio_test_wait_for_future (pending, WAIT_MS);
  if (!gaio_future_propagate (pending, &error))
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED);
  g_clear_error (&error);
  error = read_error (response);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED);
  g_assert_nonnull (strstr (error->message, big));
  g_clear_error (&error);
  g_assert_finalize_object (response);

  response = open_ok (client, small);
  g_assert_cmpuint (read_to_end (response, 0), ==, 100000);
  g_assert_finalize_object (response);
  g_assert_cmpuint (g_hash_table_size (server->ports), ==, 2);

  /* Dropped unread: closed too, the slot given back. */
  response = open_ok (client, big);
  g_object_unref (response);
  response = open_ok (client, small);
  g_assert_cmpuint (read_to_end (response, 0), ==, 100000);
  g_assert_finalize_object (response);
  g_assert_cmpuint (g_hash_table_size (server->ports), ==, 3);

  g_assert_finalize_object (client);
  stream_server_free (server);
}

/* A cancelled read gives up waiting but loses nothing: the bytes that
 * arrive afterwards go to the next read. One read at a time. */
static void
test_http_stream_cancel_read (void)
{
  StreamServer *server = stream_server_new ();
  GaioHttpClient *client = gaio_http_client_new ();
  g_autofree char *url = stream_server_url (server, "/gen?n=300000&ms=50");
  g_autoptr(GaioFuture) first = NULL;
  g_autoptr(GaioFuture) second = NULL;
  g_autoptr(GError) error = NULL;
  GaioHttpResponse *response;
  guint64 offset;

  response = open_ok (client, url);
  {
    g_autoptr(GBytes) chunk = read_ok (response, CHUNK);

    offset = g_bytes_get_size (chunk);
  }

  /* Take what was read ahead, until a read has to wait. */
  for (;;)
    {
      first = gaio_http_response_read (response, CHUNK);
      if (!gaio_future_is_done (first))
        break;
      offset += g_bytes_get_size (g_value_get_boxed (gaio_future_get_value (first)));
      g_clear_object (&first);
    }
  second = gaio_http_response_read (response, CHUNK);
  g_assert_true (gaio_future_is_done (second));
  gaio_future_cancel (first);
  g_assert_true (gaio_future_is_cancelled (first));
  error = wait_error (second);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PENDING);

  gaio_test_iterate_for (120);  /* the next chunk arrives meanwhile */
  g_assert_cmpuint (read_to_end (response, offset), ==, 300000);

  g_assert_finalize_object (response);
  g_assert_finalize_object (client);
  stream_server_free (server);
}

static GBytes *
read_line_ok (GaioHttpResponse *response,
              gsize             max_bytes)
{
  g_autoptr(GaioFuture) future = gaio_http_response_read_line (response, max_bytes);

  return g_value_dup_boxed (wait_value (future));
}

static void
assert_lines (GaioHttpResponse   *response,
              gsize               max_bytes,
              const char * const *expected)
{
  for (guint i = 0;; i++)
    {
      g_autoptr(GBytes) line = read_line_ok (response, max_bytes);
      gsize size;
      const char *data = g_bytes_get_data (line, &size);
      g_autofree char *text = g_strndup (data != NULL ? data : "", size);

      g_assert_cmpstr (text, ==, expected[i] != NULL ? expected[i] : "");
      if (expected[i] == NULL)
        break;
    }
}

/* Lines keep their endings as sent; the last one may have none; a line
 * longer than the limit comes in pieces. Streamed and whole bodies read
 * alike. */
static void
test_http_stream_lines (void)
{
  static const char * const lines[] = { "a\n", "bb\r\n", "\n", "last", NULL };
  static const char * const pieces[] = { "a\n", "bb", "\r\n", "\n", "la", "st", NULL };
  StreamServer *server = stream_server_new ();
  GaioHttpClient *client = gaio_http_client_new ();
  g_autofree char *url = stream_server_url (server, "/lines");
  g_autoptr(GaioFuture) whole = NULL;
  GaioHttpResponse *response;

  response = open_ok (client, url);
  assert_lines (response, 1024, lines);
  g_assert_finalize_object (response);

  response = open_ok (client, url);
  assert_lines (response, 2, pieces);
  g_assert_finalize_object (response);

  whole = gaio_http_client_get (client, url);
  response = g_value_dup_object (wait_value (whole));
  g_clear_object (&whole);
  assert_lines (response, 1024, lines);
  g_assert_finalize_object (response);

  g_assert_finalize_object (client);
  stream_server_free (server);
}

static void
splice_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  GaioFuture *done = data;
  GError *error = NULL;
  gssize n = g_output_stream_splice_finish (G_OUTPUT_STREAM (source), result, &error);
  GValue value = G_VALUE_INIT;

  if (n < 0)
    gaio_future_reject (done, error);
  else
    {
      g_value_init (&value, G_TYPE_INT64);
      g_value_set_int64 (&value, n);
      gaio_future_resolve (done, &value);
    }
  g_object_unref (done);
}

/* GIO code reads the body through a GInputStream, under the same cap. */
static void
test_http_stream_input_stream (void)
{
  StreamServer *server = stream_server_new ();
  GaioHttpClient *client = gaio_http_client_new ();
  g_autofree char *url = stream_server_url (server, "/gen?n=1000000");
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GaioFuture) done = gaio_future_new ();
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  GaioHttpResponse *response;
  GInputStream *in;
  char byte;

  response = open_ok (client, url);
  in = gaio_http_response_get_input_stream (response);
  g_assert_cmpint (g_input_stream_read (in, &byte, 1, NULL, &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);

  g_output_stream_splice_async (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE |
                                G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, NULL, splice_cb, g_object_ref (done));
  g_assert_cmpint (g_value_get_int64 (wait_value (done)), ==, 1000000);
  body = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  g_assert_true (body_has_pattern (body, 0));
  g_object_unref (in);
  g_assert_finalize_object (response);

  /* The cap holds through the stream. */
  gaio_http_client_set_max_body_size (client, 100000);
  response = open_ok (client, url);
  in = gaio_http_response_get_input_stream (response);
  g_clear_object (&done);
  done = gaio_future_new ();
  g_clear_object (&out);
  out = g_memory_output_stream_new_resizable ();
  g_output_stream_splice_async (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE,
                                G_PRIORITY_DEFAULT, NULL, splice_cb, g_object_ref (done));
  error = wait_error (done);
  g_assert_error (error, GAIO_ERROR, GAIO_ERROR_BODY_TOO_LARGE);
  g_object_unref (in);
  g_assert_finalize_object (response);

  g_assert_finalize_object (client);
  stream_server_free (server);
}

/* Over HTTP/2 (nginx, a server nobody here wrote), a streamed body reads
 * the same; responses read to their end or closed early leave the one
 * multiplexed connection to the next request. */
static void
test_http_stream_http2 (void)
{
  g_autofree char *skip = NULL;
  g_autofree char *ca = gaio_test_cert_path ("ca");
  g_autofree char *url = NULL;
  GaioTestNginx *nginx = gaio_test_nginx_new (GAIO_TEST_NGINX_HTTP2, &skip);
  GaioHttpClient *client;
  GaioHttpResponse *response;

  if (nginx == NULL)
    {
      g_test_skip (skip);
      return;
    }
  client = gaio_http_client_new ();
  g_assert_true (gaio_http_client_set_ca_file (client, ca, NULL));
  url = gaio_test_nginx_url (nginx, "/hello");

  response = open_ok (client, url);
  g_assert_cmpint (gaio_http_response_get_http_version (response), ==, SOUP_HTTP_2_0);
  {
    g_autoptr(GBytes) line = NULL;
    g_autoptr(GaioFuture) read = gaio_http_response_read_line (response, 1024);

    line = g_value_dup_boxed (wait_value (read));
    g_assert_cmpmem (g_bytes_get_data (line, NULL), g_bytes_get_size (line), "Hello", 5);
  }
  g_assert_cmpuint (read_to_end (response, 0), ==, 0);
  g_assert_finalize_object (response);

  response = open_ok (client, url);
  gaio_http_response_close (response);
  g_assert_finalize_object (response);

  response = open_ok (client, url);
  {
    g_autoptr(GBytes) chunk = read_ok (response, 2);

    g_assert_cmpmem (g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk), "He", 2);
  }
  g_assert_finalize_object (response);

  g_assert_cmpuint (gaio_test_nginx_count_connections (nginx, 3), ==, 1);

  g_assert_finalize_object (client);
  gaio_test_nginx_free (nginx);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/Gaio/HttpStream/large", test_http_stream_large);
  g_test_add_func ("/Gaio/HttpStream/body-cap", test_http_stream_body_cap);
  g_test_add_func ("/Gaio/HttpStream/deadline", test_http_stream_deadline_reading);
  g_test_add_func ("/Gaio/HttpStream/close", test_http_stream_close);
  g_test_add_func ("/Gaio/HttpStream/cancel-read", test_http_stream_cancel_read);
  g_test_add_func ("/Gaio/HttpStream/lines", test_http_stream_lines);
  g_test_add_func ("/Gaio/HttpStream/input-stream", test_http_stream_input_stream);
  g_test_add_func ("/Gaio/HttpStream/http2", test_http_stream_http2);

  return g_test_run ();
}
