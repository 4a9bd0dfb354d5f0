/* gaio-task-graph.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include <dlfcn.h>
#include <signal.h>
#include <stdio.h>

#include <glib-unix.h>

#include "gaio-future-private.h"
#include "gaio-gatherer.h"
#include "gaio-task-graph.h"
#include "gaio-task-group.h"
#include "gaio-task-private.h"

/* The task graph: the live tasks (the registry of gaio-task.c) drawn as
 * asyncio 3.14's `pstree` draws them, each task under the one that awaits
 * it, with what it awaits below it. Nothing is recorded for it but what
 * tasks keep anyway (the future a fiber is suspended on) and a byte of
 * every future saying what made it; bindings hand over their own chains
 * with gaio_task_set_await_chain(). See doc/debugging.md. */

/* Deeper chains are cut: a dump must end even on a pathological graph. */
#define MAX_DEPTH 64

typedef struct
{
  GStrv      frames;
  GPtrArray *awaiting;
} AwaitChain;

static void
await_chain_free (gpointer data)
{
  AwaitChain *chain = data;

  g_strfreev (chain->frames);
  g_ptr_array_unref (chain->awaiting);
  g_free (chain);
}

static GQuark
await_chain_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("gaio-task-await-chain");
  return quark;
}

typedef struct
{
  GString    *out;
  GPtrArray  *held;        /* contexts acquired for the dump */
  GHashTable *unreadable;  /* contexts iterated by another thread now */
  GHashTable *awaited;     /* tasks some other task awaits: not roots */
  GHashTable *shown;       /* tasks drawn already */
  GHashTable *path;        /* tasks on the branch being drawn */
} Graph;

/* What a task's owner context holds (its await state, the futures it
 * awaits) is read only with that context acquired: a context another thread
 * is iterating right now is left alone. */
static gboolean
can_read (Graph    *graph,
          GaioTask *task)
{
  GMainContext *context = gaio_future_get_context (GAIO_FUTURE (task));

  if (g_hash_table_contains (graph->unreadable, context))
    return FALSE;
  for (guint i = 0; i < graph->held->len; i++)
    if (g_ptr_array_index (graph->held, i) == context)
      return TRUE;
  if (!g_main_context_acquire (context))
    {
      g_hash_table_add (graph->unreadable, context);
      return FALSE;
    }
  g_ptr_array_add (graph->held, context);
  return TRUE;
}

/* The futures @task awaits (new references). */
static GPtrArray *
task_awaiting (GaioTask *task)
{
  GPtrArray *futures = g_ptr_array_new_with_free_func (g_object_unref);

  if (gaio_task_get_body (task) != NULL)
    {
      GaioFuture *awaiting = gaio_task_get_awaiting (task);

      if (awaiting != NULL)
        g_ptr_array_add (futures, g_object_ref (awaiting));
    }
  else
    {
      AwaitChain *chain = g_object_get_qdata (G_OBJECT (task), await_chain_quark ());

      for (guint i = 0; chain != NULL && i < chain->awaiting->len; i++)
        g_ptr_array_add (futures, g_object_ref (g_ptr_array_index (chain->awaiting, i)));
    }
  return futures;
}

/* The pending futures @future waits on in turn (new references): the
 * children of a gatherer or task group, the future a timeout times. */
static GPtrArray *
future_children (GaioFuture *future)
{
  GPtrArray *children = g_ptr_array_new_with_free_func (g_object_unref);

  if (G_IS_LIST_MODEL (future)
      && g_type_is_a (g_list_model_get_item_type (G_LIST_MODEL (future)), GAIO_TYPE_FUTURE))
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (future));

      for (guint i = 0; i < n; i++)
        {
          GaioFuture *child = g_list_model_get_item (G_LIST_MODEL (future), i);

          if (child != NULL && !gaio_future_is_done (child))
            g_ptr_array_add (children, child);
          else
            g_clear_object (&child);
        }
    }
  else if (gaio_future_get_kind (future) == GAIO_FUTURE_KIND_TIMEOUT)
    {
      GaioFuture *timed = gaio_future_get_cancel_data (future);

      if (timed != NULL && !gaio_future_is_done (timed))
        g_ptr_array_add (children, g_object_ref (timed));
    }
  return children;
}

/* Marks every task reachable from @future as awaited. */
static void
mark_awaited (Graph      *graph,
              GaioFuture *future,
              guint       depth)
{
  g_autoptr(GPtrArray) children = NULL;

  if (depth > MAX_DEPTH)
    return;
  if (GAIO_IS_TASK (future))
    {
      g_hash_table_add (graph->awaited, future);
      return;
    }
  children = future_children (future);
  for (guint i = 0; i < children->len; i++)
    mark_awaited (graph, g_ptr_array_index (children, i), depth + 1);
}

