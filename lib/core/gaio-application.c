/* gaio-application.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include "gaio-application.h"

/* GApplication integration: work an application started keeps it running,
 * and is cancelled and waited for (within a bound) when it shuts down.
 *
 * The state hangs off the application as qdata, so any GApplication (a
 * GtkApplication, an AdwApplication, a plain GIO service) can use it
 * without subclassing. */

#define DEFAULT_SHUTDOWN_TIMEOUT_MS 5000

typedef struct
{
  GApplication *application;   /* unowned: the watch lives in its qdata */
  GPtrArray    *held;          /* GaioFuture, owned */
  guint         timeout_ms;
  gulong        shutdown_id;
} Watch;

typedef struct
{
  Watch        *watch;
  GApplication *application;   /* owned while the future holds it */
} Hold;

static GQuark
watch_quark (void)
{
  return g_quark_from_static_string ("gaio-application-watch");
}

static void
watch_free (gpointer data)
{
  Watch *watch = data;

  g_ptr_array_unref (watch->held);
  g_free (watch);
}

static gboolean
deadline_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs after the main loop of g_application_run() returned: iterate the
 * context ourselves until the cancelled work wound down. */
static void
shutdown_cb (GApplication *application,
             gpointer      data)
{
  Watch *watch = data;
  g_autoptr(GPtrArray) pending = g_ptr_array_copy (watch->held, (GCopyFunc) g_object_ref, NULL);
  gboolean expired = FALSE;
  guint deadline_id;

  g_ptr_array_set_free_func (pending, g_object_unref);
  if (pending->len == 0)
    return;

  for (guint i = 0; i < pending->len; i++)
    gaio_future_cancel (g_ptr_array_index (pending, i));

  deadline_id = g_timeout_add (watch->timeout_ms, deadline_cb, &expired);
  while (watch->held->len > 0 && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (!expired)
    g_source_remove (deadline_id);
  else
    g_warning ("%u futures held by the application were still running %u ms after "
               "they were cancelled at shutdown", watch->held->len, watch->timeout_ms);
}

static Watch *
ensure_watch (GApplication *application)
{
  Watch *watch = g_object_get_qdata (G_OBJECT (application), watch_quark ());

  if (watch != NULL)
    return watch;

  watch = g_new0 (Watch, 1);
  watch->application = application;
  watch->held = g_ptr_array_new_with_free_func (g_object_unref);
  watch->timeout_ms = DEFAULT_SHUTDOWN_TIMEOUT_MS;
  /* Connected after the application's own handlers: they may still start
   * or cancel work of their own. */
  watch->shutdown_id = g_signal_connect_after (application, "shutdown",
                                               G_CALLBACK (shutdown_cb), watch);
  g_object_set_qdata_full (G_OBJECT (application), watch_quark (), watch, watch_free);
  return watch;
}

/**
 * gaio_application_watch:
 * @application: an application
 * @timeout_ms: how long to wait at shutdown for cancelled work to finish
 *
 * Sets how long @application's `shutdown` waits for the futures held with
 * [func@Gaio.application_hold_future] once it cancelled them (5 seconds
 * unless set). Futures still pending then are left behind with a warning.
 * Call on the application's main thread.
 *
 * Since: 0.2
 */
void
gaio_application_watch (GApplication *application,
                        guint         timeout_ms)
{
  g_return_if_fail (G_IS_APPLICATION (application));

  ensure_watch (application)->timeout_ms = timeout_ms;
}

static void
hold_done_cb (GaioFuture *future,
              gpointer    data)
{
  Hold *hold = data;

  g_ptr_array_remove_fast (hold->watch->held, future);
  g_application_release (hold->application);
}

static void
hold_free (gpointer data)
{
  Hold *hold = data;

  g_object_unref (hold->application);
  g_free (hold);
}

/**
 * gaio_application_hold_future:
 * @application: an application
 * @future: a future the application's work depends on
 *
 * Keeps @application running while @future is pending, as
 * g_application_hold() and g_application_release() would, and cancels
 * @future when @application shuts down, waiting for it to settle within
 * the bound set by [func@Gaio.application_watch].
 *
 * This is how work started from `activate`, `open` or an action handler
 * outlives the handler without the application quitting under it: the
 * application quits once its windows are closed and every held future
 * settled. Call on the application's main thread; @future must belong to
 * its main context.
 *
 * Since: 0.2
 */
void
gaio_application_hold_future (GApplication *application,
                              GaioFuture   *future)
{
  Watch *watch;
  Hold *hold;

  g_return_if_fail (G_IS_APPLICATION (application));
  g_return_if_fail (GAIO_IS_FUTURE (future));

  if (gaio_future_is_done (future))
    return;

  watch = ensure_watch (application);
  g_ptr_array_add (watch->held, g_object_ref (future));
  g_application_hold (application);

  hold = g_new (Hold, 1);
  hold->watch = watch;
  hold->application = g_object_ref (application);
  gaio_future_add_done_callback (future, hold_done_cb, hold, hold_free);
}

/**
 * gaio_application_get_n_held:
 * @application: an application
 *
 * Counts the futures [func@Gaio.application_hold_future] holds @application
 * for that are still pending, as seen on the main context.
 *
 * Returns: the number of held futures
 *
 * Since: 0.2
 */
guint
gaio_application_get_n_held (GApplication *application)
{
  Watch *watch;

  g_return_val_if_fail (G_IS_APPLICATION (application), 0);

  watch = g_object_get_qdata (G_OBJECT (application), watch_quark ());
  return watch != NULL ? watch->held->len : 0;
}
