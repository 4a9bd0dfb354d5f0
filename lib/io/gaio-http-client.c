/* gaio-http-client.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "gaio-error.h"
#include "gaio-future-private.h"
#include "gaio-http-client.h"
#include "gaio-http-error.h"
#include "gaio-http-response-private.h"
#include "gaio-scheduler-private.h"

/**
 * GaioHttpClient:
 *
 * A concurrent HTTP client built on libsoup's [class@Soup.Session],
 * returning futures.
 *
 * Each request returns a [class@Gaio.Future] that resolves to a
 * [class@Gaio.HttpResponse]; the same calls exist as GIO asynchronous pairs
 * ([method@Gaio.HttpClient.get_async], [method@Gaio.HttpClient.request_async],
 * [method@Gaio.HttpClient.download_async]) for Vala's `yield`, GJS's
 * `Gio._promisify()` and Python.
 *
 * The defaults suit scrapers rather than browsers: up to 100 requests in
 * flight and 10 per host (libsoup's own 10 and 2 are raised out of the way;
 * requests beyond the limits wait in a first-in first-out queue inside the
 * client), a total deadline of 30 seconds per request that a server sending
 * one byte a second cannot stretch, a 64 MiB cap on the decoded body, ten
 * redirects, each checked like the first URL. Only `http` and `https` URLs
 * with a host are accepted. TLS certificates are always verified; a CA file
 * can be trusted in addition to the system's.
 *
 * Every error names the URL and keeps the domain and code of the layer
 * that failed: `G_IO_ERROR` (connection refused, `G_IO_ERROR_TIMED_OUT` for
 * the deadline, `G_IO_ERROR_CANCELLED`), `G_RESOLVER_ERROR`, `G_TLS_ERROR`,
 * `GAIO_ERROR` for the client's own policies and `GAIO_HTTP_ERROR` for 4xx
 * and 5xx statuses when [property@Gaio.HttpClient:raise-for-status] is set.
 *
 * A client belongs to the thread-default [struct@GLib.MainContext] of the
 * thread that created it; call its methods from that thread only. Futures
 * it returns may be cancelled from any thread.
 *
 * ```c
 * g_autoptr(GaioHttpClient) client = gaio_http_client_new ();
 * g_autoptr(GaioFuture) future = gaio_http_client_get (client, "https://example.org/");
 * g_autoptr(GError) error = NULL;
 * const GValue *value = gaio_run (future, &error);
 *
 * if (value == NULL)
 *   g_printerr ("%s\n", error->message);
 * else
 *   g_print ("%s\n", gaio_http_response_get_text (g_value_get_object (value)));
 * ```
 */

#define DEFAULT_MAX_CONNECTIONS 100
#define DEFAULT_MAX_CONNECTIONS_PER_HOST 10
#define DEFAULT_TIMEOUT 30.0
#define DEFAULT_CONNECT_TIMEOUT 10.0
#define DEFAULT_MAX_BODY_SIZE (64 * 1024 * 1024)
#define DEFAULT_MAX_REDIRECTS 10
#define DEFAULT_RETRY_DELAY 0.5
#define DEFAULT_MAX_RETRY_DELAY 30.0

/* libsoup queues silently past its own limits, and its queue walks every
 * message on each completion; Gaio keeps its own queue and sets libsoup's
 * limits far above any it will use. */
#define SOUP_CONNECTION_LIMIT 65536

#define READ_CHUNK (64 * 1024)

/* libsoup walks its whole message queue on every completion, so one
 * session slows down as the number in flight grows; a few sessions used in
 * turn keep each queue short. GAIO_HTTP_SESSIONS (1 to 16) overrides the
 * count, for measurements. */
#define MAX_SESSIONS 16
#define DEFAULT_SESSIONS 4

typedef struct _Request Request;

typedef struct
{
  char   *key;
  guint   admitted;   /* requests of this host running or in the ready queue */
  GQueue  waiting;    /* requests held back by the per-host limit */
} Host;

struct _GaioHttpClient
{
  GObject         parent_instance;

  GaioScheduler  *scheduler;
  SoupSession    *sessions[MAX_SESSIONS];
  guint           n_sessions;
  guint           next_session;

  guint           max_connections;
  guint           max_connections_per_host;
  double          timeout;
  double          connect_timeout;
  guint64         max_body_size;
  guint           max_redirects;
  gboolean        raise_for_status;
  char           *user_agent;
  char           *ca_file;
  GTlsDatabase   *extra_ca;
  SoupCookieJar  *cookie_jar;
  guint           max_retries;
  double          retry_delay;
  double          max_retry_delay;

  guint           active;
  GQueue          ready;      /* admitted by their host, waiting for a total slot */
  GHashTable     *hosts;      /* key → Host */
};

enum {
  PROP_0,
  PROP_MAX_CONNECTIONS,
  PROP_MAX_CONNECTIONS_PER_HOST,
  PROP_TIMEOUT,
  PROP_CONNECT_TIMEOUT,
  PROP_MAX_BODY_SIZE,
  PROP_MAX_REDIRECTS,
  PROP_RAISE_FOR_STATUS,
  PROP_USER_AGENT,
  PROP_CA_FILE,
  PROP_COOKIE_JAR,
  PROP_MAX_RETRIES,
  PROP_RETRY_DELAY,
  PROP_MAX_RETRY_DELAY,
  LAST_PROP,
};

static GParamSpec *props[LAST_PROP];

G_DEFINE_FINAL_TYPE (GaioHttpClient, gaio_http_client, G_TYPE_OBJECT)

/* The future a request returns. Cancelling it stops the transfer first and
 * settles once the request has cleaned up (a download's temporary file is
 * gone by then). */
#define GAIO_TYPE_HTTP_FUTURE (gaio_http_future_get_type ())
G_DECLARE_FINAL_TYPE (GaioHttpFuture, gaio_http_future, GAIO, HTTP_FUTURE, GaioFuture)

struct _GaioHttpFuture
{
  GaioFuture     parent_instance;
  GaioScheduler *scheduler;    /* the client's context */
  GCancellable  *cancellable;  /* the request's; immutable */
  Request       *request;      /* owner context only; NULL once finished */
};

G_DEFINE_FINAL_TYPE (GaioHttpFuture, gaio_http_future, GAIO_TYPE_FUTURE)

typedef enum {
  STATE_NEW,
  STATE_QUEUED,
  STATE_RUNNING,
  STATE_BACKOFF,
  STATE_DONE,
} RequestState;

/* Timers cannot be removed from the scheduler, so they hold a token that
 * the request clears when it no longer cares. */
typedef struct
{
  int      refs;
  Request *request;
} Token;

struct _Request
{
  int                 refs;
  RequestState        state;
  GaioHttpClient     *client;
  GaioHttpFuture     *future;
  GCancellable       *cancellable;

  char               *method;
  GUri               *uri;
  char               *url;
  char               *original_url;
  char               *host_key;
  SoupMessageHeaders *headers;
  char               *content_type;
  GBytes             *body;

  SoupMessage        *message;
  GInputStream       *stream;
  GByteArray         *buffer;
  gsize               filled;
  guint64             expected;     /* Content-Length of an identity body, or 0 */
  gboolean            has_expected;

  GFile              *destination;
  GFile              *temp_file;
  GOutputStream      *output;
  guint               temp_attempts;

  guint               redirects;
  guint               attempts;
  gint64              started;
  gboolean            in_ready;
  gboolean            timed_out;
  GTlsCertificateFlags tls_errors;

  Token              *deadline;
  Token              *backoff;
};

/* Tokens */

static Token *
token_new (Request *request)
{
  Token *token = g_new0 (Token, 1);

  token->refs = 2;  /* the request's and the timer's */
  token->request = request;
  return token;
}

static void
token_unref (Token *token)
{
  if (--token->refs == 0)
    g_free (token);
}

static void
token_clear (Token **token)
{
  if (*token != NULL)
    {
      (*token)->request = NULL;
      token_unref (*token);
      *token = NULL;
    }
}

/* Requests */

static Request *
request_ref (Request *request)
{
  request->refs++;
  return request;
}

