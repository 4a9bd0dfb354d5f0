/* w3-soup.c: W3 anchor on raw libsoup 3: one SoupSession with as many
 * connections as the concurrency, and a window of that many requests in
 * flight (each completion starts the next). Every response must be 200.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <libsoup/soup.h>
#include <stdlib.h>

#include "bench-urls.h"

typedef struct
{
  SoupSession *session;
  GPtrArray   *urls;
  guint        next;
  guint        done;
  guint        failed;
  guint64      bytes;
} Run;

static void start_next (Run *run);

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Run *run = user_data;
  SoupMessage *msg = soup_session_get_async_result_message (run->session, result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;

  body = soup_session_send_and_read_finish (run->session, result, &error);
  if (body == NULL)
    {
      g_printerr ("w3-soup: %s\n", error->message);
      run->failed++;
    }
  else if (soup_message_get_status (msg) != SOUP_STATUS_OK)
    {
      g_printerr ("w3-soup: status %u\n", soup_message_get_status (msg));
      run->failed++;
    }
  else
    {
      run->bytes += g_bytes_get_size (body);
    }
  g_object_unref (msg);

  run->done++;
  start_next (run);
}

static void
start_next (Run *run)
{
  SoupMessage *msg;

  if (run->next >= run->urls->len)
    return;

  msg = soup_message_new (SOUP_METHOD_GET, g_ptr_array_index (run->urls, run->next++));
  soup_session_send_and_read_async (run->session, msg, G_PRIORITY_DEFAULT, NULL, sent_cb, run);
}

int
main (int    argc,
      char **argv)
{
  BenchOptions options;
  BenchTimer timer;
  BenchReport *report;
  g_autofree char *workload = NULL;
  Run run = { 0 };

  bench_parse_options (&argc, &argv, &options, 10000);
  run.urls = bench_load_urls (&options);
  run.session = g_object_new (SOUP_TYPE_SESSION,
                              "max-conns", options.concurrency,
                              "max-conns-per-host", options.concurrency,
                              NULL);

  bench_timer_start (&timer);
  for (int i = 0; i < options.concurrency; i++)
    start_next (&run);
  while (run.done < run.urls->len)
    g_main_context_iteration (NULL, TRUE);
  bench_timer_stop (&timer);

  workload = g_strdup_printf ("W3/c%d", options.concurrency);
  report = bench_report_new (workload, "libsoup", options.n, &timer);
  bench_report_add_int (report, "bytes", run.bytes);
  bench_report_add_int (report, "errors", run.failed);
  bench_report_print (report);

  g_object_unref (run.session);
  g_ptr_array_unref (run.urls);
  return run.failed == 0 ? 0 : 1;
}
