/* test-nginx.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#include <gaio.h>

G_BEGIN_DECLS

/* nginx, a server nobody here wrote, started on 127.0.0.1 at a free port
 * with a temporary configuration. Over TLS it serves tests/certs/server.pem
 * (signed by tests/certs/ca.pem), with HTTP/2 when asked. It serves
 * /hello ("Hello") and logs each request's connection serial number, so a
 * test can count the connections a client opened. */
typedef struct _GaioTestNginx GaioTestNginx;

typedef enum {
  GAIO_TEST_NGINX_HTTP,
  GAIO_TEST_NGINX_HTTPS,
  GAIO_TEST_NGINX_HTTP2,   /* HTTPS with HTTP/2 offered over ALPN */
} GaioTestNginxMode;

/* Returns NULL and sets @skip_reason when nginx (or its http2 module) is
 * missing: the caller reports the test SKIPPED. */
GaioTestNginx *gaio_test_nginx_new               (GaioTestNginxMode  mode,
                                                  char             **skip_reason);
void           gaio_test_nginx_free              (GaioTestNginx     *self);
char          *gaio_test_nginx_url               (GaioTestNginx     *self,
                                                  const char        *path);
/* The number of distinct connections that carried the requests served
 * so far, which must number @n_requests. */
guint          gaio_test_nginx_count_connections (GaioTestNginx     *self,
                                                  guint              n_requests);

/* The connections open to nginx from this machine's side now. */
guint          gaio_test_nginx_count_open        (GaioTestNginx     *self);

G_END_DECLS
