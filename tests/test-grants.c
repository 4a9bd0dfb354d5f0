/* test-grants.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "test-utils.h"

/* No lost grants: a fiber task waiting for a permit, a lock or an item that
 * is granted and then cancelled before the task resumes keeps the grant:
 * its await returns it and the cancellation arrives at the next await.
 * asyncio's test_acquire_no_hang, in C, directly and through a timeout. */

typedef enum {
  KIND_SEMAPHORE,
  KIND_LOCK,
  KIND_QUEUE,
} Kind;

typedef struct
{
  Kind           kind;
  gboolean       through_timeout;
  GaioSemaphore *semaphore;
  GaioLock      *lock;
  GaioQueue     *queue;
  GaioTask      *second;
  gboolean       second_granted;
  gboolean       second_cancelled_later;
  int            item;
} Scenario;

static GaioFuture *
wait_for_grant (Scenario *s)
{
  g_autoptr(GaioFuture) future = NULL;

  switch (s->kind)
    {
    case KIND_SEMAPHORE:
      future = gaio_semaphore_acquire (s->semaphore);
      break;
    case KIND_LOCK:
      future = gaio_lock_acquire (s->lock);
      break;
    case KIND_QUEUE:
      future = gaio_queue_get (s->queue);
      break;
    default:
      g_assert_not_reached ();
    }

  if (s->through_timeout)
    return gaio_timeout (future, 60000);
  return g_steal_pointer (&future);
}

