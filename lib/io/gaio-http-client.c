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
#include "gaio-http-client-private.h"
#include "gaio-http-proxy-cache-private.h"
#include "gaio-http-request-options-private.h"
#include "gaio-http-request-private.h"
#include "gaio-http-url-private.h"
#include "gaio-waiter-private.h"

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
 * flight and 10 per host, over at most 10 connections to a host, reused one
 * request after another (requests beyond the limits wait in a first-in
 * first-out queue inside the client; idle connections close after a
 * minute), a total deadline of 30 seconds per request that a server sending
 * one byte a second cannot stretch, a 64 MiB cap on the decoded body, ten
 * redirects, each checked like the first URL. Only `http` and `https` URLs
 * with a host are accepted. TLS certificates are always verified, for each
 * client and each request; a CA file can be trusted in addition to the
 * system's. Credentials in a URL are used and never shown.
 *
 * Every error names the URL and keeps the domain and code of the layer
 * that failed: `G_IO_ERROR` (connection refused, `G_IO_ERROR_TIMED_OUT` for
 * the deadline, `G_IO_ERROR_CANCELLED`), `G_RESOLVER_ERROR`, `G_TLS_ERROR`,
 * `GAIO_ERROR` for the client's own policies and `GAIO_HTTP_ERROR` for 4xx
 * and 5xx statuses when [property@Gaio.HttpClient:raise-for-status] is set.
 *
 * Each request tells its story through the client's signals, in order:
 * [signal@Gaio.HttpClient::request-queued],
 * [signal@Gaio.HttpClient::request-started],
 * [signal@Gaio.HttpClient::request-redirected],
 * [signal@Gaio.HttpClient::request-retried] and
 * [signal@Gaio.HttpClient::request-finished]; each response gives its
 * [property@Gaio.HttpResponse:http-version] and
 * [property@Gaio.HttpResponse:metrics].
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
 *
 * ```python
 * client = Gaio.HttpClient()                                   # Python
 * response = await client.get('https://example.org/')
 * print(response.get_text())
 * ```
 *
 * ```js
 * const client = new Gaio.HttpClient();                        // GJS
 * const response = await client.get('https://example.org/');
 * print(response.get_text());
 * ```
 *
 * ```vala
 * var client = new Gaio.HttpClient ();                         // Vala
 * var response = yield client.get_async ("https://example.org/", null);
 * print ("%s\n", response.get_text ());
 * ```
 */

#define DEFAULT_MAX_CONNECTIONS 100
#define DEFAULT_MAX_CONNECTIONS_PER_HOST 10
#define DEFAULT_TIMEOUT 30.0
#define DEFAULT_CONNECT_TIMEOUT 10.0
#define DEFAULT_IDLE_TIMEOUT 60.0
#define DEFAULT_MAX_BODY_SIZE (64 * 1024 * 1024)
#define DEFAULT_MAX_REDIRECTS 10
#define DEFAULT_RETRY_DELAY 0.5
#define DEFAULT_MAX_RETRY_DELAY 30.0

/* libsoup queues silently past its own limits, and its queue walks every
 * message on each completion; Gaio keeps its own queue and sets libsoup's
 * limits far above any it will use. */
#define SOUP_CONNECTION_LIMIT 65536

/* libsoup walks its whole message queue on every completion and retries
 * non-blocking reads across a session's connections on every event, so one
 * session slows down as the number in flight grows (measured: 993 failed
 * reads per request at 1,000 in flight on one session, 37 on twenty). So
 * the client keeps a pool of sessions, one per CONNECTIONS_PER_SESSION of
 * its limits, at most MAX_SESSIONS, made when the first request starts.
 *
 * A host's connections stay with its sessions: a host has as many shards
 * as its limit needs (one up to CONNECTIONS_PER_SESSION), shard i living
 * in pool session (hash of the host + i), and each session lets libsoup
 * open at most a shard's share of connections to one host. A request
 * goes to the first shard of its host with room, so requests one after
 * another reuse one connection, and the connections open to a host never
 * outnumber its limit. GAIO_HTTP_SESSIONS (1 to 64) overrides the size of
 * the pool, for measurements. With at most 64, a limit of 1,000 gets 40
 * sessions of 25 connections, as a limit of 100 gets 4 (32 sessions of
 * 31 cost 1.7 % more instructions per GET in W3 at 1,000 in flight). */
#define MAX_SESSIONS 64
#define CONNECTIONS_PER_SESSION 25

/* libsoup 3.2 opens a session's connections to a host one at a time: a
 * request that finds one of them still connecting waits for it (it might
 * be an HTTP/2 connection to share), and is looked at again, with a walk
 * over the session's connections and queue, every time anything in the
 * session moves. With 1,000 requests in flight a host's connections
 * therefore opened over most of a 10,000-GET run, and those walks made up
 * a tenth of the client's CPU. So the client counts, per shard, the most
 * requests it has run at once (`peak`): libsoup keeps at least that many
 * connections open, idle or not, until they close. A request that starts
 * while all of them are busy (`load` >= `peak`) and its shard has room is
 * sent with SOUP_MESSAGE_NEW_CONNECTION over plain HTTP, where HTTP/2
 * cannot be negotiated (libsoup 3.2 speaks it only over TLS): it opens its
 * own connection at once instead of waiting, and the connections open to
 * the host stay within its limit. A host whose shards have run requests
 * side by side is remembered for HOST_MEMORY seconds past idle-timeout
 * after its last request, while libsoup may still hold its idle
 * connections, so that the next burst reuses them rather than opening
 * more. */
#define HOST_MEMORY 1
#define HOST_MEMORY_UNTIMED 60  /* with idle-timeout 0 */

typedef struct
{
  char   *key;
  guint   hash;
  guint   admitted;             /* requests of this host running or in the ready queue */
  GQueue  waiting;              /* requests held back by the per-host limit */
  guint   load[MAX_SESSIONS];   /* requests running in each shard */
  guint   peak[MAX_SESSIONS];   /* the most that have run at once in each shard */
  GList   idle_link;            /* in the client's idle hosts, while it has nothing to run */
  gint64  idle_since;
} Host;

struct _GaioHttpClient
{
  GObject         parent_instance;

  GaioScheduler  *scheduler;
  SoupSession    *sessions[MAX_SESSIONS];
  guint           n_sessions;
  guint           n_shards;   /* sessions per host */

