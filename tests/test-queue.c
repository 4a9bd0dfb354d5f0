/* test-queue.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "test-gather-utils.h"

static GValue *
int_value (GValue *value,
           int     v)
{
  g_value_init (value, G_TYPE_INT);
  g_value_set_int (value, v);
  return value;
}

static int
future_int (GaioFuture *future)
{
  g_assert_cmpint (gaio_future_get_state (future), ==, GAIO_FUTURE_STATE_RESOLVED);
  return g_value_get_int (gaio_future_get_value (future));
}

/* The tests of waiting, cancellation and shutdown run for every order:
 * @order is a GaioQueueOrder's nick. */
static GaioQueue *
queue_new_ordered (gconstpointer order,
                   guint         maxsize)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (GAIO_TYPE_QUEUE_ORDER);
  GEnumValue *value = g_enum_get_value_by_nick (klass, order);

  g_assert_nonnull (value);
  return g_object_new (GAIO_TYPE_QUEUE, "maxsize", maxsize, "order", value->value, NULL);
}

static int
take_int (GaioQueue *queue)
{
  GValue *item = gaio_queue_try_get (queue);
  int v;

  g_assert_nonnull (item);
  v = g_value_get_int (item);
  g_boxed_free (G_TYPE_VALUE, item);
  return v;
}

static void
put_int (GaioQueue *queue,
         int        v)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_assert_true (gaio_queue_try_put (queue, int_value (&value, v)));
}

static void
test_queue_fifo (void)
{
  g_autoptr(GaioQueue) queue = gaio_queue_new (0);
  GValue v = G_VALUE_INIT;
  GValue *item;

  g_assert_true (gaio_queue_is_empty (queue));
  g_assert_false (gaio_queue_is_full (queue));
  g_assert_null (gaio_queue_try_get (queue));
  for (int i = 0; i < 5; i++)
    {
      g_autoptr(GaioFuture) put = gaio_queue_put (queue, int_value (&v, i));
      g_assert_true (gaio_future_is_done (put));
      g_value_unset (&v);
    }
  g_assert_cmpuint (gaio_queue_get_size (queue), ==, 5);

  for (int i = 0; i < 4; i++)
    {
      g_autoptr(GaioFuture) get = gaio_queue_get (queue);
      g_assert_cmpint (future_int (get), ==, i);
    }
  item = gaio_queue_try_get (queue);
  g_assert_cmpint (g_value_get_int (item), ==, 4);
  g_boxed_free (G_TYPE_VALUE, item);
  g_assert_true (gaio_queue_is_empty (queue));

  gaio_test_iterate_for (1);
  g_assert_finalize_object (g_steal_pointer (&queue));
}

static void
test_queue_bounded (void)
{
  g_autoptr(GaioQueue) queue = gaio_queue_new (2);
  g_autoptr(GaioFuture) waiting_put = NULL;
  g_autoptr(GaioFuture) get = NULL;
  GValue v = G_VALUE_INIT;

  g_assert_cmpuint (gaio_queue_get_maxsize (queue), ==, 2);
  g_assert_true (gaio_queue_try_put (queue, int_value (&v, 1)));
  g_value_unset (&v);
  g_assert_true (gaio_queue_try_put (queue, int_value (&v, 2)));
  g_value_unset (&v);
  g_assert_true (gaio_queue_is_full (queue));
  g_assert_false (gaio_queue_try_put (queue, int_value (&v, 3)));

  waiting_put = gaio_queue_put (queue, &v);
  g_value_unset (&v);
  g_assert_false (gaio_future_is_done (waiting_put));

  /* A get makes room: the waiting put goes in behind the others. */
  get = gaio_queue_get (queue);
  g_assert_cmpint (future_int (get), ==, 1);
  g_assert_true (gaio_future_is_done (waiting_put));
  g_assert_cmpuint (gaio_queue_get_size (queue), ==, 2);
  g_clear_object (&get);
  get = gaio_queue_get (queue);
  g_assert_cmpint (future_int (get), ==, 2);
  g_clear_object (&get);
  get = gaio_queue_get (queue);
  g_assert_cmpint (future_int (get), ==, 3);

  gaio_test_iterate_for (1);
  g_assert_finalize_object (g_steal_pointer (&queue));
}

