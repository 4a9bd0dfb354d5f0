/* test-http-trace.c: what a request reports of itself (HTTP version,
 * libsoup's metrics, the client's trace signals), and how a redirect to
 * another host counts against the limits.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include <string.h>

#include "test-http-server.h"
#include "test-nginx.h"
#include "test-utils.h"

#include "gaio-http-client-private.h"

#define WAIT_MS GAIO_TEST_NETWORK_WAIT_MS

static GaioHttpResponse *
get_ok (GaioHttpClient *client,
        const char     *url)
{
  g_autoptr(GaioFuture) future = gaio_http_client_get (client, url);

  return gaio_test_wait_response (future, WAIT_MS);
}

/* Iterates the context until @server holds @n requests, or fails. */
static void
wait_held (GaioTestServer *server,
           guint           n)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_MS * (gint64) 1000;

  while (gaio_test_server_get_held (server, NULL) < n)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("The server never held %u requests", n);
      g_main_context_iteration (NULL, TRUE);
    }
}

/* "SERVER/redirect?to=TARGET" */
static char *
redirect_url (GaioTestServer *server,
              const char     *target)
{
  g_autofree char *escaped = g_uri_escape_string (target, NULL, FALSE);
  g_autofree char *path = g_strconcat ("/redirect?to=", escaped, NULL);

  return gaio_test_server_url (server, path);
}

/* Issue #10: a redirect from host A to host B leaves A's slot and waits
 * under B's limit. With one connection per host, a request to A while
 * the redirected one is held at B must go through, and a request to B
 * must wait for it. */
static void
test_http_client_cross_host_redirect (void)
{
  GaioTestServer *a = gaio_test_server_new (NULL);
  GaioTestServer *b = gaio_test_server_new (NULL);
  GaioHttpClient *client = gaio_http_client_new ();
  g_autofree char *hold_b = gaio_test_server_url (b, "/hold");
  g_autofree char *a_to_b = redirect_url (a, hold_b);
  g_autofree char *hello_a = gaio_test_server_url (a, "/hello");
  g_autoptr(GaioFuture) redirected = NULL;
  g_autoptr(GaioFuture) direct_b = NULL;
  GaioHttpResponse *response;
  guint queued, deadlines;

  gaio_http_client_set_max_connections_per_host (client, 1);
  redirected = gaio_http_client_get (client, a_to_b);
  wait_held (b, 1);

  /* A's slot is free again. */
  response = get_ok (client, hello_a);
  g_assert_cmpstr (gaio_http_response_get_text (response), ==, "Hello");
  g_assert_finalize_object (response);

  /* B's one slot is taken by the redirected request. */
  direct_b = gaio_http_client_get (client, hold_b);
  gaio_http_client_get_counts (client, &queued, &deadlines);
  g_assert_cmpuint (queued, ==, 1);

  gaio_test_server_release_held (b);
  response = gaio_test_wait_response (redirected, WAIT_MS);
  g_clear_object (&redirected);
  g_assert_cmpuint (gaio_http_response_get_status (response), ==, 200);
  g_assert_cmpstr (gaio_http_response_get_url (response), ==, hold_b);
  g_assert_cmpuint (gaio_http_response_get_redirect_count (response), ==, 1);
  g_assert_finalize_object (response);

  wait_held (b, 1);
  gaio_test_server_release_held (b);
  g_object_unref (gaio_test_wait_response (direct_b, WAIT_MS));
  g_assert_cmpuint (gaio_test_server_get_max_concurrent (b), ==, 1);

  g_clear_object (&direct_b);
  g_assert_finalize_object (client);
  gaio_test_server_free (a);
  gaio_test_server_free (b);
}

/* Steps of one exchange come in order; those that did not happen are
 * negative. */
