/* test-http-request-options.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <gio/gunixinputstream.h>
#include <glib/gstdio.h>
#include <glib-unix.h>

#include "test-http-server.h"
#include "test-utils.h"

#define WAIT_MS GAIO_TEST_NETWORK_WAIT_MS

static GaioHttpResponse *
wait_response (GaioFuture *future)
{
  return gaio_test_wait_object (future, WAIT_MS);
}

static GError *
wait_error (GaioFuture *future)
{
  return gaio_test_wait_error (future, WAIT_MS);
}

static GaioHttpResponse *
send_ok (GaioHttpClient         *client,
         const char             *method,
         const char             *url,
         GaioHttpRequestOptions *options)
{
  g_autoptr(GaioFuture) future = gaio_http_client_send (client, method, url, options);

  return wait_response (future);
}

static GError *
send_error (GaioHttpClient         *client,
            const char             *method,
            const char             *url,
            GaioHttpRequestOptions *options)
{
  g_autoptr(GaioFuture) future = gaio_http_client_send (client, method, url, options);

  return wait_error (future);
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” does not contain “%s”", text, part);
}

static void
assert_lacks (const char *text,
              const char *part)
{
  if (strstr (text, part) != NULL)
    g_error ("“%s” contains “%s”", text, part);
}

static void
test_http_request_options_defaults (void)
{
  GaioHttpRequestOptions *options = gaio_http_request_options_new ();
  gboolean set = TRUE;

  g_assert_cmpfloat (gaio_http_request_options_get_timeout (options), ==, -1);
  g_assert_cmpint (gaio_http_request_options_get_max_body_size (options), ==, -1);
  g_assert_cmpint (gaio_http_request_options_get_max_redirects (options), ==, -1);
  g_assert_cmpint (gaio_http_request_options_get_max_retries (options), ==, -1);
  g_assert_false (gaio_http_request_options_get_raise_for_status_set (options));

  /* Setting the boolean sets its -set companion; unsetting keeps the value. */
  g_object_set (options, "raise-for-status", TRUE, NULL);
  g_object_get (options, "raise-for-status-set", &set, NULL);
  g_assert_true (set);
  gaio_http_request_options_unset_raise_for_status (options);
  g_assert_false (gaio_http_request_options_get_raise_for_status_set (options));
  g_assert_true (gaio_http_request_options_get_raise_for_status (options));

  g_assert_finalize_object (options);
}

/* The client says one thing and the options another: the options win,
 * both ways, and an unset option leaves the client's. */
static void
test_http_request_options_overrides (void)
{
  GaioTestServer *server = gaio_test_server_new (NULL);
  GaioHttpClient *client = gaio_http_client_new ();
  g_autofree char *trickle = gaio_test_server_url (server, "/trickle?n=4&ms=100");
  g_autofree char *big = gaio_test_server_url (server, "/big?n=2000");
  g_autofree char *chain = gaio_test_server_url (server, "/redirect-chain?n=3");
  g_autofree char *missing = gaio_test_server_url (server, "/status?code=404");
  GaioHttpRequestOptions *options;
  GaioHttpResponse *response;
  GError *error;

  /* Timeout: shorter than the client's, then none under a short client's. */
  options = gaio_http_request_options_new ();
  gaio_http_request_options_set_timeout (options, 0.15);
  error = send_error (client, "GET", trickle, options);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  assert_contains (error->message, "0.15 s");
  g_clear_error (&error);
  gaio_http_client_set_timeout (client, 0.15);
  gaio_http_request_options_set_timeout (options, 0);
  response = send_ok (client, "GET", trickle, options);
  g_assert_cmpuint (gaio_http_response_get_status (response), ==, 200);
  g_assert_finalize_object (response);
  error = send_error (client, "GET", trickle, NULL);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_clear_error (&error);
  gaio_http_client_set_timeout (client, 30);
  g_assert_finalize_object (options);

  /* Body cap. */
  options = gaio_http_request_options_new ();
  gaio_http_request_options_set_max_body_size (options, 1000);
  error = send_error (client, "GET", big, options);
  g_assert_error (error, GAIO_ERROR, GAIO_ERROR_BODY_TOO_LARGE);
  g_clear_error (&error);
  gaio_http_client_set_max_body_size (client, 1000);
  gaio_http_request_options_set_max_body_size (options, 0);
  response = send_ok (client, "GET", big, options);
  g_assert_cmpuint (g_bytes_get_size (gaio_http_response_get_body (response)), ==, 2000);
  g_assert_finalize_object (response);
  gaio_http_request_options_set_max_body_size (options, -1);
  error = send_error (client, "GET", big, options);
  g_assert_error (error, GAIO_ERROR, GAIO_ERROR_BODY_TOO_LARGE);
  g_clear_error (&error);
  g_assert_finalize_object (options);

  /* Redirects: none followed, then too few. */
  options = gaio_http_request_options_new ();
  gaio_http_request_options_set_max_redirects (options, 0);
  response = send_ok (client, "GET", chain, options);
  g_assert_cmpuint (gaio_http_response_get_status (response), ==, 301);
  g_assert_finalize_object (response);
  gaio_http_request_options_set_max_redirects (options, 2);
  error = send_error (client, "GET", chain, options);
  g_assert_error (error, GAIO_ERROR, GAIO_ERROR_TOO_MANY_REDIRECTS);
  g_clear_error (&error);
  gaio_http_client_set_max_redirects (client, 0);
  gaio_http_request_options_set_max_redirects (options, 3);
  response = send_ok (client, "GET", chain, options);
  g_assert_cmpuint (gaio_http_response_get_redirect_count (response), ==, 3);
  g_assert_finalize_object (response);
  g_assert_finalize_object (options);

  /* Raise for status, both ways. */
  options = gaio_http_request_options_new ();
  gaio_http_request_options_set_raise_for_status (options, TRUE);
  error = send_error (client, "GET", missing, options);
  g_assert_error (error, GAIO_HTTP_ERROR, 404);
  g_clear_error (&error);
  gaio_http_client_set_raise_for_status (client, TRUE);
  gaio_http_request_options_set_raise_for_status (options, FALSE);
  response = send_ok (client, "GET", missing, options);
  g_assert_cmpuint (gaio_http_response_get_status (response), ==, 404);
  g_assert_finalize_object (response);
  g_assert_finalize_object (options);

  g_assert_finalize_object (client);
  gaio_test_server_free (server);
}

