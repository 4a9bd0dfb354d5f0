/* gaio-http-request.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include <string.h>

#include "gaio-error.h"
#include "gaio-http-client-private.h"
#include "gaio-http-download-private.h"
#include "gaio-http-error.h"
#include "gaio-http-request-options-private.h"
#include "gaio-http-request-private.h"
#include "gaio-http-response-private.h"
#include "gaio-http-url-private.h"
#include "gaio-sysprof-private.h"
#include "gaio-websocket-private.h"

#define READ_CHUNK (64 * 1024)
/* A download gathers this much of the body before each write to its file,
 * so that a write job is not queued for every read. */
#define DOWNLOAD_BUFFER (1024 * 1024)

/* While running, a request has exactly one operation in flight (sending,
 * reading, or a step of its download file), and only that operation's
 * callback settles it; cancels and the deadline merely cancel the
 * cancellable. So nothing else touches the stream or the file. */
struct _GaioHttpRequest
{
  int                   refs;
  GaioHttpRequestState  state;
  GaioHttpClient       *client;
  GaioFuture           *future;
  GCancellable         *cancellable;

  char                 *method;
  GUri                 *uri;
  char                 *url;
  char                 *host_key;
  GaioHttpRequestOptions *options;  /* a snapshot, never changed but its headers */
  gboolean              body_dropped; /* a redirect turned the request into a GET */

  SoupMessage          *message;
  GInputStream         *stream;
  GByteArray           *buffer;
  gsize                 filled;
  gsize                 buffered;     /* a download's bytes not yet written */
  gboolean              body_ended;   /* a download's last write is under way */
  guint64               expected;     /* Content-Length of an identity body, or 0 */
  gboolean              has_expected;

  char                 *path;         /* a download's destination, or NULL */
  GaioAtomicFile       *file;         /* a download's temporary file, once open */
  GError               *error;        /* the outcome held while the file is removed */

  guint                 redirects;
  guint                 attempts;
  gint64                started;
  gint64                body_end;     /* when the body's last byte was read */
  gint64                submitted;    /* for its Sysprof mark; 0 when marks are off */
  double                timeout;      /* the client's timeout at the first start */
  gboolean              timed_out;
  GTlsCertificateFlags  tls_errors;
  gboolean              without_auth; /* the message went without libsoup's auth manager */

  GaioHttpSlot          slot;         /* the client's */
  GaioHttpToken        *backoff;      /* the timer of a retry, or of a body_error */
  GError               *body_error;   /* why the body could not be attached */

  /* A streamed response's body (see "Streaming" below). */
  gboolean              streaming;    /* open(): the future resolves at the headers */
  gboolean              opened;       /* ...and it has: the body is the caller's to read */
  gboolean              reading;      /* the one stream read in flight */
  gboolean              ended;        /* the body was read to its end */
  GBytes               *pending;      /* read, not yet given out */
  GError               *stream_error; /* what reads give once the stream failed or closed */
  GaioFuture           *reader;       /* the caller's read, if any */
  gsize                 reader_max;
  gboolean              reader_line;

  /* A WebSocket handshake (see "WebSockets" below). */
  gboolean              websocket;
  char                **protocols;    /* subprotocols offered, or NULL */
  GaioWebSocket        *socket;       /* open, for the future to take */
};

static void request_send (GaioHttpRequest *request);

/* Requests */

static GaioHttpRequest *
request_ref (GaioHttpRequest *request)
{
  request->refs++;
  return request;
}

static void
request_unref (GaioHttpRequest *request)
{
  if (--request->refs > 0)
    return;

  g_assert (request->slot.deadline_link.data == NULL && request->backoff == NULL);

  g_clear_object (&request->client);
  g_clear_object (&request->future);
  g_clear_object (&request->cancellable);
  g_clear_pointer (&request->method, g_free);
  g_clear_pointer (&request->uri, g_uri_unref);
  g_clear_pointer (&request->url, g_free);
  g_clear_pointer (&request->host_key, g_free);
  g_clear_object (&request->options);
  g_clear_object (&request->message);
  g_clear_object (&request->stream);
  g_clear_pointer (&request->buffer, g_byte_array_unref);
  g_clear_pointer (&request->path, g_free);
  g_clear_pointer (&request->pending, g_bytes_unref);
  g_clear_error (&request->stream_error);
  g_clear_object (&request->reader);
  g_clear_pointer (&request->protocols, g_strfreev);
  g_clear_object (&request->socket);
  g_assert (request->file == NULL && request->error == NULL);
  g_clear_error (&request->body_error);
  g_free (request);
}

/* Closing a stream that was not read to the end drops the connection
 * instead of reusing it, which is what an abandoned response needs. */
static void
drop_stream (GInputStream **stream)
{
  if (*stream != NULL)
    {
      g_input_stream_close_async (*stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      g_clear_object (stream);
    }
}

static gboolean
method_is_idempotent (const char *method)
{
  static const char * const idempotent[] = { "GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE" };

  for (guint i = 0; i < G_N_ELEMENTS (idempotent); i++)
    if (g_str_equal (method, idempotent[i]))
      return TRUE;
  return FALSE;
}

static double
elapsed_seconds (GaioHttpRequest *request)
{
  return (g_get_monotonic_time () - request->started) / (double) G_USEC_PER_SEC;
}

/* The options' overrides, else the client's settings. */

static guint64
request_max_body_size (GaioHttpRequest *request)
{
  gint64 cap = gaio_http_request_options_get_max_body_size (request->options);

  return cap >= 0 ? (guint64) cap : gaio_http_client_get_max_body_size (request->client);
}

static guint
request_max_redirects (GaioHttpRequest *request)
{
  int limit = gaio_http_request_options_get_max_redirects (request->options);

  return limit >= 0 ? (guint) limit : gaio_http_client_get_max_redirects (request->client);
}

static guint
request_max_retries (GaioHttpRequest *request)
{
  int limit = gaio_http_request_options_get_max_retries (request->options);

  return limit >= 0 ? (guint) limit : gaio_http_client_get_max_retries (request->client);
}

static gboolean
request_raise_for_status (GaioHttpRequest *request)
{
  if (gaio_http_request_options_get_raise_for_status_set (request->options))
    return gaio_http_request_options_get_raise_for_status (request->options);
  return gaio_http_client_get_raise_for_status (request->client);
}

static double
request_timeout (GaioHttpRequest *request)
{
  double timeout = gaio_http_request_options_get_timeout (request->options);

  return timeout >= 0 ? timeout : gaio_http_client_get_timeout (request->client);
}

/* Settles the future; the request is finished. */
static void
settle_future (GaioHttpRequest  *request,
               GaioHttpResponse *response,
               GError           *error)
{
  GValue value = G_VALUE_INIT;
  GValue handshake = G_VALUE_INIT;

  gaio_http_client_emit_finished (request->client, GAIO_FUTURE (request->future),
                                  response, error);
  if (response != NULL)
    {
      g_value_init (&handshake, GAIO_TYPE_HTTP_RESPONSE);
      g_value_take_object (&handshake, response);
    }
  /* An open WebSocket is the result; its handshake's response only
   * traces. */
  if (request->socket != NULL)
    {
      g_value_init (&value, GAIO_TYPE_WEB_SOCKET);
      g_value_take_object (&value, g_steal_pointer (&request->socket));
    }
  else if (response != NULL)
    {
      g_value_init (&value, GAIO_TYPE_HTTP_RESPONSE);
      g_value_set_object (&value, response);
    }
  if (request->submitted != 0)
    {
      g_autofree char *shown = gaio_http_url_redact (request->url);

      /* From submission, so time queued for a connection counts. */
      if (response != NULL)
        gaio_sysprof_mark (request->submitted, "HTTP request", "%s %s: %u",
                           request->method, shown, gaio_http_response_get_status (response));
      else
        gaio_sysprof_mark (request->submitted, "HTTP request", "%s %s: %s",
                           request->method, shown, error != NULL ? error->message : "no response");
    }
  gaio_future_settle_result (GAIO_FUTURE (request->future), &value, error);
  if (G_IS_VALUE (&value))
    g_value_unset (&value);
  if (G_IS_VALUE (&handshake))
    g_value_unset (&handshake);

  request_unref (request);  /* the reference the future's link held */
}

static void
abort_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  GaioHttpRequest *request = data;

  gaio_http_download_step_finish (result, NULL);
  settle_future (request, NULL, g_steal_pointer (&request->error));
}

