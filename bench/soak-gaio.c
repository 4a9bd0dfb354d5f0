/* soak-gaio.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 *
 * Soak: n GETs with a window of c in flight (a new one starts as one
 * ends), printing the resident set size after every tenth of them as a
 * JSON line {"done", "rss_kb"}. After the warm-up, RSS must stay flat.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gaio.h>

#include "bench-urls.h"

static GaioHttpClient *client;
static GPtrArray *urls;
static guint started, done, n, failed;

static glong
rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmRSS:")) == NULL)
    return -1;
  return strtol (line + 6, NULL, 10);
}

static void start_one (void);

static void
done_cb (GaioFuture *future,
         gpointer    user_data)
{
  if (!gaio_future_propagate (future, NULL) ||
      gaio_http_response_get_status (g_value_get_object (gaio_future_get_value (future))) != 200)
    failed++;
  done++;
  if (done % (n / 10) == 0)
    printf ("{\"done\": %u, \"rss_kb\": %ld}\n", done, rss_kb ()), fflush (stdout);
  start_one ();
}

static void
start_one (void)
{
  GaioFuture *future;

  if (started == n)
    return;
  future = gaio_http_client_get (client, g_ptr_array_index (urls, started++ % urls->len));
  gaio_future_add_done_callback (future, done_cb, NULL, NULL);
  g_object_unref (future);
}

int
main (int    argc,
      char **argv)
{
  BenchOptions options;

  bench_parse_options (&argc, &argv, &options, 200000, NULL);
  urls = bench_load_urls (&options);
  n = options.n;
  client = gaio_http_client_new ();
  gaio_http_client_set_max_connections (client, options.concurrency);
  gaio_http_client_set_max_connections_per_host (client, options.concurrency);
  for (int i = 0; i < options.concurrency; i++)
    start_one ();
  while (done < n)
    g_main_context_iteration (NULL, TRUE);
  g_object_unref (client);
  g_ptr_array_unref (urls);
  return failed > 0;
}
