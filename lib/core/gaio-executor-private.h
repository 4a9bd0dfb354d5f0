/* gaio-executor-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#include "gaio-executor.h"

G_BEGIN_DECLS

/* A job on Gaio's one worker pool: gaio_run_in_thread(), whole-file jobs,
 * file handles and streamed downloads all run here, under the one bound
 * gaio_set_max_threads() sets. @skipped is TRUE when the job's cancellable
 * was cancelled before it started: the job then only releases its data and
 * reports "cancelled", without doing the work. */
typedef void (*GaioJobFunc) (gpointer data,
                             gboolean skipped);

/* Runs @func (@data, skipped) once, on a worker thread. While the bound
 * keeps the job queued, cancelling @cancellable (nullable) takes it out of
 * the queue and runs it at once as skipped, so a cancelled job never waits
 * for the ones ahead of it. Thread-safe. */
void gaio_executor_push (GaioJobFunc   func,
                         gpointer      data,
                         GCancellable *cancellable);

/* For tests: how many jobs wait for a slot. Thread-safe. */
guint gaio_executor_count_waiting (void);

G_END_DECLS