static void
request_settle (GaioHttpRequest  *request,
                GaioHttpResponse *response,
                GError           *error)
{
  gaio_http_client_release (request->client, request);
  request->state = GAIO_HTTP_REQUEST_DONE;
  gaio_http_client_remove_deadline (request->client, request);
  gaio_http_token_clear (&request->backoff);
  gaio_http_future_detach (request->future);

  drop_stream (&request->stream);

  /* A failed download settles only once its temporary file is gone, so
   * that whoever waits on the future finds the folder as it was. */
  if (request->file != NULL)
    {
      g_assert (response == NULL);
      request->error = error;
      gaio_http_download_abort_async (g_steal_pointer (&request->file), abort_cb, request);
      return;
    }

  settle_future (request, response, error);
}

/* What the request does, for its messages. */
static const char *
request_verb (GaioHttpRequest *request)
{
  if (request->path != NULL)
    return "download";
  return request->websocket ? "open" : "fetch";
}

/* The error a request fails with: the deadline's, a cancel's, or @lower
 * naming the URL. */
static GError *
request_error (GaioHttpRequest *request,
               const GError    *lower)
{
  if (request->timed_out)
    return g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "Timed out after %g s %s %s",
                        request->timeout,
                        request->path != NULL ? "downloading"
                                              : request->websocket ? "opening" : "fetching",
                        request->url);
  if (g_cancellable_is_cancelled (request->cancellable))
    return g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                        "The request for %s was cancelled", request->url);
  return gaio_http_url_error (lower, request->url, request_verb (request));
}

static void
request_fail (GaioHttpRequest *request,
              const GError    *lower)
{
  request_settle (request, NULL, request_error (request, lower));
}

static void
request_fail_literal (GaioHttpRequest *request,
                      GQuark           domain,
                      int              code,
                      const char      *message)
{
  GError error = { domain, code, (char *) message };

  request_fail (request, &error);
}

/* The HTTP version and libsoup's metrics of the last exchange. */
static void
request_describe_exchange (GaioHttpRequest  *request,
                           GaioHttpResponse *response)
{
  g_autoptr(GaioHttpMetrics) metrics =
    gaio_http_metrics_new_for_message (request->message, request->started, request->body_end);

  gaio_http_response_set_exchange (response, soup_message_get_http_version (request->message),
                                   metrics);
}

static GaioHttpResponse *
request_make_response (GaioHttpRequest *request,
                       GBytes          *body)
{
  GaioHttpResponse *response;

  response = gaio_http_response_new (request->method,
                                     soup_message_get_status (request->message),
                                     soup_message_get_reason_phrase (request->message),
                                     soup_message_get_response_headers (request->message),
                                     request->uri,
                                     request->url,
                                     request->redirects,
                                     elapsed_seconds (request),
                                     body);
  request_describe_exchange (request, response);
  return response;
}

static void
request_finish_ok (GaioHttpRequest *request,
                   GBytes          *body)
{
  request_settle (request, request_make_response (request, body), NULL);
}

/* Deadline and retries */

static void
request_enqueue (GaioHttpRequest *request)
{
  request->state = GAIO_HTTP_REQUEST_QUEUED;
  gaio_http_client_emit_queued (request->client, GAIO_FUTURE (request->future),
                                request->method, request->url);
  gaio_http_client_enqueue (request->client, request);
}

static void stream_expire (GaioHttpRequest *request);

void
gaio_http_request_expire (GaioHttpRequest *request)
{
  request->timed_out = TRUE;
  if (request->opened)
    stream_expire (request);
  else if (request->state == GAIO_HTTP_REQUEST_RUNNING)
    g_cancellable_cancel (request->cancellable);
  else
    request_fail (request, NULL);
}

static void
backoff_cb (gpointer data)
{
  GaioHttpRequest *request = gaio_http_token_fire (data);

  if (request == NULL)
    return;

  gaio_http_token_clear (&request->backoff);
  request_enqueue (request);
}

static double
retry_after_seconds (SoupMessage *message)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                    "Retry-After");
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) now = NULL;
  char *end;
  gint64 seconds;

  if (value == NULL)
    return -1;

  seconds = g_ascii_strtoll (value, &end, 10);
  if (end != value && *end == '\0')
    return MAX (seconds, 0);

  date = soup_date_time_new_from_http_string (value);
  if (date == NULL)
    return -1;
  now = g_date_time_new_now_utc ();
  return MAX (g_date_time_difference (date, now) / (double) G_USEC_PER_SEC, 0);
}

static gboolean
request_may_retry (GaioHttpRequest *request)
{
  return request->attempts < request_max_retries (request) &&
         method_is_idempotent (request->method) &&
         request->path == NULL;
}

static gboolean
error_is_retryable (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) ||
         g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_TEMPORARY_FAILURE);
}

/* Gives the slot back and tries again later: @retry_after is the server's
 * wish in seconds, or negative for exponential backoff. */