static const char *
kind_label (GaioFutureKind kind)
{
  switch (kind)
    {
    case GAIO_FUTURE_KIND_SLEEP: return "sleep";
    case GAIO_FUTURE_KIND_TIMEOUT: return "timeout";
    case GAIO_FUTURE_KIND_SHIELD: return "shield";
    case GAIO_FUTURE_KIND_SEMAPHORE: return "Semaphore.acquire";
    case GAIO_FUTURE_KIND_LOCK: return "Lock.acquire";
    case GAIO_FUTURE_KIND_EVENT: return "Event.wait";
    case GAIO_FUTURE_KIND_CONDITION: return "Condition.wait";
    case GAIO_FUTURE_KIND_BARRIER: return "Barrier.wait";
    case GAIO_FUTURE_KIND_QUEUE_GET: return "Queue.get";
    case GAIO_FUTURE_KIND_QUEUE_PUT: return "Queue.put";
    case GAIO_FUTURE_KIND_PLAIN:
    default:
      return NULL;
    }
}

static char *
future_label (GaioFuture *future)
{
  const char *kind = kind_label (gaio_future_get_kind (future));
  const char *name = gaio_future_get_name (future);

  if (kind != NULL)
    return g_strdup (kind);
  if (GAIO_IS_GATHERER (future))
    {
      GaioGatherer *gatherer = GAIO_GATHERER (future);

      return g_strdup_printf ("gather%s%s%s (%u of %u done)",
                              name ? " '" : "", name ? name : "", name ? "'" : "",
                              gaio_gatherer_get_n_done (gatherer),
                              gaio_gatherer_get_n_futures (gatherer));
    }
  if (GAIO_IS_TASK_GROUP (future))
    return g_strdup_printf ("task group%s%s%s (%u tasks)",
                            name ? " '" : "", name ? name : "", name ? "'" : "",
                            g_list_model_get_n_items (G_LIST_MODEL (future)));
  return gaio_future_describe (future);
}

static void
draw_line (Graph      *graph,
           const char *prefix,
           gboolean    last,
           const char *text)
{
  g_string_append_printf (graph->out, "%s%s%s\n", prefix, last ? "└── " : "├── ", text);
}

static char *
child_prefix (const char *prefix,
              gboolean    last)
{
  return g_strconcat (prefix, last ? "    " : "│   ", NULL);
}

static void draw_task (Graph      *graph,
                       GaioTask   *task,
                       const char *prefix,
                       gboolean    last,
                       guint       depth);

static void
draw_future (Graph      *graph,
             GaioFuture *future,
             const char *prefix,
             gboolean    last,
             guint       depth)
{
  g_autofree char *label = NULL;
  g_autofree char *below = NULL;
  g_autoptr(GPtrArray) children = NULL;

  if (GAIO_IS_TASK (future))
    {
      draw_task (graph, GAIO_TASK (future), prefix, last, depth);
      return;
    }

  label = future_label (future);
  draw_line (graph, prefix, last, label);
  if (depth > MAX_DEPTH)
    return;
  below = child_prefix (prefix, last);
  children = future_children (future);
  for (guint i = 0; i < children->len; i++)
    draw_future (graph, g_ptr_array_index (children, i), below, i + 1 == children->len, depth + 1);
}

/* The frames drawn between a task and what it awaits: a binding's stack,
 * or the body function of a fiber or coroutine task when the dynamic
 * linker knows its name (exported functions). */
static GStrv
task_frames (GaioTask *task)
{
  gpointer func = gaio_task_get_body (task);
  Dl_info info;

  if (func == NULL)
    {
      AwaitChain *chain = g_object_get_qdata (G_OBJECT (task), await_chain_quark ());

      return chain != NULL ? g_strdupv (chain->frames) : NULL;
    }
  if (dladdr (func, &info) != 0 && info.dli_sname != NULL && info.dli_saddr == func)
    {
      GStrv frames = g_new0 (char *, 2);

      frames[0] = g_strdup (info.dli_sname);
      return frames;
    }
  return NULL;
}

