/* gaio-executor.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#if !defined(GAIO_INSIDE) && !defined(GAIO_COMPILATION)
# error "Only <gaio.h> can be included directly."
#endif

#include "gaio-future.h"

G_BEGIN_DECLS

/**
 * GaioThreadFunc:
 * @future: the job's own future, to resolve or reject from the worker
 *   thread; the future [func@Gaio.run_in_thread] returned follows it
 * @cancellable: cancelled when the returned future is cancelled; check it
 *   in long loops
 * @user_data: the data given to [func@Gaio.run_in_thread]
 *
 * A blocking function run on Gaio's thread pool. It settles @future, or
 * returns and lets Gaio resolve it with no value. Settling @future after
 * the returned future was cancelled is harmless: the outcome is dropped.
 */
typedef void (*GaioThreadFunc) (GaioFuture   *future,
                                GCancellable *cancellable,
                                gpointer      user_data);

GAIO_AVAILABLE_IN_ALL
GaioFuture *gaio_run_in_thread   (GaioThreadFunc  func,
                                  gpointer        user_data,
                                  GDestroyNotify  destroy) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
void        gaio_set_max_threads (guint           max_threads);
GAIO_AVAILABLE_IN_ALL
guint       gaio_get_max_threads (void);

G_END_DECLS
