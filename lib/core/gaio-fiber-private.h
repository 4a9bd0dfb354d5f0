/* gaio-fiber-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A fiber: a function running on its own stack, switched to and from
 * explicitly on one thread. Resuming a fiber runs it until it yields or
 * returns; yielding goes back to whoever resumed it, which may be the
 * thread's own stack or another fiber (fibers nest). x86-64 switches with a
 * few instructions of assembly; other machines, and x86-64 with
 * GAIO_FIBER_BACKEND=ucontext, use swapcontext(). */
typedef struct _GaioFiber GaioFiber;

typedef void (*GaioFiberFunc) (gpointer data);

typedef enum {
  GAIO_FIBER_BACKEND_ASM,
  GAIO_FIBER_BACKEND_UCONTEXT,
} GaioFiberBackend;

GaioFiber        *gaio_fiber_new          (gsize           stack_size,
                                           GaioFiberFunc   func,
                                           gpointer        data,
                                           GDestroyNotify  destroy,
                                           GError        **error);
void              gaio_fiber_free         (GaioFiber     *fiber);
void              gaio_fiber_resume       (GaioFiber     *fiber);
void              gaio_fiber_yield        (void);
gboolean          gaio_fiber_is_finished  (GaioFiber     *fiber);
GaioFiber        *gaio_fiber_get_current  (void);
GaioFiberBackend  gaio_fiber_get_backend  (void);

G_END_DECLS
