/* test-future.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "test-utils.h"

#include "gaio-future-private.h"

static void
count_cb (GaioFuture *future,
          gpointer    data)
{
  (*(int *) data)++;
}

/* The bytes GSlice hands out for an instance of @type: the public and
 * private parts together, in 16-byte steps. */
static gsize
instance_footprint (GType type)
{
  gpointer klass = g_type_class_ref (type);
  GTypeQuery query;
  gsize size;

  g_type_query (type, &query);
  size = query.instance_size - g_type_class_get_instance_private_offset (klass);
  g_type_class_unref (klass);
  return (size + 15) & ~(gsize) 15;
}

/* Programs with many parked tasks pay for every byte of their futures and
 * tasks in page faults (bench W6): a future takes 128 bytes and a task 192
 * on 64-bit platforms, and a field added to either must find room. */
static void
test_future_footprint (void)
{
  if (sizeof (gpointer) != 8)
    {
      g_test_skip ("The budget is for 64-bit platforms");
      return;
    }

  g_assert_cmpuint (instance_footprint (GAIO_TYPE_FUTURE), <=, 128);
  g_assert_cmpuint (instance_footprint (GAIO_TYPE_TASK), <=, 192);
}

static void
test_future_resolve (void)
{
  g_autoptr(GaioFuture) future = gaio_future_new ();
  int calls = 0;

  g_assert_cmpint (gaio_future_get_state (future), ==, GAIO_FUTURE_STATE_PENDING);
  g_assert_false (gaio_future_is_done (future));
  g_assert_null (gaio_future_get_value (future));

  gaio_future_add_done_callback (future, count_cb, &calls, NULL);
  gaio_future_resolve_int (future, 42);

  g_assert_cmpint (gaio_future_get_state (future), ==, GAIO_FUTURE_STATE_RESOLVED);
  g_assert_cmpint (g_value_get_int (gaio_future_get_value (future)), ==, 42);
  g_assert_null (gaio_future_get_error (future));

  gaio_test_wait_for_flag ((gboolean *) &calls, 5000);
  g_assert_cmpint (calls, ==, 1);

  g_assert_finalize_object (g_steal_pointer (&future));
}

static void
test_future_callbacks_never_synchronous (void)
{
  g_autoptr(GaioFuture) future = gaio_future_new ();
  g_autoptr(GaioFuture) done = NULL;
  int calls = 0;

  /* Neither resolving nor adding a callback to a settled future may call it. */
  gaio_future_add_done_callback (future, count_cb, &calls, NULL);
  gaio_future_resolve (future, NULL);
  g_assert_cmpint (calls, ==, 0);

  done = gaio_future_new_resolved (NULL);
  gaio_future_add_done_callback (done, count_cb, &calls, NULL);
  g_assert_cmpint (calls, ==, 0);

  while (calls < 2)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (calls, ==, 2);

  g_assert_finalize_object (g_steal_pointer (&future));
  g_assert_finalize_object (g_steal_pointer (&done));
}

static void
order_cb (GaioFuture *future,
          gpointer    data)
{
  GString *order = data;
  const GValue *value = gaio_future_get_value (future);

  g_string_append_printf (order, "%d", value ? g_value_get_int (value) : -1);
}

static void
test_future_callback_order (void)
{
  g_autoptr(GString) order = g_string_new (NULL);
  g_autoptr(GaioFuture) a = gaio_future_new ();
  g_autoptr(GaioFuture) b = gaio_future_new ();

  /* Callbacks run in the order futures settled, then the order added. */
  for (int i = 0; i < 3; i++)
    gaio_future_add_done_callback (a, order_cb, order, NULL);
  gaio_future_add_done_callback (b, order_cb, order, NULL);
  gaio_future_resolve_int (b, 2);
  gaio_future_resolve_int (a, 1);

  while (order->len < 4)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (order->str, ==, "2111");

  g_assert_finalize_object (g_steal_pointer (&a));
  g_assert_finalize_object (g_steal_pointer (&b));
}

static gpointer
resolve_in_thread (gpointer data)
{
  gaio_future_resolve_string (data, "from a thread");
  return NULL;
}

