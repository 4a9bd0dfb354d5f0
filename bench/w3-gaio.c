/* w3-gaio.c: W3 on Gaio. One GaioHttpClient whose max-connections (and
 * per-host limit) is the concurrency; every GET is started at once and the
 * client queues them. Every response must be 200.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <gaio.h>

#include "bench-urls.h"

static int remaining;
static int failed;
static guint64 bytes;

static void
done_cb (GaioFuture *future,
         gpointer    user_data)
{
  g_autoptr(GError) error = NULL;
  GaioHttpResponse *response;

  remaining--;
  if (!gaio_future_propagate (future, &error))
    {
      if (failed++ < 5)
        g_printerr ("w3-gaio: %s\n", error->message);
      return;
    }

  response = g_value_get_object (gaio_future_get_value (future));
  if (gaio_http_response_get_status (response) != 200)
    {
      if (failed++ < 5)
        g_printerr ("w3-gaio: status %u\n", gaio_http_response_get_status (response));
      return;
    }
  bytes += g_bytes_get_size (gaio_http_response_get_body (response));
}

int
main (int    argc,
      char **argv)
{
  BenchOptions options;
  BenchTimer timer;
  g_autofree char *workload = NULL;
  GaioHttpClient *client;
  GPtrArray *urls;

  bench_parse_options (&argc, &argv, &options, 10000, NULL);
  urls = bench_load_urls (&options);
  client = gaio_http_client_new ();
  gaio_http_client_set_max_connections (client, options.concurrency);
  gaio_http_client_set_max_connections_per_host (client, options.concurrency);

  bench_timer_start (&timer);
  remaining = urls->len;
  for (guint i = 0; i < urls->len; i++)
    {
      GaioFuture *future = gaio_http_client_get (client, g_ptr_array_index (urls, i));

      gaio_future_add_done_callback (future, done_cb, NULL, NULL);
      g_object_unref (future);
    }
  bench_loop_until_zero (&remaining);
  bench_timer_stop (&timer);

  workload = g_strdup_printf ("W3/c%d", options.concurrency);
  g_object_unref (client);
  g_ptr_array_unref (urls);
  return bench_report_io (workload, "gaio", options.n, &timer, bytes, failed);
}
