/* gaio-scheduler.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include "gaio-debug-private.h"
#include "gaio-scheduler.h"
#include "gaio-scheduler-private.h"

typedef struct
{
  gint64        ready_time;
  guint64       sequence;   /* keeps timers with equal deadlines FIFO */
  GaioTimerFunc func;
  gpointer      data;
} Timer;

/* A binary min-heap of timers: an array of its own rather than a GArray,
 * so that adding and taking a timer, once per sleep, calls nothing. */
typedef struct
{
  Timer *data;
  guint  len;
  guint  size;
} TimerHeap;

typedef struct
{
  GaioRunItem   item;
  GaioTimerFunc func;
  gpointer      data;
} Call;

struct _GaioScheduler
{
  GSource      source;
  GMutex       lock;
  GaioRunItem *head;
  GaioRunItem **tail;
  guint64      pushed;          /* items ever queued, and ever taken: a */
  guint64      popped;          /* batch ends at the count it began with */
  TimerHeap    timers;
  guint64      timer_sequence;
  gint64       armed_time;      /* the earliest timer, as last given to GLib */
  GThread     *home;            /* the thread whose thread-default it is */
  int          holders;         /* atomic; see gaio_scheduler_ref() */
  /* The default-priority scheduler of a context owns its siblings at other
   * priorities, under its lock; see gaio_scheduler_get_for_priority(). */
  GPtrArray   *siblings;
};

typedef struct
{
  GMainContext  *context;
  GaioScheduler *scheduler;
} Cache;

static GMutex registry_lock;
static GHashTable *registry;    /* GMainContext* → GaioScheduler*, both unowned */

static __thread Cache *thread_cache;

static void
cache_free (gpointer data)
{
  Cache *cache = data;

  g_clear_pointer (&cache->scheduler, gaio_scheduler_unref);
  g_free (cache);
  thread_cache = NULL;   /* runs on the thread that is ending */
}

/* The GPrivate frees the cache when its thread ends; every future reads
 * it when it is made, through the cheaper thread-local pointer. */
static GPrivate cache_key = G_PRIVATE_INIT (cache_free);

/* Timer heap. */

static inline gboolean
timer_before (const Timer *a,
              const Timer *b)
{
  return a->ready_time < b->ready_time ||
         (a->ready_time == b->ready_time && a->sequence < b->sequence);
}

/* Both sift a hole rather than swap: a timer is copied once per level. */
static void
heap_push (TimerHeap   *heap,
           const Timer *timer)
{
  Timer *t;
  guint i;

  if (heap->len == heap->size)
    {
      heap->size = MAX (2 * heap->size, 16);
      heap->data = g_renew (Timer, heap->data, heap->size);
    }
  t = heap->data;
  for (i = heap->len++; i > 0; )
    {
      guint parent = (i - 1) / 2;

      if (!timer_before (timer, &t[parent]))
        break;
      t[i] = t[parent];
      i = parent;
    }
  t[i] = *timer;
}

static Timer
heap_pop (TimerHeap *heap)
{
  Timer *t = heap->data;
  Timer top = t[0];
  guint n = --heap->len;
  guint i = 0;

  if (n == 0)
    return top;

  /* The last timer goes where the hole left at the top sinks to. */
  for (;;)
    {
      guint m = 2 * i + 1;

      if (m >= n)
        break;
      if (m + 1 < n && timer_before (&t[m + 1], &t[m]))
        m++;
      if (!timer_before (&t[m], &t[n]))
        break;
      t[i] = t[m];
      i = m;
    }
  t[i] = t[n];

  return top;
}

/* Must hold the lock. Gives GLib the earliest timer, touching the context
 * only when it changes: GLib 2.74's g_source_set_ready_time() writes to the
 * context's wakeup fd every time, even from the thread iterating it. Queued
 * items are not a ready time: prepare() and check() report them. */