static void
draw_task (Graph      *graph,
           GaioTask   *task,
           const char *prefix,
           gboolean    last,
           guint       depth)
{
  const char *name = gaio_future_get_name (GAIO_FUTURE (task));
  g_autofree char *title = NULL;
  g_autofree char *below = NULL;
  g_auto(GStrv) frames = NULL;
  g_autoptr(GPtrArray) awaiting = NULL;
  const char *note = "";

  if (name != NULL)
    title = g_strdup_printf ("(T) %s", name);
  else
    title = g_strdup_printf ("(T) %s %p", G_OBJECT_TYPE_NAME (task), task);

  if (g_hash_table_contains (graph->path, task))
    note = " (awaited in a cycle)";
  else if (g_hash_table_contains (graph->shown, task))
    note = " (drawn above)";
  else if (depth > MAX_DEPTH)
    note = " (too deep)";
  else if (!can_read (graph, task))
    {
      note = " (its context runs on another thread: not inspected)";
      g_hash_table_add (graph->shown, task);
    }
  if (note[0] != '\0')
    {
      g_string_append_printf (graph->out, "%s%s%s%s\n", prefix, last ? "└── " : "├── ", title, note);
      return;
    }

  g_hash_table_add (graph->shown, task);
  g_hash_table_add (graph->path, task);

  if (gaio_task_get_cancel_requested (task))
    note = " (cancel requested)";
  else if (gaio_task_get_current () == task)
    note = " (running)";
  g_string_append_printf (graph->out, "%s%s%s%s\n", prefix, last ? "└── " : "├── ", title, note);

  /* Frames nest like asyncio's: each one is awaited by the one above. */
  below = child_prefix (prefix, last);
  frames = task_frames (task);
  for (guint i = 0; frames != NULL && frames[i] != NULL; i++)
    {
      g_autofree char *frame = g_strconcat (" ", frames[i], NULL);
      char *next;

      draw_line (graph, below, TRUE, frame);
      next = child_prefix (below, TRUE);
      g_free (below);
      below = next;
    }

  awaiting = task_awaiting (task);
  for (guint i = 0; i < awaiting->len; i++)
    draw_future (graph, g_ptr_array_index (awaiting, i), below, i + 1 == awaiting->len, depth + 1);

  g_hash_table_remove (graph->path, task);
}

/**
 * gaio_task_dump_graph:
 *
 * Draws the live tasks as a tree, each under the task that awaits it, with
 * what each one awaits below it: a future, a task, a gatherer or task
 * group (with its pending children), a sleep or a primitive
 * (`Semaphore.acquire`, `Lock.acquire`, `Queue.get`, `Event.wait`...),
 * like asyncio's `pstree`:
 *
 * ```
 * └── (T) main
 *     └──  main_body
 *         └── gather (0 of 2 done)
 *             ├── (T) worker-1
 *             │   └── Semaphore.acquire
 *             └── (T) worker-2
 *                 └── sleep
 * ```
 *
 * Fiber tasks record what they await as they suspend; tasks of the Python
 * and GJS bindings appear with the chains their overrides hand over (see
 * [method@Gaio.Task.set_await_chain]). A task awaited by two others is drawn
 * under the first and named again under the second.
 *
 * Thread-safe. What a task awaits is read only while its owner context can
 * be acquired: a task whose context another thread is iterating at that
 * moment is named but not inspected. The environment variable
 * `GAIO_DEBUG=tasks` prints this at exit, after the list of
 * [func@Gaio.Task.dump_live].
 *
 * Returns: (transfer full): the tree, one line per node, or an empty
 *   string when no task is live
 *
 * Since: 0.2
 */
char *
gaio_task_dump_graph (void)
{
  g_autoptr(GPtrArray) tasks = gaio_task_list_live ();
  g_autoptr(GPtrArray) roots = g_ptr_array_new ();
  Graph graph = {
    .out = g_string_new (NULL),
    .held = g_ptr_array_new (),
    .unreadable = g_hash_table_new (NULL, NULL),
    .awaited = g_hash_table_new (NULL, NULL),
    .shown = g_hash_table_new (NULL, NULL),
    .path = g_hash_table_new (NULL, NULL),
  };

  for (guint i = 0; i < tasks->len; i++)
    {
      GaioTask *task = g_ptr_array_index (tasks, i);
      g_autoptr(GPtrArray) awaiting = NULL;

      if (!can_read (&graph, task))
        continue;
      awaiting = task_awaiting (task);
      for (guint j = 0; j < awaiting->len; j++)
        mark_awaited (&graph, g_ptr_array_index (awaiting, j), 0);
    }

  /* Roots first, oldest first; then whatever only a cycle awaits. */
  for (guint i = 0; i < tasks->len; i++)
    if (!g_hash_table_contains (graph.awaited, g_ptr_array_index (tasks, i)))
      g_ptr_array_add (roots, g_ptr_array_index (tasks, i));
  for (guint i = 0; i < roots->len; i++)
    draw_task (&graph, g_ptr_array_index (roots, i), "", TRUE, 0);
  for (guint i = 0; i < tasks->len; i++)
    if (!g_hash_table_contains (graph.shown, g_ptr_array_index (tasks, i)))
      draw_task (&graph, g_ptr_array_index (tasks, i), "", TRUE, 0);

  for (guint i = 0; i < graph.held->len; i++)
    g_main_context_release (g_ptr_array_index (graph.held, i));
  g_ptr_array_unref (graph.held);
  g_hash_table_unref (graph.unreadable);
  g_hash_table_unref (graph.awaited);
  g_hash_table_unref (graph.shown);
  g_hash_table_unref (graph.path);

  return g_string_free (graph.out, FALSE);
}

