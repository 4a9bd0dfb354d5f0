/* w3-soup.c: W3 anchor on raw libsoup 3: one SoupSession with as many
 * connections as the concurrency, and a window of that many requests in
 * flight (each completion starts the next). Every response must be 200.
 *
 * --sessions K spreads the window over K sessions of concurrency/K
 * connections each ("libsoup-sharded" in run.py): libsoup 3.2 scans its
 * whole queue and connection list on every event, so one session with
 * 1,000 connections costs O(in-flight) per request.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <libsoup/soup.h>
#include <stdlib.h>

#include "bench-urls.h"

static int n_sessions = 1;

static GOptionEntry entries[] = {
  { "sessions", 0, 0, G_OPTION_ARG_INT, &n_sessions, "Spread requests over K sessions", "K" },
  { NULL }
};

typedef struct
{
  SoupSession **sessions;
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
  SoupSession *session = SOUP_SESSION (source);
  SoupMessage *msg = soup_session_get_async_result_message (session, result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;

  body = soup_session_send_and_read_finish (session, result, &error);
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
  guint i = run->next;

  if (i >= run->urls->len)
    return;

  run->next++;
  msg = soup_message_new (SOUP_METHOD_GET, g_ptr_array_index (run->urls, i));
  soup_session_send_and_read_async (run->sessions[i % n_sessions], msg, G_PRIORITY_DEFAULT,
                                    NULL, sent_cb, run);
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
  int per_session;

  bench_parse_options (&argc, &argv, &options, 10000, entries);
  run.urls = bench_load_urls (&options);
  n_sessions = CLAMP (n_sessions, 1, options.concurrency);
  per_session = (options.concurrency + n_sessions - 1) / n_sessions;
  run.sessions = g_new (SoupSession *, n_sessions);
  for (int i = 0; i < n_sessions; i++)
    run.sessions[i] = g_object_new (SOUP_TYPE_SESSION,
                                    "max-conns", per_session,
                                    "max-conns-per-host", per_session,
                                    NULL);

  bench_timer_start (&timer);
  for (int i = 0; i < options.concurrency; i++)
    start_next (&run);
  while (run.done < run.urls->len)
    g_main_context_iteration (NULL, TRUE);
  bench_timer_stop (&timer);

  workload = g_strdup_printf ("W3/c%d", options.concurrency);
  report = bench_report_new (workload, n_sessions > 1 ? "libsoup-sharded" : "libsoup",
                             options.n, &timer);
  bench_report_add_int (report, "sessions", n_sessions);
  bench_report_add_int (report, "bytes", run.bytes);
  bench_report_add_int (report, "errors", run.failed);
  bench_report_print (report);

  for (int i = 0; i < n_sessions; i++)
    g_object_unref (run.sessions[i]);
  g_free (run.sessions);
  g_ptr_array_unref (run.urls);
  return run.failed == 0 ? 0 : 1;
}
