/* test-task-graph.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "test-utils.h"

#define AN_HOUR_MS (3600 * 1000)

/* Runs what is ready until the context has nothing left to do: every task
 * spawned so far has started and is suspended on what it awaits. */
static void
settle_loop (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The dump as "  " per level and the node text, with addresses blanked:
 * what the tree says, without the box drawing. */
static char *
normalize (const char *dump)
{
  g_auto(GStrv) lines = g_strsplit (dump, "\n", -1);
  g_autoptr(GRegex) address = g_regex_new ("0x[0-9a-f]+", 0, 0, NULL);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *mark;
      g_autofree char *text = NULL;
      glong depth;

      if (line[0] == '\0')
        continue;
      mark = strstr (line, "└── ");
      if (mark == NULL)
        mark = strstr (line, "├── ");
      g_assert_nonnull (mark);
      /* Each level is four columns of one-byte or three-byte characters. */
      depth = g_utf8_strlen (line, mark - line) / 4;
      text = g_regex_replace_literal (address, mark + strlen ("└── "), -1, 0, "0x", 0, NULL);
      for (glong d = 0; d < depth; d++)
        g_string_append (out, "  ");
      g_string_append_printf (out, "%s\n", text);
    }
  return g_string_free (out, FALSE);
}

typedef struct
{
  GaioSemaphore *semaphore;
  GaioQueue     *queue;
  GaioTask      *workers[3];
  GaioTask      *sleeper;
} Tree;

static void
permit_body (GaioTask *task,
             gpointer  user_data)
{
  Tree *tree = user_data;
  g_autoptr(GaioFuture) permit = gaio_semaphore_acquire (tree->semaphore);

  gaio_await (permit, NULL);
}

static void
sleep_body (GaioTask *task,
            gpointer  user_data)
{
  g_autoptr(GaioFuture) sleep = gaio_sleep (AN_HOUR_MS);

  gaio_await (sleep, NULL);
}

static void
getter_body (GaioTask *task,
             gpointer  user_data)
{
  Tree *tree = user_data;
  g_autoptr(GaioFuture) item = gaio_queue_get (tree->queue);
  g_autoptr(GaioFuture) timed = gaio_timeout (item, AN_HOUR_MS);

  gaio_await (timed, NULL);
}

static void
gather_body (GaioTask *task,
             gpointer  user_data)
{
  Tree *tree = user_data;
  g_autoptr(GaioGatherer) all = gaio_gatherer_newv (GAIO_GATHER_MODE_ALL,
                                                    (GaioFuture **) tree->workers, 3);

  gaio_await (GAIO_FUTURE (all), NULL);
}

static void
join_body (GaioTask *task,
           gpointer  user_data)
{
  Tree *tree = user_data;

  gaio_await (GAIO_FUTURE (tree->sleeper), NULL);
}

/* A known tree: `main` gathers three workers awaiting a semaphore permit, a
 * sleep and a queue item under a timeout; `joiner` awaits the sleeper too;
 * a bare task, the oldest, carries a binding's chain. Roots come oldest
 * first. */
static void
test_task_graph_tree (void)
{
  Tree tree = { 0 };
  g_autoptr(GaioTask) main_task = NULL;
  g_autoptr(GaioTask) joiner = NULL;
  g_autoptr(GaioTask) bare = gaio_task_new ("binding");
  g_autoptr(GaioFuture) custom = gaio_future_new ();
  const char *frames[] = { "main example.py:13", "helper example.py:5", NULL };
  g_autofree char *dump = NULL;
  g_autofree char *tree_text = NULL;

  tree.semaphore = gaio_semaphore_new (0);
  tree.queue = gaio_queue_new (0);
  tree.workers[0] = gaio_task_spawn ("permit", permit_body, &tree, NULL);
  tree.workers[1] = tree.sleeper = gaio_task_spawn ("sleeper", sleep_body, NULL, NULL);
  tree.workers[2] = gaio_task_spawn ("getter", getter_body, &tree, NULL);
  main_task = gaio_task_spawn ("main", gather_body, &tree, NULL);
  joiner = gaio_task_spawn ("joiner", join_body, &tree, NULL);
  gaio_future_set_name (custom, "custom");
  gaio_task_set_await_chain (bare, frames, &custom, 1);
  settle_loop ();

  dump = gaio_task_dump_graph ();
  g_test_message ("%s", dump);
  tree_text = normalize (dump);
  g_assert_cmpstr (tree_text, ==,
                   "(T) binding\n"
                   "   main example.py:13\n"
                   "     helper example.py:5\n"
                   "      GaioFuture 'custom' (0x)\n"
                   "(T) main\n"
                   "  gather (0 of 3 done)\n"
                   "    (T) permit\n"
                   "      Semaphore.acquire\n"
                   "    (T) sleeper\n"
                   "      sleep\n"
                   "    (T) getter\n"
                   "      timeout\n"
                   "        Queue.get\n"
                   "(T) joiner\n"
                   "  (T) sleeper (drawn above)\n");

  /* Cancelling main cancels the gatherer and so the workers; the joiner
   * then sees the sleeper cancelled. */
  gaio_future_cancel (GAIO_FUTURE (main_task));
  gaio_future_cancel (GAIO_FUTURE (custom));
  gaio_future_resolve (GAIO_FUTURE (bare), NULL);
  gaio_test_wait_for_future (GAIO_FUTURE (joiner), 5000);
  gaio_test_wait_for_future (GAIO_FUTURE (main_task), 5000);
  g_clear_pointer (&dump, g_free);
  dump = gaio_task_dump_graph ();
  g_assert_cmpstr (dump, ==, "");

  /* A settled bare task keeps its chain until cleared or finalized. */
  gaio_task_set_await_chain (bare, NULL, NULL, 0);
  for (guint i = 0; i < 3; i++)
    g_assert_finalize_object (tree.workers[i]);
  g_assert_finalize_object (g_steal_pointer (&main_task));
  g_assert_finalize_object (g_steal_pointer (&joiner));
  g_assert_finalize_object (g_steal_pointer (&bare));
  g_assert_finalize_object (g_steal_pointer (&custom));
  g_assert_finalize_object (tree.queue);
  g_assert_finalize_object (tree.semaphore);
}

