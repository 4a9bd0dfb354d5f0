/* gaio-queue.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include "gaio-enums.h"
#include "gaio-error.h"
#include "gaio-future-private.h"
#include "gaio-queue.h"
#include "gaio-waiter-private.h"

/**
 * GaioQueue:
 *
 * A FIFO of [struct@GObject.Value]s between producers and consumers that
 * await: `asyncio.Queue`.
 *
 * [method@Gaio.Queue.put] returns a future that resolves once the item is
 * in the queue, waiting while a bounded queue is full;
 * [method@Gaio.Queue.get] returns a future that resolves with the next item,
 * waiting while the queue is empty. Waiters are served in FIFO order.
 * [method@Gaio.Queue.try_put] and [method@Gaio.Queue.try_get] never wait.
 *
 * ```c
 * g_autoptr(GaioQueue) queue = gaio_queue_new (16);
 * g_auto(GValue) item = G_VALUE_INIT;
 *
 * g_value_init (&item, G_TYPE_STRING);
 * g_value_set_string (&item, "https://example.org/");
 * g_autoptr(GaioFuture) put = gaio_queue_put (queue, &item);
 * g_autoptr(GaioFuture) got = gaio_queue_get (queue);   // resolves with a copy of item
 * ```
 *
 * Cancellation never loses or duplicates an item: a cancelled put that was
 * still waiting never inserts its item; a cancelled get that was still
 * waiting takes none; and when [method@Gaio.Queue.get_async]'s item was
 * handed over in the same instant as its cancellable fired, the item goes
 * back to the front of the queue. A put whose item is already in the queue
 * has happened: [method@Gaio.Queue.put_finish] then reports success even if
 * the cancellable fired meanwhile.
 *
 * A queue hands out its items first in, first out. [ctor@Gaio.Queue.new_lifo]
 * makes a LIFO queue (`asyncio.LifoQueue`) and
 * [ctor@Gaio.Queue.new_priority] one that hands out the lowest item first
 * (`asyncio.PriorityQueue`); see [property@Gaio.Queue:order]. Only the
 * order of the items differs: waiting, cancellation and shutdown are the
 * same for all three.
 *
 * Like asyncio's, a queue is used from its owner context only.
 */

/* A priority queue keeps its items sorted in a GSequence, each tagged with
 * a sequence number that breaks ties: puts count up, items handed back by
 * a cancelled get count down, so equal items leave in the order they came
 * and a handed-back item is the next one out again. */
typedef struct
{
  GValue *value;
  gint64  seq;
} Ranked;

typedef struct
{
  GaioFuture *future;
  GValue      value;
} Putter;

struct _GaioQueue
{
  GObject        parent_instance;

  guint          maxsize;
  GaioQueueOrder order;
  GQueue         items;      /* GValue *, owned; FIFO and LIFO */
  GSequence     *ranked;     /* Ranked *, owned; PRIORITY */
  gint64         next_seq;
  gint64         first_seq;
  GaioQueueCompareFunc compare;
  gpointer       compare_data;
  GDestroyNotify compare_destroy;
  GaioWaitQueue  getters;
  GaioWaitQueue  putters;    /* Putter *, waiting while full */
  gboolean       shut_down;
};

