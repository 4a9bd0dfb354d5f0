/* gaio-debug.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include <dlfcn.h>
#include <string.h>

#include "gaio-debug-private.h"
#include "gaio-scheduler.h"
#include "gaio-sysprof-private.h"

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
      gaio_sysprof_init ();

      g_once_init_leave (&initialized, 1);
    }
}

/* Which language runtime loaded the library, found by a symbol its program
 * exports: the typelib alone cannot tell Python or GJS that Gaio needs an
 * override for `await`. */
static const char *
running_language (void)
{
  if (dlsym (RTLD_DEFAULT, "Py_IsInitialized") != NULL)
    return "python";
  if (dlsym (RTLD_DEFAULT, "gjs_context_get_current") != NULL)
    return "gjs";
  return NULL;
}

/* Called once, when GaioFuture's type is registered: before then, a language
 * override that loaded has interned its quark ("gaio-python-override" or
 * "gaio-gjs-override") as its first step. Without the override, Python's
 * Gaio.run(main()) fails with "Expected Gaio.Future, but got coroutine" and
 * GJS's `await Gaio.sleep (200)` returns at once; say why instead. */
void
gaio_debug_check_override (void)
{
  const char *language = running_language ();
  g_autofree char *quark = NULL;

  if (language == NULL)
    return;

  quark = g_strdup_printf ("gaio-%s-override", language);
  if (g_quark_try_string (quark) != 0)
    return;

  if (g_str_equal (language, "python"))
    g_warning ("Gaio is loaded from Python without its override "
               "(gi/overrides/Gaio.py), so futures cannot be awaited and "
               "Gaio.run() does not take a coroutine. Install python3-gaio, or "
               "add the folder that holds gi/overrides/Gaio.py (PREFIX/lib/python3/"
               "dist-packages or PREFIX/lib/python3.X/site-packages) to PYTHONPATH.");
  else
    g_warning ("Gaio is loaded from GJS without its override "
               "(overrides/Gaio.js), so `await` on a Gaio future returns at once. "
               "Install gir1.2-gaio-1.0, or add PREFIX/share/gjs-1.0 "
               "(the folder that holds overrides/Gaio.js) to GJS_PATH.");
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
  if (elapsed < gaio_debug_slow_threshold_us)
    return;
  /* Both clocks are CLOCK_MONOTONIC; Sysprof counts nanoseconds. */
  if (gaio_sysprof_begin () != 0)
    gaio_sysprof_mark (begin * 1000, "slow callback", "%s %s%s%s(%p)",
                       what, name ? "'" : "", name ? name : "", name ? "' " : "", where);
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
