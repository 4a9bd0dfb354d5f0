/* test-barrier.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "test-utils.h"

static void
test_barrier_rounds (void)
{
  g_autoptr(GaioBarrier) barrier = gaio_barrier_new (3);

  for (int round = 0; round < 2; round++)
    {
      g_autoptr(GaioFuture) a = gaio_barrier_wait (barrier);
      g_autoptr(GaioFuture) b = gaio_barrier_wait (barrier);
      g_autoptr(GaioFuture) c = NULL;

      g_assert_cmpuint (gaio_barrier_get_n_waiting (barrier), ==, 2);
      gaio_test_iterate_for (2);
      g_assert_false (gaio_future_is_done (a));

      c = gaio_barrier_wait (barrier);
      g_assert_cmpuint (gaio_barrier_get_n_waiting (barrier), ==, 0);
      g_assert_cmpint (g_value_get_int (gaio_run (a, NULL)), ==, 0);
      g_assert_cmpint (g_value_get_int (gaio_run (b, NULL)), ==, 1);
      g_assert_cmpint (g_value_get_int (gaio_run (c, NULL)), ==, 2);
    }
}

/* A wait cancelled before the round filled no longer counts. */
static void
test_barrier_cancel (void)
{
  g_autoptr(GaioBarrier) barrier = gaio_barrier_new (2);
  g_autoptr(GaioFuture) a = gaio_barrier_wait (barrier);
  g_autoptr(GaioFuture) b = NULL;
  g_autoptr(GaioFuture) c = NULL;

  g_assert_true (gaio_future_cancel (a));
  b = gaio_barrier_wait (barrier);
  g_assert_false (gaio_future_is_done (b));
  g_assert_cmpuint (gaio_barrier_get_n_waiting (barrier), ==, 1);
  c = gaio_barrier_wait (barrier);
  g_assert_cmpint (g_value_get_int (gaio_run (b, NULL)), ==, 0);
  g_assert_cmpint (g_value_get_int (gaio_run (c, NULL)), ==, 1);
}

static void
test_barrier_reset_abort (void)
{
  g_autoptr(GaioBarrier) barrier = gaio_barrier_new (2);
  g_autoptr(GaioFuture) a = gaio_barrier_wait (barrier);
  g_autoptr(GaioFuture) b = NULL;
  g_autoptr(GaioFuture) c = NULL;
  g_autoptr(GaioFuture) d = NULL;
  g_autoptr(GError) error = NULL;

  gaio_barrier_reset (barrier);
  g_assert_null (gaio_run (a, &error));
  g_assert_error (error, GAIO_ERROR, GAIO_ERROR_BROKEN_BARRIER);
  g_clear_error (&error);
  g_assert_false (gaio_barrier_is_broken (barrier));

  b = gaio_barrier_wait (barrier);
  gaio_barrier_abort (barrier);
  g_assert_true (gaio_barrier_is_broken (barrier));
  g_assert_null (gaio_run (b, &error));
  g_assert_error (error, GAIO_ERROR, GAIO_ERROR_BROKEN_BARRIER);
  g_clear_error (&error);
  c = gaio_barrier_wait (barrier);
  g_assert_null (gaio_run (c, &error));
  g_assert_error (error, GAIO_ERROR, GAIO_ERROR_BROKEN_BARRIER);
  g_clear_error (&error);

  gaio_barrier_reset (barrier);
  d = gaio_barrier_wait (barrier);
  g_assert_false (gaio_future_is_done (d));
  g_assert_true (gaio_future_cancel (d));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/Gaio/Barrier/rounds", test_barrier_rounds);
  g_test_add_func ("/Gaio/Barrier/cancel", test_barrier_cancel);
  g_test_add_func ("/Gaio/Barrier/reset-abort", test_barrier_reset_abort);

  return g_test_run ();
}
