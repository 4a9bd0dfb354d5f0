/* test-coroutine.c: stackless coroutine tasks (gaio_task_spawn_co())
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <string.h>

#include "test-utils.h"

/* A coroutine's state: the GaioCo first, then what lives across awaits. */
typedef struct
{
  GaioCo      co;
  GaioFuture *future;     /* awaited; resolved or rejected by the test */
  GaioFuture *sleep;
  GString    *log;
  int         steps;      /* calls of the step function */
  int         i;
  int         j;
  int         sum;
  GError     *caught;
} State;

static State *
state_new (GaioFuture *future)
{
  State *self = g_new0 (State, 1);

  self->future = future != NULL ? g_object_ref (future) : NULL;
  self->log = g_string_new (NULL);
  return self;
}

/* Frees the state, and counts the frees where the test passes a counter
 * as the state's future's data. */
static int n_freed;

static void
state_free (gpointer data)
{
  State *self = data;

  n_freed++;
  g_clear_object (&self->future);
  g_clear_object (&self->sleep);
  g_clear_error (&self->caught);
  g_string_free (self->log, TRUE);
  g_free (self);
}

/* Results: the value the awaited future resolved with reaches the body,
 * and the body settles the task with its own. */

static void
double_step (GaioCo *co)
{
  State *self = (State *) co;

  self->steps++;
  GAIO_CO_BEGIN (co);
  g_string_append (self->log, "start;");
  GAIO_CO_AWAIT (co, self->future);
  g_assert_no_error (co->error);
  g_assert_nonnull (co->value);
  gaio_future_resolve_int (GAIO_FUTURE (co->task), 2 * g_value_get_int (co->value));
  g_string_append (self->log, "end;");
  GAIO_CO_END (co);
}

static void
test_coroutine_result (void)
{
  g_autoptr(GaioFuture) input = gaio_future_new ();
  State *state = state_new (input);
  g_autoptr(GaioTask) task = NULL;
  const GValue *value;

  task = gaio_task_spawn_co ("double", GAIO_TASK_FLAGS_NONE, double_step, &state->co, NULL);
  g_assert_true (state->co.task == task);

  /* Nothing runs inside spawn; the first step parks on the input. */
  g_assert_cmpint (state->steps, ==, 0);
  gaio_test_iterate_for (10);
  g_assert_cmpint (state->steps, ==, 1);
  g_assert_cmpstr (state->log->str, ==, "start;");
  g_assert_false (gaio_future_is_done (GAIO_FUTURE (task)));

  gaio_future_resolve_int (input, 21);
  value = gaio_test_wait_value (GAIO_FUTURE (task), 5000);
  g_assert_cmpint (g_value_get_int (value), ==, 42);
  g_assert_cmpint (state->steps, ==, 2);
  g_assert_cmpstr (state->log->str, ==, "start;end;");

  /* The ended body's state no longer names the task, and runs again. */
  g_assert_null (state->co.task);
  g_assert_finalize_object (g_steal_pointer (&task));
  g_string_truncate (state->log, 0);
  task = gaio_task_spawn_co ("double again", GAIO_TASK_FLAGS_NONE, double_step, &state->co, NULL);
  g_assert_true (state->co.task == task);
  value = gaio_test_wait_value (GAIO_FUTURE (task), 5000);
  g_assert_cmpint (g_value_get_int (value), ==, 42);
  g_assert_cmpstr (state->log->str, ==, "start;end;");
  g_assert_null (state->co.task);

  state_free (state);
  g_assert_finalize_object (g_steal_pointer (&task));
}

/* Errors: a rejected future's error reaches the body, which rejects the
 * task with it; a body that returns without settling resolves the task
 * with no value, and the destroy function frees the state once. */

static void
forward_error_step (GaioCo *co)
{
  State *self = (State *) co;

  GAIO_CO_BEGIN (co);
  GAIO_CO_AWAIT (co, self->future);
  g_assert_null (co->value);
  g_assert_nonnull (co->error);
  gaio_future_reject (GAIO_FUTURE (co->task), g_steal_pointer (&co->error));
  GAIO_CO_END (co);
}

