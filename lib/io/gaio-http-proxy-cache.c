/* gaio-http-proxy-cache.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include "gaio-http-proxy-cache-private.h"

/* Every connection libsoup opens asks the proxy resolver first. The
 * environment's is glib-networking's libproxy module on most systems: it
 * parses the URL and reads its configuration anew for each question (about
 * 90,000 instructions) on a thread of GLib's pool. Opening 1,000
 * connections at once asked it 1,000 times the same question. The answer
 * depends on the scheme, host and port alone (that is all GIO asks about),
 * so the questions asked while one is being answered share its answer, and
 * the answer stands for GAIO_HTTP_PROXY_CACHE_SECONDS: a change of proxy
 * settings reaches new connections that much later at most (connections
 * kept alive go on as they are, as without the cache). Failures are not
 * kept. */

struct _GaioHttpProxyCache
{
  GObject         parent_instance;

  GProxyResolver *resolver;
  GHashTable     *entries;   /* URI → Entry */
  GQueue          answered;  /* Entry, soonest to expire first */
};

typedef struct
{
  GaioHttpProxyCache *cache;  /* while asking: a reference */
  char    *uri;          /* the table's key */
  char   **proxies;      /* the last answer, or NULL */
  gint64   expires;      /* monotonic time */
  gboolean asking;       /* the resolver is answering */
  GQueue   waiting;      /* GTask, each waiting for the answer */
  GList    answered_link;
} Entry;

static void gaio_http_proxy_cache_iface_init (GProxyResolverInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GaioHttpProxyCache, gaio_http_proxy_cache, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_PROXY_RESOLVER,
                                                      gaio_http_proxy_cache_iface_init))

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_assert (g_queue_is_empty (&entry->waiting));
  g_strfreev (entry->proxies);
  g_free (entry->uri);
  g_free (entry);
}

/* Drops the answers that expired and are not being asked again, so that a
 * client visiting many hosts keeps no more than a second's worth. */
static void
forget_expired (GaioHttpProxyCache *self,
                gint64              now)
{
  while (!g_queue_is_empty (&self->answered))
    {
      Entry *entry = g_queue_peek_head (&self->answered);

      if (entry->expires > now)
        break;
      g_queue_unlink (&self->answered, &entry->answered_link);
      entry->answered_link.data = NULL;
      if (!entry->asking)
        g_hash_table_remove (self->entries, entry->uri);
    }
}

/* A waiting lookup whose cancellable fired leaves at once, as it would
 * leave the resolver's own. */
static gboolean
waiter_cancelled_cb (GCancellable *cancellable,
                     gpointer      data)
{
  GTask *task = data;
  Entry *entry = g_task_get_task_data (task);

  g_source_unref (g_object_steal_data (G_OBJECT (task), "gaio-cancelled"));
  g_queue_remove (&entry->waiting, task);
  g_task_return_error_if_cancelled (task);
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

static void
waiter_answer (GTask        *task,
               char  *const *proxies,
               const GError *error)
{
  GSource *cancelled = g_object_steal_data (G_OBJECT (task), "gaio-cancelled");

  if (cancelled != NULL)
    {
      g_source_destroy (cancelled);
      g_source_unref (cancelled);
    }
  if (proxies != NULL)
    g_task_return_pointer (task, g_strdupv ((char **) proxies), (GDestroyNotify) g_strfreev);
  else
    g_task_return_error (task, g_error_copy (error));
  g_object_unref (task);
}

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  Entry *entry = data;
  GaioHttpProxyCache *self = g_steal_pointer (&entry->cache);
  g_autoptr(GError) error = NULL;
  char **proxies = g_proxy_resolver_lookup_finish (G_PROXY_RESOLVER (source), result, &error);
  gint64 now = g_get_monotonic_time ();

  g_strfreev (entry->proxies);
  entry->proxies = proxies;
  entry->asking = FALSE;
  if (entry->answered_link.data != NULL)
    g_queue_unlink (&self->answered, &entry->answered_link);
  entry->answered_link.data = entry;
  entry->expires = proxies != NULL ? now + GAIO_HTTP_PROXY_CACHE_SECONDS * G_USEC_PER_SEC : now;
  g_queue_push_tail_link (&self->answered, &entry->answered_link);

  while (!g_queue_is_empty (&entry->waiting))
    waiter_answer (g_queue_pop_head (&entry->waiting), proxies, error);
  forget_expired (self, now);
  g_object_unref (self);
}

