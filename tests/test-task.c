/* test-task.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include "gaio-fiber-private.h"
#include "gaio-stack-pool-private.h"
#include "test-utils.h"

/* The seed's ordering: two tasks start in spawn order, and the one that
 * sleeps less ends first. */

typedef struct
{
  GString    *log;
  const char *label;
  guint       sleep_ms;
} SeedTask;

static void
seed_body (GaioTask *task,
           gpointer  user_data)
{
  SeedTask *seed = user_data;
  g_autoptr(GaioFuture) sleep = gaio_sleep (seed->sleep_ms);
  g_autoptr(GError) error = NULL;

  g_string_append_printf (seed->log, "%s Task Start\n", seed->label);
  g_assert_nonnull (gaio_await (sleep, &error));
  g_assert_no_error (error);
  g_string_append_printf (seed->log, "%s Task End\n", seed->label);
}

static void
test_task_ordering (void)
{
  g_autoptr(GString) log = g_string_new (NULL);
  SeedTask first = { log, "First", 300 };
  SeedTask second = { log, "Second", 100 };
  g_autoptr(GaioTask) task1 = gaio_task_spawn ("first", seed_body, &first, NULL);
  g_autoptr(GaioTask) task2 = gaio_task_spawn ("second", seed_body, &second, NULL);

  /* Nothing runs inside spawn. */
  g_assert_cmpstr (log->str, ==, "");
  g_assert_cmpstr (gaio_future_get_name (GAIO_FUTURE (task1)), ==, "first");

  gaio_test_wait_for_future (GAIO_FUTURE (task1), 5000);
  gaio_test_wait_for_future (GAIO_FUTURE (task2), 5000);
  g_assert_cmpstr (log->str, ==,
                   "First Task Start\n"
                   "Second Task Start\n"
                   "Second Task End\n"
                   "First Task End\n");
  g_assert_cmpint (gaio_future_get_state (GAIO_FUTURE (task1)), ==, GAIO_FUTURE_STATE_RESOLVED);
  g_assert_null (gaio_future_get_value (GAIO_FUTURE (task1)));

  g_assert_finalize_object (g_steal_pointer (&task1));
  g_assert_finalize_object (g_steal_pointer (&task2));
}

/* Await returns values and errors. */

static gboolean
resolve_later_cb (gpointer data)
{
  gaio_future_resolve_int (data, 42);
  return G_SOURCE_REMOVE;
}