/**
 * gaio_task_print_graph:
 *
 * Prints [func@Gaio.Task.dump_graph] to stderr, under a heading. Thread-safe.
 *
 * Since: 0.2
 */
void
gaio_task_print_graph (void)
{
  g_autofree char *graph = gaio_task_dump_graph ();

  if (graph[0] == '\0')
    fputs ("Gaio: no live tasks\n", stderr);
  else
    fprintf (stderr, "Gaio: live tasks and what they await:\n%s", graph);
  fflush (stderr);
}

static gboolean
dump_signal_cb (gpointer user_data)
{
  gaio_task_print_graph ();
  return G_SOURCE_CONTINUE;
}

/**
 * gaio_task_install_dump_signal:
 * @signum: `SIGUSR1`, `SIGUSR2`, `SIGHUP`, `SIGINT`, `SIGTERM` or `SIGWINCH`
 *
 * Prints the task graph ([func@Gaio.Task.print_graph]) to stderr whenever
 * the process receives @signum, for a program that opts in:
 *
 * ```c
 * gaio_task_install_dump_signal (SIGUSR1);   // then: kill -USR1 <pid>
 * ```
 *
 * The handler is a [func@GLib.unix_signal_add] source on the global default
 * main context, so it runs once that context is iterated, between callbacks
 * and task steps, never inside one. Remove it with [func@GLib.Source.remove].
 *
 * Returns: the ID of the source (greater than 0)
 *
 * Since: 0.2
 */
guint
gaio_task_install_dump_signal (int signum)
{
  g_return_val_if_fail (signum == SIGUSR1 || signum == SIGUSR2 || signum == SIGHUP
                        || signum == SIGINT || signum == SIGTERM || signum == SIGWINCH, 0);

  return g_unix_signal_add (signum, dump_signal_cb, NULL);
}

/**
 * gaio_task_set_await_chain:
 * @self: a bare task (one made with [ctor@Gaio.Task.new])
 * @frames: (array zero-terminated=1) (nullable): the task's stack as
 *   frames, outermost first (`main example.py:13`), or %NULL
 * @awaiting: (array length=n_awaiting) (nullable): what the task awaits now
 * @n_awaiting: the length of @awaiting
 *
 * Tells the task graph ([func@Gaio.Task.dump_graph]) what a bare task
 * awaits, for bindings whose coroutines the C library cannot see: Python's
 * override sets it for asyncio tasks just before a dump, GJS's
 * `Gaio.awaitFuture()` while it waits. Fiber tasks record their own.
 * Setting no frames and no futures clears it; the futures are held until
 * then. Call it on the task's owner context.
 *
 * Since: 0.2
 */
void
gaio_task_set_await_chain (GaioTask           *self,
                           const char * const *frames,
                           GaioFuture        **awaiting,
                           guint               n_awaiting)
{
  AwaitChain *chain;

  g_return_if_fail (GAIO_IS_TASK (self));
  g_return_if_fail (gaio_task_get_body (self) == NULL);
  g_return_if_fail (awaiting != NULL || n_awaiting == 0);
  for (guint i = 0; i < n_awaiting; i++)
    g_return_if_fail (GAIO_IS_FUTURE (awaiting[i]));

  if ((frames == NULL || frames[0] == NULL) && n_awaiting == 0)
    {
      g_object_set_qdata (G_OBJECT (self), await_chain_quark (), NULL);
      return;
    }

  chain = g_new (AwaitChain, 1);
  chain->frames = g_strdupv ((GStrv) frames);
  chain->awaiting = g_ptr_array_new_full (n_awaiting, g_object_unref);
  for (guint i = 0; i < n_awaiting; i++)
    g_ptr_array_add (chain->awaiting, g_object_ref (awaiting[i]));
  g_object_set_qdata_full (G_OBJECT (self), await_chain_quark (), chain, await_chain_free);
}