static void
request_unref (Request *request)
{
  if (--request->refs > 0)
    return;

  g_assert (request->deadline == NULL && request->backoff == NULL);

  g_clear_object (&request->client);
  g_clear_object (&request->future);
  g_clear_object (&request->cancellable);
  g_clear_pointer (&request->method, g_free);
  g_clear_pointer (&request->uri, g_uri_unref);
  g_clear_pointer (&request->url, g_free);
  g_clear_pointer (&request->original_url, g_free);
  g_clear_pointer (&request->host_key, g_free);
  g_clear_pointer (&request->headers, soup_message_headers_unref);
  g_clear_pointer (&request->content_type, g_free);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_clear_object (&request->message);
  g_clear_object (&request->stream);
  g_clear_pointer (&request->buffer, g_byte_array_unref);
  g_clear_object (&request->destination);
  g_clear_object (&request->temp_file);
  g_clear_object (&request->output);
  g_free (request);
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

static char *
make_host_key (GUri *uri)
{
  return g_strdup_printf ("%s://%s:%d", g_uri_get_scheme (uri), g_uri_get_host (uri),
                          g_uri_get_port (uri));
}

/* URL validation: libsoup logs a critical and returns NULL for file:, data:
 * and host-less URLs and speaks HTTP to port 21 for ftp:, so nothing it has
 * not been checked here reaches it, neither the first URL nor a redirect. */
static GUri *
parse_url (const char  *url,
           GUri        *base,
           GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *scheme;
  const char *host;

  if (base != NULL)
    uri = g_uri_parse_relative (base, url, SOUP_HTTP_URI_FLAGS, &local_error);
  else
    uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, &local_error);

  if (uri == NULL)
    {
      g_set_error (error, GAIO_ERROR, GAIO_ERROR_INVALID_URL,
                   "Invalid URL “%s”: %s", url, local_error->message);
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    {
      g_set_error (error, GAIO_ERROR, GAIO_ERROR_UNSUPPORTED_SCHEME,
                   "Unsupported scheme “%s” in URL %s: only http and https are supported",
                   scheme, url);
      return NULL;
    }

  host = g_uri_get_host (uri);
  if (host == NULL || *host == '\0')
    {
      g_set_error (error, GAIO_ERROR, GAIO_ERROR_INVALID_URL, "Invalid URL “%s”: no host", url);
      return NULL;
    }

  /* GUri takes almost anything as a host name; the resolver should not. */
  for (const char *p = host; *p != '\0'; p++)
    if ((guchar) *p <= ' ' || *p == 0x7f || strchr ("/\\?#@<>\"'`{}|^", *p) != NULL)
      {
        g_set_error (error, GAIO_ERROR, GAIO_ERROR_INVALID_URL,
                     "Invalid URL “%s”: bad character in host name", url);
        return NULL;
      }

  return g_steal_pointer (&uri);
}

/* Adds the URL to a lower error, keeping its domain and code. GIO's
 * connection errors already say "Could not connect to HOST: ", which is
 * replaced by the full URL. */
static GError *
error_for_url (const GError *lower,
               const char   *url,
               gboolean      download)
{
  static const char prefix[] = "Could not connect to ";
  const char *message = lower->message;

  if (g_str_has_prefix (message, prefix))
    {
      const char *rest = strstr (message + strlen (prefix), ": ");

      if (rest != NULL)
        return g_error_new (lower->domain, lower->code, "Could not connect to %s: %s",
                            url, rest + 2);
    }

  return g_error_new (lower->domain, lower->code, "Could not %s %s: %s",
                      download ? "download" : "fetch", url, message);
}

static double
elapsed_seconds (Request *request)
{
  return (g_get_monotonic_time () - request->started) / (double) G_USEC_PER_SEC;
}

static void client_pump (GaioHttpClient *self);
static void request_start (Request *request);
static void request_send (Request *request);

static Host *
client_get_host (GaioHttpClient *self,
                 const char     *key)
{
  Host *host = g_hash_table_lookup (self->hosts, key);

  if (host == NULL)
    {
      host = g_new0 (Host, 1);
      host->key = g_strdup (key);
      g_queue_init (&host->waiting);
      g_hash_table_insert (self->hosts, host->key, host);
    }
  return host;
}

static void
host_free (gpointer data)
{
  Host *host = data;

  g_assert (g_queue_is_empty (&host->waiting));
  g_free (host->key);
  g_free (host);
}

static void
client_maybe_drop_host (GaioHttpClient *self,
                        Host           *host)
{
  if (host->admitted == 0 && g_queue_is_empty (&host->waiting))
    g_hash_table_remove (self->hosts, host->key);
}

static void
admit (GaioHttpClient *self,
       Host           *host,
       Request        *request)
{
  host->admitted++;
  request->in_ready = TRUE;
  g_queue_push_tail (&self->ready, request);
}

/* Moves host waiters into the ready queue while their host has room. */
static void
host_promote (GaioHttpClient *self,
              Host           *host)
{
  while (!g_queue_is_empty (&host->waiting) && host->admitted < self->max_connections_per_host)
    admit (self, host, g_queue_pop_head (&host->waiting));
}

static void
client_pump (GaioHttpClient *self)
{
  while (self->active < self->max_connections && !g_queue_is_empty (&self->ready))
    {
      Request *request = g_queue_pop_head (&self->ready);

      request->in_ready = FALSE;
      request_start (request);
    }
}

static void
client_enqueue (GaioHttpClient *self,
                Request        *request)
{
  Host *host = client_get_host (self, request->host_key);

  request->state = STATE_QUEUED;
  if (host->admitted < self->max_connections_per_host)
    admit (self, host, request);
  else
    g_queue_push_tail (&host->waiting, request);
  client_pump (self);
}

/* Gives back the slots of a request that stops running or waiting. */
static void
client_release (GaioHttpClient *self,
                Request        *request)
{
  Host *host = g_hash_table_lookup (self->hosts, request->host_key);

  switch (request->state)
    {
    case STATE_QUEUED:
      if (request->in_ready)
        {
          g_queue_remove (&self->ready, request);
          request->in_ready = FALSE;
          host->admitted--;
        }
      else
        {
          g_queue_remove (&host->waiting, request);
        }
      break;

    case STATE_RUNNING:
      self->active--;
      host->admitted--;
      break;

    case STATE_NEW:
    case STATE_BACKOFF:
    case STATE_DONE:
    default:
      return;
    }

  host_promote (self, host);
  client_maybe_drop_host (self, host);
  client_pump (self);
}

static void
request_settle (Request          *request,
                GaioHttpResponse *response,
                GError           *error)
{
  GaioFuture *future = GAIO_FUTURE (request->future);
  GaioHttpClient *client = request->client;
  RequestState previous = request->state;

  client_release (client, request);
  request->state = STATE_DONE;
  token_clear (&request->deadline);
  token_clear (&request->backoff);
  request->future->request = NULL;

  if (request->stream != NULL)
    {
      /* Closing a stream that was not read to the end drops the connection
       * instead of reusing it, which is what an aborted transfer needs. */
      g_input_stream_close_async (request->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      g_clear_object (&request->stream);
    }

  if (request->output != NULL)
    {
      g_output_stream_close (request->output, NULL, NULL);
      g_clear_object (&request->output);
    }
  if (request->temp_file != NULL && response == NULL)
    {
      g_file_delete (request->temp_file, NULL, NULL);
      g_clear_object (&request->temp_file);
    }

  (void) previous;

  if (response != NULL)
    {
      GValue value = G_VALUE_INIT;

      g_value_init (&value, GAIO_TYPE_HTTP_RESPONSE);
      g_value_take_object (&value, response);
      gaio_future_settle (future, GAIO_FUTURE_STATE_RESOLVED, &value, NULL, TRUE);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      gaio_future_settle (future, GAIO_FUTURE_STATE_CANCELLED, NULL, error, TRUE);
    }
  else
    {
      gaio_future_settle (future, GAIO_FUTURE_STATE_REJECTED, NULL, error, TRUE);
    }

  request_unref (request);  /* the reference the future's link held */
}

static void
request_fail (Request      *request,
              const GError *lower)
{
  gboolean download = request->destination != NULL;

  if (request->timed_out)
    request_settle (request, NULL,
                    g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                                 "Timed out after %g s %s %s", request->client->timeout,
                                 download ? "downloading" : "fetching", request->url));
  else if (g_cancellable_is_cancelled (request->cancellable))
    request_settle (request, NULL,
                    g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                 "The request for %s was cancelled", request->url));
  else
    request_settle (request, NULL, error_for_url (lower, request->url, download));
}

static void
request_fail_literal (Request    *request,
                      GQuark      domain,
                      int         code,
                      const char *message)
{
  GError error = { domain, code, (char *) message };

  request_fail (request, &error);
}

static void
request_finish_ok (Request *request,
                   GBytes  *body)
{
  GaioHttpResponse *response;

  response = gaio_http_response_new (request->method,
                                     soup_message_get_status (request->message),
                                     soup_message_get_reason_phrase (request->message),
                                     soup_message_get_response_headers (request->message),
                                     request->uri,
                                     request->redirects,
                                     elapsed_seconds (request),
                                     body);
  request_settle (request, response, NULL);
}

/* Deadline and retries */

static void
deadline_cb (gpointer data)
{
  Token *token = data;
  Request *request = token->request;

  token_unref (token);
  if (request == NULL)
    return;

  request->timed_out = TRUE;
  if (request->state == STATE_RUNNING)
    g_cancellable_cancel (request->cancellable);
  else
    request_fail (request, NULL);
}

