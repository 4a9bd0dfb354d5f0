/* gaio-time.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include "gaio-future-private.h"
#include "gaio-scheduler-private.h"
#include "gaio-time.h"

static void
sleep_done (gpointer data)
{
  GaioFuture *future = data;

  /* A cancelled sleep settled already; its timer simply lapses. */
  gaio_future_settle (future, GAIO_FUTURE_STATE_RESOLVED, NULL, NULL, TRUE);
  g_object_unref (future);
}

/**
 * gaio_sleep:
 * @milliseconds: how long to sleep
 *
 * Creates a future that resolves, with no value, after @milliseconds, like
 * `asyncio.sleep()`. Sleeping costs no thread and no GSource of its own:
 * every sleep on a context shares one timer heap.
 *
 * Cancelling the future settles it at once.
 *
 * Returns: (transfer full): a new future
 */
GaioFuture *
gaio_sleep (guint milliseconds)
{
  GaioFuture *future = gaio_future_with_kind (gaio_future_new (), GAIO_FUTURE_KIND_SLEEP);

  gaio_scheduler_add_timer (gaio_future_get_scheduler (future),
                            gaio_scheduler_deadline_after (milliseconds),
                            sleep_done, g_object_ref (future));
  return future;
}

typedef struct
{
  GaioFuture *self;
  GaioFuture *source;
  guint       milliseconds;
} Deadline;

static void
timeout_expired (gpointer data)
{
  Deadline *deadline = data;
  GaioFuture *self = deadline->self;
  GaioFuture *source = deadline->source;

  /* A source that settled in the same instant keeps its outcome: a permit
   * or an item it was granted would otherwise be lost with it. */
  if (gaio_future_is_done (source))
    gaio_future_settle_from (self, source);
  else if (gaio_future_settle (self, GAIO_FUTURE_STATE_REJECTED, NULL,
                               g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                                            "Timed out after %u ms", deadline->milliseconds),
                               TRUE))
    gaio_future_cancel (source);

  g_object_unref (self);
  g_object_unref (source);
  g_free (deadline);
}

/* Cancelling the timeout's future cancels its source. A source that had
 * already resolved (granted a permit, say) wins instead: its outcome is
 * delivered and the cancel reports FALSE, so no grant is dropped. */
static gboolean
timeout_cancel_hook (GaioFuture *self,
                     gpointer    source)
{
  if (gaio_future_cancel (source) || !gaio_future_is_done (source))
    return gaio_future_settle_cancelled (self);

  gaio_future_settle_from (self, source);
  return FALSE;
}

/**
 * gaio_timeout:
 * @future: the future to wait for
 * @milliseconds: the deadline, from now
 *
 * Waits for @future for at most @milliseconds, like `asyncio.wait_for()`.
 *
 * The returned future settles as @future does if that happens in time.
 * Otherwise it is rejected with `G_IO_ERROR_TIMED_OUT` and @future is
 * cancelled, so the work under it stops. Cancelling the returned future
 * cancels @future too.
 *
 * Returns: (transfer full): a new future
 */
GaioFuture *
gaio_timeout (GaioFuture *future,
              guint       milliseconds)
{
  GaioFuture *self;
  Deadline *deadline;

  g_return_val_if_fail (GAIO_IS_FUTURE (future), NULL);

  self = gaio_future_with_kind (gaio_future_new (), GAIO_FUTURE_KIND_TIMEOUT);
  gaio_future_set_cancel_hook (self, timeout_cancel_hook, g_object_ref (future), g_object_unref);
  deadline = g_new (Deadline, 1);
  deadline->self = g_object_ref (self);
  deadline->source = g_object_ref (future);
  deadline->milliseconds = milliseconds;
  gaio_future_follow (self, future);
  gaio_scheduler_add_timer (gaio_future_get_scheduler (self),
                            gaio_scheduler_deadline_after (milliseconds),
                            timeout_expired, deadline);
  return self;
}
