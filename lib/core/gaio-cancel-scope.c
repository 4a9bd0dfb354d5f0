/* gaio-cancel-scope.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include "gaio-cancel-scope-private.h"
#include "gaio-error.h"

/**
 * GaioCancelScope:
 *
 * A deadline for the awaits of a block of a fiber task: asyncio's
 * `timeout()` and `timeout_at()`, Trio's `move_on_after()` and
 * `fail_after()`.
 *
 * A fiber task enters a scope, awaits as usual and leaves it. Once the
 * deadline passes, the future the task is awaiting is cancelled and every
 * `gaio_await()` inside the scope returns at once with
 * `G_IO_ERROR_CANCELLED` (or `G_IO_ERROR_TIMED_OUT` with
 * `GAIO_CANCEL_SCOPE_FAIL`) until the task leaves the scope. Leaving
 * reports how the block ended:
 *
 * ```c
 * g_autoptr(GaioCancelScope) scope = gaio_move_on_after (100);
 * g_autoptr(GError) error = NULL;
 * g_autofree char *text = gaio_await_string (slow, &error);
 *
 * if (gaio_cancel_scope_leave (scope, &error))
 *   {
 *     // no error: either the text arrived, or the scope moved on
 *     if (gaio_cancel_scope_cancelled_caught (scope))
 *       g_print ("gave up after 100 ms\n");
 *   }
 * ```
 *
 * `gaio_fail_after()` reports `G_IO_ERROR_TIMED_OUT` from
 * `gaio_cancel_scope_leave()` instead. Scopes nest: the earliest deadline
 * of the scopes entered applies, the outermost expired scope is the one that
 * catches the cancellation (an inner scope's leave then returns %FALSE and
 * keeps the error, so the block unwinds to it), and an inner scope that
 * expired alone is over once left: the outer scope's awaits go on.
 * `gaio_cancel_scope_reschedule()` moves a deadline, as asyncio's
 * `Timeout.reschedule()`.
 *
 * A value already granted to the awaiting task when the deadline passes is
 * delivered (see the cancellation page); the next await inside the scope
 * reports the expiry. Cancelling the task itself is not caught by a scope.
 *
 * Scopes are C only, used inside one fiber task, and left in the reverse
 * order of entering; bindings use their language's own (`asyncio.timeout()`,
 * `AbortSignal.timeout()`).
 */

gint64
gaio_cancel_scope_next_deadline (GaioCancelScope *innermost)
{
  gint64 deadline = G_MAXINT64;

  for (GaioCancelScope *scope = innermost; scope != NULL; scope = scope->outer)
    if (!scope->expired)
      deadline = MIN (deadline, scope->deadline);
  return deadline;
}

GaioCancelScope *
gaio_cancel_scope_find_expired (GaioCancelScope *innermost,
                                gint64           now)
{
  GaioCancelScope *found = NULL;

  for (GaioCancelScope *scope = innermost; scope != NULL; scope = scope->outer)
    {
      if (scope->deadline <= now)
        scope->expired = TRUE;
      if (scope->expired)
        found = scope;
    }
  return found;
}

void
gaio_cancel_scope_set_error (GaioCancelScope  *scope,
                             GError          **error)
{
  if (scope->fail)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "Timed out after %" G_GINT64_FORMAT " ms",
                 (scope->deadline - scope->entered) / 1000);
  else
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "The cancel scope expired");
}

/**
 * gaio_cancel_scope_enter: (skip)
 * @deadline: the monotonic time (as g_get_monotonic_time()) at which the
 *   scope expires, or -1 for none (until rescheduled or cancelled)
 * @flags: how the scope ends when it expires
 *
 * Enters a cancel scope in the running fiber task, like asyncio's
 * `timeout_at()`. Leave it with `gaio_cancel_scope_leave()` and free it
 * (a `g_autoptr` does both when the block returns early).
 *
 * Returns: (transfer full): the scope, or %NULL outside a fiber task
 */
GaioCancelScope *
gaio_cancel_scope_enter (gint64               deadline,
                         GaioCancelScopeFlags flags)
{
  GaioTask *task = gaio_task_get_current ();
  GaioCancelScope **scopes;
  GaioCancelScope *scope;

  if (task == NULL)
    {
      g_critical ("A cancel scope was entered outside a fiber task");
      return NULL;
    }

  scopes = gaio_task_get_scopes (task);
  scope = g_new0 (GaioCancelScope, 1);
  scope->task = task;
  scope->entered = g_get_monotonic_time ();
  scope->deadline = deadline < 0 ? G_MAXINT64 : deadline;
  scope->fail = (flags & GAIO_CANCEL_SCOPE_FAIL) != 0;
  scope->active = TRUE;
  scope->outer = *scopes;
  *scopes = scope;
  return scope;
}

/**
 * gaio_move_on_after: (skip)
 * @milliseconds: the time the block may take
 *
 * Enters a scope that gives up quietly once @milliseconds have passed:
 * Trio's `move_on_after()`.
 *
 * Returns: (transfer full): the scope, or %NULL outside a fiber task
 */
GaioCancelScope *
gaio_move_on_after (guint milliseconds)
{
  return gaio_cancel_scope_enter (g_get_monotonic_time () + (gint64) milliseconds * 1000,
                                  GAIO_CANCEL_SCOPE_NONE);
}

/**
 * gaio_fail_after: (skip)
 * @milliseconds: the time the block may take
 *
 * Enters a scope that fails with `G_IO_ERROR_TIMED_OUT` once
 * @milliseconds have passed: Trio's `fail_after()`, asyncio's `timeout()`.
 *
 * Returns: (transfer full): the scope, or %NULL outside a fiber task
 */