  guint           max_connections;
  guint           max_connections_per_host;
  double          timeout;
  double          connect_timeout;
  double          idle_timeout;
  guint64         max_body_size;
  guint           max_redirects;
  gboolean        raise_for_status;
  char           *user_agent;
  char           *ca_file;
  GTlsDatabase   *extra_ca;
  GHashTable     *trusted;    /* host key → the GTlsCertificate extra_ca accepted */
  SoupCookieJar  *cookie_jar;
  GUri           *base_url;          /* a folder: its path ends in '/' */
  char           *base_url_string;   /* as given */
  SoupMessageHeaders *default_headers;
  GProxyResolver *proxy_resolver;    /* NULL: the environment's */
  GProxyResolver *proxy_cache;       /* the environment's, for the sessions */
  guint           max_retries;
  double          retry_delay;
  double          max_retry_delay;
  gboolean        uses_auth;  /* libsoup's auth manager may hold or need credentials */

  guint           active;
  GQueue          ready;      /* admitted by their host, waiting for a total slot */
  GHashTable     *hosts;      /* key → Host */
  GQueue          idle_hosts; /* remembered for their peaks, oldest first */
  guint           n_waiting;  /* over all hosts */

  GQueue          deadlines;  /* of requests, earliest first */
  GaioHttpToken  *timer;      /* the one timer armed for the deadlines */
  gint64          timer_time;
};

enum {
  PROP_0,
  PROP_MAX_CONNECTIONS,
  PROP_MAX_CONNECTIONS_PER_HOST,
  PROP_TIMEOUT,
  PROP_CONNECT_TIMEOUT,
  PROP_IDLE_TIMEOUT,
  PROP_MAX_BODY_SIZE,
  PROP_MAX_REDIRECTS,
  PROP_RAISE_FOR_STATUS,
  PROP_USER_AGENT,
  PROP_CA_FILE,
  PROP_COOKIE_JAR,
  PROP_MAX_RETRIES,
  PROP_RETRY_DELAY,
  PROP_MAX_RETRY_DELAY,
  PROP_BASE_URL,
  PROP_PROXY_RESOLVER,
  LAST_PROP,
};

static GParamSpec *props[LAST_PROP];

