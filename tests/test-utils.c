/* test-utils.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <glib/gstdio.h>

#include "test-utils.h"

static gboolean
deadline_cb (gpointer data)
{
  gboolean *expired = data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

guint
gaio_test_timeout_ms (guint ms)
{
  return g_getenv ("GAIO_UNDER_VALGRIND") != NULL ? ms * 10 : ms;
}

void
gaio_test_wait_for_flag (const gboolean *flag,
                         guint           timeout_ms)
{
  GMainContext *context = g_main_context_ref_thread_default ();
  gboolean expired = FALSE;
  GSource *deadline;

  timeout_ms = gaio_test_timeout_ms (timeout_ms);
  deadline = g_timeout_source_new (timeout_ms);

  g_source_set_callback (deadline, deadline_cb, &expired, NULL);
  g_source_attach (deadline, context);

  while (!*flag && !expired)
    g_main_context_iteration (context, TRUE);

  g_source_destroy (deadline);
  g_source_unref (deadline);
  g_main_context_unref (context);

  if (!*flag)
    g_error ("Timed out after %u ms waiting for the test to progress", timeout_ms);
}

typedef struct
{
  gboolean done;
} FutureWait;

static void
future_done_cb (GaioFuture *future,
                gpointer    data)
{
  ((FutureWait *) data)->done = TRUE;
}

void
gaio_test_wait_for_future (GaioFuture *future,
                           guint       timeout_ms)
{
  FutureWait wait = { FALSE };

  gaio_future_add_done_callback (future, future_done_cb, &wait, NULL);
  gaio_test_wait_for_flag (&wait.done, timeout_ms);
}

const GValue *
gaio_test_wait_value (GaioFuture *future,
                      guint       timeout_ms)
{
  g_autoptr(GError) error = NULL;

  gaio_test_wait_for_future (future, timeout_ms);
  g_assert_true (gaio_future_propagate (future, &error));
  g_assert_no_error (error);
  return gaio_future_get_value (future);
}

gpointer
gaio_test_wait_object (GaioFuture *future,
                       guint       timeout_ms)
{
  const GValue *value = gaio_test_wait_value (future, timeout_ms);

  g_assert_nonnull (value);
  g_assert_true (G_VALUE_HOLDS_OBJECT (value));
  return g_value_dup_object (value);
}

GError *
gaio_test_wait_error (GaioFuture *future,
                      guint       timeout_ms)
{
  GError *error = NULL;

  gaio_test_wait_for_future (future, timeout_ms);
  g_assert_false (gaio_future_propagate (future, &error));
  g_assert_nonnull (error);
  return error;
}

void
gaio_test_iterate_for (guint ms)
{
  GMainContext *context = g_main_context_ref_thread_default ();
  gboolean expired = FALSE;
  GSource *deadline = g_timeout_source_new (ms);

  g_source_set_callback (deadline, deadline_cb, &expired, NULL);
  g_source_attach (deadline, context);
  while (!expired)
    g_main_context_iteration (context, TRUE);
  g_source_destroy (deadline);
  g_source_unref (deadline);
  g_main_context_unref (context);
}

void
gaio_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        gaio_test_remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

guint
gaio_test_count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

void
gaio_test_gate_init (GaioTestGate *gate)
{
  g_mutex_init (&gate->lock);
  g_cond_init (&gate->cond);
  gate->release = FALSE;
  gate->started = FALSE;
}

void
gaio_test_gate_clear (GaioTestGate *gate)
{
  g_mutex_clear (&gate->lock);
  g_cond_clear (&gate->cond);
}

void
gaio_test_gate_func (GaioFuture   *future,
                     GCancellable *cancellable,
                     gpointer      user_data)
{
  GaioTestGate *gate = user_data;

  g_mutex_lock (&gate->lock);
  gate->started = TRUE;
  g_cond_broadcast (&gate->cond);
  while (!gate->release)
    g_cond_wait (&gate->cond, &gate->lock);
  g_mutex_unlock (&gate->lock);
}

void
gaio_test_gate_wait_started (GaioTestGate *gate)
{
  g_mutex_lock (&gate->lock);
  while (!gate->started)
    g_cond_wait (&gate->cond, &gate->lock);
  g_mutex_unlock (&gate->lock);
}

void
gaio_test_gate_release (GaioTestGate *gate)
{
  g_mutex_lock (&gate->lock);
  gate->release = TRUE;
  g_cond_broadcast (&gate->cond);
  g_mutex_unlock (&gate->lock);
}