static void
request_retry (GaioHttpRequest *request,
               double           retry_after,
               const char      *reason)
{
  GaioHttpClient *client = request->client;
  double delay = gaio_http_client_get_retry_delay (client) * (1 << MIN (request->attempts, 20));

  if (retry_after >= 0)
    delay = retry_after;
  delay = CLAMP (delay, 0, gaio_http_client_get_max_retry_delay (client));

  request->attempts++;
  gaio_http_client_emit_retried (client, GAIO_FUTURE (request->future), request->attempts,
                                 reason, delay);
  g_clear_object (&request->message);
  drop_stream (&request->stream);

  gaio_http_client_release (client, request);
  request->state = GAIO_HTTP_REQUEST_BACKOFF;
  request->backoff = gaio_http_token_new (request);
  gaio_scheduler_add_timer (gaio_http_client_get_scheduler (client),
                            g_get_monotonic_time () + (gint64) (delay * G_USEC_PER_SEC),
                            backoff_cb, request->backoff);
}

static void
request_retry_status (GaioHttpRequest *request,
                      guint            status,
                      const char      *reason)
{
  g_autofree char *why = g_strdup_printf ("HTTP %u %s from %s", status,
                                          reason != NULL ? reason : "", request->url);

  request_retry (request, retry_after_seconds (request->message), why);
}

static void
request_retry_error (GaioHttpRequest *request,
                     const GError    *lower)
{
  g_autoptr(GError) shown = gaio_http_url_error (lower, request->url, request_verb (request));

  request_retry (request, -1, shown->message);
}

/* Reading the body */

static void read_next (GaioHttpRequest *request);

static void download_commit (GaioHttpRequest *request);

/* After the last write, the file is committed. */
static void
write_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  GaioHttpRequest *request = data;
  g_autoptr(GError) error = NULL;

  if (!gaio_http_download_step_finish (result, &error))
    {
      request->file = NULL;  /* a failed write has removed it */
      request_fail (request, error);
    }
  else if (request->body_ended)
    download_commit (request);
  else
    {
      request->buffered = 0;
      read_next (request);
    }

  request_unref (request);
}

static void
download_write (GaioHttpRequest *request)
{
  gaio_http_download_write_async (request->file, request->buffer->data, request->buffered,
                                  request->cancellable, write_cb, request_ref (request));
}

/* Whatever commit says, the temporary file is gone. A cancel that comes
 * while the file is being renamed can be too late to stop it: the
 * download then resolves, since the file has been replaced. */
static void
commit_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  GaioHttpRequest *request = data;
  g_autoptr(GError) error = NULL;

  if (gaio_http_download_step_finish (result, &error))
    request_finish_ok (request, NULL);
  else
    request_fail (request, error);

  request_unref (request);
}

static void
download_commit (GaioHttpRequest *request)
{
  gaio_http_download_commit_async (g_steal_pointer (&request->file), request->cancellable,
                                   commit_cb, request_ref (request));
}

static void
body_complete (GaioHttpRequest *request)
{
  g_autoptr(GBytes) body = NULL;
  g_autofree char *message = NULL;

  if (request->has_expected && request->filled < request->expected)
    {
      message = g_strdup_printf ("The body ended after %" G_GSIZE_FORMAT " of %"
                                 G_GUINT64_FORMAT " bytes", request->filled, request->expected);
      request_fail_literal (request, GAIO_ERROR, GAIO_ERROR_TRUNCATED, message);
    }
  else if (request->path != NULL && request->buffered > 0)
    {
      request->body_ended = TRUE;
      download_write (request);
    }
  else if (request->path != NULL)
    {
      download_commit (request);
    }
  else
    {
      g_byte_array_set_size (request->buffer, request->filled);
      body = g_byte_array_free_to_bytes (g_steal_pointer (&request->buffer));
      request_finish_ok (request, body);
    }
}

/* @n more bytes are in the buffer: the cap applies to the decoded body
 * as it streams, so a small gzip body cannot inflate past it. */
static void
body_received (GaioHttpRequest *request,
               gsize            n)
{
  guint64 cap = request_max_body_size (request);
  g_autofree char *message = NULL;

  request->filled += n;
  if (request->path != NULL)
    request->buffered += n;
  if (cap > 0 && request->filled > cap)
    {
      message = g_strdup_printf ("The body is larger than the limit of %" G_GUINT64_FORMAT " bytes",
                                 cap);
      request_fail_literal (request, GAIO_ERROR, GAIO_ERROR_BODY_TOO_LARGE, message);
    }
  else if (request->path != NULL && request->buffered + READ_CHUNK > DOWNLOAD_BUFFER)
    {
      download_write (request);
    }
  else
    {
      read_next (request);
    }
}

/* A body read to its end closes at once, with nothing left to wait for,
 * and its connection is free before the next request starts;
 * drop_stream()'s asynchronous close is for a body left unread. */
static void
stream_close_read (GaioHttpRequest *request)
{
  g_input_stream_close (request->stream, NULL, NULL);
  g_clear_object (&request->stream);
}

static void
body_ended (GaioHttpRequest *request)
{
  request->body_end = g_get_monotonic_time ();
  stream_close_read (request);
  body_complete (request);
}

/* What a read of the body gave: @n bytes, its end (0), or @error. */
static void
read_done (GaioHttpRequest *request,
           gssize           n,
           const GError    *error)
{
  if (n < 0)
    request_fail (request, error);
  else if (n == 0)
    body_ended (request);
  else
    body_received (request, n);
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  GaioHttpRequest *request = data;
  g_autoptr(GError) error = NULL;
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, &error);
  g_assert (request->state == GAIO_HTTP_REQUEST_RUNNING);
  read_done (request, n, error);
  request_unref (request);
}

/* Reads up to @size bytes of what has already arrived into the buffer,
 * without waiting: returns whether the read settled the request (end, or
 * failure) or went on with the body; FALSE if it would block. */
static gboolean
read_now (GaioHttpRequest *request,
          gsize            size)
{
  g_autoptr(GError) error = NULL;
  gssize n;

  if (!G_IS_POLLABLE_INPUT_STREAM (request->stream) ||
      !g_pollable_input_stream_can_poll (G_POLLABLE_INPUT_STREAM (request->stream)))
    return FALSE;

  g_byte_array_set_size (request->buffer, request->filled + size);
  n = g_pollable_input_stream_read_nonblocking (G_POLLABLE_INPUT_STREAM (request->stream),
                                                request->buffer->data + request->filled, size,
                                                request->cancellable, &error);
  if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
    return FALSE;
  read_done (request, n, error);
  return TRUE;
}

/* How much the next read of an in-memory body asks for. With a known
 * length the whole body usually arrives in one read, then the end in
 * another, which fits in the byte the first one left: the buffer never
 * grows, so the body is never copied. */
static gsize
read_size (GaioHttpRequest *request)
{
  if (request->has_expected)
    return MIN (request->expected - MIN (request->filled, request->expected) + 1,
                READ_CHUNK * 16);
  /* libsoup's chunked decoder needs room for a chunk header in each read. */
  return MAX (MAX (READ_CHUNK, request->filled / 2), 1024);
}

