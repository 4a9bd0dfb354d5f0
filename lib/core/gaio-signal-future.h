/* gaio-signal-future.h
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

#define GAIO_TYPE_SIGNAL_FUTURE (gaio_signal_future_get_type ())

GAIO_AVAILABLE_IN_0_2
G_DECLARE_FINAL_TYPE (GaioSignalFuture, gaio_signal_future, GAIO, SIGNAL_FUTURE, GaioFuture)

/**
 * GaioSignalPredicate:
 * @future: the future, whose [method@Gaio.SignalFuture.get_arg] reads the
 *   arguments of the emission being looked at
 * @user_data: the data given with the predicate
 *
 * Decides whether an emission settles a [class@Gaio.SignalFuture].
 *
 * Returns: %TRUE to resolve @future with this emission's arguments
 *
 * Since: 0.2
 */
typedef gboolean (*GaioSignalPredicate) (GaioSignalFuture *future,
                                         gpointer          user_data);

GAIO_AVAILABLE_IN_0_2
GaioSignalFuture *gaio_signal_future_new          (gpointer             object,
                                                   const char          *detailed_signal) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_0_2
GaioSignalFuture *gaio_signal_future_new_full     (gpointer             object,
                                                   const char          *detailed_signal,
                                                   GaioSignalPredicate  predicate,
                                                   gpointer             user_data,
                                                   GDestroyNotify       destroy) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_0_2
GaioSignalFuture *gaio_signal_future_new_for_property (gpointer             object,
                                                   const char          *property_name,
                                                   const GValue        *value) G_GNUC_WARN_UNUSED_RESULT;

GAIO_AVAILABLE_IN_0_2
guint             gaio_signal_future_get_n_args   (GaioSignalFuture    *self);
GAIO_AVAILABLE_IN_0_2
const GValue     *gaio_signal_future_get_arg      (GaioSignalFuture    *self,
                                                   guint                index);

G_END_DECLS