GaioCancelScope *
gaio_fail_after (guint milliseconds)
{
  return gaio_cancel_scope_enter (g_get_monotonic_time () + (gint64) milliseconds * 1000,
                                  GAIO_CANCEL_SCOPE_FAIL);
}

/**
 * gaio_cancel_scope_leave: (skip)
 * @scope: the innermost scope of the running task
 * @error: (inout) (optional): the error the block ended with, if any
 *
 * Leaves @scope, like the end of an `async with` block, and reports
 * whether the code after it runs normally.
 *
 * If @scope expired and no enclosing scope did, @scope catches the
 * cancellation: a `G_IO_ERROR_CANCELLED` or `G_IO_ERROR_TIMED_OUT` in
 * @error is cleared; a `GAIO_CANCEL_SCOPE_FAIL` scope then sets
 * `G_IO_ERROR_TIMED_OUT` and returns %FALSE, the other returns %TRUE. If an
 * enclosing scope expired, the cancellation goes on to it: %FALSE, with
 * its error set if @error held none. A cancellation of the task itself is
 * never cleared.
 *
 * Returns: %TRUE if the block ended without an error
 */
gboolean
gaio_cancel_scope_leave (GaioCancelScope  *scope,
                         GError          **error)
{
  GaioCancelScope **scopes;
  GaioCancelScope *expired;
  GError *local = NULL;
  GError **err = error != NULL ? error : &local;
  gboolean task_cancelled;
  gboolean ok;

  g_return_val_if_fail (scope != NULL, FALSE);
  g_return_val_if_fail (scope->active, FALSE);

  scopes = gaio_task_get_scopes (scope->task);
  g_return_val_if_fail (*scopes == scope, FALSE);

  expired = gaio_cancel_scope_find_expired (scope, g_get_monotonic_time ());
  *scopes = scope->outer;
  scope->active = FALSE;
  task_cancelled = gaio_task_get_cancel_requested (scope->task);

  if (expired != NULL && expired != scope)
    {
      if (*err == NULL)
        gaio_cancel_scope_set_error (expired, err);
      g_clear_error (&local);
      return FALSE;
    }

  if (expired == scope && !task_cancelled)
    {
      if (*err != NULL && ((*err)->domain == G_IO_ERROR &&
                           ((*err)->code == G_IO_ERROR_CANCELLED ||
                            (*err)->code == G_IO_ERROR_TIMED_OUT)))
        g_clear_error (err);
      if (*err == NULL)
        {
          scope->caught = TRUE;
          if (scope->fail)
            gaio_cancel_scope_set_error (scope, err);
        }
    }

  ok = *err == NULL;
  g_clear_error (&local);
  return ok;
}

/**
 * gaio_cancel_scope_free: (skip)
 * @scope: a scope
 *
 * Frees @scope, leaving it first (and dropping what leaving reports) if the
 * block returned without leaving it.
 */
void
gaio_cancel_scope_free (GaioCancelScope *scope)
{
  if (scope == NULL)
    return;

  if (scope->active)
    {
      GaioCancelScope **scopes = gaio_task_get_scopes (scope->task);

      /* Inner scopes left unfreed die with this one. */
      while (*scopes != NULL && *scopes != scope)
        {
          (*scopes)->active = FALSE;
          *scopes = (*scopes)->outer;
        }
      if (*scopes == scope)
        *scopes = scope->outer;
      scope->active = FALSE;
    }
  g_free (scope);
}

/**
 * gaio_cancel_scope_get_deadline: (skip)
 * @scope: a scope
 *
 * Gets the deadline of @scope.
 *
 * Returns: the monotonic time at which @scope expires, or -1 for none
 */
gint64
gaio_cancel_scope_get_deadline (GaioCancelScope *scope)
{
  g_return_val_if_fail (scope != NULL, -1);

  return scope->deadline == G_MAXINT64 ? -1 : scope->deadline;
}

/**
 * gaio_cancel_scope_reschedule: (skip)
 * @scope: an active scope that has not expired
 * @deadline: the new monotonic deadline, or -1 for none
 *
 * Moves the deadline of @scope, earlier or later, like asyncio's
 * `Timeout.reschedule()`. A scope that expired stays expired.
 */
void
gaio_cancel_scope_reschedule (GaioCancelScope *scope,
                              gint64           deadline)
{
  g_return_if_fail (scope != NULL);
  g_return_if_fail (scope->active);

  if (scope->expired)
    return;
  scope->deadline = deadline < 0 ? G_MAXINT64 : deadline;
  gaio_task_scopes_changed (scope->task);
}

/**
 * gaio_cancel_scope_cancel: (skip)
 * @scope: an active scope
 *
 * Expires @scope now, as if its deadline had passed: Trio's
 * `CancelScope.cancel()`. Call it on the task's owner context, from the
 * task itself or from other code.
 */
void
gaio_cancel_scope_cancel (GaioCancelScope *scope)
{
  g_return_if_fail (scope != NULL);
  g_return_if_fail (scope->active);

  if (scope->expired)
    return;
  scope->expired = TRUE;
  gaio_task_scopes_changed (scope->task);
}

/**
 * gaio_cancel_scope_cancelled_caught: (skip)
 * @scope: a scope that was left
 *
 * Checks whether @scope expired and caught the cancellation when it was
 * left: Trio's `cancelled_caught`, asyncio's `Timeout.expired()`.
 *
 * Returns: %TRUE if @scope ended the block
 */
gboolean
gaio_cancel_scope_cancelled_caught (GaioCancelScope *scope)
{
  g_return_val_if_fail (scope != NULL, FALSE);

  return scope->caught;
}