static void
read_next (GaioHttpRequest *request)
{
  gsize chunk;

  /* A download reads on after what it holds, up to DOWNLOAD_BUFFER. */
  if (request->path != NULL)
    {
      if (request->buffer->len < request->buffered + READ_CHUNK)
        g_byte_array_set_size (request->buffer, request->buffered + READ_CHUNK);
      g_input_stream_read_async (request->stream, request->buffer->data + request->buffered,
                                 READ_CHUNK, G_PRIORITY_DEFAULT, request->cancellable,
                                 read_cb, request_ref (request));
      return;
    }

  /* All of a body of known length has arrived: the read that finds its
   * end is answered without waiting (libsoup's body stream stops at the
   * length), so it is made here rather than through a GTask and another
   * main-loop iteration. Only if it would block does the request wait. */
  if (request->has_expected && request->filled == request->expected &&
      read_now (request, 1))
    return;

  /* Read straight into the body buffer (see read_size()). */
  chunk = read_size (request);
  g_byte_array_set_size (request->buffer, request->filled + chunk);
  g_input_stream_read_async (request->stream, request->buffer->data + request->filled, chunk,
                             G_PRIORITY_DEFAULT, request->cancellable,
                             read_cb, request_ref (request));
}

/* The first read of an in-memory body takes what arrived with the
 * headers at once, as the read finding its end does (see read_next()),
 * rather than through a GTask and another main-loop iteration: a small
 * body then ends, and its connection is free for the next request, in
 * the dispatch that brought its headers. Only this one read is made
 * without waiting, so a body that keeps arriving still goes through the
 * main loop read by read. */
static void
read_first (GaioHttpRequest *request)
{
  if (!read_now (request, read_size (request)))
    read_next (request);
}

/* The body of a download goes to a temporary file next to the
 * destination, which replaces it only once complete. */
static void
open_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  GaioHttpRequest *request = data;
  g_autoptr(GError) error = NULL;

  request->file = gaio_http_download_open_finish (result, &error);
  if (request->file == NULL)
    request_fail (request, error);
  else if (g_cancellable_is_cancelled (request->cancellable))
    request_fail (request, NULL);
  else
    {
      request->buffer = g_byte_array_sized_new (READ_CHUNK);
      request->buffered = 0;
      read_next (request);
    }

  request_unref (request);
}

/* Sending */

/* Every reason a certificate failed, most telling first, for messages. */
static char *
describe_tls_errors (GTlsCertificateFlags flags)
{
  static const struct { GTlsCertificateFlags flag; const char *reason; } reasons[] = {
    { G_TLS_CERTIFICATE_UNKNOWN_CA, "unknown issuer (not signed by a trusted authority)" },
    { G_TLS_CERTIFICATE_BAD_IDENTITY, "wrong host (the certificate is for another host)" },
    { G_TLS_CERTIFICATE_EXPIRED, "expired" },
    { G_TLS_CERTIFICATE_NOT_ACTIVATED, "not valid yet" },
    { G_TLS_CERTIFICATE_REVOKED, "revoked" },
    { G_TLS_CERTIFICATE_INSECURE, "insecure (a weak algorithm)" },
    { G_TLS_CERTIFICATE_GENERIC_ERROR, "unverifiable" },
  };
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    if (flags & reasons[i].flag)
      g_string_append_printf (text, "%s%s", text->len > 0 ? ", " : "", reasons[i].reason);
  if (text->len == 0)
    g_string_append (text, "unverifiable");
  return g_string_free (text, FALSE);
}

static gboolean
status_is_redirect (guint status)
{
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

/* What browsers do, and RFC 9110 allows: 303 turns anything but HEAD
 * into a GET, and 301 and 302 turn a POST into one. */
static void
redirect_rewrite_method (GaioHttpRequest *request,
                         guint            status)
{
  if ((status == 303 && !g_str_equal (request->method, "HEAD")) ||
      ((status == 301 || status == 302) && g_str_equal (request->method, "POST")))
    {
      g_free (request->method);
      request->method = g_strdup ("GET");
      request->body_dropped = TRUE;
    }
}

/* Credentials meant for one host do not travel to another. */
static void
redirect_strip_credentials (GaioHttpRequest *request,
                            GUri            *next)
{
  g_autofree char *next_key = gaio_http_url_host_key (next);

  if (!g_str_equal (next_key, request->host_key))
    {
      SoupMessageHeaders *headers = gaio_http_request_options_get_headers (request->options);

      soup_message_headers_remove (headers, "Authorization");
      soup_message_headers_remove (headers, "Cookie");
    }
}

/* A redirect to another host leaves the first host's slot and session
 * and queues again under the new host's limit; the deadline runs on. */
static gboolean
request_move_host (GaioHttpRequest *request)
{
  g_autofree char *key = gaio_http_url_host_key (request->uri);

  if (g_str_equal (key, request->host_key))
    return FALSE;

  gaio_http_client_release (request->client, request);
  g_free (request->host_key);
  request->host_key = g_steal_pointer (&key);
  request_enqueue (request);
  return TRUE;
}

static void
request_redirect (GaioHttpRequest *request,
                  const char      *location)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) next = NULL;
  g_autofree char *from = NULL;

  if (request->redirects >= request_max_redirects (request))
    {
      g_autofree char *message =
        g_strdup_printf ("Stopped after %u redirects", request->redirects);
      request_fail_literal (request, GAIO_ERROR, GAIO_ERROR_TOO_MANY_REDIRECTS, message);
      return;
    }

  next = gaio_http_url_parse (location, request->uri, &error);
  if (next == NULL)
    {
      g_autofree char *message = g_strdup_printf ("Redirected to a refused URL: %s", error->message);
      request_fail_literal (request, error->domain, error->code, message);
      return;
    }

  redirect_rewrite_method (request, soup_message_get_status (request->message));
  redirect_strip_credentials (request, next);

  request->redirects++;
  g_clear_pointer (&request->uri, g_uri_unref);
  request->uri = g_steal_pointer (&next);
  from = g_steal_pointer (&request->url);
  request->url = gaio_http_url_to_string (request->uri);
  gaio_http_client_emit_redirected (request->client, GAIO_FUTURE (request->future),
                                    soup_message_get_status (request->message),
                                    from, request->url);

  drop_stream (&request->stream);
  g_clear_object (&request->message);
  if (!request_move_host (request))
    request_send (request);
}

/* A redirect's body is read and dropped before the redirect is followed,
 * when it is known to be small, so that its connection stays open for the
 * next request: libsoup closes a connection whose body was left unread.
 * A longer one is not worth its reading time, and the connection goes. */
#define REDIRECT_DRAIN_MAX (64 * 1024)

