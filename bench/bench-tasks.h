/* bench-tasks.h: spawning and counting fiber tasks (W2f, W6)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#include <gaio.h>

G_BEGIN_DECLS

/* Spawns @n fiber tasks running @body, then iterates the default main
 * context until every task settled. Returns how many were rejected (the
 * first error is printed, prefixed with @program). */
int bench_spawn_and_wait (const char   *program,
                          int           n,
                          GaioTaskFunc  body);

G_END_DECLS