static void
test_http_request_options_retries (void)
{
  GaioTestServer *server = gaio_test_server_new (NULL);
  GaioHttpClient *client = gaio_http_client_new ();
  g_autofree char *once = gaio_test_server_url (server, "/retry?key=once&fail=1");
  g_autofree char *never = gaio_test_server_url (server, "/retry?key=never&fail=1");
  g_autofree char *twice = gaio_test_server_url (server, "/retry?key=twice&fail=2");
  GaioHttpRequestOptions *options = gaio_http_request_options_new ();
  GaioHttpResponse *response;

  gaio_http_client_set_retry_delay (client, 0.01);
  gaio_http_client_set_max_retries (client, 0);
  gaio_http_request_options_set_max_retries (options, 1);
  response = send_ok (client, "GET", once, options);
  g_assert_cmpstr (gaio_http_response_get_text (response), ==, "ok after 2");
  g_assert_finalize_object (response);

  /* One retry is not enough for two failures. */
  response = send_ok (client, "GET", twice, options);
  g_assert_cmpuint (gaio_http_response_get_status (response), ==, 503);
  g_assert_finalize_object (response);

  /* No retry under a client that would. */
  gaio_http_client_set_max_retries (client, 3);
  gaio_http_request_options_set_max_retries (options, 0);
  response = send_ok (client, "GET", never, options);
  g_assert_cmpuint (gaio_http_response_get_status (response), ==, 503);
  g_assert_finalize_object (response);
  g_assert_cmpuint (gaio_test_server_get_hits (server, "/retry"), ==, 2 + 2 + 1);

  g_assert_finalize_object (options);
  g_assert_finalize_object (client);
  gaio_test_server_free (server);
}

/* The request keeps what the options said when it was sent. */
static void
test_http_request_options_snapshot (void)
{
  GaioTestServer *server = gaio_test_server_new (NULL);
  GaioHttpClient *client = gaio_http_client_new ();
  g_autofree char *echo = gaio_test_server_url (server, "/echo");
  GaioHttpRequestOptions *options = gaio_http_request_options_new ();
  g_autoptr(GBytes) body = g_bytes_new_static ("first", 5);
  g_autoptr(GBytes) other = g_bytes_new_static ("second", 6);
  g_autoptr(GaioFuture) future = NULL;
  GaioHttpResponse *response;
  const char *text;

  gaio_http_request_options_set_header (options, "X-Test", "sent");
  gaio_http_request_options_set_body_bytes (options, "text/plain", body);
  future = gaio_http_client_send (client, "POST", echo, options);
  gaio_http_request_options_set_header (options, "X-Test", "changed");
  gaio_http_request_options_set_body_bytes (options, "text/plain", other);
  gaio_http_request_options_set_timeout (options, 0.000001);
  response = wait_response (future);
  g_clear_object (&future);
  text = gaio_http_response_get_text (response);
  assert_contains (text, "x-test=sent\n");
  assert_contains (text, "body=first");
  assert_lacks (text, "second");
  g_assert_finalize_object (response);

  g_assert_finalize_object (options);
  g_assert_finalize_object (client);
  gaio_test_server_free (server);
}

/* Server side: handlers that parse what the client sent, with libsoup's
 * own decoders, and one that counts an upload without keeping it. */

static void
reply (SoupServerMessage *msg,
       const char        *text)
{
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_COPY, text, strlen (text));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char **) a, *(char **) b);
}

/* "name=value" lines, sorted, of the urlencoded body. */
static void
form_cb (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_autoptr(GHashTable) fields = soup_form_decode (text);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer name, value;
  g_autoptr(GString) out = g_string_new (NULL);

  g_string_append_printf (out, "type=%s\n", soup_message_headers_get_content_type (headers, NULL));
  g_hash_table_iter_init (&iter, fields);
  while (g_hash_table_iter_next (&iter, &name, &value))
    g_ptr_array_add (lines, g_strdup_printf ("%s=%s\n", (char *) name, (char *) value));
  g_ptr_array_sort (lines, compare_strings);
  for (guint i = 0; i < lines->len; i++)
    g_string_append (out, g_ptr_array_index (lines, i));
  reply (msg, out->str);
}