static void
backoff_cb (gpointer data)
{
  Token *token = data;
  Request *request = token->request;

  token_unref (token);
  if (request == NULL)
    return;

  token_clear (&request->backoff);
  client_enqueue (request->client, request);
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
request_may_retry (Request *request)
{
  return request->attempts < request->client->max_retries &&
         method_is_idempotent (request->method) &&
         request->destination == NULL;
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
request_retry (Request *request,
               double   retry_after)
{
  GaioHttpClient *client = request->client;
  double delay = client->retry_delay * (1 << MIN (request->attempts, 20));

  if (retry_after >= 0)
    delay = retry_after;
  delay = CLAMP (delay, 0, client->max_retry_delay);

  request->attempts++;
  g_clear_object (&request->message);
  if (request->stream != NULL)
    {
      g_input_stream_close_async (request->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      g_clear_object (&request->stream);
    }

  client_release (client, request);
  request->state = STATE_BACKOFF;
  request->backoff = token_new (request);
  gaio_scheduler_add_timer (client->scheduler,
                            g_get_monotonic_time () + (gint64) (delay * G_USEC_PER_SEC),
                            backoff_cb, request->backoff);
}

/* Reading the body */

static void read_next (Request *request);

static void
write_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  Request *request = data;
  g_autoptr(GError) error = NULL;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error))
    request_fail (request, error);
  else
    read_next (request);

  request_unref (request);
}

static void
body_complete (Request *request)
{
  g_autoptr(GError) error = NULL;

  if (request->has_expected && request->filled < request->expected)
    {
      g_autofree char *message =
        g_strdup_printf ("The body ended after %" G_GSIZE_FORMAT " of %" G_GUINT64_FORMAT " bytes",
                         request->filled, request->expected);
      request_fail_literal (request, GAIO_ERROR, GAIO_ERROR_TRUNCATED, message);
      return;
    }

  if (request->destination != NULL)
    {
      if (!g_output_stream_close (request->output, request->cancellable, &error) ||
          !g_file_move (request->temp_file, request->destination,
                        G_FILE_COPY_OVERWRITE | G_FILE_COPY_NOFOLLOW_SYMLINKS,
                        NULL, NULL, NULL, &error))
        {
          request_fail (request, error);
          return;
        }
      g_clear_object (&request->output);
      g_clear_object (&request->temp_file);
      request_finish_ok (request, NULL);
      return;
    }

  g_byte_array_set_size (request->buffer, request->filled);
  {
    GBytes *body = g_byte_array_free_to_bytes (g_steal_pointer (&request->buffer));

    request_finish_ok (request, body);
    g_bytes_unref (body);
  }
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Request *request = data;
  g_autoptr(GError) error = NULL;
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, &error);
  if (request->state != STATE_RUNNING)
    ;  /* settled meanwhile (the deadline fired during backoff cannot happen here) */
  else if (n < 0)
    request_fail (request, error);
  else if (n == 0)
    body_complete (request);
  else
    {
      guint64 cap = request->client->max_body_size;
      gsize offset = request->destination != NULL ? 0 : request->filled;

      request->filled += n;
      if (cap > 0 && request->filled > cap)
        {
          g_autofree char *message =
            g_strdup_printf ("The body is larger than the limit of %" G_GUINT64_FORMAT " bytes", cap);
          request_fail_literal (request, GAIO_ERROR, GAIO_ERROR_BODY_TOO_LARGE, message);
        }
      else if (request->destination != NULL)
        {
          g_output_stream_write_all_async (request->output, request->buffer->data + offset, n,
                                           G_PRIORITY_DEFAULT, request->cancellable,
                                           write_cb, request_ref (request));
        }
      else
        read_next (request);
    }

  request_unref (request);
}

static void
read_next (Request *request)
{
  gsize chunk;

  if (request->destination != NULL)
    {
      chunk = request->buffer->len;
      g_input_stream_read_async (request->stream, request->buffer->data, chunk,
                                 G_PRIORITY_DEFAULT, request->cancellable,
                                 read_cb, request_ref (request));
      return;
    }

  /* Read straight into the body buffer; with a known length the whole
   * body usually arrives in one read, then the end in another. */
  if (request->has_expected && request->filled < request->expected)
    chunk = MIN (request->expected - request->filled + 1, READ_CHUNK * 16);
  else
    chunk = MAX (READ_CHUNK, request->filled / 2);
  /* libsoup's chunked decoder needs room for a chunk header in each read. */
  chunk = MAX (chunk, 1024);

  g_byte_array_set_size (request->buffer, request->filled + chunk);
  g_input_stream_read_async (request->stream, request->buffer->data + request->filled, chunk,
                             G_PRIORITY_DEFAULT, request->cancellable,
                             read_cb, request_ref (request));
}

static void create_temp (Request *request);

static void
create_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  Request *request = data;
  g_autoptr(GError) error = NULL;
  GFileOutputStream *output;

  output = g_file_create_finish (G_FILE (source), result, &error);
  if (request->state != STATE_RUNNING)
    {
      /* Settled meanwhile: do not leave the file behind. */
      if (output != NULL)
        {
          g_output_stream_close (G_OUTPUT_STREAM (output), NULL, NULL);
          g_file_delete (G_FILE (source), NULL, NULL);
          g_object_unref (output);
        }
    }
  else if (output == NULL)
    {
      g_clear_object (&request->temp_file);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS) && request->temp_attempts < 16)
        create_temp (request);
      else
        request_fail (request, error);
    }
  else
    {
      request->output = G_OUTPUT_STREAM (output);
      request->buffer = g_byte_array_sized_new (READ_CHUNK);
      g_byte_array_set_size (request->buffer, READ_CHUNK);
      read_next (request);
    }

  request_unref (request);
}

/* The body of a download goes to a new file next to the destination, which
 * is renamed over it only once complete. */
static void
create_temp (Request *request)
{
  g_autoptr(GFile) parent = g_file_get_parent (request->destination);
  g_autofree char *basename = g_file_get_basename (request->destination);
  g_autofree char *name = NULL;

  request->temp_attempts++;
  name = g_strdup_printf (".%s.%08x.part", basename, g_random_int ());
  request->temp_file = parent != NULL ? g_file_get_child (parent, name) : g_file_new_for_path (name);
  g_file_create_async (request->temp_file, G_FILE_CREATE_NONE, G_PRIORITY_DEFAULT,
                       request->cancellable, create_cb, request_ref (request));
}

/* Sending */

