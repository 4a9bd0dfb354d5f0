/* test-gather-utils.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 *
 * Futures that settle after a delay, for the gatherer, task group and sync
 * primitive tests.
 */

#pragma once

#include "test-utils.h"

typedef struct
{
  GaioFuture *target;
  int         value;
  int         code;      /* < 0: resolve with value; else reject with G_IO_ERROR code */
} Delayed;

static void
delayed_free (gpointer data)
{
  Delayed *delayed = data;

  g_object_unref (delayed->target);
  g_free (delayed);
}

static void
delayed_cb (GaioFuture *sleep,
            gpointer    data)
{
  Delayed *delayed = data;

  /* The target may have been cancelled in the meantime. */
  if (gaio_future_is_done (delayed->target))
    return;
  if (delayed->code < 0)
    gaio_future_resolve_int (delayed->target, delayed->value);
  else
    gaio_future_reject_printf (delayed->target, G_IO_ERROR, delayed->code,
                               "failure %d", delayed->value);
}

static GaioFuture *
delayed_new (guint ms,
             int   value,
             int   code)
{
  GaioFuture *target = gaio_future_new ();
  g_autoptr(GaioFuture) sleep = gaio_sleep (ms);
  Delayed *delayed = g_new0 (Delayed, 1);

  delayed->target = g_object_ref (target);
  delayed->value = value;
  delayed->code = code;
  gaio_future_add_done_callback (sleep, delayed_cb, delayed, delayed_free);
  return target;
}

/* Resolves with @value after @ms. */
static inline GaioFuture *
delayed_int (guint ms,
             int   value)
{
  return delayed_new (ms, value, -1);
}

/* Rejects with G_IO_ERROR @code and the message "failure @value" after @ms. */
static inline GaioFuture *
delayed_error (guint ms,
               int   code,
               int   value)
{
  return delayed_new (ms, value, code);
}
