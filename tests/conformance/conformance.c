/* conformance.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 *
 * The conformance scenario in C, on fiber tasks; conformance.{py,js,vala}
 * print the same lines (tests/conformance/expected.txt).
 */

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include <gaio.h>

typedef struct
{
  int      value;
  guint    delay_ms;
  gboolean fail;
} Child;

static void
child_body (GaioTask *task,
            gpointer  user_data)
{
  Child *child = user_data;
  g_autoptr(GaioFuture) sleep = gaio_sleep (child->delay_ms);
  g_autoptr(GError) error = NULL;

  if (gaio_await (sleep, &error) == NULL)
    gaio_future_reject (GAIO_FUTURE (task), g_steal_pointer (&error));
  else if (child->fail)
    gaio_future_reject_printf (GAIO_FUTURE (task), GAIO_ERROR, GAIO_ERROR_FAILED,
                               "child %d failed", child->value);
  else
    gaio_future_resolve_int (GAIO_FUTURE (task), child->value);
}

static GaioFuture *
spawn_child (const char *name,
             int         value,
             guint       delay_ms,
             gboolean    fail)
{
  Child *child = g_new0 (Child, 1);

  child->value = value;
  child->delay_ms = delay_ms;
  child->fail = fail;
  return GAIO_FUTURE (gaio_task_spawn (name, child_body, child, g_free));
}

static void
spawn (void)
{
  g_autoptr(GaioFuture) alpha = spawn_child ("alpha", 1, 20, FALSE);
  g_autoptr(GaioFuture) beta = spawn_child ("beta", 2, 10, FALSE);
  const GValue *a = gaio_await (alpha, NULL);
  const GValue *b = gaio_await (beta, NULL);

  g_print ("spawn: %s -> %d, %s -> %d\n",
           gaio_future_get_name (alpha), g_value_get_int (a),
           gaio_future_get_name (beta), g_value_get_int (b));
}

static GaioGatherer *
gather_three (gboolean fail_second,
              gboolean return_errors)
{
  GaioFuture *children[3];
  GaioGatherer *gatherer;

  children[0] = spawn_child (NULL, 1, 3, FALSE);
  children[1] = spawn_child (NULL, 2, 1, fail_second);
  children[2] = spawn_child (NULL, 3, 2, FALSE);
  gatherer = gaio_gatherer_newv (GAIO_GATHER_MODE_ALL, children, 3);
  gaio_gatherer_set_return_errors (gatherer, return_errors);
  for (guint i = 0; i < 3; i++)
    g_object_unref (children[i]);
  return gatherer;
}

static void
gather (void)
{
  g_autoptr(GaioGatherer) all = gather_three (FALSE, FALSE);
  g_autoptr(GaioGatherer) failing = gather_three (TRUE, FALSE);
  g_autoptr(GaioGatherer) slots = gather_three (TRUE, TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) line = g_string_new ("gather return-errors:");

  gaio_await (GAIO_FUTURE (all), NULL);
  g_print ("gather: %d %d %d\n",
           g_value_get_int (gaio_gatherer_get_value_at (all, 0)),
           g_value_get_int (gaio_gatherer_get_value_at (all, 1)),
           g_value_get_int (gaio_gatherer_get_value_at (all, 2)));

  if (gaio_await (GAIO_FUTURE (failing), &error) == NULL)
    g_print ("gather error: %s\n", error->message);

  gaio_await (GAIO_FUTURE (slots), NULL);
  for (guint i = 0; i < 3; i++)
    {
      const GError *slot_error = gaio_gatherer_get_error_at (slots, i);

      g_string_append (line, i == 0 ? " " : " | ");
      if (slot_error != NULL)
        g_string_append_printf (line, "error: %s", slot_error->message);
      else
        g_string_append_printf (line, "%d", g_value_get_int (gaio_gatherer_get_value_at (slots, i)));
    }
  g_print ("%s\n", line->str);
}

static void
timeout (void)
{
  g_autoptr(GaioFuture) inner = spawn_child ("slow", 0, 10000, FALSE);
  g_autoptr(GaioFuture) limited = gaio_timeout (inner, 50);
  g_autoptr(GError) error = NULL;

  if (gaio_await (limited, &error) == NULL &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      g_autoptr(GError) inner_error = NULL;

      /* The inner task settles once its body saw the cancellation. */
      gaio_await (inner, &inner_error);
      g_print ("timeout: timed out, inner cancelled: %s\n",
               gaio_future_is_cancelled (inner) ? "yes" : "no");
    }
}