static const char *
describe_tls_errors (GTlsCertificateFlags flags)
{
  if (flags & G_TLS_CERTIFICATE_UNKNOWN_CA)
    return "the certificate is not signed by a trusted authority";
  if (flags & G_TLS_CERTIFICATE_BAD_IDENTITY)
    return "the certificate is for another host";
  if (flags & G_TLS_CERTIFICATE_EXPIRED)
    return "the certificate has expired";
  if (flags & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    return "the certificate is not valid yet";
  if (flags & G_TLS_CERTIFICATE_REVOKED)
    return "the certificate has been revoked";
  if (flags & G_TLS_CERTIFICATE_INSECURE)
    return "the certificate uses an insecure algorithm";
  return "the certificate could not be verified";
}

static gboolean
status_is_redirect (guint status)
{
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

static void
request_redirect (Request    *request,
                  const char *location)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) next = NULL;
  guint status = soup_message_get_status (request->message);
  g_autofree char *next_key = NULL;

  if (request->redirects >= request->client->max_redirects)
    {
      g_autofree char *message =
        g_strdup_printf ("Stopped after %u redirects", request->redirects);
      request_fail_literal (request, GAIO_ERROR, GAIO_ERROR_TOO_MANY_REDIRECTS, message);
      return;
    }

  next = parse_url (location, request->uri, &error);
  if (next == NULL)
    {
      g_autofree char *message = g_strdup_printf ("Redirected to a refused URL: %s", error->message);
      request_fail_literal (request, error->domain, error->code, message);
      return;
    }

  if ((status == 303 && !g_str_equal (request->method, "HEAD")) ||
      ((status == 301 || status == 302) && g_str_equal (request->method, "POST")))
    {
      g_free (request->method);
      request->method = g_strdup ("GET");
      g_clear_pointer (&request->body, g_bytes_unref);
      g_clear_pointer (&request->content_type, g_free);
    }

  /* Credentials meant for one host do not travel to another. */
  next_key = make_host_key (next);
  if (request->headers != NULL && !g_str_equal (next_key, request->host_key))
    {
      soup_message_headers_remove (request->headers, "Authorization");
      soup_message_headers_remove (request->headers, "Cookie");
    }

  request->redirects++;
  g_clear_pointer (&request->uri, g_uri_unref);
  request->uri = g_steal_pointer (&next);
  g_free (request->url);
  request->url = g_uri_to_string (request->uri);

  g_input_stream_close_async (request->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
  g_clear_object (&request->stream);
  g_clear_object (&request->message);
  request_send (request);
}

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Request *request = data;
  GaioHttpClient *client = request->client;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  GInputStream *stream;
  guint status;

  stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (request->state != STATE_RUNNING)
    {
      if (stream != NULL)
        {
          g_input_stream_close_async (stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
          g_object_unref (stream);
        }
      request_unref (request);
      return;
    }

  if (stream == NULL)
    {
      if (request->tls_errors != 0 && g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
        {
          g_autofree char *message =
            g_strdup_printf ("%s: %s", error->message, describe_tls_errors (request->tls_errors));
          g_free (error->message);
          error->message = g_steal_pointer (&message);
        }

      if (!g_cancellable_is_cancelled (request->cancellable) &&
          error_is_retryable (error) && request_may_retry (request))
        request_retry (request, -1);
      else
        request_fail (request, error);
      request_unref (request);
      return;
    }

  request->stream = stream;
  status = soup_message_get_status (request->message);
  headers = soup_message_get_response_headers (request->message);

  if (status_is_redirect (status) && client->max_redirects > 0)
    {
      const char *location = soup_message_headers_get_one (headers, "Location");

      if (location != NULL)
        {
          request_redirect (request, location);
          request_unref (request);
          return;
        }
    }

  if ((status == 429 || status == 503) && request_may_retry (request))
    {
      request_retry (request, retry_after_seconds (request->message));
      request_unref (request);
      return;
    }

  if ((client->raise_for_status && status >= 400) ||
      (request->destination != NULL && (status < 200 || status >= 300)))
    {
      const char *reason = soup_message_get_reason_phrase (request->message);

      request_settle (request, NULL,
                      g_error_new (GAIO_HTTP_ERROR, status, "HTTP %u %s from %s", status,
                                   reason != NULL ? reason : "", request->url));
      request_unref (request);
      return;
    }

  if (g_str_equal (request->method, "HEAD"))
    {
      request_finish_ok (request, NULL);
      request_unref (request);
      return;
    }

  request->filled = 0;
  request->has_expected = FALSE;
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_one (headers, "Content-Encoding") == NULL)
    {
      request->has_expected = TRUE;
      request->expected = soup_message_headers_get_content_length (headers);
      if (client->max_body_size > 0 && request->expected > client->max_body_size)
        {
          g_autofree char *message =
            g_strdup_printf ("The body of %" G_GUINT64_FORMAT " bytes is larger than the limit of %"
                             G_GUINT64_FORMAT " bytes", request->expected, client->max_body_size);
          request_fail_literal (request, GAIO_ERROR, GAIO_ERROR_BODY_TOO_LARGE, message);
          request_unref (request);
          return;
        }
    }

  if (request->destination != NULL)
    {
      create_temp (request);
    }
  else
    {
      request->buffer = g_byte_array_new ();
      read_next (request);
    }

  request_unref (request);
}

static gboolean
accept_certificate_cb (SoupMessage          *message,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              data)
{
  Request *request = data;
  g_autoptr(GSocketConnectable) identity = NULL;
  GTlsCertificateFlags flags;

  request->tls_errors = errors;
  if (request->client->extra_ca == NULL)
    return FALSE;

  /* The system's trust said no; the extra CA gets its say, with the same
   * checks of host name and validity. */
  identity = g_network_address_new (g_uri_get_host (request->uri), g_uri_get_port (request->uri));
  flags = g_tls_database_verify_chain (request->client->extra_ca, certificate,
                                       G_TLS_DATABASE_PURPOSE_AUTHENTICATE_SERVER,
                                       identity, NULL, G_TLS_DATABASE_VERIFY_NONE, NULL, NULL);
  request->tls_errors = flags;
  return flags == 0;
}

static void
copy_header (const char *name,
             const char *value,
             gpointer    data)
{
  soup_message_headers_append (data, name, value);
}

static void
request_send (Request *request)
{
  GaioHttpClient *client = request->client;
  SoupSession *session = client->sessions[client->next_session++ % client->n_sessions];
  SoupMessage *message = soup_message_new_from_uri (request->method, request->uri);

  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  if (request->headers != NULL)
    soup_message_headers_foreach (request->headers, copy_header,
                                  soup_message_get_request_headers (message));
  if (request->body != NULL)
    soup_message_set_request_body_from_bytes (message, request->content_type, request->body);
  if (request->client->extra_ca != NULL)
    g_signal_connect (message, "accept-certificate", G_CALLBACK (accept_certificate_cb), request);

  request->tls_errors = 0;
  request->message = message;
  soup_session_send_async (session, message, G_PRIORITY_DEFAULT,
                           request->cancellable, send_cb, request_ref (request));
}

static void
request_start (Request *request)
{
  GaioHttpClient *client = request->client;

  request->state = STATE_RUNNING;
  client->active++;

  if (request->started == 0)
    {
      request->started = g_get_monotonic_time ();
      if (client->timeout > 0)
        {
          request->deadline = token_new (request);
          gaio_scheduler_add_timer (client->scheduler,
                                    request->started + (gint64) (client->timeout * G_USEC_PER_SEC),
                                    deadline_cb, request->deadline);
        }
    }

  request_send (request);
}

/* Cancellation from any thread: the cancellable stops GIO work at once;
 * a request that is queued or backing off is settled on the owner context. */
static void
cancel_on_owner (gpointer data)
{
  GaioHttpFuture *future = data;
  Request *request = future->request;

  if (request != NULL && request->state != STATE_RUNNING)
    request_fail (request, NULL);
  g_object_unref (future);
}

static void
gaio_http_future_request_cancel (GaioFuture *future)
{
  GaioHttpFuture *self = GAIO_HTTP_FUTURE (future);

  g_cancellable_cancel (self->cancellable);
  gaio_scheduler_call_soon (self->scheduler, cancel_on_owner, g_object_ref (self));
}

static void
gaio_http_future_finalize (GObject *object)
{
  GaioHttpFuture *self = GAIO_HTTP_FUTURE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->scheduler, gaio_scheduler_unref);

  G_OBJECT_CLASS (gaio_http_future_parent_class)->finalize (object);
}

static void
gaio_http_future_class_init (GaioHttpFutureClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gaio_http_future_finalize;
  GAIO_FUTURE_CLASS (klass)->request_cancel = gaio_http_future_request_cancel;
}

static void
gaio_http_future_init (GaioHttpFuture *self)
{
}

static GaioFuture *
client_submit (GaioHttpClient     *self,
               const char         *method,
               const char         *url,
               SoupMessageHeaders *headers,
               const char         *content_type,
               GBytes             *body,
               GFile              *destination)
{
  g_autoptr(GError) error = NULL;
  GaioHttpFuture *future;
  Request *request;
  GUri *uri;

  uri = parse_url (url, NULL, &error);
  if (uri == NULL)
    return gaio_future_new_rejected (g_steal_pointer (&error));

  request = g_new0 (Request, 1);
  request->refs = 1;
  request->client = g_object_ref (self);
  request->cancellable = g_cancellable_new ();
  request->method = g_ascii_strup (method, -1);
  request->uri = uri;
  request->url = g_uri_to_string (uri);
  request->original_url = g_strdup (url);
  request->host_key = make_host_key (uri);
  if (headers != NULL)
    {
      request->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
      soup_message_headers_foreach (headers, copy_header, request->headers);
    }
  request->content_type = g_strdup (content_type);
  request->body = body != NULL ? g_bytes_ref (body) : NULL;
  request->destination = destination != NULL ? g_object_ref (destination) : NULL;

  future = g_object_new (GAIO_TYPE_HTTP_FUTURE, NULL);
  future->scheduler = gaio_scheduler_ref (self->scheduler);
  future->cancellable = g_object_ref (request->cancellable);
  future->request = request;
  request->future = g_object_ref (future);

  client_enqueue (self, request);

  return GAIO_FUTURE (future);
}

/* GIO asynchronous pairs, on top of the futures. */

typedef struct
{
  GTask        *task;
  GCancellable *cancellable;
  gulong        handler;
} AsyncCall;

static void
async_cancelled_cb (GCancellable *cancellable,
                    gpointer      data)
{
  gaio_future_cancel (data);
}

static void
async_done_cb (GaioFuture *future,
               gpointer    data)
{
  AsyncCall *call = data;
  GError *error = NULL;

  if (call->handler != 0)
    g_cancellable_disconnect (call->cancellable, call->handler);

  if (gaio_future_propagate (future, &error))
    g_task_return_pointer (call->task, g_value_dup_object (gaio_future_get_value (future)),
                           g_object_unref);
  else
    g_task_return_error (call->task, error);

  g_clear_object (&call->cancellable);
  g_object_unref (call->task);
  g_free (call);
}