static void
ask (GaioHttpProxyCache *self,
     Entry              *entry)
{
  entry->asking = TRUE;
  entry->cache = g_object_ref (self);
  g_proxy_resolver_lookup_async (self->resolver, entry->uri, NULL, lookup_cb, entry);
}

static void
gaio_http_proxy_cache_lookup_async (GProxyResolver      *resolver,
                                    const char          *uri,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GaioHttpProxyCache *self = GAIO_HTTP_PROXY_CACHE (resolver);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Entry *entry = g_hash_table_lookup (self->entries, uri);

  g_task_set_source_tag (task, gaio_http_proxy_cache_lookup_async);
  if (entry != NULL && entry->proxies != NULL && entry->expires > g_get_monotonic_time ())
    {
      waiter_answer (task, entry->proxies, NULL);
      return;
    }

  if (entry == NULL)
    {
      entry = g_new0 (Entry, 1);
      entry->uri = g_strdup (uri);
      g_queue_init (&entry->waiting);
      g_hash_table_insert (self->entries, entry->uri, entry);
    }
  g_task_set_task_data (task, entry, NULL);
  if (cancellable != NULL)
    {
      GSource *cancelled = g_cancellable_source_new (cancellable);

      g_task_attach_source (task, cancelled, (GSourceFunc) (void (*) (void)) waiter_cancelled_cb);
      g_object_set_data (G_OBJECT (task), "gaio-cancelled", cancelled);
    }
  g_queue_push_tail (&entry->waiting, task);
  if (!entry->asking)
    ask (self, entry);
}

static char **
gaio_http_proxy_cache_lookup_finish (GProxyResolver  *resolver,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, resolver), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Blocking lookups come from other threads (libsoup's synchronous API,
 * which the client does not use): they go to the resolver as they are. */
static char **
gaio_http_proxy_cache_lookup (GProxyResolver  *resolver,
                              const char      *uri,
                              GCancellable    *cancellable,
                              GError         **error)
{
  GaioHttpProxyCache *self = GAIO_HTTP_PROXY_CACHE (resolver);

  return g_proxy_resolver_lookup (self->resolver, uri, cancellable, error);
}

static gboolean
gaio_http_proxy_cache_is_supported (GProxyResolver *resolver)
{
  GaioHttpProxyCache *self = GAIO_HTTP_PROXY_CACHE (resolver);

  return g_proxy_resolver_is_supported (self->resolver);
}

static void
gaio_http_proxy_cache_iface_init (GProxyResolverInterface *iface)
{
  iface->is_supported = gaio_http_proxy_cache_is_supported;
  iface->lookup = gaio_http_proxy_cache_lookup;
  iface->lookup_async = gaio_http_proxy_cache_lookup_async;
  iface->lookup_finish = gaio_http_proxy_cache_lookup_finish;
}

static void
gaio_http_proxy_cache_finalize (GObject *object)
{
  GaioHttpProxyCache *self = GAIO_HTTP_PROXY_CACHE (object);

  g_hash_table_unref (self->entries);
  g_object_unref (self->resolver);

  G_OBJECT_CLASS (gaio_http_proxy_cache_parent_class)->finalize (object);
}

static void
gaio_http_proxy_cache_class_init (GaioHttpProxyCacheClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gaio_http_proxy_cache_finalize;
}

static void
gaio_http_proxy_cache_init (GaioHttpProxyCache *self)
{
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, entry_free);
  g_queue_init (&self->answered);
}

GProxyResolver *
gaio_http_proxy_cache_new (GProxyResolver *resolver)
{
  GaioHttpProxyCache *self = g_object_new (GAIO_TYPE_HTTP_PROXY_CACHE, NULL);

  self->resolver = g_object_ref (resolver);
  return G_PROXY_RESOLVER (self);
}
