/* gaio-work-future-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#include "gaio-future.h"

G_BEGIN_DECLS

/* A future computed by work that reports back (a job on a worker thread, a
 * GIO operation). Cancelling it only cancels its GCancellable: the future
 * settles when the work reports, so its outcome is the truth. A cancelled
 * write, for one, is cancelled only if the file was really left alone. */
#define GAIO_TYPE_WORK_FUTURE (gaio_work_future_get_type ())

G_DECLARE_FINAL_TYPE (GaioWorkFuture, gaio_work_future, GAIO, WORK_FUTURE, GaioFuture)

GaioFuture *gaio_work_future_new (void);

G_END_DECLS
