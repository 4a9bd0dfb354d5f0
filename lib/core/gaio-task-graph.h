/* gaio-task-graph.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#if !defined(GAIO_INSIDE) && !defined(GAIO_COMPILATION)
# error "Only <gaio.h> can be included directly."
#endif

#include "gaio-task.h"

G_BEGIN_DECLS

GAIO_AVAILABLE_IN_0_2
char  *gaio_task_dump_graph          (void) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_0_2
void   gaio_task_print_graph         (void);
GAIO_AVAILABLE_IN_0_2
guint  gaio_task_install_dump_signal (int                 signum);
GAIO_AVAILABLE_IN_0_2
void   gaio_task_set_await_chain     (GaioTask           *self,
                                      const char * const *frames,
                                      GaioFuture        **awaiting,
                                      guint               n_awaiting);

G_END_DECLS
