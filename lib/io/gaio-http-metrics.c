/* gaio-http-metrics.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include "gaio-http-metrics-private.h"

/**
 * GaioHttpMetrics:
 *
 * When each step of a request's last exchange happened, and how many bytes
 * it moved, as libsoup's [struct@Soup.MessageMetrics] measured them.
 *
 * Times are in seconds since the request first left the client's queue,
 * the origin of [property@Gaio.HttpResponse:elapsed], so that for one
 * exchange
 * `fetch-start <= dns-end <= connect-end <= tls-end <= request-start <=
 * response-start <= response-end <= elapsed`. After redirects or retries
 * the metrics are those of the last exchange, and its fetch start tells
 * the time the earlier ones took. A step that did not happen is negative:
 * no DNS lookup, connect or TLS handshake over a reused connection, no TLS
 * over `http`.
 *
 * Metrics are immutable and may be read from any thread.
 *
 * ```c
 * GaioHttpMetrics *metrics = gaio_http_response_get_metrics (response);
 *
 * if (gaio_http_metrics_get_connect_end (metrics) >= 0)
 *   g_print ("connected after %.1f ms\n",
 *            1000 * gaio_http_metrics_get_connect_end (metrics));
 * ```
 *
 * Since: 0.2
 */

struct _GaioHttpMetrics
{
  gatomicrefcount refs;
  double          fetch_start;
  double          dns_end;
  double          connect_end;
  double          tls_end;
  double          request_start;
  double          response_start;
  double          response_end;
  guint64         bytes_sent;
  guint64         bytes_received;
};

G_DEFINE_BOXED_TYPE (GaioHttpMetrics, gaio_http_metrics, gaio_http_metrics_ref,
                     gaio_http_metrics_unref)

/* libsoup's times are g_get_monotonic_time() values, 0 for a step that
 * did not happen. */
static double
since (gint64  origin,
       guint64 time)
{
  if (time == 0)
    return -1;
  return MAX ((gint64) time - origin, 0) / (double) G_USEC_PER_SEC;
}

GaioHttpMetrics *
gaio_http_metrics_new_for_message (SoupMessage *message,
                                   gint64       origin,
                                   gint64       body_end)
{
  SoupMessageMetrics *m = soup_message_get_metrics (message);
  GaioHttpMetrics *self;
  guint64 tls_start;

  if (m == NULL)
    return NULL;

  self = g_new0 (GaioHttpMetrics, 1);
  g_atomic_ref_count_init (&self->refs);
  /* libsoup's connect end comes once the connection is usable, after the
   * TLS handshake; the TCP connection was up when the handshake began. */
  tls_start = soup_message_metrics_get_tls_start (m);
  self->fetch_start = since (origin, soup_message_metrics_get_fetch_start (m));
  self->dns_end = since (origin, soup_message_metrics_get_dns_end (m));
  if (tls_start != 0)
    {
      self->connect_end = since (origin, tls_start);
      self->tls_end = since (origin, soup_message_metrics_get_connect_end (m));
    }
  else
    {
      self->connect_end = since (origin, soup_message_metrics_get_connect_end (m));
      self->tls_end = -1;
    }
  self->request_start = since (origin, soup_message_metrics_get_request_start (m));
  self->response_start = since (origin, soup_message_metrics_get_response_start (m));
  self->response_end = since (origin, soup_message_metrics_get_response_end (m));
  if (self->response_end < 0 && body_end != 0)
    self->response_end = since (origin, body_end);
  self->bytes_sent = soup_message_metrics_get_request_header_bytes_sent (m) +
                     soup_message_metrics_get_request_body_bytes_sent (m);
  self->bytes_received = soup_message_metrics_get_response_header_bytes_received (m) +
                         soup_message_metrics_get_response_body_bytes_received (m);
  return self;
}

/**
 * gaio_http_metrics_ref:
 * @self: metrics
 *
 * Takes a reference on @self.
 *
 * Returns: (transfer full): @self
 *
 * Since: 0.2
 */
GaioHttpMetrics *
gaio_http_metrics_ref (GaioHttpMetrics *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->refs);
  return self;
}

