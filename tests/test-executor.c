/* test-executor.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "test-utils.h"

static GThread *main_thread;

/* The result lands on the owner context. */

static void
answer_func (GaioFuture   *future,
             GCancellable *cancellable,
             gpointer      user_data)
{
  g_assert_true (g_thread_self () != main_thread);
  g_assert_false (g_cancellable_is_cancelled (cancellable));
  gaio_future_resolve_int (future, GPOINTER_TO_INT (user_data));
}

static void
on_main_cb (GaioFuture *future,
            gpointer    data)
{
  g_assert_true (g_thread_self () == main_thread);
  *(gboolean *) data = TRUE;
}

static void
test_executor_result (void)
{
  g_autoptr(GaioFuture) future = gaio_run_in_thread (answer_func, GINT_TO_POINTER (42), NULL);
  g_autoptr(GError) error = NULL;
  gboolean called = FALSE;
  const GValue *value;

  gaio_future_add_done_callback (future, on_main_cb, &called, NULL);
  value = gaio_run (future, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_value_get_int (value), ==, 42);
  gaio_test_wait_for_flag (&called, 5000);
  g_assert_finalize_object (g_steal_pointer (&future));
}

/* Returning without settling resolves with no value; destroy runs. */

static void
nothing_func (GaioFuture   *future,
              GCancellable *cancellable,
              gpointer      user_data)
{
}

/* Runs on a worker: wakes the main context, which waits for the flag. */
static void
set_flag (gpointer data)
{
  g_atomic_int_set ((int *) data, TRUE);
  g_main_context_wakeup (NULL);
}

static void
test_executor_no_value (void)
{
  int destroyed = FALSE;
  g_autoptr(GaioFuture) future = gaio_run_in_thread (nothing_func, &destroyed, set_flag);
  g_autoptr(GError) error = NULL;
  const GValue *value;

  value = gaio_run (future, &error);
  g_assert_no_error (error);
  g_assert_false (G_IS_VALUE (value));
  gaio_test_wait_for_flag (&destroyed, 5000);
  g_assert_finalize_object (g_steal_pointer (&future));
}

/* Errors propagate. */

static void
failing_func (GaioFuture   *future,
              GCancellable *cancellable,
              gpointer      user_data)
{
  gaio_future_reject_literal (future, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, "denied");
}