static void
async_call (GaioHttpClient      *self,
            GaioFuture          *future,
            gpointer             source_tag,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  AsyncCall *call = g_new0 (AsyncCall, 1);

  call->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (call->task, source_tag);
  g_task_set_check_cancellable (call->task, FALSE);
  if (cancellable != NULL)
    {
      call->cancellable = g_object_ref (cancellable);
      call->handler = g_cancellable_connect (cancellable, G_CALLBACK (async_cancelled_cb),
                                             g_object_ref (future), g_object_unref);
    }
  gaio_future_add_done_callback (future, async_done_cb, call, NULL);
  g_object_unref (future);
}

static GaioHttpResponse *
async_finish (GaioHttpClient  *self,
              GAsyncResult    *result,
              gpointer         source_tag,
              GError         **error)
{
  g_return_val_if_fail (GAIO_IS_HTTP_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* GObject */

static void
gaio_http_client_dispose (GObject *object)
{
  GaioHttpClient *self = (GaioHttpClient *) object;

  for (guint i = 0; i < self->n_sessions; i++)
    g_clear_object (&self->sessions[i]);
  g_clear_object (&self->extra_ca);
  g_clear_object (&self->cookie_jar);

  G_OBJECT_CLASS (gaio_http_client_parent_class)->dispose (object);
}

static void
gaio_http_client_finalize (GObject *object)
{
  GaioHttpClient *self = (GaioHttpClient *) object;

  g_clear_pointer (&self->hosts, g_hash_table_unref);
  g_clear_pointer (&self->user_agent, g_free);
  g_clear_pointer (&self->ca_file, g_free);
  g_clear_pointer (&self->scheduler, gaio_scheduler_unref);

  G_OBJECT_CLASS (gaio_http_client_parent_class)->finalize (object);
}

static void
gaio_http_client_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  GaioHttpClient *self = GAIO_HTTP_CLIENT (object);

  switch (prop_id)
    {
    case PROP_MAX_CONNECTIONS:
      g_value_set_uint (value, self->max_connections);
      break;

    case PROP_MAX_CONNECTIONS_PER_HOST:
      g_value_set_uint (value, self->max_connections_per_host);
      break;

    case PROP_TIMEOUT:
      g_value_set_double (value, self->timeout);
      break;

    case PROP_CONNECT_TIMEOUT:
      g_value_set_double (value, self->connect_timeout);
      break;

    case PROP_MAX_BODY_SIZE:
      g_value_set_uint64 (value, self->max_body_size);
      break;

    case PROP_MAX_REDIRECTS:
      g_value_set_uint (value, self->max_redirects);
      break;

    case PROP_RAISE_FOR_STATUS:
      g_value_set_boolean (value, self->raise_for_status);
      break;

    case PROP_USER_AGENT:
      g_value_set_string (value, self->user_agent);
      break;

    case PROP_CA_FILE:
      g_value_set_string (value, self->ca_file);
      break;

    case PROP_COOKIE_JAR:
      g_value_set_object (value, self->cookie_jar);
      break;

    case PROP_MAX_RETRIES:
      g_value_set_uint (value, self->max_retries);
      break;

    case PROP_RETRY_DELAY:
      g_value_set_double (value, self->retry_delay);
      break;

    case PROP_MAX_RETRY_DELAY:
      g_value_set_double (value, self->max_retry_delay);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gaio_http_client_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  GaioHttpClient *self = GAIO_HTTP_CLIENT (object);

  switch (prop_id)
    {
    case PROP_MAX_CONNECTIONS:
      gaio_http_client_set_max_connections (self, g_value_get_uint (value));
      break;

    case PROP_MAX_CONNECTIONS_PER_HOST:
      gaio_http_client_set_max_connections_per_host (self, g_value_get_uint (value));
      break;

    case PROP_TIMEOUT:
      gaio_http_client_set_timeout (self, g_value_get_double (value));
      break;

    case PROP_CONNECT_TIMEOUT:
      gaio_http_client_set_connect_timeout (self, g_value_get_double (value));
      break;

    case PROP_MAX_BODY_SIZE:
      gaio_http_client_set_max_body_size (self, g_value_get_uint64 (value));
      break;

    case PROP_MAX_REDIRECTS:
      gaio_http_client_set_max_redirects (self, g_value_get_uint (value));
      break;

    case PROP_RAISE_FOR_STATUS:
      gaio_http_client_set_raise_for_status (self, g_value_get_boolean (value));
      break;

    case PROP_USER_AGENT:
      gaio_http_client_set_user_agent (self, g_value_get_string (value));
      break;

    case PROP_CA_FILE:
      {
        g_autoptr(GError) error = NULL;

        if (!gaio_http_client_set_ca_file (self, g_value_get_string (value), &error))
          g_warning ("%s", error->message);
      }
      break;

    case PROP_COOKIE_JAR:
      gaio_http_client_set_cookie_jar (self, g_value_get_object (value));
      break;

    case PROP_MAX_RETRIES:
      gaio_http_client_set_max_retries (self, g_value_get_uint (value));
      break;

    case PROP_RETRY_DELAY:
      gaio_http_client_set_retry_delay (self, g_value_get_double (value));
      break;

    case PROP_MAX_RETRY_DELAY:
      gaio_http_client_set_max_retry_delay (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gaio_http_client_class_init (GaioHttpClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gaio_http_client_dispose;
  object_class->finalize = gaio_http_client_finalize;
  object_class->get_property = gaio_http_client_get_property;
  object_class->set_property = gaio_http_client_set_property;

  /**
   * GaioHttpClient:max-connections:
   *
   * How many requests may be in flight at once, over all hosts. Requests
   * beyond it wait in the client's first-in first-out queue. The default,
   * 100, replaces libsoup's 10.
   */
  props[PROP_MAX_CONNECTIONS] =
    g_param_spec_uint ("max-connections", NULL, NULL,
                       1, SOUP_CONNECTION_LIMIT, DEFAULT_MAX_CONNECTIONS,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * GaioHttpClient:max-connections-per-host:
   *
   * How many requests may be in flight at once to one host (scheme, name
   * and port). The default, 10, replaces libsoup's 2.
   */
  props[PROP_MAX_CONNECTIONS_PER_HOST] =
    g_param_spec_uint ("max-connections-per-host", NULL, NULL,
                       1, SOUP_CONNECTION_LIMIT, DEFAULT_MAX_CONNECTIONS_PER_HOST,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * GaioHttpClient:timeout:
   *
   * The total deadline of one request in seconds, from the moment it
   * leaves the queue until its body is read, redirects and retries
   * included; 0 for none. A request past it is rejected with
   * `G_IO_ERROR_TIMED_OUT`. Default: 30.
   */
  props[PROP_TIMEOUT] =
    g_param_spec_double ("timeout", NULL, NULL,
                         0, G_MAXDOUBLE, DEFAULT_TIMEOUT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * GaioHttpClient:connect-timeout:
   *
   * How long, in seconds, connecting or any single read or write may take;
   * 0 for no limit. This is libsoup's own per-operation timeout. Default: 10.
   */
  props[PROP_CONNECT_TIMEOUT] =
    g_param_spec_double ("connect-timeout", NULL, NULL,
                         0, G_MAXUINT, DEFAULT_CONNECT_TIMEOUT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * GaioHttpClient:max-body-size:
   *
   * The largest body accepted, in bytes after content decoding (a small
   * gzip body cannot inflate past it); 0 for no limit. A larger body stops
   * the transfer with `GAIO_ERROR_BODY_TOO_LARGE`. Default: 64 MiB.
   */
  props[PROP_MAX_BODY_SIZE] =
    g_param_spec_uint64 ("max-body-size", NULL, NULL,
                         0, G_MAXUINT64, DEFAULT_MAX_BODY_SIZE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * GaioHttpClient:max-redirects:
   *
   * How many redirects one request follows; each target is checked like
   * the first URL. Past it the request fails with
   * `GAIO_ERROR_TOO_MANY_REDIRECTS`. With 0, redirect responses are
   * returned as they are. Default: 10.
   */
  props[PROP_MAX_REDIRECTS] =
    g_param_spec_uint ("max-redirects", NULL, NULL,
                       0, G_MAXUINT, DEFAULT_MAX_REDIRECTS,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * GaioHttpClient:raise-for-status:
   *
   * Whether a final status of 400 or more rejects the future with a
   * `GAIO_HTTP_ERROR` whose code is the status. Default: %FALSE, so error
   * pages are responses like any other.
   */
  props[PROP_RAISE_FOR_STATUS] =
    g_param_spec_boolean ("raise-for-status", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * GaioHttpClient:user-agent:
   *
   * The `User-Agent` header sent with every request; `gaio/VERSION` by
   * default.
   */
  props[PROP_USER_AGENT] =
    g_param_spec_string ("user-agent", NULL, NULL,
                         "gaio/" PACKAGE_VERSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * GaioHttpClient:ca-file:
   *
   * A PEM file of CA certificates trusted in addition to the system's,
   * for self-signed test servers. Certificates are always verified.
   * Setting an unreadable file through the property logs a warning; use
   * [method@Gaio.HttpClient.set_ca_file] to get the error.
   */
  props[PROP_CA_FILE] =
    g_param_spec_string ("ca-file", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * GaioHttpClient:cookie-jar:
   *
   * A cookie jar to keep cookies in; %NULL (the default) keeps none.
   */
  props[PROP_COOKIE_JAR] =
    g_param_spec_object ("cookie-jar", NULL, NULL,
                         SOUP_TYPE_COOKIE_JAR,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * GaioHttpClient:max-retries:
   *
   * How often an idempotent request (`GET`, `HEAD`, `PUT`, `DELETE`,
   * `OPTIONS`, `TRACE`) is tried again after a connection error, a `429` or
   * a `503`. Downloads are not retried. Default: 0.
   */
  props[PROP_MAX_RETRIES] =
    g_param_spec_uint ("max-retries", NULL, NULL,
                       0, 100, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * GaioHttpClient:retry-delay:
   *
   * The first backoff delay in seconds; it doubles with each retry. A
   * `Retry-After` header replaces it. Default: 0.5.
   */
  props[PROP_RETRY_DELAY] =
    g_param_spec_double ("retry-delay", NULL, NULL,
                         0, G_MAXDOUBLE, DEFAULT_RETRY_DELAY,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * GaioHttpClient:max-retry-delay:
   *
   * The longest wait before a retry, in seconds, whatever the backoff or
   * `Retry-After` say. Default: 30.
   */
  props[PROP_MAX_RETRY_DELAY] =
    g_param_spec_double ("max-retry-delay", NULL, NULL,
                         0, G_MAXDOUBLE, DEFAULT_MAX_RETRY_DELAY,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, LAST_PROP, props);
}

static void
gaio_http_client_init (GaioHttpClient *self)
{
  self->scheduler = gaio_scheduler_ref (gaio_scheduler_get_thread_default ());
  self->max_connections = DEFAULT_MAX_CONNECTIONS;
  self->max_connections_per_host = DEFAULT_MAX_CONNECTIONS_PER_HOST;
  self->timeout = DEFAULT_TIMEOUT;
  self->connect_timeout = DEFAULT_CONNECT_TIMEOUT;
  self->max_body_size = DEFAULT_MAX_BODY_SIZE;
  self->max_redirects = DEFAULT_MAX_REDIRECTS;
  self->user_agent = g_strdup ("gaio/" PACKAGE_VERSION);
  self->retry_delay = DEFAULT_RETRY_DELAY;
  self->max_retry_delay = DEFAULT_MAX_RETRY_DELAY;
  self->hosts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, host_free);
  g_queue_init (&self->ready);

  {
    const char *env = g_getenv ("GAIO_HTTP_SESSIONS");

    self->n_sessions = env != NULL ? CLAMP (atoi (env), 1, MAX_SESSIONS) : DEFAULT_SESSIONS;
  }
  for (guint i = 0; i < self->n_sessions; i++)
    self->sessions[i] = soup_session_new_with_options ("max-conns", SOUP_CONNECTION_LIMIT,
                                                       "max-conns-per-host", SOUP_CONNECTION_LIMIT,
                                                       "user-agent", self->user_agent,
                                                       "timeout", (guint) DEFAULT_CONNECT_TIMEOUT,
                                                       NULL);
}

/**
 * gaio_http_client_new:
 *
 * Creates a client with the default limits, owned by the thread-default
 * main context.
 *
 * Returns: (transfer full): a new client
 */
GaioHttpClient *
gaio_http_client_new (void)
{
  return g_object_new (GAIO_TYPE_HTTP_CLIENT, NULL);
}

/**
 * gaio_http_client_get_max_connections:
 * @self: a client
 *
 * Gets [property@Gaio.HttpClient:max-connections].
 *
 * Returns: the limit on requests in flight
 */
guint
gaio_http_client_get_max_connections (GaioHttpClient *self)
{
  g_return_val_if_fail (GAIO_IS_HTTP_CLIENT (self), 0);

  return self->max_connections;
}

/**
 * gaio_http_client_set_max_connections:
 * @self: a client
 * @max_connections: the limit on requests in flight, at least 1
 *
 * Sets [property@Gaio.HttpClient:max-connections]. Raising it starts
 * queued requests at once.
 */
void
gaio_http_client_set_max_connections (GaioHttpClient *self,
                                      guint           max_connections)
{
  g_return_if_fail (GAIO_IS_HTTP_CLIENT (self));
  g_return_if_fail (max_connections > 0);

  max_connections = MIN (max_connections, SOUP_CONNECTION_LIMIT);
  if (self->max_connections == max_connections)
    return;

  self->max_connections = max_connections;
  client_pump (self);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_MAX_CONNECTIONS]);
}

/**
 * gaio_http_client_get_max_connections_per_host:
 * @self: a client
 *
 * Gets [property@Gaio.HttpClient:max-connections-per-host].
 *
 * Returns: the limit on requests in flight to one host
 */
guint
gaio_http_client_get_max_connections_per_host (GaioHttpClient *self)
{
  g_return_val_if_fail (GAIO_IS_HTTP_CLIENT (self), 0);

  return self->max_connections_per_host;
}

/**
 * gaio_http_client_set_max_connections_per_host:
 * @self: a client
 * @max_connections: the limit on requests in flight to one host, at least 1
 *
 * Sets [property@Gaio.HttpClient:max-connections-per-host].
 */
void
gaio_http_client_set_max_connections_per_host (GaioHttpClient *self,
                                               guint           max_connections)
{
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (GAIO_IS_HTTP_CLIENT (self));
  g_return_if_fail (max_connections > 0);

  max_connections = MIN (max_connections, SOUP_CONNECTION_LIMIT);
  if (self->max_connections_per_host == max_connections)
    return;

  self->max_connections_per_host = max_connections;
  g_hash_table_iter_init (&iter, self->hosts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    host_promote (self, value);
  client_pump (self);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_MAX_CONNECTIONS_PER_HOST]);
}

/**
 * gaio_http_client_get_timeout:
 * @self: a client
 *
 * Gets [property@Gaio.HttpClient:timeout].
 *
 * Returns: the total deadline per request in seconds, or 0 for none
 */
double
gaio_http_client_get_timeout (GaioHttpClient *self)
{
  g_return_val_if_fail (GAIO_IS_HTTP_CLIENT (self), 0);

  return self->timeout;
}

/**
 * gaio_http_client_set_timeout:
 * @self: a client
 * @seconds: the total deadline per request, or 0 for none
 *
 * Sets [property@Gaio.HttpClient:timeout]. It applies to requests started
 * afterwards.
 */
void
gaio_http_client_set_timeout (GaioHttpClient *self,
                              double          seconds)
{
  g_return_if_fail (GAIO_IS_HTTP_CLIENT (self));
  g_return_if_fail (seconds >= 0);

  if (self->timeout == seconds)
    return;

  self->timeout = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_TIMEOUT]);
}

/**
 * gaio_http_client_get_connect_timeout:
 * @self: a client
 *
 * Gets [property@Gaio.HttpClient:connect-timeout].
 *
 * Returns: the connect and per-operation timeout in seconds, or 0 for none
 */
double
gaio_http_client_get_connect_timeout (GaioHttpClient *self)
{
  g_return_val_if_fail (GAIO_IS_HTTP_CLIENT (self), 0);

  return self->connect_timeout;
}

/**
 * gaio_http_client_set_connect_timeout:
 * @self: a client
 * @seconds: the connect and per-operation timeout, or 0 for none; libsoup
 *   counts whole seconds, so it is rounded up
 *
 * Sets [property@Gaio.HttpClient:connect-timeout].
 */
void
gaio_http_client_set_connect_timeout (GaioHttpClient *self,
                                      double          seconds)
{
  g_return_if_fail (GAIO_IS_HTTP_CLIENT (self));
  g_return_if_fail (seconds >= 0 && seconds <= G_MAXUINT);

  if (self->connect_timeout == seconds)
    return;

  self->connect_timeout = seconds;
  for (guint i = 0; i < self->n_sessions; i++)
    g_object_set (self->sessions[i], "timeout", (guint) (seconds + 0.999999), NULL);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_CONNECT_TIMEOUT]);
}

/**
 * gaio_http_client_get_max_body_size:
 * @self: a client
 *
 * Gets [property@Gaio.HttpClient:max-body-size].
 *
 * Returns: the largest decoded body accepted, or 0 for no limit
 */
guint64
gaio_http_client_get_max_body_size (GaioHttpClient *self)
{
  g_return_val_if_fail (GAIO_IS_HTTP_CLIENT (self), 0);

  return self->max_body_size;
}

/**
 * gaio_http_client_set_max_body_size:
 * @self: a client
 * @max_body_size: the largest decoded body accepted, or 0 for no limit
 *
 * Sets [property@Gaio.HttpClient:max-body-size].
 */
void
gaio_http_client_set_max_body_size (GaioHttpClient *self,
                                    guint64         max_body_size)
{
  g_return_if_fail (GAIO_IS_HTTP_CLIENT (self));

  if (self->max_body_size == max_body_size)
    return;

  self->max_body_size = max_body_size;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_MAX_BODY_SIZE]);
}

/**
 * gaio_http_client_get_max_redirects:
 * @self: a client
 *
 * Gets [property@Gaio.HttpClient:max-redirects].
 *
 * Returns: how many redirects a request follows
 */
guint
gaio_http_client_get_max_redirects (GaioHttpClient *self)
{
  g_return_val_if_fail (GAIO_IS_HTTP_CLIENT (self), 0);

  return self->max_redirects;
}

/**
 * gaio_http_client_set_max_redirects:
 * @self: a client
 * @max_redirects: how many redirects a request follows; 0 returns
 *   redirect responses as they are
 *
 * Sets [property@Gaio.HttpClient:max-redirects].
 */
void
gaio_http_client_set_max_redirects (GaioHttpClient *self,
                                    guint           max_redirects)
{
  g_return_if_fail (GAIO_IS_HTTP_CLIENT (self));

  if (self->max_redirects == max_redirects)
    return;

  self->max_redirects = max_redirects;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_MAX_REDIRECTS]);
}

/**
 * gaio_http_client_get_raise_for_status:
 * @self: a client
 *
 * Gets [property@Gaio.HttpClient:raise-for-status].
 *
 * Returns: whether 4xx and 5xx statuses reject
 */
gboolean
gaio_http_client_get_raise_for_status (GaioHttpClient *self)
{
  g_return_val_if_fail (GAIO_IS_HTTP_CLIENT (self), FALSE);

  return self->raise_for_status;
}

/**
 * gaio_http_client_set_raise_for_status:
 * @self: a client
 * @raise_for_status: whether 4xx and 5xx statuses reject
 *
 * Sets [property@Gaio.HttpClient:raise-for-status].
 */
void
gaio_http_client_set_raise_for_status (GaioHttpClient *self,
                                       gboolean        raise_for_status)
{
  g_return_if_fail (GAIO_IS_HTTP_CLIENT (self));

  raise_for_status = !!raise_for_status;
  if (self->raise_for_status == raise_for_status)
    return;

  self->raise_for_status = raise_for_status;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_RAISE_FOR_STATUS]);
}

/**
 * gaio_http_client_get_user_agent:
 * @self: a client
 *
 * Gets [property@Gaio.HttpClient:user-agent].
 *
 * Returns: (nullable): the user agent
 */
const char *
gaio_http_client_get_user_agent (GaioHttpClient *self)
{
  g_return_val_if_fail (GAIO_IS_HTTP_CLIENT (self), NULL);

  return self->user_agent;
}

/**
 * gaio_http_client_set_user_agent:
 * @self: a client
 * @user_agent: (nullable): the user agent, or %NULL to send none
 *
 * Sets [property@Gaio.HttpClient:user-agent].
 */
void
gaio_http_client_set_user_agent (GaioHttpClient *self,
                                 const char     *user_agent)
{
  g_return_if_fail (GAIO_IS_HTTP_CLIENT (self));

  if (g_strcmp0 (self->user_agent, user_agent) == 0)
    return;

  g_free (self->user_agent);
  self->user_agent = g_strdup (user_agent);
  for (guint i = 0; i < self->n_sessions; i++)
    soup_session_set_user_agent (self->sessions[i], user_agent);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_USER_AGENT]);
}

/**
 * gaio_http_client_get_ca_file:
 * @self: a client
 *
 * Gets [property@Gaio.HttpClient:ca-file].
 *
 * Returns: (nullable) (type filename): the extra CA file
 */
const char *
gaio_http_client_get_ca_file (GaioHttpClient *self)
{
  g_return_val_if_fail (GAIO_IS_HTTP_CLIENT (self), NULL);

  return self->ca_file;
}

/**
 * gaio_http_client_set_ca_file:
 * @self: a client
 * @ca_file: (nullable) (type filename): a PEM file of CA certificates to
 *   trust in addition to the system's, or %NULL for the system's alone
 * @error: return location for an error
 *
 * Sets [property@Gaio.HttpClient:ca-file]. A server certificate the system
 * rejects is then accepted when it chains to one of these CAs and is valid
 * for the host and the current time.
 *
 * Returns: %TRUE on success, %FALSE with @error set if @ca_file cannot be
 *   read (the previous setting stays)
 */
gboolean
gaio_http_client_set_ca_file (GaioHttpClient  *self,
                              const char      *ca_file,
                              GError         **error)
{
  GTlsDatabase *database = NULL;

  g_return_val_if_fail (GAIO_IS_HTTP_CLIENT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_strcmp0 (self->ca_file, ca_file) == 0)
    return TRUE;

  if (ca_file != NULL)
    {
      database = g_tls_file_database_new (ca_file, error);
      if (database == NULL)
        return FALSE;
    }

  g_clear_object (&self->extra_ca);
  self->extra_ca = database;
  g_free (self->ca_file);
  self->ca_file = g_strdup (ca_file);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_CA_FILE]);
  return TRUE;
}

