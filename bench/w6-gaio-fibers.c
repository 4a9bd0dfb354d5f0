/* w6-gaio-fibers.c: W6 on Gaio with fiber tasks. n tasks, each awaiting a
 * GaioSemaphore of 100, then a 1 ms sleep, then releasing: the shape of the
 * asyncio anchor. The wall time is bound by the sleeps; compare
 * cpu_per_op_ns. With --coroutines the tasks are stackless coroutines
 * (gaio_task_spawn_co()) instead: impl "gaio-co".
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <gaio.h>

#include "bench-common.h"
#include "bench-tasks.h"

#define SLEEP_MS 1

static GaioSemaphore *semaphore;
static gboolean coroutines;
static int failed;
static int inside;
static int max_inside;

static void
body (GaioTask *task,
      gpointer  user_data)
{
  g_autoptr(GaioFuture) acquire = gaio_semaphore_acquire (semaphore);
  g_autoptr(GaioFuture) sleep = NULL;
  g_autoptr(GError) error = NULL;

  if (gaio_await (acquire, &error) == NULL)
    {
      g_printerr ("w6-gaio-fibers: %s\n", error->message);
      return;
    }
  inside++;
  max_inside = MAX (max_inside, inside);
  sleep = gaio_sleep (SLEEP_MS);
  if (gaio_await (sleep, &error) == NULL)
    g_printerr ("w6-gaio-fibers: %s\n", error->message);
  inside--;
  gaio_semaphore_release (semaphore);
}

/* The same body as a coroutine: its futures live in its state. */
typedef struct
{
  GaioCo      co;
  GaioFuture *acquire;
  GaioFuture *sleep;
} Worker;

static void
worker_step (GaioCo *co)
{
  Worker *self = (Worker *) co;

  GAIO_CO_BEGIN (co);
  self->acquire = gaio_semaphore_acquire (semaphore);
  GAIO_CO_AWAIT (co, self->acquire);
  if (co->error != NULL)
    {
      g_printerr ("w6-gaio-fibers: %s\n", co->error->message);
      return;
    }
  inside++;
  max_inside = MAX (max_inside, inside);
  self->sleep = gaio_sleep (SLEEP_MS);
  GAIO_CO_AWAIT (co, self->sleep);
  if (co->error != NULL)
    g_printerr ("w6-gaio-fibers: %s\n", co->error->message);
  inside--;
  gaio_semaphore_release (semaphore);
  GAIO_CO_END (co);
}

static void
worker_free (gpointer data)
{
  Worker *self = data;

  g_clear_object (&self->acquire);
  g_clear_object (&self->sleep);
  g_free (self);
}

static void
run_all (int n,
         int limit)
{
  semaphore = gaio_semaphore_new (limit);
  if (coroutines)
    failed = bench_spawn_co_and_wait ("w6-gaio-fibers", n, worker_step, sizeof (Worker), worker_free);
  else
    failed = bench_spawn_and_wait ("w6-gaio-fibers", n, body);
  g_clear_object (&semaphore);
}

int
main (int    argc,
      char **argv)
{
  const GOptionEntry extra[] = {
    { "coroutines", 0, 0, G_OPTION_ARG_NONE, &coroutines,
      "Stackless coroutine tasks instead of fibers", NULL },
    { NULL }
  };
  BenchOptions options;

  bench_parse_options (&argc, &argv, &options, 100000, extra);
  return bench_run_limited (coroutines ? "gaio-co" : "gaio-fibers", &options, run_all,
                            &max_inside, &failed);
}
