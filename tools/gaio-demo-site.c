/* gaio-demo-site.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libsoup/soup.h>

#include "gaio-demo-site.h"

typedef struct
{
  const char *title;
  gsize       size;
  guint       delay_ms;
} DemoPage;

/* Delays are shuffled so that pages finish in another order than they were
 * asked for: that is what concurrency looks like. */
static const DemoPage pages[] = {
  { "Futures: results that arrive later",    1024,       400 },
  { "Tasks: coroutines on fibers",           2 * 1024,   150 },
  { "Gather: waiting on many futures",       4 * 1024,   50 },
  { "Sleep &amp; timeouts",                  8 * 1024,   300 },
  { "Executors: blocking code on threads",   16 * 1024,  100 },
  { "HTTP   with\n libsoup 3",               32 * 1024,  350 },
  { "Files written &#x61;tomically",         64 * 1024,  200 },
  { "Cancellation &mdash; cleaning up",      160 * 1024, 250 },
};

static const double readings[][4] = {
  { 19.5, 21.0, 22.5, 21.0 },
  { 17.0, 18.5, 20.0, 20.5 },
  { 23.0, 24.5, 26.0, 22.5 },
};

#define FILLER "Gaio runs many requests at once on one GLib main loop, " \
               "and each of them waits without blocking the others. "
#define SLOW_DELAY_MS 3000

struct _GaioDemoSite
{
  SoupServer *server;
  char       *base_url;
  GList      *delayed;      /* of Delayed */
  GHashTable *flaky_seen;   /* the ids /flaky has already failed once */
  guint       delay_scale;
};

typedef struct
{
  GaioDemoSite      *site;
  SoupServerMessage *msg;
  GList             *link;
  guint              timeout_id;
  gulong             finished_id;
} Delayed;

static void
delayed_free (Delayed *delayed)
{
  g_clear_handle_id (&delayed->timeout_id, g_source_remove);
  g_clear_signal_handler (&delayed->finished_id, delayed->msg);
  delayed->site->delayed = g_list_delete_link (delayed->site->delayed, delayed->link);
  g_object_unref (delayed->msg);
  g_free (delayed);
}

static gboolean
delayed_timeout_cb (gpointer data)
{
  Delayed *delayed = data;
  SoupServerMessage *msg = g_object_ref (delayed->msg);

  delayed->timeout_id = 0;
  delayed_free (delayed);
  soup_server_message_unpause (msg);
  g_object_unref (msg);

  return G_SOURCE_REMOVE;
}

/* The client went away (a cancelled request): forget the message. */
static void
delayed_finished_cb (SoupServerMessage *msg,
                     gpointer           data)
{
  delayed_free (data);
}

static char *
page_body (guint index)
{
  const DemoPage *page = &pages[index];
  GString *body = g_string_new (NULL);

  g_string_append_printf (body,
                          "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                          "<title>Gaio demo %u: %s</title></head>\n"
                          "<body><h1>Page %u</h1>\n<p>",
                          index + 1, page->title, index + 1);
  while (body->len + strlen (FILLER) + 20 < page->size)
    g_string_append (body, FILLER);
  g_string_append (body, "</p></body></html>\n");

  return g_string_free (body, FALSE);
}

static char *
sensor_body (guint sensor)
{
  g_autoptr(GString) body = g_string_new (NULL);

  g_string_append_printf (body, "{\"sensor\": %u, \"unit\": \"C\", \"readings\": [", sensor);
  for (guint i = 0; i < G_N_ELEMENTS (readings[0]); i++)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (body, "%s%s", i > 0 ? ", " : "",
                              g_ascii_dtostr (buf, sizeof buf, readings[sensor - 1][i]));
    }
  g_string_append (body, "]}\n");

  return g_string_free (g_steal_pointer (&body), FALSE);
}

static void
set_response (SoupServerMessage *msg,
              guint              status,
              const char        *content_type,
              char              *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_TAKE, body, strlen (body));
}