/* One line per part: name|filename|type|length|sha256. */
static void
multipart_cb (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr(SoupMultipart) multipart = soup_multipart_new_from_message (headers, body);
  g_autoptr(GString) out = g_string_new (NULL);

  if (multipart == NULL)
    {
      reply (msg, "not multipart");
      return;
    }
  for (int i = 0; i < soup_multipart_get_length (multipart); i++)
    {
      SoupMessageHeaders *part_headers;
      GBytes *part_body;
      g_autoptr(GHashTable) params = NULL;
      g_autofree char *sum = NULL;
      const char *type;

      soup_multipart_get_part (multipart, i, &part_headers, &part_body);
      soup_message_headers_get_content_disposition (part_headers, NULL, &params);
      type = soup_message_headers_get_content_type (part_headers, NULL);
      sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, part_body);
      g_string_append_printf (out, "%s|%s|%s|%" G_GSIZE_FORMAT "|%s\n",
                              (char *) g_hash_table_lookup (params, "name"),
                              params != NULL && g_hash_table_lookup (params, "filename")
                                ? (char *) g_hash_table_lookup (params, "filename") : "",
                              type != NULL ? type : "", g_bytes_get_size (part_body), sum);
    }
  reply (msg, out->str);
}

typedef struct
{
  guint64    bytes;
  GChecksum *sum;
} Count;

static void
count_free (gpointer data)
{
  Count *count = data;

  g_checksum_free (count->sum);
  g_free (count);
}

static void
count_chunk_cb (SoupServerMessage *msg,
                GBytes            *chunk,
                gpointer           data)
{
  Count *count = g_object_get_data (G_OBJECT (msg), "count");
  gsize size;
  const guint8 *bytes = g_bytes_get_data (chunk, &size);

  count->bytes += size;
  g_checksum_update (count->sum, bytes, size);
}

static void
count_headers_cb (SoupServerMessage *msg,
                  gpointer           data)
{
  Count *count;

  if (!g_str_equal (g_uri_get_path (soup_server_message_get_uri (msg)), "/count"))
    return;
  count = g_new0 (Count, 1);
  count->sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_object_set_data_full (G_OBJECT (msg), "count", count, count_free);
  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  g_signal_connect (msg, "got-chunk", G_CALLBACK (count_chunk_cb), NULL);
}

static void
request_started_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    gpointer           data)
{
  g_signal_connect (msg, "got-headers", G_CALLBACK (count_headers_cb), NULL);
}

/* "bytes=N encoding=E sha256=S": the body is counted, never stored. */
static void
count_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           data)
{
  Count *count = g_object_get_data (G_OBJECT (msg), "count");
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autofree char *text = NULL;

  text = g_strdup_printf ("bytes=%" G_GUINT64_FORMAT " chunked=%d sha256=%s",
                          count->bytes,
                          soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CHUNKED,
                          g_checksum_get_string (count->sum));
  reply (msg, text);
}

static void
query_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           data)
{
  const char *raw = g_uri_get_query (soup_server_message_get_uri (msg));

  reply (msg, raw != NULL ? raw : "");
}

static void
redirect_307_cb (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           data)
{
  soup_server_message_set_redirect (msg, 307, "/count");
}

static GaioTestServer *
body_server_new (void)
{
  GaioTestServer *server = gaio_test_server_new (NULL);
  SoupServer *soup = gaio_test_server_get_soup (server);

  g_signal_connect (soup, "request-started", G_CALLBACK (request_started_cb), NULL);
  soup_server_add_handler (soup, "/form", form_cb, NULL, NULL);
  soup_server_add_handler (soup, "/multipart", multipart_cb, NULL, NULL);
  soup_server_add_handler (soup, "/count", count_cb, NULL, NULL);
  soup_server_add_handler (soup, "/query", query_cb, NULL, NULL);
  soup_server_add_handler (soup, "/redirect-307", redirect_307_cb, NULL, NULL);
  return server;
}

static char *
sha256_of (const char *data,
           gsize       size)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, size);
}

static void
test_http_request_options_form (void)
{
  GaioTestServer *server = body_server_new ();
  GaioHttpClient *client = gaio_http_client_new ();
  g_autofree char *url = gaio_test_server_url (server, "/form");
  GaioHttpRequestOptions *options = gaio_http_request_options_new ();
  GaioHttpResponse *response;

  gaio_http_request_options_add_form_field (options, "name", "Gaio");
  gaio_http_request_options_add_form_field (options, "tricky", "a b&c=d+e%f/é");
  gaio_http_request_options_add_form_field (options, "empty", "");
  response = send_ok (client, "POST", url, options);
  g_assert_cmpstr (gaio_http_response_get_text (response), ==,
                   "type=application/x-www-form-urlencoded\n"
                   "empty=\n"
                   "name=Gaio\n"
                   "tricky=a b&c=d+e%f/é\n");
  g_assert_finalize_object (response);

  g_assert_finalize_object (options);
  g_assert_finalize_object (client);
  gaio_test_server_free (server);
}