static void
test_queue_get_waits (void)
{
  g_autoptr(GaioQueue) queue = gaio_queue_new (0);
  g_autoptr(GaioFuture) first = gaio_queue_get (queue);
  g_autoptr(GaioFuture) second = gaio_queue_get (queue);
  GValue v = G_VALUE_INIT;

  g_assert_false (gaio_future_is_done (first));
  g_assert_true (gaio_queue_try_put (queue, int_value (&v, 7)));
  g_value_unset (&v);
  /* Handed straight to the longest waiter; the queue stays empty. */
  g_assert_cmpint (future_int (first), ==, 7);
  g_assert_false (gaio_future_is_done (second));
  g_assert_true (gaio_queue_is_empty (queue));

  g_assert_true (gaio_future_cancel (second));
  g_assert_true (gaio_queue_try_put (queue, int_value (&v, 8)));
  g_value_unset (&v);
  /* The cancelled getter took nothing. */
  g_assert_cmpuint (gaio_queue_get_size (queue), ==, 1);

  gaio_test_iterate_for (1);
  g_assert_finalize_object (g_steal_pointer (&queue));
}

/* A put cancelled while it waited never inserts its item. */
static void
test_queue_cancel_put (gconstpointer data)
{
  g_autoptr(GaioQueue) queue = queue_new_ordered (data, 1);
  g_autoptr(GaioFuture) put = NULL;
  g_autoptr(GaioFuture) get = NULL;
  GValue v = G_VALUE_INIT;

  g_assert_true (gaio_queue_try_put (queue, int_value (&v, 1)));
  g_value_unset (&v);
  put = gaio_queue_put (queue, int_value (&v, 2));
  g_value_unset (&v);
  g_assert_true (gaio_future_cancel (put));

  get = gaio_queue_get (queue);
  g_assert_cmpint (future_int (get), ==, 1);
  g_assert_true (gaio_queue_is_empty (queue));
  /* The cancelled put does not block later ones either. */
  g_assert_true (gaio_queue_try_put (queue, int_value (&v, 3)));
  g_value_unset (&v);

  gaio_test_iterate_for (1);
  g_assert_finalize_object (g_steal_pointer (&queue));
}

typedef struct
{
  gboolean  done;
  GValue   *item;
  GError   *error;
} GetResult;

static void
get_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      data)
{
  GetResult *res = data;

  res->item = gaio_queue_get_finish (GAIO_QUEUE (object), result, &res->error);
  res->done = TRUE;
}

/* The item is handed to a getter whose cancellable fires in the same
 * instant: it goes back to the front of the queue, the next out whatever
 * the order (in a LIFO queue too, although it came in first). */
static void
test_queue_cancel_get_race (gconstpointer data)
{
  g_autoptr(GaioQueue) queue = queue_new_ordered (data, 0);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GetResult racer = { 0 };
  GValue v = G_VALUE_INIT;
  GValue *item;

  gaio_queue_get_async (queue, cancellable, get_done_cb, &racer);
  g_assert_true (gaio_queue_try_put (queue, int_value (&v, 1)));
  g_value_unset (&v);
  g_assert_true (gaio_queue_try_put (queue, int_value (&v, 2)));
  g_value_unset (&v);
  g_assert_cmpuint (gaio_queue_get_size (queue), ==, 1);
  g_cancellable_cancel (cancellable);

  gaio_test_wait_for_flag (&racer.done, 1000);
  g_assert_null (racer.item);
  g_assert_error (racer.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&racer.error);

  g_assert_cmpuint (gaio_queue_get_size (queue), ==, 2);
  item = gaio_queue_try_get (queue);
  g_assert_cmpint (g_value_get_int (item), ==, 1);
  g_boxed_free (G_TYPE_VALUE, item);
  item = gaio_queue_try_get (queue);
  g_assert_cmpint (g_value_get_int (item), ==, 2);
  g_boxed_free (G_TYPE_VALUE, item);

  gaio_test_iterate_for (1);
  g_assert_finalize_object (g_steal_pointer (&queue));
}