static void
drain_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  GaioHttpRequest *request = data;
  g_autoptr(GError) error = NULL;
  gssize n;

  n = g_input_stream_skip_finish (G_INPUT_STREAM (source), result, &error);
  g_assert (request->state == GAIO_HTTP_REQUEST_RUNNING);
  if (g_cancellable_is_cancelled (request->cancellable))
    request_fail (request, error);
  else
    {
      /* Read to its end, the body closes at once, as in body_ended(); a
       * failed read only loses the connection, not the redirect. */
      if (n >= 0 && n <= REDIRECT_DRAIN_MAX)
        stream_close_read (request);
      request_redirect (request, soup_message_headers_get_one (
                                   soup_message_get_response_headers (request->message),
                                   "Location"));
    }

  request_unref (request);
}

static void
redirect_drain (GaioHttpRequest *request,
                const char      *location)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (request->message);

  switch (soup_message_headers_get_encoding (headers))
    {
    case SOUP_ENCODING_CONTENT_LENGTH:
      if (soup_message_headers_get_content_length (headers) <= REDIRECT_DRAIN_MAX)
        break;
      G_GNUC_FALLTHROUGH;
    case SOUP_ENCODING_EOF:   /* the connection ends with the body anyway */
    case SOUP_ENCODING_NONE:
    case SOUP_ENCODING_UNRECOGNIZED:
    case SOUP_ENCODING_BYTERANGES:
    default:
      request_redirect (request, location);
      return;

    case SOUP_ENCODING_CHUNKED:
      break;
    }

  /* One more than the bound: a chunked body that reaches it is too long. */
  g_input_stream_skip_async (request->stream, REDIRECT_DRAIN_MAX + 1, G_PRIORITY_DEFAULT,
                             request->cancellable, drain_cb, request_ref (request));
}

/* A transport failure: retried when it may be passing, with backoff. */
static void
send_failed (GaioHttpRequest *request,
             GError          *error)
{
  if (request->tls_errors != 0 && g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
    {
      g_autofree char *reasons = describe_tls_errors (request->tls_errors);
      g_autofree char *message = g_strdup_printf ("%s: %s", error->message, reasons);

      g_free (error->message);
      error->message = g_steal_pointer (&message);
    }

  if (!g_cancellable_is_cancelled (request->cancellable) &&
      error_is_retryable (error) && request_may_retry (request))
    request_retry_error (request, error);
  else
    request_fail (request, error);
}

/* Reads the Content-Length of an identity body, which lets an oversized
 * body fail before any of it is read. */
static gboolean
body_check_length (GaioHttpRequest *request)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (request->message);
  guint64 cap = request_max_body_size (request);
  g_autofree char *message = NULL;

  request->filled = 0;
  request->has_expected = FALSE;
  if (soup_message_headers_get_encoding (headers) != SOUP_ENCODING_CONTENT_LENGTH ||
      soup_message_headers_get_one (headers, "Content-Encoding") != NULL)
    return TRUE;

  request->has_expected = TRUE;
  request->expected = soup_message_headers_get_content_length (headers);
  if (cap == 0 || request->expected <= cap)
    return TRUE;

  message = g_strdup_printf ("The body of %" G_GUINT64_FORMAT " bytes is larger than the limit of %"
                             G_GUINT64_FORMAT " bytes", request->expected, cap);
  request_fail_literal (request, GAIO_ERROR, GAIO_ERROR_BODY_TOO_LARGE, message);
  return FALSE;
}

static void stream_open (GaioHttpRequest *request);

/* A body of known length gets a buffer of that length plus the byte that
 * the read finding its end needs (see read_next()), not GByteArray's next
 * power of two, which would hold up to twice the body's memory. */
static GByteArray *
body_buffer_new (GaioHttpRequest *request)
{
  GByteArray *buffer;
  gsize size;

  if (!request->has_expected)
    return g_byte_array_new ();
  size = MIN (request->expected + 1, READ_CHUNK * 16);
  buffer = g_byte_array_new_take (g_malloc (size), size);
  g_byte_array_set_size (buffer, 0);
  return buffer;
}

static void
body_start (GaioHttpRequest *request)
{
  if (!body_check_length (request))
    return;

  if (request->streaming)
    stream_open (request);
  else if (request->path != NULL)
    {
      gaio_http_download_open_async (request->path, open_cb, request_ref (request));
    }
  else
    {
      request->buffer = body_buffer_new (request);
      read_first (request);
    }
}

/* Whether the status ends the request as an error: 4xx and 5xx when the
 * client says so, anything but 2xx for a download. */
static gboolean
status_is_error (GaioHttpRequest *request,
                 guint            status)
{
  if (request->path != NULL)
    return status < 200 || status >= 300;
  return status >= 400 && request_raise_for_status (request);
}

static void
response_arrived (GaioHttpRequest *request)
{
  guint status = soup_message_get_status (request->message);
  SoupMessageHeaders *headers = soup_message_get_response_headers (request->message);
  const char *location = soup_message_headers_get_one (headers, "Location");
  const char *reason = soup_message_get_reason_phrase (request->message);

  if (status == SOUP_STATUS_PROXY_UNAUTHORIZED && request->without_auth &&
      soup_message_headers_get_list (headers, "Proxy-Authenticate") != NULL)
    {
      /* A proxy asks for credentials: sent again, with libsoup's auth
       * manager to answer as it would have the first time (see
       * gaio_http_client_get_uses_auth()). */
      gaio_http_client_set_uses_auth (request->client);
      drop_stream (&request->stream);
      g_clear_object (&request->message);
      request_send (request);
    }
  else if (status_is_redirect (status) && location != NULL &&
      request_max_redirects (request) > 0)
    {
      if (request->redirects < request_max_redirects (request))
        redirect_drain (request, location);
      else
        request_redirect (request, location);  /* which fails */
    }
  else if ((status == 429 || status == 503) && request_may_retry (request))
    request_retry_status (request, status, reason);
  else if (status_is_error (request, status))
    request_settle (request, NULL,
                    g_error_new (GAIO_HTTP_ERROR, status, "HTTP %u %s from %s", status,
                                 reason != NULL ? reason : "", request->url));
  else if (g_str_equal (request->method, "HEAD"))
    request_finish_ok (request, NULL);
  else
    body_start (request);
}

/* glib-networking resumes TLS sessions across clients without checking the
 * certificate again, and a kept-alive connection was accepted under the
 * trust of its time; libsoup records the system's verdict on every message,
 * so each response is held against this client's trust as it is now. */
static gboolean
peer_is_trusted (GaioHttpRequest *request)
{
  GTlsCertificateFlags errors = soup_message_get_tls_peer_certificate_errors (request->message);

  if (errors == 0)
    return TRUE;
  request->tls_errors =
    gaio_http_client_verify_peer (request->client, request->uri, request->host_key,
                                  soup_message_get_tls_peer_certificate (request->message),
                                  errors);
  return request->tls_errors == 0;
}

