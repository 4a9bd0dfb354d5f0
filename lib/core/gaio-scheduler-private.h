/* gaio-scheduler-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One GaioScheduler exists per GMainContext. It is a GSource that owns the
 * context's run queue (asyncio's ready deque) and its timer heap, and drains
 * both in batches: settling a million futures costs one GSource, not a
 * million. */
typedef struct _GaioScheduler GaioScheduler;
typedef struct _GaioRunItem GaioRunItem;

typedef void (*GaioRunFunc)   (GaioRunItem *item);
typedef void (*GaioTimerFunc) (gpointer     data);

/* Embedded in whatever needs to run later, so queuing allocates nothing. */
struct _GaioRunItem
{
  GaioRunItem *next;
  GaioRunFunc  run;
};

GaioScheduler *gaio_scheduler_get_thread_default (void);
GaioScheduler *gaio_scheduler_ref                (GaioScheduler *self);
void           gaio_scheduler_unref              (GaioScheduler *self);
GMainContext  *gaio_scheduler_get_context        (GaioScheduler *self);
GaioScheduler *gaio_scheduler_get_for_priority   (GaioScheduler *self,
                                                  int            priority);
int            gaio_scheduler_get_priority       (GaioScheduler *self);
gboolean       gaio_scheduler_acquire_here       (GaioScheduler *self,
                                                  gboolean      *acquired);
void           gaio_scheduler_push               (GaioScheduler *self,
                                                  GaioRunItem   *item);
void           gaio_scheduler_call_soon          (GaioScheduler *self,
                                                  GaioTimerFunc  func,
                                                  gpointer       data);
/* The monotonic time @milliseconds from now, counted from the call (not the
 * context's cached iteration time, which can lie well in the past). */
static inline gint64
gaio_scheduler_deadline_after (guint milliseconds)
{
  return g_get_monotonic_time () + (gint64) milliseconds * 1000;
}

void           gaio_scheduler_add_timer          (GaioScheduler *self,
                                                  gint64         ready_time,
                                                  GaioTimerFunc  func,
                                                  gpointer       data);

/* Timers in the heap, due or not, live or not: for the tests. */
guint          gaio_scheduler_get_n_timers       (GaioScheduler *self);

G_END_DECLS
