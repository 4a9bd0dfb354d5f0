/* gather_exceptions.c: gather(return_exceptions=True): one failure does not stop the others
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <gaio.h>

/* Usage: gather_exceptions BASE_URL */

static void
fetch_page (GaioTask *task,
            gpointer  user_data)
{
  GaioHttpClient *client = user_data;
  const char *url = gaio_future_get_name (GAIO_FUTURE (task));
  g_autoptr(GaioFuture) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GaioHttpResponse) response = NULL;

  g_print ("Fetching %s\n", url);
  request = gaio_http_client_get (client, url);
  response = gaio_await_object (request, &error);
  if (response == NULL)
    {
      /* Rejecting the task hands the error to the gatherer's slot. */
      gaio_future_reject (GAIO_FUTURE (task), g_steal_pointer (&error));
      return;
    }
  g_print ("Fetched %s\n", url);
  gaio_future_resolve_int64 (GAIO_FUTURE (task),
                             g_bytes_get_size (gaio_http_response_get_body (response)));
}

static void
main_task (GaioTask *task,
           gpointer  user_data)
{
  const char *base = user_data;
  const char *paths[] = { "/page/1", "/page/2", "/page/3", "/missing" };
  g_autoptr(GaioHttpClient) client = gaio_http_client_new ();
  g_autoptr(GPtrArray) tasks = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GaioGatherer) gather = NULL;

  /* A 404 becomes an error, as aiohttp's raise_for_status. */
  gaio_http_client_set_raise_for_status (client, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *url = g_strconcat (base, paths[i], NULL);

      g_ptr_array_add (tasks, gaio_task_spawn (url, fetch_page, client, NULL));
    }

  gather = gaio_gatherer_newv (GAIO_GATHER_MODE_ALL, (GaioFuture **) tasks->pdata, tasks->len);
  gaio_gatherer_set_return_errors (gather, TRUE);
  gaio_await (GAIO_FUTURE (gather), NULL);

  for (guint i = 0; i < tasks->len; i++)
    {
      const char *url = gaio_future_get_name (g_ptr_array_index (tasks, i));
      const GError *error = gaio_gatherer_get_error_at (gather, i);

      if (error != NULL)
        g_print ("Failed to fetch %s: %s\n", url, error->message);
      else
        g_print ("%s: %" G_GINT64_FORMAT " bytes\n", url,
                 g_value_get_int64 (gaio_gatherer_get_value_at (gather, i)));
    }
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