/* A folder of this process's own: /tmp is shared with other test runs. */
static const char *
test_dir (void)
{
  static char *dir;

  if (dir == NULL)
    {
      g_autoptr(GError) error = NULL;

      dir = g_dir_make_tmp ("gaio-request-options-XXXXXX", &error);
      g_assert_no_error (error);
    }
  return dir;
}

static GFile *
write_temp_file (const char *name,
                 gsize       size,
                 char      **sum)
{
  g_autofree char *path = g_build_filename (test_dir (), name, NULL);
  g_autofree char *data = g_malloc (size);
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i < size; i++)
    data[i] = (char) (i * 7 + i / 251);
  g_file_set_contents (path, data, size, &error);
  g_assert_no_error (error);
  *sum = sha256_of (data, size);
  return g_file_new_for_path (path);
}

static void
test_http_request_options_multipart (void)
{
  GaioTestServer *server = body_server_new ();
  GaioHttpClient *client = gaio_http_client_new ();
  g_autofree char *url = gaio_test_server_url (server, "/multipart");
  GaioHttpRequestOptions *options = gaio_http_request_options_new ();
  g_autofree char *file_sum = NULL;
  g_autoptr(GFile) file = write_temp_file ("photo.jpg", 300 * 1000, &file_sum);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("a,b\n1,2\n", 8);
  g_autofree char *bytes_sum = sha256_of ("a,b\n1,2\n", 8);
  g_autofree char *field_sum = sha256_of ("Hello, world", 12);
  g_autofree char *expected = NULL;
  GaioHttpResponse *response;

  gaio_http_request_options_add_multipart_field (options, "title", "Hello, world");
  gaio_http_request_options_add_multipart_file (options, "photo", file, NULL, "image/jpeg");
  gaio_http_request_options_add_multipart_bytes (options, "table", "t.csv", "text/csv", bytes);
  gaio_http_request_options_add_multipart_file (options, "again", file, "other.bin", NULL);
  expected = g_strdup_printf ("title|||12|%s\n"
                              "photo|photo.jpg|image/jpeg|300000|%s\n"
                              "table|t.csv|text/csv|8|%s\n"
                              "again|other.bin|application/octet-stream|300000|%s\n",
                              field_sum, file_sum, bytes_sum, file_sum);
  response = send_ok (client, "POST", url, options);
  g_assert_cmpstr (gaio_http_response_get_text (response), ==, expected);
  g_assert_finalize_object (response);

  /* A missing file fails the request, naming the file and the URL. */
  {
    g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/gaio.bin");
    g_autoptr(GError) error = NULL;

    gaio_http_request_options_add_multipart_file (options, "gone", missing, NULL, NULL);
    error = send_error (client, "POST", url, options);
    g_test_message ("%s", error->message);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    assert_contains (error->message, "/nonexistent/gaio.bin");
    assert_contains (error->message, url);
  }

  g_assert_finalize_object (options);
  g_assert_finalize_object (client);
  gaio_test_server_free (server);
}

static void
test_http_request_options_json_and_query (void)
{
  GaioTestServer *server = body_server_new ();
  GaioHttpClient *client = gaio_http_client_new ();
  g_autofree char *echo = gaio_test_server_url (server, "/echo");
  g_autofree char *query = gaio_test_server_url (server, "/query?a=1");
  g_autofree char *bare = gaio_test_server_url (server, "/query");
  g_autofree char *merged = gaio_test_server_url (server, "/query?a=1&q=x+y&sym=%26%3D%3F%23%2F%C3%A9");
  GaioHttpRequestOptions *options = gaio_http_request_options_new ();
  g_autoptr(JsonNode) node = json_from_string ("{\"name\": \"gaio\", \"n\": [1, 2]}", NULL);
  GaioHttpResponse *response;

  gaio_http_request_options_set_body_json (options, node);
  response = send_ok (client, "POST", echo, options);
  assert_contains (gaio_http_response_get_text (response), "content-type=application/json\n");
  assert_contains (gaio_http_response_get_text (response), "body={\"name\":\"gaio\",\"n\":[1,2]}");
  g_assert_finalize_object (response);
  g_assert_finalize_object (options);

  options = gaio_http_request_options_new ();
  gaio_http_request_options_add_query_param (options, "q", "x y");
  gaio_http_request_options_add_query_param (options, "sym", "&=?#/é");
  response = send_ok (client, "GET", query, options);
  g_assert_cmpstr (gaio_http_response_get_text (response), ==, "a=1&q=x+y&sym=%26%3D%3F%23%2F%C3%A9");
  g_assert_cmpstr (gaio_http_response_get_url (response), ==, merged);
  g_assert_finalize_object (response);
  response = send_ok (client, "GET", bare, options);
  g_assert_cmpstr (gaio_http_response_get_text (response), ==, "q=x+y&sym=%26%3D%3F%23%2F%C3%A9");
  g_assert_finalize_object (response);
  g_assert_finalize_object (options);

  g_assert_finalize_object (client);
  gaio_test_server_free (server);
}

/* A pipe: a stream that cannot be rewound, holding @text. */
static GInputStream *
pipe_stream (const char *text)
{
  int fds[2];
  g_autoptr(GError) error = NULL;

  g_unix_open_pipe (fds, FD_CLOEXEC, &error);
  g_assert_no_error (error);
  g_assert_cmpint (write (fds[1], text, strlen (text)), ==, (gssize) strlen (text));
  close (fds[1]);
  return g_unix_input_stream_new (fds[0], TRUE);
}

