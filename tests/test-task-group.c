/* test-task-group.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "test-gather-utils.h"

static void
test_task_group_success (void)
{
  g_autoptr(GaioTaskGroup) group = gaio_task_group_new ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GaioFuture) child = delayed_int (10 - 3 * i, (int) i);
      gaio_task_group_add (group, child);
    }
  g_assert_cmpuint (gaio_task_group_get_n_children (group), ==, 3);
  g_assert_cmpuint (gaio_task_group_get_n_pending (group), ==, 3);

  /* Open groups wait for close, even when their children are done. */
  gaio_test_wait_for_future (gaio_task_group_get_child (group, 0), 5000);
  gaio_test_iterate_for (1);
  g_assert_cmpuint (gaio_task_group_get_n_pending (group), ==, 0);
  g_assert_false (gaio_future_is_done (GAIO_FUTURE (group)));

  gaio_task_group_close (group);
  g_assert_true (gaio_task_group_is_closed (group));
  g_assert_nonnull (gaio_run (GAIO_FUTURE (group), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gaio_task_group_get_n_errors (group), ==, 0);
  g_assert_false (gaio_task_group_is_aborting (group));
  gaio_test_iterate_for (1);
  g_assert_finalize_object (g_steal_pointer (&group));
}

static void
test_task_group_empty (void)
{
  g_autoptr(GaioTaskGroup) group = gaio_task_group_new ();
  g_autoptr(GError) error = NULL;

  gaio_task_group_close (group);
  gaio_test_wait_for_future (GAIO_FUTURE (group), 1000);
  g_assert_true (gaio_future_propagate (GAIO_FUTURE (group), &error));
  g_assert_no_error (error);
  g_assert_finalize_object (g_steal_pointer (&group));
}