/* The exchange's first step is over (@answered: the response, or a
 * WebSocket, arrived): TRUE when it did from a trusted peer, else the
 * request has failed or will retry. */
static gboolean
answer_accepted (GaioHttpRequest *request,
                 gboolean         answered,
                 GError         **error)
{
  g_assert (request->state == GAIO_HTTP_REQUEST_RUNNING);
  if (answered && peer_is_trusted (request))
    return TRUE;
  if (answered)
    g_set_error_literal (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE,
                         "Unacceptable TLS certificate");
  send_failed (request, *error);
  return FALSE;
}

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  GaioHttpRequest *request = data;
  g_autoptr(GError) error = NULL;

  /* Kept even when refused, so that failing drops it. */
  request->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (answer_accepted (request, request->stream != NULL, &error))
    response_arrived (request);

  request_unref (request);
}

/* WebSockets
 *
 * A WebSocket handshake is a GET request like any other until its 101:
 * it waits in the client's queue under both limits, runs in its host's
 * shard with the client's headers, auth, trust and deadline, and traces
 * as a request. libsoup then steals the connection from its pool, so the
 * request settles at once with the open socket and gives its slot back:
 * an open WebSocket counts against no limit. */

static void
websocket_open (GaioHttpRequest         *request,
                SoupWebsocketConnection *connection)
{
  request->socket = gaio_web_socket_new_for_connection (connection, request->url,
                                                        request_max_body_size (request));
  request_finish_ok (request, NULL);
}

static void
websocket_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  GaioHttpRequest *request = data;
  g_autoptr(GError) error = NULL;
  SoupWebsocketConnection *connection;

  connection = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &error);
  if (answer_accepted (request, connection != NULL, &error))
    websocket_open (request, connection);
  else
    g_clear_object (&connection);

  request_unref (request);
}

static gboolean
accept_certificate_cb (SoupMessage          *message,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              data)
{
  GaioHttpRequest *request = data;

  request->tls_errors = gaio_http_client_verify_peer (request->client, request->uri,
                                                      request->host_key, certificate, errors);
  return request->tls_errors == 0;
}

/* A body that cannot be attached fails the request from the scheduler,
 * not from inside the client's queue, which is starting the request. */
static void
body_failed_cb (gpointer data)
{
  GaioHttpRequest *request = gaio_http_token_fire (data);
  g_autoptr(GError) error = NULL;

  if (request == NULL)
    return;

  gaio_http_token_clear (&request->backoff);
  error = g_steal_pointer (&request->body_error);
  request_fail (request, error);
}

/* Whether the message can go without libsoup's auth manager (see
 * gaio_http_client_get_uses_auth()); a WebSocket handshake always has it,
 * since a proxy's 407 would end it without a response to look at. */
static gboolean
request_skips_auth (GaioHttpRequest *request)
{
  return !request->websocket && !gaio_http_client_get_uses_auth (request->client);
}

static void
request_send (GaioHttpRequest *request)
{
  SoupSession *session = request->slot.session;
  SoupMessage *message = soup_message_new_from_uri (request->method, request->uri);

  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT | SOUP_MESSAGE_COLLECT_METRICS);
  /* Only the first exchange of the slot: a redirect to the same host
   * follows on the connection just used (see HOST_MEMORY in the client). */
  if (request->slot.fresh && !request->websocket &&
      g_ascii_strcasecmp (g_uri_get_scheme (request->uri), "http") == 0)
    soup_message_add_flags (message, SOUP_MESSAGE_NEW_CONNECTION);
  request->slot.fresh = FALSE;
  /* libsoup keeps a URL's credentials for their host: from the first one
   * on, every request of the client goes through its auth manager. */
  if (g_uri_get_userinfo (request->uri) != NULL)
    gaio_http_client_set_uses_auth (request->client);
  request->without_auth = request_skips_auth (request);
  if (request->without_auth)
    soup_message_disable_feature (message, SOUP_TYPE_AUTH_MANAGER);
  if (!request->body_dropped &&
      !gaio_http_request_options_attach_body (request->options, message, &request->body_error))
    {
      g_object_unref (message);
      request->backoff = gaio_http_token_new (request);
      gaio_scheduler_add_timer (gaio_http_client_get_scheduler (request->client),
                                g_get_monotonic_time (), body_failed_cb, request->backoff);
      return;
    }
  gaio_http_request_options_apply_headers (request->options,
                                           soup_message_get_request_headers (message),
                                           !request->body_dropped);
  /* Connected without a CA file too: the handler records the reasons. */
  if (g_ascii_strcasecmp (g_uri_get_scheme (request->uri), "https") == 0)
    g_signal_connect (message, "accept-certificate", G_CALLBACK (accept_certificate_cb), request);

  request->tls_errors = 0;
  request->message = message;
  if (request->websocket)
    soup_session_websocket_connect_async (session, message, NULL, request->protocols,
                                          G_PRIORITY_DEFAULT, request->cancellable,
                                          websocket_cb, request_ref (request));
  else
    soup_session_send_async (session, message, G_PRIORITY_DEFAULT,
                             request->cancellable, send_cb, request_ref (request));
}

/* A non-local destination is refused: atomic replacement renames a file
 * in the destination's folder. */
static GError *
check_destination (const char *url,
                   GFile      *destination)
{
  g_autofree char *target = NULL;
  g_autofree char *shown = NULL;

  if (destination == NULL || g_file_peek_path (destination) != NULL)
    return NULL;

  target = g_file_get_uri (destination);
  shown = gaio_http_url_redact (url);
  return g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                      "Could not download %s to %s: only local files are supported", shown, target);
}

static GaioHttpRequest *
request_new (GaioHttpClient         *client,
             const char             *method,
             GUri                   *uri,
             GaioHttpRequestOptions *options,
             GFile                  *destination)
{
  GaioHttpRequest *request = g_new0 (GaioHttpRequest, 1);

  request->refs = 1;  /* the future's link, dropped when it settles */
  request->submitted = gaio_sysprof_begin ();
  request->client = g_object_ref (client);
  request->future = gaio_http_future_new (request);
  request->cancellable =
    g_object_ref (gaio_future_get_cancellable (GAIO_FUTURE (request->future)));
  request->method = g_ascii_strup (method, -1);
  request->uri = g_uri_ref (uri);
  request->url = gaio_http_url_to_string (uri);
  request->host_key = gaio_http_url_host_key (uri);
  request->options = gaio_http_request_options_snapshot (options);
  gaio_http_request_options_inherit (request->options,
                                     gaio_http_client_get_default_headers (client));
  request->path = destination != NULL ? g_strdup (g_file_peek_path (destination)) : NULL;
  return request;
}