#define N_ITEMS 200

typedef struct
{
  GaioQueue *queue;
  guint      seen[N_ITEMS];
  guint      n_received;
  guint      n_consumers_done;
  guint      n_cancelled;
  guint      round;
  GPtrArray *cancellables;
} ProducerConsumer;

static void consume (ProducerConsumer *pc);

static void
consumer_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      data)
{
  ProducerConsumer *pc = data;
  g_autoptr(GError) error = NULL;
  GValue *item = gaio_queue_get_finish (GAIO_QUEUE (object), result, &error);

  if (item == NULL)
    {
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      pc->n_cancelled++;
    }
  else
    {
      int v = g_value_get_int (item);

      g_assert_cmpint (v, >=, 0);
      g_assert_cmpint (v, <, N_ITEMS);
      pc->seen[v]++;
      pc->n_received++;
      g_boxed_free (G_TYPE_VALUE, item);
    }

  if (pc->n_received < N_ITEMS)
    consume (pc);
  else
    pc->n_consumers_done++;
}

static void
cancel_cb (GaioFuture *sleep,
           gpointer    data)
{
  g_cancellable_cancel (data);
}

static void
consume (ProducerConsumer *pc)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_ptr_array_add (pc->cancellables, g_object_ref (cancellable));
  gaio_queue_get_async (pc->queue, cancellable, consumer_cb, pc);
  /* The first get is cancelled while surely waiting (nothing is put yet),
   * so the cancel path runs however fast the machine is; every third get
   * is cancelled soon, often just as its item arrives. */
  if (++pc->round == 1)
    g_cancellable_cancel (cancellable);
  else if (pc->round % 3 == 0)
    {
      g_autoptr(GaioFuture) sleep = gaio_sleep (pc->round % 2);
      gaio_future_add_done_callback (sleep, cancel_cb, g_object_ref (cancellable), g_object_unref);
    }
}

static void
put_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gaio_queue_put_finish (GAIO_QUEUE (object), result, &error));
  g_assert_no_error (error);
}

static void
produce_cb (GaioFuture *sleep,
            gpointer    data)
{
  ProducerConsumer *pc = data;
  int v = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (sleep), "item"));
  GValue value = G_VALUE_INIT;

  gaio_queue_put_async (pc->queue, int_value (&value, v), NULL, put_done_cb, NULL);
  g_value_unset (&value);
}

/* Producers and consumers, with consumers cancelled at random moments: every
 * item arrives exactly once. */
static void
test_queue_producer_consumer (gconstpointer data)
{
  ProducerConsumer pc = { 0 };

  pc.queue = queue_new_ordered (data, 4);
  pc.cancellables = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint c = 0; c < 3; c++)
    consume (&pc);
  for (int i = 0; i < N_ITEMS; i++)
    {
      g_autoptr(GaioFuture) sleep = gaio_sleep (i % 5);

      g_object_set_data (G_OBJECT (sleep), "item", GINT_TO_POINTER (i));
      gaio_future_add_done_callback (sleep, produce_cb, &pc, NULL);
    }

  while (pc.n_received < N_ITEMS)
    gaio_test_iterate_for (1);

  for (guint i = 0; i < N_ITEMS; i++)
    g_assert_cmpuint (pc.seen[i], ==, 1);
  g_assert_cmpuint (pc.n_cancelled, >, 0);
  g_assert_true (gaio_queue_is_empty (pc.queue));

  /* Stop the consumers still waiting: they take nothing. */
  for (guint i = 0; i < pc.cancellables->len; i++)
    g_cancellable_cancel (pc.cancellables->pdata[i]);
  while (pc.n_consumers_done < 3)
    gaio_test_iterate_for (1);
  g_assert_cmpuint (pc.n_received, ==, N_ITEMS);

  gaio_test_iterate_for (5);
  g_ptr_array_unref (pc.cancellables);
  g_assert_finalize_object (pc.queue);
}

