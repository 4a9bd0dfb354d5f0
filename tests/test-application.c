/* test-application.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "test-utils.h"

typedef struct
{
  GaioFuture *work;
  guint       sleep_ms;
  guint       quit_after_ms;
} Run;

static gboolean
quit_cb (gpointer data)
{
  g_application_quit (data);
  return G_SOURCE_REMOVE;
}

/* Work started from `activate` outlives the handler. */
static void
activate_cb (GApplication *application,
             gpointer      data)
{
  Run *run = data;

  /* A sleep's timer keeps it until it fires: a bare future for long work. */
  run->work = run->sleep_ms > 0 ? gaio_sleep (run->sleep_ms) : gaio_future_new ();
  gaio_application_hold_future (application, run->work);
  g_assert_cmpuint (gaio_application_get_n_held (application), ==, 1);
  if (run->quit_after_ms > 0)
    g_timeout_add (run->quit_after_ms, quit_cb, application);
}

static GApplication *
application_new (Run *run)
{
  GApplication *application = g_application_new ("org.gaio.TestApplication",
                                                  G_APPLICATION_NON_UNIQUE);

  g_signal_connect (application, "activate", G_CALLBACK (activate_cb), run);
  return application;
}

/* Without the hold, the application would quit as soon as `activate`
 * returned: it runs until the work settled, then quits by itself. */
static void
test_application_hold_future (void)
{
  Run run = { NULL, 30, 0 };
  GApplication *application = application_new (&run);

  g_assert_cmpint (g_application_run (application, 0, NULL), ==, 0);
  g_assert_cmpint (gaio_future_get_state (run.work), ==, GAIO_FUTURE_STATE_RESOLVED);
  g_assert_cmpuint (gaio_application_get_n_held (application), ==, 0);

  g_assert_finalize_object (application);
  g_assert_finalize_object (run.work);
}

/* Quitting while work runs cancels it, and shutdown waits for it. */
static void
test_application_shutdown_cancels (void)
{
  Run run = { NULL, 0, 10 };
  GApplication *application = application_new (&run);

  g_assert_cmpint (g_application_run (application, 0, NULL), ==, 0);
  g_assert_true (gaio_future_is_cancelled (run.work));
  g_assert_cmpuint (gaio_application_get_n_held (application), ==, 0);

  g_assert_finalize_object (application);
  g_assert_finalize_object (run.work);
}

static void
stubborn (GaioTask *task,
          gpointer  data)
{
  g_autoptr(GaioFuture) first = gaio_sleep (60000);
  g_autoptr(GaioFuture) second = NULL;

  /* Ignores the cancel and goes on: shutdown must not wait forever. */
  if (gaio_await (first, NULL) == NULL)
    {
      second = gaio_sleep (60000);
      g_object_set_data (G_OBJECT (task), "second", second);
      gaio_await (second, NULL);
    }
}

static void
activate_stubborn_cb (GApplication *application,
                      gpointer      data)
{
  Run *run = data;

  run->work = GAIO_FUTURE (gaio_task_spawn ("stubborn", stubborn, NULL, NULL));
  gaio_application_hold_future (application, run->work);
  g_timeout_add (run->quit_after_ms, quit_cb, application);
}

static void
test_application_shutdown_bounded (void)
{
  if (g_test_subprocess ())
    {
      Run run = { NULL, 0, 10 };
      GApplication *application = g_application_new ("org.gaio.TestApplication",
                                                      G_APPLICATION_NON_UNIQUE);

      /* The warning is the point here: keep it from aborting. */
      g_log_set_always_fatal (G_LOG_FATAL_MASK);
      g_signal_connect (application, "activate", G_CALLBACK (activate_stubborn_cb), &run);
      gaio_application_watch (application, 50);
      g_application_run (application, 0, NULL);
      g_assert_false (gaio_future_is_done (run.work));
      g_assert_cmpuint (gaio_application_get_n_held (application), ==, 1);
      return;
    }

  g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*1 futures held by the application were still running 50 ms*");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/Gaio/Application/hold-future", test_application_hold_future);
  g_test_add_func ("/Gaio/Application/shutdown-cancels", test_application_shutdown_cancels);
  g_test_add_func ("/Gaio/Application/shutdown-bounded", test_application_shutdown_bounded);

  return g_test_run ();
}
