/* gaio-sysprof-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sysprof marks (the `sysprof` build option; doc/debugging.md): a span from
 * a begin time to now, in group "Gaio". Marks go to Sysprof when it runs
 * the program, and to the capture file named by GAIO_SYSPROF_CAPTURE. Off,
 * or built without Sysprof, a begin is one load and a test. */

#ifdef HAVE_SYSPROF

extern gboolean gaio_sysprof_active;

void   gaio_sysprof_init (void);
gint64 gaio_sysprof_now  (void);
void   gaio_sysprof_mark (gint64      begin,
                          const char *name,
                          const char *format,
                          ...) G_GNUC_PRINTF (3, 4);

/* The begin time of a span in nanoseconds, or 0 when marks are off. */
static inline gint64
gaio_sysprof_begin (void)
{
  return G_UNLIKELY (gaio_sysprof_active) ? gaio_sysprof_now () : 0;
}

#else

static inline void
gaio_sysprof_init (void)
{
}

static inline gint64
gaio_sysprof_begin (void)
{
  return 0;
}

static inline void G_GNUC_PRINTF (3, 4)
gaio_sysprof_mark (gint64      begin,
                   const char *name,
                   const char *format,
                   ...)
{
}

#endif

G_END_DECLS
