/* bench-tasks.h: spawning and counting fiber and coroutine tasks (W2f, W6)
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

/* The same with @n coroutine tasks running @step, each on a zeroed state
 * of @state_size bytes (a GaioCo first) that @free_state frees. */
int bench_spawn_co_and_wait (const char     *program,
                             int             n,
                             GaioCoFunc      step,
                             gsize           state_size,
                             GDestroyNotify  free_state);

G_END_DECLS