/* Streaming
 *
 * A request made by open() settles its future as soon as the headers of
 * the final response arrive, then stays RUNNING, holding its slot and its
 * deadline, while the caller reads the body through the response. The
 * caller has at most one read pending and the request at most one stream
 * read in flight, which fills `pending`. Once a read is served from an
 * empty `pending`, the next stream read starts at once, of the size the
 * caller just asked for, so that the network works while the caller does;
 * a full `pending` starts nothing, so no more than that one read is ever
 * taken ahead of the caller (back-pressure). A stream read runs under the
 * request's own cancellable, never the caller's: cancelling a read gives up
 * waiting, and the bytes that arrive afterwards wait in `pending` for the
 * next read. The body ends (read to its end, failed, timed out, or closed
 * by the caller) in stream_finish(), which gives the slot back. */

/* libsoup's chunked decoder needs room for a chunk header in each read. */
#define STREAM_READ_MIN 1024
#define STREAM_READ_MAX (READ_CHUNK * 16)

static GBytes *
bytes_take_prefix (GBytes **bytes,
                   gsize    n)
{
  gsize size = g_bytes_get_size (*bytes);
  GBytes *prefix = g_bytes_new_from_bytes (*bytes, 0, n);
  GBytes *rest = n < size ? g_bytes_new_from_bytes (*bytes, n, size - n) : NULL;

  g_bytes_unref (*bytes);
  *bytes = rest;
  return prefix;
}

/* How much of `pending` the reader takes now; 0 when it must wait for
 * more (a line reader without a whole line yet). */
static gsize
stream_available (GaioHttpRequest *request)
{
  gsize size = request->pending != NULL ? g_bytes_get_size (request->pending) : 0;
  gsize n = MIN (size, request->reader_max);
  const char *data, *newline;

  if (n == 0 || !request->reader_line)
    return n;

  data = g_bytes_get_data (request->pending, NULL);
  newline = memchr (data, '\n', n);
  if (newline != NULL)
    return newline - data + 1;
  if (n == request->reader_max || request->ended || request->stream_error != NULL)
    return n;
  return 0;
}

static void stream_read (GaioHttpRequest *request);

/* Settles the caller's read if it can be, else reads on. A read that the
 * caller has cancelled refuses what it is given, which stays pending. */
static void
stream_serve (GaioHttpRequest *request)
{
  GValue value = G_VALUE_INIT;
  gsize n;

  if (request->reader == NULL || gaio_future_is_done (request->reader))
    return;

  n = stream_available (request);
  if (n > 0)
    {
      GBytes *chunk = g_bytes_new_from_bytes (request->pending, 0, n);

      g_value_init (&value, G_TYPE_BYTES);
      g_value_take_boxed (&value, chunk);
      if (gaio_future_settle (request->reader, GAIO_FUTURE_STATE_RESOLVED, &value, NULL, TRUE))
        g_bytes_unref (bytes_take_prefix (&request->pending, n));
      if (request->pending == NULL && !request->reading && !request->ended &&
          request->state == GAIO_HTTP_REQUEST_RUNNING)
        stream_read (request);  /* ahead of the caller, by one read */
    }
  else if (request->stream_error != NULL && request->pending == NULL)
    gaio_future_settle (request->reader, GAIO_FUTURE_STATE_REJECTED, NULL,
                        g_error_copy (request->stream_error), TRUE);
  else if (request->ended && request->pending == NULL)
    {
      g_value_init (&value, G_TYPE_BYTES);
      g_value_take_boxed (&value, g_bytes_new (NULL, 0));
      gaio_future_settle (request->reader, GAIO_FUTURE_STATE_RESOLVED, &value, NULL, TRUE);
    }
  else if (!request->reading && request->state == GAIO_HTTP_REQUEST_RUNNING)
    stream_read (request);
}

/* The body is over: @error (taken) is why, or NULL at its end. The slot
 * goes back at once; the stream is closed now, or by the read in flight
 * once its cancel lands. Closing a stream read to its end keeps the
 * connection for reuse; closing it earlier drops the connection. */
static void
stream_finish (GaioHttpRequest *request,
               GError          *error)
{
  gaio_http_client_release (request->client, request);
  request->state = GAIO_HTTP_REQUEST_DONE;
  gaio_http_client_remove_deadline (request->client, request);

  if (error != NULL)
    request->stream_error = error;
  else
    request->ended = TRUE;

  if (request->reading)
    g_cancellable_cancel (request->cancellable);
  else
    drop_stream (&request->stream);
  stream_serve (request);
}

static void
stream_read_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  GaioHttpRequest *request = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = NULL;
  guint64 cap = request_max_body_size (request);
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, &error);
  request->reading = FALSE;
  if (request->state == GAIO_HTTP_REQUEST_DONE)
    drop_stream (&request->stream);  /* closed or expired while reading */
  else if (n < 0)
    stream_finish (request, request_error (request, error));
  else if (n == 0 && request->has_expected && request->filled < request->expected)
    stream_finish (request,
                   g_error_new (GAIO_ERROR, GAIO_ERROR_TRUNCATED,
                                "The body of %s ended after %" G_GSIZE_FORMAT " of %"
                                G_GUINT64_FORMAT " bytes", request->url, request->filled,
                                request->expected));
  else if (n == 0)
    stream_finish (request, NULL);
  else if (cap > 0 && request->filled + n > cap)
    stream_finish (request,
                   g_error_new (GAIO_ERROR, GAIO_ERROR_BODY_TOO_LARGE,
                                "The body of %s is larger than the limit of %" G_GUINT64_FORMAT
                                " bytes", request->url, cap));
  else
    {
      request->filled += n;
      g_byte_array_set_size (request->buffer, n);
      chunk = g_byte_array_free_to_bytes (g_steal_pointer (&request->buffer));
      if (request->pending == NULL)
        request->pending = g_steal_pointer (&chunk);
      else
        {
          /* Only a line reader waiting for its newline gets here. */
          GByteArray *joined = g_bytes_unref_to_array (g_steal_pointer (&request->pending));

          g_byte_array_append (joined, g_bytes_get_data (chunk, NULL), n);
          request->pending = g_byte_array_free_to_bytes (joined);
        }
      stream_serve (request);
    }

  request_unref (request);
}

/* Reads what the caller asked for, within bounds. */
static void
stream_read (GaioHttpRequest *request)
{
  gsize size = CLAMP (request->reader_max, STREAM_READ_MIN, STREAM_READ_MAX);

  g_clear_pointer (&request->buffer, g_byte_array_unref);
  request->buffer = g_byte_array_sized_new (size);
  g_byte_array_set_size (request->buffer, size);
  request->reading = TRUE;
  g_input_stream_read_async (request->stream, request->buffer->data, size, G_PRIORITY_DEFAULT,
                             request->cancellable, stream_read_cb, request_ref (request));
}

/* The headers are in: the future resolves to a response that reads the
 * body through the request. The request now stops through its own
 * cancellable, no longer the future's. */