static void
assert_metrics_ordered (GaioHttpResponse *response,
                        gboolean          connected,
                        gboolean          tls)
{
  GaioHttpMetrics *m = gaio_http_response_get_metrics (response);
  double steps[] = {
    gaio_http_metrics_get_fetch_start (m),
    gaio_http_metrics_get_dns_end (m),
    gaio_http_metrics_get_connect_end (m),
    gaio_http_metrics_get_tls_end (m),
    gaio_http_metrics_get_request_start (m),
    gaio_http_metrics_get_response_start (m),
    gaio_http_metrics_get_response_end (m),
    gaio_http_response_get_elapsed (response),
  };
  double last = 0;

  g_assert_nonnull (m);
  g_test_message ("HTTP version %d: fetch %.3f dns %.3f connect %.3f tls %.3f request %.3f "
                  "first byte %.3f end %.3f elapsed %.3f ms; %" G_GUINT64_FORMAT " bytes sent, %"
                  G_GUINT64_FORMAT " received",
                  gaio_http_response_get_http_version (response),
                  1000 * steps[0], 1000 * steps[1], 1000 * steps[2], 1000 * steps[3],
                  1000 * steps[4], 1000 * steps[5], 1000 * steps[6], 1000 * steps[7],
                  gaio_http_metrics_get_bytes_sent (m), gaio_http_metrics_get_bytes_received (m));
  g_assert_cmpfloat (steps[0], >=, 0);
  if (connected)
    {
      g_assert_cmpfloat (steps[1], >=, 0);
      g_assert_cmpfloat (steps[2], >=, 0);
    }
  else
    {
      g_assert_cmpfloat (steps[1], <, 0);
      g_assert_cmpfloat (steps[2], <, 0);
    }
  if (tls && connected)
    g_assert_cmpfloat (steps[3], >=, 0);
  else
    g_assert_cmpfloat (steps[3], <, 0);
  for (guint i = 4; i < G_N_ELEMENTS (steps); i++)
    g_assert_cmpfloat (steps[i], >=, 0);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] >= 0)
      {
        if (steps[i] < last)
          g_error ("Step %u at %f s comes before the one before it, at %f s", i, steps[i], last);
        last = steps[i];
      }

  g_assert_cmpuint (gaio_http_metrics_get_bytes_sent (m), >, 0);
  g_assert_cmpuint (gaio_http_metrics_get_bytes_received (m), >,
                    g_bytes_get_size (gaio_http_response_get_body (response)));
}

static void
test_http_response_http1 (void)
{
  GaioTestServer *server = gaio_test_server_new (NULL);
  GaioHttpClient *client = gaio_http_client_new ();
  g_autofree char *url = gaio_test_server_url (server, "/hello");
  GaioHttpResponse *response;
  SoupHTTPVersion version;
  g_autoptr(GaioHttpMetrics) metrics = NULL;

  response = get_ok (client, url);
  g_assert_cmpint (gaio_http_response_get_http_version (response), ==, SOUP_HTTP_1_1);
  g_object_get (response, "http-version", &version, "metrics", &metrics, NULL);
  g_assert_cmpint (version, ==, SOUP_HTTP_1_1);
  g_assert_true (metrics == gaio_http_response_get_metrics (response));
  assert_metrics_ordered (response, TRUE, FALSE);
  g_assert_finalize_object (response);

  /* The second request reuses the connection. */
  response = get_ok (client, url);
  assert_metrics_ordered (response, FALSE, FALSE);
  g_assert_finalize_object (response);

  /* A streamed response is described at its headers: no end yet. */
  {
    g_autoptr(GaioFuture) future = gaio_http_client_open (client, "GET", url, NULL);

    response = gaio_test_wait_response (future, WAIT_MS);
    g_clear_object (&future);
    g_assert_cmpint (gaio_http_response_get_http_version (response), ==, SOUP_HTTP_1_1);
    g_assert_cmpfloat (gaio_http_metrics_get_response_start (gaio_http_response_get_metrics (response)),
                       >=, 0);
    g_assert_cmpfloat (gaio_http_metrics_get_response_end (gaio_http_response_get_metrics (response)),
                       <, 0);
    g_object_unref (response);
  }

  /* HEAD reads no body. */
  {
    g_autoptr(GaioFuture) future = gaio_http_client_head (client, url);

    response = gaio_test_wait_response (future, WAIT_MS);
    g_clear_object (&future);
    g_assert_cmpfloat (gaio_http_metrics_get_response_start (gaio_http_response_get_metrics (response)),
                       >=, 0);
    g_assert_cmpfloat (gaio_http_metrics_get_response_end (gaio_http_response_get_metrics (response)),
                       <, 0);
    g_assert_finalize_object (response);
  }

  g_assert_finalize_object (client);
  gaio_test_server_free (server);
}

