/* test-http-server.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#include <gaio.h>

G_BEGIN_DECLS

/* A real SoupServer on 127.0.0.1, port 0, with the handlers the HTTP tests
 * need (see test-http-server.c for the paths). It runs on the
 * thread-default context, so the test iterates it while waiting. */
typedef struct _GaioTestServer GaioTestServer;

/* @cert_name: NULL for plain HTTP, or a name under tests/certs/ ("server",
 * "expired", ...) for HTTPS with that certificate. */
GaioTestServer *gaio_test_server_new            (const char     *cert_name);
void            gaio_test_server_free           (GaioTestServer *self);
guint           gaio_test_server_get_port       (GaioTestServer *self);

/* The SoupServer itself, for a test's own handlers (a handler for a path
 * takes precedence over the fixture's catch-all one). */
SoupServer     *gaio_test_server_get_soup       (GaioTestServer *self);

/* "http[s]://127.0.0.1:PORT" + @path */
char           *gaio_test_server_url            (GaioTestServer *self,
                                                 const char     *path);
/* The same with another host name, such as "localhost". */
char           *gaio_test_server_url_for_host   (GaioTestServer *self,
                                                 const char     *host,
                                                 const char     *path);

/* The highest number of requests the server handled at once, in all and
 * for one Host header, since the last reset. */
guint           gaio_test_server_get_max_concurrent          (GaioTestServer *self);
guint           gaio_test_server_get_max_concurrent_for_host (GaioTestServer *self,
                                                              const char     *host);
void            gaio_test_server_reset_counts                (GaioTestServer *self);
guint           gaio_test_server_get_held                    (GaioTestServer *self,
                                                              const char     *host);
void            gaio_test_server_release_held                (GaioTestServer *self);

/* How many requests reached @path (without the query). */
guint           gaio_test_server_get_hits       (GaioTestServer *self,
                                                 const char     *path);

/* Waits for @future and returns its response (transfer full), asserting
 * success. */
GaioHttpResponse *gaio_test_wait_response       (GaioFuture     *future,
                                                 guint           timeout_ms);

/* The path of a file under tests/certs/. */
char           *gaio_test_cert_path             (const char     *name);

/* A raw TCP server on 127.0.0.1 that answers every connection with
 * @response verbatim, then closes it: for malformed responses. */
typedef struct _GaioTestRawServer GaioTestRawServer;

GaioTestRawServer *gaio_test_raw_server_new  (const char        *response);
char              *gaio_test_raw_server_url  (GaioTestRawServer *self,
                                              const char        *path);
void               gaio_test_raw_server_free (GaioTestRawServer *self);

G_END_DECLS
