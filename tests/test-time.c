/* test-time.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <string.h>

#include "test-utils.h"

static void
append_cb (GaioFuture *future,
           gpointer    data)
{
  g_string_append (data, gaio_future_get_name (future));
}

static void
test_time_sleep_order (void)
{
  g_autoptr(GString) order = g_string_new (NULL);
  g_autoptr(GaioFuture) slow = gaio_sleep (60);
  g_autoptr(GaioFuture) fast = gaio_sleep (20);
  g_autoptr(GaioFuture) same = gaio_sleep (20);
  gint64 start = g_get_monotonic_time ();

  gaio_future_set_name (slow, "c");
  gaio_future_set_name (fast, "a");
  gaio_future_set_name (same, "b");
  gaio_future_add_done_callback (slow, append_cb, order, NULL);
  gaio_future_add_done_callback (fast, append_cb, order, NULL);
  gaio_future_add_done_callback (same, append_cb, order, NULL);

  gaio_test_wait_for_future (slow, 5000);
  gaio_test_iterate_for (1);
  /* Equal deadlines keep the order the sleeps were made in. */
  g_assert_cmpstr (order->str, ==, "abc");
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 60 * 1000);

  g_assert_finalize_object (g_steal_pointer (&slow));
  g_assert_finalize_object (g_steal_pointer (&fast));
  g_assert_finalize_object (g_steal_pointer (&same));
}

static void
test_time_sleep_cancel (void)
{
  g_autoptr(GaioFuture) sleep = gaio_sleep (10000);
  gint64 start = g_get_monotonic_time ();

  g_assert_true (gaio_future_cancel (sleep));
  g_assert_true (gaio_future_is_cancelled (sleep));
  gaio_test_iterate_for (5);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

static void
test_time_run (void)
{
  g_autoptr(GaioFuture) sleep = gaio_sleep (10);
  g_autoptr(GaioFuture) failed = NULL;
  g_autoptr(GError) error = NULL;
  const GValue *value;

  value = gaio_run (sleep, &error);
  g_assert_no_error (error);
  g_assert_nonnull (value);
  g_assert_false (G_IS_VALUE (value));

  failed = gaio_future_new_rejected (g_error_new_literal (G_IO_ERROR, G_IO_ERROR_BUSY, "busy"));
  g_assert_null (gaio_run (failed, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
}

static void
test_time_timeout_expires (void)
{
  g_autoptr(GaioFuture) inner = gaio_sleep (10000);
  g_autoptr(GaioFuture) limited = gaio_timeout (inner, 20);
  g_autoptr(GError) error = NULL;

  g_assert_null (gaio_run (limited, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_nonnull (strstr (error->message, "20 ms"));
  /* wait_for cancels what it waited for. */
  g_assert_true (gaio_future_is_cancelled (inner));
}

static void
test_time_timeout_in_time (void)
{
  g_autoptr(GaioFuture) inner = gaio_future_new ();
  g_autoptr(GaioFuture) limited = gaio_timeout (inner, 5000);
  g_autoptr(GError) error = NULL;
  const GValue *value;

  gaio_future_resolve_string (inner, "made it");
  value = gaio_run (limited, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_value_get_string (value), ==, "made it");
}

static void
test_time_timeout_cancel (void)
{
  g_autoptr(GaioFuture) inner = gaio_sleep (10000);
  g_autoptr(GaioFuture) limited = gaio_timeout (inner, 10000);

  g_assert_true (gaio_future_cancel (limited));
  g_assert_true (gaio_future_is_cancelled (limited));
  g_assert_true (gaio_future_is_cancelled (inner));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/Gaio/Time/sleep-order", test_time_sleep_order);
  g_test_add_func ("/Gaio/Time/sleep-cancel", test_time_sleep_cancel);
  g_test_add_func ("/Gaio/Time/run", test_time_run);
  g_test_add_func ("/Gaio/Time/timeout-expires", test_time_timeout_expires);
  g_test_add_func ("/Gaio/Time/timeout-in-time", test_time_timeout_in_time);
  g_test_add_func ("/Gaio/Time/timeout-cancel", test_time_timeout_cancel);

  return g_test_run ();
}
