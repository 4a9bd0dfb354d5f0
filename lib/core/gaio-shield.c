/* gaio-shield.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include "gaio-future-private.h"
#include "gaio-shield.h"

/**
 * gaio_shield:
 * @future: the future to protect from cancellation
 *
 * Protects @future from cancellation, like `asyncio.shield()`: the returned
 * future settles as @future does, but cancelling it (directly, or by
 * cancelling the task that awaits it) cancels only the returned future and
 * leaves @future running. Cancelling @future itself still cancels both.
 *
 * ```c
 * g_autoptr(GaioFuture) save = gaio_file_replace_contents (...);
 * g_autoptr(GaioFuture) shielded = gaio_shield (save);
 *
 * // A cancelled task stops waiting here; the save still completes.
 * gaio_await (shielded, &error);
 * ```
 *
 * Returns: (transfer full): a new future that follows @future
 */
GaioFuture *
gaio_shield (GaioFuture *future)
{
  GaioFuture *self;

  g_return_val_if_fail (GAIO_IS_FUTURE (future), NULL);

  /* A plain future with no cancel hook: cancelling it settles it alone. */
  self = gaio_future_with_kind (gaio_future_new (), GAIO_FUTURE_KIND_SHIELD);
  gaio_future_follow (self, future);
  return self;
}
