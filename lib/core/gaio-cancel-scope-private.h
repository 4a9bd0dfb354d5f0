/* gaio-cancel-scope-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#include "gaio-cancel-scope.h"
#include "gaio-task.h"

G_BEGIN_DECLS

struct _GaioCancelScope
{
  GaioCancelScope *outer;      /* the enclosing scope of the same task */
  GaioTask        *task;       /* not a reference: the task outlives its body */
  gint64           deadline;   /* monotonic microseconds; G_MAXINT64: none */
  gint64           entered;
  guint8           fail;
  guint8           expired;    /* the deadline passed or cancel() was called */
  guint8           active;     /* entered and not left yet */
  guint8           caught;
};

/* The outermost scope from @innermost outwards that has expired, marking
 * scopes whose deadline passed by @now; NULL if none. The outermost one
 * catches the cancellation, as in Trio. */
GaioCancelScope *gaio_cancel_scope_find_expired  (GaioCancelScope *innermost,
                                                  gint64           now);
/* The earliest deadline from @innermost outwards. */
gint64           gaio_cancel_scope_next_deadline (GaioCancelScope *innermost);
/* The error an await inside the expired @scope returns. */
void             gaio_cancel_scope_set_error     (GaioCancelScope *scope,
                                                  GError         **error);

/* In gaio-task.c: the task's innermost scope, and a wake-up of its
 * suspended await when a scope's deadline moved or it was cancelled. */
GaioCancelScope **gaio_task_get_scopes           (GaioTask        *task);
void              gaio_task_scopes_changed       (GaioTask        *task);

G_END_DECLS
