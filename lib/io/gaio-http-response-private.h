/* gaio-http-response-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#include "gaio-http-future-private.h"
#include "gaio-http-metrics-private.h"
#include "gaio-http-response.h"

G_BEGIN_DECLS

/* Takes a reference on @headers and @body (which may be NULL); keeps @uri
 * without its credentials; @url is @uri as a string without them (the
 * request has it already). */
GaioHttpResponse *gaio_http_response_new (const char         *method,
                                          guint               status,
                                          const char         *reason,
                                          SoupMessageHeaders *headers,
                                          GUri               *uri,
                                          const char         *url,
                                          guint               redirect_count,
                                          double              elapsed,
                                          GBytes             *body);

/* Makes @self read its body from @request (referenced), which settled
 * with @self at the headers. */
void gaio_http_response_set_stream (GaioHttpResponse *self,
                                    GaioHttpRequest  *request);
/* What the exchange that produced @self was: its HTTP version and
 * libsoup's metrics (@metrics may be NULL; a reference is taken). */
void gaio_http_response_set_exchange (GaioHttpResponse *self,
                                      SoupHTTPVersion   http_version,
                                      GaioHttpMetrics  *metrics);

/* Finds the charset a body declares: the Content-Type header's, else an
 * HTML <meta charset> or http-equiv in the first KiB, else NULL. Exposed
 * for the tests and the fuzzers. */
char *gaio_http_sniff_charset (const char *content_type_charset,
                               const guint8 *data,
                               gsize         length);

/* Decodes @data from @charset to valid UTF-8, replacing what cannot be
 * decoded with U+FFFD. An unknown charset decodes as UTF-8. */
char *gaio_http_decode_text (const char   *charset,
                             const guint8 *data,
                             gsize         length);

G_END_DECLS
