/* gaio-fetch-trace.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#include <gaio.h>

G_BEGIN_DECLS

/* gaio-fetch -v: prints every trace signal of @client to standard error,
 * one line each, prefixed with the URL the request was made for, and the
 * HTTP version and metrics of each response. */
void   gaio_fetch_trace_attach         (GaioHttpClient   *client);

/* "HTTP/1.1; dns 0.1 ms, connect 0.2 ms, ...; 80 B sent, 1.2 KiB received" */
char  *gaio_fetch_trace_describe       (GaioHttpResponse *response) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