/* HTTP/2 and TLS against nginx, HTTP/1.1 over TLS for comparison. */
static void
test_http_response_http2 (void)
{
  const struct { GaioTestNginxMode mode; SoupHTTPVersion version; } cases[] = {
    { GAIO_TEST_NGINX_HTTPS, SOUP_HTTP_1_1 },
    { GAIO_TEST_NGINX_HTTP2, SOUP_HTTP_2_0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *skip = NULL;
      g_autofree char *ca = gaio_test_cert_path ("ca");
      GaioTestNginx *nginx = gaio_test_nginx_new (cases[i].mode, &skip);
      g_autofree char *url = NULL;
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

      response = get_ok (client, url);
      g_assert_cmpint (gaio_http_response_get_http_version (response), ==, cases[i].version);
      assert_metrics_ordered (response, TRUE, TRUE);
      g_assert_finalize_object (response);

      response = get_ok (client, url);
      g_assert_cmpint (gaio_http_response_get_http_version (response), ==, cases[i].version);
      assert_metrics_ordered (response, FALSE, TRUE);
      g_assert_finalize_object (response);

      g_assert_finalize_object (client);
      gaio_test_nginx_free (nginx);
    }
}

/* The trace signals, recorded as lines of text. */
typedef struct
{
  GPtrArray  *events;
  GaioFuture *request;   /* the one every signal must name */
  GThread    *thread;
} Trace;

static void
trace_check (Trace      *trace,
             GaioFuture *request)
{
  g_assert_true (g_thread_self () == trace->thread);
  if (trace->request != NULL)
    g_assert_true (request == trace->request);
}

/* request-queued and request-started: "queued GET URL" */
static void
step_cb (GaioHttpClient *client,
         GaioFuture     *request,
         const char     *method,
         const char     *url,
         Trace          *trace)
{
  const char *name = g_signal_name (g_signal_get_invocation_hint (client)->signal_id);

  trace_check (trace, request);
  g_ptr_array_add (trace->events, g_strdup_printf ("%s %s %s", name + strlen ("request-"),
                                                   method, url));
}

static void
redirected_cb (GaioHttpClient *client,
               GaioFuture     *request,
               guint           status,
               const char     *from,
               const char     *to,
               Trace          *trace)
{
  trace_check (trace, request);
  g_ptr_array_add (trace->events, g_strdup_printf ("redirected %u %s %s", status, from, to));
}

static void
retried_cb (GaioHttpClient *client,
            GaioFuture     *request,
            guint           attempt,
            const char     *reason,
            double          delay,
            Trace          *trace)
{
  trace_check (trace, request);
  g_assert_cmpfloat (delay, >=, 0);
  g_ptr_array_add (trace->events, g_strdup_printf ("retried %u %s", attempt, reason));
}

static void
finished_cb (GaioHttpClient   *client,
             GaioFuture       *request,
             GaioHttpResponse *response,
             const GError     *error,
             Trace            *trace)
{
  trace_check (trace, request);
  g_assert_true ((response == NULL) != (error == NULL));
  g_assert_false (gaio_future_is_done (request));
  if (response != NULL)
    g_ptr_array_add (trace->events,
                     g_strdup_printf ("finished %u", gaio_http_response_get_status (response)));
  else
    g_ptr_array_add (trace->events, g_strdup_printf ("failed %s", g_quark_to_string (error->domain)));
}

/* Replaces {A} and {B} in @pattern by the servers' base URLs, and {E} by
 * "{B}/hello" escaped for a query. */
static char *
expand (const char *pattern,
        const char *a,
        const char *b)
{
  const char *names[] = { "{A}", "{B}", "{E}" };
  g_autofree char *hello_b = g_strconcat (b, "/hello", NULL);
  g_autofree char *escaped = g_uri_escape_string (hello_b, NULL, FALSE);
  const char *values[] = { a, b, escaped };
  char *text = g_strdup (pattern);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_auto(GStrv) parts = g_strsplit (text, names[i], -1);

      g_free (text);
      text = g_strjoinv (values[i], parts);
    }
  return text;
}