/**
 * gaio_http_client_get_cookie_jar:
 * @self: a client
 *
 * Gets [property@Gaio.HttpClient:cookie-jar].
 *
 * Returns: (transfer none) (nullable): the cookie jar
 */
SoupCookieJar *
gaio_http_client_get_cookie_jar (GaioHttpClient *self)
{
  g_return_val_if_fail (GAIO_IS_HTTP_CLIENT (self), NULL);

  return self->cookie_jar;
}

/**
 * gaio_http_client_set_cookie_jar:
 * @self: a client
 * @cookie_jar: (nullable): a cookie jar, or %NULL to keep no cookies
 *
 * Sets [property@Gaio.HttpClient:cookie-jar]: cookies the servers set are
 * kept in it and sent back, redirects included.
 */
void
gaio_http_client_set_cookie_jar (GaioHttpClient *self,
                                 SoupCookieJar  *cookie_jar)
{
  g_return_if_fail (GAIO_IS_HTTP_CLIENT (self));
  g_return_if_fail (cookie_jar == NULL || SOUP_IS_COOKIE_JAR (cookie_jar));

  if (self->cookie_jar == cookie_jar)
    return;

  if (self->cookie_jar != NULL)
    for (guint i = 0; i < self->n_sessions; i++)
      soup_session_remove_feature (self->sessions[i], SOUP_SESSION_FEATURE (self->cookie_jar));
  g_set_object (&self->cookie_jar, cookie_jar);
  if (cookie_jar != NULL)
    for (guint i = 0; i < self->n_sessions; i++)
      soup_session_add_feature (self->sessions[i], SOUP_SESSION_FEATURE (cookie_jar));
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_COOKIE_JAR]);
}

