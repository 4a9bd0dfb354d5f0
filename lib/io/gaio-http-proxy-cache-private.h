/* gaio-http-proxy-cache-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The proxy resolver a client's sessions use when the client has none of
 * its own: the environment's (g_proxy_resolver_get_default()), asked once
 * for all the connections to one scheme, host and port that start while
 * it answers, and whose answer then serves new connections to them for
 * GAIO_HTTP_PROXY_CACHE_SECONDS. */
#define GAIO_HTTP_PROXY_CACHE_SECONDS 1

#define GAIO_TYPE_HTTP_PROXY_CACHE (gaio_http_proxy_cache_get_type ())

G_DECLARE_FINAL_TYPE (GaioHttpProxyCache, gaio_http_proxy_cache, GAIO, HTTP_PROXY_CACHE, GObject)

GProxyResolver *gaio_http_proxy_cache_new (GProxyResolver *resolver);

G_END_DECLS
