/* wait.c: create_task() + asyncio.wait(): collect results from finished tasks
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <gaio.h>

/* Usage: wait BASE_URL */

static void
fetch_page (GaioTask *task,
            gpointer  user_data)
{
  GaioHttpClient *client = user_data;
  const char *url = gaio_future_get_name (GAIO_FUTURE (task));
  g_autoptr(GaioFuture) request = NULL;
  g_autoptr(GaioFuture) nap = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GaioHttpResponse) response = NULL;

  g_print ("Fetching %s\n", url);
  request = gaio_http_client_get (client, url);
  response = gaio_await_object (request, &error);
  if (response == NULL)
    {
      gaio_future_reject (GAIO_FUTURE (task), g_steal_pointer (&error));
      return;
    }
  nap = gaio_sleep (100);   /* the seed's simulated delay */
  gaio_await (nap, NULL);
  g_print ("Fetched %s\n", url);
  gaio_future_resolve_int64 (GAIO_FUTURE (task),
                             g_bytes_get_size (gaio_http_response_get_body (response)));
}

static void
main_task (GaioTask *task,
           gpointer  user_data)
{
  const char *base = user_data;
  const char *paths[] = { "/page/3", "/page/5" };
  g_autoptr(GaioHttpClient) client = gaio_http_client_new ();
  g_autoptr(GPtrArray) tasks = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GaioGatherer) wait = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *url = g_strconcat (base, paths[i], NULL);

      g_ptr_array_add (tasks, gaio_task_spawn (url, fetch_page, client, NULL));
    }
  g_print ("Tasks scheduled\n");

  wait = gaio_gatherer_new_waitv (GAIO_WAIT_MODE_ALL_COMPLETED, -1,
                                  (GaioFuture **) tasks->pdata, tasks->len);
  gaio_await (GAIO_FUTURE (wait), NULL);

  for (guint i = 0; i < tasks->len; i++)
    {
      GaioFuture *done = g_ptr_array_index (tasks, i);
      g_autoptr(GError) error = NULL;
      const GValue *value = gaio_await (done, &error);   /* task.result() */

      if (value != NULL)
        g_print ("%s: %" G_GINT64_FORMAT " bytes\n", gaio_future_get_name (done),
                 g_value_get_int64 (value));
      else
        g_print ("%s: %s\n", gaio_future_get_name (done), error->message);
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