/* The first failure cancels the siblings; every error stays reachable. */
static void
test_task_group_failure_cancels_siblings (void)
{
  g_autoptr(GaioTaskGroup) group = gaio_task_group_new ();
  g_autoptr(GaioFuture) sleeper = gaio_sleep (10000);
  g_autoptr(GaioFuture) first = gaio_future_new ();
  g_autoptr(GaioFuture) second = gaio_future_new ();
  g_autoptr(GaioFuture) late = NULL;
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GError) error = NULL;

  gaio_task_group_add (group, sleeper);
  gaio_task_group_add (group, first);
  gaio_task_group_add (group, second);

  /* Both fail before the group hears of either. */
  gaio_future_reject_literal (first, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "first");
  gaio_future_reject_literal (second, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, "second");

  /* An aborting group no longer waits for close. */
  g_assert_null (gaio_run (GAIO_FUTURE (group), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_true (gaio_task_group_is_aborting (group));
  g_assert_true (gaio_future_is_cancelled (sleeper));

  g_assert_cmpuint (gaio_task_group_get_n_errors (group), ==, 2);
  g_assert_error (gaio_task_group_get_nth_error (group, 0), G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_error (gaio_task_group_get_nth_error (group, 1), G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  errors = gaio_task_group_get_errors (group);
  g_assert_cmpuint (errors->len, ==, 2);
  g_assert_error ((GError *) errors->pdata[1], G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);

  /* Children added while the group shuts down are cancelled at once. */
  late = gaio_future_new ();
  gaio_task_group_add (group, late);
  g_assert_true (gaio_future_is_cancelled (late));

  gaio_task_group_close (group);
  gaio_test_iterate_for (1);
  g_assert_finalize_object (g_steal_pointer (&group));
}

/* A future that takes a while to stop once cancelled, like a task cleaning up. */
typedef struct { GaioFuture parent_instance; } SlowStop;
typedef struct { GaioFutureClass parent_class; } SlowStopClass;

GType slow_stop_get_type (void);
G_DEFINE_TYPE (SlowStop, slow_stop, GAIO_TYPE_FUTURE)

static void
slow_stop_stopped_cb (GaioFuture *sleep,
                      gpointer    data)
{
  gaio_future_reject_literal (GAIO_FUTURE (data), G_IO_ERROR, G_IO_ERROR_CANCELLED, "stopped");
}

static void
slow_stop_request_cancel (GaioFuture *self)
{
  g_autoptr(GaioFuture) sleep = gaio_sleep (20);

  gaio_future_add_done_callback (sleep, slow_stop_stopped_cb, g_object_ref (self), g_object_unref);
}

static void
slow_stop_class_init (SlowStopClass *klass)
{
  GAIO_FUTURE_CLASS (klass)->request_cancel = slow_stop_request_cancel;
}

static void
slow_stop_init (SlowStop *self)
{
}

static void
test_task_group_failure_waits_for_children (void)
{
  g_autoptr(GaioTaskGroup) group = gaio_task_group_new ();
  g_autoptr(GaioFuture) fails = delayed_error (1, G_IO_ERROR_FAILED, 1);
  g_autoptr(GaioFuture) slow = g_object_new (slow_stop_get_type (), NULL);
  g_autoptr(GError) error = NULL;

  gaio_task_group_add (group, fails);
  gaio_task_group_add (group, slow);
  gaio_task_group_close (group);

  /* The group settles only once the cancelled child has really stopped. */
  g_assert_null (gaio_run (GAIO_FUTURE (group), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_true (gaio_future_is_cancelled (slow));
  g_assert_cmpuint (gaio_task_group_get_n_pending (group), ==, 0);
  g_assert_cmpuint (gaio_task_group_get_n_errors (group), ==, 1);
  gaio_test_iterate_for (1);
  g_assert_finalize_object (g_steal_pointer (&group));
}

static void
test_task_group_cancel (void)
{
  g_autoptr(GaioTaskGroup) group = gaio_task_group_new ();
  g_autoptr(GaioFuture) a = gaio_sleep (10000);
  g_autoptr(GaioFuture) b = gaio_future_new ();
  g_autoptr(GError) error = NULL;

  gaio_task_group_add (group, a);
  gaio_task_group_add (group, b);
  g_assert_true (gaio_future_cancel (GAIO_FUTURE (group)));
  g_assert_true (gaio_future_is_cancelled (a));
  g_assert_true (gaio_future_is_cancelled (b));

  g_assert_null (gaio_run (GAIO_FUTURE (group), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (gaio_future_is_cancelled (GAIO_FUTURE (group)));
  /* Cancellations are not errors. */
  g_assert_cmpuint (gaio_task_group_get_n_errors (group), ==, 0);
  gaio_test_iterate_for (1);
  g_assert_finalize_object (g_steal_pointer (&group));
}

/* Stopping cancels the children and ends the group without an error. */
static void
test_task_group_stop (void)
{
  g_autoptr(GaioTaskGroup) group = gaio_task_group_new ();
  g_autoptr(GaioFuture) a = gaio_sleep (10000);
  g_autoptr(GaioFuture) b = gaio_future_new ();
  g_autoptr(GaioFuture) late = gaio_sleep (10000);
  g_autoptr(GError) error = NULL;

  gaio_task_group_add (group, a);
  gaio_task_group_add (group, b);
  gaio_task_group_stop (group);
  g_assert_true (gaio_task_group_is_aborting (group));
  g_assert_true (gaio_future_is_cancelled (a));
  g_assert_true (gaio_future_is_cancelled (b));
  gaio_task_group_add (group, late);
  g_assert_true (gaio_future_is_cancelled (late));

  g_assert_nonnull (gaio_run (GAIO_FUTURE (group), &error));
  g_assert_no_error (error);
  g_assert_cmpint (gaio_future_get_state (GAIO_FUTURE (group)), ==, GAIO_FUTURE_STATE_RESOLVED);
  g_assert_cmpuint (gaio_task_group_get_n_errors (group), ==, 0);
}

/* The group is a list model of its children that only grows: each add
 * announces its row, in order, and the rows are the children. */

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GString    *log)
{
  g_string_append_printf (log, "(%u,%u,%u)", position, removed, added);
}

static void
test_task_group_list_model (void)
{
  g_autoptr(GaioTaskGroup) group = gaio_task_group_new ();
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  GaioFuture *children[3];

  g_assert_true (G_IS_LIST_MODEL (group));
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (group)) == GAIO_TYPE_FUTURE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (group)), ==, 0);
  g_signal_connect (group, "items-changed", G_CALLBACK (items_changed_cb), log);

  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    {
      children[i] = gaio_future_new ();
      gaio_task_group_add (group, children[i]);
    }
  g_assert_cmpstr (log->str, ==, "(0,0,1)(1,0,1)(2,0,1)");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (group)), ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    {
      g_autoptr(GaioFuture) item = g_list_model_get_item (G_LIST_MODEL (group), i);

      g_assert_true (item == children[i]);
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (group), 3));

  /* Settling changes a row's state, not the list. */
  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    gaio_future_resolve_int (children[i], i);
  gaio_task_group_close (group);
  g_assert_nonnull (gaio_run (GAIO_FUTURE (group), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (log->str, ==, "(0,0,1)(1,0,1)(2,0,1)");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (group)), ==, 3);

  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    g_object_unref (children[i]);
}

static void
test_task_group_add_after_close (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GaioTaskGroup) group = gaio_task_group_new ();
      g_autoptr(GaioFuture) child = gaio_future_new ();

      gaio_task_group_close (group);
      gaio_task_group_add (group, child);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*gaio_task_group_add*closed*");
}

