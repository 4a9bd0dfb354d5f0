/* test-gatherer.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <string.h>

#include "test-gather-utils.h"

/* Counter notifications are coalesced into one run-queue item per batch,
 * which holds a reference until the next iteration. */
static void
finalize_gatherer (GaioGatherer *gatherer)
{
  gaio_test_iterate_for (1);
  g_assert_finalize_object (gatherer);
}

static int
value_at (GaioGatherer *gatherer,
          guint         index)
{
  const GValue *value = gaio_gatherer_get_value_at (gatherer, index);

  g_assert_nonnull (value);
  g_assert_true (G_VALUE_HOLDS_INT (value));
  return g_value_get_int (value);
}

/* The seeds' gather(): results come back in input order though the futures
 * finish in another. */
static void
test_gatherer_all_order (void)
{
  GaioFuture *futures[] = { delayed_int (30, 1), delayed_int (10, 2), delayed_int (20, 3) };
  g_autoptr(GaioGatherer) gatherer = gaio_gatherer_newv (GAIO_GATHER_MODE_ALL, futures, 3);
  g_autoptr(GError) error = NULL;
  GValue *values;
  guint n_values = 0;

  for (guint i = 0; i < 3; i++)
    g_object_unref (futures[i]);

  g_assert_nonnull (gaio_run (GAIO_FUTURE (gatherer), &error));
  g_assert_no_error (error);
  g_assert_cmpint (gaio_future_get_state (GAIO_FUTURE (gatherer)), ==, GAIO_FUTURE_STATE_RESOLVED);
  g_assert_cmpint (value_at (gatherer, 0), ==, 1);
  g_assert_cmpint (value_at (gatherer, 1), ==, 2);
  g_assert_cmpint (value_at (gatherer, 2), ==, 3);
  g_assert_cmpuint (gaio_gatherer_get_n_done (gatherer), ==, 3);
  g_assert_cmpuint (gaio_gatherer_get_n_failed (gatherer), ==, 0);

  values = gaio_gatherer_get_values (gatherer, &n_values);
  g_assert_cmpuint (n_values, ==, 3);
  for (guint i = 0; i < n_values; i++)
    {
      g_assert_cmpint (g_value_get_int (&values[i]), ==, (int) i + 1);
      g_value_unset (&values[i]);
    }
  g_free (values);

  finalize_gatherer (g_steal_pointer (&gatherer));
}

static void
test_gatherer_varargs (void)
{
  g_autoptr(GaioFuture) a = delayed_int (5, 1);
  g_autoptr(GaioFuture) b = delayed_int (1, 2);
  g_autoptr(GaioGatherer) gatherer = gaio_gatherer_new (GAIO_GATHER_MODE_ALL, a, b, NULL);

  g_assert_cmpuint (gaio_gatherer_get_n_futures (gatherer), ==, 2);
  g_assert_true (gaio_gatherer_get_future (gatherer, 1) == b);
  gaio_test_wait_for_future (GAIO_FUTURE (gatherer), 5000);
  g_assert_cmpint (value_at (gatherer, 0), ==, 1);
  g_assert_cmpint (value_at (gatherer, 1), ==, 2);
  finalize_gatherer (g_steal_pointer (&gatherer));
  g_assert_finalize_object (g_steal_pointer (&a));
  g_assert_finalize_object (g_steal_pointer (&b));
}

