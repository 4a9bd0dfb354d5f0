/* gaio-fetch-trace.c: what gaio-fetch -v prints, from the client's trace
 * signals.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include "gaio-fetch-trace.h"

/* The URL each request in flight was made for: later lines name it, so
 * that a redirected or retried request reads as one story. */
typedef struct
{
  GHashTable *urls;  /* GaioFuture → char *, both owned */
} Trace;

static void
trace_free (gpointer data)
{
  Trace *trace = data;

  g_hash_table_unref (trace->urls);
  g_free (trace);
}

static const char *
trace_url (Trace      *trace,
           GaioFuture *request)
{
  const char *url = g_hash_table_lookup (trace->urls, request);

  return url != NULL ? url : "?";
}

static void
trace_print (Trace      *trace,
             GaioFuture *request,
             const char *format,
             ...) G_GNUC_PRINTF (3, 4);

static void
trace_print (Trace      *trace,
             GaioFuture *request,
             const char *format,
             ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("* %s: %s\n", trace_url (trace, request), text);
}

static void
queued_cb (GaioHttpClient *client,
           GaioFuture     *request,
           const char     *method,
           const char     *url,
           Trace          *trace)
{
  if (!g_hash_table_contains (trace->urls, request))
    g_hash_table_insert (trace->urls, g_object_ref (request), g_strdup (url));
  trace_print (trace, request, "queued %s %s", method, url);
}

static void
started_cb (GaioHttpClient *client,
            GaioFuture     *request,
            const char     *method,
            const char     *url,
            Trace          *trace)
{
  trace_print (trace, request, "started %s %s", method, url);
}

static void
redirected_cb (GaioHttpClient *client,
               GaioFuture     *request,
               guint           status,
               const char     *from_url,
               const char     *to_url,
               Trace          *trace)
{
  trace_print (trace, request, "redirected (%u) to %s", status, to_url);
}

static void
retried_cb (GaioHttpClient *client,
            GaioFuture     *request,
            guint           attempt,
            const char     *reason,
            double          delay,
            Trace          *trace)
{
  trace_print (trace, request, "retry %u in %.2f s after: %s", attempt, delay, reason);
}

static void
finished_cb (GaioHttpClient   *client,
             GaioFuture       *request,
             GaioHttpResponse *response,
             const GError     *error,
             Trace            *trace)
{
  if (response != NULL)
    {
      g_autofree char *described = gaio_fetch_trace_describe (response);

      trace_print (trace, request, "finished %u %s", gaio_http_response_get_status (response),
                   described);
    }
  else
    trace_print (trace, request, "failed: %s", error->message);
  g_hash_table_remove (trace->urls, request);
}

void
gaio_fetch_trace_attach (GaioHttpClient *client)
{
  Trace *trace = g_new0 (Trace, 1);

  trace->urls = g_hash_table_new_full (NULL, NULL, g_object_unref, g_free);
  g_object_set_data_full (G_OBJECT (client), "gaio-fetch-trace", trace, trace_free);
  g_signal_connect (client, "request-queued", G_CALLBACK (queued_cb), trace);
  g_signal_connect (client, "request-started", G_CALLBACK (started_cb), trace);
  g_signal_connect (client, "request-redirected", G_CALLBACK (redirected_cb), trace);
  g_signal_connect (client, "request-retried", G_CALLBACK (retried_cb), trace);
  g_signal_connect (client, "request-finished", G_CALLBACK (finished_cb), trace);
}

static void
append_step (GString    *text,
             const char *name,
             double      seconds)
{
  if (seconds >= 0)
    g_string_append_printf (text, "%s%s %.1f ms", text->len > 0 ? ", " : "", name, 1000 * seconds);
}

char *
gaio_fetch_trace_describe (GaioHttpResponse *response)
{
  GaioHttpMetrics *m = gaio_http_response_get_metrics (response);
  g_autoptr(GString) steps = g_string_new (NULL);
  g_autofree char *sent = NULL;
  g_autofree char *received = NULL;
  const char *version;

  switch (gaio_http_response_get_http_version (response))
    {
    case SOUP_HTTP_1_0:
      version = "HTTP/1.0";
      break;
    case SOUP_HTTP_2_0:
      version = "HTTP/2";
      break;
    case SOUP_HTTP_1_1:
    default:
      version = "HTTP/1.1";
      break;
    }
  if (m == NULL)
    return g_strdup (version);

  append_step (steps, "dns", gaio_http_metrics_get_dns_end (m));
  append_step (steps, "connect", gaio_http_metrics_get_connect_end (m));
  append_step (steps, "tls", gaio_http_metrics_get_tls_end (m));
  append_step (steps, "request", gaio_http_metrics_get_request_start (m));
  append_step (steps, "first byte", gaio_http_metrics_get_response_start (m));
  append_step (steps, "end", gaio_http_metrics_get_response_end (m));
  sent = g_format_size_full (gaio_http_metrics_get_bytes_sent (m), G_FORMAT_SIZE_IEC_UNITS);
  received = g_format_size_full (gaio_http_metrics_get_bytes_received (m),
                                 G_FORMAT_SIZE_IEC_UNITS);
  return g_strdup_printf ("%s; %s; %s sent, %s received", version, steps->str, sent, received);
}