static void
test_http_client_trace_signals (void)
{
  static const struct {
    const char *name;
    const char *url;
    const char *events;
  } cases[] = {
    { "plain", "{A}/hello",
      "queued GET {A}/hello|started GET {A}/hello|finished 200" },
    { "redirect", "{A}/redirect-chain?n=1",
      "queued GET {A}/redirect-chain?n=1|started GET {A}/redirect-chain?n=1|"
      "redirected 301 {A}/redirect-chain?n=1 {A}/hello|finished 200" },
    { "redirect-other-host", "{A}/redirect?to={E}",
      "queued GET {A}/redirect?to={E}|started GET {A}/redirect?to={E}|"
      "redirected 302 {A}/redirect?to={E} {B}/hello|"
      "queued GET {B}/hello|started GET {B}/hello|finished 200" },
    { "retry", "{A}/retry?key=trace&fail=1&after=0",
      "queued GET {A}/retry?key=trace&fail=1&after=0|"
      "started GET {A}/retry?key=trace&fail=1&after=0|"
      "retried 1 HTTP 503 Service Unavailable from {A}/retry?key=trace&fail=1&after=0|"
      "queued GET {A}/retry?key=trace&fail=1&after=0|"
      "started GET {A}/retry?key=trace&fail=1&after=0|finished 200" },
    { "failure", "http://127.0.0.1:1/",
      "queued GET http://127.0.0.1:1/|started GET http://127.0.0.1:1/|"
      "retried 1 Could not connect to http://127.0.0.1:1/: Connection refused|"
      "queued GET http://127.0.0.1:1/|started GET http://127.0.0.1:1/|failed g-io-error-quark" },
  };
  GaioTestServer *a = gaio_test_server_new (NULL);
  GaioTestServer *b = gaio_test_server_new (NULL);
  g_autofree char *base_a = gaio_test_server_url (a, "");
  g_autofree char *base_b = gaio_test_server_url (b, "");
  GaioHttpClient *client = gaio_http_client_new ();
  Trace trace = { g_ptr_array_new_with_free_func (g_free), NULL, g_thread_self () };

  g_object_set (client, "max-retries", 1, "retry-delay", 0.01, NULL);
  g_signal_connect (client, "request-queued", G_CALLBACK (step_cb), &trace);
  g_signal_connect (client, "request-started", G_CALLBACK (step_cb), &trace);
  g_signal_connect (client, "request-redirected", G_CALLBACK (redirected_cb), &trace);
  g_signal_connect (client, "request-retried", G_CALLBACK (retried_cb), &trace);
  g_signal_connect (client, "request-finished", G_CALLBACK (finished_cb), &trace);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = expand (cases[i].url, base_a, base_b);
      g_autofree char *expected = expand (cases[i].events, base_a, base_b);
      g_autofree char *got = NULL;
      g_autoptr(GaioFuture) future = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("case %s: %s", cases[i].name, url);
      g_ptr_array_set_size (trace.events, 0);
      future = gaio_http_client_get (client, url);
      trace.request = future;
      gaio_test_wait_for_future (future, WAIT_MS);
      trace.request = NULL;
      /* A failure's error, read so that it is not reported unretrieved. */
      g_clear_error (&error);
      (void) gaio_future_propagate (future, &error);

      g_ptr_array_add (trace.events, NULL);
      got = g_strjoinv ("|", (char **) trace.events->pdata);
      g_ptr_array_remove_index (trace.events, trace.events->len - 1);
      g_assert_cmpstr (got, ==, expected);
    }

  g_ptr_array_unref (trace.events);
  g_assert_finalize_object (client);
  gaio_test_server_free (a);
  gaio_test_server_free (b);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/Gaio/HttpClient/cross-host-redirect", test_http_client_cross_host_redirect);
  g_test_add_func ("/Gaio/HttpResponse/http1", test_http_response_http1);
  g_test_add_func ("/Gaio/HttpResponse/http2", test_http_response_http2);
  g_test_add_func ("/Gaio/HttpClient/trace-signals", test_http_client_trace_signals);

  return g_test_run ();
}