/* asyncio 3.13's Queue.shutdown(): waiting puts and gets fail, gets drain
 * what is left (unless immediate), later puts fail. */
static void
test_queue_shutdown (gconstpointer data)
{
  g_autoptr(GaioQueue) queue = queue_new_ordered (data, 1);
  g_autoptr(GaioQueue) empty = queue_new_ordered (data, 0);
  GValue v1 = G_VALUE_INIT, v2 = G_VALUE_INIT, v3 = G_VALUE_INIT;
  g_autoptr(GaioFuture) blocked_put = NULL;
  g_autoptr(GaioFuture) blocked_get = NULL;
  g_autoptr(GaioFuture) left = NULL;
  g_autoptr(GaioFuture) after = NULL;
  g_autoptr(GaioFuture) late_put = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (gaio_queue_try_put (queue, int_value (&v1, 1)));
  blocked_put = gaio_queue_put (queue, int_value (&v2, 2));
  blocked_get = gaio_queue_get (empty);
  g_assert_false (gaio_future_is_done (blocked_put));

  gaio_queue_shutdown (queue, FALSE);
  gaio_queue_shutdown (empty, FALSE);
  g_assert_true (gaio_queue_is_shut_down (queue));
  g_assert_null (gaio_run (blocked_put, &error));
  g_assert_error (error, GAIO_ERROR, GAIO_ERROR_QUEUE_SHUT_DOWN);
  g_clear_error (&error);
  g_assert_null (gaio_run (blocked_get, &error));
  g_assert_error (error, GAIO_ERROR, GAIO_ERROR_QUEUE_SHUT_DOWN);
  g_clear_error (&error);

  g_assert_false (gaio_queue_try_put (queue, int_value (&v3, 3)));
  late_put = gaio_queue_put (queue, &v3);
  g_assert_null (gaio_run (late_put, &error));
  g_assert_error (error, GAIO_ERROR, GAIO_ERROR_QUEUE_SHUT_DOWN);
  g_clear_error (&error);

  /* The item left is still handed out, then gets fail. */
  left = gaio_queue_get (queue);
  g_assert_cmpint (g_value_get_int (gaio_run (left, NULL)), ==, 1);
  after = gaio_queue_get (queue);
  g_assert_null (gaio_run (after, &error));
  g_assert_error (error, GAIO_ERROR, GAIO_ERROR_QUEUE_SHUT_DOWN);

  g_value_unset (&v1);
  g_value_unset (&v2);
  g_value_unset (&v3);
}

static void
test_queue_shutdown_immediate (gconstpointer data)
{
  g_autoptr(GaioQueue) queue = queue_new_ordered (data, 0);
  GValue v = G_VALUE_INIT;
  g_autoptr(GaioFuture) get = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (gaio_queue_try_put (queue, int_value (&v, 1)));
  gaio_queue_shutdown (queue, TRUE);
  g_assert_true (gaio_queue_is_empty (queue));
  get = gaio_queue_get (queue);
  g_assert_null (gaio_run (get, &error));
  g_assert_error (error, GAIO_ERROR, GAIO_ERROR_QUEUE_SHUT_DOWN);
  g_value_unset (&v);
}

/* asyncio.LifoQueue: the item put last comes out first; a getter already
 * waiting still takes the first item put. */
