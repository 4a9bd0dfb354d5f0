/* gaio-executor.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include "gaio-debug-private.h"
#include "gaio-executor-private.h"
#include "gaio-future-private.h"

typedef enum {
  JOB_NEW,                      /* not yet in the queue */
  JOB_QUEUED,                   /* in @waiting */
  JOB_STARTED,                  /* handed to the pool, to run or to skip */
} JobState;

/* One job on the pool. The state is read and written under pool_lock. */
typedef struct
{
  GaioJobFunc   func;
  gpointer      data;
  GCancellable *cancellable;    /* nullable */
  gulong        handler;        /* takes the job out of the queue on cancel */
  JobState      state;
  GList         link;           /* in @waiting: a cancel unlinks it in O(1) */
  gboolean      counted;        /* holds one of the bound's slots */
} Job;

/* The bound is kept here, not by GThreadPool: a pool thread already idle
 * when its pool's maximum is lowered still takes the next task, so the
 * pool's own maximum cannot promise "at most N at once". Jobs past the
 * bound wait in @waiting; a worker finishing a job takes the next one
 * while the bound allows, keeping its slot. A job cancelled while it waits
 * leaves the queue and is skipped at once, outside the bound: skipping
 * does no work. */
static GMutex pool_lock;
static GThreadPool *pool;
static GQueue waiting = G_QUEUE_INIT;   /* oldest first */
static guint running;                   /* counted jobs handed to the pool */
static guint pool_max_threads;          /* 0: one per processor */

static guint
effective_max_threads (void)
{
  return pool_max_threads != 0 ? pool_max_threads : MAX (g_get_num_processors (), 1);
}

static void
job_run (Job *job)
{
  gboolean skipped;

  /* Outside pool_lock: disconnecting waits for a handler running on the
   * cancelling thread, and the handler takes pool_lock. */
  if (job->cancellable != NULL)
    {
      g_cancellable_disconnect (job->cancellable, job->handler);
      g_object_unref (job->cancellable);
    }
  skipped = job->cancellable != NULL && g_cancellable_is_cancelled (job->cancellable);
  if (skipped)
    GAIO_TRACE ("Thread job %p skipped: cancelled before it started", job);

  job->func (job->data, skipped);
  g_free (job);
}

/* Gives up the finished job's slot, or keeps it for the next waiting job. */
static Job *
next_job (void)
{
  Job *next = NULL;

  g_mutex_lock (&pool_lock);
  if (running <= effective_max_threads () && !g_queue_is_empty (&waiting))
    next = g_queue_pop_head_link (&waiting)->data;
  if (next != NULL)
    {
      next->state = JOB_STARTED;
      next->counted = TRUE;
    }
  else
    {
      running--;
    }
  g_mutex_unlock (&pool_lock);

  return next;
}

static void
worker_run (gpointer data,
            gpointer pool_data)
{
  Job *job = data;

  if (!job->counted)
    {
      job_run (job);
      return;
    }

  for (; job != NULL; job = next_job ())
    job_run (job);
}

/* Called with pool_lock held. */
static void
hand_to_pool_locked (Job      *job,
                     gboolean  counted)
{
  g_autoptr(GError) error = NULL;

  job->state = JOB_STARTED;
  job->counted = counted;
  if (counted)
    running++;
  if (pool == NULL)
    pool = g_thread_pool_new (worker_run, NULL, -1, FALSE, &error);
  g_assert_no_error (error);    /* non-exclusive pools start no thread here */

  /* On failure to start a thread the job stays queued for a running one. */
  if (!g_thread_pool_push (pool, job, &error))
    g_warning ("Could not start a Gaio worker thread: %s", error->message);
}

/* Runs on the cancelling thread; the job may be anywhere by then. */
static void
job_cancelled (GCancellable *cancellable,
               gpointer      data)
{
  Job *job = data;

  g_mutex_lock (&pool_lock);
  if (job->state == JOB_QUEUED)
    {
      g_queue_unlink (&waiting, &job->link);
      hand_to_pool_locked (job, FALSE);
    }
  g_mutex_unlock (&pool_lock);
}

void
gaio_executor_push (GaioJobFunc   func,
                    gpointer      data,
                    GCancellable *cancellable)
{
  Job *job = g_new0 (Job, 1);

  job->func = func;
  job->data = data;
  job->state = JOB_NEW;
  if (cancellable != NULL)
    {
      job->cancellable = g_object_ref (cancellable);
      /* Before the job can start, so that it can be disconnected; a
       * cancel from now on finds the job queued, or the check below sees
       * it. Already cancelled, this calls job_cancelled(), which leaves a
       * new job alone. */
      job->handler = g_cancellable_connect (cancellable, G_CALLBACK (job_cancelled), job, NULL);
    }

  g_mutex_lock (&pool_lock);
  if (cancellable != NULL && g_cancellable_is_cancelled (cancellable))
    hand_to_pool_locked (job, FALSE);
  else if (running < effective_max_threads ())
    hand_to_pool_locked (job, TRUE);
  else
    {
      job->state = JOB_QUEUED;
      job->link.data = job;
      g_queue_push_tail_link (&waiting, &job->link);
    }
  g_mutex_unlock (&pool_lock);
}

