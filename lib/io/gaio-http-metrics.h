/* gaio-http-metrics.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#if !defined(GAIO_INSIDE) && !defined(GAIO_COMPILATION)
# error "Only <gaio.h> can be included directly."
#endif

#include <glib-object.h>

#include "gaio-version-macros.h"

G_BEGIN_DECLS

#define GAIO_TYPE_HTTP_METRICS (gaio_http_metrics_get_type ())

typedef struct _GaioHttpMetrics GaioHttpMetrics;

GAIO_AVAILABLE_IN_0_2
GType            gaio_http_metrics_get_type           (void) G_GNUC_CONST;
GAIO_AVAILABLE_IN_0_2
GaioHttpMetrics *gaio_http_metrics_ref                (GaioHttpMetrics *self);
GAIO_AVAILABLE_IN_0_2
void             gaio_http_metrics_unref              (GaioHttpMetrics *self);

GAIO_AVAILABLE_IN_0_2
double           gaio_http_metrics_get_fetch_start    (GaioHttpMetrics *self);
GAIO_AVAILABLE_IN_0_2
double           gaio_http_metrics_get_dns_end        (GaioHttpMetrics *self);
GAIO_AVAILABLE_IN_0_2
double           gaio_http_metrics_get_connect_end    (GaioHttpMetrics *self);
GAIO_AVAILABLE_IN_0_2
double           gaio_http_metrics_get_tls_end        (GaioHttpMetrics *self);
GAIO_AVAILABLE_IN_0_2
double           gaio_http_metrics_get_request_start  (GaioHttpMetrics *self);
GAIO_AVAILABLE_IN_0_2
double           gaio_http_metrics_get_response_start (GaioHttpMetrics *self);
GAIO_AVAILABLE_IN_0_2
double           gaio_http_metrics_get_response_end   (GaioHttpMetrics *self);
GAIO_AVAILABLE_IN_0_2
guint64          gaio_http_metrics_get_bytes_sent     (GaioHttpMetrics *self);
GAIO_AVAILABLE_IN_0_2
guint64          gaio_http_metrics_get_bytes_received (GaioHttpMetrics *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GaioHttpMetrics, gaio_http_metrics_unref)

G_END_DECLS
