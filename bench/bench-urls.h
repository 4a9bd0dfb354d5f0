/* bench-urls.h: the URL list shared by the W3 clients
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#include "bench-common.h"

G_BEGIN_DECLS

/* Reads --url-list (one path a line) and prefixes each with --url-base.
 * Returns an array of n URLs (the list is cycled if shorter); exits on error. */
GPtrArray *bench_load_urls (const BenchOptions *options);

G_END_DECLS
