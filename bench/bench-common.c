/* bench-common.c: timing, memory and the one-line JSON report
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "bench-common.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

struct _BenchReport
{
  GString *json;
};

void
bench_parse_options (int           *argc,
                     char        ***argv,
                     BenchOptions  *options,
                     int            default_n,
                     const GOptionEntry *extra)
{
  GOptionEntry entries[] = {
    { "n", 'n', 0, G_OPTION_ARG_INT, &options->n, "Operations", "N" },
    { "concurrency", 'c', 0, G_OPTION_ARG_INT, &options->concurrency, "Concurrency", "C" },
    { "url-base", 0, 0, G_OPTION_ARG_STRING, &options->url_base, "Base URL", "URL" },
    { "url-list", 0, 0, G_OPTION_ARG_FILENAME, &options->url_list, "File of paths", "FILE" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &options->dir, "Folder to write in", "DIR" },
    { "size", 0, 0, G_OPTION_ARG_INT, &options->size, "Bytes per item", "BYTES" },
    { "warm", 0, 0, G_OPTION_ARG_NONE, &options->warm,
      "Fiber workloads: run n untimed first, so the stack pool is warm", NULL },
    { NULL }
  };
  GOptionContext *context = g_option_context_new (NULL);
  GError *error = NULL;

  memset (options, 0, sizeof *options);
  options->n = default_n;
  options->concurrency = 100;
  options->size = 8192;

  g_option_context_add_main_entries (context, entries, NULL);
  if (extra != NULL)
    g_option_context_add_main_entries (context, extra, NULL);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("%s\n", error->message);
      exit (2);
    }
  g_option_context_free (context);

  if (options->n <= 0 || options->concurrency <= 0)
    {
      g_printerr ("-n and -c must be positive\n");
      exit (2);
    }
}

gint64
bench_now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

double
bench_cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/* Reads one "Key:   1234 kB" line of /proc/self/status with plain syscalls
 * and a static buffer, so that it is safe on a small fiber stack. */