static void
rearm_locked (GaioScheduler *self)
{
  gint64 ready_time = -1;

  if (self->timers.len > 0)
    ready_time = self->timers.data[0].ready_time;

  if (ready_time != self->armed_time)
    {
      self->armed_time = ready_time;
      g_source_set_ready_time (&self->source, ready_time);
    }
}

/* Pops the oldest queued item if it was queued before the batch began. */
static GaioRunItem *
pop_item (GaioScheduler *self,
          guint64        batch_end)
{
  GaioRunItem *item = NULL;

  g_mutex_lock (&self->lock);
  if (self->head != NULL && self->popped < batch_end)
    {
      item = self->head;
      self->head = item->next;
      if (self->head == NULL)
        self->tail = &self->head;
      item->next = NULL;
      self->popped++;
    }
  g_mutex_unlock (&self->lock);

  return item;
}

/* Pops the earliest timer if it is due at @now and was added before the
 * batch began. */
static gboolean
pop_timer (GaioScheduler *self,
           gint64         now,
           guint64        batch_end,
           Timer         *timer)
{
  gboolean due = FALSE;

  g_mutex_lock (&self->lock);
  if (self->timers.len > 0)
    {
      const Timer *top = &self->timers.data[0];

      due = top->ready_time <= now && top->sequence < batch_end;
      if (due)
        *timer = heap_pop (&self->timers);
    }
  g_mutex_unlock (&self->lock);

  return due;
}

static gboolean
items_queued (GaioScheduler *self)
{
  gboolean queued;

  g_mutex_lock (&self->lock);
  queued = self->head != NULL;
  g_mutex_unlock (&self->lock);
  return queued;
}

/* Queued items make the source ready at once; timers are its ready time. */
static gboolean
gaio_scheduler_prepare (GSource *source,
                        gint    *timeout)
{
  gboolean queued = items_queued ((GaioScheduler *) source);

  *timeout = queued ? 0 : -1;
  return queued;
}

static gboolean
gaio_scheduler_check (GSource *source)
{
  return items_queued ((GaioScheduler *) source);
}

static gboolean
gaio_scheduler_dispatch (GSource     *source,
                         GSourceFunc  callback,
                         gpointer     user_data)
{
  GaioScheduler *self = (GaioScheduler *) source;
  gint64 now = g_source_get_time (source);
  guint64 items_end, timers_end, batch_size;
  GaioRunItem *item;
  Timer timer;

  /* A batch is what is ready now; whatever it schedules runs in the next
   * batch, so one busy chain of callbacks cannot starve the rest of the
   * loop. Its items and timers stay queued until each one runs: a callback
   * may iterate the context again (gaio_run() on a fiber does), and that
   * nested dispatch must find and run them, or it may wait forever for
   * something held back in this frame. */
  g_mutex_lock (&self->lock);
  items_end = self->pushed;
  timers_end = self->timer_sequence;
  batch_size = items_end - self->popped;
  g_mutex_unlock (&self->lock);

  GAIO_TRACE ("Scheduler %p: running a batch of %" G_GUINT64_FORMAT " items",
              self, batch_size);

  while ((item = pop_item (self, items_end)) != NULL)
    item->run (item);

  while (pop_timer (self, now, timers_end, &timer))
    timer.func (timer.data);

  g_mutex_lock (&self->lock);
  rearm_locked (self);
  g_mutex_unlock (&self->lock);

  return G_SOURCE_CONTINUE;
}

static void
gaio_scheduler_finalize (GSource *source)
{
  GaioScheduler *self = (GaioScheduler *) source;

  g_mutex_lock (&registry_lock);
  if (registry != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, registry);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (value == self)
          g_hash_table_iter_remove (&iter);
    }
  g_mutex_unlock (&registry_lock);

  if (self->head != NULL || self->timers.len > 0)
    g_warning ("A Gaio scheduler was destroyed with work still queued; "
               "was its GMainContext freed while futures were pending?");

  g_clear_pointer (&self->siblings, g_ptr_array_unref);
  g_free (self->timers.data);
  g_mutex_clear (&self->lock);
}

