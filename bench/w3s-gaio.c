/* w3s-gaio.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 *
 * W3s: GETs one after another (each awaited before the next) over HTTPS,
 * trusting the bench's CA (GAIO_BENCH_CA_FILE). Every response must be 200.
 */

#include <gaio.h>

#include "bench-urls.h"

int
main (int    argc,
      char **argv)
{
  BenchOptions options;
  BenchTimer timer;
  g_autoptr(GError) error = NULL;
  GaioHttpClient *client;
  GPtrArray *urls;
  guint64 bytes = 0;
  int failed = 0;

  bench_parse_options (&argc, &argv, &options, 1000, NULL);
  urls = bench_load_urls (&options);
  client = gaio_http_client_new ();
  if (g_getenv ("GAIO_BENCH_CA_FILE") != NULL &&
      !gaio_http_client_set_ca_file (client, g_getenv ("GAIO_BENCH_CA_FILE"), &error))
    g_error ("%s", error->message);

  bench_timer_start (&timer);
  for (guint i = 0; i < urls->len; i++)
    {
      g_autoptr(GaioFuture) future = gaio_http_client_get (client, g_ptr_array_index (urls, i));
      const GValue *value = gaio_run (future, &error);
      GaioHttpResponse *response;

      if (value == NULL)
        {
          if (failed++ < 5)
            g_printerr ("w3s-gaio: %s\n", error->message);
          g_clear_error (&error);
          continue;
        }
      response = g_value_get_object (value);
      if (gaio_http_response_get_status (response) != 200)
        failed++;
      else
        bytes += g_bytes_get_size (gaio_http_response_get_body (response));
    }
  bench_timer_stop (&timer);

  g_object_unref (client);
  g_ptr_array_unref (urls);
  return bench_report_io ("W3s", "gaio", options.n, &timer, bytes, failed);
}