static void
give_back (Scenario *s)
{
  GValue item = G_VALUE_INIT;

  switch (s->kind)
    {
    case KIND_SEMAPHORE:
      gaio_semaphore_release (s->semaphore);
      break;
    case KIND_LOCK:
      gaio_lock_release (s->lock);
      break;
    case KIND_QUEUE:
      g_value_init (&item, G_TYPE_INT);
      g_value_set_int (&item, 42);
      g_assert_true (gaio_queue_try_put (s->queue, &item));
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Holds the resource, lets the second task queue up behind it, hands the
 * resource over and cancels the second task in the same step. */
static void
first_body (GaioTask *task,
            gpointer  data)
{
  Scenario *s = data;
  g_autoptr(GError) error = NULL;

  if (s->kind != KIND_QUEUE)
    {
      g_autoptr(GaioFuture) grant = wait_for_grant (s);
      g_assert_nonnull (gaio_await (grant, &error));
    }

  {
    g_autoptr(GaioFuture) yield = gaio_sleep (0);
    g_assert_nonnull (gaio_await (yield, &error));
  }

  give_back (s);
  g_assert_true (gaio_future_cancel (GAIO_FUTURE (s->second)));
}

static void
second_body (GaioTask *task,
             gpointer  data)
{
  Scenario *s = data;
  g_autoptr(GaioFuture) grant = wait_for_grant (s);
  g_autoptr(GaioFuture) later = NULL;
  g_autoptr(GError) error = NULL;
  const GValue *value;

  value = gaio_await (grant, &error);
  g_assert_no_error (error);
  g_assert_nonnull (value);
  s->second_granted = TRUE;
  if (s->kind == KIND_QUEUE)
    s->item = g_value_get_int (value);

  /* The grant is ours: give it back before the cancellation lands. */
  if (s->kind != KIND_QUEUE)
    give_back (s);

  later = gaio_sleep (0);
  g_assert_null (gaio_await (later, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  s->second_cancelled_later = TRUE;
}

static void
run_scenario (Kind     kind,
              gboolean through_timeout)
{
  Scenario s = { kind, through_timeout, NULL, NULL, NULL, NULL, FALSE, FALSE, 0 };
  g_autoptr(GaioTask) first = NULL;
  g_autoptr(GaioFuture) again = NULL;
  g_autoptr(GaioFuture) bounded = NULL;
  g_autoptr(GError) error = NULL;

  s.semaphore = gaio_semaphore_new (1);
  s.lock = gaio_lock_new ();
  s.queue = gaio_queue_new (0);

  first = gaio_task_spawn ("first", first_body, &s, NULL);
  s.second = gaio_task_spawn ("second", second_body, &s, NULL);

  gaio_test_wait_for_future (GAIO_FUTURE (first), 5000);
  gaio_test_wait_for_future (GAIO_FUTURE (s.second), 5000);
  g_assert_true (gaio_future_propagate (GAIO_FUTURE (first), NULL));
  g_assert_true (s.second_granted);
  g_assert_true (s.second_cancelled_later);
  g_assert_true (gaio_future_is_cancelled (GAIO_FUTURE (s.second)));

  /* Nothing hangs: the resource is free again (or the item was taken). */
  switch (kind)
    {
    case KIND_SEMAPHORE:
      g_assert_cmpuint (gaio_semaphore_get_value (s.semaphore), ==, 1);
      again = gaio_semaphore_acquire (s.semaphore);
      break;
    case KIND_LOCK:
      g_assert_false (gaio_lock_is_locked (s.lock));
      again = gaio_lock_acquire (s.lock);
      break;
    case KIND_QUEUE:
      g_assert_cmpint (s.item, ==, 42);
      g_assert_true (gaio_queue_is_empty (s.queue));
      again = gaio_future_new_resolved (NULL);
      break;
    default:
      g_assert_not_reached ();
    }
  bounded = gaio_timeout (again, 1000);
  g_assert_nonnull (gaio_run (bounded, &error));
  g_assert_no_error (error);

  g_clear_object (&s.second);
  g_clear_object (&s.semaphore);
  g_clear_object (&s.lock);
  g_clear_object (&s.queue);
}

static void
test_grant_semaphore (void)
{
  run_scenario (KIND_SEMAPHORE, FALSE);
}

static void
test_grant_semaphore_timeout (void)
{
  run_scenario (KIND_SEMAPHORE, TRUE);
}

static void
test_grant_lock (void)
{
  run_scenario (KIND_LOCK, FALSE);
}

static void
test_grant_lock_timeout (void)
{
  run_scenario (KIND_LOCK, TRUE);
}

static void
test_grant_queue (void)
{
  run_scenario (KIND_QUEUE, FALSE);
}

static void
test_grant_queue_timeout (void)
{
  run_scenario (KIND_QUEUE, TRUE);
}

/* The same race, decided in the timeout itself: its source resolved and its
 * timer fires before the follow-up ran. The timeout keeps the outcome. */
static void
test_grant_timeout_expiry (void)
{
  g_autoptr(GaioSemaphore) semaphore = gaio_semaphore_new (0);
  g_autoptr(GaioFuture) acquire = gaio_semaphore_acquire (semaphore);
  g_autoptr(GaioFuture) bounded = gaio_timeout (acquire, 0);
  g_autoptr(GError) error = NULL;

  /* Granted before the loop runs the zero-delay timer. */
  gaio_semaphore_release (semaphore);
  g_assert_false (gaio_future_cancel (bounded));
  g_assert_nonnull (gaio_run (bounded, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gaio_future_get_state (acquire), ==, GAIO_FUTURE_STATE_RESOLVED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/Gaio/Grants/semaphore", test_grant_semaphore);
  g_test_add_func ("/Gaio/Grants/semaphore-timeout", test_grant_semaphore_timeout);
  g_test_add_func ("/Gaio/Grants/lock", test_grant_lock);
  g_test_add_func ("/Gaio/Grants/lock-timeout", test_grant_lock_timeout);
  g_test_add_func ("/Gaio/Grants/queue", test_grant_queue);
  g_test_add_func ("/Gaio/Grants/queue-timeout", test_grant_queue_timeout);
  g_test_add_func ("/Gaio/Grants/timeout-expiry", test_grant_timeout_expiry);

  return g_test_run ();
}