static void
test_gatherer_all_error (void)
{
  g_autoptr(GaioFuture) good = delayed_int (1, 1);
  g_autoptr(GaioFuture) bad = delayed_error (5, G_IO_ERROR_NOT_FOUND, 2);
  g_autoptr(GaioFuture) slow = gaio_sleep (10000);
  g_autoptr(GaioGatherer) gatherer = gaio_gatherer_new (GAIO_GATHER_MODE_ALL, good, bad, slow, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_null (gaio_run (GAIO_FUTURE (gatherer), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "failure 2");
  /* As with asyncio.gather(), the others keep running. */
  g_assert_false (gaio_future_is_done (slow));
  g_assert_error (gaio_gatherer_get_error_at (gatherer, 1), G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (gaio_gatherer_get_error_at (gatherer, 0));
  g_assert_cmpint (value_at (gatherer, 0), ==, 1);

  /* The gatherer keeps counting after it settled. */
  gaio_future_cancel (slow);
  gaio_test_wait_for_future (slow, 1000);
  gaio_test_iterate_for (1);
  g_assert_cmpuint (gaio_gatherer_get_n_failed (gatherer), ==, 1);
  g_assert_cmpuint (gaio_gatherer_get_n_cancelled (gatherer), ==, 1);
  finalize_gatherer (g_steal_pointer (&gatherer));
}

/* gather(..., return_exceptions=True) keeps the good results beside the error. */
static void
test_gatherer_return_errors (void)
{
  g_autoptr(GaioFuture) a = delayed_int (10, 1);
  g_autoptr(GaioFuture) b = delayed_error (1, G_IO_ERROR_FAILED, 2);
  g_autoptr(GaioFuture) c = delayed_int (5, 3);
  g_autoptr(GaioGatherer) gatherer = gaio_gatherer_new (GAIO_GATHER_MODE_ALL, a, b, c, NULL);
  g_autoptr(GError) error = NULL;
  GValue *values;
  guint n_values;

  gaio_gatherer_set_return_errors (gatherer, TRUE);
  g_assert_true (gaio_gatherer_get_return_errors (gatherer));
  g_assert_nonnull (gaio_run (GAIO_FUTURE (gatherer), &error));
  g_assert_no_error (error);

  values = gaio_gatherer_get_values (gatherer, &n_values);
  g_assert_cmpuint (n_values, ==, 3);
  g_assert_cmpint (g_value_get_int (&values[0]), ==, 1);
  g_assert_true (G_VALUE_HOLDS (&values[1], G_TYPE_ERROR));
  g_assert_error ((GError *) g_value_get_boxed (&values[1]), G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_cmpint (g_value_get_int (&values[2]), ==, 3);
  for (guint i = 0; i < n_values; i++)
    g_value_unset (&values[i]);
  g_free (values);

  g_assert_null (gaio_gatherer_get_value_at (gatherer, 1));
  g_assert_error (gaio_gatherer_get_error_at (gatherer, 1), G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_cmpuint (gaio_gatherer_get_n_failed (gatherer), ==, 1);
  finalize_gatherer (g_steal_pointer (&gatherer));
}

static void
test_gatherer_all_settled (void)
{
  g_autoptr(GaioFuture) a = delayed_error (1, G_IO_ERROR_BUSY, 1);
  g_autoptr(GaioFuture) b = delayed_int (10, 2);
  g_autoptr(GaioFuture) c = gaio_future_new ();
  g_autoptr(GaioGatherer) gatherer = gaio_gatherer_new (GAIO_GATHER_MODE_ALL_SETTLED, a, b, c, NULL);
  g_autoptr(GError) error = NULL;

  gaio_future_cancel (c);
  g_assert_nonnull (gaio_run (GAIO_FUTURE (gatherer), &error));
  g_assert_no_error (error);
  g_assert_error (gaio_gatherer_get_error_at (gatherer, 0), G_IO_ERROR, G_IO_ERROR_BUSY);
  g_assert_cmpint (value_at (gatherer, 1), ==, 2);
  /* A cancelled future counts as one that failed with CANCELLED. */
  g_assert_error (gaio_gatherer_get_error_at (gatherer, 2), G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (gaio_gatherer_get_n_failed (gatherer), ==, 1);
  g_assert_cmpuint (gaio_gatherer_get_n_cancelled (gatherer), ==, 1);
  g_assert_cmpuint (gaio_gatherer_get_n_succeeded (gatherer), ==, 1);
  g_assert_cmpuint (gaio_gatherer_get_n_done (gatherer), ==, 3);
  finalize_gatherer (g_steal_pointer (&gatherer));
}

static void
test_gatherer_all_child_cancelled (void)
{
  g_autoptr(GaioFuture) a = gaio_future_new ();
  g_autoptr(GaioFuture) b = gaio_future_new ();
  g_autoptr(GaioGatherer) gatherer = gaio_gatherer_new (GAIO_GATHER_MODE_ALL, a, b, NULL);
  g_autoptr(GError) error = NULL;

  gaio_future_cancel (a);
  g_assert_null (gaio_run (GAIO_FUTURE (gatherer), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (gaio_future_is_cancelled (GAIO_FUTURE (gatherer)));
  g_assert_false (gaio_future_is_done (b));
  gaio_future_resolve_int (b, 2);
  gaio_test_iterate_for (1);
  g_assert_cmpuint (gaio_gatherer_get_n_done (gatherer), ==, 2);
  finalize_gatherer (g_steal_pointer (&gatherer));
}

static void
test_gatherer_any (void)
{
  g_autoptr(GaioFuture) fails = delayed_error (1, G_IO_ERROR_FAILED, 1);
  g_autoptr(GaioFuture) wins = delayed_int (10, 2);
  g_autoptr(GaioFuture) slow = gaio_sleep (10000);
  g_autoptr(GaioGatherer) gatherer = gaio_gatherer_new (GAIO_GATHER_MODE_ANY, fails, wins, slow, NULL);
  g_autoptr(GError) error = NULL;
  const GValue *value;

  g_assert_cmpint (gaio_gatherer_get_winner (gatherer), ==, -1);
  value = gaio_run (GAIO_FUTURE (gatherer), &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_value_get_int (value), ==, 2);
  g_assert_cmpint (gaio_gatherer_get_winner (gatherer), ==, 1);
  g_assert_true (gaio_future_is_cancelled (slow));
  g_assert_error (gaio_gatherer_get_error_at (gatherer, 0), G_IO_ERROR, G_IO_ERROR_FAILED);
  gaio_test_iterate_for (1);
  finalize_gatherer (g_steal_pointer (&gatherer));
}

static void
test_gatherer_any_all_fail (void)
{
  g_autoptr(GaioFuture) a = delayed_error (10, G_IO_ERROR_FAILED, 1);
  g_autoptr(GaioFuture) b = delayed_error (1, G_IO_ERROR_NOT_FOUND, 2);
  g_autoptr(GaioGatherer) gatherer = gaio_gatherer_new (GAIO_GATHER_MODE_ANY, a, b, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_null (gaio_run (GAIO_FUTURE (gatherer), &error));
  g_assert_error (error, GAIO_ERROR, GAIO_ERROR_FAILED);
  /* The message counts the failures and quotes the first one to happen. */
  g_assert_nonnull (strstr (error->message, "All 2 futures failed"));
  g_assert_nonnull (strstr (error->message, "failure 2"));
  g_assert_error (gaio_gatherer_get_error_at (gatherer, 0), G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_error (gaio_gatherer_get_error_at (gatherer, 1), G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  finalize_gatherer (g_steal_pointer (&gatherer));
}

static void
test_gatherer_race (void)
{
  g_autoptr(GaioFuture) fast = delayed_error (1, G_IO_ERROR_TIMED_OUT, 1);
  g_autoptr(GaioFuture) slow = gaio_sleep (10000);
  g_autoptr(GaioGatherer) gatherer = gaio_gatherer_new (GAIO_GATHER_MODE_RACE, slow, fast, NULL);
  g_autoptr(GaioFuture) fast2 = delayed_int (1, 7);
  g_autoptr(GaioFuture) slow2 = gaio_sleep (10000);
  g_autoptr(GaioGatherer) gatherer2 = gaio_gatherer_new (GAIO_GATHER_MODE_RACE, slow2, fast2, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_null (gaio_run (GAIO_FUTURE (gatherer), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_cmpint (gaio_gatherer_get_winner (gatherer), ==, 1);
  g_assert_true (gaio_future_is_cancelled (slow));

  g_assert_cmpint (g_value_get_int (gaio_run (GAIO_FUTURE (gatherer2), NULL)), ==, 7);
  g_assert_true (gaio_future_is_cancelled (slow2));
  gaio_test_iterate_for (1);
  finalize_gatherer (g_steal_pointer (&gatherer));
  finalize_gatherer (g_steal_pointer (&gatherer2));
}

static gpointer
cancel_from_worker (gpointer data)
{
  gaio_future_cancel (data);
  return NULL;
}

static void
test_gatherer_cancel_from_thread_between_iterations (void)
{
  g_autoptr(GaioFuture) a = gaio_sleep (10000);
  g_autoptr(GaioFuture) b = gaio_future_new ();
  g_autoptr(GaioGatherer) gatherer = gaio_gatherer_new (GAIO_GATHER_MODE_ALL, a, b, NULL);
  g_autoptr(GError) error = NULL;

  /* The main context is free, but it is this thread's: a worker that could
   * acquire it must leave the gatherer alone and hand the cancel over. */
  g_thread_join (g_thread_new ("canceller", cancel_from_worker, gatherer));
  g_assert_false (gaio_future_is_cancelled (a));
  g_assert_false (gaio_future_is_cancelled (b));

  g_assert_null (gaio_run (GAIO_FUTURE (gatherer), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (gaio_future_is_cancelled (a));
  g_assert_true (gaio_future_is_cancelled (b));
  gaio_test_iterate_for (1);
  finalize_gatherer (g_steal_pointer (&gatherer));
}

static void
test_gatherer_foreign_context (void)
{
  if (g_test_subprocess ())
    {
      GMainContext *other = g_main_context_new ();
      g_autoptr(GaioFuture) foreign = NULL;
      g_autoptr(GaioGatherer) gatherer = NULL;

      g_main_context_push_thread_default (other);
      foreign = gaio_future_new ();
      g_main_context_pop_thread_default (other);
      gatherer = gaio_gatherer_new (GAIO_GATHER_MODE_ALL, foreign, NULL);
      g_assert_null (gatherer);
      return;
    }

  /* A child of another context would be counted from another thread. */
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*all_on_this_context*");
}

static void
test_gatherer_cancel (void)
{
  for (GaioGatherMode mode = GAIO_GATHER_MODE_ALL; mode <= GAIO_GATHER_MODE_RACE; mode++)
    {
      g_autoptr(GaioFuture) a = gaio_sleep (10000);
      g_autoptr(GaioFuture) b = gaio_future_new ();
      g_autoptr(GaioGatherer) gatherer = gaio_gatherer_new (mode, a, b, NULL);
      g_autoptr(GError) error = NULL;

      g_assert_true (gaio_future_cancel (GAIO_FUTURE (gatherer)));
      g_assert_true (gaio_future_is_cancelled (a));
      g_assert_true (gaio_future_is_cancelled (b));
      g_assert_null (gaio_run (GAIO_FUTURE (gatherer), &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_true (gaio_future_is_cancelled (GAIO_FUTURE (gatherer)));
      gaio_test_iterate_for (1);
      g_assert_cmpuint (gaio_gatherer_get_n_failed (gatherer), ==, 0);
      g_assert_cmpuint (gaio_gatherer_get_n_cancelled (gatherer), ==, 2);
      finalize_gatherer (g_steal_pointer (&gatherer));
    }
}

static void
test_gatherer_empty (void)
{
  for (GaioGatherMode mode = GAIO_GATHER_MODE_ALL; mode <= GAIO_GATHER_MODE_RACE; mode++)
    {
      g_autoptr(GaioGatherer) gatherer = gaio_gatherer_newv (mode, NULL, 0);
      g_autoptr(GError) error = NULL;
      GValue *values;
      guint n_values = 1;

      /* Never settled synchronously. */
      g_assert_false (gaio_future_is_done (GAIO_FUTURE (gatherer)));
      gaio_test_wait_for_future (GAIO_FUTURE (gatherer), 1000);
      if (mode == GAIO_GATHER_MODE_ANY)
        {
          g_assert_false (gaio_future_propagate (GAIO_FUTURE (gatherer), &error));
          g_assert_error (error, GAIO_ERROR, GAIO_ERROR_FAILED);
        }
      else
        {
          g_assert_true (gaio_future_propagate (GAIO_FUTURE (gatherer), &error));
          g_assert_no_error (error);
        }
      values = gaio_gatherer_get_values (gatherer, &n_values);
      g_assert_cmpuint (n_values, ==, 0);
      g_free (values);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gatherer)), ==, 0);
      finalize_gatherer (g_steal_pointer (&gatherer));
    }
}

/* Every public mode keeps reporting itself, whichever row of the policy
 * table it names; return-errors switches an ALL gatherer back and forth
 * without changing its mode, and switched off again the first error rejects. */
static void
test_gatherer_presets (void)
{
  for (GaioGatherMode mode = GAIO_GATHER_MODE_ALL; mode <= GAIO_GATHER_MODE_RACE; mode++)
    {
      g_autoptr(GaioGatherer) gatherer = gaio_gatherer_newv (mode, NULL, 0);
      g_autoptr(GError) error = NULL;
      GaioGatherMode property = -1;

      g_object_get (gatherer, "mode", &property, NULL);
      g_assert_cmpint (gaio_gatherer_get_mode (gatherer), ==, mode);
      g_assert_cmpint (property, ==, mode);
      g_assert_false (gaio_gatherer_is_wait (gatherer));
      gaio_gatherer_set_return_errors (gatherer, TRUE);
      g_assert_cmpint (gaio_gatherer_get_mode (gatherer), ==, mode);
      gaio_test_wait_for_future (GAIO_FUTURE (gatherer), 1000);
      /* Only ANY fails with nothing to wait for, return-errors or not. */
      g_assert_true (gaio_future_propagate (GAIO_FUTURE (gatherer), &error) ==
                     (mode != GAIO_GATHER_MODE_ANY));
      finalize_gatherer (g_steal_pointer (&gatherer));
    }

  for (GaioWaitMode mode = GAIO_WAIT_MODE_FIRST_COMPLETED; mode <= GAIO_WAIT_MODE_ALL_COMPLETED; mode++)
    {
      g_autoptr(GaioGatherer) wait = gaio_gatherer_new_waitv (mode, -1, NULL, 0);

      g_assert_true (gaio_gatherer_is_wait (wait));
      g_assert_cmpint (gaio_gatherer_get_mode (wait), ==, GAIO_GATHER_MODE_ALL);
      gaio_test_wait_for_future (GAIO_FUTURE (wait), 1000);
      g_assert_cmpint (gaio_future_get_state (GAIO_FUTURE (wait)), ==, GAIO_FUTURE_STATE_RESOLVED);
      finalize_gatherer (g_steal_pointer (&wait));
    }

  {
    g_autoptr(GaioFuture) bad = delayed_error (1, G_IO_ERROR_NOT_FOUND, 1);
    g_autoptr(GaioFuture) slow = gaio_sleep (10000);
    g_autoptr(GaioGatherer) gatherer = gaio_gatherer_new (GAIO_GATHER_MODE_ALL, bad, slow, NULL);
    g_autoptr(GError) error = NULL;

    gaio_gatherer_set_return_errors (gatherer, TRUE);
    gaio_gatherer_set_return_errors (gatherer, FALSE);
    g_assert_cmpint (gaio_gatherer_get_mode (gatherer), ==, GAIO_GATHER_MODE_ALL);
    g_assert_null (gaio_run (GAIO_FUTURE (gatherer), &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_assert_false (gaio_future_is_done (slow));
    gaio_future_cancel (slow);
    gaio_test_wait_for_future (slow, 1000);
    finalize_gatherer (g_steal_pointer (&gatherer));
  }
}

static void
test_gatherer_same_future_twice (void)
{
  g_autoptr(GaioFuture) a = delayed_int (1, 5);
  GaioFuture *futures[] = { a, a };
  g_autoptr(GaioGatherer) gatherer = gaio_gatherer_newv (GAIO_GATHER_MODE_ALL, futures, 2);

  gaio_test_wait_for_future (GAIO_FUTURE (gatherer), 5000);
  g_assert_cmpuint (gaio_gatherer_get_n_futures (gatherer), ==, 2);
  g_assert_cmpuint (gaio_gatherer_get_n_done (gatherer), ==, 2);
  g_assert_cmpint (value_at (gatherer, 0), ==, 5);
  g_assert_cmpint (value_at (gatherer, 1), ==, 5);
  finalize_gatherer (g_steal_pointer (&gatherer));
  g_assert_finalize_object (g_steal_pointer (&a));
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    data)
{
  guint *count = data;

  (*count)++;
}

static void
test_gatherer_list_model (void)
{
  g_autoptr(GaioFuture) a = delayed_int (1, 1);
  g_autoptr(GaioFuture) b = delayed_error (5, G_IO_ERROR_FAILED, 2);
  g_autoptr(GaioFuture) c = delayed_int (10, 3);
  g_autoptr(GaioGatherer) gatherer = gaio_gatherer_new (GAIO_GATHER_MODE_ALL_SETTLED, a, b, c, NULL);
  GListModel *model = G_LIST_MODEL (gatherer);
  g_autoptr(GaioFuture) item = NULL;
  guint n_done_notifies = 0;
  guint n_failed_notifies = 0;
  guint n_done = 0;

  g_assert_true (g_list_model_get_item_type (model) == GAIO_TYPE_FUTURE);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  item = g_list_model_get_item (model, 1);
  g_assert_true (item == b);
  g_assert_null (g_list_model_get_item (model, 3));

  g_signal_connect (gatherer, "notify::n-done", G_CALLBACK (count_notify_cb), &n_done_notifies);
  g_signal_connect (gatherer, "notify::n-failed", G_CALLBACK (count_notify_cb), &n_failed_notifies);
  /* Setting a property to its value is not a change: no notification. */
  gaio_gatherer_set_return_errors (gatherer, FALSE);

  gaio_test_wait_for_future (GAIO_FUTURE (gatherer), 5000);
  /* One notification per batch of settled futures, and only on change:
   * these settle 1, 5 and 10 ms apart, one failing. */
  g_assert_cmpuint (n_done_notifies, >=, 1);
  g_assert_cmpuint (n_done_notifies, <=, 3);
  g_assert_cmpuint (n_failed_notifies, ==, 1);
  g_object_get (gatherer, "n-done", &n_done, NULL);
  g_assert_cmpuint (n_done, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);

  g_clear_object (&item);
  finalize_gatherer (g_steal_pointer (&gatherer));
}

static void
set_flag_cb (GaioFuture *future,
             gpointer    data)
{
  *(gboolean *) data = TRUE;
}

/* Runs the owner context through two more scheduler batches: the one that
 * runs the children's callbacks and the one that flushes the gatherer's
 * notifications. Counted in batches, not milliseconds. */
static void
run_two_batches (void)
{
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GaioFuture) marker = gaio_future_new ();
      gboolean ran = FALSE;

      gaio_future_resolve (marker, NULL);
      gaio_future_add_done_callback (marker, set_flag_cb, &ran, NULL);
      gaio_test_wait_for_flag (&ran, 5000);
    }
}

typedef struct
{
  GaioGatherer *gatherer;
  GString      *log;
} ItemsChanged;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    data)
{
  ItemsChanged *changes = data;

  g_assert_cmpuint (removed, ==, added);
  /* The rows announced have settled by the time the view hears of them. */
  for (guint i = position; i < position + added; i++)
    g_assert_true (gaio_future_is_done (gaio_gatherer_get_future (changes->gatherer, i)));
  g_string_append_printf (changes->log, "(%u,%u)", position, added);
}

/* A row changes when its future settles, on the owner context, and rows
 * settled in one batch are announced once per run of neighbours. */
static void
test_gatherer_items_changed (void)
{
  GaioFuture *futures[6];
  g_autoptr(GaioGatherer) gatherer = NULL;
  ItemsChanged changes = { NULL, g_string_new (NULL) };

  for (guint i = 0; i < G_N_ELEMENTS (futures); i++)
    futures[i] = gaio_future_new ();
  gatherer = gaio_gatherer_newv (GAIO_GATHER_MODE_ALL_SETTLED, futures, G_N_ELEMENTS (futures));
  changes.gatherer = gatherer;
  g_signal_connect (gatherer, "items-changed", G_CALLBACK (items_changed_cb), &changes);

  gaio_future_resolve_int (futures[0], 0);
  gaio_future_resolve_int (futures[1], 1);
  gaio_future_cancel (futures[3]);
  /* Never from inside the call that settled. */
  g_assert_cmpstr (changes.log->str, ==, "");
  run_two_batches ();
  g_assert_cmpstr (changes.log->str, ==, "(0,2)(3,1)");

  gaio_future_reject_literal (futures[5], G_IO_ERROR, G_IO_ERROR_FAILED, "failed");
  run_two_batches ();
  g_assert_cmpstr (changes.log->str, ==, "(0,2)(3,1)(5,1)");

  gaio_future_resolve_int (futures[4], 4);
  gaio_future_resolve_int (futures[2], 2);
  gaio_test_wait_for_future (GAIO_FUTURE (gatherer), 1000);
  g_assert_cmpstr (changes.log->str, ==, "(0,2)(3,1)(5,1)(2,1)(4,1)");

  g_string_free (changes.log, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (futures); i++)
    g_object_unref (futures[i]);
  finalize_gatherer (g_steal_pointer (&gatherer));
}

/* A progress bar binds to `fraction`: cancelled futures are not work done,
 * so a cancelled gather does not read as finished. */
static void
test_gatherer_fraction (void)
{
  GaioFuture *futures[4];
  g_autoptr(GaioGatherer) gatherer = NULL;
  guint n_fraction_notifies = 0;
  double fraction = -1;
  guint n_succeeded = 0, n_failed = 0, n_cancelled = 0;

  for (guint i = 0; i < G_N_ELEMENTS (futures); i++)
    futures[i] = gaio_future_new ();
  gatherer = gaio_gatherer_newv (GAIO_GATHER_MODE_ALL_SETTLED, futures, G_N_ELEMENTS (futures));
  g_signal_connect (gatherer, "notify::fraction", G_CALLBACK (count_notify_cb),
                    &n_fraction_notifies);
  g_assert_cmpfloat (gaio_gatherer_get_fraction (gatherer), ==, 0.0);

  gaio_future_resolve_int (futures[0], 0);
  run_two_batches ();
  g_object_get (gatherer, "fraction", &fraction, NULL);
  g_assert_cmpfloat (fraction, ==, 0.25);
  g_assert_cmpuint (n_fraction_notifies, ==, 1);

  gaio_future_reject_literal (futures[1], G_IO_ERROR, G_IO_ERROR_FAILED, "failed");
  run_two_batches ();
  g_assert_cmpfloat (gaio_gatherer_get_fraction (gatherer), ==, 0.5);
  g_assert_cmpuint (n_fraction_notifies, ==, 2);

  gaio_future_cancel (GAIO_FUTURE (gatherer));
  gaio_test_wait_for_future (GAIO_FUTURE (gatherer), 1000);
  run_two_batches ();
  g_object_get (gatherer, "fraction", &fraction, "n-succeeded", &n_succeeded,
                "n-failed", &n_failed, "n-cancelled", &n_cancelled, NULL);
  g_assert_cmpfloat (fraction, ==, 0.5);
  g_assert_cmpuint (n_fraction_notifies, ==, 2);
  g_assert_cmpuint (n_succeeded, ==, 1);
  g_assert_cmpuint (n_failed, ==, 1);
  g_assert_cmpuint (n_cancelled, ==, 2);
  g_assert_cmpuint (gaio_gatherer_get_n_done (gatherer), ==, 4);
  gaio_future_get_error (GAIO_FUTURE (gatherer));

  for (guint i = 0; i < G_N_ELEMENTS (futures); i++)
    g_object_unref (futures[i]);
  finalize_gatherer (g_steal_pointer (&gatherer));

  /* Nothing to do is all done. */
  gatherer = gaio_gatherer_newv (GAIO_GATHER_MODE_ALL, NULL, 0);
  g_assert_cmpfloat (gaio_gatherer_get_fraction (gatherer), ==, 1.0);
  gaio_test_wait_for_future (GAIO_FUTURE (gatherer), 1000);
  finalize_gatherer (g_steal_pointer (&gatherer));
}

static void
collect_ptr_array (GPtrArray   *array,
                   GaioFuture **expected,
                   guint        n_expected)
{
  g_assert_cmpuint (array->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_true (g_ptr_array_index (array, i) == expected[i]);
  g_ptr_array_unref (array);
}

static void
test_gatherer_wait_first_completed (void)
{
  g_autoptr(GaioFuture) slow = gaio_sleep (10000);
  g_autoptr(GaioFuture) fast = delayed_int (5, 1);
  g_autoptr(GaioGatherer) wait = gaio_gatherer_new_wait (GAIO_WAIT_MODE_FIRST_COMPLETED, -1,
                                                         slow, fast, NULL);

  g_assert_true (gaio_gatherer_is_wait (wait));
  gaio_test_wait_for_future (GAIO_FUTURE (wait), 5000);
  g_assert_cmpint (gaio_future_get_state (GAIO_FUTURE (wait)), ==, GAIO_FUTURE_STATE_RESOLVED);
  collect_ptr_array (gaio_gatherer_get_done (wait), (GaioFuture *[]) { fast }, 1);
  collect_ptr_array (gaio_gatherer_get_pending (wait), (GaioFuture *[]) { slow }, 1);
  /* wait() never cancels what it waits on. */
  g_assert_false (gaio_future_is_done (slow));

  gaio_future_cancel (slow);
  gaio_test_iterate_for (1);
  /* The sets were taken when the wait resolved. */
  collect_ptr_array (gaio_gatherer_get_pending (wait), (GaioFuture *[]) { slow }, 1);
  finalize_gatherer (g_steal_pointer (&wait));
}

static void
test_gatherer_wait_first_error (void)
{
  g_autoptr(GaioFuture) ok = delayed_int (1, 1);
  g_autoptr(GaioFuture) bad = delayed_error (10, G_IO_ERROR_FAILED, 2);
  g_autoptr(GaioFuture) slow = gaio_sleep (10000);
  g_autoptr(GaioGatherer) wait = gaio_gatherer_new_wait (GAIO_WAIT_MODE_FIRST_ERROR, -1,
                                                         ok, bad, slow, NULL);
  g_autoptr(GaioFuture) ok2 = delayed_int (1, 1);
  g_autoptr(GaioFuture) ok3 = delayed_int (5, 1);
  g_autoptr(GaioGatherer) wait2 = gaio_gatherer_new_wait (GAIO_WAIT_MODE_FIRST_ERROR, -1,
                                                          ok2, ok3, NULL);

  gaio_test_wait_for_future (GAIO_FUTURE (wait), 5000);
  collect_ptr_array (gaio_gatherer_get_done (wait), (GaioFuture *[]) { ok, bad }, 2);
  collect_ptr_array (gaio_gatherer_get_pending (wait), (GaioFuture *[]) { slow }, 1);
  g_assert_error (gaio_gatherer_get_error_at (wait, 1), G_IO_ERROR, G_IO_ERROR_FAILED);

  /* With no failure, FIRST_ERROR waits for everything. */
  gaio_test_wait_for_future (GAIO_FUTURE (wait2), 5000);
  g_assert_cmpuint (gaio_gatherer_get_n_done (wait2), ==, 2);
  collect_ptr_array (gaio_gatherer_get_pending (wait2), NULL, 0);

  gaio_future_cancel (slow);
  gaio_test_iterate_for (1);
  finalize_gatherer (g_steal_pointer (&wait));
  finalize_gatherer (g_steal_pointer (&wait2));
}

static void
test_gatherer_wait_all_completed (void)
{
  g_autoptr(GaioFuture) a = delayed_int (10, 1);
  g_autoptr(GaioFuture) b = delayed_error (1, G_IO_ERROR_FAILED, 2);
  g_autoptr(GaioGatherer) wait = gaio_gatherer_new_wait (GAIO_WAIT_MODE_ALL_COMPLETED, -1, a, b, NULL);

  gaio_test_wait_for_future (GAIO_FUTURE (wait), 5000);
  g_assert_cmpint (gaio_future_get_state (GAIO_FUTURE (wait)), ==, GAIO_FUTURE_STATE_RESOLVED);
  collect_ptr_array (gaio_gatherer_get_done (wait), (GaioFuture *[]) { a, b }, 2);
  collect_ptr_array (gaio_gatherer_get_pending (wait), NULL, 0);
  g_assert_error (gaio_gatherer_get_error_at (wait, 1), G_IO_ERROR, G_IO_ERROR_FAILED);
  finalize_gatherer (g_steal_pointer (&wait));
}

static void
test_gatherer_wait_timeout (void)
{
  for (GaioWaitMode mode = GAIO_WAIT_MODE_FIRST_COMPLETED; mode <= GAIO_WAIT_MODE_ALL_COMPLETED; mode++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GaioFuture) slow = gaio_sleep (10000);
      g_autoptr(GaioFuture) fast = delayed_int (1, 1);
      /* FIRST_COMPLETED would finish with fast; give it only slow. */
      g_autoptr(GaioGatherer) wait =
        mode == GAIO_WAIT_MODE_FIRST_COMPLETED
          ? gaio_gatherer_new_wait (mode, 20, slow, NULL)
          : gaio_gatherer_new_wait (mode, 20, slow, fast, NULL);

      gaio_test_wait_for_future (GAIO_FUTURE (wait), 5000);
      g_assert_cmpint (g_get_monotonic_time () - start, >=, 20 * 1000);
      g_assert_cmpint (gaio_future_get_state (GAIO_FUTURE (wait)), ==, GAIO_FUTURE_STATE_RESOLVED);
      collect_ptr_array (gaio_gatherer_get_pending (wait), (GaioFuture *[]) { slow }, 1);
      /* A timeout does not cancel the futures, as in asyncio.wait(). */
      g_assert_false (gaio_future_is_done (slow));

      gaio_future_cancel (slow);
      gaio_test_wait_for_future (fast, 1000);
      gaio_test_iterate_for (1);
      finalize_gatherer (g_steal_pointer (&wait));
    }
}

static void
test_gatherer_wait_in_time (void)
{
  g_autoptr(GaioFuture) a = delayed_int (1, 1);
  g_autoptr(GaioGatherer) wait = gaio_gatherer_new_wait (GAIO_WAIT_MODE_ALL_COMPLETED, 5000, a, NULL);
  gint64 start = g_get_monotonic_time ();

  gaio_test_wait_for_future (GAIO_FUTURE (wait), 5000);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 4 * G_USEC_PER_SEC);
  collect_ptr_array (gaio_gatherer_get_done (wait), (GaioFuture *[]) { a }, 1);
  /* The timeout source went away with the decision. */
  finalize_gatherer (g_steal_pointer (&wait));
}

static void
next_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      data)
{
  GPtrArray *order = data;
  g_autoptr(GError) error = NULL;
  GaioFuture *next = gaio_gatherer_next_completed_finish (GAIO_GATHERER (object), result, &error);

  g_assert_no_error (error);
  g_ptr_array_add (order, next);   /* NULL marks the end */
}

/* Children settled before the gatherer starts are counted from the loop,
 * never inside the constructor, first and in input order; a child that
 * settles after the constructor comes after them. */
static void
test_gatherer_settled_children (void)
{
  g_autoptr(GaioFuture) pending = gaio_future_new ();
  g_autoptr(GaioFuture) late = gaio_future_new ();
  g_autoptr(GaioFuture) ok = gaio_future_new ();
  g_autoptr(GaioFuture) bad = gaio_future_new ();
  g_autoptr(GaioGatherer) race = NULL;
  g_autoptr(GaioGatherer) settled = NULL;
  g_autoptr(GPtrArray) order = g_ptr_array_new ();

  gaio_future_resolve_int (ok, 1);
  gaio_future_reject_literal (bad, G_IO_ERROR, G_IO_ERROR_FAILED, "bad");

  /* RACE: the first settled child in input order wins, from the loop. */
  race = gaio_gatherer_new (GAIO_GATHER_MODE_RACE, pending, bad, ok, NULL);
  g_assert_false (gaio_future_is_done (GAIO_FUTURE (race)));
  g_assert_cmpuint (gaio_gatherer_get_n_done (race), ==, 0);
  gaio_test_wait_for_future (GAIO_FUTURE (race), 5000);
  g_assert_cmpint (gaio_gatherer_get_winner (race), ==, 1);
  g_assert_error (gaio_future_get_error (GAIO_FUTURE (race)), G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_true (gaio_future_is_cancelled (pending));

  /* ALL_SETTLED: @late settles after the constructor but before the loop
   * runs, so it completes after the two that had settled. */
  settled = gaio_gatherer_new (GAIO_GATHER_MODE_ALL_SETTLED, late, ok, bad, NULL);
  gaio_future_resolve_int (late, 3);
  for (guint i = 0; i < 4; i++)
    gaio_gatherer_next_completed_async (settled, NULL, next_done_cb, order);
  while (order->len < 4)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (order->pdata[0] == ok);
  g_assert_true (order->pdata[1] == bad);
  g_assert_true (order->pdata[2] == late);
  g_assert_null (order->pdata[3]);
  for (guint i = 0; i < 3; i++)
    g_object_unref (order->pdata[i]);
  g_assert_cmpint (value_at (settled, 0), ==, 3);
  g_assert_cmpint (value_at (settled, 1), ==, 1);
  g_assert_error (gaio_gatherer_get_error_at (settled, 2), G_IO_ERROR, G_IO_ERROR_FAILED);

  gaio_test_iterate_for (1);
  finalize_gatherer (g_steal_pointer (&race));
  finalize_gatherer (g_steal_pointer (&settled));
}

static void
test_gatherer_as_completed (void)
{
  g_autoptr(GaioFuture) a = delayed_int (30, 1);
  g_autoptr(GaioFuture) b = delayed_int (1, 2);
  g_autoptr(GaioFuture) c = delayed_error (15, G_IO_ERROR_FAILED, 3);
  g_autoptr(GaioGatherer) gatherer = gaio_gatherer_new (GAIO_GATHER_MODE_ALL_SETTLED, a, b, c, NULL);
  GaioFuture *expected[] = { b, c, a };
  g_autoptr(GPtrArray) order = g_ptr_array_new ();

  /* The C way: a future of the next settled future. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GaioFuture) next = gaio_gatherer_next_completed (gatherer);
      const GValue *value;

      gaio_test_wait_for_future (next, 5000);
      value = gaio_future_get_value (next);
      g_assert_nonnull (value);
      g_assert_true (g_value_get_object (value) == expected[i]);
    }
  {
    g_autoptr(GaioFuture) end = gaio_gatherer_next_completed (gatherer);

    gaio_test_wait_for_future (end, 1000);
    g_assert_null (gaio_future_get_value (end));
  }
  gaio_future_get_error (c);
  gaio_test_iterate_for (1);
  finalize_gatherer (g_steal_pointer (&gatherer));

  /* The binding way: an exact _async/_finish pair, calls queued up front. */
  {
    g_autoptr(GaioFuture) x = delayed_int (20, 1);
    g_autoptr(GaioFuture) y = delayed_int (1, 2);
    g_autoptr(GaioGatherer) g = gaio_gatherer_new (GAIO_GATHER_MODE_ALL, x, y, NULL);

    for (guint i = 0; i < 3; i++)
      gaio_gatherer_next_completed_async (g, NULL, next_done_cb, order);
    while (order->len < 3)
      g_main_context_iteration (NULL, TRUE);
    g_assert_true (order->pdata[0] == y);
    g_assert_true (order->pdata[1] == x);
    g_assert_null (order->pdata[2]);
    g_object_unref (order->pdata[0]);
    g_object_unref (order->pdata[1]);
    gaio_test_iterate_for (1);
    finalize_gatherer (g_steal_pointer (&g));
  }
}

static void
next_cancelled_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      data)
{
  gboolean *done = data;
  g_autoptr(GError) error = NULL;
  GaioFuture *next = gaio_gatherer_next_completed_finish (GAIO_GATHERER (object), result, &error);

  g_assert_null (next);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  *done = TRUE;
}

static void
test_gatherer_as_completed_cancel (void)
{
  g_autoptr(GaioFuture) a = gaio_future_new ();
  g_autoptr(GaioGatherer) gatherer = gaio_gatherer_new (GAIO_GATHER_MODE_ALL, a, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GaioFuture) next = NULL;
  gboolean done = FALSE;

  gaio_gatherer_next_completed_async (gatherer, cancellable, next_cancelled_cb, &done);
  g_cancellable_cancel (cancellable);
  gaio_test_wait_for_flag (&done, 1000);

  /* The cancelled call took nothing: the next one gets the future. */
  gaio_future_resolve_int (a, 1);
  next = gaio_gatherer_next_completed (gatherer);
  gaio_test_wait_for_future (next, 1000);
  g_assert_true (g_value_get_object (gaio_future_get_value (next)) == a);
  finalize_gatherer (g_steal_pointer (&gatherer));
}

typedef struct
{
  GaioFuture *futures[8];
} ThreadData;

static gpointer
resolve_thread (gpointer data)
{
  ThreadData *td = data;

  for (guint i = 0; i < G_N_ELEMENTS (td->futures); i++)
    gaio_future_resolve_int (td->futures[G_N_ELEMENTS (td->futures) - 1 - i], (int) i);
  return NULL;
}

static void
test_gatherer_other_thread (void)
{
  ThreadData td;
  g_autoptr(GaioGatherer) gatherer = NULL;
  GThread *thread;

  for (guint i = 0; i < G_N_ELEMENTS (td.futures); i++)
    td.futures[i] = gaio_future_new ();
  gatherer = gaio_gatherer_newv (GAIO_GATHER_MODE_ALL, td.futures, G_N_ELEMENTS (td.futures));

  thread = g_thread_new ("resolver", resolve_thread, &td);
  gaio_test_wait_for_future (GAIO_FUTURE (gatherer), 5000);
  g_thread_join (thread);

  for (guint i = 0; i < G_N_ELEMENTS (td.futures); i++)
    {
      g_assert_cmpint (value_at (gatherer, i), ==, (int) (G_N_ELEMENTS (td.futures) - 1 - i));
      g_object_unref (td.futures[i]);
    }
  finalize_gatherer (g_steal_pointer (&gatherer));
}

static gpointer
cancel_thread (gpointer data)
{
  gaio_future_cancel (data);
  return NULL;
}

/* Cancelling is thread-safe: the decision is taken on the owner context. */
static void
test_gatherer_cancel_from_thread (void)
{
  g_autoptr(GaioFuture) a = gaio_future_new ();
  g_autoptr(GaioFuture) b = gaio_sleep (10000);
  g_autoptr(GaioGatherer) gatherer = gaio_gatherer_new (GAIO_GATHER_MODE_ALL_SETTLED, a, b, NULL);
  GThread *thread = g_thread_new ("canceller", cancel_thread, gatherer);

  gaio_test_wait_for_future (GAIO_FUTURE (gatherer), 5000);
  g_thread_join (thread);
  g_assert_true (gaio_future_is_cancelled (GAIO_FUTURE (gatherer)));
  g_assert_true (gaio_future_is_cancelled (a));
  g_assert_true (gaio_future_is_cancelled (b));
  g_assert_cmpuint (gaio_gatherer_get_n_cancelled (gatherer), ==, 2);
  gaio_future_get_error (GAIO_FUTURE (gatherer));
  finalize_gatherer (g_steal_pointer (&gatherer));
}

static void
test_gatherer_wait_empty (void)
{
  for (GaioWaitMode mode = GAIO_WAIT_MODE_FIRST_COMPLETED; mode <= GAIO_WAIT_MODE_ALL_COMPLETED; mode++)
    {
      g_autoptr(GaioGatherer) wait = gaio_gatherer_new_waitv (mode, 10000, NULL, 0);
      gint64 start = g_get_monotonic_time ();

      g_assert_false (gaio_future_is_done (GAIO_FUTURE (wait)));
      gaio_test_wait_for_future (GAIO_FUTURE (wait), 1000);
      g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
      g_assert_cmpint (gaio_future_get_state (GAIO_FUTURE (wait)), ==, GAIO_FUTURE_STATE_RESOLVED);
      collect_ptr_array (gaio_gatherer_get_done (wait), NULL, 0);
      collect_ptr_array (gaio_gatherer_get_pending (wait), NULL, 0);
      finalize_gatherer (g_steal_pointer (&wait));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/Gaio/Gatherer/all-order", test_gatherer_all_order);
  g_test_add_func ("/Gaio/Gatherer/varargs", test_gatherer_varargs);
  g_test_add_func ("/Gaio/Gatherer/all-error", test_gatherer_all_error);
  g_test_add_func ("/Gaio/Gatherer/return-errors", test_gatherer_return_errors);
  g_test_add_func ("/Gaio/Gatherer/all-settled", test_gatherer_all_settled);
  g_test_add_func ("/Gaio/Gatherer/all-child-cancelled", test_gatherer_all_child_cancelled);
  g_test_add_func ("/Gaio/Gatherer/any", test_gatherer_any);
  g_test_add_func ("/Gaio/Gatherer/any-all-fail", test_gatherer_any_all_fail);
  g_test_add_func ("/Gaio/Gatherer/race", test_gatherer_race);
  g_test_add_func ("/Gaio/Gatherer/cancel", test_gatherer_cancel);
  g_test_add_func ("/Gaio/Gatherer/foreign-context", test_gatherer_foreign_context);
  g_test_add_func ("/Gaio/Gatherer/cancel-from-thread-between-iterations",
                   test_gatherer_cancel_from_thread_between_iterations);
  g_test_add_func ("/Gaio/Gatherer/empty", test_gatherer_empty);
  g_test_add_func ("/Gaio/Gatherer/presets", test_gatherer_presets);
  g_test_add_func ("/Gaio/Gatherer/same-future-twice", test_gatherer_same_future_twice);
  g_test_add_func ("/Gaio/Gatherer/list-model", test_gatherer_list_model);
  g_test_add_func ("/Gaio/Gatherer/items-changed", test_gatherer_items_changed);
  g_test_add_func ("/Gaio/Gatherer/fraction", test_gatherer_fraction);
  g_test_add_func ("/Gaio/Gatherer/wait-first-completed", test_gatherer_wait_first_completed);
  g_test_add_func ("/Gaio/Gatherer/wait-first-error", test_gatherer_wait_first_error);
  g_test_add_func ("/Gaio/Gatherer/wait-all-completed", test_gatherer_wait_all_completed);
  g_test_add_func ("/Gaio/Gatherer/wait-timeout", test_gatherer_wait_timeout);
  g_test_add_func ("/Gaio/Gatherer/wait-in-time", test_gatherer_wait_in_time);
  g_test_add_func ("/Gaio/Gatherer/settled-children", test_gatherer_settled_children);
  g_test_add_func ("/Gaio/Gatherer/as-completed", test_gatherer_as_completed);
  g_test_add_func ("/Gaio/Gatherer/as-completed-cancel", test_gatherer_as_completed_cancel);
  g_test_add_func ("/Gaio/Gatherer/other-thread", test_gatherer_other_thread);
  g_test_add_func ("/Gaio/Gatherer/cancel-from-thread", test_gatherer_cancel_from_thread);
  g_test_add_func ("/Gaio/Gatherer/wait-empty", test_gatherer_wait_empty);

  return g_test_run ();
}
