/* gaio-debug.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include <string.h>

#include "gaio-debug-private.h"
#include "gaio-scheduler.h"

gboolean gaio_debug_tracing;
gint64 gaio_debug_slow_threshold_us;

/* asyncio's debug mode warns about callbacks slower than 100 ms. */
#define DEFAULT_SLOW_THRESHOLD_MS 100

void
gaio_debug_init (void)
{
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      const char *env = g_getenv ("GAIO_DEBUG");

      gaio_debug_tracing = !g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN);

      if (env != NULL && (strstr (env, "slow") != NULL || strstr (env, "all") != NULL))
        gaio_debug_slow_threshold_us = DEFAULT_SLOW_THRESHOLD_MS * 1000;

      g_once_init_leave (&initialized, 1);
    }
}

void
gaio_debug_slow_check (gint64      begin,
                       const char *what,
                       const char *name,
                       gpointer    where)
{
  gint64 elapsed;

  if (begin == 0)
    return;

  elapsed = g_get_monotonic_time () - begin;
  if (elapsed >= gaio_debug_slow_threshold_us)
    g_warning ("Executing %s %s%s%s(%p) took %.3f seconds",
               what,
               name ? "'" : "", name ? name : "", name ? "' " : "",
               where, elapsed / (double) G_USEC_PER_SEC);
}

/**
 * gaio_set_slow_callback_threshold:
 * @milliseconds: the threshold, or 0 to turn the warning off
 *
 * Warns about any callback or task step that holds the main loop longer
 * than @milliseconds, like asyncio's debug mode.
 *
 * Setting `GAIO_DEBUG=slow` in the environment turns it on with asyncio's
 * default of 100 ms. Call this before starting work; it is not meant to be
 * changed while callbacks run on other threads.
 */
void
gaio_set_slow_callback_threshold (guint milliseconds)
{
  gaio_debug_init ();
  gaio_debug_slow_threshold_us = (gint64) milliseconds * 1000;
}

/**
 * gaio_get_slow_callback_threshold:
 *
 * Gets the threshold set with [func@Gaio.set_slow_callback_threshold].
 *
 * Returns: the threshold in milliseconds, 0 when the warning is off
 */
guint
gaio_get_slow_callback_threshold (void)
{
  gaio_debug_init ();
  return (guint) (gaio_debug_slow_threshold_us / 1000);
}
