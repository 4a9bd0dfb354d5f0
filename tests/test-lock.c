/* test-lock.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "test-gather-utils.h"

static void
test_lock_acquire_release (void)
{
  g_autoptr(GaioLock) lock = gaio_lock_new ();
  g_autoptr(GaioFuture) first = NULL;
  g_autoptr(GaioFuture) second = NULL;

  g_assert_false (gaio_lock_is_locked (lock));
  first = gaio_lock_acquire (lock);
  g_assert_true (gaio_lock_is_locked (lock));
  second = gaio_lock_acquire (lock);
  gaio_test_wait_for_future (first, 1000);
  g_assert_false (gaio_future_is_done (second));
  g_assert_false (gaio_lock_try_acquire (lock));

  /* Release hands the lock straight to the next waiter. */
  gaio_lock_release (lock);
  g_assert_true (gaio_lock_is_locked (lock));
  gaio_test_wait_for_future (second, 1000);
  gaio_lock_release (lock);
  g_assert_false (gaio_lock_is_locked (lock));

  g_assert_true (gaio_lock_try_acquire (lock));
  gaio_lock_release (lock);
  gaio_test_iterate_for (1);
  g_assert_finalize_object (g_steal_pointer (&lock));
}

static void
test_lock_fifo (void)
{
  g_autoptr(GaioLock) lock = gaio_lock_new ();
  GaioFuture *waiters[4];

  for (guint i = 0; i < G_N_ELEMENTS (waiters); i++)
    waiters[i] = gaio_lock_acquire (lock);

  for (guint i = 0; i < G_N_ELEMENTS (waiters); i++)
    {
      g_assert_true (gaio_future_is_done (waiters[i]));
      if (i + 1 < G_N_ELEMENTS (waiters))
        g_assert_false (gaio_future_is_done (waiters[i + 1]));
      gaio_lock_release (lock);
    }
  g_assert_false (gaio_lock_is_locked (lock));

  for (guint i = 0; i < G_N_ELEMENTS (waiters); i++)
    g_object_unref (waiters[i]);
  gaio_test_iterate_for (1);
  g_assert_finalize_object (g_steal_pointer (&lock));
}

typedef struct
{
  gboolean done;
  gboolean acquired;
  GError  *error;
} LockResult;

static void
lock_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      data)
{
  LockResult *res = data;

  res->acquired = gaio_lock_acquire_finish (GAIO_LOCK (object), result, &res->error);
  res->done = TRUE;
}

/* A lock granted in the same instant as the cancel is not kept. */
static void
test_lock_cancel_race (void)
{
  g_autoptr(GaioLock) lock = gaio_lock_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  LockResult holder = { 0 }, racer = { 0 };

  gaio_lock_acquire_async (lock, NULL, lock_done_cb, &holder);
  gaio_lock_acquire_async (lock, cancellable, lock_done_cb, &racer);
  gaio_test_wait_for_flag (&holder.done, 1000);
  g_assert_true (holder.acquired);

  gaio_lock_release (lock);
  g_cancellable_cancel (cancellable);
  gaio_test_wait_for_flag (&racer.done, 1000);
  g_assert_false (racer.acquired);
  g_assert_error (racer.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&racer.error);
  g_assert_false (gaio_lock_is_locked (lock));

  gaio_test_iterate_for (1);
  g_assert_finalize_object (g_steal_pointer (&lock));
}

static void
test_lock_release_unlocked (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GaioLock) lock = gaio_lock_new ();

      gaio_lock_release (lock);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*gaio_lock_release*");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/Gaio/Lock/acquire-release", test_lock_acquire_release);
  g_test_add_func ("/Gaio/Lock/fifo", test_lock_fifo);
  g_test_add_func ("/Gaio/Lock/cancel-race", test_lock_cancel_race);
  g_test_add_func ("/Gaio/Lock/release-unlocked", test_lock_release_unlocked);

  return g_test_run ();
}