static void
plain_return_step (GaioCo *co)
{
  State *self = (State *) co;

  GAIO_CO_BEGIN (co);
  GAIO_CO_AWAIT (co, self->future);
  if (co->error != NULL)
    return;
  g_string_append (self->log, "not reached");
  GAIO_CO_END (co);
}

static void
test_coroutine_error (void)
{
  g_autoptr(GaioFuture) input = gaio_future_new ();
  g_autoptr(GaioTask) forward = NULL;
  g_autoptr(GaioTask) plain = NULL;
  g_autoptr(GError) error = NULL;
  State *plain_state = state_new (input);

  n_freed = 0;
  forward = gaio_task_spawn_co ("forward", GAIO_TASK_FLAGS_NONE, forward_error_step,
                                &state_new (input)->co, state_free);
  plain = gaio_task_spawn_co ("plain", GAIO_TASK_FLAGS_NONE, plain_return_step,
                              &plain_state->co, NULL);
  gaio_test_iterate_for (10);

  gaio_future_reject (input, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no such thing"));
  error = gaio_test_wait_error (GAIO_FUTURE (forward), 5000);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "no such thing");
  g_assert_cmpint (n_freed, ==, 1);

  /* Its error, owned by the coroutine, was freed when the body ended. */
  gaio_test_wait_for_future (GAIO_FUTURE (plain), 5000);
  g_assert_cmpint (gaio_future_get_state (GAIO_FUTURE (plain)), ==, GAIO_FUTURE_STATE_RESOLVED);
  g_assert_null (gaio_future_get_value (GAIO_FUTURE (plain)));
  g_assert_null (plain_state->co.error);
  g_assert_cmpstr (plain_state->log->str, ==, "");

  state_free (plain_state);
  g_assert_finalize_object (g_steal_pointer (&forward));
  g_assert_finalize_object (g_steal_pointer (&plain));
}

/* Cancellation at an await: the pending await reports CANCELLED and the
 * future it awaited is cancelled; the body may clean up and await more;
 * the task then settles as cancelled. */

