/* gaio-http-url-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#include <gio/gio.h>

#include "gaio-http-url.h"

G_BEGIN_DECLS

/* URL checks for the HTTP client, pure functions. */

/* Parses @url, relative to @base when given (a redirect's Location), and
 * accepts only http and https URLs with a plausible host. Fails with
 * GAIO_ERROR_INVALID_URL or GAIO_ERROR_UNSUPPORTED_SCHEME. */
GUri   *gaio_http_url_parse     (const char    *url,
                                 GUri          *base,
                                 GError       **error);

/* Parses a client's base URL like any URL, and makes its path a folder
 * (ending in '/'), so that "http://h/api" + "users" is "http://h/api/users". */
GUri   *gaio_http_url_parse_base (const char   *url,
                                  GError      **error);

/* Resolves a request's @url against the client's @base (NULL: none). An
 * absolute URL is parsed as it is. A relative one must resolve under
 * @base: same scheme, host and port, and @base's path as a prefix; a
 * scheme-relative one ("//host/") and one whose dot segments climb out of
 * @base (plain or percent-encoded) fail with GAIO_ERROR_INVALID_URL. */
GUri   *gaio_http_url_resolve   (GUri          *base,
                                 const char    *url,
                                 GError       **error);

/* "scheme://host:port": what the per-host limit and the credentials
 * rule of redirects count as one host. */
char   *gaio_http_url_host_key  (GUri          *uri);

/* @uri without its user information, for the response. */
GUri   *gaio_http_url_without_credentials (GUri *uri);

/* @uri as a string without its user information, for messages. */
char   *gaio_http_url_to_string (GUri          *uri);

/* @lower with @url in its message, same domain and code: "Could not
 * @verb @url: ..." (fetch, download, open). */
GError *gaio_http_url_error     (const GError  *lower,
                                 const char    *url,
                                 const char    *verb);

G_END_DECLS