typedef struct
{
  gboolean cleaned_up;
} Sibling;

static void
failing_body (GaioTask *task,
              gpointer  user_data)
{
  g_autoptr(GaioFuture) nap = gaio_sleep (10);

  g_assert_nonnull (gaio_await (nap, NULL));
  gaio_future_reject_literal (GAIO_FUTURE (task), G_IO_ERROR, G_IO_ERROR_FAILED, "child failed");
}

static void
patient_body (GaioTask *task,
              gpointer  user_data)
{
  Sibling *sibling = user_data;
  g_autoptr(GaioFuture) nap = gaio_sleep (10000);
  g_autoptr(GError) error = NULL;

  g_assert_null (gaio_await (nap, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  sibling->cleaned_up = TRUE;
}

static void
test_task_group_spawn (void)
{
  g_autoptr(GaioTaskGroup) group = gaio_task_group_new ();
  g_autoptr(GError) error = NULL;
  Sibling sibling = { FALSE };
  GaioTask *patient;

  /* The seeds' TaskGroup in C: one fiber fails, its sibling is cancelled
   * mid-await, runs its cleanup, and the group reports the failure. */
  gaio_task_group_spawn (group, "failing", failing_body, NULL, NULL);
  patient = gaio_task_group_spawn (group, "patient", patient_body, &sibling, NULL);
  gaio_task_group_close (group);

  g_assert_null (gaio_run (GAIO_FUTURE (group), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_true (sibling.cleaned_up);
  g_assert_true (gaio_future_is_cancelled (GAIO_FUTURE (patient)));
  g_assert_cmpuint (gaio_task_group_get_n_errors (group), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/Gaio/TaskGroup/success", test_task_group_success);
  g_test_add_func ("/Gaio/TaskGroup/empty", test_task_group_empty);
  g_test_add_func ("/Gaio/TaskGroup/failure-cancels-siblings", test_task_group_failure_cancels_siblings);
  g_test_add_func ("/Gaio/TaskGroup/failure-waits-for-children", test_task_group_failure_waits_for_children);
  g_test_add_func ("/Gaio/TaskGroup/cancel", test_task_group_cancel);
  g_test_add_func ("/Gaio/TaskGroup/stop", test_task_group_stop);
  g_test_add_func ("/Gaio/TaskGroup/list-model", test_task_group_list_model);
  g_test_add_func ("/Gaio/TaskGroup/add-after-close", test_task_group_add_after_close);
  g_test_add_func ("/Gaio/TaskGroup/spawn", test_task_group_spawn);

  return g_test_run ();
}