static GSourceFuncs scheduler_funcs = {
  .prepare = gaio_scheduler_prepare,
  .check = gaio_scheduler_check,
  .dispatch = gaio_scheduler_dispatch,
  .finalize = gaio_scheduler_finalize,
};

static GaioScheduler *
scheduler_new (GMainContext *context,
               int           priority)
{
  GaioScheduler *self;

  self = (GaioScheduler *) g_source_new (&scheduler_funcs, sizeof (GaioScheduler));
  g_source_set_static_name (&self->source, priority == G_PRIORITY_DEFAULT
                                             ? "[gaio] scheduler"
                                             : "[gaio] scheduler (other priority)");
  g_source_set_priority (&self->source, priority);
  g_source_set_can_recurse (&self->source, TRUE);
  g_mutex_init (&self->lock);
  self->tail = &self->head;
  self->armed_time = -1;
  self->home = g_thread_self ();
  self->holders = 1;            /* the caller's, in g_source_new()'s reference */
  g_source_attach (&self->source, context);

  return self;
}

/* Returns a new reference to the context's scheduler, creating it on first use. */
static GaioScheduler *
scheduler_for_context (GMainContext *context)
{
  GaioScheduler *self;

  g_mutex_lock (&registry_lock);
  if (registry == NULL)
    registry = g_hash_table_new (NULL, NULL);

  self = g_hash_table_lookup (registry, context);
  if (self == NULL || g_source_is_destroyed (&self->source))
    {
      /* A destroyed entry belonged to a freed context at the same address. */
      self = scheduler_new (context, G_PRIORITY_DEFAULT);
      g_hash_table_insert (registry, context, self);
    }
  else
    {
      gaio_scheduler_ref (self);
    }
  g_mutex_unlock (&registry_lock);

  return self;
}

/**
 * gaio_scheduler_get_thread_default: (skip)
 *
 * Returns: (transfer none): the scheduler of the calling thread's
 *   thread-default main context
 */
GaioScheduler *
gaio_scheduler_get_thread_default (void)
{
  GMainContext *context = g_main_context_get_thread_default ();
  Cache *cache = thread_cache;

  if (context == NULL)
    context = g_main_context_default ();

  if G_LIKELY (cache != NULL &&
               cache->context == context &&
               !g_source_is_destroyed (&cache->scheduler->source))
    return cache->scheduler;

  gaio_debug_init ();

  if (cache == NULL)
    {
      cache = g_new0 (Cache, 1);
      g_private_set (&cache_key, cache);
      thread_cache = cache;
    }

  g_clear_pointer (&cache->scheduler, gaio_scheduler_unref);
  cache->context = context;
  cache->scheduler = scheduler_for_context (context);

  return cache->scheduler;
}

/* Returns a new reference to the scheduler of @self's context that runs at
 * @priority: a second GSource with its own run queue and timers, so the
 * main loop orders its batches against input and drawing by priority. */
GaioScheduler *
gaio_scheduler_get_for_priority (GaioScheduler *self,
                                 int            priority)
{
  GMainContext *context = gaio_scheduler_get_context (self);
  GaioScheduler *base = scheduler_for_context (context);
  GaioScheduler *found = NULL;

  if (priority == G_PRIORITY_DEFAULT)
    return base;

  g_mutex_lock (&base->lock);
  if (base->siblings == NULL)
    base->siblings = g_ptr_array_new_with_free_func ((GDestroyNotify) gaio_scheduler_unref);
  for (guint i = 0; i < base->siblings->len && found == NULL; i++)
    {
      GaioScheduler *sibling = g_ptr_array_index (base->siblings, i);

      if (g_source_get_priority (&sibling->source) == priority)
        found = sibling;
    }
  if (found == NULL)
    {
      found = scheduler_new (context, priority);
      found->home = base->home;
      g_ptr_array_add (base->siblings, found);
    }
  gaio_scheduler_ref (found);
  g_mutex_unlock (&base->lock);

  gaio_scheduler_unref (base);
  return found;
}