static long
status_kb (const char *key)
{
  static char buffer[8192];
  ssize_t len;
  const char *line;
  int fd;

  fd = open ("/proc/self/status", O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return -1;
  len = read (fd, buffer, sizeof buffer - 1);
  close (fd);
  if (len <= 0)
    return -1;
  buffer[len] = '\0';

  line = strstr (buffer, key);
  if (line == NULL)
    return -1;
  return strtol (line + strlen (key), NULL, 10);
}

long
bench_rss_kb (void)
{
  return status_kb ("\nVmRSS:");
}

long
bench_peak_rss_kb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

/* Faults @memory in, so that the harness's own arrays sit in the baseline. */
void
bench_touch (gpointer memory,
             gsize    size)
{
  volatile char *p = memory;

  for (gsize i = 0; i < size; i += 4096)
    p[i] = 0;
}

void
bench_timer_start (BenchTimer *timer)
{
  timer->start_cpu = bench_cpu_seconds ();
  timer->start_ns = bench_now_ns ();
}

void
bench_timer_stop (BenchTimer *timer)
{
  timer->seconds = (bench_now_ns () - timer->start_ns) / 1e9;
  timer->cpu_seconds = bench_cpu_seconds () - timer->start_cpu;
}

BenchReport *
bench_report_new (const char *workload,
                  const char *impl,
                  int         n,
                  BenchTimer *timer)
{
  BenchReport *report = g_new0 (BenchReport, 1);
  double seconds = timer->seconds;

  report->json = g_string_new ("{");
  bench_report_add_string (report, "workload", workload);
  bench_report_add_string (report, "impl", impl);
  bench_report_add_int (report, "n", n);
  bench_report_add_double (report, "seconds", seconds);
  bench_report_add_double (report, "per_op_ns", seconds * 1e9 / n);
  bench_report_add_double (report, "cpu_seconds", timer->cpu_seconds);
  bench_report_add_double (report, "cpu_per_op_ns", timer->cpu_seconds * 1e9 / n);
  return report;
}

static void
add_key (BenchReport *report,
         const char  *key)
{
  if (report->json->len > 1)
    g_string_append (report->json, ", ");
  g_string_append_printf (report->json, "\"%s\": ", key);
}

void
bench_report_add_double (BenchReport *report,
                         const char  *key,
                         double       value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  add_key (report, key);
  g_string_append (report->json, g_ascii_formatd (buffer, sizeof buffer, "%.6g", value));
}

void
bench_report_add_int (BenchReport *report,
                      const char  *key,
                      gint64       value)
{
  add_key (report, key);
  g_string_append_printf (report->json, "%" G_GINT64_FORMAT, value);
}

void
bench_report_add_string (BenchReport *report,
                         const char  *key,
                         const char  *value)
{
  add_key (report, key);
  g_string_append_c (report->json, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (report->json, '\\');
      g_string_append_c (report->json, *p);
    }
  g_string_append_c (report->json, '"');
}

void
bench_report_add_pending (BenchReport *report,
                          long         rss_baseline_kb,
                          long         rss_pending_kb,
                          int          n)
{
  bench_report_add_double (report, "bytes_per_pending",
                           (double) (rss_pending_kb - rss_baseline_kb) * 1024.0 / n);
}

void
bench_report_print (BenchReport *report)
{
  bench_report_add_int (report, "peak_rss_kb", bench_peak_rss_kb ());
  g_string_append (report->json, "}\n");
  fputs (report->json->str, stdout);
  fflush (stdout);
  g_string_free (report->json, TRUE);
  g_free (report);
}

void
bench_loop_until_zero (const int *remaining)
{
  while (*remaining > 0)
    g_main_context_iteration (NULL, TRUE);
}

static void
queue_and_settle (int            n,
                  int           *remaining,
                  BenchQueueFunc queue,
                  BenchQueueFunc settle,
                  long          *rss_pending)
{
  *remaining = n;
  queue (n);
  if (rss_pending != NULL)
    *rss_pending = bench_rss_kb ();
  if (settle != NULL)
    settle (n);
  bench_loop_until_zero (remaining);
}

void
bench_run_pending (const char     *workload,
                   const char     *impl,
                   int             n,
                   int            *remaining,
                   BenchQueueFunc  queue,
                   BenchQueueFunc  settle)
{
  BenchTimer timer;
  BenchReport *report;
  long rss_baseline, rss_pending;

  queue_and_settle (1, remaining, queue, settle, NULL);
  rss_baseline = bench_rss_kb ();

  bench_timer_start (&timer);
  queue_and_settle (n, remaining, queue, settle, &rss_pending);
  bench_timer_stop (&timer);

  report = bench_report_new (workload, impl, n, &timer);
  bench_report_add_pending (report, rss_baseline, rss_pending, n);
  bench_report_print (report);
}

int
bench_report_io (const char *workload,
                 const char *impl,
                 int         n,
                 BenchTimer *timer,
                 guint64     bytes,
                 int         errors)
{
  BenchReport *report = bench_report_new (workload, impl, n, timer);

  bench_report_add_int (report, "bytes", bytes);
  bench_report_add_int (report, "errors", errors);
  bench_report_print (report);
  return errors == 0 ? 0 : 1;
}

GBytes *
bench_file_contents (const BenchOptions *options)
{
  char *data = g_malloc (options->size);

  for (int i = 0; i < options->size; i++)
    data[i] = 'a' + i % 26;
  return g_bytes_new_take (data, options->size);
}

char **
bench_file_paths (const BenchOptions *options)
{
  char **paths;

  if (options->dir == NULL)
    {
      g_printerr ("--dir is required\n");
      exit (2);
    }

  paths = g_new0 (char *, options->n + 1);
  for (int i = 0; i < options->n; i++)
    paths[i] = g_strdup_printf ("%s/f%06d.bin", options->dir, i);
  return paths;
}

int
bench_run_limited (const char         *impl,
                   const BenchOptions *options,
                   BenchLimitedFunc    run_all,
                   int                *max_inside,
                   const int          *failed)
{
  g_autofree char *warm_impl = options->warm ? g_strconcat (impl, "-warm", NULL) : NULL;
  BenchTimer timer;
  BenchReport *report;

  run_all (options->warm ? options->n : 1, options->concurrency);
  *max_inside = 0;

  bench_timer_start (&timer);
  run_all (options->n, options->concurrency);
  bench_timer_stop (&timer);

  report = bench_report_new ("W6", warm_impl != NULL ? warm_impl : impl, options->n, &timer);
  bench_report_add_int (report, "limit", options->concurrency);
  bench_report_add_int (report, "max_inside", *max_inside);
  bench_report_add_int (report, "errors", *failed);
  bench_report_print (report);
  return *failed == 0 && *max_inside == options->concurrency ? 0 : 1;
}
