/* test-semaphore.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "test-gather-utils.h"

#define N_WORKERS 1000
#define LIMIT 7

typedef struct
{
  GaioSemaphore *semaphore;
  guint          active;
  guint          max_active;
  guint          finished;
} Workers;

static void
worker_done_cb (GaioFuture *sleep,
                gpointer    data)
{
  Workers *workers = data;

  workers->active--;
  workers->finished++;
  gaio_semaphore_release (workers->semaphore);
}

static void
worker_acquired_cb (GaioFuture *acquired,
                    gpointer    data)
{
  Workers *workers = data;
  g_autoptr(GaioFuture) work = gaio_sleep (workers->finished % 3);

  g_assert_cmpint (gaio_future_get_state (acquired), ==, GAIO_FUTURE_STATE_RESOLVED);
  workers->active++;
  workers->max_active = MAX (workers->max_active, workers->active);
  gaio_future_add_done_callback (work, worker_done_cb, workers, NULL);
}

/* The usual way to cap concurrent requests: 1,000 workers, LIMIT at a time. */
static void
test_semaphore_limits_workers (void)
{
  Workers workers = { gaio_semaphore_new (LIMIT), 0, 0, 0 };

  for (guint i = 0; i < N_WORKERS; i++)
    {
      g_autoptr(GaioFuture) acquire = gaio_semaphore_acquire (workers.semaphore);
      gaio_future_add_done_callback (acquire, worker_acquired_cb, &workers, NULL);
    }

  while (workers.finished < N_WORKERS)
    gaio_test_iterate_for (1);

  g_assert_cmpuint (workers.max_active, ==, LIMIT);
  g_assert_cmpuint (workers.active, ==, 0);
  g_assert_cmpuint (gaio_semaphore_get_value (workers.semaphore), ==, LIMIT);
  gaio_test_iterate_for (1);
  g_assert_finalize_object (workers.semaphore);
}

static void
test_semaphore_fifo (void)
{
  g_autoptr(GaioSemaphore) semaphore = gaio_semaphore_new (0);
  g_autoptr(GString) order = g_string_new (NULL);
  GaioFuture *waiters[3];

  g_assert_true (gaio_semaphore_is_locked (semaphore));
  for (guint i = 0; i < 3; i++)
    waiters[i] = gaio_semaphore_acquire (semaphore);

  gaio_semaphore_release (semaphore);
  gaio_test_iterate_for (1);
  g_assert_true (gaio_future_is_done (waiters[0]));
  g_assert_false (gaio_future_is_done (waiters[1]));
  gaio_semaphore_release (semaphore);
  gaio_semaphore_release (semaphore);
  g_assert_true (gaio_future_is_done (waiters[1]));
  g_assert_true (gaio_future_is_done (waiters[2]));
  g_assert_cmpuint (gaio_semaphore_get_value (semaphore), ==, 0);

  for (guint i = 0; i < 3; i++)
    g_object_unref (waiters[i]);
  gaio_test_iterate_for (1);
  g_assert_finalize_object (g_steal_pointer (&semaphore));
}

/* Many waiters, some cancelled, granted while others arrive: the line
 * grows, wraps around, is swept and shrinks, and stays first come, first
 * served, with no permit given to a cancelled waiter or lost. */
static void
test_semaphore_fifo_many (void)
{
  g_autoptr(GaioSemaphore) semaphore = gaio_semaphore_new (0);
  g_autoptr(GPtrArray) waiters = g_ptr_array_new_with_free_func (g_object_unref);
  guint next = 0;   /* the oldest waiter not granted yet */
  guint cancelled = 0;

  for (guint round = 0; round < 6; round++)
    {
      /* A few more arrive than are granted, so the line grows while its
       * head moves on; every third newcomer gives up. */
      for (guint i = 0; i < 700; i++)
        {
          GaioFuture *waiter = gaio_semaphore_acquire (semaphore);

          g_ptr_array_add (waiters, waiter);
          if (waiters->len % 3 == 0)
            {
              g_assert_true (gaio_future_cancel (waiter));
              cancelled++;
            }
        }
      for (guint i = 0; i < 300; i++)
        {
          gaio_semaphore_release (semaphore);
          while (gaio_future_is_cancelled (g_ptr_array_index (waiters, next)))
            next++;
          g_assert_true (gaio_future_is_done (g_ptr_array_index (waiters, next)));
          next++;
          if (next < waiters->len && !gaio_future_is_cancelled (g_ptr_array_index (waiters, next)))
            g_assert_false (gaio_future_is_done (g_ptr_array_index (waiters, next)));
        }
    }

  /* Everyone left is granted, in order; then the permits pile up. */
  for (guint i = 0; i < waiters->len; i++)
    gaio_semaphore_release (semaphore);
  for (guint i = 0; i < waiters->len; i++)
    {
      GaioFuture *waiter = g_ptr_array_index (waiters, i);

      g_assert_true (gaio_future_is_done (waiter));
      if (!gaio_future_is_cancelled (waiter))
        g_assert_cmpint (gaio_future_get_state (waiter), ==, GAIO_FUTURE_STATE_RESOLVED);
    }
  g_assert_cmpuint (gaio_semaphore_get_value (semaphore), ==, cancelled + 6 * 300);

  g_clear_pointer (&waiters, g_ptr_array_unref);
  gaio_test_iterate_for (1);
  g_assert_finalize_object (g_steal_pointer (&semaphore));
}

