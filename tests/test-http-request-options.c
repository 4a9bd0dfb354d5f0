/* test-http-request-options.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include <string.h>

#include "test-http-server.h"
#include "test-utils.h"

#define WAIT_MS (g_getenv ("GAIO_UNDER_VALGRIND") != NULL ? 60000 : 10000)

static GaioHttpResponse *
wait_response (GaioFuture *future)
{
  g_autoptr(GError) error = NULL;

  gaio_test_wait_for_future (future, WAIT_MS);
  g_assert_true (gaio_future_propagate (future, &error));
  g_assert_no_error (error);
  return g_value_dup_object (gaio_future_get_value (future));
}

static GError *
wait_error (GaioFuture *future)
{
  GError *error = NULL;

  gaio_test_wait_for_future (future, WAIT_MS);
  g_assert_false (gaio_future_propagate (future, &error));
  g_assert_nonnull (error);
  return error;
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/Gaio/HttpRequestOptions/defaults", test_http_request_options_defaults);
  g_test_add_func ("/Gaio/HttpRequestOptions/overrides", test_http_request_options_overrides);
  g_test_add_func ("/Gaio/HttpRequestOptions/retries", test_http_request_options_retries);
  g_test_add_func ("/Gaio/HttpRequestOptions/snapshot", test_http_request_options_snapshot);

  return g_test_run ();
}