static void
stream_open (GaioHttpRequest *request)
{
  GaioHttpResponse *response;
  GaioFuture *future;
  GValue value = G_VALUE_INIT;

  response = request_make_response (request, NULL);
  gaio_http_response_set_stream (response, request);
  request->opened = TRUE;
  g_object_unref (request->cancellable);
  request->cancellable = g_cancellable_new ();
  /* The future is let go of: it holds the response, which holds the
   * request. */
  future = g_steal_pointer (&request->future);
  gaio_http_future_detach (future);
  gaio_http_client_emit_finished (request->client, future, response, NULL);
  g_value_init (&value, GAIO_TYPE_HTTP_RESPONSE);
  g_value_take_object (&value, response);
  gaio_future_settle_result (future, &value, NULL);
  g_object_unref (future);
  request_unref (request);  /* the reference the future's link held */
}

static void
stream_expire (GaioHttpRequest *request)
{
  if (request->state != GAIO_HTTP_REQUEST_RUNNING)
    return;
  if (request->reading)
    g_cancellable_cancel (request->cancellable);  /* stream_read_cb fails it */
  else
    stream_finish (request, request_error (request, NULL));
}

GaioHttpRequest *
gaio_http_request_ref (GaioHttpRequest *self)
{
  return request_ref (self);
}

void
gaio_http_request_unref (GaioHttpRequest *self)
{
  request_unref (self);
}

/* Reads at most @max_bytes of a streamed body, up to and including a
 * newline with @line; an empty GBytes at the end. */
GaioFuture *
gaio_http_request_read (GaioHttpRequest *self,
                        gsize            max_bytes,
                        gboolean         line)
{
  g_assert (self->opened);

  if (self->reader != NULL && !gaio_future_is_done (self->reader))
    return gaio_future_new_rejected (g_error_new (G_IO_ERROR, G_IO_ERROR_PENDING,
                                                  "A read of %s is already pending", self->url));

  g_clear_object (&self->reader);
  self->reader = gaio_future_new ();
  self->reader_max = max_bytes;
  self->reader_line = line;
  stream_serve (self);
  return g_object_ref (self->reader);
}

/* The caller is done with the body, read or not. */
void
gaio_http_request_close (GaioHttpRequest *self)
{
  g_clear_pointer (&self->pending, g_bytes_unref);
  if (self->state == GAIO_HTTP_REQUEST_RUNNING)
    stream_finish (self, g_error_new (G_IO_ERROR, G_IO_ERROR_CLOSED,
                                      "The response from %s was closed", self->url));
}

/* Public to the library */

/* Checks what can be checked before any network activity, then queues. */
static GaioFuture *
request_submit (GaioHttpClient         *client,
                const char             *method,
                const char             *url,
                GaioHttpRequestOptions *options,
                GFile                  *destination,
                gboolean                streaming)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;
  GaioHttpRequest *request;

  uri = gaio_http_url_resolve (gaio_http_client_get_base_uri (client), url, &error);
  if (uri == NULL || (error = check_destination (url, destination)) != NULL)
    return gaio_future_new_rejected (g_steal_pointer (&error));
  if (options != NULL)
    {
      GUri *with_query = gaio_http_request_options_add_query (options, uri);

      g_uri_unref (uri);
      uri = with_query;
    }

  request = request_new (client, method, uri, options, destination);
  request->streaming = streaming;
  request_enqueue (request);
  return g_object_ref (GAIO_FUTURE (request->future));
}

GaioFuture *
gaio_http_request_submit (GaioHttpClient         *client,
                          const char             *method,
                          const char             *url,
                          GaioHttpRequestOptions *options,
                          GFile                  *destination)
{
  return request_submit (client, method, url, options, destination, FALSE);
}

GaioFuture *
gaio_http_request_open (GaioHttpClient         *client,
                        const char             *method,
                        const char             *url,
                        GaioHttpRequestOptions *options)
{
  return request_submit (client, method, url, options, NULL, TRUE);
}

/* ws and wss are http and https for the handshake and for the client's
 * checks, a relative URL resolving against the base URL. */
GaioFuture *
gaio_http_request_websocket (GaioHttpClient     *client,
                             const char         *url,
                             const char * const *protocols)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *http_url = NULL;
  g_autofree char *shown = NULL;
  GaioHttpRequest *request;

  if (g_ascii_strncasecmp (url, "ws://", 5) == 0)
    http_url = g_strconcat ("http://", url + 5, NULL);
  else if (g_ascii_strncasecmp (url, "wss://", 6) == 0)
    http_url = g_strconcat ("https://", url + 6, NULL);
  uri = gaio_http_url_resolve (gaio_http_client_get_base_uri (client),
                               http_url != NULL ? http_url : url, &error);
  if (uri == NULL)
    return gaio_future_new_rejected (g_steal_pointer (&error));

  request = request_new (client, "GET", uri, NULL, NULL);
  request->websocket = TRUE;
  request->protocols = g_strdupv ((char **) protocols);
  /* Shown as ws or wss, unless given as http or https. */
  shown = g_steal_pointer (&request->url);
  if (http_url != NULL || g_uri_peek_scheme (url) == NULL)
    request->url = g_strconcat (g_str_has_prefix (shown, "https") ? "wss" : "ws",
                                strstr (shown, "://"), NULL);
  else
    request->url = g_steal_pointer (&shown);
  request_enqueue (request);
  return g_object_ref (GAIO_FUTURE (request->future));
}

GaioHttpSlot *
gaio_http_request_get_slot (GaioHttpRequest *self)
{
  return &self->slot;
}

GaioHttpRequestState
gaio_http_request_get_state (GaioHttpRequest *self)
{
  return self->state;
}

const char *
gaio_http_request_get_host_key (GaioHttpRequest *self)
{
  return self->host_key;
}

/* The client has given the request a slot. The deadline counts from the
 * first start: retries and redirects spend the same budget. */
void
gaio_http_request_start (GaioHttpRequest *self)
{
  self->state = GAIO_HTTP_REQUEST_RUNNING;
  if (self->started == 0)
    {
      self->started = g_get_monotonic_time ();
      self->timeout = request_timeout (self);
      if (self->timeout > 0)
        gaio_http_client_add_deadline (self->client, self,
                                       self->started + (gint64) (self->timeout * G_USEC_PER_SEC));
    }

  gaio_http_client_emit_started (self->client, GAIO_FUTURE (self->future), self->method, self->url);
  request_send (self);
}

/* A running request stops through its cancellable, which the future has
 * cancelled already; one that is queued or backing off has nothing in
 * flight and settles now. */
void
gaio_http_request_cancel (GaioHttpRequest *self)
{
  if (self->state != GAIO_HTTP_REQUEST_RUNNING)
    request_fail (self, NULL);
}
