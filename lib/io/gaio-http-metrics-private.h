/* gaio-http-metrics-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#include <libsoup/soup.h>

#include "gaio-http-metrics.h"

G_BEGIN_DECLS

/* What libsoup measured of @message's exchange (sent with
 * SOUP_MESSAGE_COLLECT_METRICS), as seconds since @origin, a monotonic
 * time; @body_end is when the body's last byte was read, for a response
 * end libsoup did not record. NULL if libsoup measured nothing. */
GaioHttpMetrics *gaio_http_metrics_new_for_message (SoupMessage *message,
                                                    gint64       origin,
                                                    gint64       body_end);

G_END_DECLS
