/* gaio-task.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gaio-cancel-scope-private.h"
#include "gaio-debug-private.h"
#include "gaio-enums.h"
#include "gaio-error.h"
#include "gaio-fiber-private.h"
#include "gaio-future-private.h"
#include "gaio-scheduler-private.h"
#include "gaio-stack-pool-private.h"
#include "gaio-sysprof-private.h"
#include "gaio-task.h"
#include "gaio-task-graph.h"
#include "gaio-task-private.h"

/**
 * GaioTask:
 *
 * A named, scheduled coroutine: asyncio's `Task`, on the GLib main loop.
 *
 * In C, [func@Gaio.Task.spawn] runs a function on its own fiber, a small
 * stack of its own, so the body is written straight down and suspends with
 * `gaio_await()` while the main loop runs other work:
 *
 * ```c
 * static void
 * fetch_body (GaioTask *task,
 *             gpointer  user_data)
 * {
 *   g_autoptr(GaioFuture) sleep = gaio_sleep (100);
 *   g_autoptr(GError) error = NULL;
 *
 *   if (gaio_await (sleep, &error) == NULL)
 *     return;   // cancelled: the task settles as cancelled
 *
 *   gaio_future_resolve_string (GAIO_FUTURE (task), "done");
 * }
 *
 * g_autoptr(GaioTask) task = gaio_task_spawn ("fetch", fetch_body, NULL, NULL);
 * ```
 *
 * In the bindings a task runs a coroutine or an async function:
 *
 * ```python
 * task = Gaio.create_task(fetch(), name='fetch')     # Python
 * ```
 *
 * ```js
 * const task = Gaio.createTask('fetch', async cancellable => fetch(cancellable));  // GJS
 * ```
 *
 * ```vala
 * var task = new Gaio.Task ("fetch");   // Vala: settle it when the async method ends
 * fetch.begin (task);
 * ```
 *
 * The body starts on a later main loop iteration, never inside the call
 * that spawned it. It may settle the task itself; if it returns without
 * doing so, the task is cancelled if cancellation was requested and
 * otherwise resolved with no value.
 *
 * ## Cancellation
 *
 * [method@Gaio.Future.cancel] on a task sets
 * [property@Gaio.Task:cancel-requested], cancels the task's
 * [class@Gio.Cancellable] and cancels the future the body is awaiting, so
 * that its `gaio_await()` returns `G_IO_ERROR_CANCELLED`. If the body was not
 * awaiting, or what it awaited had already settled, its next `gaio_await()`
 * returns that error instead, once: a permit, lock or item granted just
 * before the cancellation is delivered, never lost (see the cancellation
 * page). The body may clean up and even await
 * more afterwards. A task cancelled before its body started never runs it.
 *
 * ## Coroutine tasks
 *
 * [func@Gaio.Task.spawn_co] makes a task whose body is a stackless
 * coroutine: a step function that Gaio calls again at each await, with what
 * it needs across awaits in a struct of the caller's. It costs no stack,
 * for programs with very many live tasks; see [Coroutines](coroutines.html).
 *
 * ## Bare tasks
 *
 * Bindings wrap their own coroutines (Python `async def`, JavaScript `async
 * function`, Vala `async`) in a task made with [ctor@Gaio.Task.new], which
 * has no fiber: whoever drives it settles it, and a cancellation request is
 * delivered through the [signal@Gaio.Task::cancel-requested] signal.
 *
 * ## Threads and diagnostics
 *
 * A task belongs to the thread-default main context of the thread that made
 * it; its body runs there. [method@Gaio.Future.cancel] may be called from any
 * thread. [func@Gaio.Task.list_live] and [func@Gaio.Task.dump_live] show the
 * tasks that have not settled yet; with `GAIO_DEBUG=tasks` in the
 * environment, the dump is printed to stderr at exit.
 *
 * ## Stacks
 *
 * Each fiber task has a stack of its own, 256 KiB by default (see
 * [func@Gaio.Task.set_default_stack_size]), with a guard page below it so
 * that an overflow crashes rather than corrupts. Stack memory is reserved,
 * not committed: a task uses only the pages it touches, typically one or
 * two. Stacks are pooled and reused: an idle stack keeps its top page
 * resident (up to 512 MiB of them in all), so a task spawned after an
 * earlier peak faults in nothing, and its deeper pages go back to the
 * kernel; see [Fiber stacks](fibers.html) for the measurements behind this.
 * On Linux 6.13 and later, guard pages do not cost
 * a kernel mapping each, so the number of live tasks is bounded by memory
 * alone; on older kernels each task costs two of the `vm.max_map_count`
 * mappings (65530 by default), and spawning fails with
 * `GAIO_ERROR_NO_STACK` well before the limit, leaving room for the rest of
 * the program.
 *
 * The environment variable `GAIO_FIBER_BACKEND=ucontext` switches x86-64
 * from its assembly context switch to the portable `swapcontext()` one, and
 * `GAIO_STACK_GUARD=mprotect` forces the guard pages of older kernels; both
 * exist for testing.
 */

/* The smallest stack a fiber gets; below it GLib's own frames overflow. */
#define MIN_STACK_SIZE ((gsize) 16 * 1024)
#define DEFAULT_STACK_SIZE ((gsize) 256 * 1024)

typedef struct _GaioTaskPrivate GaioTaskPrivate;

struct _GaioTaskPrivate
{
  GaioRunItem      item;            /* runs the next step on the owner context */

  /* Tasks with a body: a fiber or a coroutine (is_co). A bare task has
   * none. What the body runs on keeps the body's data and its destroy
   * function: the fiber, or the coroutine's state, which is the data. */
  union {
    GaioTaskFunc   fiber;
    GaioCoFunc     co;
  } body;
  union {
    GaioFiber     *fiber;
    GaioCo        *co;            /* until the body has ended */
  } runner;
  GaioFuture      *awaiting;        /* what the suspended body waits for */

  /* The live registry, under registry_lock. */
  GaioTaskPrivate *prev;
  GaioTaskPrivate *next;

