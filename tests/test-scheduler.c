/* test-scheduler.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "test-utils.h"

#include "gaio-scheduler-private.h"

static void
count_cb (GaioFuture *future,
          gpointer    data)
{
  (*(int *) data)++;
}

typedef struct
{
  GArray *fired;      /* of Fired, in the order the timers ran */
} TimerLog;

typedef struct
{
  TimerLog *log;
  gint64    deadline;
  guint     added;    /* the order it was added in */
} Fired;

static void
timer_fired_cb (gpointer data)
{
  Fired *fired = data;

  g_array_append_val (fired->log->fired, *fired);
  g_free (fired);
}

/* Timers run by deadline, and those with the same deadline in the order
 * they were added, however scrambled the adding was. */
static void
test_scheduler_timer_order (void)
{
  GaioScheduler *scheduler = gaio_scheduler_get_thread_default ();
  TimerLog log = { g_array_new (FALSE, FALSE, sizeof (Fired)) };
  gint64 past = g_get_monotonic_time () - G_USEC_PER_SEC;
  guint n = 2000;

  for (guint i = 0; i < n; i++)
    {
      Fired *fired = g_new (Fired, 1);

      /* 97 distinct deadlines in a scrambled order, each many times. */
      fired->log = &log;
      fired->deadline = past + (gint64) ((i * 37) % 97) * 1000;
      fired->added = i;
      gaio_scheduler_add_timer (scheduler, fired->deadline, timer_fired_cb, fired);
    }

  while (log.fired->len < n)
    g_main_context_iteration (NULL, TRUE);

  for (guint i = 1; i < n; i++)
    {
      const Fired *a = &g_array_index (log.fired, Fired, i - 1);
      const Fired *b = &g_array_index (log.fired, Fired, i);

      g_assert_true (a->deadline < b->deadline ||
                     (a->deadline == b->deadline && a->added < b->added));
    }
  g_assert_cmpuint (gaio_scheduler_get_n_timers (scheduler), ==, 0);
  g_array_unref (log.fired);
}

static void
test_scheduler_one_batch (void)
{
  GPtrArray *futures = g_ptr_array_new_with_free_func (g_object_unref);
  int calls = 0;

  /* Settled futures wait in one run queue and run in a single dispatch. */
  for (int i = 0; i < 1000; i++)
    {
      GaioFuture *future = gaio_future_new ();

      gaio_future_add_done_callback (future, count_cb, &calls, NULL);
      gaio_future_resolve (future, NULL);
      g_ptr_array_add (futures, future);
    }

  g_assert_true (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpint (calls, ==, 1000);
  g_ptr_array_unref (futures);
}

typedef struct
{
  int         calls;
  GaioFuture *next;
} Chain;

static void
chain_cb (GaioFuture *future,
          gpointer    data)
{
  Chain *chain = data;

  chain->calls++;
  if (chain->next != NULL)
    gaio_future_resolve (chain->next, NULL);
}

static void
test_scheduler_new_work_waits (void)
{
  g_autoptr(GaioFuture) first = gaio_future_new ();
  g_autoptr(GaioFuture) second = gaio_future_new ();
  Chain chain1 = { 0, second };
  Chain chain2 = { 0, NULL };

  /* What a batch schedules runs in the next batch, as in asyncio. */
  gaio_future_add_done_callback (first, chain_cb, &chain1, NULL);
  gaio_future_add_done_callback (second, chain_cb, &chain2, NULL);
  gaio_future_resolve (first, NULL);

  g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (chain1.calls, ==, 1);
  g_assert_cmpint (chain2.calls, ==, 0);
  g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (chain2.calls, ==, 1);
}

static void
test_scheduler_thread_default_context (void)
{
  GMainContext *context = g_main_context_new ();
  GaioFuture *future;
  int calls = 0;

  g_main_context_push_thread_default (context);
  future = gaio_future_new ();
  g_assert_true (gaio_future_get_context (future) == context);
  g_main_context_pop_thread_default (context);

  gaio_future_add_done_callback (future, count_cb, &calls, NULL);
  gaio_future_resolve (future, NULL);

  /* Only the owner context runs the callback. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpint (calls, ==, 0);
  while (calls == 0)
    g_main_context_iteration (context, TRUE);
  g_assert_cmpint (calls, ==, 1);

  g_assert_finalize_object (future);
  g_main_context_unref (context);
}

static gpointer
worker_thread (gpointer data)
{
  GMainContext *context = g_main_context_new ();
  GaioFuture *sleep;
  int calls = 0;

  /* A worker with its own context gets its own scheduler. */
  g_main_context_push_thread_default (context);
  sleep = gaio_sleep (5);
  gaio_future_add_done_callback (sleep, count_cb, &calls, NULL);
  while (calls == 0)
    g_main_context_iteration (context, TRUE);
  g_object_unref (sleep);
  g_main_context_pop_thread_default (context);
  g_main_context_unref (context);

  return GINT_TO_POINTER (calls);
}

static void
test_scheduler_worker_context (void)
{
  GThread *thread = g_thread_new ("worker", worker_thread, NULL);

  g_assert_cmpint (GPOINTER_TO_INT (g_thread_join (thread)), ==, 1);
}

static void
app_sleep_done_cb (GaioFuture *future,
                   gpointer    data)
{
  GApplication *app = data;

  g_object_set_data (G_OBJECT (app), "slept", GINT_TO_POINTER (TRUE));
  g_application_release (app);
}

static void
app_activate_cb (GApplication *app,
                 gpointer      data)
{
  GaioFuture **sleep = data;

  g_application_hold (app);
  *sleep = gaio_sleep (10);
  gaio_future_add_done_callback (*sleep, app_sleep_done_cb, app, NULL);
}

static void
test_scheduler_application (void)
{
  g_autoptr(GApplication) app = g_application_new ("org.gnome.Gaio.Test", G_APPLICATION_NON_UNIQUE);
  g_autoptr(GaioFuture) sleep = NULL;
  char *argv[] = { (char *) "test", NULL };

  /* Inside a running GApplication, futures simply run on its loop. */
  g_signal_connect (app, "activate", G_CALLBACK (app_activate_cb), &sleep);
  g_assert_cmpint (g_application_run (app, 1, argv), ==, 0);
  g_assert_true (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (app), "slept")));
  g_assert_true (gaio_future_is_done (sleep));
}

