/* gaio-task-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#include "gaio-task.h"

G_BEGIN_DECLS

/* For the task graph (gaio-task-graph.c), on the owner context: the body of
 * a fiber task or the step function of a coroutine task (NULL for a bare
 * task) and the future it is suspended on (NULL while it runs, before it
 * starts and after it ends). */
gpointer      gaio_task_get_body      (GaioTask *self);
GaioFuture   *gaio_task_get_awaiting  (GaioTask *self);

G_END_DECLS