/**
 * gaio_http_client_get_max_retries:
 * @self: a client
 *
 * Gets [property@Gaio.HttpClient:max-retries].
 *
 * Returns: how often idempotent requests are retried
 */
guint
gaio_http_client_get_max_retries (GaioHttpClient *self)
{
  g_return_val_if_fail (GAIO_IS_HTTP_CLIENT (self), 0);

  return self->max_retries;
}

/**
 * gaio_http_client_set_max_retries:
 * @self: a client
 * @max_retries: how often idempotent requests are retried
 *
 * Sets [property@Gaio.HttpClient:max-retries].
 */
void
gaio_http_client_set_max_retries (GaioHttpClient *self,
                                  guint           max_retries)
{
  g_return_if_fail (GAIO_IS_HTTP_CLIENT (self));

  max_retries = MIN (max_retries, 100);
  if (self->max_retries == max_retries)
    return;

  self->max_retries = max_retries;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_MAX_RETRIES]);
}

/**
 * gaio_http_client_get_retry_delay:
 * @self: a client
 *
 * Gets [property@Gaio.HttpClient:retry-delay].
 *
 * Returns: the first backoff delay in seconds
 */
double
gaio_http_client_get_retry_delay (GaioHttpClient *self)
{
  g_return_val_if_fail (GAIO_IS_HTTP_CLIENT (self), 0);

  return self->retry_delay;
}

/**
 * gaio_http_client_set_retry_delay:
 * @self: a client
 * @seconds: the first backoff delay
 *
 * Sets [property@Gaio.HttpClient:retry-delay].
 */