  int              cancel_requested; /* atomic */
  guint            is_co : 1;
  guint            registered : 1;
  guint            started : 1;
  guint            finished : 1;
  guint            cancel_pending : 1; /* deliver CANCELLED at the next await */
  guint            scope_fired : 1;    /* a scope cancelled the awaited future */
  guint            has_scopes : 1;     /* entered a cancel scope: TaskScopes in qdata */
};

enum {
  PROP_0,
  PROP_CANCEL_REQUESTED,
  LAST_PROP,
};

static GParamSpec *props[LAST_PROP];

enum {
  SIGNAL_CANCEL_REQUESTED,
  LAST_SIGNAL,
};

static guint signals[LAST_SIGNAL];

G_DEFINE_TYPE_WITH_PRIVATE (GaioTask, gaio_task, GAIO_TYPE_FUTURE)

#define PRIV(self) ((GaioTaskPrivate *) gaio_task_get_instance_private ((GaioTask *) (self)))

/* Unchecked: a task is a future, and a checked cast or chain-up is a call
 * into GObject that every step and every task would pay for. */
#define FUTURE(self) ((GaioFuture *) (self))
#define PARENT_CLASS ((GObjectClass *) gaio_task_parent_class)

/* The task whose private struct is @priv: a task's memory is most of what
 * many live tasks cost, so the struct keeps no pointer back. */
#define TASK_OF(priv) ((GaioTask *) (gpointer) ((char *) (priv) - G_PRIVATE_OFFSET (GaioTask, item)))

/* The coroutine state of a coroutine task whose body has not ended. */
static inline GaioCo *
task_co (GaioTaskPrivate *priv)
{
  return priv->is_co ? priv->runner.co : NULL;
}

/* The fiber of a fiber task whose body has not ended. */
static inline GaioFiber *
task_fiber (GaioTaskPrivate *priv)
{
  return priv->is_co ? NULL : priv->runner.fiber;
}

static const GValue no_value = G_VALUE_INIT;
static GQuark scopes_quark;   /* TaskScopes, set in class_init */

static GMutex registry_lock;
static GaioTaskPrivate *registry;          /* oldest first */
static GaioTaskPrivate *registry_tail;
static gsize default_stack_size = DEFAULT_STACK_SIZE; /* accessed atomically */
static __thread GaioTask *current_task;

/* The at-exit dump. */

static void
dump_at_exit (void)
{
  g_autofree char *dump = gaio_task_dump_live ();

  if (dump[0] != '\0')
    {
      g_autofree char *graph = gaio_task_dump_graph ();

      fprintf (stderr, "Gaio: tasks still live at exit:\n%s", dump);
      fprintf (stderr, "Gaio: what they await:\n%s", graph);
    }
}

static void
maybe_register_exit_dump (void)
{
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      const char *env = g_getenv ("GAIO_DEBUG");

      if (env != NULL && (strstr (env, "tasks") != NULL || strstr (env, "all") != NULL))
        atexit (dump_at_exit);
      g_once_init_leave (&initialized, 1);
    }
}

static void
registry_add (GaioTaskPrivate *priv)
{
  g_mutex_lock (&registry_lock);
  priv->prev = registry_tail;
  priv->next = NULL;
  if (registry_tail != NULL)
    registry_tail->next = priv;
  else
    registry = priv;
  registry_tail = priv;
  priv->registered = TRUE;
  g_mutex_unlock (&registry_lock);
}

static void
registry_remove (GaioTaskPrivate *priv)
{
  g_mutex_lock (&registry_lock);
  if (priv->registered)
    {
      if (priv->prev != NULL)
        priv->prev->next = priv->next;
      else
        registry = priv->next;
      if (priv->next != NULL)
        priv->next->prev = priv->prev;
      else
        registry_tail = priv->prev;
      priv->prev = priv->next = NULL;
      priv->registered = FALSE;
    }
  g_mutex_unlock (&registry_lock);
}

/* The Sysprof mark of a task's life, from a done-callback every task gets
 * when marks are on (see gaio_task_init()): one place for fiber,
 * coroutine and bare tasks alike, whose end only its driver knows. */
static void
mark_lifetime (GaioFuture *future,
               gpointer    data)
{
  const char *name = gaio_future_get_name (future);
  const gint64 *born = data;

  gaio_sysprof_mark (*born, "task", "%s (%s)",
                     name != NULL ? name : "unnamed",
                     gaio_future_is_cancelled (future) ? "cancelled" : "done");
}

/* Stepping. */

static void
task_finish (GaioTask *self)
{
  GaioTaskPrivate *priv = PRIV (self);
  GaioCo *co = task_co (priv);

  priv->finished = TRUE;
  if (co != NULL)
    {
      GDestroyNotify destroy = co->destroy;

      /* A state the caller owns (no destroy function) must not point at a
       * task it holds no reference to: cleared, it may be spawned again. */
      priv->runner.co = NULL;
      g_clear_error (&co->error);
      co->value = NULL;
      co->task = NULL;
      co->point = 0;
      co->destroy = NULL;
      if (destroy != NULL)
        destroy (co);
    }
  else
    {
      /* Frees the body's data too. */
      g_clear_pointer (&priv->runner.fiber, gaio_fiber_free);
    }

  /* A body that settled the task itself keeps its outcome. */
  if (g_atomic_int_get (&priv->cancel_requested))
    gaio_future_settle_cancelled (FUTURE (self));
  else
    gaio_future_settle (FUTURE (self), GAIO_FUTURE_STATE_RESOLVED, NULL, NULL, TRUE);

  GAIO_TRACE ("Task '%s' (%p) finished as %d",
              gaio_future_get_name (FUTURE (self)), self,
              gaio_future_get_state (FUTURE (self)));

  /* Drops the reference the task held on itself while its body could run. */
  g_object_unref (self);
}