guint
gaio_executor_count_waiting (void)
{
  guint n;

  g_mutex_lock (&pool_lock);
  n = g_queue_get_length (&waiting);
  g_mutex_unlock (&pool_lock);

  return n;
}

/* gaio_run_in_thread()'s job. Its own future is what the function settles;
 * the future handed to the caller follows it. Cancelling the caller's
 * future settles that one at once, so a function finishing afterwards
 * settles only its own future and never trips over "settled twice". */
typedef struct
{
  GaioThreadFunc  func;
  gpointer        user_data;
  GDestroyNotify  destroy;
  GCancellable   *cancellable;  /* the caller's future's */
  GaioFuture     *own;          /* given to func */
} ThreadJob;

static void
thread_job_run (gpointer data,
                gboolean skipped)
{
  ThreadJob *job = data;
  GaioFuture *own = g_steal_pointer (&job->own);

  /* Cancelled while queued: the caller no longer wants it run. Settled
   * before @destroy runs, so that whoever waits for the data to be freed
   * finds the outcome already on its way. */
  if (skipped)
    gaio_future_settle_cancelled (own);
  else
    job->func (own, job->cancellable, job->user_data);

  /* The job holds no reference to the caller's future: func may settle its
   * own future, and the caller see the outcome, before this returns. */
  if (job->destroy != NULL)
    job->destroy (job->user_data);
  g_object_unref (job->cancellable);
  g_free (job);

  /* Returning without settling means "done, no value". */
  if (!skipped)
    gaio_future_settle (own, GAIO_FUTURE_STATE_RESOLVED, NULL, NULL, TRUE);
  g_object_unref (own);
}

/**
 * gaio_run_in_thread:
 * @func: (scope notified) (closure user_data) (destroy destroy): the
 *   blocking function
 * @user_data: data for @func
 * @destroy: (nullable): frees @user_data, on the worker thread, once @func
 *   has run or was skipped
 *
 * Runs @func on Gaio's bounded thread pool, like `loop.run_in_executor()`
 * and `asyncio.to_thread()`, and returns a future of its outcome.
 *
 * @func receives a future of its own to resolve or reject from the worker
 * thread (returning without settling it resolves with no value) and a
 * cancellable to check while it works. The returned future settles the
 * same way, with its callbacks on the thread-default main context of the
 * caller.
 *
 * Cancelling the returned future settles it at once and cancels the
 * cancellable; if @func has not started yet it is skipped. At most
 * [func@Gaio.get_max_threads] functions run at a time; the rest queue.
 *
 * From Python, use the override's `Gaio.to_thread()`, which runs the
 * function here holding the GIL as PyGObject does for any callback. GJS
 * cannot run JavaScript on another thread: pass no JavaScript function.
 *
 * Returns: (transfer full): a future of @func's outcome
 */
GaioFuture *
gaio_run_in_thread (GaioThreadFunc func,
                    gpointer       user_data,
                    GDestroyNotify destroy)
{
  GaioFuture *result;
  ThreadJob *job;

  g_return_val_if_fail (func != NULL, NULL);

  job = g_new0 (ThreadJob, 1);
  job->func = func;
  job->user_data = user_data;
  job->destroy = destroy;
  result = gaio_future_new ();
  job->cancellable = g_object_ref (gaio_future_get_cancellable (result));
  job->own = gaio_future_new ();
  gaio_future_follow (result, job->own);
  gaio_executor_push (thread_job_run, job, job->cancellable);

  return result;
}

/**
 * gaio_set_max_threads:
 * @max_threads: the most functions [func@Gaio.run_in_thread] runs at once,
 *   or 0 for one per processor (the default)
 *
 * Bounds Gaio's thread pool. Queued work starts as the bound allows;
 * lowering the bound lets running functions finish and starts no more
 * until fewer than @max_threads run. Thread-safe.
 */
void
gaio_set_max_threads (guint max_threads)
{
  g_mutex_lock (&pool_lock);
  pool_max_threads = max_threads;
  while (running < effective_max_threads () && !g_queue_is_empty (&waiting))
    hand_to_pool_locked (g_queue_pop_head_link (&waiting)->data, TRUE);
  g_mutex_unlock (&pool_lock);
}

/**
 * gaio_get_max_threads:
 *
 * Gets the bound of Gaio's thread pool.
 *
 * Returns: the most functions [func@Gaio.run_in_thread] runs at once
 */
guint
gaio_get_max_threads (void)
{
  guint result;

  g_mutex_lock (&pool_lock);
  result = effective_max_threads ();
  g_mutex_unlock (&pool_lock);

  return result;
}
