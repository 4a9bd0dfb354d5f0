/* test-signal-future.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <string.h>

#include "test-utils.h"

static gboolean
has_handler (gpointer    object,
             const char *signal_name)
{
  return g_signal_has_handler_pending (object, g_signal_lookup (signal_name, G_OBJECT_TYPE (object)),
                                       0, FALSE);
}

/* The next emission settles the future with its first argument, and the
 * handler goes away with it. */
static void
test_signal_future_next_emission (void)
{
  g_autoptr(GSimpleAction) action = g_simple_action_new ("go", G_VARIANT_TYPE_INT32);
  g_autoptr(GaioSignalFuture) future = gaio_signal_future_new (action, "activate");
  g_autoptr(GError) error = NULL;
  const GValue *value;

  g_assert_true (has_handler (action, "activate"));
  g_assert_cmpint (gaio_future_get_state (GAIO_FUTURE (future)), ==, GAIO_FUTURE_STATE_PENDING);

  g_action_activate (G_ACTION (action), g_variant_new_int32 (7));
  g_assert_false (has_handler (action, "activate"));
  g_action_activate (G_ACTION (action), g_variant_new_int32 (8));

  value = gaio_run (GAIO_FUTURE (future), &error);
  g_assert_no_error (error);
  g_assert_true (G_VALUE_HOLDS (value, G_TYPE_VARIANT));
  g_assert_cmpint (g_variant_get_int32 (g_value_get_variant (value)), ==, 7);
  g_assert_cmpuint (gaio_signal_future_get_n_args (future), ==, 1);
  g_assert_cmpint (g_variant_get_int32 (g_value_get_variant (gaio_signal_future_get_arg (future, 0))),
                   ==, 7);

  gaio_test_iterate_for (1);
  g_assert_finalize_object (g_steal_pointer (&future));
  g_assert_finalize_object (g_steal_pointer (&action));
}

static gboolean
is_even_cb (GaioSignalFuture *future,
            gpointer          data)
{
  GVariant *parameter = g_value_get_variant (gaio_signal_future_get_arg (future, 0));

  (*(int *) data)++;
  return g_variant_get_int32 (parameter) % 2 == 0;
}

static void
test_signal_future_predicate (void)
{
  g_autoptr(GSimpleAction) action = g_simple_action_new ("go", G_VARIANT_TYPE_INT32);
  g_autoptr(GaioSignalFuture) future = NULL;
  g_autoptr(GError) error = NULL;
  int calls = 0;

  future = gaio_signal_future_new_full (action, "activate", is_even_cb, &calls, NULL);
  g_action_activate (G_ACTION (action), g_variant_new_int32 (3));
  g_assert_false (gaio_future_is_done (GAIO_FUTURE (future)));
  g_assert_cmpuint (gaio_signal_future_get_n_args (future), ==, 0);
  g_action_activate (G_ACTION (action), g_variant_new_int32 (4));
  g_action_activate (G_ACTION (action), g_variant_new_int32 (6));
  g_assert_cmpint (calls, ==, 2);

  g_assert_cmpint (g_variant_get_int32 (g_value_get_variant (gaio_run (GAIO_FUTURE (future), &error))),
                   ==, 4);
  g_assert_no_error (error);
  gaio_test_iterate_for (1);
  g_assert_finalize_object (g_steal_pointer (&future));
  g_assert_finalize_object (g_steal_pointer (&action));
}

/* Cancelling disconnects; the object keeps a pending future alive. */
static void
test_signal_future_cancel (void)
{
  g_autoptr(GSimpleAction) action = g_simple_action_new ("go", NULL);
  GaioSignalFuture *future = gaio_signal_future_new (action, "activate");
  GWeakRef weak;

  g_weak_ref_init (&weak, future);
  g_assert_true (gaio_future_cancel (GAIO_FUTURE (future)));
  g_assert_true (gaio_future_is_cancelled (GAIO_FUTURE (future)));
  g_object_unref (future);
  gaio_test_iterate_for (1);
  g_assert_false (has_handler (action, "activate"));
  g_assert_null (g_weak_ref_get (&weak));

  /* Unreferenced but pending: still there to settle. */
  future = gaio_signal_future_new (action, "activate");
  g_weak_ref_set (&weak, future);
  g_object_unref (future);
  g_assert_true (g_weak_ref_get (&weak) == future);
  g_object_unref (future);
  g_action_activate (G_ACTION (action), NULL);
  gaio_test_iterate_for (1);
  g_assert_null (g_weak_ref_get (&weak));
  g_weak_ref_clear (&weak);
  g_assert_finalize_object (g_steal_pointer (&action));
}

