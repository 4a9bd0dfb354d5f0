/* gaio-stack-pool-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Fiber stacks, carved from slabs of anonymous memory with a guard page
 * below each stack, pooled and reused. A slab holds up to 64 stacks; on
 * kernels with MADV_GUARD_INSTALL (Linux 6.13+) a slab is one kernel
 * mapping, elsewhere mprotect()ed guards split it into two per stack. */
typedef struct _GaioStackSlab GaioStackSlab;
typedef struct _GaioStack GaioStack;

struct _GaioStack
{
  guint8        *base;  /* lowest usable byte, just above the guard page */
  gsize          size;  /* usable bytes; the stack starts at base + size */
  GaioStackSlab *slab;
  GaioStack     *next;  /* free list link while pooled */
};

typedef enum {
  GAIO_STACK_GUARD_UNKNOWN,
  GAIO_STACK_GUARD_MADVISE,
  GAIO_STACK_GUARD_MPROTECT,
} GaioStackGuardMode;

gsize              gaio_stack_round_size      (gsize       size);
GaioStack         *gaio_stack_acquire         (gsize       size,
                                               GError    **error);
void               gaio_stack_release         (GaioStack  *stack);
GaioStackGuardMode gaio_stack_get_guard_mode  (void);

G_END_DECLS
