/* test-event.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "test-gather-utils.h"

static void
test_event_set_wakes_all (void)
{
  g_autoptr(GaioEvent) event = gaio_event_new ();
  g_autoptr(GaioFuture) a = gaio_event_wait (event);
  g_autoptr(GaioFuture) b = gaio_event_wait (event);
  g_autoptr(GaioFuture) after = NULL;
  g_autoptr(GaioFuture) cleared = NULL;

  g_assert_false (gaio_event_is_set (event));
  gaio_test_iterate_for (1);
  g_assert_false (gaio_future_is_done (a));

  gaio_event_set (event);
  g_assert_true (gaio_event_is_set (event));
  g_assert_true (gaio_future_is_done (a));
  g_assert_true (gaio_future_is_done (b));

  after = gaio_event_wait (event);
  g_assert_true (gaio_future_is_done (after));

  gaio_event_clear (event);
  g_assert_false (gaio_event_is_set (event));
  cleared = gaio_event_wait (event);
  g_assert_false (gaio_future_is_done (cleared));
  gaio_event_set (event);
  gaio_test_wait_for_future (cleared, 1000);

  gaio_test_iterate_for (1);
  g_assert_finalize_object (g_steal_pointer (&event));
}

typedef struct
{
  gboolean done;
  gboolean ok;
  GError  *error;
} WaitResult;

static void
wait_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      data)
{
  WaitResult *res = data;

  res->ok = gaio_event_wait_finish (GAIO_EVENT (object), result, &res->error);
  res->done = TRUE;
}

static void
test_event_wait_async (void)
{
  g_autoptr(GaioEvent) event = gaio_event_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  WaitResult waiting = { 0 }, cancelled = { 0 };

  gaio_event_wait_async (event, NULL, wait_done_cb, &waiting);
  gaio_event_wait_async (event, cancellable, wait_done_cb, &cancelled);
  g_cancellable_cancel (cancellable);
  gaio_test_wait_for_flag (&cancelled.done, 1000);
  g_assert_false (cancelled.ok);
  g_assert_error (cancelled.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&cancelled.error);
  g_assert_false (waiting.done);

  gaio_event_set (event);
  gaio_test_wait_for_flag (&waiting.done, 1000);
  g_assert_no_error (waiting.error);
  g_assert_true (waiting.ok);

  gaio_test_iterate_for (1);
  g_assert_finalize_object (g_steal_pointer (&event));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/Gaio/Event/set-wakes-all", test_event_set_wakes_all);
  g_test_add_func ("/Gaio/Event/wait-async", test_event_wait_async);

  return g_test_run ();
}