static void
lock_body (GaioTask *task,
           gpointer  user_data)
{
  g_autoptr(GaioFuture) locked = gaio_lock_acquire (user_data);

  gaio_await (locked, NULL);
}

static void
event_body (GaioTask *task,
            gpointer  user_data)
{
  g_autoptr(GaioFuture) set = gaio_event_wait (user_data);

  gaio_await (set, NULL);
}

static void
self_join_body (GaioTask *task,
                gpointer  user_data)
{
  GaioTask **other = user_data;

  gaio_await (GAIO_FUTURE (*other), NULL);
}

static void
timed_join_body (GaioTask *task,
                 gpointer  user_data)
{
  GaioTask **other = user_data;
  g_autoptr(GaioFuture) timed = gaio_timeout (GAIO_FUTURE (*other), AN_HOUR_MS);

  gaio_await (timed, NULL);
}

/* Each primitive is named as asyncio names the frame; drawing a cycle of
 * two tasks awaiting each other ends. (A timeout lets the test break it:
 * two tasks awaiting each other bare would never settle.) */
static void
test_task_graph_primitives (void)
{
  g_autoptr(GaioLock) lock = gaio_lock_new ();
  g_autoptr(GaioEvent) event = gaio_event_new ();
  g_autoptr(GaioFuture) held = gaio_lock_acquire (lock);
  g_autoptr(GaioTask) locker = NULL;
  g_autoptr(GaioTask) waiter = NULL;
  GaioTask *a = NULL;
  GaioTask *b = NULL;
  g_autofree char *dump = NULL;
  g_autofree char *tree_text = NULL;

  g_assert_true (gaio_future_is_done (held));
  locker = gaio_task_spawn ("locker", lock_body, lock, NULL);
  waiter = gaio_task_spawn ("waiter", event_body, event, NULL);
  a = gaio_task_spawn ("a", self_join_body, &b, NULL);
  b = gaio_task_spawn ("b", timed_join_body, &a, NULL);
  settle_loop ();

  dump = gaio_task_dump_graph ();
  g_test_message ("%s", dump);
  tree_text = normalize (dump);
  g_assert_cmpstr (tree_text, ==,
                   "(T) locker\n"
                   "  Lock.acquire\n"
                   "(T) waiter\n"
                   "  Event.wait\n"
                   "(T) a\n"
                   "  (T) b\n"
                   "    timeout\n"
                   "      (T) a (awaited in a cycle)\n");

  gaio_future_cancel (GAIO_FUTURE (b));
  gaio_future_cancel (GAIO_FUTURE (locker));
  gaio_event_set (event);
  gaio_test_wait_for_future (GAIO_FUTURE (a), 5000);
  gaio_test_wait_for_future (GAIO_FUTURE (b), 5000);
  gaio_test_wait_for_future (GAIO_FUTURE (locker), 5000);
  gaio_test_wait_for_future (GAIO_FUTURE (waiter), 5000);
  /* The timeout's timer holds `a` until it is due. */
  g_object_unref (a);
  g_assert_finalize_object (b);
  g_assert_finalize_object (g_steal_pointer (&locker));
  g_assert_finalize_object (g_steal_pointer (&waiter));
}

/* A task whose context another thread is iterating is named, not read. */

typedef struct
{
  GMainContext *context;
  GaioTask     *task;
  gboolean      ready;
  gboolean      stop;
  GMutex        lock;
  GCond         cond;
} Other;