static void
test_semaphore_try_acquire (void)
{
  g_autoptr(GaioSemaphore) semaphore = gaio_semaphore_new (1);

  g_assert_true (gaio_semaphore_try_acquire (semaphore));
  g_assert_false (gaio_semaphore_try_acquire (semaphore));
  gaio_semaphore_release (semaphore);
  g_assert_cmpuint (gaio_semaphore_get_value (semaphore), ==, 1);
  g_assert_finalize_object (g_steal_pointer (&semaphore));
}

/* A cancelled waiting acquire leaves the line and never takes a permit. */
static void
test_semaphore_cancel_waiting (void)
{
  g_autoptr(GaioSemaphore) semaphore = gaio_semaphore_new (1);
  g_autoptr(GaioFuture) held = gaio_semaphore_acquire (semaphore);
  g_autoptr(GaioFuture) cancelled = gaio_semaphore_acquire (semaphore);
  g_autoptr(GaioFuture) next = gaio_semaphore_acquire (semaphore);

  g_assert_true (gaio_future_is_done (held));
  g_assert_true (gaio_future_cancel (cancelled));
  gaio_semaphore_release (semaphore);
  /* The permit skipped the cancelled waiter. */
  g_assert_cmpint (gaio_future_get_state (next), ==, GAIO_FUTURE_STATE_RESOLVED);
  gaio_semaphore_release (semaphore);
  g_assert_cmpuint (gaio_semaphore_get_value (semaphore), ==, 1);
  gaio_test_iterate_for (1);
  g_assert_finalize_object (g_steal_pointer (&semaphore));
}

typedef struct
{
  gboolean done;
  gboolean acquired;
  GError  *error;
} AcquireResult;

static void
acquire_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      data)
{
  AcquireResult *res = data;

  res->acquired = gaio_semaphore_acquire_finish (GAIO_SEMAPHORE (object), result, &res->error);
  res->done = TRUE;
}

static void
test_semaphore_acquire_async (void)
{
  g_autoptr(GaioSemaphore) semaphore = gaio_semaphore_new (1);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AcquireResult first = { 0 }, second = { 0 };

  gaio_semaphore_acquire_async (semaphore, NULL, acquire_done_cb, &first);
  gaio_semaphore_acquire_async (semaphore, cancellable, acquire_done_cb, &second);
  gaio_test_wait_for_flag (&first.done, 1000);
  g_assert_no_error (first.error);
  g_assert_true (first.acquired);
  g_assert_false (second.done);

  /* Cancelling a waiting acquire ends it promptly and takes no permit. */
  g_cancellable_cancel (cancellable);
  gaio_test_wait_for_flag (&second.done, 1000);
  g_assert_false (second.acquired);
  g_assert_error (second.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&second.error);

  gaio_semaphore_release (semaphore);
  g_assert_cmpuint (gaio_semaphore_get_value (semaphore), ==, 1);
  gaio_test_iterate_for (1);
  g_assert_finalize_object (g_steal_pointer (&semaphore));
}

/* The race: the permit is granted and the cancellable fires in the same
 * instant. The permit must pass on to the next waiter, not leak. */
