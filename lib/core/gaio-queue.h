/* gaio-queue.h
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
 * GaioQueueOrder:
 * @GAIO_QUEUE_ORDER_FIFO: first in, first out (`asyncio.Queue`)
 * @GAIO_QUEUE_ORDER_LIFO: last in, first out (`asyncio.LifoQueue`)
 * @GAIO_QUEUE_ORDER_PRIORITY: lowest item first, items that compare equal
 *   in the order they were put (`asyncio.PriorityQueue`)
 *
 * The order in which a [class@Gaio.Queue] hands out its items.
 */
typedef enum {
  GAIO_QUEUE_ORDER_FIFO,
  GAIO_QUEUE_ORDER_LIFO,
  GAIO_QUEUE_ORDER_PRIORITY,
} GaioQueueOrder;

/**
 * GaioQueueCompareFunc:
 * @a: an item
 * @b: another item
 * @user_data: the data given with the function
 *
 * Orders the items of a priority queue.
 *
 * Returns: a negative number when @a goes first, 0 when they are equal,
 *   a positive number when @b goes first
 */
typedef int (*GaioQueueCompareFunc) (const GValue *a,
                                     const GValue *b,
                                     gpointer      user_data);

#define GAIO_TYPE_QUEUE (gaio_queue_get_type ())

GAIO_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (GaioQueue, gaio_queue, GAIO, QUEUE, GObject)

GAIO_AVAILABLE_IN_ALL
GaioQueue  *gaio_queue_new         (guint                maxsize) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
GaioQueue  *gaio_queue_new_lifo    (guint                maxsize) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
GaioQueue  *gaio_queue_new_priority (guint                maxsize,
                                     GaioQueueCompareFunc compare,
                                     gpointer             user_data,
                                     GDestroyNotify       destroy) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
GaioQueueOrder gaio_queue_get_order (GaioQueue          *self);
GAIO_AVAILABLE_IN_ALL
guint       gaio_queue_get_maxsize (GaioQueue           *self);
GAIO_AVAILABLE_IN_ALL
guint       gaio_queue_get_size    (GaioQueue           *self);
GAIO_AVAILABLE_IN_ALL
gboolean    gaio_queue_is_empty    (GaioQueue           *self);
GAIO_AVAILABLE_IN_ALL
gboolean    gaio_queue_is_full     (GaioQueue           *self);
GAIO_AVAILABLE_IN_ALL
GaioFuture *gaio_queue_put         (GaioQueue           *self,
                                    const GValue        *value) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
void        gaio_queue_put_async   (GaioQueue           *self,
                                    const GValue        *value,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
GAIO_AVAILABLE_IN_ALL
gboolean    gaio_queue_put_finish  (GaioQueue           *self,
                                    GAsyncResult        *result,
                                    GError             **error);
GAIO_AVAILABLE_IN_ALL
gboolean    gaio_queue_try_put     (GaioQueue           *self,
                                    const GValue        *value);
GAIO_AVAILABLE_IN_ALL
GaioFuture *gaio_queue_get         (GaioQueue           *self) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
void        gaio_queue_get_async   (GaioQueue           *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
GAIO_AVAILABLE_IN_ALL
GValue     *gaio_queue_get_finish  (GaioQueue           *self,
                                    GAsyncResult        *result,
                                    GError             **error) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
GValue     *gaio_queue_try_get     (GaioQueue           *self) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
void        gaio_queue_shutdown    (GaioQueue           *self,
                                    gboolean             immediate);
GAIO_AVAILABLE_IN_ALL
gboolean    gaio_queue_is_shut_down (GaioQueue          *self);

G_END_DECLS
