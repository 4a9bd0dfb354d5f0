/* gaio-cancel-scope.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#if !defined(GAIO_INSIDE) && !defined(GAIO_COMPILATION)
# error "Only <gaio.h> can be included directly."
#endif

#include <glib.h>

#include "gaio-version-macros.h"

G_BEGIN_DECLS

/**
 * GaioCancelScopeFlags:
 * @GAIO_CANCEL_SCOPE_NONE: when the scope expires, its awaits return
 *   `G_IO_ERROR_CANCELLED` and leaving it is a quiet exit (Trio's
 *   `move_on_after`)
 * @GAIO_CANCEL_SCOPE_FAIL: when the scope expires, its awaits return
 *   `G_IO_ERROR_TIMED_OUT` and leaving it reports that error (Trio's
 *   `fail_after`, asyncio's `timeout()`)
 *
 * How a `GaioCancelScope` ends when its deadline passes.
 */
typedef enum {
  GAIO_CANCEL_SCOPE_NONE = 0,
  GAIO_CANCEL_SCOPE_FAIL = 1 << 0,
} GaioCancelScopeFlags;

typedef struct _GaioCancelScope GaioCancelScope;

GAIO_AVAILABLE_IN_ALL
GaioCancelScope *gaio_cancel_scope_enter           (gint64                deadline,
                                                    GaioCancelScopeFlags  flags);
GAIO_AVAILABLE_IN_ALL
GaioCancelScope *gaio_move_on_after                (guint                 milliseconds);
GAIO_AVAILABLE_IN_ALL
GaioCancelScope *gaio_fail_after                   (guint                 milliseconds);
GAIO_AVAILABLE_IN_ALL
gboolean         gaio_cancel_scope_leave           (GaioCancelScope      *scope,
                                                    GError              **error);
GAIO_AVAILABLE_IN_ALL
void             gaio_cancel_scope_free            (GaioCancelScope      *scope);
GAIO_AVAILABLE_IN_ALL
gint64           gaio_cancel_scope_get_deadline    (GaioCancelScope      *scope);
GAIO_AVAILABLE_IN_ALL
void             gaio_cancel_scope_reschedule      (GaioCancelScope      *scope,
                                                    gint64                deadline);
GAIO_AVAILABLE_IN_ALL
void             gaio_cancel_scope_cancel          (GaioCancelScope      *scope);
GAIO_AVAILABLE_IN_ALL
gboolean         gaio_cancel_scope_cancelled_caught (GaioCancelScope     *scope);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GaioCancelScope, gaio_cancel_scope_free)

G_END_DECLS