static void
task_step (GaioTask *self)
{
  GaioTaskPrivate *priv = PRIV (self);
  GaioTask *previous;
  gboolean finished;
  gint64 begin;

  if (!priv->started)
    {
      priv->started = TRUE;
      if (g_atomic_int_get (&priv->cancel_requested))
        {
          /* asyncio: a task cancelled before it starts never runs its body. */
          task_finish (self);
          return;
        }
    }

  GAIO_TRACE ("Task '%s' (%p) steps", gaio_future_get_name (GAIO_FUTURE (self)), self);

  previous = current_task;
  current_task = self;
  begin = gaio_debug_slow_begin ();

  if (priv->is_co)
    {
      /* A step that returns without parking on a future has ended. */
      priv->body.co (priv->runner.co);
      finished = priv->awaiting == NULL;
    }
  else
    {
      gaio_fiber_resume (priv->runner.fiber);
      finished = gaio_fiber_is_finished (priv->runner.fiber);
    }

  if (G_UNLIKELY (begin != 0))
    gaio_debug_slow_check (begin, "step of task", gaio_future_get_name (GAIO_FUTURE (self)), self);
  current_task = previous;

  if (finished)
    task_finish (self);
}

static void
task_step_run (GaioRunItem *item)
{
  task_step (TASK_OF (item));
}

/* The fiber keeps the body's data; the task is the one stepping. */
static void
task_fiber_main (gpointer user_data)
{
  GaioTask *self = current_task;

  PRIV (self)->body.fiber (self, user_data);
}

static void
task_start (GaioTask      *self,
            GaioTaskFlags  flags)
{
  GAIO_TRACE ("Task '%s' (%p) spawned", gaio_future_get_name (GAIO_FUTURE (self)), self);

  /* The task keeps itself alive until its body has finished. */
  g_object_ref (self);
  if (flags & GAIO_TASK_FLAGS_EAGER)
    task_step (self);
  else
    gaio_scheduler_push (gaio_future_get_scheduler (FUTURE (self)), &PRIV (self)->item);
}

/* Cancellation, on the owner context. */

static void
cancel_on_owner (GaioFuture *future,
                 gpointer    unused)
{
  GaioTask *self = GAIO_TASK (future);
  GaioTaskPrivate *priv = PRIV (self);

  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_CANCEL_REQUESTED]);

  if (!priv->is_co && priv->body.fiber == NULL)
    {
      g_signal_emit (self, signals[SIGNAL_CANCEL_REQUESTED], 0);
      return;
    }

  /* Before the first step, the step itself sees the request. */
  if (priv->finished || !priv->started)
    return;

  /* Cancel what the body awaits, so its await returns CANCELLED. If that
   * settled already, or the body is running (it cancelled itself), the
   * error waits for the next await. */
  if (priv->awaiting == NULL || !gaio_future_cancel (priv->awaiting))
    priv->cancel_pending = TRUE;
}

static void
gaio_task_request_cancel (GaioFuture *future)
{
  GaioTask *self = GAIO_TASK (future);
  GaioTaskPrivate *priv = PRIV (self);

  if (!g_atomic_int_compare_and_exchange (&priv->cancel_requested, FALSE, TRUE))
    return;

  GAIO_TRACE ("Task '%s' (%p): cancel requested", gaio_future_get_name (future), self);

  g_cancellable_cancel (gaio_future_get_cancellable (future));

  /* The body, its awaited future and signal handlers belong to the owner
   * context: reach them there, only while it runs, as asyncio delivers a
   * cancellation at the task's next step. */
  if (g_main_context_is_owner (gaio_future_get_context (future)))
    cancel_on_owner (future, NULL);
  else
    gaio_future_call_soon (future, cancel_on_owner);
}

static void
gaio_task_dispose (GObject *object)
{
  registry_remove (PRIV (object));

  PARENT_CLASS->dispose (object);
}

static void
gaio_task_finalize (GObject *object)
{
  GaioTaskPrivate *priv = PRIV (object);

  /* Only a task whose body never ran gets here with data left. */
  if (task_co (priv) != NULL && priv->runner.co->destroy != NULL)
    priv->runner.co->destroy (priv->runner.co);
  else if (task_fiber (priv) != NULL)
    gaio_fiber_free (priv->runner.fiber);

  PARENT_CLASS->finalize (object);
}

