/* test-http-url.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <string.h>

#include "test-utils.h"

#include "gaio-http-url-private.h"

static void
test_http_url_accept (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = gaio_http_url_parse ("HTTPS://example.org/a?b=1#c", NULL, &error);
  g_autofree char *key = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (uri);
  g_assert_cmpstr (g_uri_get_host (uri), ==, "example.org");
  key = gaio_http_url_host_key (uri);
  g_assert_cmpstr (key, ==, "https://example.org:443");
}

static void
test_http_url_host_key_case (void)
{
  g_autoptr(GUri) lower = gaio_http_url_parse ("http://example.org/a", NULL, NULL);
  g_autoptr(GUri) upper = gaio_http_url_parse ("http://EXAMPLE.Org/b", NULL, NULL);
  g_autofree char *lower_key = gaio_http_url_host_key (lower);
  g_autofree char *upper_key = gaio_http_url_host_key (upper);

  /* One server, one per-host limit, however its name is spelt. */
  g_assert_cmpstr (lower_key, ==, upper_key);
}

static void
test_http_url_relative (void)
{
  g_autoptr(GUri) base = gaio_http_url_parse ("http://127.0.0.1:8080/dir/page", NULL, NULL);
  g_autoptr(GUri) next = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  next = gaio_http_url_parse ("../other?x=1", base, &error);
  g_assert_no_error (error);
  url = g_uri_to_string (next);
  g_assert_cmpstr (url, ==, "http://127.0.0.1:8080/other?x=1");
  g_clear_pointer (&next, g_uri_unref);

  /* A redirect is checked like the first URL. */
  next = gaio_http_url_parse ("file:///etc/passwd", base, &error);
  g_assert_null (next);
  g_assert_error (error, GAIO_ERROR, GAIO_ERROR_UNSUPPORTED_SCHEME);
}

static void
test_http_url_refuse (void)
{
  const char *invalid[] = {
    "not a url", "", "http://", "http:///path", "https://exa mple.com/", "http://a<b/",
    "http://:80/",
  };
  const char *unsupported[] = {
    "ftp://127.0.0.1/file", "file:///etc/passwd", "data:text/plain,hello", "ws://127.0.0.1/",
  };

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (gaio_http_url_parse (invalid[i], NULL, &error));
      g_assert_error (error, GAIO_ERROR, GAIO_ERROR_INVALID_URL);
      g_assert_nonnull (strstr (error->message, invalid[i]));
    }
  for (guint i = 0; i < G_N_ELEMENTS (unsupported); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (gaio_http_url_parse (unsupported[i], NULL, &error));
      g_assert_error (error, GAIO_ERROR, GAIO_ERROR_UNSUPPORTED_SCHEME);
      g_assert_nonnull (strstr (error->message, unsupported[i]));
    }
}

static void
test_http_url_error (void)
{
  GError refused = { G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED,
                     (char *) "Could not connect to 127.0.0.1: Connection refused" };
  GError other = { G_IO_ERROR, G_IO_ERROR_FAILED, (char *) "Broken" };
  g_autoptr(GError) error = NULL;

  error = gaio_http_url_error (&refused, "http://127.0.0.1:9/x", "fetch");
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_assert_cmpstr (error->message, ==, "Could not connect to http://127.0.0.1:9/x: Connection refused");
  g_clear_error (&error);

  error = gaio_http_url_error (&other, "http://127.0.0.1:9/x", "download");
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==, "Could not download http://127.0.0.1:9/x: Broken");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/Gaio/HttpUrl/accept", test_http_url_accept);
  g_test_add_func ("/Gaio/HttpUrl/host-key-case", test_http_url_host_key_case);
  g_test_add_func ("/Gaio/HttpUrl/relative", test_http_url_relative);
  g_test_add_func ("/Gaio/HttpUrl/refuse", test_http_url_refuse);
  g_test_add_func ("/Gaio/HttpUrl/error", test_http_url_error);

  return g_test_run ();
}