static void
test_queue_lifo (void)
{
  g_autoptr(GaioQueue) queue = gaio_queue_new_lifo (3);
  g_autoptr(GaioFuture) waiting = gaio_queue_get (queue);
  g_autoptr(GaioFuture) blocked = NULL;
  GValue v = G_VALUE_INIT;

  g_assert_cmpint (gaio_queue_get_order (queue), ==, GAIO_QUEUE_ORDER_LIFO);
  put_int (queue, 0);
  g_assert_cmpint (future_int (waiting), ==, 0);

  for (int i = 1; i <= 3; i++)
    put_int (queue, i);
  g_assert_true (gaio_queue_is_full (queue));
  blocked = gaio_queue_put (queue, int_value (&v, 4));
  g_value_unset (&v);
  g_assert_false (gaio_future_is_done (blocked));

  /* Taking 3 lets the waiting put in: 4 is now the last one put. */
  g_assert_cmpint (take_int (queue), ==, 3);
  g_assert_true (gaio_future_is_done (blocked));
  g_assert_cmpint (take_int (queue), ==, 4);
  g_assert_cmpint (take_int (queue), ==, 2);
  g_assert_cmpint (take_int (queue), ==, 1);
  g_assert_true (gaio_queue_is_empty (queue));

  gaio_test_iterate_for (1);
  g_assert_finalize_object (g_steal_pointer (&queue));
}

/* asyncio.PriorityQueue without a compare function: numbers by value
 * (whatever their type), then strings. */
static void
test_queue_priority_default (void)
{
  g_autoptr(GaioQueue) queue = gaio_queue_new_priority (0, NULL, NULL, NULL);
  g_autofree char *order = NULL;
  GString *out = g_string_new (NULL);
  GValue v = G_VALUE_INIT;
  GValue *item;

  g_assert_cmpint (gaio_queue_get_order (queue), ==, GAIO_QUEUE_ORDER_PRIORITY);
  put_int (queue, 5);
  g_value_init (&v, G_TYPE_STRING);
  g_value_set_string (&v, "b");
  g_assert_true (gaio_queue_try_put (queue, &v));
  g_value_set_string (&v, "a");
  g_assert_true (gaio_queue_try_put (queue, &v));
  g_value_unset (&v);
  g_value_init (&v, G_TYPE_DOUBLE);
  g_value_set_double (&v, 1.5);
  g_assert_true (gaio_queue_try_put (queue, &v));
  g_value_unset (&v);
  g_value_init (&v, G_TYPE_INT64);
  g_value_set_int64 (&v, -G_GINT64_CONSTANT (9007199254740993));   /* not a double */
  g_assert_true (gaio_queue_try_put (queue, &v));
  g_value_set_int64 (&v, -G_GINT64_CONSTANT (9007199254740992));
  g_assert_true (gaio_queue_try_put (queue, &v));
  g_value_unset (&v);
  put_int (queue, 1);
  g_assert_cmpuint (gaio_queue_get_size (queue), ==, 7);

  while ((item = gaio_queue_try_get (queue)) != NULL)
    {
      g_autofree char *text = g_strdup_value_contents (item);

      g_string_append_printf (out, "%s ", text);
      g_boxed_free (G_TYPE_VALUE, item);
    }
  order = g_string_free (out, FALSE);
  g_assert_cmpstr (order, ==, "-9007199254740993 -9007199254740992 1 1.500000 5 \"a\" \"b\" ");
}

/* With a compare function: items that compare equal keep their order, a
 * getter waiting on an empty queue takes the first item put, and an
 * item a cancelled get hands back is the next one out again. */
static int
compare_tens (const GValue *a,
              const GValue *b,
              gpointer      user_data)
{
  (*(int *) user_data)++;
  return g_value_get_int (a) / 10 - g_value_get_int (b) / 10;
}

static void
count_destroy (gpointer data)
{
  *(int *) data = -1;
}