static void
test_http_request_options_stream (void)
{
  GaioTestServer *server = body_server_new ();
  GaioHttpClient *client = gaio_http_client_new ();
  g_autofree char *count = gaio_test_server_url (server, "/count");
  g_autofree char *redirect = gaio_test_server_url (server, "/redirect-307");
  const char *text = "streamed body";
  g_autofree char *sum = sha256_of (text, strlen (text));
  g_autofree char *chunked = g_strdup_printf ("bytes=13 chunked=1 sha256=%s", sum);
  g_autofree char *sized = g_strdup_printf ("bytes=13 chunked=0 sha256=%s", sum);
  GaioHttpRequestOptions *options = gaio_http_request_options_new ();
  g_autoptr(GInputStream) pipe = pipe_stream (text);
  g_autoptr(GInputStream) memory = g_memory_input_stream_new_from_data (text, 13, NULL);
  GaioHttpResponse *response;
  GError *error;

  /* Unknown length: chunked. */
  gaio_http_request_options_set_body_stream (options, NULL, pipe, -1);
  response = send_ok (client, "POST", count, options);
  g_assert_cmpstr (gaio_http_response_get_text (response), ==, chunked);
  g_assert_finalize_object (response);

  /* Sent once: the same options cannot send it again. */
  error = send_error (client, "POST", count, options);
  g_test_message ("%s", error->message);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  assert_contains (error->message, count);
  g_clear_error (&error);

  /* A 307 must resend it: it fails rather than send an empty body. */
  g_clear_object (&pipe);
  pipe = pipe_stream (text);
  gaio_http_request_options_set_body_stream (options, NULL, pipe, 13);
  error = send_error (client, "POST", redirect, options);
  g_test_message ("%s", error->message);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);

  /* A file is read again for the redirect. */
  {
    g_autofree char *file_sum = NULL;
    g_autoptr(GFile) file = write_temp_file ("small.bin", 100 * 1000, &file_sum);
    g_autofree char *file_expected = g_strdup_printf ("bytes=100000 chunked=0 sha256=%s", file_sum);

    gaio_http_request_options_set_body_file (options, NULL, file);
    response = send_ok (client, "POST", redirect, options);
    g_assert_cmpstr (gaio_http_response_get_text (response), ==, file_expected);
    g_assert_finalize_object (response);
  }

  /* A seekable stream is rewound for the redirect. */
  gaio_http_request_options_set_body_stream (options, NULL, memory, 13);
  response = send_ok (client, "POST", redirect, options);
  g_assert_cmpstr (gaio_http_response_get_text (response), ==, sized);
  g_assert_cmpuint (gaio_http_response_get_redirect_count (response), ==, 1);
  g_assert_finalize_object (response);

  g_assert_finalize_object (options);
  g_assert_finalize_object (client);
  gaio_test_server_free (server);
}

static gsize
status_kib (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, field);
  g_assert_nonnull (line);
  return g_ascii_strtoull (line + strlen (field), NULL, 10);
}

/* A file upload is read as it is sent: memory stays flat while the server
 * counts every byte. GAIO_TEST_UPLOAD_MIB sets the size (64 MiB by
 * default, 4 under valgrind; 1024 for the 1 GiB case, a benchmark rather
 * than a CI test). */
static void
test_http_request_options_file_upload (void)
{
  GaioTestServer *server = body_server_new ();
  GaioHttpClient *client = gaio_http_client_new ();
  g_autofree char *count = gaio_test_server_url (server, "/count");
  g_autoptr(GaioFuture) future = NULL;
  const char *mib_env = g_getenv ("GAIO_TEST_UPLOAD_MIB");
  guint64 mib = g_getenv ("GAIO_UNDER_VALGRIND") != NULL ? 4 : 64;
  guint64 size;
  g_autofree char *path = g_build_filename (test_dir (), "upload.bin", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GaioHttpRequestOptions *options = gaio_http_request_options_new ();
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *expected = NULL;
  g_autofree char *block = g_malloc0 (1024 * 1024);
  GaioHttpResponse *response;
  gsize rss_before, peak;
  gint64 begin;
  int fd;

  if (mib_env != NULL)
    mib = g_ascii_strtoull (mib_env, NULL, 10);
  size = mib * 1024 * 1024;

  /* A sparse file reads as zeros without taking disk space. */
  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, size), ==, 0);
  close (fd);
  for (guint64 i = 0; i < size / (1024 * 1024); i++)
    g_checksum_update (sum, (const guchar *) block, 1024 * 1024);
  expected = g_strdup_printf ("bytes=%" G_GUINT64_FORMAT " chunked=0 sha256=%s", size,
                              g_checksum_get_string (sum));

  gaio_http_client_set_timeout (client, 0);
  gaio_http_request_options_set_body_file (options, "application/octet-stream", file);
  rss_before = status_kib ("VmRSS:");
  /* Resets the peak (VmHWM) to the current RSS (Linux 4.0). */
  g_file_set_contents ("/proc/self/clear_refs", "5", 1, NULL);
  begin = g_get_monotonic_time ();
  future = gaio_http_client_send (client, "PUT", count, options);
  gaio_test_wait_for_future (future, 20 * WAIT_MS);
  response = wait_response (future);
  g_clear_object (&future);
  peak = status_kib ("VmHWM:");
  g_test_message ("uploaded %" G_GUINT64_FORMAT " MiB in %.2f s; RSS %" G_GSIZE_FORMAT
                  " KiB before, peak %" G_GSIZE_FORMAT " KiB (+%" G_GSSIZE_FORMAT " KiB)",
                  size >> 20, (g_get_monotonic_time () - begin) / 1e6, rss_before, peak,
                  (gssize) (peak - rss_before));
  g_assert_cmpstr (gaio_http_response_get_text (response), ==, expected);
  g_assert_finalize_object (response);