static void
cancel_step (GaioCo *co)
{
  State *self = (State *) co;

  self->steps++;
  GAIO_CO_BEGIN (co);
  self->sleep = gaio_sleep (60 * 1000);
  GAIO_CO_AWAIT (co, self->sleep);
  g_assert_null (co->value);
  g_assert_error (co->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (gaio_future_is_cancelled (self->sleep));
  g_string_append (self->log, "cancelled;");

  /* Cleaning up may await. */
  GAIO_CO_AWAIT (co, self->future);
  g_assert_no_error (co->error);
  g_string_append (self->log, "cleaned up;");
  GAIO_CO_END (co);
}

static void
test_coroutine_cancel_await (void)
{
  g_autoptr(GaioFuture) cleanup = gaio_future_new ();
  State *state = state_new (cleanup);
  g_autoptr(GaioTask) task = gaio_task_spawn_co ("cancel", GAIO_TASK_FLAGS_NONE, cancel_step,
                                                 &state->co, NULL);

  gaio_test_iterate_for (10);
  g_assert_cmpint (state->steps, ==, 1);

  gaio_future_cancel (GAIO_FUTURE (task));
  gaio_test_iterate_for (10);
  g_assert_cmpstr (state->log->str, ==, "cancelled;");
  g_assert_false (gaio_future_is_done (GAIO_FUTURE (task)));

  gaio_future_resolve (cleanup, NULL);
  gaio_test_wait_for_future (GAIO_FUTURE (task), 5000);
  g_assert_cmpstr (state->log->str, ==, "cancelled;cleaned up;");
  g_assert_true (gaio_future_is_cancelled (GAIO_FUTURE (task)));
  g_assert_cmpint (state->steps, ==, 3);

  state_free (state);
  g_assert_finalize_object (g_steal_pointer (&task));
}

/* A task cancelled before its first step never runs its body, and frees
 * its state. */

static void
never_step (GaioCo *co)
{
  g_assert_not_reached ();
}

static void
test_coroutine_cancel_before_start (void)
{
  g_autoptr(GaioTask) task = NULL;

  n_freed = 0;
  task = gaio_task_spawn_co ("never", GAIO_TASK_FLAGS_NONE, never_step,
                             &state_new (NULL)->co, state_free);
  g_assert_true (gaio_future_cancel (GAIO_FUTURE (task)));
  gaio_test_wait_for_future (GAIO_FUTURE (task), 5000);
  g_assert_true (gaio_future_is_cancelled (GAIO_FUTURE (task)));
  g_assert_cmpint (n_freed, ==, 1);
  g_assert_finalize_object (g_steal_pointer (&task));
}

/* A task that cancels itself while its step runs gets CANCELLED at its
 * next await, which cancels what that await was given, as a fiber does. */

static void
cancel_self_step (GaioCo *co)
{
  State *self = (State *) co;

  GAIO_CO_BEGIN (co);
  gaio_future_cancel (GAIO_FUTURE (co->task));
  self->sleep = gaio_sleep (60 * 1000);
  GAIO_CO_AWAIT (co, self->sleep);
  g_assert_error (co->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (gaio_future_is_cancelled (self->sleep));
  g_string_append (self->log, "cancelled;");

  /* Delivered once: the next await goes through. */
  GAIO_CO_AWAIT (co, self->future);
  g_assert_no_error (co->error);
  g_string_append (self->log, "awaited;");
  GAIO_CO_END (co);
}

static void
test_coroutine_cancel_self (void)
{
  g_autoptr(GaioFuture) done = gaio_future_new ();
  State *state = state_new (done);
  g_autoptr(GaioTask) task = gaio_task_spawn_co ("self", GAIO_TASK_FLAGS_NONE, cancel_self_step,
                                                 &state->co, NULL);

  gaio_future_resolve (done, NULL);
  gaio_test_wait_for_future (GAIO_FUTURE (task), 5000);
  g_assert_true (gaio_future_is_cancelled (GAIO_FUTURE (task)));
  g_assert_cmpstr (state->log->str, ==, "cancelled;awaited;");

  state_free (state);
  g_assert_finalize_object (g_steal_pointer (&task));
}

/* A grant is never lost: when the awaited future resolved before the
 * cancel reached the task, the await delivers its value and the next await
 * reports the cancellation. */

static void
grant_step (GaioCo *co)
{
  State *self = (State *) co;

  GAIO_CO_BEGIN (co);
  GAIO_CO_AWAIT (co, self->future);
  g_assert_no_error (co->error);
  g_assert_cmpint (g_value_get_int (co->value), ==, 7);
  g_string_append (self->log, "granted;");
  self->sleep = gaio_sleep (60 * 1000);
  GAIO_CO_AWAIT (co, self->sleep);
  g_assert_error (co->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (gaio_future_is_cancelled (self->sleep));
  g_string_append (self->log, "cancelled;");
  GAIO_CO_END (co);
}

static void
test_coroutine_grant_kept (void)
{
  g_autoptr(GaioFuture) grant = gaio_future_new ();
  State *state = state_new (grant);
  g_autoptr(GaioTask) task = gaio_task_spawn_co ("grant", GAIO_TASK_FLAGS_EAGER, grant_step,
                                                 &state->co, NULL);

  /* Owning the context, the cancel reaches the task at once, while the
   * step that delivers the grant is still to come. */
  g_assert_true (g_main_context_acquire (NULL));
  gaio_future_resolve_int (grant, 7);
  g_assert_true (gaio_future_cancel (GAIO_FUTURE (task)));
  g_main_context_release (NULL);
  gaio_test_wait_for_future (GAIO_FUTURE (task), 5000);
  g_assert_cmpstr (state->log->str, ==, "granted;cancelled;");
  g_assert_true (gaio_future_is_cancelled (GAIO_FUTURE (task)));

  state_free (state);
  g_assert_finalize_object (g_steal_pointer (&task));
}

/* Awaiting a future that settled already does not suspend: the body goes
 * on within the same step. */

static void
resolved_step (GaioCo *co)
{
  State *self = (State *) co;

  self->steps++;
  GAIO_CO_BEGIN (co);
  for (self->i = 0; self->i < 3; self->i++)
    {
      GAIO_CO_AWAIT (co, self->future);
      g_assert_no_error (co->error);
      self->sum += g_value_get_int (co->value);
    }
  gaio_future_resolve_int (GAIO_FUTURE (co->task), self->sum);
  GAIO_CO_END (co);
}

static void
test_coroutine_resolved (void)
{
  g_autoptr(GaioFuture) ready = gaio_future_new ();
  State *state = state_new (ready);
  g_autoptr(GaioTask) task = NULL;

  gaio_future_resolve_int (ready, 5);
  task = gaio_task_spawn_co ("resolved", GAIO_TASK_FLAGS_NONE, resolved_step, &state->co, NULL);
  g_assert_cmpint (g_value_get_int (gaio_test_wait_value (GAIO_FUTURE (task), 5000)), ==, 15);
  g_assert_cmpint (state->steps, ==, 1);

  state_free (state);
  g_assert_finalize_object (g_steal_pointer (&task));
}

/* Nested loops with awaits in both, and a coroutine awaiting another
 * coroutine task. */

static void
inner_step (GaioCo *co)
{
  State *self = (State *) co;

  GAIO_CO_BEGIN (co);
  self->sleep = gaio_sleep (1);
  GAIO_CO_AWAIT (co, self->sleep);
  g_assert_no_error (co->error);
  gaio_future_resolve_int (GAIO_FUTURE (co->task), 100);
  GAIO_CO_END (co);
}

static void
loops_step (GaioCo *co)
{
  State *self = (State *) co;

  GAIO_CO_BEGIN (co);
  for (self->i = 0; self->i < 3; self->i++)
    {
      g_string_append_printf (self->log, "i%d:", self->i);
      for (self->j = 0; self->j < 2; self->j++)
        {
          g_clear_object (&self->sleep);
          self->sleep = gaio_sleep (1);
          GAIO_CO_AWAIT (co, self->sleep);
          g_assert_no_error (co->error);
          g_string_append_printf (self->log, "j%d,", self->j);
        }
      g_clear_object (&self->future);
      self->future = GAIO_FUTURE (gaio_task_spawn_co ("inner", GAIO_TASK_FLAGS_NONE, inner_step,
                                                      &state_new (NULL)->co, state_free));
      GAIO_CO_AWAIT (co, self->future);
      g_assert_no_error (co->error);
      self->sum += g_value_get_int (co->value);
      g_string_append (self->log, ";");
    }
  gaio_future_resolve_int (GAIO_FUTURE (co->task), self->sum);
  GAIO_CO_END (co);
}

static void
test_coroutine_loops (void)
{
  State *state = state_new (NULL);
  g_autoptr(GaioTask) task = NULL;

  n_freed = 0;
  task = gaio_task_spawn_co ("loops", GAIO_TASK_FLAGS_NONE, loops_step, &state->co, NULL);
  g_assert_cmpint (g_value_get_int (gaio_test_wait_value (GAIO_FUTURE (task), 5000)), ==, 300);
  g_assert_cmpstr (state->log->str, ==, "i0:j0,j1,;i1:j0,j1,;i2:j0,j1,;");
  g_assert_cmpint (n_freed, ==, 3);

  state_free (state);
  g_assert_finalize_object (g_steal_pointer (&task));
}

/* Eager start: the first step runs inside the spawn call, up to its first
 * await of a pending future, or to its end. */

static void
test_coroutine_eager (void)
{
  g_autoptr(GaioFuture) input = gaio_future_new ();
  g_autoptr(GaioFuture) ready = gaio_future_new ();
  State *state = state_new (input);
  State *quick_state = state_new (ready);
  g_autoptr(GaioTask) task = NULL;
  g_autoptr(GaioTask) quick = NULL;

  task = gaio_task_spawn_co ("eager", GAIO_TASK_FLAGS_EAGER, double_step, &state->co, NULL);
  g_assert_cmpint (state->steps, ==, 1);
  g_assert_cmpstr (state->log->str, ==, "start;");
  g_assert_false (gaio_future_is_done (GAIO_FUTURE (task)));

  gaio_future_resolve_int (ready, 2);
  quick = gaio_task_spawn_co ("quick", GAIO_TASK_FLAGS_EAGER, resolved_step, &quick_state->co, NULL);
  g_assert_cmpint (gaio_future_get_state (GAIO_FUTURE (quick)), ==, GAIO_FUTURE_STATE_RESOLVED);
  g_assert_cmpint (g_value_get_int (gaio_future_get_value (GAIO_FUTURE (quick))), ==, 6);

  gaio_future_resolve_int (input, 4);
  g_assert_cmpint (g_value_get_int (gaio_test_wait_value (GAIO_FUTURE (task), 5000)), ==, 8);

  state_free (state);
  state_free (quick_state);
  g_assert_finalize_object (g_steal_pointer (&task));
  g_assert_finalize_object (g_steal_pointer (&quick));
}

/* Cancel scopes entered in a step apply to the awaits after it, across
 * steps, until the scope is left. */

typedef struct
{
  State            base;
  GaioCancelScope *scope;
  gboolean         left_ok;
} ScopeState;

static void
scope_step (GaioCo *co)
{
  ScopeState *self = (ScopeState *) co;

  GAIO_CO_BEGIN (co);
  self->scope = gaio_fail_after (20);
  self->base.sleep = gaio_sleep (60 * 1000);
  GAIO_CO_AWAIT (co, self->base.sleep);
  g_assert_error (co->error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_true (gaio_future_is_cancelled (self->base.sleep));
  self->left_ok = gaio_cancel_scope_leave (self->scope, &co->error);
  g_clear_pointer (&self->scope, gaio_cancel_scope_free);
  gaio_future_reject (GAIO_FUTURE (co->task), g_steal_pointer (&co->error));
  GAIO_CO_END (co);
}

static void
test_coroutine_cancel_scope (void)
{
  ScopeState *state = g_new0 (ScopeState, 1);
  g_autoptr(GaioTask) task = NULL;
  g_autoptr(GError) error = NULL;

  task = gaio_task_spawn_co ("scoped", GAIO_TASK_FLAGS_NONE, scope_step, &state->base.co, NULL);
  error = gaio_test_wait_error (GAIO_FUTURE (task), 5000);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_false (state->left_ok);

  g_clear_object (&state->base.sleep);
  g_free (state);
  g_assert_finalize_object (g_steal_pointer (&task));
}

/* The task list and the task graph show a parked coroutine and what it
 * awaits. */

static void
test_coroutine_graph (void)
{
  g_autoptr(GaioFuture) input = gaio_future_new ();
  State *state = state_new (input);
  g_autoptr(GaioTask) task = NULL;
  g_autofree char *graph = NULL;
  g_autofree char *live = NULL;
  g_autofree char *line = NULL;

  gaio_future_set_name (input, "input");
  task = gaio_task_spawn_co ("co-waiter", GAIO_TASK_FLAGS_EAGER, double_step, &state->co, NULL);

  graph = gaio_task_dump_graph ();
  g_test_message ("%s", graph);
  line = g_strdup ("(T) co-waiter\n");
  g_assert_nonnull (strstr (graph, line));
  g_assert_nonnull (strstr (strstr (graph, line), "GaioFuture 'input'"));

  live = gaio_task_dump_live ();
  g_assert_nonnull (strstr (live, "state=pending cancel-requested=no fiber=no coroutine=yes\n"));

  gaio_future_resolve_int (input, 1);
  gaio_test_wait_for_future (GAIO_FUTURE (task), 5000);
  state_free (state);
  g_assert_finalize_object (g_steal_pointer (&task));
}

/* Many live coroutines, each parked on one shared future, complete when it
 * resolves. */

#define N_MANY 100000

static int n_many_done;

static void
many_step (GaioCo *co)
{
  State *self = (State *) co;

  GAIO_CO_BEGIN (co);
  GAIO_CO_AWAIT (co, self->future);
  g_assert_no_error (co->error);
  n_many_done++;
  GAIO_CO_END (co);
}

static void
test_coroutine_many (void)
{
  g_autoptr(GaioFuture) gate = gaio_future_new ();
  g_autoptr(GPtrArray) tasks = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) live = NULL;

  n_freed = 0;
  n_many_done = 0;
  for (guint i = 0; i < N_MANY; i++)
    g_ptr_array_add (tasks, gaio_task_spawn_co ("many", GAIO_TASK_FLAGS_EAGER, many_step,
                                                &state_new (gate)->co, state_free));

  live = gaio_task_list_live ();
  g_assert_cmpuint (live->len, ==, N_MANY);
  g_clear_pointer (&live, g_ptr_array_unref);

  gaio_future_resolve (gate, NULL);
  gaio_test_wait_for_future (g_ptr_array_index (tasks, N_MANY - 1), 60000);
  for (guint i = 0; i < N_MANY; i++)
    gaio_test_wait_for_future (g_ptr_array_index (tasks, i), 60000);
  g_assert_cmpint (n_many_done, ==, N_MANY);
  g_assert_cmpint (n_freed, ==, N_MANY);
}

/* gaio_await() belongs to fibers: in a coroutine step it is a programming
 * error, reported rather than run. */

static void
wrong_await_step (GaioCo *co)
{
  State *self = (State *) co;
  g_autoptr(GError) error = NULL;

  g_assert_null (gaio_await (self->future, &error));
  g_assert_error (error, GAIO_ERROR, GAIO_ERROR_NOT_IN_TASK);
}

static void
test_coroutine_wrong_await (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GaioFuture) input = gaio_future_new ();
      State *state = state_new (input);
      g_autoptr(GaioTask) task = gaio_task_spawn_co ("wrong", GAIO_TASK_FLAGS_EAGER,
                                                     wrong_await_step, &state->co, state_free);

      g_assert_nonnull (task);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*gaio_await() was called outside a fiber task*");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/Gaio/Coroutine/result", test_coroutine_result);
  g_test_add_func ("/Gaio/Coroutine/error", test_coroutine_error);
  g_test_add_func ("/Gaio/Coroutine/cancel-await", test_coroutine_cancel_await);
  g_test_add_func ("/Gaio/Coroutine/cancel-before-start", test_coroutine_cancel_before_start);
  g_test_add_func ("/Gaio/Coroutine/cancel-self", test_coroutine_cancel_self);
  g_test_add_func ("/Gaio/Coroutine/grant-kept", test_coroutine_grant_kept);
  g_test_add_func ("/Gaio/Coroutine/resolved", test_coroutine_resolved);
  g_test_add_func ("/Gaio/Coroutine/loops", test_coroutine_loops);
  g_test_add_func ("/Gaio/Coroutine/eager", test_coroutine_eager);
  g_test_add_func ("/Gaio/Coroutine/cancel-scope", test_coroutine_cancel_scope);
  g_test_add_func ("/Gaio/Coroutine/graph", test_coroutine_graph);
  g_test_add_func ("/Gaio/Coroutine/many", test_coroutine_many);
  g_test_add_func ("/Gaio/Coroutine/wrong-await", test_coroutine_wrong_await);
  return g_test_run ();
}