static void
test_queue_priority_compare (void)
{
  int calls = 0;
  GaioQueue *queue = gaio_queue_new_priority (0, compare_tens, &calls, count_destroy);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GetResult racer = { 0 };
  const int puts[] = { 31, 12, 35, 10, 19, 33 };

  for (guint i = 0; i < G_N_ELEMENTS (puts); i++)
    put_int (queue, puts[i]);
  g_assert_cmpint (calls, >, 0);
  g_assert_cmpint (take_int (queue), ==, 12);

  /* 10 is handed to a getter cancelled in the same instant: it goes back
   * before 19, its equal. */
  gaio_queue_get_async (queue, cancellable, get_done_cb, &racer);
  g_assert_true (racer.item == NULL && !racer.done);
  g_cancellable_cancel (cancellable);
  gaio_test_wait_for_flag (&racer.done, 1000);
  if (racer.item != NULL)
    {
      /* The get finished before the cancel: 10 was taken, not lost. */
      g_assert_cmpint (g_value_get_int (racer.item), ==, 10);
      g_boxed_free (G_TYPE_VALUE, racer.item);
      put_int (queue, 10);
      g_assert_cmpint (take_int (queue), ==, 19);
      g_assert_cmpint (take_int (queue), ==, 10);
    }
  else
    {
      g_assert_error (racer.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&racer.error);
      g_assert_cmpint (take_int (queue), ==, 10);
      g_assert_cmpint (take_int (queue), ==, 19);
    }
  g_assert_cmpint (take_int (queue), ==, 31);
  g_assert_cmpint (take_int (queue), ==, 35);
  g_assert_cmpint (take_int (queue), ==, 33);
  g_assert_true (gaio_queue_is_empty (queue));

  gaio_test_iterate_for (1);
  g_assert_finalize_object (queue);
  g_assert_cmpint (calls, ==, -1);
}

/* Without a compare function, items that have no order are refused. */
static void
test_queue_priority_unordered (void)
{
  g_autoptr(GaioQueue) queue = gaio_queue_new_priority (0, NULL, NULL, NULL);
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_OBJECT);
  g_value_set_object (&v, queue);
  g_test_expect_message ("Gaio", G_LOG_LEVEL_CRITICAL, "*can_order*");
  g_assert_false (gaio_queue_try_put (queue, &v));
  g_test_assert_expected_messages ();
  g_assert_true (gaio_queue_is_empty (queue));
  g_value_set_object (&v, NULL);
}

int
main (int   argc,
      char *argv[])
{
  const char *orders[] = { "fifo", "lifo", "priority" };

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/Gaio/Queue/fifo", test_queue_fifo);
  g_test_add_func ("/Gaio/Queue/bounded", test_queue_bounded);
  g_test_add_func ("/Gaio/Queue/get-waits", test_queue_get_waits);
  g_test_add_func ("/Gaio/Queue/lifo", test_queue_lifo);
  g_test_add_func ("/Gaio/Queue/priority-default", test_queue_priority_default);
  g_test_add_func ("/Gaio/Queue/priority-compare", test_queue_priority_compare);
  g_test_add_func ("/Gaio/Queue/priority-unordered", test_queue_priority_unordered);
  for (guint i = 0; i < G_N_ELEMENTS (orders); i++)
    {
      const struct { const char *name; GTestDataFunc func; } tests[] = {
        { "cancel-put", test_queue_cancel_put },
        { "cancel-get-race", test_queue_cancel_get_race },
        { "producer-consumer", test_queue_producer_consumer },
        { "shutdown", test_queue_shutdown },
        { "shutdown-immediate", test_queue_shutdown_immediate },
      };

      for (guint t = 0; t < G_N_ELEMENTS (tests); t++)
        {
          /* FIFO keeps the historical names. */
          g_autofree char *path = i == 0
            ? g_strdup_printf ("/Gaio/Queue/%s", tests[t].name)
            : g_strdup_printf ("/Gaio/Queue/%s/%s", orders[i], tests[t].name);

          g_test_add_data_func (path, orders[i], tests[t].func);
        }
    }

  return g_test_run ();
}
