/* gaio-error.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#if !defined(GAIO_INSIDE) && !defined(GAIO_COMPILATION)
# error "Only <gaio.h> can be included directly."
#endif

#include <glib.h>

#include "gaio-version-macros.h"

G_BEGIN_DECLS

/**
 * GAIO_ERROR:
 *
 * The error domain for Gaio's own policies.
 *
 * Failures that come from below keep their own domains: `G_IO_ERROR` for I/O,
 * timeouts and cancellation, `G_RESOLVER_ERROR` for host lookups, `G_TLS_ERROR`
 * for certificates. `GAIO_ERROR` is used only where Gaio itself says no.
 */
#define GAIO_ERROR (gaio_error_quark ())

/**
 * GaioError:
 * @GAIO_ERROR_FAILED: a failure with no more specific code
 * @GAIO_ERROR_NOT_IN_TASK: a call that must run inside a task, such as
 *   `gaio_await()`, was made outside one
 * @GAIO_ERROR_NO_STACK: no stack could be had for a new fiber task (memory
 *   or the kernel's limit on mappings ran out)
 * @GAIO_ERROR_UNSUPPORTED_SCHEME: a URL whose scheme is not `http` or `https`
 * @GAIO_ERROR_INVALID_URL: a URL that does not parse or has no host
 * @GAIO_ERROR_BODY_TOO_LARGE: a body grew past the configured maximum size
 * @GAIO_ERROR_TOO_MANY_REDIRECTS: a request was redirected more often than allowed
 * @GAIO_ERROR_UNSAFE_FILENAME: no safe file name could be made
 * @GAIO_ERROR_TRUNCATED: a body ended before its declared length
 * @GAIO_ERROR_BROKEN_BARRIER: a [class@Gaio.Barrier] was reset or aborted
 *   while waited on, or is broken: asyncio's `BrokenBarrierError`
 * @GAIO_ERROR_QUEUE_SHUT_DOWN: a [class@Gaio.Queue] was shut down: asyncio's
 *   `QueueShutDown`
 *
 * Error codes in the `GAIO_ERROR` domain.
 */
typedef enum {
  GAIO_ERROR_FAILED,
  GAIO_ERROR_NOT_IN_TASK,
  GAIO_ERROR_NO_STACK,
  GAIO_ERROR_UNSUPPORTED_SCHEME,
  GAIO_ERROR_INVALID_URL,
  GAIO_ERROR_BODY_TOO_LARGE,
  GAIO_ERROR_TOO_MANY_REDIRECTS,
  GAIO_ERROR_UNSAFE_FILENAME,
  GAIO_ERROR_TRUNCATED,
  GAIO_ERROR_BROKEN_BARRIER,
  GAIO_ERROR_QUEUE_SHUT_DOWN,
} GaioError;

GAIO_AVAILABLE_IN_ALL
GQuark gaio_error_quark (void);

G_END_DECLS