static void
slow_cb (GaioFuture *future,
         gpointer    data)
{
  g_usleep (20 * 1000);
  (*(int *) data)++;
}

static void
test_scheduler_slow_callback (void)
{
  g_autoptr(GaioFuture) future = gaio_future_new ();
  int calls = 0;

  gaio_set_slow_callback_threshold (5);
  g_assert_cmpuint (gaio_get_slow_callback_threshold (), ==, 5);
  gaio_future_set_name (future, "sluggish");
  gaio_future_add_done_callback (future, slow_cb, &calls, NULL);
  gaio_future_resolve (future, NULL);

  g_test_expect_message ("Gaio", G_LOG_LEVEL_WARNING, "Executing callback of 'sluggish'*took*");
  gaio_test_wait_for_flag ((gboolean *) &calls, 5000);
  g_test_assert_expected_messages ();
  gaio_set_slow_callback_threshold (0);
}

typedef struct
{
  guint    steps;        /* steps the task took */
  guint    busy_runs;
  guint    steps_while_busy;
  gboolean busy_done;
} Contest;

static void
ten_steps (GaioTask *task,
           gpointer  data)
{
  Contest *contest = data;

  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(GaioFuture) ready = gaio_sleep (0);

      gaio_await (ready, NULL);
      contest->steps++;
    }
}

/* A source of default priority that always has work, as input and drawing
 * do during a burst: for 200 iterations, or until the task is done. The
 * count, not the clock, ends it, so a slow machine changes nothing. */
static gboolean
busy_cb (gpointer data)
{
  Contest *contest = data;

  if (++contest->busy_runs < 200 && contest->steps < 10)
    return G_SOURCE_CONTINUE;
  contest->steps_while_busy = contest->steps;
  contest->busy_done = TRUE;
  return G_SOURCE_REMOVE;
}

static void
run_contest (int      priority,
             Contest *contest)
{
  g_autoptr(GaioTask) task = gaio_task_spawn ("contender", ten_steps, contest, NULL);
  g_autoptr(GError) error = NULL;

  gaio_future_set_priority (GAIO_FUTURE (task), priority);
  g_assert_cmpint (gaio_future_get_priority (GAIO_FUTURE (task)), ==, priority);
  g_idle_add_full (G_PRIORITY_DEFAULT, busy_cb, contest, NULL);
  gaio_run (GAIO_FUTURE (task), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contest->steps, ==, 10);
  /* The busy source may still have runs to go (not a time to wait). */
  gaio_test_wait_for_flag (&contest->busy_done, 5000);
  g_assert_finalize_object (g_steal_pointer (&task));
}

/* A low-priority task waits while a higher-priority source is ready; at
 * the same priority the two share the loop. */
static void
test_scheduler_priority (void)
{
  Contest same = { 0 }, low = { 0 };

  run_contest (G_PRIORITY_DEFAULT, &same);
  g_assert_cmpuint (same.steps_while_busy, ==, 10);

  run_contest (G_PRIORITY_LOW, &low);
  /* Only the first step, queued at spawn, ran at the default priority. */
  g_assert_cmpuint (low.steps_while_busy, <=, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/Gaio/Scheduler/priority", test_scheduler_priority);
  g_test_add_func ("/Gaio/Scheduler/one-batch", test_scheduler_one_batch);
  g_test_add_func ("/Gaio/Scheduler/timer-order", test_scheduler_timer_order);
  g_test_add_func ("/Gaio/Scheduler/new-work-waits", test_scheduler_new_work_waits);
  g_test_add_func ("/Gaio/Scheduler/thread-default-context", test_scheduler_thread_default_context);
  g_test_add_func ("/Gaio/Scheduler/worker-context", test_scheduler_worker_context);
  g_test_add_func ("/Gaio/Scheduler/application", test_scheduler_application);
  g_test_add_func ("/Gaio/Scheduler/slow-callback", test_scheduler_slow_callback);

  return g_test_run ();
}