int
gaio_scheduler_get_priority (GaioScheduler *self)
{
  return g_source_get_priority (&self->source);
}

/* Every future holds its scheduler, and g_source_unref() takes the
 * context's lock: the holders share one GSource reference instead, taken
 * by the first and dropped by the last, so that holding costs an atomic
 * add. Whoever takes a hold already has one, or the context's own
 * reference keeps the source alive meanwhile. */
GaioScheduler *
gaio_scheduler_ref (GaioScheduler *self)
{
  if (g_atomic_int_add (&self->holders, 1) == 0)
    g_source_ref (&self->source);
  return self;
}

void
gaio_scheduler_unref (GaioScheduler *self)
{
  if (g_atomic_int_dec_and_test (&self->holders))
    g_source_unref (&self->source);
}

GMainContext *
gaio_scheduler_get_context (GaioScheduler *self)
{
  return g_source_get_context (&self->source);
}

/* Whether the calling thread may run owner-only code now: it is iterating
 * the context, or it is the context's home thread and the context is free
 * (then it is acquired, and *acquired tells the caller to release it).
 * Another thread that merely could acquire a free context may not: the
 * home thread may be using the same objects between two iterations. */
gboolean
gaio_scheduler_acquire_here (GaioScheduler *self,
                             gboolean      *acquired)
{
  GMainContext *context = gaio_scheduler_get_context (self);

  *acquired = FALSE;
  if (g_main_context_is_owner (context))
    return TRUE;
  if (g_thread_self () != self->home)
    return FALSE;

  *acquired = g_main_context_acquire (context);
  return *acquired;
}

/* Thread-safe. @item must not be queued already. The thread iterating
 * the context runs prepare() before it next polls, which sees the item;
 * any other thread wakes the context, once for the first item queued. */
void
gaio_scheduler_push (GaioScheduler *self,
                     GaioRunItem   *item)
{
  gboolean first;

  item->next = NULL;

  g_mutex_lock (&self->lock);
  first = self->head == NULL;
  *self->tail = item;
  self->tail = &item->next;
  self->pushed++;
  g_mutex_unlock (&self->lock);

  if (first)
    {
      GMainContext *context = g_source_get_context (&self->source);

      if (context != NULL && !g_main_context_is_owner (context))
        g_main_context_wakeup (context);
    }
}

static void
call_run (GaioRunItem *item)
{
  Call *call = (Call *) item;

  call->func (call->data);
  g_free (call);
}

/* Thread-safe. Runs @func on the scheduler's context in the next batch. */
void
gaio_scheduler_call_soon (GaioScheduler *self,
                          GaioTimerFunc  func,
                          gpointer       data)
{
  Call *call = g_new (Call, 1);

  call->item.run = call_run;
  call->func = func;
  call->data = data;
  gaio_scheduler_push (self, &call->item);
}

/* Thread-safe. Runs @func on the scheduler's context once the monotonic
 * clock reaches @ready_time. Timers cannot be removed: their functions check
 * whether they still matter, as asyncio's cancelled handles do. */
void
gaio_scheduler_add_timer (GaioScheduler *self,
                          gint64         ready_time,
                          GaioTimerFunc  func,
                          gpointer       data)
{
  Timer timer = { ready_time, 0, func, data };

  g_mutex_lock (&self->lock);
  timer.sequence = self->timer_sequence++;
  heap_push (&self->timers, &timer);
  if (self->armed_time < 0 || ready_time < self->armed_time)
    {
      self->armed_time = ready_time;
      g_source_set_ready_time (&self->source, ready_time);
    }
  g_mutex_unlock (&self->lock);
}

guint
gaio_scheduler_get_n_timers (GaioScheduler *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = self->timers.len;
  g_mutex_unlock (&self->lock);
  return n;
}