#if defined(__SANITIZE_ADDRESS__)
  /* ASan's quarantine keeps freed memory resident: the peak says nothing. */
  g_test_message ("the RSS bound is not asserted under AddressSanitizer");
#else
  g_assert_cmpint ((gssize) (peak - rss_before), <, 16 * 1024);
#endif

  g_assert_finalize_object (options);
  g_assert_finalize_object (client);
  gaio_test_server_free (server);
  g_unlink (path);
}

/* "path?query" of what reached the server under /api. */
static void
api_cb (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           data)
{
  GUri *uri = soup_server_message_get_uri (msg);
  g_autofree char *text = g_strdup_printf ("%s%s%s", g_uri_get_path (uri),
                                           g_uri_get_query (uri) != NULL ? "?" : "",
                                           g_uri_get_query (uri) != NULL ? g_uri_get_query (uri) : "");

  reply (msg, text);
}

static void
test_http_request_options_base_url (void)
{
  GaioTestServer *server = gaio_test_server_new (NULL);
  GaioHttpClient *client = gaio_http_client_new ();
  g_autofree char *base = gaio_test_server_url (server, "/api");
  g_autofree char *hello = gaio_test_server_url (server, "/hello");
  g_autofree char *with_credentials = gaio_test_server_url_for_host (server, "u:pw@127.0.0.1", "/");
  struct { const char *url; const char *path; } cases[] = {
    { "users", "/api/users" },
    { "users?x=1&y=a+b", "/api/users?x=1&y=a+b" },
    { "./a/b", "/api/a/b" },
    { "a/../b", "/api/b" },
    { "", "/api/" },
    { "?q=1", "/api/?q=1" },
    { "../secret", NULL },
    { "a/../../secret", NULL },
    { "/other", NULL },
    { "//evil.host/x", NULL },
    { "//127.0.0.1/api/x", NULL },
    { "%2e%2e/secret", NULL },
    { "a/%2E%2E/%2e%2e/secret", NULL },
  };
  g_autoptr(GError) error = NULL;
  GaioHttpResponse *response;

  soup_server_add_handler (gaio_test_server_get_soup (server), "/api", api_cb, NULL, NULL);
  g_assert_true (gaio_http_client_set_base_url (client, base, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gaio_http_client_get_base_url (client), ==, base);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].url);
      if (cases[i].path != NULL)
        {
          response = send_ok (client, "GET", cases[i].url, NULL);
          g_assert_cmpstr (gaio_http_response_get_text (response), ==, cases[i].path);
          g_assert_finalize_object (response);
        }
      else
        {
          g_autoptr(GError) refused = send_error (client, "GET", cases[i].url, NULL);

          g_test_message ("%s", refused->message);
          g_assert_error (refused, GAIO_ERROR, GAIO_ERROR_INVALID_URL);
          assert_contains (refused->message, cases[i].url);
        }
    }

  /* An absolute URL is used as it is. */
  response = send_ok (client, "GET", hello, NULL);
  g_assert_cmpstr (gaio_http_response_get_text (response), ==, "Hello");
  g_assert_finalize_object (response);

  /* A refused base leaves the one before. */
  g_assert_false (gaio_http_client_set_base_url (client, "ftp://127.0.0.1/", &error));
  g_assert_error (error, GAIO_ERROR, GAIO_ERROR_UNSUPPORTED_SCHEME);
  g_clear_error (&error);
  g_assert_false (gaio_http_client_set_base_url (client, "http:///nohost", &error));
  g_assert_error (error, GAIO_ERROR, GAIO_ERROR_INVALID_URL);
  g_clear_error (&error);
  g_assert_cmpstr (gaio_http_client_get_base_url (client), ==, base);

  /* Credentials in the base are used and never shown. */
  g_assert_true (gaio_http_client_set_base_url (client, with_credentials, &error));
  response = send_ok (client, "GET", "auth", NULL);
  g_assert_cmpstr (gaio_http_response_get_text (response), ==, "Authorized");
  assert_lacks (gaio_http_response_get_url (response), "pw");
  g_assert_finalize_object (response);
  {
    g_autoptr(GError) refused = send_error (client, "GET", "//evil.host/x", NULL);

    assert_lacks (refused->message, "pw");
  }

  /* No base: relative URLs are invalid again. */
  g_assert_true (gaio_http_client_set_base_url (client, NULL, &error));
  {
    g_autoptr(GError) refused = send_error (client, "GET", "users", NULL);

    g_assert_error (refused, GAIO_ERROR, GAIO_ERROR_INVALID_URL);
  }

  g_assert_finalize_object (client);
  gaio_test_server_free (server);
}

