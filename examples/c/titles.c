/* titles.c: page titles and word counts, fetched concurrently
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <string.h>

#include <gaio.h>

/* Usage: titles BASE_URL. The seeds use BeautifulSoup for the title and
 * str.split() for the words; a GRegex and g_strsplit_set() do here. */

static char *
find_title (const char *html)
{
  g_autoptr(GRegex) regex = g_regex_new ("<title[^>]*>(.*?)</title>",
                                         G_REGEX_CASELESS | G_REGEX_DOTALL, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (!g_regex_match (regex, html, 0, &match))
    return g_strdup ("No title");
  return g_match_info_fetch (match, 1);
}

static guint
count_words (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n\r\f\v", -1);
  guint n = 0;

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      n++;
  return n;
}

static void
fetch_title (GaioTask *task,
             gpointer  user_data)
{
  GaioHttpClient *client = user_data;
  const char *url = gaio_future_get_name (GAIO_FUTURE (task));
  g_autoptr(GaioFuture) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GaioHttpResponse) response = NULL;
  const char *html;

  g_print ("Fetching %s\n", url);
  request = gaio_http_client_get (client, url);
  response = gaio_await_object (request, &error);
  if (response == NULL)
    {
      gaio_future_reject (GAIO_FUTURE (task), g_steal_pointer (&error));
      return;
    }
  html = gaio_http_response_get_text (response);
  title = find_title (html);
  g_print ("Processed %s\n", url);
  gaio_future_resolve_pointer (GAIO_FUTURE (task), g_strdup_printf ("%s: %s (%u words)", url,
                                                                    title, count_words (html)),
                               g_free);
}

static void
main_task (GaioTask *task,
           gpointer  user_data)
{
  const char *base = user_data;
  const char *paths[] = { "/page/1", "/page/2", "/page/3", "/page/5" };
  g_autoptr(GaioHttpClient) client = gaio_http_client_new ();
  g_autoptr(GPtrArray) tasks = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GaioGatherer) gather = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *url = g_strconcat (base, paths[i], NULL);

      g_ptr_array_add (tasks, gaio_task_spawn (url, fetch_title, client, NULL));
    }
  gather = gaio_gatherer_newv (GAIO_GATHER_MODE_ALL, (GaioFuture **) tasks->pdata, tasks->len);
  if (gaio_await (GAIO_FUTURE (gather), &error) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return;
    }
  for (guint i = 0; i < tasks->len; i++)
    g_print ("%s\n", (const char *) gaio_future_get_pointer (g_ptr_array_index (tasks, i)));
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