static void
gaio_task_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  GaioTask *self = GAIO_TASK (object);

  switch (prop_id)
    {
    case PROP_CANCEL_REQUESTED:
      g_value_set_boolean (value, gaio_task_get_cancel_requested (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gaio_task_class_init (GaioTaskClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GaioFutureClass *future_class = GAIO_FUTURE_CLASS (klass);

  object_class->dispose = gaio_task_dispose;
  object_class->finalize = gaio_task_finalize;
  object_class->get_property = gaio_task_get_property;

  future_class->request_cancel = gaio_task_request_cancel;

  scopes_quark = g_quark_from_static_string ("gaio-task-scopes");

  /**
   * GaioTask:cancel-requested:
   *
   * Whether cancellation of the task was requested. It turns %TRUE once and
   * is notified on the owner context; the task settles later, when its body
   * (or, for a bare task, whoever drives it) has stopped.
   */
  props[PROP_CANCEL_REQUESTED] =
    g_param_spec_boolean ("cancel-requested", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, LAST_PROP, props);

  /**
   * GaioTask::cancel-requested:
   * @self: the task
   *
   * Emitted on the owner context when cancellation of a bare task (one made
   * with [ctor@Gaio.Task.new]) is requested. Bindings connect to it to throw
   * their language's cancellation error into the coroutine the task wraps;
   * the task is settled by whoever drives it, usually as cancelled.
   */
  signals[SIGNAL_CANCEL_REQUESTED] =
    g_signal_new ("cancel-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);
}

static void
gaio_task_init (GaioTask *self)
{
  GaioTaskPrivate *priv = PRIV (self);
  gint64 born = gaio_sysprof_begin ();

  priv->item.run = task_step_run;
  if (G_UNLIKELY (born != 0))
    gaio_future_add_done_callback (FUTURE (self), mark_lifetime,
                                   g_memdup2 (&born, sizeof born), g_free);

  maybe_register_exit_dump ();
  registry_add (priv);
}

/**
 * gaio_task_new: (constructor)
 * @name: (nullable): a name for diagnostics
 *
 * Creates a bare task: one with no fiber, which whoever drives it settles.
 * Language bindings use it to give their own coroutines a task's name,
 * cancellation and place in the task list; cancelling it emits
 * [signal@Gaio.Task::cancel-requested].
 *
 * Returns: (transfer full): a new pending task
 */
GaioTask *
gaio_task_new (const char *name)
{
  GaioTask *self = (GaioTask *) g_object_new_with_properties (GAIO_TYPE_TASK, 0, NULL, NULL);

  /* Not a construct property: spawning many tasks skips the lookup. */
  if (name != NULL)
    gaio_future_set_name (GAIO_FUTURE (self), name);
  return self;
}

/**
 * gaio_task_spawn: (skip)
 * @name: (nullable): a name for diagnostics
 * @func: (scope notified) (closure user_data) (destroy destroy): the body
 * @user_data: data for @func
 * @destroy: (nullable): frees @user_data once the body has finished or the
 *   task was cancelled before it started
 *
 * Spawns a fiber task running @func, like `asyncio.create_task()`. The body
 * starts on a later main loop iteration of the thread-default context, never
 * inside this call, on a stack of the default size (see
 * [func@Gaio.Task.set_default_stack_size]).
 *
 * When no stack can be had (memory, address space or the kernel's limit on
 * mappings ran out), the returned task is already rejected with
 * `GAIO_ERROR_NO_STACK` and @func never runs.
 *
 * C only: bindings wrap their own coroutines with [ctor@Gaio.Task.new].
 *
 * Returns: (transfer full): the new task
 */
GaioTask *
gaio_task_spawn (const char     *name,
                 GaioTaskFunc    func,
                 gpointer        user_data,
                 GDestroyNotify  destroy)
{
  return gaio_task_spawn_with_stack_size (name, 0, func, user_data, destroy);
}

/**
 * gaio_task_spawn_with_stack_size: (skip)
 * @name: (nullable): a name for diagnostics
 * @stack_size: the stack size in bytes, rounded up to pages, or 0 for the
 *   default
 * @func: (scope notified) (closure user_data) (destroy destroy): the body
 * @user_data: data for @func
 * @destroy: (nullable): frees @user_data
 *
 * Spawns a fiber task like [func@Gaio.Task.spawn], with a stack of
 * @stack_size bytes. Stack pages cost memory only once touched, so a large
 * size mostly costs address space.
 *
 * Returns: (transfer full): the new task
 */
GaioTask *
gaio_task_spawn_with_stack_size (const char     *name,
                                 gsize           stack_size,
                                 GaioTaskFunc    func,
                                 gpointer        user_data,
                                 GDestroyNotify  destroy)
{
  return gaio_task_spawn_full (name, GAIO_TASK_FLAGS_NONE, stack_size, func, user_data, destroy);
}

/**
 * gaio_task_spawn_full: (skip)
 * @name: (nullable): a name for diagnostics
 * @flags: how to start the task
 * @stack_size: the stack size in bytes, or 0 for the default
 * @func: (scope notified) (closure user_data) (destroy destroy): the body
 * @user_data: data for @func
 * @destroy: (nullable): frees @user_data
 *
 * Spawns a fiber task like `gaio_task_spawn_with_stack_size()`. With
 * `GAIO_TASK_FLAGS_EAGER` the body starts inside this call and runs until
 * its first `gaio_await()` of a pending future, or to its end, like a task
 * of asyncio's `eager_task_factory` (Python 3.12): a body that needs no
 * waiting settles the task before this returns, without a trip through the
 * main loop. Call it on the thread that owns the thread-default context.
 *
 * Returns: (transfer full): the new task
 */
GaioTask *
gaio_task_spawn_full (const char     *name,
                      GaioTaskFlags   flags,
                      gsize           stack_size,
                      GaioTaskFunc    func,
                      gpointer        user_data,
                      GDestroyNotify  destroy)
{
  g_autoptr(GError) error = NULL;
  GaioTaskPrivate *priv;
  GaioTask *self;

  g_return_val_if_fail (func != NULL, NULL);

  self = gaio_task_new (name);
  priv = PRIV (self);

  if (stack_size == 0)
    stack_size = gaio_task_get_default_stack_size ();
  stack_size = MAX (stack_size, MIN_STACK_SIZE);

  priv->runner.fiber = gaio_fiber_new (stack_size, task_fiber_main, user_data, destroy, &error);
  if (priv->runner.fiber == NULL)
    {
      GAIO_TRACE ("Task '%s' (%p): %s", name, self, error->message);
      if (destroy != NULL)
        destroy (user_data);
      gaio_future_reject (GAIO_FUTURE (self), g_steal_pointer (&error));
      return self;
    }

  priv->body.fiber = func;
  task_start (self, flags);

  return self;
}

/**
 * gaio_task_spawn_co: (skip)
 * @name: (nullable): a name for diagnostics
 * @flags: how to start the task
 * @func: the step function: the coroutine's body
 * @co: the coroutine's state, a struct whose first member is a `GaioCo`
 *   cleared to zeros
 * @destroy: (nullable): frees @co once the body has ended or the task was
 *   cancelled before it started
 *
 * Spawns a stackless coroutine task: a [class@Gaio.Task] whose body is
 * @func, called again at each resume point instead of running on a fiber
 * of its own. The body is written between `GAIO_CO_BEGIN()` and
 * `GAIO_CO_END()` and awaits with `GAIO_CO_AWAIT()`; what it needs across
 * an await lives in @co, never in local variables (see
 * [Coroutines](coroutines.html)). A coroutine costs no stack, so it is the
 * cheaper choice for many small tasks.
 *
 * The task is a task like any other: it settles as a fiber task does when
 * the body returns, cancelling it makes its pending await report
 * `G_IO_ERROR_CANCELLED`, cancel scopes entered in its steps apply to its
 * awaits, the task graph shows what it awaits, and `GAIO_TASK_FLAGS_EAGER`
 * runs its first step inside this call.
 *
 * C only: the macros have no binding; bindings have coroutines of their
 * own and wrap them with [ctor@Gaio.Task.new].
 *
 * Returns: (transfer full): the new task
 */
GaioTask *
gaio_task_spawn_co (const char     *name,
                    GaioTaskFlags   flags,
                    GaioCoFunc      func,
                    GaioCo         *co,
                    GDestroyNotify  destroy)
{
  GaioTaskPrivate *priv;
  GaioTask *self;

  g_return_val_if_fail (func != NULL, NULL);
  g_return_val_if_fail (co != NULL, NULL);
  g_return_val_if_fail (co->task == NULL && co->point == 0, NULL);

  self = gaio_task_new (name);
  priv = PRIV (self);
  co->task = self;
  co->destroy = destroy;
  priv->body.co = func;
  priv->is_co = TRUE;
  priv->runner.co = co;
  task_start (self, flags);

  return self;
}

/**
 * gaio_task_get_cancel_requested:
 * @self: a task
 *
 * Checks whether cancellation of @self was requested. Thread-safe.
 *
 * Returns: %TRUE once [method@Gaio.Future.cancel] was called on @self
 *   while it was pending
 */
gboolean
gaio_task_get_cancel_requested (GaioTask *self)
{
  g_return_val_if_fail (GAIO_IS_TASK (self), FALSE);

  return g_atomic_int_get (&PRIV (self)->cancel_requested);
}

/**
 * gaio_task_get_current:
 *
 * Gets the task whose fiber or coroutine step is running on this thread,
 * like `asyncio.current_task()`.
 *
 * Returns: (transfer none) (nullable): the running fiber or coroutine
 *   task, or %NULL outside of one
 */
GaioTask *
gaio_task_get_current (void)
{
  return current_task;
}

/**
 * gaio_task_list_live:
 *
 * Lists the tasks that have not settled yet, oldest first, like
 * `asyncio.all_tasks()`, on every context. Thread-safe.
 *
 * The array holds a reference to each task and drops it when freed, so in C
 * one `g_ptr_array_unref()` releases everything. It is annotated `(transfer
 * container)` on purpose: PyGObject 3.42 would otherwise take the element
 * references for itself and the array's free function would drop them a
 * second time.
 *
 * Returns: (transfer container) (element-type GaioTask): the live tasks
 */
GPtrArray *
gaio_task_list_live (void)
{
  GPtrArray *tasks = g_ptr_array_new_with_free_func (g_object_unref);

  g_mutex_lock (&registry_lock);
  for (GaioTaskPrivate *priv = registry; priv != NULL; priv = priv->next)
    if (!gaio_future_is_done (FUTURE (TASK_OF (priv))))
      g_ptr_array_add (tasks, g_object_ref (TASK_OF (priv)));
  g_mutex_unlock (&registry_lock);

  return tasks;
}

/**
 * gaio_task_dump_live:
 *
 * Describes the tasks that have not settled yet, one line each: name, type,
 * state, whether cancellation was requested and whether it runs on a fiber
 * (`fiber=yes`) or is a stackless coroutine (`fiber=no coroutine=yes`).
 * Thread-safe.
 *
 * Returns: (transfer full): the description, empty when no task is live
 */
char *
gaio_task_dump_live (void)
{
  g_autoptr(GPtrArray) tasks = gaio_task_list_live ();
  GString *dump = g_string_new (NULL);

  for (guint i = 0; i < tasks->len; i++)
    {
      GaioTask *task = g_ptr_array_index (tasks, i);
      GaioTaskPrivate *priv = PRIV (task);
      const char *name = gaio_future_get_name (GAIO_FUTURE (task));
      GEnumClass *states = g_type_class_ref (GAIO_TYPE_FUTURE_STATE);
      GEnumValue *state = g_enum_get_value (states, gaio_future_get_state (GAIO_FUTURE (task)));

      g_string_append_printf (dump, "%s%s%s %s %p: state=%s cancel-requested=%s fiber=%s%s\n",
                              name ? "'" : "", name ? name : "(unnamed)", name ? "'" : "",
                              G_OBJECT_TYPE_NAME (task), task,
                              state ? state->value_nick : "?",
                              gaio_task_get_cancel_requested (task) ? "yes" : "no",
                              priv->body.fiber != NULL && !priv->is_co ? "yes" : "no",
                              priv->is_co ? " coroutine=yes" : "");
      g_type_class_unref (states);
    }

  return g_string_free (dump, FALSE);
}

/**
 * gaio_task_set_default_stack_size:
 * @stack_size: the size in bytes, or 0 to restore the default of 256 KiB
 *
 * Sets the stack size of fiber tasks spawned from now on. It is rounded up
 * to whole pages, and at least 16 KiB. Pages are touched on demand, so a
 * generous size costs address space rather than memory. Thread-safe.
 */
void
gaio_task_set_default_stack_size (gsize stack_size)
{
  if (stack_size == 0)
    stack_size = DEFAULT_STACK_SIZE;
  stack_size = gaio_stack_round_size (MAX (stack_size, MIN_STACK_SIZE));
  g_return_if_fail (stack_size != 0);

  __atomic_store_n (&default_stack_size, stack_size, __ATOMIC_RELAXED);
}

/**
 * gaio_task_get_default_stack_size:
 *
 * Gets the stack size given to new fiber tasks.
 *
 * Returns: the size in bytes
 */
gsize
gaio_task_get_default_stack_size (void)
{
  return __atomic_load_n (&default_stack_size, __ATOMIC_RELAXED);
}

static void
await_done_cb (GaioFuture *future,
               gpointer    user_data)
{
  GaioTask *self = user_data;
  GaioTaskPrivate *priv = PRIV (self);

  /* Resume right here when the future shares the task's context, as
   * asyncio's wakeup does; otherwise hop over to the task's context. */
  if (gaio_future_get_scheduler (future) == gaio_future_get_scheduler (FUTURE (self)))
    task_step (self);
  else
    gaio_scheduler_push (gaio_future_get_scheduler (FUTURE (self)), &priv->item);
}

gpointer
gaio_task_get_body (GaioTask *self)
{
  GaioTaskPrivate *priv = PRIV (self);

  return priv->is_co ? (gpointer) priv->body.co : (gpointer) priv->body.fiber;
}

GaioFuture *
gaio_task_get_awaiting (GaioTask *self)
{
  return PRIV (self)->awaiting;
}

/* Cancel scopes: one timer at the earliest deadline of the scopes the body
 * is in. The scheduler's timers cannot be removed, so a timer holds the
 * task weakly and checks what is due when it fires; a later timer is only
 * added when the pending one is too late. */

typedef struct
{
  GWeakRef task;
  gint64   deadline;
} ScopeTimer;

/* Few tasks enter a cancel scope, and every byte of a task is paid by all
 * of them: what scopes need lives in qdata, from the first one entered. */
typedef struct
{
  GaioCancelScope *innermost;
  gint64           timer_at;   /* the earliest pending scope timer */
} TaskScopes;

static TaskScopes *
scopes_of (GaioTask *self)
{
  if (G_LIKELY (!PRIV (self)->has_scopes))
    return NULL;
  return g_object_get_qdata ((GObject *) self, scopes_quark);
}

/* The innermost scope the body is in, or NULL. */
static GaioCancelScope *
innermost_scope (GaioTask *self)
{
  TaskScopes *scopes = scopes_of (self);

  return scopes != NULL ? scopes->innermost : NULL;
}

GaioCancelScope **
gaio_task_get_scopes (GaioTask *task)
{
  TaskScopes *scopes = scopes_of (task);

  if (scopes == NULL)
    {
      scopes = g_new0 (TaskScopes, 1);
      scopes->timer_at = G_MAXINT64;
      g_object_set_qdata_full ((GObject *) task, scopes_quark, scopes, g_free);
      PRIV (task)->has_scopes = TRUE;
    }
  return &scopes->innermost;
}

static void arm_scope_timer (GaioTask *self);

static void
expire_awaiting (GaioTask *self)
{
  GaioTaskPrivate *priv = PRIV (self);

  if (priv->awaiting == NULL || priv->scope_fired)
    return;
  if (gaio_cancel_scope_find_expired (innermost_scope (self), g_get_monotonic_time ()) == NULL)
    {
      arm_scope_timer (self);
      return;
    }
  /* A future that resolved first keeps its value: the grant is delivered
   * and the next await inside the scope reports the expiry. */
  if (gaio_future_cancel (priv->awaiting))
    priv->scope_fired = TRUE;
}

static void
scope_timer_cb (gpointer data)
{
  ScopeTimer *timer = data;
  GaioTask *self = g_weak_ref_get (&timer->task);

  if (self != NULL)
    {
      TaskScopes *scopes = scopes_of (self);

      if (scopes->timer_at == timer->deadline)
        scopes->timer_at = G_MAXINT64;
      expire_awaiting (self);
      g_object_unref (self);
    }
  g_weak_ref_clear (&timer->task);
  g_free (timer);
}

static void
arm_scope_timer (GaioTask *self)
{
  TaskScopes *scopes = scopes_of (self);
  gint64 deadline = gaio_cancel_scope_next_deadline (scopes->innermost);
  ScopeTimer *timer;

  if (deadline >= scopes->timer_at)
    return;
  timer = g_new (ScopeTimer, 1);
  g_weak_ref_init (&timer->task, self);
  timer->deadline = deadline;
  scopes->timer_at = deadline;
  gaio_scheduler_add_timer (gaio_future_get_scheduler (GAIO_FUTURE (self)), deadline,
                            scope_timer_cb, timer);
}

void
gaio_task_scopes_changed (GaioTask *task)
{
  /* Only a suspended body needs waking; a running one checks at its next
   * await. */
  if (PRIV (task)->awaiting != NULL)
    expire_awaiting (task);
}

/* An await, in three parts shared by fibers (gaio_await()) and coroutines
 * (gaio_co_suspend()): the checks that fail it at once, parking on a
 * pending future, and the outcome once it settled. */

static gboolean
await_check (GaioTask    *self,
             GaioFuture  *future,
             GError     **error)
{
  GaioTaskPrivate *priv = PRIV (self);
  GaioCancelScope *innermost = innermost_scope (self);

  /* A cancel that came while the body ran lands at the next await, and
   * cancels what that await was given so the work under it stops too, as
   * asyncio's Task does. */
  if (priv->cancel_pending)
    {
      priv->cancel_pending = FALSE;
      gaio_future_cancel (future);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "The task was cancelled");
      return FALSE;
    }

  /* An expired scope fails every await inside it until it is left, and
   * cancels what the await was given, as a task cancel does. */
  if (innermost != NULL)
    {
      GaioCancelScope *expired = gaio_cancel_scope_find_expired (innermost, g_get_monotonic_time ());

      if (expired != NULL)
        {
          gaio_future_cancel (future);
          gaio_cancel_scope_set_error (expired, error);
          return FALSE;
        }
    }

  return TRUE;
}

static void
await_park (GaioTask   *self,
            GaioFuture *future)
{
  GaioTaskPrivate *priv = PRIV (self);

  priv->awaiting = g_object_ref (future);
  gaio_future_add_done_callback (future, await_done_cb, self, NULL);
  if (innermost_scope (self) != NULL)
    arm_scope_timer (self);
}

/* The outcome of an await; @parked when the body was suspended on @future
 * (and priv->awaiting was cleared since). */
static const GValue *
await_outcome (GaioTask    *self,
               GaioFuture  *future,
               gboolean     parked,
               GError     **error)
{
  GaioTaskPrivate *priv = PRIV (self);
  const GValue *value;

  if (parked && priv->scope_fired)
    {
      GaioCancelScope *expired = gaio_cancel_scope_find_expired (innermost_scope (self),
                                                                 g_get_monotonic_time ());

      priv->scope_fired = FALSE;
      if (expired != NULL)
        {
          gaio_future_mark_observed (future);
          gaio_cancel_scope_set_error (expired, error);
          return NULL;
        }
    }

  if (!gaio_future_propagate (future, error))
    return NULL;

  value = gaio_future_get_value (future);
  return value != NULL ? value : &no_value;
}

/**
 * gaio_await: (skip)
 * @future: the future to wait for
 * @error: return location for the future's error
 *
 * Suspends the running fiber task until @future settles, letting the main
 * loop run other work meanwhile, and returns how it settled: C's `await`.
 *
 * If cancellation of the task is requested meanwhile, @future is cancelled
 * and the error is `G_IO_ERROR_CANCELLED`; the body may catch it, clean up
 * and await more.
 *
 * Outside a fiber task there is nothing to suspend: this is a programming
 * error, reported with a critical and `GAIO_ERROR_NOT_IN_TASK`. A
 * coroutine task awaits with `GAIO_CO_AWAIT()` instead.
 *
 * C only; bindings use their own `await` on [method@Gaio.Future.wait_async].
 *
 * Returns: (transfer none) (nullable): the value @future resolved with,
 *   owned by @future (an unset value when it resolved with none), or %NULL
 *   with @error set when it was rejected or cancelled
 */
const GValue *
gaio_await (GaioFuture  *future,
            GError     **error)
{
  GaioTask *self = current_task;
  GaioFiber *fiber = self != NULL ? task_fiber (PRIV (self)) : NULL;
  gboolean parked = FALSE;

  g_return_val_if_fail (GAIO_IS_FUTURE (future), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (fiber == NULL || gaio_fiber_get_current () != fiber)
    {
      g_critical ("gaio_await() was called outside a fiber task; use it in the body "
                  "of a task made with gaio_task_spawn(), GAIO_CO_AWAIT() in a coroutine, "
                  "or gaio_run() instead");
      g_set_error_literal (error, GAIO_ERROR, GAIO_ERROR_NOT_IN_TASK,
                           "gaio_await() can only be called inside a fiber task");
      return NULL;
    }

  g_return_val_if_fail ((gpointer) future != (gpointer) self, NULL);

  if (!await_check (self, future, error))
    return NULL;

  if (!gaio_future_is_done (future))
    {
      await_park (self, future);
      gaio_fiber_yield ();
      g_clear_object (&PRIV (self)->awaiting);
      parked = TRUE;
    }

  return await_outcome (self, future, parked, error);
}

/**
 * gaio_co_suspend: (skip)
 * @co: the state of the running coroutine
 * @future: the future to wait for
 * @point: the resume point to come back to if the coroutine suspends
 *
 * Begins an await in a coroutine task; `GAIO_CO_AWAIT()` calls it, and
 * code rarely calls it directly.
 *
 * When @future is pending, the coroutine parks on it and this returns
 * %TRUE: the step function must return at once, and is called again at
 * @point once @future settled, where `gaio_co_resume()` takes the outcome.
 * Otherwise the outcome is in @co already (`value`, or `error` when
 * @future failed, the task was cancelled or a cancel scope expired: the
 * same rules as `gaio_await()`), and this returns %FALSE.
 *
 * Returns: %TRUE if the coroutine suspended
 */
gboolean
gaio_co_suspend (GaioCo     *co,
               GaioFuture *future,
               int         point)
{
  GaioTask *self;

  g_return_val_if_fail (co != NULL, FALSE);
  g_return_val_if_fail (GAIO_IS_FUTURE (future), FALSE);
  g_return_val_if_fail (point > 0, FALSE);

  self = co->task;
  g_clear_error (&co->error);
  co->value = NULL;

  if (self == NULL || current_task != self || task_co (PRIV (self)) != co)
    {
      g_critical ("GAIO_CO_AWAIT() was used outside the step of its coroutine task");
      g_set_error_literal (&co->error, GAIO_ERROR, GAIO_ERROR_NOT_IN_TASK,
                           "GAIO_CO_AWAIT() can only be used in the step of its coroutine task");
      return FALSE;
    }
  g_return_val_if_fail ((gpointer) future != (gpointer) self, FALSE);

  if (!await_check (self, future, &co->error))
    return FALSE;

  if (!gaio_future_is_done (future))
    {
      await_park (self, future);
      co->point = point;
      return TRUE;
    }

  co->value = await_outcome (self, future, FALSE, &co->error);
  return FALSE;
}

/**
 * gaio_co_resume: (skip)
 * @co: the state of the running coroutine
 *
 * Ends an await that suspended the coroutine, at its resume point:
 * `GAIO_CO_AWAIT()` calls it. It sets `value` in @co, or `error` when
 * the future failed, the task was cancelled meanwhile or a cancel scope
 * expired.
 */
void
gaio_co_resume (GaioCo *co)
{
  g_autoptr(GaioFuture) future = NULL;
  GaioTask *self;

  g_return_if_fail (co != NULL && co->task != NULL);

  self = co->task;
  future = g_steal_pointer (&PRIV (self)->awaiting);
  g_return_if_fail (future != NULL);

  /* The value stays owned by the future, which the state holds. */
  co->value = await_outcome (self, future, TRUE, &co->error);
}

/* Typed awaits: gaio_await() and the value taken out of its GValue. */

static const GValue *
await_typed (GaioFuture  *future,
             GType        type,
             gboolean     value_required,
             GValue      *converted,
             GError     **error)
{
  GError *local = NULL;
  const GValue *value = gaio_await (future, &local);

  if (value == NULL)
    {
      g_propagate_error (error, local);
      return NULL;
    }

  if (!G_IS_VALUE (value))
    {
      if (value_required)
        g_set_error (error, GAIO_ERROR, GAIO_ERROR_FAILED,
                     "The future resolved with no value, not a %s", g_type_name (type));
      return NULL;
    }

  if (G_VALUE_HOLDS (value, type))
    return value;

  /* int to int64 and the like; never object or string conversions. */
  if (G_TYPE_IS_FUNDAMENTAL (type) && G_TYPE_IS_VALUE_TYPE (G_VALUE_TYPE (value))
      && G_TYPE_IS_FUNDAMENTAL (G_VALUE_TYPE (value))
      && type != G_TYPE_STRING && G_VALUE_TYPE (value) != G_TYPE_STRING
      && g_value_type_transformable (G_VALUE_TYPE (value), type))
    {
      g_value_init (converted, type);
      if (g_value_transform (value, converted))
        return converted;
      g_value_unset (converted);
    }

  g_set_error (error, GAIO_ERROR, GAIO_ERROR_FAILED,
               "The future resolved with a %s, not a %s",
               G_VALUE_TYPE_NAME (value), g_type_name (type));
  return NULL;
}

#define DEFINE_AWAIT_SCALAR(suffix, ctype, gtype, getter)             \
  ctype                                                               \
  gaio_await_##suffix (GaioFuture  *future,                           \
                       GError     **error)                            \
  {                                                                   \
    GValue converted = G_VALUE_INIT;                                  \
    const GValue *value;                                              \
    ctype result;                                                     \
                                                                      \
    g_return_val_if_fail (GAIO_IS_FUTURE (future), 0);                \
                                                                      \
    value = await_typed (future, gtype, TRUE, &converted, error);     \
    if (value == NULL)                                                \
      return 0;                                                       \
    result = getter (value);                                          \
    if (G_IS_VALUE (&converted))                                      \
      g_value_unset (&converted);                                     \
    return result;                                                    \
  }

/**
 * gaio_await_boolean: (skip)
 * @future: the future to wait for
 * @error: return location for the future's error
 *
 * Awaits @future like `gaio_await()` and returns the boolean it resolved
 * with. A value of another type, or none, is reported as
 * `GAIO_ERROR_FAILED`.
 *
 * Returns: the value, or %FALSE with @error set
 */
DEFINE_AWAIT_SCALAR (boolean, gboolean, G_TYPE_BOOLEAN, g_value_get_boolean)

/**
 * gaio_await_int: (skip)
 * @future: the future to wait for
 * @error: return location for the future's error
 *
 * Awaits @future and returns the integer it resolved with; other integer
 * types are converted when the value fits the GLib conversion rules.
 *
 * Returns: the value, or 0 with @error set
 */
DEFINE_AWAIT_SCALAR (int, int, G_TYPE_INT, g_value_get_int)

/**
 * gaio_await_int64: (skip)
 * @future: the future to wait for
 * @error: return location for the future's error
 *
 * Awaits @future and returns the 64-bit integer it resolved with (an `int`
 * is widened).
 *
 * Returns: the value, or 0 with @error set
 */
DEFINE_AWAIT_SCALAR (int64, gint64, G_TYPE_INT64, g_value_get_int64)

/**
 * gaio_await_uint64: (skip)
 * @future: the future to wait for
 * @error: return location for the future's error
 *
 * Awaits @future and returns the unsigned 64-bit integer it resolved with.
 *
 * Returns: the value, or 0 with @error set
 */
DEFINE_AWAIT_SCALAR (uint64, guint64, G_TYPE_UINT64, g_value_get_uint64)

/**
 * gaio_await_double: (skip)
 * @future: the future to wait for
 * @error: return location for the future's error
 *
 * Awaits @future and returns the double it resolved with (integers are
 * converted).
 *
 * Returns: the value, or 0 with @error set
 */
DEFINE_AWAIT_SCALAR (double, double, G_TYPE_DOUBLE, g_value_get_double)

/**
 * gaio_await_string: (skip)
 * @future: the future to wait for
 * @error: return location for the future's error
 *
 * Awaits @future and returns a copy of the string it resolved with.
 *
 * Returns: (transfer full) (nullable): the string, %NULL when @future
 *   resolved with none or with a %NULL string, or %NULL with @error set
 */
char *
gaio_await_string (GaioFuture  *future,
                   GError     **error)
{
  const GValue *value;

  g_return_val_if_fail (GAIO_IS_FUTURE (future), NULL);

  value = await_typed (future, G_TYPE_STRING, FALSE, NULL, error);
  return value != NULL ? g_value_dup_string (value) : NULL;
}

/**
 * gaio_await_object: (skip)
 * @future: the future to wait for
 * @error: return location for the future's error
 *
 * Awaits @future and returns a reference to the object it resolved with,
 * which must be a [class@GObject.Object] (of any class).
 *
 * Returns: (transfer full) (nullable) (type GObject.Object): the object,
 *   %NULL when @future resolved with none, or %NULL with @error set
 */
gpointer
gaio_await_object (GaioFuture  *future,
                   GError     **error)
{
  const GValue *value;

  g_return_val_if_fail (GAIO_IS_FUTURE (future), NULL);

  value = await_typed (future, G_TYPE_OBJECT, FALSE, NULL, error);
  return value != NULL ? g_value_dup_object (value) : NULL;
}

/**
 * gaio_await_bytes: (skip)
 * @future: the future to wait for
 * @error: return location for the future's error
 *
 * Awaits @future and returns a reference to the [struct@GLib.Bytes] it
 * resolved with, as file reads do.
 *
 * Returns: (transfer full) (nullable): the bytes, %NULL when @future
 *   resolved with none, or %NULL with @error set
 */
GBytes *
gaio_await_bytes (GaioFuture  *future,
                  GError     **error)
{
  const GValue *value;

  g_return_val_if_fail (GAIO_IS_FUTURE (future), NULL);

  value = await_typed (future, G_TYPE_BYTES, FALSE, NULL, error);
  return value != NULL ? g_value_dup_boxed (value) : NULL;
}

/**
 * gaio_await_pointer: (skip)
 * @future: the future to wait for
 * @error: return location for the future's error
 *
 * Awaits @future and returns the pointer it resolved with through
 * [method@Gaio.Future.resolve_pointer].
 *
 * Returns: (transfer none) (nullable): the pointer, owned by @future, or
 *   %NULL with @error set
 */
gpointer
gaio_await_pointer (GaioFuture  *future,
                    GError     **error)
{
  const GValue *value;

  g_return_val_if_fail (GAIO_IS_FUTURE (future), NULL);

  value = await_typed (future, G_TYPE_POINTER, FALSE, NULL, error);
  return value != NULL ? g_value_get_pointer (value) : NULL;
}