enum {
  SIGNAL_REQUEST_QUEUED,
  SIGNAL_REQUEST_STARTED,
  SIGNAL_REQUEST_REDIRECTED,
  SIGNAL_REQUEST_RETRIED,
  SIGNAL_REQUEST_FINISHED,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (GaioHttpClient, gaio_http_client, G_TYPE_OBJECT)

/* Tokens */

GaioHttpToken *
gaio_http_token_new (gpointer target)
{
  GaioHttpToken *token = g_new0 (GaioHttpToken, 1);

  token->refs = 2;  /* the owner's and the timer's */
  token->target = target;
  return token;
}

static void
token_unref (GaioHttpToken *token)
{
  if (--token->refs == 0)
    g_free (token);
}

/* The timer's side: drops its reference and returns the target, or NULL
 * if the owner no longer cares. */
gpointer
gaio_http_token_fire (GaioHttpToken *token)
{
  gpointer target = token->target;

  token_unref (token);
  return target;
}

void
gaio_http_token_clear (GaioHttpToken **token)
{
  if (*token != NULL)
    {
      (*token)->target = NULL;
      token_unref (*token);
      *token = NULL;
    }
}

/* Hosts and the queue */

/* Forgets the idle hosts whose connections libsoup has closed by now. */
static void
client_forget_idle_hosts (GaioHttpClient *self,
                          gboolean        all)
{
  double memory = self->idle_timeout > 0 ? self->idle_timeout : HOST_MEMORY_UNTIMED;
  gint64 horizon;

  if (g_queue_is_empty (&self->idle_hosts))
    return;

  horizon = g_get_monotonic_time () - (gint64) ((memory + HOST_MEMORY) * G_USEC_PER_SEC);
  while (!g_queue_is_empty (&self->idle_hosts))
    {
      Host *host = g_queue_peek_head (&self->idle_hosts);

      if (!all && host->idle_since > horizon)
        break;
      g_queue_unlink (&self->idle_hosts, &host->idle_link);
      g_hash_table_remove (self->hosts, host->key);
    }
}

static Host *
client_get_host (GaioHttpClient *self,
                 const char     *key)
{
  Host *host = g_hash_table_lookup (self->hosts, key);

  if (host != NULL && host->idle_link.data != NULL)
    {
      g_queue_unlink (&self->idle_hosts, &host->idle_link);
      host->idle_link.data = NULL;
    }
  if (host == NULL)
    {
      client_forget_idle_hosts (self, FALSE);
      host = g_new0 (Host, 1);
      host->key = g_strdup (key);
      host->hash = g_str_hash (key);
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

/* Whether the host has run requests side by side. A request only goes
 * past the first shard when that one is full, and a host has more than
 * one shard only for a limit over CONNECTIONS_PER_SESSION: the first
 * shard's peak tells. */
static gboolean
host_ran_side_by_side (Host *host)
{
  return host->peak[0] > 1;
}

/* A host with nothing to run goes, unless its peaks are worth keeping
 * (see HOST_MEMORY). */
static void
client_maybe_drop_host (GaioHttpClient *self,
                        Host           *host)
{
  if (host->admitted > 0 || !g_queue_is_empty (&host->waiting))
    return;

  client_forget_idle_hosts (self, FALSE);
  if (!host_ran_side_by_side (host))
    {
      g_hash_table_remove (self->hosts, host->key);
      return;
    }
  host->idle_since = g_get_monotonic_time ();
  host->idle_link.data = host;
  g_queue_push_tail_link (&self->idle_hosts, &host->idle_link);
}

static void
admit (GaioHttpClient  *self,
       Host            *host,
       GaioHttpRequest *request)
{
  GaioHttpSlot *slot = gaio_http_request_get_slot (request);

  host->admitted++;
  slot->admitted = TRUE;
  g_queue_push_tail_link (&self->ready, &slot->link);
}

/* Moves host waiters into the ready queue while their host has room. */
static void
host_promote (GaioHttpClient *self,
              Host           *host)
{
  while (!g_queue_is_empty (&host->waiting) && host->admitted < self->max_connections_per_host)
    {
      GList *link = g_queue_pop_head_link (&host->waiting);

      self->n_waiting--;
      admit (self, host, link->data);
    }
}

/* Sessions */

static guint
session_count (GaioHttpClient *self)
{
  const char *env = g_getenv ("GAIO_HTTP_SESSIONS");
  guint limit = MAX (self->max_connections, self->max_connections_per_host);

  if (env != NULL)
    return CLAMP (atoi (env), 1, MAX_SESSIONS);

  return CLAMP ((limit + CONNECTIONS_PER_SESSION - 1) / CONNECTIONS_PER_SESSION, 1, MAX_SESSIONS);
}

/* A shard's share of its host's limit: the shares add up to the limit. */
static guint
shard_share (GaioHttpClient *self,
             guint           shard)
{
  guint base = self->max_connections_per_host / self->n_shards;

  return base + (shard < self->max_connections_per_host % self->n_shards ? 1 : 0);
}

/* The environment's resolver goes through the client's cache (see
 * gaio-http-proxy-cache.c). */
static GProxyResolver *
client_proxy_resolver (GaioHttpClient *self)
{
  if (self->proxy_resolver != NULL)
    return self->proxy_resolver;
  if (self->proxy_cache == NULL)
    self->proxy_cache = gaio_http_proxy_cache_new (g_proxy_resolver_get_default ());
  return self->proxy_cache;
}

/* Sessions are made on first use, when the limits are known (libsoup
 * fixes its own at construction); changing a limit drops them, and
 * requests running keep theirs. Other settings are applied to each
 * session by the setters. */
static void
ensure_sessions (GaioHttpClient *self)
{
  guint per_host;

  if (self->n_sessions > 0)
    return;

  self->n_sessions = session_count (self);
  self->n_shards = MIN (self->n_sessions,
                        (self->max_connections_per_host + CONNECTIONS_PER_SESSION - 1) /
                        CONNECTIONS_PER_SESSION);
  self->n_shards = MAX (self->n_shards, 1);
  per_host = shard_share (self, 0);
  for (guint i = 0; i < self->n_sessions; i++)
    {
      self->sessions[i] =
        soup_session_new_with_options ("max-conns", MAX (self->max_connections, per_host),
                                       "max-conns-per-host", per_host,
                                       "user-agent", self->user_agent,
                                       "timeout", (guint) (self->connect_timeout + 0.999999),
                                       "idle-timeout", (guint) (self->idle_timeout + 0.999999),
                                       NULL);
      if (self->cookie_jar != NULL)
        soup_session_add_feature (self->sessions[i], SOUP_SESSION_FEATURE (self->cookie_jar));
      soup_session_set_proxy_resolver (self->sessions[i], client_proxy_resolver (self));
    }
}

/* New sessions have no connections: what the peaks said no longer holds. */
static void
drop_sessions (GaioHttpClient *self)
{
  GHashTableIter iter;
  Host *host;

  for (guint i = 0; i < self->n_sessions; i++)
    g_clear_object (&self->sessions[i]);
  self->n_sessions = 0;

  client_forget_idle_hosts (self, TRUE);
  g_hash_table_iter_init (&iter, self->hosts);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &host))
    memset (host->peak, 0, sizeof host->peak);
}

/* Gives a request leaving the ready queue the first shard of its host
 * with room: requests one after another share one connection. */
static void
assign_shard (GaioHttpClient *self,
              Host           *host,
              GaioHttpSlot   *slot)
{
  guint shard = 0;

  ensure_sessions (self);
  while (shard + 1 < self->n_shards && host->load[shard] >= shard_share (self, shard))
    shard++;
  /* See HOST_MEMORY: a request beside others, when none of its shard's
   * connections is free, and there is room for one more. */
  slot->fresh = host->load[shard] > 0 && host->load[shard] >= host->peak[shard] &&
                host->load[shard] < shard_share (self, shard);
  host->load[shard]++;
  host->peak[shard] = MAX (host->peak[shard], host->load[shard]);
  slot->shard = shard;
  slot->session = g_object_ref (self->sessions[(host->hash + shard) % self->n_sessions]);
}

static void
client_pump (GaioHttpClient *self)
{
  while (self->active < self->max_connections && !g_queue_is_empty (&self->ready))
    {
      GaioHttpRequest *request = g_queue_pop_head_link (&self->ready)->data;
      Host *host = g_hash_table_lookup (self->hosts, gaio_http_request_get_host_key (request));

      self->active++;
      assign_shard (self, host, gaio_http_request_get_slot (request));
      gaio_http_request_start (request);
    }
}

/* Deadlines */

static void client_arm_timer (GaioHttpClient *self);

static void
deadlines_cb (gpointer data)
{
  GaioHttpClient *self = gaio_http_token_fire (data);
  gint64 now = g_get_monotonic_time ();

  if (self == NULL)
    return;

  g_object_ref (self);
  gaio_http_token_clear (&self->timer);  /* the owner's reference to the spent token */
  while (!g_queue_is_empty (&self->deadlines))
    {
      GaioHttpRequest *request = g_queue_peek_head (&self->deadlines);

      if (gaio_http_request_get_slot (request)->deadline > now)
        break;
      gaio_http_client_remove_deadline (self, request);
      gaio_http_request_expire (request);
    }
  client_arm_timer (self);
  g_object_unref (self);
}

/* Arms a timer for the earliest deadline unless one is armed as early:
 * that one fires, and arms the next. */
static void
client_arm_timer (GaioHttpClient *self)
{
  GaioHttpSlot *head;

  if (g_queue_is_empty (&self->deadlines))
    return;
  head = gaio_http_request_get_slot (g_queue_peek_head (&self->deadlines));
  if (self->timer != NULL && self->timer_time <= head->deadline)
    return;

  gaio_http_token_clear (&self->timer);
  self->timer = gaio_http_token_new (self);
  self->timer_time = head->deadline;
  gaio_scheduler_add_timer (self->scheduler, head->deadline, deadlines_cb, self->timer);
}

void
gaio_http_client_add_deadline (GaioHttpClient  *self,
                               GaioHttpRequest *request,
                               gint64           deadline)
{
  GaioHttpSlot *slot = gaio_http_request_get_slot (request);
  GList *after = self->deadlines.tail;

  /* With one timeout for all requests, deadlines come in order and this
   * walk stops at once. */
  while (after != NULL && gaio_http_request_get_slot (after->data)->deadline > deadline)
    after = after->prev;

  slot->deadline = deadline;
  slot->deadline_link.data = request;
  if (after == NULL)
    g_queue_push_head_link (&self->deadlines, &slot->deadline_link);
  else
    g_queue_insert_after_link (&self->deadlines, after, &slot->deadline_link);
  client_arm_timer (self);
}

void
gaio_http_client_remove_deadline (GaioHttpClient  *self,
                                  GaioHttpRequest *request)
{
  GaioHttpSlot *slot = gaio_http_request_get_slot (request);

  if (slot->deadline_link.data == NULL)
    return;
  g_queue_unlink (&self->deadlines, &slot->deadline_link);
  slot->deadline_link.data = NULL;
}

/* Private API */

GUri *
gaio_http_client_get_base_uri (GaioHttpClient *self)
{
  return self->base_url;
}

GaioScheduler *
gaio_http_client_get_scheduler (GaioHttpClient *self)
{
  return self->scheduler;
}

gboolean
gaio_http_client_has_extra_ca (GaioHttpClient *self)
{
  return self->extra_ca != NULL;
}

/* libsoup's auth manager costs about a twelfth of a plain GET (five
 * signal handlers on every message and a lookup in its cache when it
 * starts), and does something only for credentials: a URL's, which it
 * keeps for their host once used, or a proxy's, asked for by a 407. So a
 * request goes without it until the client has sent a URL with
 * credentials or met a proxy's 407; from then on every request has it,
 * as if it had never been left out. */
gboolean
gaio_http_client_get_uses_auth (GaioHttpClient *self)
{
  return self->uses_auth;
}

void
gaio_http_client_set_uses_auth (GaioHttpClient *self)
{
  self->uses_auth = TRUE;
}

/* The system's trust rejected @certificate for @errors; the client's extra
 * CA gets its say, with the same checks of host name and validity. The
 * verdict is kept per host until the CA file changes, since every request
 * over TLS asks again. Returns the flags that remain, 0 if trusted. */
GTlsCertificateFlags
gaio_http_client_verify_peer (GaioHttpClient       *self,
                              GUri                 *uri,
                              const char           *host_key,
                              GTlsCertificate      *certificate,
                              GTlsCertificateFlags  errors)
{
  g_autoptr(GSocketConnectable) identity = NULL;
  GTlsCertificate *trusted;
  GTlsCertificateFlags flags;

  if (errors == 0 || self->extra_ca == NULL || certificate == NULL)
    return errors;

  trusted = g_hash_table_lookup (self->trusted, host_key);
  if (trusted != NULL && g_tls_certificate_is_same (trusted, certificate))
    return 0;

  identity = g_network_address_new (g_uri_get_host (uri), g_uri_get_port (uri));
  flags = g_tls_database_verify_chain (self->extra_ca, certificate,
                                       G_TLS_DATABASE_PURPOSE_AUTHENTICATE_SERVER,
                                       identity, NULL, G_TLS_DATABASE_VERIFY_NONE, NULL, NULL);
  if (flags == 0)
    g_hash_table_replace (self->trusted, g_strdup (host_key), g_object_ref (certificate));
  return flags;
}

void
gaio_http_client_enqueue (GaioHttpClient  *self,
                          GaioHttpRequest *request)
{
  Host *host = client_get_host (self, gaio_http_request_get_host_key (request));
  GaioHttpSlot *slot = gaio_http_request_get_slot (request);

  slot->link.data = request;
  if (host->admitted < self->max_connections_per_host)
    admit (self, host, request);
  else
    {
      slot->admitted = FALSE;
      g_queue_push_tail_link (&host->waiting, &slot->link);
      self->n_waiting++;
    }
  client_pump (self);
}

/* A queued request is in the ready queue when its host admitted it,
 * otherwise among its host's waiters; either way its slot holds its link,
 * so leaving costs O(1). */
void
gaio_http_client_release (GaioHttpClient  *self,
                          GaioHttpRequest *request)
{
  Host *host = g_hash_table_lookup (self->hosts, gaio_http_request_get_host_key (request));
  GaioHttpSlot *slot = gaio_http_request_get_slot (request);

  switch (gaio_http_request_get_state (request))
    {
    case GAIO_HTTP_REQUEST_QUEUED:
      if (slot->admitted)
        {
          g_queue_unlink (&self->ready, &slot->link);
          host->admitted--;
        }
      else
        {
          g_queue_unlink (&host->waiting, &slot->link);
          self->n_waiting--;
        }
      break;

    case GAIO_HTTP_REQUEST_RUNNING:
      self->active--;
      host->admitted--;
      host->load[slot->shard]--;
      g_clear_object (&slot->session);
      break;

    case GAIO_HTTP_REQUEST_NEW:
    case GAIO_HTTP_REQUEST_BACKOFF:
    case GAIO_HTTP_REQUEST_DONE:
    default:
      return;
    }

  host_promote (self, host);
  client_maybe_drop_host (self, host);
  client_pump (self);
}

void
gaio_http_client_get_counts (GaioHttpClient *self,
                             guint          *queued,
                             guint          *deadlines)
{
  *queued = self->ready.length + self->n_waiting;
  *deadlines = self->deadlines.length;
}

/* Tracing: a request emits its signals on the client's context, where
 * it lives; one nobody listens to costs a check. */

static gboolean
client_traced (GaioHttpClient *self,
               guint           signal)
{
  return g_signal_has_handler_pending (self, signals[signal], 0, FALSE);
}

void
gaio_http_client_emit_queued (GaioHttpClient *self,
                              GaioFuture     *request,
                              const char     *method,
                              const char     *url)
{
  if (client_traced (self, SIGNAL_REQUEST_QUEUED))
    g_signal_emit (self, signals[SIGNAL_REQUEST_QUEUED], 0, request, method, url);
}

void
gaio_http_client_emit_started (GaioHttpClient *self,
                               GaioFuture     *request,
                               const char     *method,
                               const char     *url)
{
  if (client_traced (self, SIGNAL_REQUEST_STARTED))
    g_signal_emit (self, signals[SIGNAL_REQUEST_STARTED], 0, request, method, url);
}

void
gaio_http_client_emit_redirected (GaioHttpClient *self,
                                  GaioFuture     *request,
                                  guint           status,
                                  const char     *from_url,
                                  const char     *to_url)
{
  if (client_traced (self, SIGNAL_REQUEST_REDIRECTED))
    g_signal_emit (self, signals[SIGNAL_REQUEST_REDIRECTED], 0, request, status, from_url, to_url);
}

void
gaio_http_client_emit_retried (GaioHttpClient *self,
                               GaioFuture     *request,
                               guint           attempt,
                               const char     *reason,
                               double          delay)
{
  if (client_traced (self, SIGNAL_REQUEST_RETRIED))
    g_signal_emit (self, signals[SIGNAL_REQUEST_RETRIED], 0, request, attempt, reason, delay);
}

void
gaio_http_client_emit_finished (GaioHttpClient   *self,
                                GaioFuture       *request,
                                GaioHttpResponse *response,
                                const GError     *error)
{
  if (client_traced (self, SIGNAL_REQUEST_FINISHED))
    g_signal_emit (self, signals[SIGNAL_REQUEST_FINISHED], 0, request, response, error);
}

static void
client_install_signals (GObjectClass *object_class)
{
  GType type = G_TYPE_FROM_CLASS (object_class);

  /**
   * GaioHttpClient::request-queued:
   * @self: the client
   * @request: the request's future, which identifies it in every signal
   * @method: the method, such as `GET`
   * @url: the URL, without credentials
   *
   * Emitted when a request enters the client's queue: when it is made,
   * again after a backoff before a retry, and after a redirect to another
   * host, which waits under that host's limit. A URL the client refuses
   * before queueing (invalid, or with another scheme) emits no signal.
   *
   * Every signal of a request comes on the client's context, in the order
   * of events: `request-queued`, `request-started`, then any
   * `request-redirected` and `request-retried` (each retry and each
   * redirect to another host queued and started again), and one
   * `request-finished` last.
   *
   * Since: 0.2
   */
  signals[SIGNAL_REQUEST_QUEUED] =
    g_signal_new ("request-queued", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, GAIO_TYPE_FUTURE,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * GaioHttpClient::request-started:
   * @self: the client
   * @request: the request's future
   * @method: the method
   * @url: the URL, without credentials
   *
   * Emitted when a queued request leaves the queue, holding a connection
   * slot, and is about to be sent.
   *
   * Since: 0.2
   */
  signals[SIGNAL_REQUEST_STARTED] =
    g_signal_new ("request-started", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, GAIO_TYPE_FUTURE,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * GaioHttpClient::request-redirected:
   * @self: the client
   * @request: the request's future
   * @status: the redirect's status, such as 302
   * @from_url: the URL that redirected, without credentials
   * @to_url: the URL the request follows, without credentials
   *
   * Emitted when a request follows a redirect, after the target passed the
   * client's checks.
   *
   * Since: 0.2
   */
  signals[SIGNAL_REQUEST_REDIRECTED] =
    g_signal_new ("request-redirected", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4, GAIO_TYPE_FUTURE, G_TYPE_UINT,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * GaioHttpClient::request-retried:
   * @self: the client
   * @request: the request's future
   * @attempt: the number of this retry, from 1
   * @reason: why the last attempt failed, naming the URL
   * @delay: the seconds the request waits before it queues again
   *
   * Emitted when a request will be tried again (see
   * [property@Gaio.HttpClient:max-retries]), before its backoff.
   *
   * Since: 0.2
   */
  signals[SIGNAL_REQUEST_RETRIED] =
    g_signal_new ("request-retried", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4, GAIO_TYPE_FUTURE, G_TYPE_UINT,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE, G_TYPE_DOUBLE);

  /**
   * GaioHttpClient::request-finished:
   * @self: the client
   * @request: the request's future, about to settle
   * @response: (nullable): the response, when the request succeeded
   * @error: (nullable): the error, when it failed or was cancelled
   *
   * Emitted once per request, last, just before its future settles with
   * @response or @error.
   *
   * Since: 0.2
   */
  signals[SIGNAL_REQUEST_FINISHED] =
    g_signal_new ("request-finished", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, GAIO_TYPE_FUTURE, GAIO_TYPE_HTTP_RESPONSE,
                  G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

/* GIO asynchronous pairs, on top of the futures. */

static GaioHttpResponse *
async_finish (GaioHttpClient  *self,
              GAsyncResult    *result,
              gpointer         source_tag,
              GError         **error)
{
  GaioHttpResponse *response;
  GValue *value = NULL;

  g_return_val_if_fail (GAIO_IS_HTTP_CLIENT (self), NULL);

  if (!gaio_waiter_bind_finish (self, result, source_tag, &value, error))
    return NULL;
  response = g_value_dup_object (value);
  g_boxed_free (G_TYPE_VALUE, value);
  return response;
}

/* GObject */

static void
gaio_http_client_dispose (GObject *object)
{
  GaioHttpClient *self = (GaioHttpClient *) object;

  drop_sessions (self);
  gaio_http_token_clear (&self->timer);
  g_clear_object (&self->extra_ca);
  g_clear_pointer (&self->trusted, g_hash_table_unref);
  g_clear_object (&self->cookie_jar);
  g_clear_object (&self->proxy_resolver);
  g_clear_object (&self->proxy_cache);

  G_OBJECT_CLASS (gaio_http_client_parent_class)->dispose (object);
}

static void
gaio_http_client_finalize (GObject *object)
{
  GaioHttpClient *self = (GaioHttpClient *) object;

  g_clear_pointer (&self->hosts, g_hash_table_unref);
  g_clear_pointer (&self->user_agent, g_free);
  g_clear_pointer (&self->ca_file, g_free);
  g_clear_pointer (&self->base_url, g_uri_unref);
  g_clear_pointer (&self->base_url_string, g_free);
  g_clear_pointer (&self->default_headers, soup_message_headers_unref);
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

    case PROP_IDLE_TIMEOUT:
      g_value_set_double (value, self->idle_timeout);
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

    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url_string);
      break;
    case PROP_PROXY_RESOLVER:
      g_value_set_object (value, self->proxy_resolver);
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

    case PROP_IDLE_TIMEOUT:
      gaio_http_client_set_idle_timeout (self, g_value_get_double (value));
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

    case PROP_BASE_URL:
      {
        g_autoptr(GError) error = NULL;

        if (!gaio_http_client_set_base_url (self, g_value_get_string (value), &error))
          g_warning ("%s", error->message);
      }
      break;
    case PROP_PROXY_RESOLVER:
      gaio_http_client_set_proxy_resolver (self, g_value_get_object (value));
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
   * and port), and how many connections may be open to it, idle ones
   * included. The default, 10, replaces libsoup's 2.
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
   * GaioHttpClient:idle-timeout:
   *
   * Seconds a kept-alive connection may stay idle before the client closes
   * it, rounded up to whole seconds; 0 keeps idle connections until the
   * server closes them or the client is freed. The default is 60.
   */
  props[PROP_IDLE_TIMEOUT] =
    g_param_spec_double ("idle-timeout", NULL, NULL,
                         0, G_MAXUINT, DEFAULT_IDLE_TIMEOUT,
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

  /**
   * GaioHttpClient:base-url:
   *
   * The URL that relative request URLs resolve against, or %NULL; see
   * [method@Gaio.HttpClient.set_base_url].
   *
   * Since: 0.2
   */
  props[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * GaioHttpClient:proxy-resolver:
   *
   * The proxy resolver of every request, or %NULL (the default) for the
   * environment's (`http_proxy`, `https_proxy`, `no_proxy` or the
   * desktop's settings, through [func@Gio.ProxyResolver.get_default]).
   * The environment's answer for a scheme, host and port is shared by the
   * connections that start while it is looked up and then kept for one
   * second, so a change of proxy settings reaches new connections at
   * most a second later; a resolver set here is asked for every
   * connection.
   *
   * Since: 0.2
   */
  props[PROP_PROXY_RESOLVER] =
    g_param_spec_object ("proxy-resolver", NULL, NULL,
                         G_TYPE_PROXY_RESOLVER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, LAST_PROP, props);
  client_install_signals (object_class);
}

static void
gaio_http_client_init (GaioHttpClient *self)
{
  self->scheduler = gaio_scheduler_ref (gaio_scheduler_get_thread_default ());
  self->max_connections = DEFAULT_MAX_CONNECTIONS;
  self->max_connections_per_host = DEFAULT_MAX_CONNECTIONS_PER_HOST;
  self->timeout = DEFAULT_TIMEOUT;
  self->connect_timeout = DEFAULT_CONNECT_TIMEOUT;
  self->idle_timeout = DEFAULT_IDLE_TIMEOUT;
  self->max_body_size = DEFAULT_MAX_BODY_SIZE;
  self->max_redirects = DEFAULT_MAX_REDIRECTS;
  self->user_agent = g_strdup ("gaio/" PACKAGE_VERSION);
  self->retry_delay = DEFAULT_RETRY_DELAY;
  self->max_retry_delay = DEFAULT_MAX_RETRY_DELAY;
  self->default_headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  self->hosts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, host_free);
  self->trusted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_queue_init (&self->ready);
  g_queue_init (&self->idle_hosts);
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
  drop_sessions (self);
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
  drop_sessions (self);
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
 * gaio_http_client_get_idle_timeout:
 * @self: a client
 *
 * Gets [property@Gaio.HttpClient:idle-timeout].
 *
 * Returns: how long an idle connection is kept, in seconds, or 0 for as
 *   long as the server keeps it
 */
double
gaio_http_client_get_idle_timeout (GaioHttpClient *self)
{
  g_return_val_if_fail (GAIO_IS_HTTP_CLIENT (self), 0);

  return self->idle_timeout;
}

/**
 * gaio_http_client_set_idle_timeout:
 * @self: a client
 * @seconds: how long an idle connection is kept, or 0 for as long as the
 *   server keeps it
 *
 * Sets [property@Gaio.HttpClient:idle-timeout]. It applies to the
 * connections opened from now on; idle connections are closed.
 */
void
gaio_http_client_set_idle_timeout (GaioHttpClient *self,
                                   double          seconds)
{
  g_return_if_fail (GAIO_IS_HTTP_CLIENT (self));
  g_return_if_fail (seconds >= 0 && seconds <= G_MAXUINT);

  if (self->idle_timeout == seconds)
    return;

  /* libsoup gives a connection its session's idle timeout when it opens. */
  self->idle_timeout = seconds;
  drop_sessions (self);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_IDLE_TIMEOUT]);
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
  g_hash_table_remove_all (self->trusted);
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
 * gaio_http_client_get_base_url:
 * @self: a client
 *
 * Gets [property@Gaio.HttpClient:base-url], as it was set.
 *
 * Returns: (nullable): the base URL
 *
 * Since: 0.2
 */
const char *
gaio_http_client_get_base_url (GaioHttpClient *self)
{
  g_return_val_if_fail (GAIO_IS_HTTP_CLIENT (self), NULL);

  return self->base_url_string;
}

/**
 * gaio_http_client_set_base_url:
 * @self: a client
 * @base_url: (nullable): an `http` or `https` URL, or %NULL for none
 * @error: return location for an error
 *
 * Sets the URL that relative request URLs resolve against (RFC 3986), for
 * every request method of the client. @base_url is checked like any request
 * URL and its path is taken as a folder: `https://h/api` is
 * `https://h/api/`, so `users` resolves to `https://h/api/users`.
 *
 * What a request URL may do:
 *
 * - an absolute URL (with a scheme) is used as it is, base or not;
 * - a relative URL must resolve **under** the base: same scheme, host and
 *   port, and the base's path as a prefix. `/users` under `https://h/api/`,
 *   or `../x`, or `%2e%2e/x`, resolve outside it and reject the request
 *   with `GAIO_ERROR_INVALID_URL` before any network activity;
 * - a scheme-relative URL (`//evil.host/x`) is rejected the same way, since
 *   it names another host: give an absolute URL for that.
 *
 * Credentials in @base_url are used for the requests and never shown.
 *
 * Returns: %TRUE, or %FALSE with @error set (`GAIO_ERROR_INVALID_URL`,
 *   `GAIO_ERROR_UNSUPPORTED_SCHEME`) when @base_url is refused
 *
 * Since: 0.2
 */
gboolean
gaio_http_client_set_base_url (GaioHttpClient  *self,
                               const char      *base_url,
                               GError         **error)
{
  GUri *uri = NULL;

  g_return_val_if_fail (GAIO_IS_HTTP_CLIENT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_strcmp0 (self->base_url_string, base_url) == 0)
    return TRUE;
  if (base_url != NULL && (uri = gaio_http_url_parse_base (base_url, error)) == NULL)
    return FALSE;

  g_clear_pointer (&self->base_url, g_uri_unref);
  self->base_url = uri;
  g_free (self->base_url_string);
  self->base_url_string = g_strdup (base_url);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_BASE_URL]);
  return TRUE;
}

/**
 * gaio_http_client_get_default_headers:
 * @self: a client
 *
 * Gets the headers sent with every request, which may be changed in
 * place; they apply to requests made afterwards. A header of the same name
 * in a request's [class@Gaio.HttpRequestOptions] replaces the client's.
 *
 * Returns: (transfer none): the default headers
 *
 * Since: 0.2
 */
SoupMessageHeaders *
gaio_http_client_get_default_headers (GaioHttpClient *self)
{
  g_return_val_if_fail (GAIO_IS_HTTP_CLIENT (self), NULL);

  return self->default_headers;
}

/**
 * gaio_http_client_set_default_header:
 * @self: a client
 * @name: the header's name
 * @value: (nullable): its value, or %NULL to remove it
 *
 * Sets (or removes) a header sent with every request.
 *
 * Since: 0.2
 */
void
gaio_http_client_set_default_header (GaioHttpClient *self,
                                     const char     *name,
                                     const char     *value)
{
  g_return_if_fail (GAIO_IS_HTTP_CLIENT (self));
  g_return_if_fail (name != NULL && *name != '\0');

  if (value != NULL)
    soup_message_headers_replace (self->default_headers, name, value);
  else
    soup_message_headers_remove (self->default_headers, name);
}

/**
 * gaio_http_client_set_basic_auth:
 * @self: a client
 * @username: (nullable): the user name, or %NULL to send no credentials
 * @password: (nullable): the password (%NULL is empty)
 *
 * Sends HTTP Basic credentials (RFC 7617, UTF-8) with every request, as
 * the default `Authorization` header. Like any credentials, they are
 * dropped on a redirect to another host, can be overridden per request
 * ([method@Gaio.HttpRequestOptions.set_basic_auth]) and are never shown in
 * a message.
 *
 * Since: 0.2
 */
void
gaio_http_client_set_basic_auth (GaioHttpClient *self,
                                 const char     *username,
                                 const char     *password)
{
  g_autofree char *value = NULL;

  g_return_if_fail (GAIO_IS_HTTP_CLIENT (self));

  if (username != NULL)
    value = gaio_http_authorization_basic (username, password);
  gaio_http_client_set_default_header (self, "Authorization", value);
}

/**
 * gaio_http_client_set_bearer_token:
 * @self: a client
 * @token: (nullable): the token, or %NULL to send none
 *
 * Sends `Authorization: Bearer @token` (RFC 6750) with every request; see
 * [method@Gaio.HttpClient.set_basic_auth] for how it travels. @token must
 * not contain line breaks.
 *
 * Since: 0.2
 */
void
gaio_http_client_set_bearer_token (GaioHttpClient *self,
                                   const char     *token)
{
  g_autofree char *value = NULL;

  g_return_if_fail (GAIO_IS_HTTP_CLIENT (self));
  g_return_if_fail (token == NULL || strpbrk (token, "\r\n") == NULL);

  if (token != NULL)
    value = g_strconcat ("Bearer ", token, NULL);
  gaio_http_client_set_default_header (self, "Authorization", value);
}

/**
 * gaio_http_client_get_proxy_resolver:
 * @self: a client
 *
 * Gets [property@Gaio.HttpClient:proxy-resolver].
 *
 * Returns: (transfer none) (nullable): the resolver, or %NULL for the
 *   environment's
 *
 * Since: 0.2
 */
GProxyResolver *
gaio_http_client_get_proxy_resolver (GaioHttpClient *self)
{
  g_return_val_if_fail (GAIO_IS_HTTP_CLIENT (self), NULL);

  return self->proxy_resolver;
}

/**
 * gaio_http_client_set_proxy_resolver:
 * @self: a client
 * @resolver: (nullable): a proxy resolver, or %NULL for the environment's
 *
 * Sets [property@Gaio.HttpClient:proxy-resolver]. Requests already running
 * keep their connections; later ones open new connections through
 * @resolver (idle connections are not reused).
 *
 * Since: 0.2
 */
void
gaio_http_client_set_proxy_resolver (GaioHttpClient *self,
                                     GProxyResolver *resolver)
{
  g_return_if_fail (GAIO_IS_HTTP_CLIENT (self));
  g_return_if_fail (resolver == NULL || G_IS_PROXY_RESOLVER (resolver));

  if (!g_set_object (&self->proxy_resolver, resolver))
    return;
  /* Idle connections went through the old proxy (or none): new sessions
   * open new ones. */
  drop_sessions (self);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_PROXY_RESOLVER]);
}

/**
 * gaio_http_client_set_proxy_url:
 * @self: a client
 * @proxy_url: (nullable): a proxy URL such as `http://proxy:3128` or
 *   `socks5://127.0.0.1:1080`, or %NULL for the environment's proxies
 * @error: return location for an error
 *
 * Sends every request through @proxy_url, whatever the environment says,
 * with a [class@Gio.SimpleProxyResolver]; see
 * [method@Gaio.HttpClient.set_proxy_resolver].
 *
 * Returns: %TRUE, or %FALSE with @error set (`GAIO_ERROR_INVALID_URL`) when
 *   @proxy_url does not parse or has no host
 *
 * Since: 0.2
 */
gboolean
gaio_http_client_set_proxy_url (GaioHttpClient  *self,
                                const char      *proxy_url,
                                GError         **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GProxyResolver) resolver = NULL;

