/* test-cancel-scope.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "test-utils.h"

typedef void (*Body) (GaioTask *task, gpointer data);

static void
run_body (Body     body,
          gpointer data)
{
  g_autoptr(GaioTask) task = gaio_task_spawn ("scoped", body, data, NULL);

  gaio_test_wait_for_future (GAIO_FUTURE (task), 10000);
  g_assert_true (gaio_future_propagate (GAIO_FUTURE (task), NULL));
}

static void
move_on_body (GaioTask *task,
              gpointer  data)
{
  g_autoptr(GaioFuture) sleep = gaio_sleep (60000);
  g_autoptr(GaioFuture) again = NULL;
  g_autoptr(GaioFuture) after = gaio_sleep (1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GaioCancelScope) scope = gaio_move_on_after (10);

  g_assert_null (gaio_await (sleep, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (gaio_future_is_cancelled (sleep));

  /* Level-triggered: the next await inside the scope fails at once, and
   * what it was given is cancelled. */
  again = gaio_sleep (0);
  g_clear_error (&error);
  g_assert_null (gaio_await (again, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (gaio_future_is_cancelled (again));

  g_assert_true (gaio_cancel_scope_leave (scope, &error));
  g_assert_no_error (error);
  g_assert_true (gaio_cancel_scope_cancelled_caught (scope));

  /* Outside the scope, awaits work again. */
  g_assert_nonnull (gaio_await (after, &error));
}

static void
test_scope_move_on_after (void)
{
  run_body (move_on_body, NULL);
}

static void
fail_body (GaioTask *task,
           gpointer  data)
{
  g_autoptr(GaioFuture) sleep = gaio_sleep (60000);
  g_autoptr(GError) error = NULL;
  g_autoptr(GaioCancelScope) scope = gaio_fail_after (10);

  g_assert_null (gaio_await (sleep, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_false (gaio_cancel_scope_leave (scope, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_true (gaio_cancel_scope_cancelled_caught (scope));
}

static void
test_scope_fail_after (void)
{
  run_body (fail_body, NULL);
}

static void
in_time_body (GaioTask *task,
              gpointer  data)
{
  g_autoptr(GaioFuture) sleep = gaio_sleep (1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GaioCancelScope) scope = gaio_fail_after (60000);

  g_assert_nonnull (gaio_await (sleep, &error));
  g_assert_true (gaio_cancel_scope_leave (scope, &error));
  g_assert_no_error (error);
  g_assert_false (gaio_cancel_scope_cancelled_caught (scope));
}

static void
test_scope_in_time (void)
{
  run_body (in_time_body, NULL);
}

/* The outer deadline is earlier: it wins, and the inner scope passes the
 * cancellation on to it. */
static void
outer_wins_body (GaioTask *task,
                 gpointer  data)
{
  g_autoptr(GaioFuture) sleep = gaio_sleep (60000);
  g_autoptr(GError) error = NULL;
  g_autoptr(GaioCancelScope) outer = gaio_fail_after (10);
  g_autoptr(GaioCancelScope) inner = gaio_move_on_after (60000);

  g_assert_null (gaio_await (sleep, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_false (gaio_cancel_scope_leave (inner, &error));
  g_assert_false (gaio_cancel_scope_cancelled_caught (inner));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_false (gaio_cancel_scope_leave (outer, &error));
  g_assert_true (gaio_cancel_scope_cancelled_caught (outer));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
}

static void
test_scope_outer_wins (void)
{
  run_body (outer_wins_body, NULL);
}

/* An inner scope that expired alone is over once left. */
static void
inner_contained_body (GaioTask *task,
                      gpointer  data)
{
  g_autoptr(GaioFuture) sleep = gaio_sleep (60000);
  g_autoptr(GaioFuture) after = gaio_sleep (2);
  g_autoptr(GError) error = NULL;
  g_autoptr(GaioCancelScope) outer = gaio_fail_after (60000);
  g_autoptr(GaioCancelScope) inner = gaio_move_on_after (5);

  g_assert_null (gaio_await (sleep, &error));
  g_assert_true (gaio_cancel_scope_leave (inner, &error));
  g_assert_no_error (error);
  g_assert_true (gaio_cancel_scope_cancelled_caught (inner));

  g_assert_nonnull (gaio_await (after, &error));
  g_assert_true (gaio_cancel_scope_leave (outer, &error));
  g_assert_false (gaio_cancel_scope_cancelled_caught (outer));
}

static void
test_scope_inner_contained (void)
{
  run_body (inner_contained_body, NULL);
}

static gboolean
reschedule_soon_cb (gpointer data)
{
  GaioCancelScope *scope = data;

  gaio_cancel_scope_reschedule (scope, g_get_monotonic_time () + 2000);
  return G_SOURCE_REMOVE;
}

/* asyncio's Timeout.reschedule(): later while running, earlier while
 * suspended (the suspended await wakes). */
static void
reschedule_body (GaioTask *task,
                 gpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GaioFuture) short_sleep = gaio_sleep (30);
  g_autoptr(GaioFuture) long_sleep = gaio_sleep (60000);
  g_autoptr(GaioCancelScope) later = gaio_fail_after (5);
  g_autoptr(GaioCancelScope) none = NULL;

  gaio_cancel_scope_reschedule (later, g_get_monotonic_time () + G_USEC_PER_SEC * 60);
  g_assert_nonnull (gaio_await (short_sleep, &error));
  g_assert_true (gaio_cancel_scope_leave (later, &error));

  none = gaio_cancel_scope_enter (-1, GAIO_CANCEL_SCOPE_FAIL);
  g_assert_cmpint (gaio_cancel_scope_get_deadline (none), ==, -1);
  g_timeout_add (5, reschedule_soon_cb, none);
  g_assert_null (gaio_await (long_sleep, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_false (gaio_cancel_scope_leave (none, &error));
}

static void
test_scope_reschedule (void)
{
  run_body (reschedule_body, NULL);
}

/* Cancelling the task is not caught by a scope. */
static void
task_cancel_body (GaioTask *task,
                  gpointer  data)
{
  g_autoptr(GaioFuture) sleep = gaio_sleep (60000);
  g_autoptr(GError) error = NULL;
  g_autoptr(GaioCancelScope) scope = gaio_move_on_after (60000);

  *(gboolean *) data = TRUE;
  g_assert_null (gaio_await (sleep, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (gaio_cancel_scope_leave (scope, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (gaio_cancel_scope_cancelled_caught (scope));
}

static void
test_scope_task_cancel (void)
{
  gboolean started = FALSE;
  g_autoptr(GaioTask) task = gaio_task_spawn ("scoped", task_cancel_body, &started, NULL);

  gaio_test_wait_for_flag (&started, 5000);
  g_assert_true (gaio_future_cancel (GAIO_FUTURE (task)));
  gaio_test_wait_for_future (GAIO_FUTURE (task), 5000);
  g_assert_true (gaio_future_is_cancelled (GAIO_FUTURE (task)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/Gaio/CancelScope/move-on-after", test_scope_move_on_after);
  g_test_add_func ("/Gaio/CancelScope/fail-after", test_scope_fail_after);
  g_test_add_func ("/Gaio/CancelScope/in-time", test_scope_in_time);
  g_test_add_func ("/Gaio/CancelScope/outer-wins", test_scope_outer_wins);
  g_test_add_func ("/Gaio/CancelScope/inner-contained", test_scope_inner_contained);
  g_test_add_func ("/Gaio/CancelScope/reschedule", test_scope_reschedule);
  g_test_add_func ("/Gaio/CancelScope/task-cancel", test_scope_task_cancel);

  return g_test_run ();
}