void
gaio_http_client_set_retry_delay (GaioHttpClient *self,
                                  double          seconds)
{
  g_return_if_fail (GAIO_IS_HTTP_CLIENT (self));
  g_return_if_fail (seconds >= 0);

  if (self->retry_delay == seconds)
    return;

  self->retry_delay = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_RETRY_DELAY]);
}

/**
 * gaio_http_client_get_max_retry_delay:
 * @self: a client
 *
 * Gets [property@Gaio.HttpClient:max-retry-delay].
 *
 * Returns: the longest wait before a retry, in seconds
 */
double
gaio_http_client_get_max_retry_delay (GaioHttpClient *self)
{
  g_return_val_if_fail (GAIO_IS_HTTP_CLIENT (self), 0);

  return self->max_retry_delay;
}

/**
 * gaio_http_client_set_max_retry_delay:
 * @self: a client
 * @seconds: the longest wait before a retry
 *
 * Sets [property@Gaio.HttpClient:max-retry-delay].
 */
void
gaio_http_client_set_max_retry_delay (GaioHttpClient *self,
                                      double          seconds)
{
  g_return_if_fail (GAIO_IS_HTTP_CLIENT (self));
  g_return_if_fail (seconds >= 0);

  if (self->max_retry_delay == seconds)
    return;

  self->max_retry_delay = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_MAX_RETRY_DELAY]);
}

/**
 * gaio_http_client_get:
 * @self: a client
 * @url: an `http` or `https` URL
 *
 * Fetches @url with `GET`.
 *
 * Returns: (transfer full): a future resolving to a [class@Gaio.HttpResponse]
 */
GaioFuture *
gaio_http_client_get (GaioHttpClient *self,
                      const char     *url)
{
  return gaio_http_client_request (self, "GET", url, NULL, NULL, NULL);
}

/**
 * gaio_http_client_head:
 * @self: a client
 * @url: an `http` or `https` URL
 *
 * Fetches the headers of @url with `HEAD`; the response's body is empty.
 *
 * Returns: (transfer full): a future resolving to a [class@Gaio.HttpResponse]
 */
GaioFuture *
gaio_http_client_head (GaioHttpClient *self,
                       const char     *url)
{
  return gaio_http_client_request (self, "HEAD", url, NULL, NULL, NULL);
}

/**
 * gaio_http_client_post:
 * @self: a client
 * @url: an `http` or `https` URL
 * @content_type: (nullable): the media type of @body
 * @body: (nullable): the request body
 *
 * Sends @body to @url with `POST`.
 *
 * Returns: (transfer full): a future resolving to a [class@Gaio.HttpResponse]
 */
GaioFuture *
gaio_http_client_post (GaioHttpClient *self,
                       const char     *url,
                       const char     *content_type,
                       GBytes         *body)
{
  return gaio_http_client_request (self, "POST", url, NULL, content_type, body);
}

/**
 * gaio_http_client_request:
 * @self: a client
 * @method: the HTTP method, such as `GET` or `PUT`
 * @url: an `http` or `https` URL
 * @headers: (nullable): extra request headers, copied
 * @content_type: (nullable): the media type of @body
 * @body: (nullable): the request body
 *
 * Makes a request. It waits in the client's queue while the connection
 * limits are reached, follows redirects, and resolves once the whole body
 * has been read. Cancelling the future aborts the transfer.
 *
 * An invalid URL or one whose scheme is not `http` or `https` rejects the
 * future with `GAIO_ERROR_INVALID_URL` or `GAIO_ERROR_UNSUPPORTED_SCHEME`
 * before any network activity.
 *
 * Returns: (transfer full): a future resolving to a [class@Gaio.HttpResponse]
 */
GaioFuture *
gaio_http_client_request (GaioHttpClient     *self,
                          const char         *method,
                          const char         *url,
                          SoupMessageHeaders *headers,
                          const char         *content_type,
                          GBytes             *body)
{
  g_return_val_if_fail (GAIO_IS_HTTP_CLIENT (self), NULL);
  g_return_val_if_fail (method != NULL && *method != '\0', NULL);
  g_return_val_if_fail (url != NULL, NULL);

  return client_submit (self, method, url, headers, content_type, body, NULL);
}

/**
 * gaio_http_client_download:
 * @self: a client
 * @url: an `http` or `https` URL
 * @destination: the file to create or replace
 *
 * Fetches @url with `GET` and streams the body to @destination, never
 * holding it in memory. The body goes to a temporary file in the same
 * folder that is renamed over @destination once complete, so @destination
 * is either untouched or replaced in full. On any error or cancellation the
 * temporary file is removed before the future settles.
 *
 * A final status outside 2xx rejects with `GAIO_HTTP_ERROR` whatever
 * [property@Gaio.HttpClient:raise-for-status] says, and
 * [property@Gaio.HttpClient:max-body-size] applies while streaming.
 *
 * Returns: (transfer full): a future resolving to a [class@Gaio.HttpResponse]
 *   with an empty body
 */
GaioFuture *
gaio_http_client_download (GaioHttpClient *self,
                           const char     *url,
                           GFile          *destination)
{
  g_return_val_if_fail (GAIO_IS_HTTP_CLIENT (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (destination), NULL);

  return client_submit (self, "GET", url, NULL, NULL, NULL, destination);
}

/**
 * gaio_http_client_get_async:
 * @self: a client
 * @url: an `http` or `https` URL
 * @cancellable: (nullable): aborts the request
 * @callback: (scope async) (closure user_data): called when the response
 *   is complete
 * @user_data: data for @callback
 *
 * Fetches @url with `GET`, the GIO way; see [method@Gaio.HttpClient.get].
 */
void
gaio_http_client_get_async (GaioHttpClient      *self,
                            const char          *url,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (GAIO_IS_HTTP_CLIENT (self));
  g_return_if_fail (url != NULL);

  async_call (self, gaio_http_client_get (self, url), gaio_http_client_get_async,
              cancellable, callback, user_data);
}

/**
 * gaio_http_client_get_finish:
 * @self: a client
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Finishes [method@Gaio.HttpClient.get_async].
 *
 * Returns: (transfer full): the response
 */
GaioHttpResponse *
gaio_http_client_get_finish (GaioHttpClient  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  return async_finish (self, result, gaio_http_client_get_async, error);
}

/**
 * gaio_http_client_request_async:
 * @self: a client
 * @method: the HTTP method
 * @url: an `http` or `https` URL
 * @headers: (nullable): extra request headers, copied
 * @content_type: (nullable): the media type of @body
 * @body: (nullable): the request body
 * @cancellable: (nullable): aborts the request
 * @callback: (scope async) (closure user_data): called when the response
 *   is complete
 * @user_data: data for @callback
 *
 * Makes a request, the GIO way; see [method@Gaio.HttpClient.request].
 */
void
gaio_http_client_request_async (GaioHttpClient      *self,
                                const char          *method,
                                const char          *url,
                                SoupMessageHeaders  *headers,
                                const char          *content_type,
                                GBytes              *body,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (GAIO_IS_HTTP_CLIENT (self));
  g_return_if_fail (method != NULL && *method != '\0');
  g_return_if_fail (url != NULL);

  async_call (self, gaio_http_client_request (self, method, url, headers, content_type, body),
              gaio_http_client_request_async, cancellable, callback, user_data);
}

/**
 * gaio_http_client_request_finish:
 * @self: a client
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Finishes [method@Gaio.HttpClient.request_async].
 *
 * Returns: (transfer full): the response
 */
GaioHttpResponse *
gaio_http_client_request_finish (GaioHttpClient  *self,
                                 GAsyncResult    *result,
                                 GError         **error)
{
  return async_finish (self, result, gaio_http_client_request_async, error);
}

/**
 * gaio_http_client_download_async:
 * @self: a client
 * @url: an `http` or `https` URL
 * @destination: the file to create or replace
 * @cancellable: (nullable): aborts the download
 * @callback: (scope async) (closure user_data): called when the file is in
 *   place or the download failed
 * @user_data: data for @callback
 *
 * Downloads @url to @destination, the GIO way; see
 * [method@Gaio.HttpClient.download].
 */
void
gaio_http_client_download_async (GaioHttpClient      *self,
                                 const char          *url,
                                 GFile               *destination,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (GAIO_IS_HTTP_CLIENT (self));
  g_return_if_fail (url != NULL);
  g_return_if_fail (G_IS_FILE (destination));

  async_call (self, gaio_http_client_download (self, url, destination),
              gaio_http_client_download_async, cancellable, callback, user_data);
}

/**
 * gaio_http_client_download_finish:
 * @self: a client
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Finishes [method@Gaio.HttpClient.download_async].
 *
 * Returns: (transfer full): the response, with an empty body
 */
GaioHttpResponse *
gaio_http_client_download_finish (GaioHttpClient  *self,
                                  GAsyncResult    *result,
                                  GError         **error)
{
  return async_finish (self, result, gaio_http_client_download_async, error);
}