static void
test_semaphore_cancel_race (void)
{
  g_autoptr(GaioSemaphore) semaphore = gaio_semaphore_new (0);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GaioFuture) next = NULL;
  AcquireResult racer = { 0 };

  gaio_semaphore_acquire_async (semaphore, cancellable, acquire_done_cb, &racer);
  next = gaio_semaphore_acquire (semaphore);

  gaio_semaphore_release (semaphore);      /* granted to racer... */
  g_cancellable_cancel (cancellable);      /* ...which gives up before it ran */
  gaio_test_wait_for_flag (&racer.done, 1000);
  g_assert_false (racer.acquired);
  g_assert_error (racer.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&racer.error);

  /* The permit went on to the next waiter. */
  gaio_test_wait_for_future (next, 1000);
  g_assert_cmpint (gaio_future_get_state (next), ==, GAIO_FUTURE_STATE_RESOLVED);
  gaio_semaphore_release (semaphore);
  g_assert_cmpuint (gaio_semaphore_get_value (semaphore), ==, 1);

  /* Same race with no one else waiting: the permit returns to the pool. */
  {
    g_autoptr(GCancellable) c2 = g_cancellable_new ();
    AcquireResult alone = { 0 };

    g_assert_true (gaio_semaphore_try_acquire (semaphore));
    gaio_semaphore_acquire_async (semaphore, c2, acquire_done_cb, &alone);
    gaio_semaphore_release (semaphore);
    g_cancellable_cancel (c2);
    gaio_test_wait_for_flag (&alone.done, 1000);
    g_assert_error (alone.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&alone.error);
    g_assert_cmpuint (gaio_semaphore_get_value (semaphore), ==, 1);
  }

  gaio_test_iterate_for (1);
  g_assert_finalize_object (g_steal_pointer (&semaphore));
}

/* Waiters left when the semaphore goes away are cancelled, not stranded. */
static void
test_semaphore_dispose_cancels_waiters (void)
{
  GaioSemaphore *semaphore = gaio_semaphore_new (0);
  g_autoptr(GaioFuture) waiter = gaio_semaphore_acquire (semaphore);

  g_assert_finalize_object (semaphore);
  g_assert_true (gaio_future_is_cancelled (waiter));
}

static void
test_semaphore_cancelled_waiters_freed (void)
{
  g_autoptr(GaioSemaphore) semaphore = gaio_semaphore_new (1);
  GWeakRef first;

  /* Timed-out acquires retried while the permit is held must not pile up:
   * cancelled waiters leave the queue long before their turn comes. */
  g_assert_true (gaio_semaphore_try_acquire (semaphore));
  for (int i = 0; i < 100; i++)
    {
      GaioFuture *waiter = gaio_semaphore_acquire (semaphore);

      if (i == 0)
        g_weak_ref_init (&first, waiter);
      g_assert_true (gaio_future_cancel (waiter));
      g_object_unref (waiter);
    }
  g_assert_null (g_weak_ref_get (&first));
  g_weak_ref_clear (&first);

  /* The permit still works, and goes to a live waiter. */
  {
    g_autoptr(GaioFuture) live = gaio_semaphore_acquire (semaphore);

    gaio_semaphore_release (semaphore);
    gaio_test_wait_for_future (live, 5000);
    g_assert_cmpint (gaio_future_get_state (live), ==, GAIO_FUTURE_STATE_RESOLVED);
    gaio_semaphore_release (semaphore);
  }
  gaio_test_iterate_for (1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/Gaio/Semaphore/limits-workers", test_semaphore_limits_workers);
  g_test_add_func ("/Gaio/Semaphore/fifo", test_semaphore_fifo);
  g_test_add_func ("/Gaio/Semaphore/fifo-many", test_semaphore_fifo_many);
  g_test_add_func ("/Gaio/Semaphore/try-acquire", test_semaphore_try_acquire);
  g_test_add_func ("/Gaio/Semaphore/cancel-waiting", test_semaphore_cancel_waiting);
  g_test_add_func ("/Gaio/Semaphore/acquire-async", test_semaphore_acquire_async);
  g_test_add_func ("/Gaio/Semaphore/cancel-race", test_semaphore_cancel_race);
  g_test_add_func ("/Gaio/Semaphore/dispose-cancels-waiters", test_semaphore_dispose_cancels_waiters);
  g_test_add_func ("/Gaio/Semaphore/cancelled-waiters-freed", test_semaphore_cancelled_waiters_freed);

  return g_test_run ();
}
