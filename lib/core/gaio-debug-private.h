/* gaio-debug-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Read once from G_MESSAGES_DEBUG and GAIO_DEBUG; checked on hot paths as a
 * plain load so that tracing costs nothing when it is off. */
extern gboolean gaio_debug_tracing;
extern gint64 gaio_debug_slow_threshold_us;

void gaio_debug_init (void);
void gaio_debug_check_override (void);

#define GAIO_TRACE(...) \
  G_STMT_START { \
    if (G_UNLIKELY (gaio_debug_tracing)) \
      g_debug (__VA_ARGS__); \
  } G_STMT_END

/* Brackets user code; warns when it held the loop longer than the
 * threshold set with gaio_set_slow_callback_threshold(). */
static inline gint64
gaio_debug_slow_begin (void)
{
  return G_UNLIKELY (gaio_debug_slow_threshold_us > 0) ? g_get_monotonic_time () : 0;
}

void gaio_debug_slow_check (gint64      begin,
                            const char *what,
                            const char *name,
                            gpointer    where);

G_END_DECLS