G_DEFINE_FINAL_TYPE (GaioQueue, gaio_queue, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MAXSIZE,
  PROP_ORDER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
putter_free (Putter *putter)
{
  g_object_unref (putter->future);
  g_value_unset (&putter->value);
  g_free (putter);
}

static GValue *
value_dup (const GValue *value)
{
  return g_boxed_copy (G_TYPE_VALUE, value);
}

static void
value_free (gpointer value)
{
  g_boxed_free (G_TYPE_VALUE, value);
}

/* The default order of a priority queue: numbers by value, then strings
 * byte by byte. gaio_queue_put() refuses other items without a compare
 * function. */
static gboolean
is_signed_integer (GType type)
{
  return type == G_TYPE_CHAR || type == G_TYPE_INT || type == G_TYPE_LONG ||
         type == G_TYPE_INT64 || type == G_TYPE_BOOLEAN || G_TYPE_IS_ENUM (type);
}

static gboolean
is_number (GType type)
{
  return type != G_TYPE_STRING && g_value_type_transformable (type, G_TYPE_DOUBLE);
}

static gboolean
has_default_order (GType type)
{
  return type == G_TYPE_STRING || is_number (type);
}

static double
value_as_double (const GValue *value)
{
  g_auto(GValue) number = G_VALUE_INIT;

  g_value_init (&number, G_TYPE_DOUBLE);
  g_value_transform (value, &number);
  return g_value_get_double (&number);
}

static gint64
value_as_int64 (const GValue *value)
{
  g_auto(GValue) number = G_VALUE_INIT;

  g_value_init (&number, G_TYPE_INT64);
  g_value_transform (value, &number);
  return g_value_get_int64 (&number);
}

static int
default_compare (const GValue *a,
                 const GValue *b)
{
  GType ta = G_VALUE_TYPE (a), tb = G_VALUE_TYPE (b);

  if (ta == G_TYPE_STRING && tb == G_TYPE_STRING)
    return g_strcmp0 (g_value_get_string (a), g_value_get_string (b));
  if (ta == G_TYPE_STRING || tb == G_TYPE_STRING)
    return ta == G_TYPE_STRING ? 1 : -1;     /* numbers first */
  if (is_signed_integer (ta) && is_signed_integer (tb))
    {
      gint64 x = value_as_int64 (a), y = value_as_int64 (b);

      return (x > y) - (x < y);
    }
  else
    {
      double x = value_as_double (a), y = value_as_double (b);

      return (x > y) - (x < y);
    }
}

static int
ranked_compare (gconstpointer a,
                gconstpointer b,
                gpointer      data)
{
  GaioQueue *self = data;
  const Ranked *x = a, *y = b;
  int order;

  if (self->compare != NULL)
    order = self->compare (x->value, y->value, self->compare_data);
  else
    order = default_compare (x->value, y->value);
  if (order != 0)
    return order;
  return (x->seq > y->seq) - (x->seq < y->seq);
}

static void
ranked_free (gpointer data)
{
  Ranked *ranked = data;

  if (ranked->value != NULL)      /* NULL once taken out */
    g_boxed_free (G_TYPE_VALUE, ranked->value);
  g_free (ranked);
}

static void
ranked_insert (GaioQueue *self,
               GValue    *value,
               gint64     seq)
{
  Ranked *ranked = g_new (Ranked, 1);

  ranked->value = value;
  ranked->seq = seq;
  g_sequence_insert_sorted (self->ranked, ranked, ranked_compare, self);
}

/* Stores @value (taken) where the queue's order puts it. */
static void
items_add (GaioQueue *self,
           GValue    *value)
{
  switch (self->order)
    {
    case GAIO_QUEUE_ORDER_LIFO:
      g_queue_push_head (&self->items, value);
      break;
    case GAIO_QUEUE_ORDER_PRIORITY:
      ranked_insert (self, value, self->next_seq++);
      break;
    case GAIO_QUEUE_ORDER_FIFO:
    default:
      g_queue_push_tail (&self->items, value);
      break;
    }
}

/* Stores @value (taken) as the next item out: one a getter gave back. */
static void
items_add_first (GaioQueue *self,
                 GValue    *value)
{
  if (self->order == GAIO_QUEUE_ORDER_PRIORITY)
    ranked_insert (self, value, --self->first_seq);
  else
    g_queue_push_head (&self->items, value);
}

/* Takes the next item out, or returns NULL. */
static GValue *
items_take (GaioQueue *self)
{
  GSequenceIter *first;
  Ranked *ranked;
  GValue *value;

  if (self->order != GAIO_QUEUE_ORDER_PRIORITY)
    return g_queue_pop_head (&self->items);

  first = g_sequence_get_begin_iter (self->ranked);
  if (g_sequence_iter_is_end (first))
    return NULL;
  ranked = g_sequence_get (first);
  value = g_steal_pointer (&ranked->value);
  g_sequence_remove (first);
  return value;
}

static guint
items_length (GaioQueue *self)
{
  if (self->order == GAIO_QUEUE_ORDER_PRIORITY)
    return g_sequence_get_length (self->ranked);
  return self->items.length;
}

static void
items_clear (GaioQueue *self)
{
  g_queue_clear_full (&self->items, value_free);
  if (self->ranked != NULL)
    g_sequence_remove_range (g_sequence_get_begin_iter (self->ranked),
                             g_sequence_get_end_iter (self->ranked));
}

static GError *
shut_down_error (void)
{
  return g_error_new_literal (GAIO_ERROR, GAIO_ERROR_QUEUE_SHUT_DOWN, "The queue was shut down");
}

/* Whether a priority queue knows where @value goes. */
static gboolean
can_order (GaioQueue    *self,
           const GValue *value)
{
  return self->order != GAIO_QUEUE_ORDER_PRIORITY || self->compare != NULL ||
         has_default_order (G_VALUE_TYPE (value));
}

static gboolean
has_room (GaioQueue *self)
{
  return self->maxsize == 0 || items_length (self) < self->maxsize;
}

/* Hands @value to the longest live getter, or stores it. The queue holds
 * items only while nobody live waits for one. */
static void
deliver (GaioQueue    *self,
         const GValue *value)
{
  if (!gaio_wait_queue_wake_one (&self->getters, value))
    items_add (self, value_dup (value));
}

/* Lets waiting putters in while there is room; a putter cancelled while it
 * waited is skipped and its item dropped. */
static void
admit_putters (GaioQueue *self)
{
  Putter *putter;

  while (has_room (self) && (putter = gaio_wait_queue_pop (&self->putters)) != NULL)
    {
      if (gaio_future_settle (putter->future, GAIO_FUTURE_STATE_RESOLVED, NULL, NULL, TRUE))
        deliver (self, &putter->value);
      putter_free (putter);
    }
}

static void
undo_get (gpointer    source_object,
          GaioFuture *future)
{
  GaioQueue *self = source_object;
  const GValue *value = gaio_future_get_value (future);

  /* The item was handed over but its getter gave up: it goes back first in
   * line, to the next live getter if one waits. */
  if (!gaio_wait_queue_wake_one (&self->getters, value))
    items_add_first (self, value_dup (value));
}

static void
gaio_queue_dispose (GObject *object)
{
  GaioQueue *self = GAIO_QUEUE (object);
  Putter *putter;

  gaio_wait_queue_clear (&self->getters);
  while ((putter = gaio_wait_queue_pop (&self->putters)) != NULL)
    {
      gaio_future_cancel (putter->future);
      putter_free (putter);
    }
  gaio_wait_queue_clear (&self->putters);

  G_OBJECT_CLASS (gaio_queue_parent_class)->dispose (object);
}

static void
gaio_queue_finalize (GObject *object)
{
  GaioQueue *self = GAIO_QUEUE (object);

  items_clear (self);
  g_clear_pointer (&self->ranked, g_sequence_free);
  if (self->compare_destroy != NULL)
    self->compare_destroy (self->compare_data);

  G_OBJECT_CLASS (gaio_queue_parent_class)->finalize (object);
}

static void
gaio_queue_constructed (GObject *object)
{
  GaioQueue *self = GAIO_QUEUE (object);

  if (self->order == GAIO_QUEUE_ORDER_PRIORITY)
    self->ranked = g_sequence_new (ranked_free);

  G_OBJECT_CLASS (gaio_queue_parent_class)->constructed (object);
}

static void
gaio_queue_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  GaioQueue *self = GAIO_QUEUE (object);

  switch (prop_id)
    {
    case PROP_MAXSIZE:
      g_value_set_uint (value, self->maxsize);
      break;
    case PROP_ORDER:
      g_value_set_enum (value, self->order);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gaio_queue_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  GaioQueue *self = GAIO_QUEUE (object);

  switch (prop_id)
    {
    case PROP_MAXSIZE:
      self->maxsize = g_value_get_uint (value);
      break;
    case PROP_ORDER:
      self->order = g_value_get_enum (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gaio_queue_class_init (GaioQueueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = gaio_queue_constructed;
  object_class->get_property = gaio_queue_get_property;
  object_class->set_property = gaio_queue_set_property;
  object_class->dispose = gaio_queue_dispose;
  object_class->finalize = gaio_queue_finalize;

  /**
   * GaioQueue:maxsize:
   *
   * The most items the queue holds, or 0 for no limit.
   */
  properties[PROP_MAXSIZE] =
    g_param_spec_uint ("maxsize", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * GaioQueue:order:
   *
   * The order in which the queue hands out its items. A priority queue
   * made with this property alone (not [ctor@Gaio.Queue.new_priority])
   * orders numbers by value, then strings byte by byte.
   */
  properties[PROP_ORDER] =
    g_param_spec_enum ("order", NULL, NULL, GAIO_TYPE_QUEUE_ORDER, GAIO_QUEUE_ORDER_FIFO,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gaio_queue_init (GaioQueue *self)
{
  g_queue_init (&self->items);
  gaio_wait_queue_init (&self->putters);
  gaio_wait_queue_init (&self->getters);
}

/**
 * gaio_queue_new:
 * @maxsize: the most items the queue holds, or 0 for no limit
 *
 * Creates an empty queue.
 *
 * Returns: (transfer full): a new queue
 */
GaioQueue *
gaio_queue_new (guint maxsize)
{
  return g_object_new (GAIO_TYPE_QUEUE, "maxsize", maxsize, NULL);
}

/**
 * gaio_queue_new_lifo:
 * @maxsize: the most items the queue holds, or 0 for no limit
 *
 * Creates an empty queue that hands out the item put last first, like
 * `asyncio.LifoQueue`.
 *
 * Returns: (transfer full): a new queue
 */
GaioQueue *
gaio_queue_new_lifo (guint maxsize)
{
  return g_object_new (GAIO_TYPE_QUEUE,
                       "maxsize", maxsize,
                       "order", GAIO_QUEUE_ORDER_LIFO,
                       NULL);
}

/**
 * gaio_queue_new_priority:
 * @maxsize: the most items the queue holds, or 0 for no limit
 * @compare: (nullable) (scope notified) (closure user_data) (destroy destroy):
 *   orders the items, or %NULL to order numbers by value, then strings
 *   byte by byte
 * @user_data: data for @compare
 * @destroy: (nullable): frees @user_data with the queue
 *
 * Creates an empty queue that hands out its lowest item first, like
 * `asyncio.PriorityQueue`; items that compare equal leave in the order
 * they were put. As with asyncio's `(priority, item)` tuples, give a
 * @compare that reads the priority out of your items (a boxed struct or
 * object); without one, [method@Gaio.Queue.put] accepts only numbers and
 * strings.
 *
 * Returns: (transfer full): a new queue
 */
GaioQueue *
gaio_queue_new_priority (guint                maxsize,
                         GaioQueueCompareFunc compare,
                         gpointer             user_data,
                         GDestroyNotify       destroy)
{
  GaioQueue *self = g_object_new (GAIO_TYPE_QUEUE,
                                  "maxsize", maxsize,
                                  "order", GAIO_QUEUE_ORDER_PRIORITY,
                                  NULL);

  self->compare = compare;
  self->compare_data = user_data;
  self->compare_destroy = destroy;
  return self;
}

/**
 * gaio_queue_get_order:
 * @self: a queue
 *
 * Gets the order in which @self hands out its items.
 *
 * Returns: the order
 */
GaioQueueOrder
gaio_queue_get_order (GaioQueue *self)
{
  g_return_val_if_fail (GAIO_IS_QUEUE (self), GAIO_QUEUE_ORDER_FIFO);

  return self->order;
}

/**
 * gaio_queue_get_maxsize:
 * @self: a queue
 *
 * Gets the most items @self holds.
 *
 * Returns: the limit, or 0 for none
 */
guint
gaio_queue_get_maxsize (GaioQueue *self)
{
  g_return_val_if_fail (GAIO_IS_QUEUE (self), 0);

  return self->maxsize;
}

/**
 * gaio_queue_get_size:
 * @self: a queue
 *
 * Gets how many items @self holds. Items handed back by a cancelled
 * [method@Gaio.Queue.get_async] may take it briefly past the limit.
 *
 * Returns: the number of items
 */
guint
gaio_queue_get_size (GaioQueue *self)
{
  g_return_val_if_fail (GAIO_IS_QUEUE (self), 0);

  return items_length (self);
}

/**
 * gaio_queue_is_empty:
 * @self: a queue
 *
 * Checks whether @self holds no item.
 *
 * Returns: %TRUE when empty
 */
gboolean
gaio_queue_is_empty (GaioQueue *self)
{
  g_return_val_if_fail (GAIO_IS_QUEUE (self), TRUE);

  return items_length (self) == 0;
}

/**
 * gaio_queue_is_full:
 * @self: a queue
 *
 * Checks whether a put would have to wait.
 *
 * Returns: %TRUE when @self holds its maximum; never for an unbounded queue
 */
gboolean
gaio_queue_is_full (GaioQueue *self)
{
  g_return_val_if_fail (GAIO_IS_QUEUE (self), FALSE);

  return !has_room (self);
}

static GaioFuture *
putter_future (gpointer entry)
{
  return ((Putter *) entry)->future;
}

static gboolean
putters_waiting (GaioQueue *self)
{
  Putter *head;

  while ((head = gaio_wait_queue_peek (&self->putters)) != NULL && gaio_future_is_done (head->future))
    putter_free (gaio_wait_queue_pop (&self->putters));
  return head != NULL;
}

/**
 * gaio_queue_put:
 * @self: a queue
 * @value: the item, copied
 *
 * Adds an item to @self (at the back, or where its
 * [property@Gaio.Queue:order] puts it), waiting in FIFO order while @self
 * is full. Cancel the returned future to give up; an item whose put was
 * cancelled while waiting is never inserted. A priority queue without a
 * compare function accepts numbers and strings only.
 *
 * Returns: (transfer full): a future that resolves, with no value, once
 *   the item is in the queue (or handed to a getter)
 */
GaioFuture *
gaio_queue_put (GaioQueue    *self,
                const GValue *value)
{
  Putter *putter;

  g_return_val_if_fail (GAIO_IS_QUEUE (self), NULL);
  g_return_val_if_fail (G_IS_VALUE (value), NULL);
  g_return_val_if_fail (can_order (self, value), NULL);

  if (self->shut_down)
    return gaio_future_new_rejected (shut_down_error ());
  if (gaio_queue_try_put (self, value))
    return gaio_future_new_resolved (NULL);

  putter = g_new0 (Putter, 1);
  putter->future = gaio_future_with_kind (gaio_future_new (), GAIO_FUTURE_KIND_QUEUE_PUT);
  g_value_init (&putter->value, G_VALUE_TYPE (value));
  g_value_copy (value, &putter->value);
  gaio_wait_queue_sweep (&self->putters, putter_future, (GDestroyNotify) putter_free);
  gaio_wait_queue_push_entry (&self->putters, putter);
  return g_object_ref (putter->future);
}

/**
 * gaio_queue_put_async:
 * @self: a queue
 * @value: the item, copied
 * @cancellable: (nullable): stops waiting; the item is then not inserted
 * @callback: (scope async) (closure user_data): called once the item is in
 *   the queue or the put was cancelled
 * @user_data: data for @callback
 *
 * Adds an item, the GIO way; see [method@Gaio.Queue.put].
 */
void
gaio_queue_put_async (GaioQueue           *self,
                      const GValue        *value,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_return_if_fail (GAIO_IS_QUEUE (self));
  g_return_if_fail (G_IS_VALUE (value));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  gaio_waiter_bind_async (self, gaio_queue_put (self, value), cancellable,
                          gaio_queue_put_async, NULL, callback, user_data);
}

/**
 * gaio_queue_put_finish:
 * @self: a queue
 * @result: the result given to the callback
 * @error: return location for `G_IO_ERROR_CANCELLED`
 *
 * Finishes [method@Gaio.Queue.put_async].
 *
 * Returns: %TRUE if the item was inserted
 */
gboolean
gaio_queue_put_finish (GaioQueue     *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (GAIO_IS_QUEUE (self), FALSE);

  return gaio_waiter_bind_finish (self, result, gaio_queue_put_async, NULL, error);
}

/**
 * gaio_queue_try_put:
 * @self: a queue
 * @value: the item, copied
 *
 * Adds an item if there is room and no earlier put waits, without waiting
 * (`put_nowait()`).
 *
 * Returns: %TRUE if the item was inserted, %FALSE if @self is full
 */
gboolean
gaio_queue_try_put (GaioQueue    *self,
                    const GValue *value)
{
  g_return_val_if_fail (GAIO_IS_QUEUE (self), FALSE);
  g_return_val_if_fail (G_IS_VALUE (value), FALSE);
  g_return_val_if_fail (can_order (self, value), FALSE);

  if (self->shut_down || !has_room (self) || putters_waiting (self))
    return FALSE;

  deliver (self, value);
  return TRUE;
}

/**
 * gaio_queue_get:
 * @self: a queue
 *
 * Removes the next item of @self (the front one, the last one put in a
 * LIFO queue, the lowest one in a priority queue), waiting in FIFO order
 * while @self is empty. Cancel the returned future to give up: a get cancelled while
 * waiting takes no item.
 *
 * Returns: (transfer full): a future that resolves with the item
 */
GaioFuture *
gaio_queue_get (GaioQueue *self)
{
  GValue *item;
  GaioFuture *future;

  g_return_val_if_fail (GAIO_IS_QUEUE (self), NULL);

  item = items_take (self);
  if (item == NULL && self->shut_down)
    return gaio_future_new_rejected (shut_down_error ());
  if (item == NULL)
    return gaio_future_with_kind (gaio_wait_queue_push (&self->getters), GAIO_FUTURE_KIND_QUEUE_GET);

  future = gaio_future_new ();
  gaio_future_take_value (future, item);
  g_free (item);
  admit_putters (self);
  return future;
}

/**
 * gaio_queue_get_async:
 * @self: a queue
 * @cancellable: (nullable): stops waiting; no item is lost
 * @callback: (scope async) (closure user_data): called with the item or
 *   once the get was cancelled
 * @user_data: data for @callback
 *
 * Removes the front item, the GIO way; see [method@Gaio.Queue.get]. An item
 * handed over in the same instant as @cancellable fired goes back to the
 * front of the queue.
 */
void
gaio_queue_get_async (GaioQueue           *self,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_return_if_fail (GAIO_IS_QUEUE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  gaio_waiter_bind_async (self, gaio_queue_get (self), cancellable,
                          gaio_queue_get_async, undo_get, callback, user_data);
}

/**
 * gaio_queue_get_finish:
 * @self: a queue
 * @result: the result given to the callback
 * @error: return location for `G_IO_ERROR_CANCELLED`
 *
 * Finishes [method@Gaio.Queue.get_async].
 *
 * Returns: (transfer full) (nullable): the item, or %NULL with @error set
 */
GValue *
gaio_queue_get_finish (GaioQueue     *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  GValue *value = NULL;

  g_return_val_if_fail (GAIO_IS_QUEUE (self), NULL);

  if (!gaio_waiter_bind_finish (self, result, gaio_queue_get_async, &value, error))
    return NULL;
  return value;
}

/**
 * gaio_queue_try_get:
 * @self: a queue
 *
 * Removes the front item if there is one, without waiting (`get_nowait()`).
 *
 * Returns: (transfer full) (nullable): the item, or %NULL when @self is
 *   empty
 */
GValue *
gaio_queue_try_get (GaioQueue *self)
{
  GValue *item;

  g_return_val_if_fail (GAIO_IS_QUEUE (self), NULL);

  item = items_take (self);
  if (item != NULL)
    admit_putters (self);
  return item;
}

/**
 * gaio_queue_shutdown:
 * @self: a queue
 * @immediate: whether to drop the items still queued
 *
 * Shuts @self down, like asyncio's `Queue.shutdown()` (Python 3.13): puts
 * fail from now on with `GAIO_ERROR_QUEUE_SHUT_DOWN` (and
 * [method@Gaio.Queue.try_put] returns %FALSE), and the puts and gets
 * waiting are woken with that error. Gets go on taking the items left, and
 * fail with that error once @self is empty; with @immediate, the items left
 * are dropped first. Shutting down twice only drops the items when
 * @immediate is given again.
 */
void
gaio_queue_shutdown (GaioQueue *self,
                     gboolean   immediate)
{
  g_autoptr(GError) error = shut_down_error ();
  Putter *putter;

  g_return_if_fail (GAIO_IS_QUEUE (self));

  self->shut_down = TRUE;
  if (immediate)
    items_clear (self);

  while ((putter = gaio_wait_queue_pop (&self->putters)) != NULL)
    {
      gaio_future_try_reject (putter->future, shut_down_error ());
      putter_free (putter);
    }
  gaio_wait_queue_fail_all (&self->getters, error);
}

/**
 * gaio_queue_is_shut_down:
 * @self: a queue
 *
 * Checks whether [method@Gaio.Queue.shutdown] was called.
 *
 * Returns: %TRUE once @self was shut down
 */
gboolean
gaio_queue_is_shut_down (GaioQueue *self)
{
  g_return_val_if_fail (GAIO_IS_QUEUE (self), FALSE);

  return self->shut_down;
}