/**
 * gaio_http_metrics_unref:
 * @self: (transfer full): metrics
 *
 * Drops a reference on @self, freeing it with the last.
 *
 * Since: 0.2
 */
void
gaio_http_metrics_unref (GaioHttpMetrics *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->refs))
    g_free (self);
}

/**
 * gaio_http_metrics_get_fetch_start:
 * @self: metrics
 *
 * Gets when the last exchange began, before libsoup looked for a
 * connection: 0 for a request that was neither redirected nor retried.
 *
 * Returns: seconds since the request left the queue
 *
 * Since: 0.2
 */
double
gaio_http_metrics_get_fetch_start (GaioHttpMetrics *self)
{
  g_return_val_if_fail (self != NULL, -1);

  return self->fetch_start;
}

/**
 * gaio_http_metrics_get_dns_end:
 * @self: metrics
 *
 * Gets when the host name was resolved.
 *
 * Returns: seconds since the request left the queue, or a negative value
 *   when no lookup was made (a reused connection)
 *
 * Since: 0.2
 */
double
gaio_http_metrics_get_dns_end (GaioHttpMetrics *self)
{
  g_return_val_if_fail (self != NULL, -1);

  return self->dns_end;
}

/**
 * gaio_http_metrics_get_connect_end:
 * @self: metrics
 *
 * Gets when the TCP connection was established (before any TLS handshake).
 *
 * Returns: seconds since the request left the queue, or a negative value
 *   when a connection was reused
 *
 * Since: 0.2
 */
double
gaio_http_metrics_get_connect_end (GaioHttpMetrics *self)
{
  g_return_val_if_fail (self != NULL, -1);

  return self->connect_end;
}

/**
 * gaio_http_metrics_get_tls_end:
 * @self: metrics
 *
 * Gets when the TLS handshake ended.
 *
 * Returns: seconds since the request left the queue, or a negative value
 *   without a handshake (`http`, or a reused connection)
 *
 * Since: 0.2
 */
double
gaio_http_metrics_get_tls_end (GaioHttpMetrics *self)
{
  g_return_val_if_fail (self != NULL, -1);

  return self->tls_end;
}

/**
 * gaio_http_metrics_get_request_start:
 * @self: metrics
 *
 * Gets when libsoup began to send the request on its connection.
 *
 * Returns: seconds since the request left the queue
 *
 * Since: 0.2
 */
double
gaio_http_metrics_get_request_start (GaioHttpMetrics *self)
{
  g_return_val_if_fail (self != NULL, -1);

  return self->request_start;
}

/**
 * gaio_http_metrics_get_response_start:
 * @self: metrics
 *
 * Gets when the first byte of the response arrived.
 *
 * Returns: seconds since the request left the queue
 *
 * Since: 0.2
 */
double
gaio_http_metrics_get_response_start (GaioHttpMetrics *self)
{
  g_return_val_if_fail (self != NULL, -1);

  return self->response_start;
}

/**
 * gaio_http_metrics_get_response_end:
 * @self: metrics
 *
 * Gets when the last byte of the response was read.
 *
 * Returns: seconds since the request left the queue, or a negative value
 *   when the body was not read (a `HEAD` request)
 *
 * Since: 0.2
 */
double
gaio_http_metrics_get_response_end (GaioHttpMetrics *self)
{
  g_return_val_if_fail (self != NULL, -1);

  return self->response_end;
}

/**
 * gaio_http_metrics_get_bytes_sent:
 * @self: metrics
 *
 * Gets the size of the request's headers and body as sent over the
 * connection in the last exchange.
 *
 * Returns: a number of bytes
 *
 * Since: 0.2
 */
guint64
gaio_http_metrics_get_bytes_sent (GaioHttpMetrics *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->bytes_sent;
}

/**
 * gaio_http_metrics_get_bytes_received:
 * @self: metrics
 *
 * Gets the size of the response's headers and body as received over the
 * connection in the last exchange, before any content decoding.
 *
 * Returns: a number of bytes
 *
 * Since: 0.2
 */
guint64
gaio_http_metrics_get_bytes_received (GaioHttpMetrics *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->bytes_received;
}
