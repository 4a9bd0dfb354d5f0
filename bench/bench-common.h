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

G_END_DECLS
