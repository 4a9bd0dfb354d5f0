/* w8-gaio.c: W8 on Gaio. --concurrency WebSockets to the echo server at
 * --url-base, opened at once through one GaioHttpClient; then every socket,
 * in its own fiber task, makes n / concurrency round trips of a 64-byte
 * binary message (send, await the echo). The round trips are timed; the
 * opening is reported as connect_seconds.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <gaio.h>

#include "bench-common.h"
#include "bench-tasks.h"

#define MESSAGE_SIZE 64

static GaioHttpClient *client;
static const char *url;
static GaioWebSocket **sockets;
static int next_socket;
static int round_trips;
static GBytes *payload;
static guint64 echoed;

static void
connect_body (GaioTask *task,
              gpointer  user_data)
{
  g_autoptr(GaioFuture) future = gaio_http_client_websocket_connect (client, url, NULL);
  g_autoptr(GError) error = NULL;
  GaioWebSocket *socket = gaio_await_object (future, &error);

  if (socket == NULL)
    g_error ("w8-gaio: %s", error->message);
  sockets[next_socket++] = socket;
}

static void
echo_body (GaioTask *task,
           gpointer  user_data)
{
  GaioWebSocket *socket = sockets[next_socket++];

  for (int i = 0; i < round_trips; i++)
    {
      g_autoptr(GaioFuture) receive = NULL;
      g_autoptr(GaioWebSocketMessage) message = NULL;
      g_autoptr(GError) error = NULL;

      if (!gaio_web_socket_send_binary (socket, payload, &error))
        g_error ("w8-gaio: %s", error->message);
      receive = gaio_web_socket_receive (socket);
      message = gaio_await_object (receive, &error);
      if (message == NULL)
        g_error ("w8-gaio: %s", error->message);
      echoed += g_bytes_get_size (gaio_web_socket_message_get_data (message));
    }
}

static void
close_body (GaioTask *task,
            gpointer  user_data)
{
  GaioWebSocket *socket = sockets[next_socket++];
  g_autoptr(GaioFuture) close = gaio_web_socket_close (socket, 1000, NULL);

  gaio_await (close, NULL);
  g_object_unref (socket);
}

int
main (int    argc,
      char **argv)
{
  BenchOptions options;
  BenchTimer connecting, timer;
  g_autofree char *workload = NULL;
  guint8 data[MESSAGE_SIZE];
  int failed = 0;
  BenchReport *report;

  bench_parse_options (&argc, &argv, &options, 100000, NULL);
  url = options.url_base;
  round_trips = options.n / options.concurrency;
  memset (data, 'x', sizeof data);
  payload = g_bytes_new (data, sizeof data);
  sockets = g_new0 (GaioWebSocket *, options.concurrency);
  client = gaio_http_client_new ();
  gaio_http_client_set_max_connections (client, options.concurrency);
  gaio_http_client_set_max_connections_per_host (client, options.concurrency);

  bench_timer_start (&connecting);
  failed += bench_spawn_and_wait ("w8-gaio", options.concurrency, connect_body);
  bench_timer_stop (&connecting);

  next_socket = 0;
  bench_timer_start (&timer);
  failed += bench_spawn_and_wait ("w8-gaio", options.concurrency, echo_body);
  bench_timer_stop (&timer);

  next_socket = 0;
  failed += bench_spawn_and_wait ("w8-gaio", options.concurrency, close_body);

  workload = g_strdup_printf ("W8/c%d", options.concurrency);
  report = bench_report_new (workload, "gaio", round_trips * options.concurrency, &timer);
  bench_report_add_double (report, "connect_seconds", connecting.seconds);
  bench_report_add_int (report, "bytes", (gint64) echoed);
  bench_report_add_int (report, "errors", failed);
  bench_report_print (report);

  g_free (sockets);
  g_bytes_unref (payload);
  g_object_unref (client);
  return failed != 0;
}
