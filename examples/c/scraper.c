/* scraper.c: fetch pages concurrently, then save each to a file concurrently
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <gaio.h>

/* Usage: scraper BASE_URL. Writes file_0.html, file_1.html, ... in the
 * current folder, each atomically (temporary file, then rename). */

static void
main_task (GaioTask *task,
           gpointer  user_data)
{
  const char *base = user_data;
  const char *paths[] = { "/page/1", "/page/2", "/page/3" };
  g_autoptr(GaioHttpClient) client = gaio_http_client_new ();
  g_autoptr(GPtrArray) requests = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) saves = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GaioGatherer) fetched = NULL;
  g_autoptr(GaioGatherer) saved = NULL;
  g_autoptr(GError) error = NULL;

  /* contents = await gather(*(fetch_url(url) for url in urls)) */
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *url = g_strconcat (base, paths[i], NULL);

      g_ptr_array_add (requests, gaio_http_client_get (client, url));
    }
  fetched = gaio_gatherer_newv (GAIO_GATHER_MODE_ALL, (GaioFuture **) requests->pdata,
                                requests->len);
  if (gaio_await (GAIO_FUTURE (fetched), &error) == NULL)
    {
      g_printerr ("fetch failed: %s\n", error->message);
      return;
    }

  /* await gather(*(save_content(f"file_{i}.html", c) for i, c in ...)) */
  for (guint i = 0; i < requests->len; i++)
    {
      GaioHttpResponse *response = g_value_get_object (gaio_gatherer_get_value_at (fetched, i));
      g_autofree char *name = g_strdup_printf ("file_%u.html", i);

      g_ptr_array_add (saves, gaio_file_write_path (name, gaio_http_response_get_body (response),
                                                    GAIO_FILE_WRITE_NONE));
    }
  saved = gaio_gatherer_newv (GAIO_GATHER_MODE_ALL, (GaioFuture **) saves->pdata, saves->len);
  if (gaio_await (GAIO_FUTURE (saved), &error) == NULL)
    {
      g_printerr ("save failed: %s\n", error->message);
      return;
    }

  for (guint i = 0; i < saves->len; i++)
    {
      g_autofree char *name = g_strdup_printf ("file_%u.html", i);
      g_autofree char *contents = NULL;
      gsize length = 0;

      g_file_get_contents (name, &contents, &length, NULL);
      g_print ("Saved %s%s: %" G_GSIZE_FORMAT " bytes\n", base, paths[i], length);
    }
  g_print ("%u files created\n", saves->len);
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