/* "authorization=…|x-default=…|x-both=…" as the server saw them. */
static void
headers_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *names[] = { "Authorization", "X-Default", "X-Both" };
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *value = soup_message_headers_get_list (headers, names[i]);

      g_string_append_printf (out, "%s%s=%s", i > 0 ? "|" : "", names[i], value ? value : "");
    }
  reply (msg, out->str);
}

static void
test_http_request_options_auth (void)
{
  GaioTestServer *server = gaio_test_server_new (NULL);
  GaioHttpClient *client = gaio_http_client_new ();
  g_autofree char *headers = gaio_test_server_url (server, "/headers");
  g_autofree char *auth = gaio_test_server_url (server, "/auth");
  GaioHttpRequestOptions *options = gaio_http_request_options_new ();
  GaioHttpResponse *response;
  GError *error;

  soup_server_add_handler (gaio_test_server_get_soup (server), "/headers", headers_cb, NULL, NULL);

  /* Client defaults, then a request's own replacing them by name. */
  gaio_http_client_set_default_header (client, "X-Default", "d");
  gaio_http_client_set_default_header (client, "X-Both", "client");
  gaio_http_client_set_basic_auth (client, "u", "pw");
  response = send_ok (client, "GET", headers, NULL);
  g_assert_cmpstr (gaio_http_response_get_text (response), ==,
                   "Authorization=Basic dTpwdw==|X-Default=d|X-Both=client");
  g_assert_finalize_object (response);
  response = send_ok (client, "GET", auth, NULL);
  g_assert_cmpstr (gaio_http_response_get_text (response), ==, "Authorized");
  g_assert_finalize_object (response);

  gaio_http_request_options_set_header (options, "X-Both", "request");
  gaio_http_request_options_set_bearer_token (options, "s3cret-token");
  response = send_ok (client, "GET", headers, options);
  g_assert_cmpstr (gaio_http_response_get_text (response), ==,
                   "Authorization=Bearer s3cret-token|X-Default=d|X-Both=request");
  g_assert_finalize_object (response);

  /* Basic in UTF-8 (RFC 7617). */
  gaio_http_request_options_set_basic_auth (options, "zoë", "pässword");
  response = send_ok (client, "GET", headers, options);
  g_assert_cmpstr (gaio_http_response_get_text (response), ==,
                   "Authorization=Basic em/Dqzpww6Rzc3dvcmQ=|X-Default=d|X-Both=request");
  g_assert_finalize_object (response);

  /* Credentials appear in no error. */
  gaio_http_request_options_set_basic_auth (options, "u", "wrong-password");
  gaio_http_request_options_set_raise_for_status (options, TRUE);
  error = send_error (client, "GET", auth, options);
  g_test_message ("%s", error->message);
  g_assert_error (error, GAIO_HTTP_ERROR, 401);
  assert_lacks (error->message, "wrong-password");
  assert_lacks (error->message, "d3Jvbmct");
  g_clear_error (&error);
  gaio_http_request_options_set_bearer_token (options, "s3cret-token");
  gaio_http_request_options_set_timeout (options, 0.1);
  {
    g_autofree char *slow = gaio_test_server_url (server, "/trickle?n=10&ms=100");

    error = send_error (client, "GET", slow, options);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
    assert_lacks (error->message, "s3cret");
    g_clear_error (&error);
  }

  /* Cleared on the client: nothing sent. */
  gaio_http_client_set_basic_auth (client, NULL, NULL);
  gaio_http_client_set_default_header (client, "X-Both", NULL);
  response = send_ok (client, "GET", headers, NULL);
  g_assert_cmpstr (gaio_http_response_get_text (response), ==, "Authorization=|X-Default=d|X-Both=");
  g_assert_finalize_object (response);

  g_assert_finalize_object (options);
  g_assert_finalize_object (client);
  gaio_test_server_free (server);
}

/* The proxy is a SoupServer: it sees the absolute-form request line and
 * answers itself, so the target's host need not exist. */
static void
proxy_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           data)
{
  GUri *uri = soup_server_message_get_uri (msg);
  g_autofree char *text = g_strdup_printf ("proxied %s %s", g_uri_get_host (uri), g_uri_get_path (uri));

  reply (msg, text);
}

/* A proxy that wants the credentials "pu:ppw" (Basic) for every request;
 * counts the requests it sees and those that carry them. */
typedef struct
{
  guint seen;
  guint authorized;
} ProxyCounts;

static void
proxy_auth_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *given = soup_message_headers_get_one (headers, "Proxy-Authorization");
  ProxyCounts *counts = data;

  counts->seen++;
  if (g_strcmp0 (given, "Basic cHU6cHB3") == 0)
    {
      counts->authorized++;
      proxy_cb (server, msg, path, query, NULL);
      return;
    }
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Proxy-Authenticate", "Basic realm=\"proxy\"");
  soup_server_message_set_status (msg, 407, NULL);
}

