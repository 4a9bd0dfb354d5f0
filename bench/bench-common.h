/* bench-common.h: what every C benchmark program shares
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The options every program takes; programs add their own with @extra. */
typedef struct
{
  int    n;
  int    concurrency;
  char  *url_base;
  char  *url_list;
  char  *dir;
  int    size;
  gboolean warm;  /* fiber workloads: warm the stack pool with an untimed round of n */
} BenchOptions;

/* @extra: (nullable): more options, NULL-terminated */
void    bench_parse_options (int           *argc,
                             char        ***argv,
                             BenchOptions  *options,
                             int            default_n,
                             const GOptionEntry *extra);

gint64  bench_now_ns        (void);
double  bench_cpu_seconds   (void);
long    bench_rss_kb        (void);
long    bench_peak_rss_kb   (void);
void    bench_touch         (gpointer       memory,
                             gsize          size);

/* Wall and CPU time of the measured part of a run. */
typedef struct
{
  gint64 start_ns;
  double start_cpu;
  double seconds;
  double cpu_seconds;
} BenchTimer;

void    bench_timer_start   (BenchTimer    *timer);
void    bench_timer_stop    (BenchTimer    *timer);

/* A JSON object built up key by key, printed as ONE line on stdout. */
typedef struct _BenchReport BenchReport;

BenchReport *bench_report_new        (const char  *workload,
                                      const char  *impl,
                                      int          n,
                                      BenchTimer  *timer);
void         bench_report_add_double (BenchReport *report,
                                      const char  *key,
                                      double       value);
void         bench_report_add_int    (BenchReport *report,
                                      const char  *key,
                                      gint64       value);
void         bench_report_add_string (BenchReport *report,
                                      const char  *key,
                                      const char  *value);
void         bench_report_print      (BenchReport *report);

/* Adds bytes_per_pending = (rss_pending_kb - rss_baseline_kb) * 1024 / n. */
void         bench_report_add_pending (BenchReport *report,
                                       long         rss_baseline_kb,
                                       long         rss_pending_kb,
                                       int          n);

/* W3/W4: prints the JSON line with "bytes" and "errors"; returns the exit
 * status (1 when anything failed). */
int          bench_report_io         (const char  *workload,
                                      const char  *impl,
                                      int          n,
                                      BenchTimer  *timer,
                                      guint64      bytes,
                                      int          errors);

/* W4: --size bytes of letters, and the n paths <--dir>/fNNNNNN.bin (a
 * NULL-terminated array); exits when --dir is missing. */
GBytes      *bench_file_contents     (const BenchOptions *options);
char       **bench_file_paths        (const BenchOptions *options);

/* W6: runs @run_all (1, limit) to warm up, then times @run_all (n, limit)
 * with limit = --concurrency, and prints the JSON line with "limit",
 * "max_inside" and "errors". *@max_inside must count the most holders at
 * once; it is reset after the warm-up. Returns the exit status: 1 unless
 * the limit was reached exactly and nothing failed. */
typedef void (*BenchLimitedFunc) (int n,
                                  int limit);

int          bench_run_limited       (const char         *impl,
                                      const BenchOptions *options,
                                      BenchLimitedFunc    run_all,
                                      int                *max_inside,
                                      const int          *failed);

/* Iterates the default main context until *@remaining drops to zero. */
void         bench_loop_until_zero   (const int   *remaining);

/* Queues @n items, each of which decrements the counter once done. */
typedef void (*BenchQueueFunc) (int n);

/* The W1/W2 measurement: one warm-up item, the RSS baseline, then, timed,
 * @queue (@n) (all @n items pending: RSS read here), @settle (@n) if not
 * NULL, and the loop until every item is done. Prints the JSON line with
 * bytes_per_pending. Arrays the program needs must exist (and be touched)
 * before the call, so that the baseline holds them. */
void         bench_run_pending       (const char     *workload,
                                      const char     *impl,
                                      int             n,
                                      int            *remaining,
                                      BenchQueueFunc  queue,
                                      BenchQueueFunc  settle);

G_END_DECLS