typedef struct
{
  GThread *owner;
  GThread *ran_in;
  gboolean done;
} ThreadCheck;

static void
thread_check_cb (GaioFuture *future,
                 gpointer    data)
{
  ThreadCheck *check = data;

  check->ran_in = g_thread_self ();
  check->done = TRUE;
}

static void
test_future_resolve_from_thread (void)
{
  g_autoptr(GaioFuture) future = gaio_future_new ();
  ThreadCheck check = { g_thread_self (), NULL, FALSE };
  GThread *thread;

  gaio_future_add_done_callback (future, thread_check_cb, &check, NULL);
  thread = g_thread_new ("resolver", resolve_in_thread, future);
  g_thread_join (thread);
  g_assert_false (check.done);

  /* The worker thread woke the main context; the callback runs here. */
  gaio_test_wait_for_flag (&check.done, 5000);
  g_assert_true (check.ran_in == check.owner);
  g_assert_cmpstr (g_value_get_string (gaio_future_get_value (future)), ==, "from a thread");

  g_assert_finalize_object (g_steal_pointer (&future));
}

static void
test_future_resolve_twice (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GaioFuture) future = gaio_future_new ();

      gaio_future_resolve_int (future, 1);
      gaio_future_resolve_int (future, 2);
      g_assert_cmpint (g_value_get_int (gaio_future_get_value (future)), ==, 1);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*already settled*");
}

static void
test_future_resolve_twice_keeps_state (void)
{
  g_autoptr(GaioFuture) future = gaio_future_new ();

  gaio_future_resolve_int (future, 1);

  g_test_expect_message ("Gaio", G_LOG_LEVEL_CRITICAL, "*already settled*");
  gaio_future_reject_literal (future, G_IO_ERROR, G_IO_ERROR_FAILED, "late");
  g_test_assert_expected_messages ();

  g_assert_cmpint (gaio_future_get_state (future), ==, GAIO_FUTURE_STATE_RESOLVED);
  g_assert_cmpint (g_value_get_int (gaio_future_get_value (future)), ==, 1);
  g_assert_finalize_object (g_steal_pointer (&future));
}