static void
test_executor_error (void)
{
  g_autoptr(GaioFuture) future = gaio_run_in_thread (failing_func, NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_null (gaio_run (future, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_finalize_object (g_steal_pointer (&future));
}

/* Cancelled while queued: the job never runs, and leaves the queue at
 * once: its data is freed while the job ahead of it still blocks. */

static void
must_not_run_func (GaioFuture   *future,
                   GCancellable *cancellable,
                   gpointer      user_data)
{
  g_assert_not_reached ();
}

static void
test_executor_cancel_before_start (void)
{
  GaioTestGate gate;
  int destroyed = FALSE;
  g_autoptr(GaioFuture) blocker = NULL;
  g_autoptr(GaioFuture) queued = NULL;
  g_autoptr(GError) error = NULL;

  gaio_test_gate_init (&gate);
  gaio_set_max_threads (1);

  blocker = gaio_run_in_thread (gaio_test_gate_func, &gate, NULL);
  gaio_test_gate_wait_started (&gate);

  queued = gaio_run_in_thread (must_not_run_func, &destroyed, set_flag);
  g_assert_true (gaio_future_cancel (queued));
  g_assert_true (gaio_future_is_cancelled (queued));
  gaio_test_wait_for_flag (&destroyed, 5000);
  g_assert_false (gaio_future_is_done (blocker));

  gaio_test_gate_release (&gate);
  gaio_test_wait_for_future (blocker, 5000);
  g_assert_false (gaio_future_propagate (queued, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  gaio_set_max_threads (0);
  gaio_test_gate_clear (&gate);
  g_assert_finalize_object (g_steal_pointer (&blocker));
  g_assert_finalize_object (g_steal_pointer (&queued));
}

/* Cancelled while running: the function sees its cancellable, and its
 * late result is dropped without a critical. */

static void
looping_func (GaioFuture   *future,
              GCancellable *cancellable,
              gpointer      user_data)
{
  g_atomic_int_set ((int *) user_data, TRUE);
  while (!g_cancellable_is_cancelled (cancellable))
    g_usleep (1000);
  gaio_future_resolve_int (future, 1);
}

static void
test_executor_cancel_running (void)
{
  int started = FALSE;
  g_autoptr(GaioFuture) future = gaio_run_in_thread (looping_func, &started, NULL);
  g_autoptr(GError) error = NULL;

  while (!g_atomic_int_get (&started))
    g_usleep (1000);
  g_assert_true (gaio_future_cancel (future));
  g_assert_null (gaio_run (future, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  gaio_test_iterate_for (20);
  g_assert_finalize_object (g_steal_pointer (&future));
}

/* The pool's bound is observed. */

typedef struct
{
  int running;
  int peak;
} Counter;

static void
counting_func (GaioFuture   *future,
               GCancellable *cancellable,
               gpointer      user_data)
{
  Counter *counter = user_data;
  int now = g_atomic_int_add (&counter->running, 1) + 1;
  int peak;

  while ((peak = g_atomic_int_get (&counter->peak)) < now &&
         !g_atomic_int_compare_and_exchange (&counter->peak, peak, now))
    ;
  g_usleep (20 * 1000);
  g_atomic_int_add (&counter->running, -1);
}

static void
test_executor_max_threads (void)
{
  g_autoptr(GPtrArray) futures = g_ptr_array_new_with_free_func (g_object_unref);
  Counter counter = { 0 };

  g_assert_cmpuint (gaio_get_max_threads (), ==, g_get_num_processors ());
  gaio_set_max_threads (2);
  g_assert_cmpuint (gaio_get_max_threads (), ==, 2);

  for (guint i = 0; i < 8; i++)
    g_ptr_array_add (futures, gaio_run_in_thread (counting_func, &counter, NULL));
  for (guint i = 0; i < futures->len; i++)
    gaio_test_wait_for_future (g_ptr_array_index (futures, i), 5000);

  g_assert_cmpint (counter.peak, ==, 2);
  gaio_set_max_threads (0);
  g_assert_cmpuint (gaio_get_max_threads (), ==, g_get_num_processors ());
}

/* Lowering the bound holds even for a pool thread already idle and waiting
 * for work: with the bound lowered to 1 while a job blocks, a second job
 * waits instead of starting on the idle thread. */
static void
test_executor_lowered_bound (void)
{
  g_autoptr(GPtrArray) warmup = g_ptr_array_new_with_free_func (g_object_unref);
  Counter counter = { 0 };
  GaioTestGate gate;
  g_autoptr(GaioFuture) blocker = NULL;
  g_autoptr(GaioFuture) queued = NULL;

  /* Leave two threads idle in the pool. */
  gaio_set_max_threads (2);
  for (guint i = 0; i < 2; i++)
    g_ptr_array_add (warmup, gaio_run_in_thread (counting_func, &counter, NULL));
  for (guint i = 0; i < warmup->len; i++)
    gaio_test_wait_for_future (g_ptr_array_index (warmup, i), 5000);
  g_assert_cmpint (counter.peak, ==, 2);

  gaio_test_gate_init (&gate);
  gaio_set_max_threads (1);
  blocker = gaio_run_in_thread (gaio_test_gate_func, &gate, NULL);
  gaio_test_gate_wait_started (&gate);

  counter.peak = 0;
  queued = gaio_run_in_thread (counting_func, &counter, NULL);
  g_usleep (50 * 1000);
  g_assert_cmpint (g_atomic_int_get (&counter.peak), ==, 0);
  g_assert_false (gaio_future_is_done (queued));

  gaio_test_gate_release (&gate);
  gaio_test_wait_for_future (blocker, 5000);
  gaio_test_wait_for_future (queued, 5000);
  g_assert_cmpint (counter.peak, ==, 1);

  gaio_set_max_threads (0);
  gaio_test_gate_clear (&gate);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  main_thread = g_thread_self ();

  g_test_add_func ("/Gaio/Executor/result", test_executor_result);
  g_test_add_func ("/Gaio/Executor/no-value", test_executor_no_value);
  g_test_add_func ("/Gaio/Executor/error", test_executor_error);
  g_test_add_func ("/Gaio/Executor/cancel-before-start", test_executor_cancel_before_start);
  g_test_add_func ("/Gaio/Executor/cancel-running", test_executor_cancel_running);
  g_test_add_func ("/Gaio/Executor/max-threads", test_executor_max_threads);
  g_test_add_func ("/Gaio/Executor/lowered-bound", test_executor_lowered_bound);

  return g_test_run ();
}
