/* aggregator.c: call several JSON APIs at once and compute statistics
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <json-glib/json-glib.h>

#include <gaio.h>

/* Usage: aggregator BASE_URL. The seed's homework: at least three API
 * calls made concurrently, aggregated into an average and its range. */

static void
main_task (GaioTask *task,
           gpointer  user_data)
{
  const char *base = user_data;
  g_autoptr(GaioHttpClient) client = gaio_http_client_new ();
  g_autoptr(GPtrArray) requests = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GaioGatherer) gather = NULL;
  g_autoptr(GError) error = NULL;
  double sum = 0, min = G_MAXDOUBLE, max = -G_MAXDOUBLE;
  guint count = 0;

  gaio_http_client_set_raise_for_status (client, TRUE);
  for (guint sensor = 1; sensor <= 3; sensor++)
    {
      g_autofree char *url = g_strdup_printf ("%s/api/sensor/%u", base, sensor);

      g_ptr_array_add (requests, gaio_http_client_get (client, url));
    }
  gather = gaio_gatherer_newv (GAIO_GATHER_MODE_ALL, (GaioFuture **) requests->pdata,
                               requests->len);
  if (gaio_await (GAIO_FUTURE (gather), &error) == NULL)
    {
      g_printerr ("API call failed: %s\n", error->message);
      return;
    }

  for (guint i = 0; i < requests->len; i++)
    {
      GaioHttpResponse *response = g_value_get_object (gaio_gatherer_get_value_at (gather, i));
      g_autoptr(JsonNode) json = gaio_http_response_get_json (response, &error);
      JsonObject *object;
      JsonArray *readings;

      if (json == NULL)
        {
          g_printerr ("bad JSON: %s\n", error->message);
          return;
        }
      object = json_node_get_object (json);
      readings = json_object_get_array_member (object, "readings");
      g_print ("Sensor %" G_GINT64_FORMAT ": %u readings\n",
               json_object_get_int_member (object, "sensor"), json_array_get_length (readings));
      for (guint j = 0; j < json_array_get_length (readings); j++)
        {
          double value = json_array_get_double_element (readings, j);

          sum += value;
          min = MIN (min, value);
          max = MAX (max, value);
          count++;
        }
    }

  g_print ("Readings: %u\n", count);
  g_print ("Average: %.2f C\n", sum / count);
  g_print ("Minimum: %.2f C\n", min);
  g_print ("Maximum: %.2f C\n", max);
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
