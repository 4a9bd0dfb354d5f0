/* gaio-gatherer.h
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
 * GaioGatherMode:
 * @GAIO_GATHER_MODE_ALL: `asyncio.gather()`: resolves once every future
 *   resolved, with the results in input order; the first error rejects the
 *   gatherer (unless [property@Gaio.Gatherer:return-errors] is set); as in
 *   asyncio, the other futures are not cancelled and keep running
 * @GAIO_GATHER_MODE_ALL_SETTLED: resolves once every future settled, however
 *   it settled (`Promise.allSettled()`); each slot holds a value or an error
 * @GAIO_GATHER_MODE_ANY: resolves with the first future that resolves
 *   (`Promise.any()`) and cancels the others; rejects only when every future
 *   failed, with every error kept per index
 * @GAIO_GATHER_MODE_RACE: settles as the first future to settle does
 *   (`Promise.race()`) and cancels the others
 *
 * How a [class@Gaio.Gatherer] made by [ctor@Gaio.Gatherer.new] decides.
 */
typedef enum {
  GAIO_GATHER_MODE_ALL,
  GAIO_GATHER_MODE_ALL_SETTLED,
  GAIO_GATHER_MODE_ANY,
  GAIO_GATHER_MODE_RACE,
} GaioGatherMode;

/**
 * GaioWaitMode:
 * @GAIO_WAIT_MODE_FIRST_COMPLETED: `asyncio.FIRST_COMPLETED`: resolves as
 *   soon as any future settles
 * @GAIO_WAIT_MODE_FIRST_ERROR: `asyncio.FIRST_EXCEPTION`: resolves as soon
 *   as any future fails (rejected or cancelled), or once all settled
 * @GAIO_WAIT_MODE_ALL_COMPLETED: `asyncio.ALL_COMPLETED`: resolves once
 *   every future settled
 *
 * When a [class@Gaio.Gatherer] made by [ctor@Gaio.Gatherer.new_wait]
 * resolves. Such a gatherer never rejects (short of being cancelled) and
 * never cancels its futures by itself, as with `asyncio.wait()`.
 */
typedef enum {
  GAIO_WAIT_MODE_FIRST_COMPLETED,
  GAIO_WAIT_MODE_FIRST_ERROR,
  GAIO_WAIT_MODE_ALL_COMPLETED,
} GaioWaitMode;

#define GAIO_TYPE_GATHERER (gaio_gatherer_get_type ())

GAIO_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (GaioGatherer, gaio_gatherer, GAIO, GATHERER, GaioFuture)

GAIO_AVAILABLE_IN_ALL
GaioGatherer *gaio_gatherer_new                    (GaioGatherMode       mode,
                                                    GaioFuture          *first_future,
                                                    ...) G_GNUC_NULL_TERMINATED G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
GaioGatherer *gaio_gatherer_newv                   (GaioGatherMode       mode,
                                                    GaioFuture * const  *futures,
                                                    guint                n_futures) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
GaioGatherer *gaio_gatherer_new_wait               (GaioWaitMode         mode,
                                                    int                  timeout_ms,
                                                    GaioFuture          *first_future,
                                                    ...) G_GNUC_NULL_TERMINATED G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
GaioGatherer *gaio_gatherer_new_waitv              (GaioWaitMode         mode,
                                                    int                  timeout_ms,
                                                    GaioFuture * const  *futures,
                                                    guint                n_futures) G_GNUC_WARN_UNUSED_RESULT;

GAIO_AVAILABLE_IN_ALL
GaioGatherMode gaio_gatherer_get_mode              (GaioGatherer        *self);
GAIO_AVAILABLE_IN_ALL
gboolean      gaio_gatherer_is_wait                (GaioGatherer        *self);
GAIO_AVAILABLE_IN_ALL
gboolean      gaio_gatherer_get_return_errors      (GaioGatherer        *self);
GAIO_AVAILABLE_IN_ALL
void          gaio_gatherer_set_return_errors      (GaioGatherer        *self,
                                                    gboolean             return_errors);

GAIO_AVAILABLE_IN_ALL
guint         gaio_gatherer_get_n_futures          (GaioGatherer        *self);
GAIO_AVAILABLE_IN_ALL
GaioFuture   *gaio_gatherer_get_future             (GaioGatherer        *self,
                                                    guint                index);
GAIO_AVAILABLE_IN_ALL
guint         gaio_gatherer_get_n_done             (GaioGatherer        *self);
GAIO_AVAILABLE_IN_ALL
guint         gaio_gatherer_get_n_failed           (GaioGatherer        *self);
GAIO_AVAILABLE_IN_0_2
guint         gaio_gatherer_get_n_succeeded        (GaioGatherer        *self);
GAIO_AVAILABLE_IN_0_2
guint         gaio_gatherer_get_n_cancelled        (GaioGatherer        *self);
GAIO_AVAILABLE_IN_0_2
double        gaio_gatherer_get_fraction           (GaioGatherer        *self);
GAIO_AVAILABLE_IN_ALL
int           gaio_gatherer_get_winner             (GaioGatherer        *self);

GAIO_AVAILABLE_IN_ALL
GValue       *gaio_gatherer_get_values             (GaioGatherer        *self,
                                                    guint               *n_values) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
const GValue *gaio_gatherer_get_value_at           (GaioGatherer        *self,
                                                    guint                index);
GAIO_AVAILABLE_IN_ALL
const GError *gaio_gatherer_get_error_at           (GaioGatherer        *self,
                                                    guint                index);

GAIO_AVAILABLE_IN_ALL
GPtrArray    *gaio_gatherer_get_done               (GaioGatherer        *self) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
GPtrArray    *gaio_gatherer_get_pending            (GaioGatherer        *self) G_GNUC_WARN_UNUSED_RESULT;

GAIO_AVAILABLE_IN_ALL
GaioFuture   *gaio_gatherer_next_completed         (GaioGatherer        *self) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
void          gaio_gatherer_next_completed_async   (GaioGatherer        *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GAIO_AVAILABLE_IN_ALL
GaioFuture   *gaio_gatherer_next_completed_finish  (GaioGatherer        *self,
                                                    GAsyncResult        *result,
                                                    GError             **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
