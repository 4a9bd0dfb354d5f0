/* fetch.c: fetch several pages at once, print status and the first 100 characters
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <gaio.h>

/* Usage: fetch BASE_URL (the test harness passes the demo site's URL). */

typedef struct
{
  GaioHttpClient *client;
  char           *url;
} Fetch;

static void
fetch_free (gpointer data)
{
  Fetch *fetch = data;

  g_free (fetch->url);
  g_free (fetch);
}

static void
fetch_content (GaioTask *task,
               gpointer  user_data)
{
  Fetch *fetch = user_data;
  g_autoptr(GaioFuture) request = gaio_http_client_get (fetch->client, fetch->url);
  g_autoptr(GError) error = NULL;
  g_autoptr(GaioHttpResponse) response = gaio_await_object (request, &error);
  const char *text;

  if (response == NULL)
    {
      g_print ("URL: %s\nError: %s\n\n", fetch->url, error->message);
      return;
    }
  text = gaio_http_response_get_text (response);
  /* text[:100] counts characters, not bytes. */
  g_print ("URL: %s\nStatus: %u\nContent: %.*s...\n\n", fetch->url,
           gaio_http_response_get_status (response),
           (int) (g_utf8_offset_to_pointer (text, MIN (100, g_utf8_strlen (text, -1))) - text),
           text);
}

static void
main_task (GaioTask *task,
           gpointer  user_data)
{
  const char *base = user_data;
  const char *paths[] = { "/page/1", "/page/2", "/notes.txt" };
  g_autoptr(GaioHttpClient) client = gaio_http_client_new ();
  g_autoptr(GPtrArray) tasks = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GaioGatherer) gather = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      Fetch *fetch = g_new0 (Fetch, 1);

      fetch->client = client;
      fetch->url = g_strconcat (base, paths[i], NULL);
      g_ptr_array_add (tasks, gaio_task_spawn (fetch->url, fetch_content, fetch, fetch_free));
    }

  gather = gaio_gatherer_newv (GAIO_GATHER_MODE_ALL, (GaioFuture **) tasks->pdata, tasks->len);
  gaio_await (GAIO_FUTURE (gather), NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GaioTask) task = NULL;

  if (argc != 2)
    {
      g_printerr ("usage: %s BASE_URL\n", argv[0]);
      return 2;
    }
  task = gaio_task_spawn ("main", main_task, argv[1], NULL);
  return gaio_run (GAIO_FUTURE (task), NULL) != NULL ? 0 : 1;
}
