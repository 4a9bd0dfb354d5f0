/* gaio-task-group.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#if !defined(GAIO_INSIDE) && !defined(GAIO_COMPILATION)
# error "Only <gaio.h> can be included directly."
#endif

#include "gaio-future.h"
#include "gaio-task.h"

G_BEGIN_DECLS

#define GAIO_TYPE_TASK_GROUP (gaio_task_group_get_type ())

GAIO_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (GaioTaskGroup, gaio_task_group, GAIO, TASK_GROUP, GaioFuture)

GAIO_AVAILABLE_IN_ALL
GaioTaskGroup *gaio_task_group_new            (void) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
void           gaio_task_group_add            (GaioTaskGroup *self,
                                               GaioFuture    *future);
GAIO_AVAILABLE_IN_ALL
GaioTask      *gaio_task_group_spawn          (GaioTaskGroup *self,
                                               const char    *name,
                                               GaioTaskFunc   func,
                                               gpointer       user_data,
                                               GDestroyNotify destroy);
GAIO_AVAILABLE_IN_ALL
void           gaio_task_group_close          (GaioTaskGroup *self);
GAIO_AVAILABLE_IN_ALL
void           gaio_task_group_stop           (GaioTaskGroup *self);
GAIO_AVAILABLE_IN_ALL
gboolean       gaio_task_group_is_closed      (GaioTaskGroup *self);
GAIO_AVAILABLE_IN_ALL
gboolean       gaio_task_group_is_aborting    (GaioTaskGroup *self);
GAIO_AVAILABLE_IN_ALL
guint          gaio_task_group_get_n_children (GaioTaskGroup *self);
GAIO_AVAILABLE_IN_ALL
guint          gaio_task_group_get_n_pending  (GaioTaskGroup *self);
GAIO_AVAILABLE_IN_ALL
GaioFuture    *gaio_task_group_get_child      (GaioTaskGroup *self,
                                               guint          index);
GAIO_AVAILABLE_IN_ALL
guint          gaio_task_group_get_n_errors   (GaioTaskGroup *self);
GAIO_AVAILABLE_IN_ALL
const GError  *gaio_task_group_get_nth_error  (GaioTaskGroup *self,
                                               guint          index);
GAIO_AVAILABLE_IN_ALL
GPtrArray     *gaio_task_group_get_errors     (GaioTaskGroup *self) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
