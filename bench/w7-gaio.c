/* w7-gaio.c: W7 on Gaio. One streamed GET of n MiB (gaio_http_client_open),
 * the body read in 64 KiB reads, each started when the last one resolves,
 * as an application consuming the stream would.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <gaio.h>

#include "bench-common.h"

#define CHUNK (64 * 1024)

static int remaining = 1;
static int failed;
static guint64 bytes;

static void read_cb (GaioFuture *future,
                     gpointer    user_data);

static void
read_next (GaioHttpResponse *response)
{
  GaioFuture *future = gaio_http_response_read (response, CHUNK);

  gaio_future_add_done_callback (future, read_cb, response, NULL);
  g_object_unref (future);
}

static void
read_cb (GaioFuture *future,
         gpointer    user_data)
{
  GaioHttpResponse *response = user_data;
  g_autoptr(GError) error = NULL;
  gsize size;

  if (!gaio_future_propagate (future, &error))
    {
      g_printerr ("w7-gaio: %s\n", error->message);
      failed++;
      remaining--;
      return;
    }
  size = g_bytes_get_size (g_value_get_boxed (gaio_future_get_value (future)));
  if (size == 0)
    {
      remaining--;
      return;
    }
  bytes += size;
  read_next (response);
}

static void
open_cb (GaioFuture *future,
         gpointer    user_data)
{
  GaioHttpResponse **response = user_data;
  g_autoptr(GError) error = NULL;

  if (!gaio_future_propagate (future, &error))
    {
      g_printerr ("w7-gaio: %s\n", error->message);
      failed++;
      remaining--;
      return;
    }
  *response = g_value_dup_object (gaio_future_get_value (future));
  if (gaio_http_response_get_status (*response) != 200)
    {
      g_printerr ("w7-gaio: status %u\n", gaio_http_response_get_status (*response));
      failed++;
      remaining--;
      return;
    }
  read_next (*response);
}

int
main (int    argc,
      char **argv)
{
  BenchOptions options;
  BenchTimer timer;
  g_autofree char *url = NULL;
  GaioHttpResponse *response = NULL;
  GaioHttpClient *client;
  GaioFuture *future;

  bench_parse_options (&argc, &argv, &options, 1024, NULL);
  url = g_strconcat (options.url_base, "big.bin", NULL);
  client = gaio_http_client_new ();
  gaio_http_client_set_max_body_size (client, 0);
  gaio_http_client_set_timeout (client, 0);

  bench_timer_start (&timer);
  future = gaio_http_client_open (client, "GET", url, NULL);
  gaio_future_add_done_callback (future, open_cb, &response, NULL);
  g_object_unref (future);
  bench_loop_until_zero (&remaining);
  bench_timer_stop (&timer);

  g_clear_object (&response);
  g_object_unref (client);
  return bench_report_io ("W7", "gaio", options.n, &timer, bytes, failed);
}