/* An object that dies first rejects the future: nobody waits forever. */
static void
test_signal_future_object_finalized (void)
{
  GSimpleAction *action = g_simple_action_new ("go", NULL);
  g_autoptr(GaioSignalFuture) future = gaio_signal_future_new (action, "activate");
  g_autoptr(GError) error = NULL;

  g_assert_finalize_object (action);
  g_assert_null (gaio_run (GAIO_FUTURE (future), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED);
  g_assert_nonnull (strstr (error->message, "activate"));
  gaio_test_iterate_for (1);
  g_assert_finalize_object (g_steal_pointer (&future));
}

static void
test_signal_future_property (void)
{
  g_autoptr(GSimpleAction) action = g_simple_action_new ("go", NULL);
  g_autoptr(GaioSignalFuture) disabled = NULL;
  g_autoptr(GaioSignalFuture) enabled = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;

  g_value_init (&value, G_TYPE_BOOLEAN);
  g_value_set_boolean (&value, FALSE);
  disabled = gaio_signal_future_new_for_property (action, "enabled", &value);
  g_value_set_boolean (&value, TRUE);
  enabled = gaio_signal_future_new_for_property (action, "enabled", &value);

  /* Already there: resolved, but its callbacks still come later. */
  g_assert_true (gaio_future_is_done (GAIO_FUTURE (enabled)));
  g_simple_action_set_enabled (action, TRUE);
  g_assert_false (gaio_future_is_done (GAIO_FUTURE (disabled)));
  g_simple_action_set_enabled (action, FALSE);
  g_assert_true (gaio_future_is_done (GAIO_FUTURE (disabled)));
  g_assert_false (has_handler (action, "notify"));

  g_assert_false (g_value_get_boolean (gaio_run (GAIO_FUTURE (disabled), &error)));
  g_assert_true (g_value_get_boolean (gaio_run (GAIO_FUTURE (enabled), &error)));
  g_assert_no_error (error);
  gaio_test_iterate_for (1);
  g_assert_finalize_object (g_steal_pointer (&disabled));
  g_assert_finalize_object (g_steal_pointer (&enabled));
  g_assert_finalize_object (g_steal_pointer (&action));
}

/* A C fiber awaits a click straight down. */
static void
await_click (GaioTask *task,
             gpointer  data)
{
  g_autoptr(GaioSignalFuture) click = gaio_signal_future_new (data, "activate");
  g_autoptr(GError) error = NULL;
  const GValue *value = gaio_await (GAIO_FUTURE (click), &error);

  g_assert_no_error (error);
  gaio_future_resolve_int (GAIO_FUTURE (task), g_variant_get_int32 (g_value_get_variant (value)));
}

static void
test_signal_future_fiber (void)
{
  g_autoptr(GSimpleAction) action = g_simple_action_new ("go", G_VARIANT_TYPE_INT32);
  g_autoptr(GaioTask) task = gaio_task_spawn ("await-click", await_click, action, NULL);
  g_autoptr(GError) error = NULL;

  gaio_test_iterate_for (1);
  g_assert_false (gaio_future_is_done (GAIO_FUTURE (task)));
  g_action_activate (G_ACTION (action), g_variant_new_int32 (5));
  g_assert_cmpint (g_value_get_int (gaio_run (GAIO_FUTURE (task), &error)), ==, 5);
  g_assert_no_error (error);
  gaio_test_iterate_for (1);
  g_assert_finalize_object (g_steal_pointer (&task));
  g_assert_finalize_object (g_steal_pointer (&action));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/Gaio/SignalFuture/next-emission", test_signal_future_next_emission);
  g_test_add_func ("/Gaio/SignalFuture/predicate", test_signal_future_predicate);
  g_test_add_func ("/Gaio/SignalFuture/cancel", test_signal_future_cancel);
  g_test_add_func ("/Gaio/SignalFuture/object-finalized", test_signal_future_object_finalized);
  g_test_add_func ("/Gaio/SignalFuture/property", test_signal_future_property);
  g_test_add_func ("/Gaio/SignalFuture/fiber", test_signal_future_fiber);

  return g_test_run ();
}
