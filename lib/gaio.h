/* gaio.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define GAIO_INSIDE
# include "gaio-version.h"
# include "gaio-version-macros.h"
# include "gaio-enums.h"
# include "gaio-error.h"
# include "gaio-future.h"
# include "gaio-scheduler.h"
# include "gaio-run.h"
# include "gaio-time.h"
# include "gaio-task.h"
# include "gaio-task-graph.h"
# include "gaio-cancel-scope.h"
# include "gaio-executor.h"
# include "gaio-gatherer.h"
# include "gaio-task-group.h"
# include "gaio-semaphore.h"
# include "gaio-signal-future.h"
# include "gaio-lock.h"
# include "gaio-event.h"
# include "gaio-queue.h"
# include "gaio-condition.h"
# include "gaio-barrier.h"
# include "gaio-shield.h"
# include "gaio-application.h"
# include "gaio-file.h"
# include "gaio-file-handle.h"
# include "gaio-filename.h"
# include "gaio-http-error.h"
# include "gaio-http-metrics.h"
# include "gaio-http-request-options.h"
# include "gaio-http-response.h"
# include "gaio-http-url.h"
# include "gaio-http-client.h"
# include "gaio-websocket-message.h"
# include "gaio-websocket.h"
#undef GAIO_INSIDE

G_END_DECLS