static gpointer
other_thread (gpointer data)
{
  Other *other = data;

  g_main_context_push_thread_default (other->context);
  other->task = gaio_task_spawn ("elsewhere", sleep_body, NULL, NULL);
  settle_loop ();
  g_mutex_lock (&other->lock);
  other->ready = TRUE;
  g_cond_signal (&other->cond);
  /* Holds the context, as a thread iterating it does, until told. */
  g_main_context_acquire (other->context);
  while (!other->stop)
    g_cond_wait (&other->cond, &other->lock);
  g_mutex_unlock (&other->lock);
  gaio_future_cancel (GAIO_FUTURE (other->task));
  gaio_test_wait_for_future (GAIO_FUTURE (other->task), 5000);
  g_main_context_release (other->context);
  g_clear_object (&other->task);
  g_main_context_pop_thread_default (other->context);
  return NULL;
}

static void
test_task_graph_other_thread (void)
{
  Other other = { 0 };
  GThread *thread;
  g_autofree char *dump = NULL;

  g_mutex_init (&other.lock);
  g_cond_init (&other.cond);
  other.context = g_main_context_new ();
  thread = g_thread_new ("other", other_thread, &other);
  g_mutex_lock (&other.lock);
  while (!other.ready)
    g_cond_wait (&other.cond, &other.lock);
  g_mutex_unlock (&other.lock);

  dump = gaio_task_dump_graph ();
  g_assert_cmpstr (dump, ==,
                   "└── (T) elsewhere (its context runs on another thread: not inspected)\n");

  g_mutex_lock (&other.lock);
  other.stop = TRUE;
  g_cond_signal (&other.cond);
  g_mutex_unlock (&other.lock);
  g_thread_join (thread);
  g_main_context_unref (other.context);
  g_mutex_clear (&other.lock);
  g_cond_clear (&other.cond);
}

/* The opt-in signal prints the graph; GAIO_DEBUG=tasks prints it at exit. */

static gboolean
wake_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static void
test_task_graph_signal (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GaioTask) task = gaio_task_spawn ("stuck", sleep_body, NULL, NULL);
      g_autofree char *path = NULL;
      g_autofree char *printed = NULL;
      gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
      int fd = g_file_open_tmp ("graph-XXXXXX", &path, NULL);
      int saved = dup (STDERR_FILENO);
      guint id;
      guint wake;

      g_assert_cmpint (fd, >=, 0);
      settle_loop ();
      id = gaio_task_install_dump_signal (SIGUSR1);
      g_assert_cmpuint (id, >, 0);

      /* stderr goes to a file until the handler has printed to it. */
      dup2 (fd, STDERR_FILENO);
      wake = g_timeout_add (50, wake_cb, NULL);
      kill (getpid (), SIGUSR1);
      while (printed == NULL || strstr (printed, "sleep\n") == NULL)
        {
          g_assert_cmpint (g_get_monotonic_time (), <, deadline);
          g_main_context_iteration (NULL, TRUE);
          g_clear_pointer (&printed, g_free);
          g_assert_true (g_file_get_contents (path, &printed, NULL, NULL));
        }
      dup2 (saved, STDERR_FILENO);
      close (saved);
      close (fd);
      g_unlink (path);
      g_source_remove (wake);
      g_source_remove (id);

      g_assert_cmpstr (printed, ==,
                       "Gaio: live tasks and what they await:\n"
                       "└── (T) stuck\n"
                       "    └── sleep\n");
      gaio_future_cancel (GAIO_FUTURE (task));
      gaio_test_wait_for_future (GAIO_FUTURE (task), 5000);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_task_graph_exit (void)
{
  if (g_test_subprocess ())
    {
      GaioTask *task;

      g_setenv ("GAIO_DEBUG", "tasks", TRUE);
      task = gaio_task_spawn ("forgotten", sleep_body, NULL, NULL);
      settle_loop ();
      g_assert_false (gaio_future_is_done (GAIO_FUTURE (task)));
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*Gaio: what they await:\n"
                             "└── (T) forgotten\n"
                             "    └── sleep\n*");
}

static void
test_task_graph_bad_chain (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GaioTask) task = gaio_task_spawn ("fiber", sleep_body, NULL, NULL);

      /* A fiber task records its own chain. */
      gaio_task_set_await_chain (task, NULL, NULL, 0);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*gaio_task_set_await_chain*");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/Gaio/TaskGraph/tree", test_task_graph_tree);
  g_test_add_func ("/Gaio/TaskGraph/primitives", test_task_graph_primitives);
  g_test_add_func ("/Gaio/TaskGraph/other-thread", test_task_graph_other_thread);
  g_test_add_func ("/Gaio/TaskGraph/signal", test_task_graph_signal);
  g_test_add_func ("/Gaio/TaskGraph/exit", test_task_graph_exit);
  g_test_add_func ("/Gaio/TaskGraph/bad-chain", test_task_graph_bad_chain);

  return g_test_run ();
}