  g_return_val_if_fail (GAIO_IS_HTTP_CLIENT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (proxy_url != NULL)
    {
      uri = g_uri_parse (proxy_url, G_URI_FLAGS_NONE, NULL);
      if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
        {
          g_autofree char *shown = gaio_http_url_redact (proxy_url);

          g_set_error (error, GAIO_ERROR, GAIO_ERROR_INVALID_URL,
                       "Invalid proxy URL “%s”", shown);
          return FALSE;
        }
      resolver = g_simple_proxy_resolver_new (proxy_url, NULL);
    }
  gaio_http_client_set_proxy_resolver (self, resolver);
  return TRUE;
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
  g_autoptr(GaioHttpRequestOptions) options = gaio_http_request_options_new ();

  g_return_val_if_fail (GAIO_IS_HTTP_CLIENT (self), NULL);
  g_return_val_if_fail (method != NULL && *method != '\0', NULL);
  g_return_val_if_fail (url != NULL, NULL);

  if (headers != NULL)
    gaio_http_headers_copy (headers, gaio_http_request_options_get_headers (options));
  gaio_http_request_options_set_body_bytes (options, content_type, body);
  return gaio_http_request_submit (self, method, url, options, NULL);
}

/**
 * gaio_http_client_send:
 * @self: a client
 * @method: the HTTP method, such as `GET` or `PUT`
 * @url: an `http` or `https` URL
 * @options: (nullable): the request's headers, body and overrides of the
 *   client's settings
 *
 * Makes a request with @options, which the request copies: changing them
 * afterwards has no effect on it. This is what every other request method
 * does underneath; see [method@Gaio.HttpClient.request] for how a request
 * runs and fails.
 *
 * Returns: (transfer full): a future resolving to a [class@Gaio.HttpResponse]
 *
 * Since: 0.2
 */
GaioFuture *
gaio_http_client_send (GaioHttpClient         *self,
                       const char             *method,
                       const char             *url,
                       GaioHttpRequestOptions *options)
{
  g_return_val_if_fail (GAIO_IS_HTTP_CLIENT (self), NULL);
  g_return_val_if_fail (method != NULL && *method != '\0', NULL);
  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (options == NULL || GAIO_IS_HTTP_REQUEST_OPTIONS (options), NULL);

  return gaio_http_request_submit (self, method, url, options, NULL);
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
 * is either untouched or replaced in full; the new file keeps the old one's
 * mode, and a symbolic link at @destination is replaced, not followed. On
 * any error or cancellation the temporary file is removed before the
 * future settles. A cancel that arrives while the file is being renamed
 * can be too late to stop it: the future then resolves, since
 * @destination has been replaced.
 *
 * @destination must be a local file; others reject with
 * `G_IO_ERROR_NOT_SUPPORTED`.
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

  return gaio_http_request_submit (self, "GET", url, NULL, destination);
}

/**
 * gaio_http_client_open:
 * @self: a client
 * @method: the HTTP method, such as `GET`
 * @url: an `http` or `https` URL
 * @options: (nullable): headers, body and overrides of the client's
 *   settings, as for [method@Gaio.HttpClient.send]
 *
 * Starts a request whose body is read as it streams: the future resolves
 * to a [class@Gaio.HttpResponse] as soon as the headers of the final
 * response arrive (after redirects and retries), with the body unread.
 * Read it with [method@Gaio.HttpResponse.read],
 * [method@Gaio.HttpResponse.read_line] or
 * [method@Gaio.HttpResponse.get_input_stream], then close it with
 * [method@Gaio.HttpResponse.close] (dropping the response closes it too).
 *
 * Until the body has been read to its end or the response closed, the
 * request keeps its connection slot (see
 * [property@Gaio.HttpClient:max-connections-per-host]) and its deadline
 * (the timeout, the client's [property@Gaio.HttpClient:timeout] unless
 * @options overrides it, counts until the end of the body); the body cap
 * (the client's [property@Gaio.HttpClient:max-body-size] unless @options
 * overrides it) applies to the bytes read, and
 * a `Content-Length` over it rejects this future. A body read to its end
 * leaves its connection to be reused; a response closed before that
 * closes its connection.
 *
 * Cancelling the future before it resolves aborts the request; the
 * response's [property@Gaio.HttpResponse:elapsed] is the time to the
 * headers.
 *
 * Returns: (transfer full): a future resolving to a [class@Gaio.HttpResponse]
 */
GaioFuture *
gaio_http_client_open (GaioHttpClient         *self,
                       const char             *method,
                       const char             *url,
                       GaioHttpRequestOptions *options)
{
  g_return_val_if_fail (GAIO_IS_HTTP_CLIENT (self), NULL);
  g_return_val_if_fail (method != NULL && *method != '\0', NULL);
  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (options == NULL || GAIO_IS_HTTP_REQUEST_OPTIONS (options), NULL);

  return gaio_http_request_open (self, method, url, options);
}

/**
 * gaio_http_client_open_async:
 * @self: a client
 * @method: the HTTP method, such as `GET`
 * @url: an `http` or `https` URL
 * @options: (nullable): headers, body and overrides of the client's settings
 * @cancellable: (nullable): aborts the request until its headers arrive
 * @callback: (scope async) (closure user_data): called when the headers
 *   have arrived
 * @user_data: data for @callback
 *
 * Starts a request whose body is read as it streams, the GIO way; see
 * [method@Gaio.HttpClient.open].
 */
void
gaio_http_client_open_async (GaioHttpClient         *self,
                             const char             *method,
                             const char             *url,
                             GaioHttpRequestOptions *options,
                             GCancellable           *cancellable,
                             GAsyncReadyCallback     callback,
                             gpointer                user_data)
{
  g_return_if_fail (GAIO_IS_HTTP_CLIENT (self));
  g_return_if_fail (method != NULL && *method != '\0');
  g_return_if_fail (url != NULL);
  g_return_if_fail (options == NULL || GAIO_IS_HTTP_REQUEST_OPTIONS (options));

  gaio_waiter_bind_async (self, gaio_http_client_open (self, method, url, options), cancellable,
                          gaio_http_client_open_async, NULL, callback, user_data);
}

/**
 * gaio_http_client_open_finish:
 * @self: a client
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Finishes [method@Gaio.HttpClient.open_async].
 *
 * Returns: (transfer full): the response, its body unread
 */
GaioHttpResponse *
gaio_http_client_open_finish (GaioHttpClient  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  return async_finish (self, result, gaio_http_client_open_async, error);
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

  gaio_waiter_bind_async (self, gaio_http_client_get (self, url), cancellable,
                          gaio_http_client_get_async, NULL, callback, user_data);
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

  gaio_waiter_bind_async (self, gaio_http_client_request (self, method, url, headers,
                                                    content_type, body),
                          cancellable, gaio_http_client_request_async, NULL,
                          callback, user_data);
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
 * gaio_http_client_send_async:
 * @self: a client
 * @method: the HTTP method
 * @url: an `http` or `https` URL
 * @options: (nullable): the request's headers, body and overrides
 * @cancellable: (nullable): aborts the request
 * @callback: (scope async) (closure user_data): called when the response
 *   is complete
 * @user_data: data for @callback
 *
 * Makes a request with @options, the GIO way; see
 * [method@Gaio.HttpClient.send].
 *
 * Since: 0.2
 */
void
gaio_http_client_send_async (GaioHttpClient         *self,
                             const char             *method,
                             const char             *url,
                             GaioHttpRequestOptions *options,
                             GCancellable           *cancellable,
                             GAsyncReadyCallback     callback,
                             gpointer                user_data)
{
  g_return_if_fail (GAIO_IS_HTTP_CLIENT (self));
  g_return_if_fail (method != NULL && *method != '\0');
  g_return_if_fail (url != NULL);
  g_return_if_fail (options == NULL || GAIO_IS_HTTP_REQUEST_OPTIONS (options));

  gaio_waiter_bind_async (self, gaio_http_client_send (self, method, url, options),
                          cancellable, gaio_http_client_send_async, NULL, callback, user_data);
}

/**
 * gaio_http_client_send_finish:
 * @self: a client
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Finishes [method@Gaio.HttpClient.send_async].
 *
 * Returns: (transfer full): the response
 *
 * Since: 0.2
 */
GaioHttpResponse *
gaio_http_client_send_finish (GaioHttpClient  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  return async_finish (self, result, gaio_http_client_send_async, error);
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

  gaio_waiter_bind_async (self, gaio_http_client_download (self, url, destination),
                          cancellable, gaio_http_client_download_async, NULL,
                          callback, user_data);
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