static void
await_values_body (GaioTask *task,
                   gpointer  user_data)
{
  g_autoptr(GaioFuture) later = gaio_future_new ();
  g_autoptr(GaioFuture) failed = NULL;
  g_autoptr(GaioFuture) done = NULL;
  g_autoptr(GaioFuture) empty = gaio_sleep (1);
  g_autoptr(GError) error = NULL;
  const GValue *value;
  GValue text = G_VALUE_INIT;

  g_assert_true (gaio_task_get_current () == task);

  g_timeout_add (5, resolve_later_cb, later);
  value = gaio_await (later, &error);
  g_assert_no_error (error);
  g_assert_true (G_VALUE_HOLDS_INT (value));
  g_assert_cmpint (g_value_get_int (value), ==, 42);

  failed = gaio_future_new_rejected (g_error_new_literal (G_IO_ERROR, G_IO_ERROR_BUSY, "busy"));
  g_assert_null (gaio_await (failed, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  g_clear_error (&error);

  /* A settled future returns at once; no value is an unset GValue. */
  g_value_init (&text, G_TYPE_STRING);
  g_value_set_static_string (&text, "ready");
  done = gaio_future_new_resolved (&text);
  value = gaio_await (done, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_value_get_string (value), ==, "ready");

  value = gaio_await (empty, &error);
  g_assert_no_error (error);
  g_assert_nonnull (value);
  g_assert_false (G_IS_VALUE (value));

  g_assert_true (gaio_task_get_current () == task);
  gaio_future_resolve_int (GAIO_FUTURE (task), 7);
}

static void
test_task_await_values (void)
{
  g_autoptr(GaioTask) task = gaio_task_spawn ("values", await_values_body, NULL, NULL);

  g_assert_null (gaio_task_get_current ());
  gaio_test_wait_for_future (GAIO_FUTURE (task), 5000);
  g_assert_null (gaio_task_get_current ());
  g_assert_cmpint (g_value_get_int (gaio_future_get_value (GAIO_FUTURE (task))), ==, 7);
  g_assert_finalize_object (g_steal_pointer (&task));
}

/* The body settles the task itself, with a value or an error. */

static void
reject_body (GaioTask *task,
             gpointer  user_data)
{
  gaio_future_reject_literal (GAIO_FUTURE (task), G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "gone");
}

static void
test_task_settles_itself (void)
{
  g_autoptr(GaioTask) task = gaio_task_spawn ("rejecting", reject_body, NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_null (gaio_run (GAIO_FUTURE (task), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_finalize_object (g_steal_pointer (&task));
}

/* Nested spawns, and a body that runs a nested main loop with gaio_run(). */

static void
leaf_body (GaioTask *task,
           gpointer  user_data)
{
  g_autoptr(GaioFuture) sleep = gaio_sleep (2);

  g_assert_true (gaio_task_get_current () == task);
  g_assert_nonnull (gaio_await (sleep, NULL));
  g_assert_true (gaio_task_get_current () == task);
  gaio_future_resolve_int (GAIO_FUTURE (task), GPOINTER_TO_INT (user_data));
}

static void
parent_body (GaioTask *task,
             gpointer  user_data)
{
  g_autoptr(GaioTask) child = gaio_task_spawn ("child", leaf_body, GINT_TO_POINTER (5), NULL);
  g_autoptr(GaioTask) runner = gaio_task_spawn ("runner", leaf_body, GINT_TO_POINTER (6), NULL);
  g_autoptr(GError) error = NULL;
  const GValue *value;

  value = gaio_await (GAIO_FUTURE (child), &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_value_get_int (value), ==, 5);

  /* gaio_run() on a fiber iterates the loop on this stack; the other task
   * is resumed on top of it and yields back here. */
  value = gaio_run (GAIO_FUTURE (runner), &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_value_get_int (value), ==, 6);
  g_assert_true (gaio_task_get_current () == task);

  gaio_future_resolve_int (GAIO_FUTURE (task), 11);
}

static void
test_task_nested (void)
{
  g_autoptr(GaioTask) task = gaio_task_spawn ("parent", parent_body, NULL, NULL);

  gaio_test_wait_for_future (GAIO_FUTURE (task), 5000);
  g_assert_cmpint (g_value_get_int (gaio_future_get_value (GAIO_FUTURE (task))), ==, 11);
  g_assert_finalize_object (g_steal_pointer (&task));
}

/* gaio_run() on a fiber resumed by the first item of a scheduler batch:
 * the items queued behind it in the same batch must run in the nested
 * loop, or what it waits for never comes (seen as a hang of
 * /Gaio/Task/nested under valgrind, whose slowness splits the two sleeps'
 * timers over two batches). */

typedef struct
{
  GaioFuture *wake;     /* the parent awaits it */
  GaioFuture *queued;   /* settled right after wake: same batch, behind it */
  GaioFuture *relayed;  /* resolved by queued's callback; gaio_run() waits for it */
  gboolean    awaiting;
  gboolean    starved;
} NestedBatch;

static void
nested_batch_relay_cb (GaioFuture *queued,
                       gpointer    user_data)
{
  NestedBatch *state = user_data;

  gaio_future_resolve_int (state->relayed, 7);
}

/* Idle runs only once nothing of default priority is ready: the nested loop
 * would block for good. Record it and unblock, so the test fails instead of
 * hanging. */
static gboolean
nested_batch_idle_cb (gpointer user_data)
{
  NestedBatch *state = user_data;

  if (!gaio_future_is_done (state->relayed))
    {
      state->starved = TRUE;
      gaio_future_resolve_int (state->relayed, -1);
    }
  return G_SOURCE_REMOVE;
}

static void
nested_batch_body (GaioTask *task,
                   gpointer  user_data)
{
  NestedBatch *state = user_data;
  g_autoptr(GError) error = NULL;
  const GValue *value;
  GSource *idle = g_idle_source_new ();

  state->awaiting = TRUE;
  g_assert_nonnull (gaio_await (state->wake, &error));
  g_assert_no_error (error);

  g_source_set_callback (idle, nested_batch_idle_cb, state, NULL);
  g_source_attach (idle, g_main_context_get_thread_default ());
  value = gaio_run (state->relayed, &error);
  g_source_destroy (idle);
  g_source_unref (idle);
  g_assert_no_error (error);
  g_assert_false (state->starved);
  g_assert_cmpint (g_value_get_int (value), ==, 7);
}

static void
test_task_nested_batch (void)
{
  NestedBatch state = { gaio_future_new (), gaio_future_new (), gaio_future_new () };
  g_autoptr(GaioTask) task = gaio_task_spawn ("parent", nested_batch_body, &state, NULL);

  gaio_future_add_done_callback (state.queued, nested_batch_relay_cb, &state, NULL);
  gaio_test_wait_for_flag (&state.awaiting, 5000);

  /* Outside any dispatch: both futures' callbacks go into one batch. */
  gaio_future_resolve (state.wake, NULL);
  gaio_future_resolve (state.queued, NULL);

  gaio_test_wait_for_future (GAIO_FUTURE (task), 5000);
  g_assert_no_error (gaio_future_get_error (GAIO_FUTURE (task)));
  g_assert_false (state.starved);

  g_assert_finalize_object (g_steal_pointer (&task));
  g_assert_finalize_object (state.wake);
  g_assert_finalize_object (state.queued);
  g_assert_finalize_object (state.relayed);
}

/* Cancellation while awaiting: the await fails, cleanup runs and awaits. */

typedef struct
{
  gboolean    started;
  gboolean    cleaned_up;
  gboolean    destroyed;
  guint       notified;
  GaioFuture *sleep;
} CancelState;

static void
cancel_state_destroy (gpointer data)
{
  ((CancelState *) data)->destroyed = TRUE;
}

static void
cancellable_body (GaioTask *task,
                  gpointer  user_data)
{
  CancelState *state = user_data;
  g_autoptr(GaioFuture) cleanup = NULL;
  g_autoptr(GError) error = NULL;

  state->started = TRUE;
  state->sleep = gaio_sleep (100000);
  g_assert_null (gaio_await (state->sleep, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_true (gaio_task_get_cancel_requested (task));
  g_assert_true (g_cancellable_is_cancelled (gaio_future_get_cancellable (GAIO_FUTURE (task))));

  /* Cleanup may await again. */
  cleanup = gaio_sleep (2);
  g_assert_nonnull (gaio_await (cleanup, &error));
  g_assert_no_error (error);
  state->cleaned_up = TRUE;
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           gpointer    data)
{
  ((CancelState *) data)->notified++;
}

static void
test_task_cancel_await (void)
{
  CancelState state = { 0 };
  g_autoptr(GaioTask) task = gaio_task_spawn ("cancelled", cancellable_body,
                                              &state, cancel_state_destroy);
  g_autoptr(GError) error = NULL;

  g_signal_connect (task, "notify::cancel-requested", G_CALLBACK (notify_cb), &state);
  gaio_test_wait_for_flag (&state.started, 5000);
  g_assert_false (gaio_task_get_cancel_requested (task));

  g_assert_true (gaio_future_cancel (GAIO_FUTURE (task)));
  g_assert_true (gaio_task_get_cancel_requested (task));
  /* Asking twice changes nothing, and only the first request reports TRUE. */
  g_assert_false (gaio_future_cancel (GAIO_FUTURE (task)));

  gaio_test_wait_for_future (GAIO_FUTURE (task), 5000);
  g_assert_true (state.cleaned_up);
  g_assert_true (state.destroyed);
  g_assert_cmpuint (state.notified, ==, 1);
  g_assert_true (gaio_future_is_cancelled (state.sleep));
  g_assert_true (gaio_future_is_cancelled (GAIO_FUTURE (task)));
  g_assert_false (gaio_future_propagate (GAIO_FUTURE (task), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* The sleep's timer holds it until its deadline. */
  g_clear_object (&state.sleep);
  g_assert_finalize_object (g_steal_pointer (&task));
}

/* A task cancelled before its first step never runs its body. */

static void
never_body (GaioTask *task,
            gpointer  user_data)
{
  g_assert_not_reached ();
}

static void
test_task_cancel_before_start (void)
{
  CancelState state = { 0 };
  g_autoptr(GaioTask) task = gaio_task_spawn ("early", never_body, &state, cancel_state_destroy);

  g_assert_true (gaio_future_cancel (GAIO_FUTURE (task)));
  g_assert_false (gaio_future_is_done (GAIO_FUTURE (task)));
  gaio_test_wait_for_future (GAIO_FUTURE (task), 5000);
  g_assert_true (gaio_future_is_cancelled (GAIO_FUTURE (task)));
  g_assert_true (state.destroyed);
  g_assert_true (g_error_matches (gaio_future_get_error (GAIO_FUTURE (task)),
                                  G_IO_ERROR, G_IO_ERROR_CANCELLED));
  g_assert_finalize_object (g_steal_pointer (&task));
}

/* Cancel from another thread: marshalled to the owner context. */

static gpointer
cancel_thread (gpointer data)
{
  g_assert_true (gaio_future_cancel (data));
  return NULL;
}

static void
test_task_cancel_thread (void)
{
  CancelState state = { 0 };
  g_autoptr(GaioTask) task = gaio_task_spawn ("remote", cancellable_body,
                                              &state, cancel_state_destroy);
  GThread *thread;

  gaio_test_wait_for_flag (&state.started, 5000);
  thread = g_thread_new ("canceller", cancel_thread, task);
  g_thread_join (thread);

  gaio_test_wait_for_future (GAIO_FUTURE (task), 5000);
  g_assert_true (state.cleaned_up);
  g_assert_true (gaio_future_is_cancelled (GAIO_FUTURE (task)));
  g_assert_nonnull (gaio_future_get_error (GAIO_FUTURE (task)));
  /* The sleep's timer holds it until its deadline. */
  g_clear_object (&state.sleep);
  g_assert_finalize_object (g_steal_pointer (&task));
}

/* Cancelled after what it awaits settled: the value arrives, and the next
 * await gets the cancellation instead, once. */

typedef struct
{
  GaioFuture *gate;
  gboolean    waiting;
  gboolean    finished;
} GateState;

static void
gate_body (GaioTask *task,
           gpointer  user_data)
{
  GateState *state = user_data;
  g_autoptr(GaioFuture) next = gaio_future_new_resolved (NULL);
  g_autoptr(GaioFuture) after = gaio_sleep (1);
  g_autoptr(GError) error = NULL;
  const GValue *value;

  state->waiting = TRUE;
  value = gaio_await (state->gate, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_value_get_int (value), ==, 3);

  g_assert_null (gaio_await (next, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* Delivered once only. */
  g_assert_nonnull (gaio_await (after, &error));
  g_assert_no_error (error);
  state->finished = TRUE;
}

static void
test_task_cancel_after_settle (void)
{
  GateState state = { 0 };
  g_autoptr(GaioTask) task = NULL;

  state.gate = gaio_future_new ();
  task = gaio_task_spawn ("gate", gate_body, &state, NULL);
  gaio_test_wait_for_flag (&state.waiting, 5000);

  /* On the owner context, between the gate settling and the task
   * resuming: what it awaits can no longer be cancelled. */
  g_assert_true (g_main_context_acquire (NULL));
  gaio_future_resolve_int (state.gate, 3);
  g_assert_true (gaio_future_cancel (GAIO_FUTURE (task)));
  g_main_context_release (NULL);

  gaio_test_wait_for_future (GAIO_FUTURE (task), 5000);
  g_assert_true (state.finished);
  g_assert_true (gaio_future_is_cancelled (state.gate) == FALSE);
  g_assert_true (gaio_future_is_cancelled (GAIO_FUTURE (task)));
  g_assert_nonnull (gaio_future_get_error (GAIO_FUTURE (task)));
  g_assert_finalize_object (g_steal_pointer (&state.gate));
  g_assert_finalize_object (g_steal_pointer (&task));
}

/* A task that cancels itself while it runs: its next await fails with
 * CANCELLED and cancels the future it was given, so the work under it
 * stops too (asyncio's Task does the same); the cancel is delivered once. */

typedef struct
{
  GaioFuture *pending;
  gboolean    finished;
} SelfCancelState;

static void
self_cancel_body (GaioTask *task,
                  gpointer  user_data)
{
  SelfCancelState *state = user_data;
  g_autoptr(GaioFuture) after = gaio_sleep (1);
  g_autoptr(GError) error = NULL;

  g_assert_true (gaio_future_cancel (GAIO_FUTURE (task)));

  state->pending = gaio_sleep (100000);
  g_assert_null (gaio_await (state->pending, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  g_assert_nonnull (gaio_await (after, &error));
  g_assert_no_error (error);
  state->finished = TRUE;
}

static void
test_task_cancel_self_then_await (void)
{
  SelfCancelState state = { 0 };
  g_autoptr(GaioTask) task = gaio_task_spawn ("self-cancel", self_cancel_body, &state, NULL);

  gaio_test_wait_for_future (GAIO_FUTURE (task), 5000);
  g_assert_true (state.finished);
  g_assert_true (gaio_future_is_cancelled (state.pending));
  g_assert_true (gaio_future_is_cancelled (GAIO_FUTURE (task)));
  g_clear_object (&state.pending);
  g_assert_finalize_object (g_steal_pointer (&task));
}

/* Awaiting a future that belongs to another thread's context: its
 * callback runs there, and the task resumes on its own context. */

typedef struct
{
  GAsyncQueue *handoff;
  int          resumed;
} ForeignState;

static gpointer
foreign_thread (gpointer data)
{
  ForeignState *state = data;
  GMainContext *context = g_main_context_new ();
  GaioFuture *future;

  g_main_context_push_thread_default (context);
  future = gaio_future_new ();
  g_async_queue_push (state->handoff, g_object_ref (future));
  g_usleep (10 * 1000);
  gaio_future_resolve_int (future, 9);

  while (!g_atomic_int_get (&state->resumed))
    g_main_context_iteration (context, FALSE);

  g_object_unref (future);
  g_main_context_pop_thread_default (context);
  g_main_context_unref (context);
  return NULL;
}

static void
foreign_body (GaioTask *task,
              gpointer  user_data)
{
  ForeignState *state = user_data;
  g_autoptr(GaioFuture) future = g_async_queue_pop (state->handoff);
  GMainContext *own = gaio_future_get_context (GAIO_FUTURE (task));
  const GValue *value;

  g_assert_true (gaio_future_get_context (future) != own);
  value = gaio_await (future, NULL);
  g_assert_true (g_main_context_is_owner (own));
  g_assert_true (gaio_task_get_current () == task);
  gaio_future_resolve_int (GAIO_FUTURE (task), g_value_get_int (value));
  g_atomic_int_set (&state->resumed, TRUE);
}

static void
test_task_foreign_context (void)
{
  ForeignState state = { g_async_queue_new (), FALSE };
  GThread *thread = g_thread_new ("foreign", foreign_thread, &state);
  g_autoptr(GaioTask) task = gaio_task_spawn ("foreign", foreign_body, &state, NULL);

  gaio_test_wait_for_future (GAIO_FUTURE (task), 5000);
  g_thread_join (thread);
  g_assert_cmpint (g_value_get_int (gaio_future_get_value (GAIO_FUTURE (task))), ==, 9);
  g_async_queue_unref (state.handoff);
  g_assert_finalize_object (g_steal_pointer (&task));
}

/* gaio_await() outside a task is a programming error. */

static void
test_task_await_outside (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GaioFuture) future = gaio_future_new ();
      g_autoptr(GError) error = NULL;

      g_test_expect_message ("Gaio", G_LOG_LEVEL_CRITICAL, "*outside a fiber task*");
      g_assert_null (gaio_await (future, &error));
      g_test_assert_expected_messages ();
      g_assert_error (error, GAIO_ERROR, GAIO_ERROR_NOT_IN_TASK);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* Many fibers at once. */

#define N_MANY 2000

static void
many_body (GaioTask *task,
           gpointer  user_data)
{
  guint *finished = user_data;
  g_autoptr(GaioFuture) sleep = gaio_sleep (5 + g_random_int_range (0, 10));

  g_assert_nonnull (gaio_await (sleep, NULL));
  (*finished)++;
}

static void
test_task_many (void)
{
  g_autoptr(GPtrArray) tasks = g_ptr_array_new_with_free_func (g_object_unref);
  guint finished = 0;

  for (guint i = 0; i < N_MANY; i++)
    g_ptr_array_add (tasks, gaio_task_spawn ("many", many_body, &finished, NULL));

  for (guint i = 0; i < N_MANY; i++)
    gaio_test_wait_for_future (g_ptr_array_index (tasks, i), 30000);
  g_assert_cmpuint (finished, ==, N_MANY);

  for (guint i = 0; i < N_MANY; i++)
    g_assert_cmpint (gaio_future_get_state (g_ptr_array_index (tasks, i)), ==,
                     GAIO_FUTURE_STATE_RESOLVED);
}

/* Stacks are reused: running tasks one after another does not grow the
 * number of mappings. */

static guint
count_mappings (void)
{
  g_autofree char *maps = NULL;
  guint lines = 0;

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  for (const char *p = maps; *p != '\0'; p++)
    lines += *p == '\n';
  return lines;
}

static void
deep_body (GaioTask *task,
           gpointer  user_data)
{
  volatile char buffer[32 * 1024];
  g_autoptr(GaioFuture) sleep = gaio_sleep (0);

  /* Touch a good part of the stack so pages really get used. */
  memset ((char *) buffer, 1, sizeof buffer);
  g_assert_nonnull (gaio_await (sleep, NULL));
  g_assert_cmpint (buffer[sizeof buffer - 1], ==, 1);
}

static void
test_task_stack_reuse (void)
{
  guint before, after;

  /* Warm up: the first task maps a slab. */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GaioTask) task = gaio_task_spawn ("warm", deep_body, NULL, NULL);
      gaio_test_wait_for_future (GAIO_FUTURE (task), 5000);
    }

  before = count_mappings ();
  for (guint i = 0; i < 300; i++)
    {
      g_autoptr(GaioTask) task = gaio_task_spawn ("sequential", deep_body, NULL, NULL);
      gaio_test_wait_for_future (GAIO_FUTURE (task), 5000);
    }
  after = count_mappings ();

  g_test_message ("mappings before %u, after %u, guards by %s", before, after,
                  gaio_stack_get_guard_mode () == GAIO_STACK_GUARD_MADVISE ? "madvise" : "mprotect");
  g_assert_cmpuint (after, <=, before + 4);
}

/* Which pages of a pooled stack stay resident. Beyond the few warm stacks,
 * an idle stack keeps its top page, where the next fiber's first frames
 * go, and gives the rest back; a never-used stack is handed out with its
 * top page resident where the kernel populates pages on request. */

#define POOL_TEST_STACKS 100   /* 16 warm, a batch of 64 topped, 20 waiting */
#define POOL_TEST_SIZE ((gsize) 72 * 1024)   /* a size class no other test uses */

static guint
resident_pages (const guint8 *start,
                gsize         size)
{
  gsize page = (gsize) sysconf (_SC_PAGESIZE);
  unsigned char vec[POOL_TEST_SIZE / 4096];
  guint resident = 0;

  g_assert_cmpuint (size / page, <=, sizeof vec);
  g_assert_cmpint (mincore ((void *) start, size, vec), ==, 0);
  for (gsize i = 0; i < size / page; i++)
    resident += vec[i] & 1;
  return resident;
}

static gboolean
kernel_populates (void)
{
  gsize page = (gsize) sysconf (_SC_PAGESIZE);
  void *probe = mmap (NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  gboolean populates;

  g_assert_true (probe != MAP_FAILED);
  populates = madvise (probe, page, 23 /* MADV_POPULATE_WRITE, Linux 5.14 */) == 0;
  munmap (probe, page);
  return populates;
}

static void
test_task_stack_pool_pages (void)
{
  gsize page = (gsize) sysconf (_SC_PAGESIZE);
  GaioStack *stacks[POOL_TEST_STACKS];
  GaioStack *fresh;
  guint topped = 0;

  for (guint i = 0; i < POOL_TEST_STACKS; i++)
    {
      stacks[i] = gaio_stack_acquire (POOL_TEST_SIZE, NULL);
      g_assert_nonnull (stacks[i]);
      g_assert_cmpuint (stacks[i]->size, ==, POOL_TEST_SIZE);
      memset (stacks[i]->base, 3, stacks[i]->size);
    }
  for (guint i = 0; i < POOL_TEST_STACKS; i++)
    gaio_stack_release (stacks[i]);

  /* The first ones released stay warm; the others keep only their top. */
  for (guint i = 0; i < POOL_TEST_STACKS; i++)
    {
      guint below = resident_pages (stacks[i]->base, stacks[i]->size - page);
      guint top = resident_pages (stacks[i]->base + stacks[i]->size - page, page);

      g_assert_cmpuint (top, ==, 1);
      if (below == 0)
        topped++;
      else
        g_assert_cmpuint (below, ==, stacks[i]->size / page - 1);
    }
  g_test_message ("%u of %u idle stacks kept only their top page", topped, POOL_TEST_STACKS);
  g_assert_cmpuint (topped, >=, 64);

  /* Pooled stacks come back before new ones, and their memory is usable. */
  for (guint i = 0; i < POOL_TEST_STACKS; i++)
    {
      stacks[i] = gaio_stack_acquire (POOL_TEST_SIZE, NULL);
      memset (stacks[i]->base, 4, stacks[i]->size);
    }

  fresh = gaio_stack_acquire (POOL_TEST_SIZE, NULL);
  g_assert_nonnull (fresh);
  for (guint i = 0; i < POOL_TEST_STACKS; i++)
    g_assert_true (stacks[i] != fresh);
  if (kernel_populates ())
    g_assert_cmpuint (resident_pages (fresh->base + fresh->size - page, page), ==, 1);
  else
    g_test_message ("no MADV_POPULATE_WRITE: the top page of a new stack is faulted in");
  g_assert_cmpuint (resident_pages (fresh->base, fresh->size - page), ==, 0);

  gaio_stack_release (fresh);
  for (guint i = 0; i < POOL_TEST_STACKS; i++)
    gaio_stack_release (stacks[i]);
}

/* Every stack of a slab has its guard page, not only the first (the others
 * are installed in one batch): reading just below a stack crashes. */

static void
test_task_stack_guards (gconstpointer data)
{
  guint index = GPOINTER_TO_UINT (data);

  if (g_test_subprocess ())
    {
      GaioStack *stacks[64];

      for (guint i = 0; i <= index; i++)
        stacks[i] = gaio_stack_acquire (40 * 1024, NULL);
      g_assert_true (stacks[index]->slab == stacks[0]->slab);
      g_test_message ("read: %d", ((volatile guint8 *) stacks[index]->base)[-1]);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
}

/* A custom stack size, and the default's rounding. */

static void
big_frame_body (GaioTask *task,
                gpointer  user_data)
{
  volatile char buffer[48 * 1024];

  memset ((char *) buffer, 2, sizeof buffer);
  gaio_future_resolve_int (GAIO_FUTURE (task), buffer[100]);
}

static void
test_task_stack_size (void)
{
  gsize page = (gsize) sysconf (_SC_PAGESIZE);
  g_autoptr(GaioTask) task = NULL;

  g_assert_cmpuint (gaio_task_get_default_stack_size (), ==, 256 * 1024);
  gaio_task_set_default_stack_size (100000);
  g_assert_cmpuint (gaio_task_get_default_stack_size (), ==, (100000 + page - 1) / page * page);
  gaio_task_set_default_stack_size (1);
  g_assert_cmpuint (gaio_task_get_default_stack_size (), ==, 16 * 1024);
  gaio_task_set_default_stack_size (0);
  g_assert_cmpuint (gaio_task_get_default_stack_size (), ==, 256 * 1024);

  task = gaio_task_spawn_with_stack_size ("big-frame", 96 * 1024, big_frame_body, NULL, NULL);
  gaio_test_wait_for_future (GAIO_FUTURE (task), 5000);
  g_assert_cmpint (g_value_get_int (gaio_future_get_value (GAIO_FUTURE (task))), ==, 2);
  g_assert_finalize_object (g_steal_pointer (&task));
}

/* The guard page below a stack stops an overflow with a crash, not silent
 * corruption. */

G_GNUC_NO_INLINE static int
recurse (volatile char *previous,
         int            depth)
{
  volatile char frame[1024];

  if (depth > 1000 * 1000)
    return 0;
  frame[0] = previous ? previous[0] + 1 : 0;
  return recurse (frame, depth + 1) + frame[0];
}

static void
overflow_body (GaioTask *task,
               gpointer  user_data)
{
  gaio_future_resolve_int (GAIO_FUTURE (task), recurse (NULL, 0));
}

static void
test_task_stack_overflow (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GaioTask) task = gaio_task_spawn_with_stack_size ("deep", 32 * 1024,
                                                                  overflow_body, NULL, NULL);
      gaio_test_wait_for_future (GAIO_FUTURE (task), 5000);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
}

/* No stack: the task comes back rejected, never an abort. */

static void
destroyed_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
}

static void
test_task_no_stack (void)
{
  gboolean destroyed = FALSE;
  g_autoptr(GaioTask) task = NULL;
  g_autoptr(GError) error = NULL;

  /* More address space than the machine has. */
  task = gaio_task_spawn_with_stack_size ("huge", (gsize) 1 << 62, never_body,
                                          &destroyed, destroyed_cb);
  g_assert_true (destroyed);
  g_assert_cmpint (gaio_future_get_state (GAIO_FUTURE (task)), ==, GAIO_FUTURE_STATE_REJECTED);
  g_assert_false (gaio_future_propagate (GAIO_FUTURE (task), &error));
  g_assert_error (error, GAIO_ERROR, GAIO_ERROR_NO_STACK);
  g_assert_nonnull (strstr (error->message, "fiber stack"));
  gaio_test_iterate_for (5);
  g_assert_finalize_object (g_steal_pointer (&task));
}

static void
test_task_no_stack_rlimit (void)
{
#if defined(__SANITIZE_ADDRESS__)
  g_test_skip ("AddressSanitizer needs unlimited address space");
#else
  if (g_test_subprocess ())
    {
      g_autoptr(GaioTask) task = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *status = NULL;
      const char *vm;
      struct rlimit limit;

      /* Limit the address space to what the process has plus 64 KiB: no
       * slab and no single 256 KiB stack fits any more. */
      g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
      vm = strstr (status, "VmSize:");
      g_assert_nonnull (vm);
      limit.rlim_cur = limit.rlim_max = (g_ascii_strtoull (vm + 7, NULL, 10) + 64) * 1024;
      g_assert_cmpint (setrlimit (RLIMIT_AS, &limit), ==, 0);

      task = gaio_task_spawn ("limited", never_body, NULL, NULL);
      g_assert_false (gaio_future_propagate (GAIO_FUTURE (task), &error));
      g_assert_error (error, GAIO_ERROR, GAIO_ERROR_NO_STACK);
      g_printerr ("%s\n", error->message);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*Could not allocate a fiber stack*");
#endif
}

/* Bare tasks: driven by someone else, told of cancellation by a signal. */

static void
cancel_requested_cb (GaioTask *task,
                     gpointer  data)
{
  gboolean *flag = data;

  g_assert_true (gaio_task_get_cancel_requested (task));
  *flag = TRUE;
}

static void
test_task_bare (void)
{
  g_autoptr(GaioTask) task = gaio_task_new ("bare");
  g_autofree char *dump = NULL;
  gboolean requested = FALSE;
  gboolean prop = TRUE;

  g_signal_connect (task, "cancel-requested", G_CALLBACK (cancel_requested_cb), &requested);
  g_object_get (task, "cancel-requested", &prop, NULL);
  g_assert_false (prop);

  dump = gaio_task_dump_live ();
  g_assert_nonnull (strstr (dump, "'bare' GaioTask"));
  g_assert_nonnull (strstr (dump, "state=pending cancel-requested=no fiber=no"));

  /* Outside the loop: the signal comes on the owner context, later. */
  g_assert_true (gaio_future_cancel (GAIO_FUTURE (task)));
  g_assert_true (g_cancellable_is_cancelled (gaio_future_get_cancellable (GAIO_FUTURE (task))));
  g_assert_false (requested);
  gaio_test_wait_for_flag (&requested, 5000);
  g_assert_false (gaio_future_is_done (GAIO_FUTURE (task)));
  g_object_get (task, "cancel-requested", &prop, NULL);
  g_assert_true (prop);

  /* The driver settles it. */
  gaio_future_reject_literal (GAIO_FUTURE (task), G_IO_ERROR, G_IO_ERROR_CANCELLED, "stopped");
  g_assert_true (gaio_future_is_cancelled (GAIO_FUTURE (task)));
  g_assert_nonnull (gaio_future_get_error (GAIO_FUTURE (task)));
  gaio_test_iterate_for (1);
  g_assert_finalize_object (g_steal_pointer (&task));
}

/* The live list and its dump. */

static void
sleepy_body (GaioTask *task,
             gpointer  user_data)
{
  g_autoptr(GaioFuture) sleep = gaio_sleep (GPOINTER_TO_UINT (user_data));

  g_assert_nonnull (gaio_await (sleep, NULL));
}

static void
test_task_list_live (void)
{
  g_autoptr(GaioTask) alpha = gaio_task_spawn ("alpha", sleepy_body, GUINT_TO_POINTER (20), NULL);
  g_autoptr(GaioTask) beta = gaio_task_spawn ("beta", sleepy_body, GUINT_TO_POINTER (20), NULL);
  g_autoptr(GPtrArray) live = gaio_task_list_live ();
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *dump = NULL;
  guint found = 0;

  for (guint i = 0; i < live->len; i++)
    {
      if (g_ptr_array_index (live, i) == alpha)
        {
          found++;
          /* Oldest first. */
          g_assert_true (i + 1 < live->len && g_ptr_array_index (live, i + 1) == beta);
        }
    }
  g_assert_cmpuint (found, ==, 1);

  gaio_future_cancel (GAIO_FUTURE (beta));
  dump = gaio_task_dump_live ();
  g_assert_nonnull (strstr (dump, "'alpha' GaioTask"));
  g_assert_nonnull (strstr (dump, "state=pending cancel-requested=no fiber=yes\n"));
  g_assert_nonnull (strstr (dump, "state=pending cancel-requested=yes fiber=yes\n"));

  gaio_test_wait_for_future (GAIO_FUTURE (alpha), 5000);
  gaio_test_wait_for_future (GAIO_FUTURE (beta), 5000);
  g_assert_nonnull (gaio_future_get_error (GAIO_FUTURE (beta)));

  after = gaio_task_list_live ();
  for (guint i = 0; i < after->len; i++)
    g_assert_true (g_ptr_array_index (after, i) != alpha && g_ptr_array_index (after, i) != beta);

  g_clear_pointer (&live, g_ptr_array_unref);
  g_assert_finalize_object (g_steal_pointer (&alpha));
  g_assert_finalize_object (g_steal_pointer (&beta));
}

/* GAIO_DEBUG=tasks prints the tasks still live at exit. */

static void
stuck_body (GaioTask *task,
            gpointer  user_data)
{
  GaioFuture *never = user_data;

  gaio_await (never, NULL);
}

static void
test_task_exit_dump (void)
{
  if (g_test_subprocess ())
    {
      GaioFuture *never = gaio_future_new ();
      GaioTask *task;

      g_setenv ("GAIO_DEBUG", "tasks", TRUE);
      task = gaio_task_spawn ("stuck", stuck_body, never, NULL);
      gaio_test_iterate_for (5);
      g_assert_false (gaio_future_is_done (GAIO_FUTURE (task)));
      /* Both stay alive: the dump at exit shows the task. */
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*tasks still live at exit:\n'stuck' GaioTask *: "
                             "state=pending cancel-requested=no fiber=yes\n*");
}

/* A step that holds the loop too long is named in a warning. */

static void
busy_body (GaioTask *task,
           gpointer  user_data)
{
  gint64 until = g_get_monotonic_time () + 250 * 1000;

  while (g_get_monotonic_time () < until)
    ;
}

static void
test_task_slow_step (void)
{
  g_autoptr(GaioTask) task = gaio_task_spawn ("slow", busy_body, NULL, NULL);

  gaio_set_slow_callback_threshold (200);
  g_test_expect_message ("Gaio", G_LOG_LEVEL_WARNING, "Executing step of task 'slow' (*) took *");
  gaio_test_wait_for_future (GAIO_FUTURE (task), 5000);
  gaio_set_slow_callback_threshold (0);
  g_test_assert_expected_messages ();
  g_assert_finalize_object (g_steal_pointer (&task));
}

/* The fiber layer on its own: nesting and the backend in use. */

static void
inner_fiber (gpointer data)
{
  GString *log = data;

  g_string_append (log, "b");
  gaio_fiber_yield ();
  g_string_append (log, "d");
}

static void
outer_fiber (gpointer data)
{
  GString *log = data;
  GaioFiber *inner = gaio_fiber_new (64 * 1024, inner_fiber, log, NULL, NULL);
  GaioFiber *self = gaio_fiber_get_current ();

  g_string_append (log, "a");
  gaio_fiber_resume (inner);
  g_assert_true (gaio_fiber_get_current () == self);
  g_string_append (log, "c");
  gaio_fiber_yield ();
  gaio_fiber_resume (inner);
  g_assert_true (gaio_fiber_is_finished (inner));
  gaio_fiber_free (inner);
  g_string_append (log, "e");
}

static void
test_task_fibers (void)
{
  g_autoptr(GString) log = g_string_new (NULL);
  GaioFiber *outer = gaio_fiber_new (64 * 1024, outer_fiber, log, NULL, NULL);
  volatile double x = 1.0;

  g_test_message ("fiber backend: %s",
                  gaio_fiber_get_backend () == GAIO_FIBER_BACKEND_ASM ? "asm" : "ucontext");
  if (g_strcmp0 (g_getenv ("GAIO_FIBER_BACKEND"), "ucontext") == 0)
    g_assert_cmpint (gaio_fiber_get_backend (), ==, GAIO_FIBER_BACKEND_UCONTEXT);

  g_assert_null (gaio_fiber_get_current ());
  gaio_fiber_resume (outer);
  g_assert_cmpstr (log->str, ==, "abc");
  g_assert_null (gaio_fiber_get_current ());
  gaio_fiber_resume (outer);
  g_assert_cmpstr (log->str, ==, "abcde");
  g_assert_true (gaio_fiber_is_finished (outer));
  gaio_fiber_free (outer);

  /* Floating point state survives the switches. */
  g_assert_cmpfloat (x / 3.0 * 3.0, ==, 1.0);
}

static void
typed_body (GaioTask *task,
            gpointer  data)
{
  g_autoptr(GaioFuture) b = gaio_future_new ();
  g_autoptr(GaioFuture) i = gaio_future_new ();
  g_autoptr(GaioFuture) i64 = gaio_future_new ();
  g_autoptr(GaioFuture) d = gaio_future_new ();
  g_autoptr(GaioFuture) s = gaio_future_new ();
  g_autoptr(GaioFuture) o = gaio_future_new ();
  g_autoptr(GaioFuture) bytes = gaio_future_new ();
  g_autoptr(GaioFuture) wrong = gaio_future_new ();
  g_autoptr(GaioFuture) none = gaio_future_new ();
  g_autoptr(GaioFuture) failed = gaio_future_new ();
  g_autoptr(GBytes) data_in = g_bytes_new_static ("abc", 3);
  g_autoptr(GBytes) data_out = NULL;
  g_autoptr(GObject) object = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GObject) got = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  GValue value = G_VALUE_INIT;

  gaio_future_resolve_boolean (b, TRUE);
  gaio_future_resolve_int (i, -5);
  gaio_future_resolve_int64 (i64, G_GINT64_CONSTANT (1) << 40);
  gaio_future_resolve_double (d, 2.5);
  gaio_future_resolve_string (s, "text");
  gaio_future_resolve_object (o, object);
  g_value_init (&value, G_TYPE_BYTES);
  g_value_set_boxed (&value, data_in);
  gaio_future_take_value (bytes, &value);
  gaio_future_resolve_string (wrong, "not a number");
  gaio_future_resolve (none, NULL);
  gaio_future_reject_literal (failed, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "gone");

  g_assert_true (gaio_await_boolean (b, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gaio_await_int (i, &error), ==, -5);
  /* An int widens to int64 and double. */
  g_assert_cmpint (gaio_await_int64 (i, &error), ==, -5);
  g_assert_cmpfloat (gaio_await_double (i, &error), ==, -5.0);
  g_assert_cmpint (gaio_await_int64 (i64, &error), ==, G_GINT64_CONSTANT (1) << 40);
  g_assert_cmpfloat (gaio_await_double (d, &error), ==, 2.5);
  text = gaio_await_string (s, &error);
  g_assert_cmpstr (text, ==, "text");
  got = gaio_await_object (o, &error);
  g_assert_true (got == object);
  data_out = gaio_await_bytes (bytes, &error);
  g_assert_true (g_bytes_equal (data_in, data_out));
  g_assert_no_error (error);

  g_assert_cmpint (gaio_await_int (wrong, &error), ==, 0);
  g_assert_error (error, GAIO_ERROR, GAIO_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (gaio_await_boolean (none, &error));
  g_assert_error (error, GAIO_ERROR, GAIO_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_null (gaio_await_object (none, &error));
  g_assert_no_error (error);
  g_assert_null (gaio_await_string (failed, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_task_typed_awaits (void)
{
  g_autoptr(GaioTask) task = gaio_task_spawn ("typed", typed_body, NULL, NULL);

  gaio_test_wait_for_future (GAIO_FUTURE (task), 5000);
  g_assert_true (gaio_future_propagate (GAIO_FUTURE (task), NULL));
}

static void
eager_body (GaioTask *task,
            gpointer  data)
{
  int *steps = data;
  g_autoptr(GaioFuture) ready = gaio_future_new_resolved (NULL);
  g_autoptr(GaioFuture) sleep = gaio_sleep (1);

  (*steps)++;
  /* A settled future does not suspend an eager body either. */
  g_assert_nonnull (gaio_await (ready, NULL));
  (*steps)++;
  g_assert_nonnull (gaio_await (sleep, NULL));
  (*steps)++;
}

static void
eager_quick_body (GaioTask *task,
                  gpointer  data)
{
  gaio_future_resolve_int (GAIO_FUTURE (task), 7);
}

/* asyncio's eager tasks: the body runs inside the spawn call until its
 * first real suspension. */
static void
test_task_eager (void)
{
  int steps = 0;
  g_autoptr(GaioTask) task = gaio_task_spawn_full ("eager", GAIO_TASK_FLAGS_EAGER, 0,
                                                   eager_body, &steps, NULL);
  g_autoptr(GaioTask) quick = gaio_task_spawn_full ("quick", GAIO_TASK_FLAGS_EAGER, 0,
                                                    eager_quick_body, NULL, NULL);
  g_autoptr(GaioTask) lazy = gaio_task_spawn_full ("lazy", GAIO_TASK_FLAGS_NONE, 0,
                                                   eager_quick_body, NULL, NULL);

  g_assert_cmpint (steps, ==, 2);
  g_assert_false (gaio_future_is_done (GAIO_FUTURE (task)));
  g_assert_cmpint (gaio_future_get_state (GAIO_FUTURE (quick)), ==, GAIO_FUTURE_STATE_RESOLVED);
  g_assert_cmpint (g_value_get_int (gaio_future_get_value (GAIO_FUTURE (quick))), ==, 7);
  g_assert_false (gaio_future_is_done (GAIO_FUTURE (lazy)));

  gaio_test_wait_for_future (GAIO_FUTURE (task), 5000);
  gaio_test_wait_for_future (GAIO_FUTURE (lazy), 5000);
  g_assert_cmpint (steps, ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/Gaio/Task/ordering", test_task_ordering);
  g_test_add_func ("/Gaio/Task/await-values", test_task_await_values);
  g_test_add_func ("/Gaio/Task/settles-itself", test_task_settles_itself);
  g_test_add_func ("/Gaio/Task/nested", test_task_nested);
  g_test_add_func ("/Gaio/Task/nested-batch", test_task_nested_batch);
  g_test_add_func ("/Gaio/Task/cancel-await", test_task_cancel_await);
  g_test_add_func ("/Gaio/Task/cancel-before-start", test_task_cancel_before_start);
  g_test_add_func ("/Gaio/Task/cancel-thread", test_task_cancel_thread);
  g_test_add_func ("/Gaio/Task/cancel-after-settle", test_task_cancel_after_settle);
  g_test_add_func ("/Gaio/Task/cancel-self-then-await", test_task_cancel_self_then_await);
  g_test_add_func ("/Gaio/Task/foreign-context", test_task_foreign_context);
  g_test_add_func ("/Gaio/Task/await-outside", test_task_await_outside);
  g_test_add_func ("/Gaio/Task/many", test_task_many);
  g_test_add_func ("/Gaio/Task/stack-reuse", test_task_stack_reuse);
  g_test_add_func ("/Gaio/Task/stack-pool-pages", test_task_stack_pool_pages);
  g_test_add_data_func ("/Gaio/Task/stack-guards/1", GUINT_TO_POINTER (1), test_task_stack_guards);
  g_test_add_data_func ("/Gaio/Task/stack-guards/63", GUINT_TO_POINTER (63), test_task_stack_guards);
  g_test_add_func ("/Gaio/Task/stack-size", test_task_stack_size);
  g_test_add_func ("/Gaio/Task/stack-overflow", test_task_stack_overflow);
  g_test_add_func ("/Gaio/Task/no-stack", test_task_no_stack);
  g_test_add_func ("/Gaio/Task/no-stack-rlimit", test_task_no_stack_rlimit);
  g_test_add_func ("/Gaio/Task/bare", test_task_bare);
  g_test_add_func ("/Gaio/Task/list-live", test_task_list_live);
  g_test_add_func ("/Gaio/Task/exit-dump", test_task_exit_dump);
  g_test_add_func ("/Gaio/Task/slow-step", test_task_slow_step);
  g_test_add_func ("/Gaio/Task/fibers", test_task_fibers);

  g_test_add_func ("/Gaio/Task/typed-awaits", test_task_typed_awaits);
  g_test_add_func ("/Gaio/Task/eager", test_task_eager);
  return g_test_run ();
}
