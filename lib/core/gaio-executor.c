/* gaio-executor.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include "gaio-debug-private.h"
#include "gaio-executor.h"
#include "gaio-future-private.h"

/* A job's own future is what the function settles; the future handed to the
 * caller follows it. Cancelling the caller's future settles that one at
 * once, so a function finishing afterwards settles only its own future and
 * never trips over "settled twice". */
typedef struct
{
  GaioThreadFunc  func;
  gpointer        user_data;
  GDestroyNotify  destroy;
  GCancellable   *cancellable;  /* the caller's future's */
  GaioFuture     *own;          /* given to func */
} Job;

/* The bound is kept here, not by GThreadPool: a pool thread already idle
 * when its pool's maximum is lowered still takes the next task, so the
 * pool's own maximum cannot promise "at most N at once". Jobs past the
 * bound wait in @waiting; a worker finishing a job takes the next one
 * while the bound allows, keeping its slot. */
static GMutex pool_lock;
static GThreadPool *pool;
static GQueue waiting = G_QUEUE_INIT;   /* oldest first */
static guint running;                   /* jobs handed to the pool */
static guint pool_max_threads;          /* 0: one per processor */

static guint
effective_max_threads (void)
{
  return pool_max_threads != 0 ? pool_max_threads : MAX (g_get_num_processors (), 1);
}

static void
job_run (Job *job)
{
  GaioFuture *own = g_steal_pointer (&job->own);
  gboolean skip = g_cancellable_is_cancelled (job->cancellable);

  /* Cancelled while queued: the caller no longer wants it run. */
  if (skip)
    GAIO_TRACE ("Thread job %p skipped: its future settled before it started", job);
  else
    job->func (own, job->cancellable, job->user_data);

  /* The job holds no reference to the caller's future: func may settle its
   * own future, and the caller see the outcome, before this returns. */
  if (job->destroy != NULL)
    job->destroy (job->user_data);
  g_object_unref (job->cancellable);
  g_free (job);

  if (skip)
    {
      gaio_future_settle_cancelled (own);
    }
  else
    {
      /* Returning without settling means "done, no value". */
      gaio_future_settle (own, GAIO_FUTURE_STATE_RESOLVED, NULL, NULL, TRUE);
    }
  g_object_unref (own);
}

/* Gives up the finished job's slot, or keeps it for the next waiting job. */
static Job *
next_job (void)
{
  Job *next = NULL;

  g_mutex_lock (&pool_lock);
  if (running <= effective_max_threads ())
    next = g_queue_pop_head (&waiting);
  if (next == NULL)
    running--;
  g_mutex_unlock (&pool_lock);

  return next;
}

static void
worker_run (gpointer data,
            gpointer pool_data)
{
  for (Job *job = data; job != NULL; job = next_job ())
    job_run (job);
}

/* Called with pool_lock held. */
static void
hand_to_pool_locked (Job *job)
{
  g_autoptr(GError) error = NULL;

  running++;
  if (pool == NULL)
    pool = g_thread_pool_new (worker_run, NULL, -1, FALSE, &error);
  g_assert_no_error (error);    /* non-exclusive pools start no thread here */

  /* On failure to start a thread the job stays queued for a running one. */
  if (!g_thread_pool_push (pool, job, &error))
    g_warning ("Could not start a Gaio worker thread: %s", error->message);
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
  Job *job;

  g_return_val_if_fail (func != NULL, NULL);

  job = g_new0 (Job, 1);
  job->func = func;
  job->user_data = user_data;
  job->destroy = destroy;
  result = gaio_future_new ();
  job->cancellable = g_object_ref (gaio_future_get_cancellable (result));
  job->own = gaio_future_new ();
  gaio_future_follow (result, job->own);

  g_mutex_lock (&pool_lock);
  if (running < effective_max_threads ())
    hand_to_pool_locked (job);
  else
    g_queue_push_tail (&waiting, job);
  g_mutex_unlock (&pool_lock);

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
    hand_to_pool_locked (g_queue_pop_head (&waiting));
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