static void
handler_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           data)
{
  GaioDemoSite *self = data;
  const char *delay_arg = query != NULL ? g_hash_table_lookup (query, "delay") : NULL;
  guint delay_ms = 0;
  guint n;

  if (g_str_equal (path, "/"))
    {
      GString *body = g_string_new ("<!DOCTYPE html>\n<html><head><title>Gaio demo site"
                                    "</title></head><body><ul>\n");

      for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
        g_string_append_printf (body, "<li><a href=\"/page/%u\">Page %u</a></li>\n", i + 1, i + 1);
      g_string_append (body, "</ul></body></html>\n");
      set_response (msg, SOUP_STATUS_OK, "text/html; charset=utf-8", g_string_free (body, FALSE));
    }
  else if (sscanf (path, "/page/%u", &n) == 1 && n >= 1 && n <= G_N_ELEMENTS (pages))
    {
      set_response (msg, SOUP_STATUS_OK, "text/html; charset=utf-8", page_body (n - 1));
      delay_ms = pages[n - 1].delay_ms;
    }
  else if (g_str_equal (path, "/notes.txt"))
    {
      set_response (msg, SOUP_STATUS_OK, "text/plain; charset=utf-8",
                    g_strdup ("Notes without a title: gaio-fetch shows the first hundred "
                              "characters of a page like this one, with its   white\n"
                              "space collapsed, as the seeds' scraper did.\n"));
      delay_ms = 80;
    }
  else if (sscanf (path, "/api/sensor/%u", &n) == 1 && n >= 1 && n <= G_N_ELEMENTS (readings))
    {
      set_response (msg, SOUP_STATUS_OK, "application/json", sensor_body (n));
      delay_ms = 60 * n;
    }
  else if (g_str_equal (path, "/api/summary"))
    {
      set_response (msg, SOUP_STATUS_OK, "application/json",
                    g_strdup_printf ("{\"site\": \"gaio-demo\", \"pages\": %u, "
                                     "\"sensors\": %u}\n",
                                     (guint) G_N_ELEMENTS (pages),
                                     (guint) G_N_ELEMENTS (readings)));
      delay_ms = 40;
    }
  else if (g_str_equal (path, "/redirect"))
    {
      soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, "/page/1");
      delay_ms = 20;
    }
  else if (g_str_equal (path, "/flaky"))
    {
      const char *id = query != NULL ? g_hash_table_lookup (query, "id") : NULL;

      /* 503 the first time for each id, then fine: for retries. */
      if (g_hash_table_add (self->flaky_seen, g_strdup (id ? id : "")))
        {
          set_response (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "text/plain", g_strdup ("busy\n"));
          soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                        "Retry-After", "0");
        }
      else
        set_response (msg, SOUP_STATUS_OK, "text/html; charset=utf-8",
                      g_strdup ("<html><head><title>Flaky, then fine</title></head></html>\n"));
    }
  else if (g_str_equal (path, "/slow"))
    {
      set_response (msg, SOUP_STATUS_OK, "text/html; charset=utf-8",
                    g_strdup ("<html><head><title>Too slow</title></head></html>\n"));
      delay_ms = SLOW_DELAY_MS;
    }
  else
    {
      set_response (msg, SOUP_STATUS_NOT_FOUND, "text/html; charset=utf-8",
                    g_strdup ("<html><head><title>Not found</title></head>"
                              "<body>No such page.</body></html>\n"));
      delay_ms = 30;
    }

  if (delay_arg != NULL)
    delay_ms = (guint) strtoul (delay_arg, NULL, 10);

  delay_ms *= self->delay_scale;
  if (delay_ms > 0)
    {
      Delayed *delayed = g_new0 (Delayed, 1);

      delayed->site = self;
      delayed->msg = g_object_ref (msg);
      self->delayed = g_list_prepend (self->delayed, delayed);
      delayed->link = self->delayed;
      delayed->timeout_id = g_timeout_add (delay_ms, delayed_timeout_cb, delayed);
      delayed->finished_id = g_signal_connect (msg, "finished",
                                               G_CALLBACK (delayed_finished_cb), delayed);
      soup_server_message_pause (msg);
    }
}

GaioDemoSite *
gaio_demo_site_new (GError **error)
{
  g_autoptr(GaioDemoSite) self = g_new0 (GaioDemoSite, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) local = NULL;
  GSList *listeners;

  self->delay_scale = 1;
  self->flaky_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->server = soup_server_new ("server-header", "gaio-demo ", NULL);
  soup_server_add_handler (self->server, NULL, handler_cb, self, NULL);
  /* Not soup_server_listen_local(): libsoup 3.2 leaks an address there. */
  if (!soup_server_listen (self->server, address, 0, error))
    return NULL;

  listeners = soup_server_get_listeners (self->server);
  local = g_socket_get_local_address (listeners->data, error);
  g_slist_free (listeners);
  if (local == NULL)
    return NULL;
  self->base_url = g_strdup_printf ("http://127.0.0.1:%u",
                                    g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local)));

  return g_steal_pointer (&self);
}

void
gaio_demo_site_free (GaioDemoSite *self)
{
  if (self == NULL)
    return;

  while (self->delayed != NULL)
    delayed_free (self->delayed->data);
  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  /* Closing the connections takes a few idle callbacks; run them so that
   * nothing is left for a leak checker to find. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_pointer (&self->flaky_seen, g_hash_table_unref);
  g_free (self->base_url);
  g_free (self);
}

/* Without a trailing slash: "http://127.0.0.1:PORT". */
const char *
gaio_demo_site_get_base_url (GaioDemoSite *self)
{
  return self->base_url;
}

/* What gaio-fetch --demo fetches: every page, the notes, one JSON API, a
 * redirect, a 404 and the slow page. */
char **
gaio_demo_site_get_demo_urls (GaioDemoSite *self)
{
  GPtrArray *urls = g_ptr_array_new ();
  static const char *const others[] = {
    "/notes.txt", "/api/summary", "/redirect", "/missing", "/slow",
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    g_ptr_array_add (urls, g_strdup_printf ("%s/page/%u", self->base_url, i + 1));
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    g_ptr_array_add (urls, g_strconcat (self->base_url, others[i], NULL));
  g_ptr_array_add (urls, NULL);

  return (char **) g_ptr_array_free (urls, FALSE);
}

void
gaio_demo_site_set_delay_scale (GaioDemoSite *self,
                                guint         scale)
{
  self->delay_scale = MAX (scale, 1);
}
