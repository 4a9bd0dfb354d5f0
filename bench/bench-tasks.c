/* bench-tasks.c: spawning and counting fiber and coroutine tasks (W2f, W6)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "bench-tasks.h"

#include "bench-common.h"

typedef struct
{
  const char *program;
  int         remaining;
  int         failed;
} Spawned;

static void
task_done_cb (GaioFuture *future,
              gpointer    user_data)
{
  Spawned *spawned = user_data;
  g_autoptr(GError) error = NULL;

  if (!gaio_future_propagate (future, &error))
    {
      if (spawned->failed++ == 0)
        g_printerr ("%s: %s\n", spawned->program, error->message);
    }
  spawned->remaining--;
}

/* Counts @task (transfer full) until it settles. */
static void
watch (Spawned  *spawned,
       GaioTask *task)
{
  gaio_future_add_done_callback (GAIO_FUTURE (task), task_done_cb, spawned, NULL);
  g_object_unref (task);
}

int
bench_spawn_and_wait (const char   *program,
                      int           n,
                      GaioTaskFunc  body)
{
  Spawned spawned = { program, n, 0 };

  for (int i = 0; i < n; i++)
    watch (&spawned, gaio_task_spawn (NULL, body, NULL, NULL));
  bench_loop_until_zero (&spawned.remaining);
  return spawned.failed;
}

int
bench_spawn_co_and_wait (const char     *program,
                         int             n,
                         GaioCoFunc      step,
                         gsize           state_size,
                         GDestroyNotify  free_state)
{
  Spawned spawned = { program, n, 0 };

  for (int i = 0; i < n; i++)
    watch (&spawned, gaio_task_spawn_co (NULL, GAIO_TASK_FLAGS_NONE, step,
                                         g_malloc0 (state_size), free_state));
  bench_loop_until_zero (&spawned.remaining);
  return spawned.failed;
}