static void
sleeper_body (GaioTask *task,
              gpointer  user_data)
{
  gboolean *cleaned_up = user_data;
  g_autoptr(GaioFuture) sleep = gaio_sleep (10000);
  g_autoptr(GError) error = NULL;

  if (gaio_await (sleep, &error) == NULL)
    {
      *cleaned_up = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      gaio_future_reject (GAIO_FUTURE (task), g_steal_pointer (&error));
    }
}

static void
cancel (void)
{
  gboolean cleaned_up = FALSE;
  g_autoptr(GaioTask) task = gaio_task_spawn ("sleeper", sleeper_body, &cleaned_up, NULL);
  g_autoptr(GaioFuture) pause = gaio_sleep (10);
  g_autoptr(GError) error = NULL;

  gaio_await (pause, NULL);
  gaio_future_cancel (GAIO_FUTURE (task));
  if (gaio_await (GAIO_FUTURE (task), &error) == NULL && cleaned_up)
    g_print ("cancel: %s cleaned up, cancelled: %s\n",
             gaio_future_get_name (GAIO_FUTURE (task)),
             gaio_future_is_cancelled (GAIO_FUTURE (task)) ? "yes" : "no");
}

static void
hello_cb (SoupServer        *server,
          SoupServerMessage *message,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "text/plain", SOUP_MEMORY_STATIC,
                                    "hello from gaio", strlen ("hello from gaio"));
}

static void
http (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GaioHttpClient) client = gaio_http_client_new ();
  g_autoptr(GaioFuture) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  GSList *uris;
  const GValue *value;

  soup_server_add_handler (server, "/hello", hello_cb, NULL, NULL);
  if (!soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("listen: %s", error->message);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%d/hello", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  gaio_http_client_set_max_connections (client, 10);
  gaio_http_client_set_max_connections_per_host (client, 2);
  gaio_http_client_set_timeout (client, 10);
  gaio_http_client_set_raise_for_status (client, TRUE);
  request = gaio_http_client_get (client, url);
  value = gaio_await (request, &error);
  if (value == NULL)
    g_print ("http: %s\n", error->message);
  else
    {
      GaioHttpResponse *response = g_value_get_object (value);

      g_print ("http: %u %s\n", gaio_http_response_get_status (response),
               gaio_http_response_get_text (response));
    }
  soup_server_disconnect (server);
}

static void
files (void)
{
  g_autofree char *folder = g_dir_make_tmp ("gaio-conformance-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (folder, "out.txt", NULL);
  g_autoptr(GBytes) contents = g_bytes_new_static ("written by gaio", strlen ("written by gaio"));
  g_autoptr(GaioFuture) write = gaio_file_write_path (path, contents, GAIO_FILE_WRITE_NONE);
  g_autoptr(GaioFuture) read = NULL;
  g_autoptr(GError) error = NULL;
  const GValue *value;

  if (gaio_await (write, &error) == NULL)
    g_error ("write: %s", error->message);
  read = gaio_file_read_path (path);
  value = gaio_await (read, &error);
  if (value == NULL)
    g_error ("read: %s", error->message);
  else
    {
      GBytes *data = g_value_get_boxed (value);
      gsize size;
      const char *bytes = g_bytes_get_data (data, &size);

      g_print ("file: %" G_GSIZE_FORMAT " bytes: %.*s\n", size, (int) size, bytes);
    }
  g_unlink (path);
  g_rmdir (folder);
}

static void
main_body (GaioTask *task,
           gpointer  user_data)
{
  spawn ();
  gather ();
  timeout ();
  cancel ();
  http ();
  files ();
  g_print ("done\n");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GaioTask) task = gaio_task_spawn ("main", main_body, NULL, NULL);
  g_autoptr(GError) error = NULL;

  if (gaio_run (GAIO_FUTURE (task), &error) == NULL)
    {
      g_printerr ("conformance: %s\n", error->message);
      return 1;
    }
  return 0;
}