static void
test_future_reject (void)
{
  g_autoptr(GaioFuture) future = gaio_future_new ();
  g_autoptr(GError) error = NULL;

  gaio_future_reject_printf (future, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No %s", "thing");
  g_assert_cmpint (gaio_future_get_state (future), ==, GAIO_FUTURE_STATE_REJECTED);
  g_assert_false (gaio_future_propagate (future, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "No thing");

  g_assert_finalize_object (g_steal_pointer (&future));
}

static void
test_future_unobserved_error (void)
{
  GaioFuture *future = gaio_future_new ();

  gaio_future_set_name (future, "lost-one");
  gaio_future_reject_literal (future, G_IO_ERROR, G_IO_ERROR_FAILED, "nobody looked");

  g_test_expect_message ("Gaio", G_LOG_LEVEL_WARNING,
                         "*'lost-one'*never retrieved: nobody looked*");
  g_object_unref (future);
  g_test_assert_expected_messages ();
}

static void
test_future_cancel (void)
{
  g_autoptr(GaioFuture) future = gaio_future_new ();
  GCancellable *cancellable = gaio_future_get_cancellable (future);
  g_autoptr(GError) error = NULL;

  g_assert_false (g_cancellable_is_cancelled (cancellable));
  g_assert_true (gaio_future_cancel (future));
  g_assert_true (gaio_future_is_cancelled (future));
  g_assert_true (g_cancellable_is_cancelled (cancellable));
  g_assert_false (gaio_future_cancel (future));

  g_assert_false (gaio_future_propagate (future, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* Cancelled futures never complain about unobserved errors. */
  g_assert_finalize_object (g_steal_pointer (&future));
}

static void
test_future_cancellable_after_cancel (void)
{
  g_autoptr(GaioFuture) future = gaio_future_new ();

  gaio_future_cancel (future);
  g_assert_true (g_cancellable_is_cancelled (gaio_future_get_cancellable (future)));
  g_assert_finalize_object (g_steal_pointer (&future));
}

typedef struct
{
  GaioFuture *future;
  int         go;
} Racer;

static gpointer
race_resolve (gpointer data)
{
  Racer *racer = data;

  while (!g_atomic_int_get (&racer->go))
    ;
  /* The loser of the race must not settle twice, so use the quiet path
   * that racing completions inside Gaio use. */
  {
    GValue value = G_VALUE_INIT;

    g_value_init (&value, G_TYPE_INT);
    g_value_set_int (&value, 7);
    gaio_future_settle (racer->future, GAIO_FUTURE_STATE_RESOLVED, &value, NULL, TRUE);
  }
  return NULL;
}

static void
test_future_cancel_races_resolve (void)
{
  /* Many rounds of a cancel racing a resolve; each ends in exactly one outcome
   * and at most one critical from the loser. */
  for (int round = 0; round < 200; round++)
    {
      GaioFuture *future = gaio_future_new ();
      Racer racer = { future, 0 };
      int calls = 0;
      GThread *thread;
      GaioFutureState state;

      gaio_future_add_done_callback (future, count_cb, &calls, NULL);
      thread = g_thread_new ("racer", race_resolve, &racer);
      g_atomic_int_set (&racer.go, 1);
      gaio_future_cancel (future);
      g_thread_join (thread);

      state = gaio_future_get_state (future);
      g_assert_true (state == GAIO_FUTURE_STATE_CANCELLED || state == GAIO_FUTURE_STATE_RESOLVED);
      if (state == GAIO_FUTURE_STATE_RESOLVED)
        g_assert_cmpint (g_value_get_int (gaio_future_get_value (future)), ==, 7);

      gaio_test_wait_for_flag ((gboolean *) &calls, 5000);
      g_assert_cmpint (calls, ==, 1);
      g_assert_finalize_object (future);
    }
}

typedef struct
{
  GaioFuture *other;
  int         calls;
  int         late_calls;
} Reentrant;

static void
late_cb (GaioFuture *future,
         gpointer    data)
{
  ((Reentrant *) data)->late_calls++;
}

static void
reentrant_cb (GaioFuture *future,
              gpointer    data)
{
  Reentrant *r = data;

  r->calls++;
  /* Adding a callback to the future being dispatched queues it again. */
  gaio_future_add_done_callback (future, late_cb, r, NULL);
  g_assert_cmpint (r->late_calls, ==, 0);
  /* Cancelling another future from inside a callback is fine. */
  gaio_future_cancel (r->other);
  /* Dropping the caller's last reference inside the callback is fine too. */
  g_object_unref (future);
}

static void
test_future_reentrancy (void)
{
  GaioFuture *future = gaio_future_new ();
  g_autoptr(GaioFuture) other = gaio_future_new ();
  GWeakRef weak;
  Reentrant r = { other, 0, 0 };

  g_weak_ref_init (&weak, future);
  gaio_future_add_done_callback (future, reentrant_cb, &r, NULL);
  gaio_future_resolve (future, NULL);

  gaio_test_wait_for_flag ((gboolean *) &r.late_calls, 5000);
  g_assert_cmpint (r.calls, ==, 1);
  g_assert_cmpint (r.late_calls, ==, 1);
  g_assert_true (gaio_future_is_cancelled (other));

  /* Once the queued dispatch ran, the future is gone. */
  gaio_test_iterate_for (10);
  g_assert_null (g_weak_ref_get (&weak));
  g_weak_ref_clear (&weak);
  g_assert_finalize_object (g_steal_pointer (&other));
}

static void
free_counter (gpointer data)
{
  (*(int *) data)++;
}

static void
test_future_destroy_notify (void)
{
  GaioFuture *future = gaio_future_new ();
  int freed = 0;
  int calls = 0;

  /* A future dropped while pending frees its callbacks' data without running them. */
  gaio_future_add_done_callback (future, count_cb, &calls, NULL);
  gaio_future_add_done_callback (future, count_cb, &calls, free_counter);
  gaio_future_add_done_callback (future, count_cb, &freed, free_counter);
  g_object_unref (future);
  g_assert_cmpint (calls, ==, 1);
  g_assert_cmpint (freed, ==, 1);
}

#define MANY 100000

static void
test_future_many_pending (void)
{
  GPtrArray *futures = g_ptr_array_new_with_free_func (g_object_unref);
  int calls = 0;

  for (int i = 0; i < MANY; i++)
    {
      GaioFuture *future = gaio_future_new ();

      gaio_future_add_done_callback (future, count_cb, &calls, NULL);
      g_ptr_array_add (futures, future);
    }
  for (int i = 0; i < MANY; i++)
    gaio_future_resolve_int (g_ptr_array_index (futures, i), i);
  g_assert_cmpint (calls, ==, 0);

  while (calls < MANY)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (calls, ==, MANY);

  g_ptr_array_unref (futures);
}

static GaioFuture *
double_it (GaioFuture *future,
           gpointer    data)
{
  GaioFuture *next = gaio_future_new ();

  gaio_future_resolve_int (next, 2 * g_value_get_int (gaio_future_get_value (future)));
  return next;
}

static GaioFuture *
recover (GaioFuture *future,
         gpointer    data)
{
  g_assert_error ((GError *) gaio_future_get_error (future), G_IO_ERROR, G_IO_ERROR_FAILED);
  return gaio_future_new_resolved (NULL);
}

static void
test_future_continuations (void)
{
  g_autoptr(GaioFuture) source = gaio_future_new ();
  g_autoptr(GaioFuture) doubled = gaio_future_then (source, double_it, NULL, NULL);
  g_autoptr(GaioFuture) failing = gaio_future_new ();
  g_autoptr(GaioFuture) passed = gaio_future_then (failing, double_it, NULL, NULL);
  g_autoptr(GaioFuture) caught = gaio_future_catch (passed, recover, NULL, NULL);
  g_autoptr(GaioFuture) finished = NULL;
  g_autoptr(GError) error = NULL;
  int calls = 0;

  finished = gaio_future_finally (doubled, count_cb, &calls, NULL);
  gaio_future_resolve_int (source, 21);
  gaio_future_reject_literal (failing, G_IO_ERROR, G_IO_ERROR_FAILED, "boom");

  gaio_test_wait_for_future (finished, 5000);
  gaio_test_wait_for_future (caught, 5000);

  g_assert_cmpint (g_value_get_int (gaio_future_get_value (doubled)), ==, 42);
  g_assert_cmpint (g_value_get_int (gaio_future_get_value (finished)), ==, 42);
  g_assert_cmpint (calls, ==, 1);
  g_assert_false (gaio_future_propagate (passed, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_cmpint (gaio_future_get_state (caught), ==, GAIO_FUTURE_STATE_RESOLVED);
}

static void
test_future_then_cancel (void)
{
  g_autoptr(GaioFuture) source = gaio_future_new ();
  g_autoptr(GaioFuture) chained = gaio_future_then (source, double_it, NULL, NULL);

  /* Cancelling a continuation cancels the pending future it hangs on. */
  g_assert_true (gaio_future_cancel (chained));
  g_assert_true (gaio_future_is_cancelled (chained));
  g_assert_true (gaio_future_is_cancelled (source));
  gaio_test_iterate_for (5);
}

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      data)
{
  GValue **out = data;
  GError *error = NULL;

  *out = gaio_future_wait_finish (GAIO_FUTURE (object), result, &error);
  g_assert_no_error (error);
}

static void
test_future_wait_async (void)
{
  g_autoptr(GaioFuture) future = gaio_future_new ();
  GValue *value = NULL;

  gaio_future_wait_async (future, NULL, wait_cb, &value);
  gaio_future_resolve_string (future, "waited");
  gaio_test_wait_for_flag ((gboolean *) &value, 5000);
  g_assert_cmpstr (g_value_get_string (value), ==, "waited");
  g_boxed_free (G_TYPE_VALUE, value);
  g_assert_finalize_object (g_steal_pointer (&future));
}

typedef struct
{
  gboolean done;
  GError  *error;
  GValue  *value;
} WaitOutcome;

static void
wait_outcome_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      data)
{
  WaitOutcome *outcome = data;

  outcome->value = gaio_future_wait_finish (GAIO_FUTURE (object), result, &outcome->error);
  outcome->done = TRUE;
}

static void
test_future_wait_async_cancellable (void)
{
  g_autoptr(GaioFuture) future = gaio_future_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  WaitOutcome outcome = { 0 };
  WaitOutcome second = { 0 };

  /* Cancelling the wait ends it at once and leaves the future pending. */
  gaio_future_wait_async (future, cancellable, wait_outcome_cb, &outcome);
  g_cancellable_cancel (cancellable);
  gaio_test_wait_for_flag (&outcome.done, 5000);
  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (outcome.value);
  g_assert_false (gaio_future_is_done (future));
  g_clear_error (&outcome.error);

  /* A wait whose cancellable stays quiet sees the result. */
  g_clear_object (&cancellable);
  cancellable = g_cancellable_new ();
  gaio_future_wait_async (future, cancellable, wait_outcome_cb, &second);
  gaio_future_resolve_int (future, 5);
  gaio_test_wait_for_flag (&second.done, 5000);
  g_assert_no_error (second.error);
  g_assert_cmpint (g_value_get_int (second.value), ==, 5);
  g_boxed_free (G_TYPE_VALUE, second.value);

  gaio_test_iterate_for (5);
  g_assert_finalize_object (g_steal_pointer (&future));
}

static void
test_future_wait_async_rejected (void)
{
  g_autoptr(GaioFuture) future = gaio_future_new ();
  WaitOutcome outcome = { 0 };

  gaio_future_wait_async (future, NULL, wait_outcome_cb, &outcome);
  gaio_future_reject_literal (future, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "gone");
  gaio_test_wait_for_flag (&outcome.done, 5000);
  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&outcome.error);
  g_assert_finalize_object (g_steal_pointer (&future));
}

static void
test_future_gio_adapter (void)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "adapter.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GaioFuture) future = gaio_future_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  GAsyncResult *result;
  gsize length;

  g_assert_true (g_file_set_contents (path, "adapted", -1, NULL));
  g_file_load_contents_async (file, gaio_future_get_cancellable (future),
                              gaio_future_async_ready_callback, g_object_ref (future));
  gaio_test_wait_for_future (future, 5000);

  result = g_value_get_object (gaio_future_get_value (future));
  g_assert_true (G_IS_ASYNC_RESULT (result));
  g_assert_true (g_file_load_contents_finish (file, result, &contents, &length, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, "adapted");
}

static void
test_future_gio_adapter_cancel (void)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "adapter-cancel.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GaioFuture) future = gaio_future_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "never read", -1, NULL));
  g_file_load_contents_async (file, gaio_future_get_cancellable (future),
                              gaio_future_async_ready_callback, g_object_ref (future));
  /* Cancelling the future cancels the GIO call; its late callback is dropped. */
  gaio_future_cancel (future);
  gaio_test_iterate_for (50);
  g_assert_false (gaio_future_propagate (future, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}


/* One resolver and seven cancellers race on one future, round after round.
 * gaio_future_cancel() must return TRUE only when its call cancelled the
 * future: never for a future that ends resolved, and never for two callers.
 * The resolver settles with gaio_future_try_resolve(), which reports whether
 * it won instead of logging a critical. */

#define RACE_CANCELLERS 7
#define RACE_ROUNDS 10000
#define RACE_RESOLVE gaio_future_try_resolve

typedef struct
{
  GaioFuture *future;
  int         round;          /* atomic: the round the threads may run */
  int         done;           /* atomic: threads finished with the round */
  int         cancel_wins;    /* atomic */
  int         resolve_won;
  int         rounds;
} CancelRace;

static void
race_wait_round (CancelRace *race,
                 int         round)
{
  /* Spin without yielding: the race is between threads on different cores. */
  for (guint spins = 0; g_atomic_int_get (&race->round) < round; spins++)
    if (spins > 100000)
      g_thread_yield ();
}

static gpointer
race_canceller (gpointer data)
{
  CancelRace *race = data;

  for (int round = 1; round <= race->rounds; round++)
    {
      race_wait_round (race, round);
      if (gaio_future_cancel (race->future))
        g_atomic_int_inc (&race->cancel_wins);
      g_atomic_int_inc (&race->done);
    }
  return NULL;
}

static gpointer
race_resolver (gpointer data)
{
  CancelRace *race = data;

  for (int round = 1; round <= race->rounds; round++)
    {
      GValue value = G_VALUE_INIT;

      race_wait_round (race, round);
      g_value_init (&value, G_TYPE_INT);
      g_value_set_int (&value, round);
      race->resolve_won = RACE_RESOLVE (race->future, &value);
      g_atomic_int_inc (&race->done);
    }
  return NULL;
}

static void
test_future_cancel_returns_true_once (void)
{
  CancelRace race = { 0 };
  /* Under valgrind threads take turns: fewer rounds show as much. */
  int rounds = g_getenv ("GAIO_UNDER_VALGRIND") ? 300 : RACE_ROUNDS;
  GThread *threads[RACE_CANCELLERS + 1];
  guint true_for_resolved = 0, two_trues = 0, no_true_for_cancelled = 0, cancelled = 0;

  race.rounds = rounds;
  threads[0] = g_thread_new ("resolver", race_resolver, &race);
  for (guint i = 1; i <= RACE_CANCELLERS; i++)
    threads[i] = g_thread_new ("canceller", race_canceller, &race);

  for (int round = 1; round <= rounds; round++)
    {
      GaioFuture *future = gaio_future_new ();
      int wins;

      race.future = future;
      g_atomic_int_set (&race.cancel_wins, 0);
      g_atomic_int_set (&race.done, 0);
      g_atomic_int_set (&race.round, round);
      while (g_atomic_int_get (&race.done) < RACE_CANCELLERS + 1)
        g_thread_yield ();

      wins = g_atomic_int_get (&race.cancel_wins);
      if (gaio_future_get_state (future) == GAIO_FUTURE_STATE_RESOLVED)
        {
          true_for_resolved += wins > 0;
          g_assert_true (race.resolve_won);
          g_assert_cmpint (g_value_get_int (gaio_future_get_value (future)), ==, round);
        }
      else
        {
          cancelled++;
          no_true_for_cancelled += wins == 0;
          g_assert_false (race.resolve_won);
        }
      two_trues += wins > 1;
      g_object_unref (future);
    }

  for (guint i = 0; i <= RACE_CANCELLERS; i++)
    g_thread_join (threads[i]);

  g_test_message ("%d rounds: %u cancelled; TRUE for a resolved future: %u; "
                  "two TRUEs: %u; no TRUE for a cancelled future: %u",
                  rounds, cancelled, true_for_resolved, two_trues, no_true_for_cancelled);
  g_assert_cmpuint (true_for_resolved, ==, 0);
  g_assert_cmpuint (two_trues, ==, 0);
  g_assert_cmpuint (no_true_for_cancelled, ==, 0);
}

static void
test_future_try_settle (void)
{
  g_autoptr(GaioFuture) future = gaio_future_new ();
  g_autoptr(GaioFuture) other = gaio_future_new ();
  GValue value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_INT);
  g_value_set_int (&value, 3);

  /* A loser settles quietly: no critical, FALSE, the first outcome stays. */
  g_assert_true (gaio_future_cancel (future));
  g_assert_false (gaio_future_cancel (future));
  g_assert_false (gaio_future_try_resolve (future, &value));
  g_assert_false (gaio_future_try_reject (future, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "late")));
  g_assert_true (gaio_future_is_cancelled (future));

  g_assert_true (gaio_future_try_resolve (other, &value));
  g_assert_false (gaio_future_try_resolve (other, NULL));
  g_assert_false (gaio_future_cancel (other));
  g_assert_cmpint (g_value_get_int (gaio_future_get_value (other)), ==, 3);
  g_value_unset (&value);
}

/* asyncio.shield(): cancelling the shield leaves the inner future running;
 * cancelling the inner future cancels both. */
static void
test_future_shield (void)
{
  g_autoptr(GaioFuture) inner = gaio_future_new ();
  g_autoptr(GaioFuture) outer = gaio_shield (inner);
  g_autoptr(GaioFuture) inner2 = gaio_future_new ();
  g_autoptr(GaioFuture) outer2 = gaio_shield (inner2);

  g_assert_true (gaio_future_cancel (outer));
  g_assert_false (gaio_future_is_done (inner));
  gaio_future_resolve_int (inner, 5);
  g_assert_true (gaio_future_is_cancelled (outer));

  g_assert_true (gaio_future_cancel (inner2));
  gaio_test_wait_for_future (outer2, 5000);
  g_assert_true (gaio_future_is_cancelled (outer2));
}

static void
set_flag_cb (GaioFuture *future,
             gpointer    data)
{
  *(gboolean *) data = TRUE;
}

static void
append_char_cb (GaioFuture *future,
                gpointer    data)
{
  g_string_append_c (data, 'x');
}

static void
count_destroy (gpointer data)
{
  (*(guint *) data)++;
}

static void
append_tag_cb (GaioFuture *future,
               gpointer    data)
{
  GString *log = g_object_get_data (G_OBJECT (future), "log");

  g_string_append (log, data);
}

/* asyncio's remove_done_callback(): a removed callback never runs and its
 * data is freed at once; the others keep their order. */
static void
test_future_remove_done_callback (void)
{
  g_autoptr(GaioFuture) future = gaio_future_new ();
  g_autoptr(GString) log = g_string_new (NULL);
  guint destroyed = 0;
  gboolean last_ran = FALSE;
  gulong a, b, c, d;

  g_object_set_data (G_OBJECT (future), "log", log);
  a = gaio_future_add_done_callback (future, append_tag_cb, (gpointer) "a", NULL);
  b = gaio_future_add_done_callback (future, append_tag_cb, (gpointer) "b", NULL);
  c = gaio_future_add_done_callback (future, append_tag_cb, (gpointer) "c", NULL);
  d = gaio_future_add_done_callback (future, append_char_cb, log, NULL);
  g_assert_cmpuint (a, !=, 0);
  g_assert_cmpuint (a, !=, b);

  /* The first, one in the middle, and one with a destroy function. */
  g_assert_true (gaio_future_remove_done_callback (future, a));
  g_assert_true (gaio_future_remove_done_callback (future, c));
  g_assert_false (gaio_future_remove_done_callback (future, c));
  g_assert_cmpuint (gaio_future_add_done_callback (future, append_tag_cb, (gpointer) "e", NULL), !=, 0);
  d = gaio_future_add_done_callback (future, append_tag_cb, &destroyed, count_destroy);
  g_assert_true (gaio_future_remove_done_callback (future, d));
  g_assert_cmpuint (destroyed, ==, 1);

  /* Callbacks run in order: this one comes last. */
  gaio_future_add_done_callback (future, set_flag_cb, &last_ran, NULL);
  gaio_future_resolve (future, NULL);
  gaio_test_wait_for_flag (&last_ran, 5000);
  g_assert_cmpstr (log->str, ==, "bxe");

  /* Callbacks that ran cannot be removed; nor can another future's. */
  g_assert_false (gaio_future_remove_done_callback (future, b));
  g_assert_cmpuint (destroyed, ==, 1);
  g_object_set_data (G_OBJECT (future), "log", NULL);
  g_assert_finalize_object (g_steal_pointer (&future));
}

static void
state_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    data)
{
  guint *count = data;

  g_assert_true (gaio_future_is_done (GAIO_FUTURE (object)));
  (*count)++;
}

static gpointer
resolve_thread (gpointer data)
{
  gaio_future_resolve_int (data, 1);
  return NULL;
}

/* `state` is notified on the owner context, once, even when the future
 * settles on another thread, so it can drive a widget. */
static void
test_future_notify_state (void)
{
  g_autoptr(GaioFuture) future = gaio_future_new ();
  g_autoptr(GaioFuture) quiet = gaio_future_new ();
  guint notifies = 0;
  gboolean first_ran = FALSE, later_ran = FALSE;
  int ran = 0;
  GThread *thread;

  g_signal_connect (future, "notify::state", G_CALLBACK (state_notify_cb), &notifies);
  /* The notification comes in the batch that runs the callbacks, first. */
  gaio_future_add_done_callback (future, set_flag_cb, &first_ran, NULL);
  thread = g_thread_new ("resolver", resolve_thread, future);
  g_thread_join (thread);
  g_assert_cmpuint (notifies, ==, 0);
  gaio_test_wait_for_flag (&first_ran, 5000);
  g_assert_cmpuint (notifies, ==, 1);

  /* A callback added later reruns the batch but not the notification. */
  gaio_future_add_done_callback (future, count_cb, &ran, NULL);
  gaio_future_add_done_callback (future, set_flag_cb, &later_ran, NULL);
  gaio_test_wait_for_flag (&later_ran, 5000);
  g_assert_cmpint (ran, ==, 1);
  g_assert_cmpuint (notifies, ==, 1);

  /* Without a handler there is nothing to notify and nothing queued. */
  gaio_future_resolve_int (quiet, 2);
  g_assert_finalize_object (g_steal_pointer (&quiet));
  g_assert_finalize_object (g_steal_pointer (&future));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/Gaio/Future/resolve", test_future_resolve);
  g_test_add_func ("/Gaio/Future/footprint", test_future_footprint);
  g_test_add_func ("/Gaio/Future/remove-done-callback", test_future_remove_done_callback);
  g_test_add_func ("/Gaio/Future/notify-state", test_future_notify_state);
  g_test_add_func ("/Gaio/Future/callbacks-never-synchronous", test_future_callbacks_never_synchronous);
  g_test_add_func ("/Gaio/Future/callback-order", test_future_callback_order);
  g_test_add_func ("/Gaio/Future/resolve-from-thread", test_future_resolve_from_thread);
  g_test_add_func ("/Gaio/Future/resolve-twice", test_future_resolve_twice);
  g_test_add_func ("/Gaio/Future/resolve-twice-keeps-state", test_future_resolve_twice_keeps_state);
  g_test_add_func ("/Gaio/Future/reject", test_future_reject);
  g_test_add_func ("/Gaio/Future/unobserved-error", test_future_unobserved_error);
  g_test_add_func ("/Gaio/Future/cancel", test_future_cancel);
  g_test_add_func ("/Gaio/Future/cancellable-after-cancel", test_future_cancellable_after_cancel);
  g_test_add_func ("/Gaio/Future/cancel-races-resolve", test_future_cancel_races_resolve);
  g_test_add_func ("/Gaio/Future/cancel-returns-true-once", test_future_cancel_returns_true_once);
  g_test_add_func ("/Gaio/Future/try-settle", test_future_try_settle);
  g_test_add_func ("/Gaio/Future/shield", test_future_shield);
  g_test_add_func ("/Gaio/Future/reentrancy", test_future_reentrancy);
  g_test_add_func ("/Gaio/Future/destroy-notify", test_future_destroy_notify);
  g_test_add_func ("/Gaio/Future/many-pending", test_future_many_pending);
  g_test_add_func ("/Gaio/Future/continuations", test_future_continuations);
  g_test_add_func ("/Gaio/Future/then-cancel", test_future_then_cancel);
  g_test_add_func ("/Gaio/Future/wait-async", test_future_wait_async);
  g_test_add_func ("/Gaio/Future/wait-async-cancellable", test_future_wait_async_cancellable);
  g_test_add_func ("/Gaio/Future/wait-async-rejected", test_future_wait_async_rejected);
  g_test_add_func ("/Gaio/Future/gio-adapter", test_future_gio_adapter);
  g_test_add_func ("/Gaio/Future/gio-adapter-cancel", test_future_gio_adapter_cancel);

  return g_test_run ();
}
