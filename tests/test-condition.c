/* test-condition.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "test-utils.h"

typedef struct
{
  GaioCondition *cond;
  int            items;
  GString       *log;
} Shared;

static void
consumer_body (GaioTask *task,
               gpointer  data)
{
  Shared *shared = data;
  GaioLock *lock = gaio_condition_get_lock (shared->cond);
  g_autoptr(GaioFuture) locked = gaio_lock_acquire (lock);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (gaio_await (locked, &error));
  while (shared->items == 0)
    {
      g_autoptr(GaioFuture) notified = gaio_condition_wait (shared->cond);

      g_assert_false (gaio_lock_is_locked (lock));
      if (gaio_await (notified, &error) == NULL)
        {
          /* Cancelled: the lock is ours again all the same. */
          g_assert_true (gaio_lock_is_locked (lock));
          g_string_append_printf (shared->log, "%s:cancelled ", gaio_future_get_name (GAIO_FUTURE (task)));
          gaio_lock_release (lock);
          return;
        }
      g_assert_true (gaio_lock_is_locked (lock));
    }
  shared->items--;
  g_string_append_printf (shared->log, "%s ", gaio_future_get_name (GAIO_FUTURE (task)));
  gaio_lock_release (lock);
}

static void
produce (Shared *shared,
         int     n,
         gboolean all)
{
  GaioLock *lock = gaio_condition_get_lock (shared->cond);
  g_autoptr(GaioFuture) locked = gaio_lock_acquire (lock);

  g_assert_nonnull (gaio_run (locked, NULL));
  shared->items += n;
  if (all)
    gaio_condition_notify_all (shared->cond);
  else
    gaio_condition_notify (shared->cond, n);
  gaio_lock_release (lock);
}

static void
test_condition_fifo (void)
{
  Shared shared = { gaio_condition_new (NULL), 0, g_string_new (NULL) };
  g_autoptr(GaioTask) a = gaio_task_spawn ("a", consumer_body, &shared, NULL);
  g_autoptr(GaioTask) b = gaio_task_spawn ("b", consumer_body, &shared, NULL);
  g_autoptr(GaioTask) c = gaio_task_spawn ("c", consumer_body, &shared, NULL);

  gaio_test_iterate_for (5);
  produce (&shared, 2, FALSE);
  gaio_test_wait_for_future (GAIO_FUTURE (b), 5000);
  g_assert_cmpstr (shared.log->str, ==, "a b ");
  g_assert_false (gaio_future_is_done (GAIO_FUTURE (c)));

  produce (&shared, 1, TRUE);
  gaio_test_wait_for_future (GAIO_FUTURE (c), 5000);
  g_assert_cmpstr (shared.log->str, ==, "a b c ");
  g_assert_false (gaio_lock_is_locked (gaio_condition_get_lock (shared.cond)));

  g_string_free (shared.log, TRUE);
  g_object_unref (shared.cond);
}

/* Cancelling a wait still takes the lock back before the wait settles; a
 * wait notified just before the cancel keeps its notification. */
static void
test_condition_cancel (void)
{
  Shared shared = { gaio_condition_new (NULL), 0, g_string_new (NULL) };
  g_autoptr(GaioTask) a = gaio_task_spawn ("a", consumer_body, &shared, NULL);
  g_autoptr(GaioTask) b = gaio_task_spawn ("b", consumer_body, &shared, NULL);
  GaioLock *lock = gaio_condition_get_lock (shared.cond);
  g_autoptr(GaioFuture) locked = NULL;

  gaio_test_iterate_for (5);
  g_assert_true (gaio_future_cancel (GAIO_FUTURE (a)));
  gaio_test_wait_for_future (GAIO_FUTURE (a), 5000);
  g_assert_cmpstr (shared.log->str, ==, "a:cancelled ");

  /* Notify b and cancel it in the same step: b keeps the item. */
  locked = gaio_lock_acquire (lock);
  g_assert_nonnull (gaio_run (locked, NULL));
  shared.items = 1;
  gaio_condition_notify (shared.cond, 1);
  g_assert_true (gaio_future_cancel (GAIO_FUTURE (b)));
  gaio_lock_release (lock);
  gaio_test_wait_for_future (GAIO_FUTURE (b), 5000);
  g_assert_cmpstr (shared.log->str, ==, "a:cancelled b ");
  g_assert_cmpint (shared.items, ==, 0);
  g_assert_false (gaio_lock_is_locked (lock));

  g_string_free (shared.log, TRUE);
  g_object_unref (shared.cond);
}

static void
wait_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  GError **error = data;

  g_assert_false (gaio_condition_wait_finish (GAIO_CONDITION (source), result, error));
  g_assert_true (gaio_lock_is_locked (gaio_condition_get_lock (GAIO_CONDITION (source))));
}

static void
test_condition_wait_async_cancellable (void)
{
  g_autoptr(GaioCondition) cond = gaio_condition_new (NULL);
  g_autoptr(GaioFuture) locked = gaio_lock_acquire (gaio_condition_get_lock (cond));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (gaio_run (locked, NULL));
  gaio_condition_wait_async (cond, cancellable, wait_done_cb, &error);
  g_assert_false (gaio_lock_is_locked (gaio_condition_get_lock (cond)));
  g_cancellable_cancel (cancellable);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  gaio_lock_release (gaio_condition_get_lock (cond));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/Gaio/Condition/fifo", test_condition_fifo);
  g_test_add_func ("/Gaio/Condition/cancel", test_condition_cancel);
  g_test_add_func ("/Gaio/Condition/wait-async-cancellable", test_condition_wait_async_cancellable);

  return g_test_run ();
}