/* A proxy's 407 is answered with the credentials of the proxy URL from
 * the client's first request on, and libsoup sends them unasked
 * afterwards; a proxy URL without them gives the 407. (What the first
 * request then gets depends on libsoup: 3.2 sends the answer to the
 * proxy URL itself, so it is not checked.) */
static void
test_http_request_options_proxy_auth (void)
{
  GaioTestServer *proxy = gaio_test_server_new (NULL);
  GaioHttpClient *client = gaio_http_client_new ();
  g_autofree char *with_credentials = gaio_test_server_url_for_host (proxy, "pu:ppw@127.0.0.1", "");
  g_autofree char *without = gaio_test_server_url (proxy, "");
  const char *target = "http://gaio-target.invalid/via-proxy";
  g_autoptr(GError) error = NULL;
  GaioHttpResponse *response;
  ProxyCounts counts = { 0, 0 };

  /* Every path: libsoup 3.2 sends the answer to the first 407 to "/". */
  soup_server_add_handler (gaio_test_server_get_soup (proxy), "/", proxy_auth_cb, &counts, NULL);

  g_assert_true (gaio_http_client_set_proxy_url (client, with_credentials, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (send_ok (client, "GET", target, NULL));
  g_assert_cmpuint (counts.authorized, ==, 1);

  counts.seen = counts.authorized = 0;
  for (guint i = 0; i < 2; i++)
    {
      response = send_ok (client, "GET", target, NULL);
      g_assert_cmpstr (gaio_http_response_get_text (response), ==,
                       "proxied gaio-target.invalid /via-proxy");
      g_assert_finalize_object (response);
    }
  g_assert_cmpuint (counts.seen, ==, 2);
  g_assert_cmpuint (counts.authorized, ==, 2);

  g_assert_true (gaio_http_client_set_proxy_url (client, without, &error));
  response = send_ok (client, "GET", target, NULL);
  g_assert_cmpuint (gaio_http_response_get_status (response), ==, 407);
  g_assert_finalize_object (response);

  g_assert_finalize_object (client);
  gaio_test_server_free (proxy);
}

static void
test_http_request_options_proxy (void)
{
  GaioTestServer *proxy = gaio_test_server_new (NULL);
  GaioHttpClient *client = gaio_http_client_new ();
  g_autofree char *proxy_url = gaio_test_server_url (proxy, "");
  const char *target = "http://gaio-target.invalid/via-proxy";
  g_autoptr(GError) error = NULL;
  GaioHttpResponse *response;

  soup_server_add_handler (gaio_test_server_get_soup (proxy), "/via-proxy", proxy_cb, NULL, NULL);
  g_assert_null (gaio_http_client_get_proxy_resolver (client));

  g_assert_true (gaio_http_client_set_proxy_url (client, proxy_url, &error));
  g_assert_no_error (error);
  g_assert_true (G_IS_SIMPLE_PROXY_RESOLVER (gaio_http_client_get_proxy_resolver (client)));
  response = send_ok (client, "GET", target, NULL);
  g_assert_cmpstr (gaio_http_response_get_text (response), ==, "proxied gaio-target.invalid /via-proxy");
  g_assert_finalize_object (response);

  /* Back to the environment's (here the tests' "dummy": no proxy). */
  g_assert_true (gaio_http_client_set_proxy_url (client, NULL, &error));
  g_assert_null (gaio_http_client_get_proxy_resolver (client));
  {
    g_autoptr(GError) direct = send_error (client, "GET", target, NULL);

    g_test_message ("%s", direct->message);
    g_assert_true (direct->domain == G_RESOLVER_ERROR || direct->domain == G_IO_ERROR);
  }

  g_assert_false (gaio_http_client_set_proxy_url (client, "not a url", &error));
  g_assert_error (error, GAIO_ERROR, GAIO_ERROR_INVALID_URL);

  g_assert_finalize_object (client);
  gaio_test_server_free (proxy);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/Gaio/HttpRequestOptions/defaults", test_http_request_options_defaults);
  g_test_add_func ("/Gaio/HttpRequestOptions/overrides", test_http_request_options_overrides);
  g_test_add_func ("/Gaio/HttpRequestOptions/retries", test_http_request_options_retries);
  g_test_add_func ("/Gaio/HttpRequestOptions/snapshot", test_http_request_options_snapshot);
  g_test_add_func ("/Gaio/HttpRequestOptions/form", test_http_request_options_form);
  g_test_add_func ("/Gaio/HttpRequestOptions/multipart", test_http_request_options_multipart);
  g_test_add_func ("/Gaio/HttpRequestOptions/json-and-query", test_http_request_options_json_and_query);
  g_test_add_func ("/Gaio/HttpRequestOptions/stream", test_http_request_options_stream);
  g_test_add_func ("/Gaio/HttpRequestOptions/file-upload", test_http_request_options_file_upload);
  g_test_add_func ("/Gaio/HttpClient/base-url", test_http_request_options_base_url);
  g_test_add_func ("/Gaio/HttpClient/auth-and-default-headers", test_http_request_options_auth);
  g_test_add_func ("/Gaio/HttpClient/proxy", test_http_request_options_proxy);
  g_test_add_func ("/Gaio/HttpClient/proxy-auth", test_http_request_options_proxy_auth);

  status = g_test_run ();
  gaio_test_remove_tree (test_dir ());
  return status;
}
