/* w8-soup.c: W8 anchor on raw libsoup 3. --concurrency WebSockets opened
 * at once with soup_session_websocket_connect_async() on one SoupSession
 * whose limits are the concurrency; then each makes n / concurrency round
 * trips of a 64-byte binary message, sending the next from the "message"
 * handler of the echo. The floor Gaio's WebSocket sits on.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <libsoup/soup.h>

#include "bench-common.h"

#define MESSAGE_SIZE 64

typedef struct
{
  SoupWebsocketConnection *connection;
  int                      left;
} Socket;

static int round_trips;
static int remaining;
static int failed;
static guint64 echoed;
static guint8 payload[MESSAGE_SIZE];

static void
message_cb (SoupWebsocketConnection *connection,
            int                      type,
            GBytes                  *message,
            gpointer                 user_data)
{
  Socket *socket = user_data;

  echoed += g_bytes_get_size (message);
  if (--socket->left > 0)
    soup_websocket_connection_send_binary (connection, payload, sizeof payload);
  else
    remaining--;
}

static void
connected_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Socket *socket = user_data;
  g_autoptr(GError) error = NULL;

  remaining--;
  socket->connection = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &error);
  if (socket->connection == NULL)
    {
      if (failed++ < 5)
        g_printerr ("w8-soup: %s\n", error->message);
      return;
    }
  /* No idle limit: the session's timeout would close an idle socket. */
  soup_websocket_connection_set_max_incoming_payload_size (socket->connection, 1 << 20);
}

static void
closed_cb (SoupWebsocketConnection *connection,
           gpointer                 user_data)
{
  remaining--;
}

int
main (int    argc,
      char **argv)
{
  BenchOptions options;
  BenchTimer connecting, timer;
  g_autofree char *workload = NULL;
  g_autofree Socket *sockets = NULL;
  SoupSession *session;
  BenchReport *report;
  int n;

  bench_parse_options (&argc, &argv, &options, 100000, NULL);
  round_trips = options.n / options.concurrency;
  n = round_trips * options.concurrency;
  memset (payload, 'x', sizeof payload);
  sockets = g_new0 (Socket, options.concurrency);
  session = soup_session_new_with_options ("max-conns", options.concurrency,
                                           "max-conns-per-host", options.concurrency,
                                           NULL);

  bench_timer_start (&connecting);
  remaining = options.concurrency;
  for (int i = 0; i < options.concurrency; i++)
    {
      SoupMessage *message = soup_message_new ("GET", options.url_base);

      soup_session_websocket_connect_async (session, message, NULL, NULL, G_PRIORITY_DEFAULT,
                                            NULL, connected_cb, &sockets[i]);
      g_object_unref (message);
    }
  bench_loop_until_zero (&remaining);
  bench_timer_stop (&connecting);
  if (failed)
    return 1;

  bench_timer_start (&timer);
  remaining = options.concurrency;
  for (int i = 0; i < options.concurrency; i++)
    {
      sockets[i].left = round_trips;
      g_signal_connect (sockets[i].connection, "message", G_CALLBACK (message_cb), &sockets[i]);
      soup_websocket_connection_send_binary (sockets[i].connection, payload, sizeof payload);
    }
  bench_loop_until_zero (&remaining);
  bench_timer_stop (&timer);

  remaining = options.concurrency;
  for (int i = 0; i < options.concurrency; i++)
    {
      g_signal_connect (sockets[i].connection, "closed", G_CALLBACK (closed_cb), NULL);
      soup_websocket_connection_close (sockets[i].connection, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
    }
  bench_loop_until_zero (&remaining);
  for (int i = 0; i < options.concurrency; i++)
    g_object_unref (sockets[i].connection);

  workload = g_strdup_printf ("W8/c%d", options.concurrency);
  report = bench_report_new (workload, "libsoup", n, &timer);
  bench_report_add_double (report, "connect_seconds", connecting.seconds);
  bench_report_add_int (report, "bytes", (gint64) echoed);
  bench_report_add_int (report, "errors", failed);
  bench_report_print (report);
  g_object_unref (session);
  return 0;
}
