/* gaio-waiter.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include <string.h>

#include "gaio-future-private.h"
#include "gaio-waiter-private.h"

/* The queue is a ring of entry pointers, a power of two long: a waiter
 * costs one slot, not a list link of its own, which many waiting tasks
 * would each pay for in an allocation and a page fault. */
#define MIN_CAPACITY 8
#define MIN_SWEEP 16

void
gaio_wait_queue_init (GaioWaitQueue *self)
{
  *self = (GaioWaitQueue) { NULL, 0, 0, 0, 0 };
}

static inline gpointer *
slot (GaioWaitQueue *self,
      guint          i)
{
  return &self->ring[(self->head + i) & (self->capacity - 1)];
}

/* Doubles a full ring in place: realloc() moves a large one by remapping
 * its pages, where a copy would touch (and fault in) a fresh page for
 * every page of waiters. The entries that wrapped around to the start go
 * after the old end, where the grown ring looks for them. */
static void
grow (GaioWaitQueue *self)
{
  guint old = self->capacity;
  guint wrapped = self->head + self->length > old ? self->head + self->length - old : 0;

  self->capacity = MAX (2 * old, MIN_CAPACITY);
  self->ring = g_renew (gpointer, self->ring, self->capacity);
  memcpy (self->ring + old, self->ring, wrapped * sizeof (gpointer));
}

/* Moves the entries to a smaller ring, oldest first. */
static void
resize (GaioWaitQueue *self,
        guint          capacity)
{
  gpointer *ring = g_new (gpointer, capacity);

  for (guint i = 0; i < self->length; i++)
    ring[i] = *slot (self, i);
  g_free (self->ring);
  self->ring = ring;
  self->head = 0;
  self->capacity = capacity;
}

void
gaio_wait_queue_push_entry (GaioWaitQueue *self,
                            gpointer       entry)
{
  if (self->length == self->capacity)
    grow (self);
  *slot (self, self->length++) = entry;
}

gpointer
gaio_wait_queue_peek (GaioWaitQueue *self)
{
  return self->length > 0 ? self->ring[self->head] : NULL;
}

gpointer
gaio_wait_queue_pop (GaioWaitQueue *self)
{
  gpointer entry;

  if (self->length == 0)
    return NULL;

  entry = self->ring[self->head];
  self->head = (self->head + 1) & (self->capacity - 1);
  self->length--;

  /* A crowd of waiters that has gone leaves a ring a quarter full at most. */
  if (self->capacity > 8 * MIN_CAPACITY && self->length < self->capacity / 8)
    resize (self, self->capacity / 4);
  return entry;
}

/* Waiters left when their owner goes away would never settle: cancel them,
 * so whoever awaits them is told. */
void
gaio_wait_queue_clear (GaioWaitQueue *self)
{
  GaioFuture *future;

  while ((future = gaio_wait_queue_pop (self)) != NULL)
    {
      gaio_future_cancel (future);
      g_object_unref (future);
    }
  g_clear_pointer (&self->ring, g_free);
  self->capacity = 0;
  self->head = 0;
}

void
gaio_wait_queue_drop_settled (GaioWaitQueue  *self,
                              GaioFuture   *(*future_of) (gpointer entry),
                              GDestroyNotify  free_entry)
{
  guint kept = 0;

  /* In place, oldest first: what is kept stays in order. */
  for (guint i = 0; i < self->length; i++)
    {
      gpointer entry = *slot (self, i);
      GaioFuture *future = future_of ? future_of (entry) : entry;

      if (gaio_future_is_done (future))
        free_entry (entry);
      else
        *slot (self, kept++) = entry;
    }
  self->length = kept;
}

void
gaio_wait_queue_sweep (GaioWaitQueue  *self,
                       GaioFuture   *(*future_of) (gpointer entry),
                       GDestroyNotify  free_entry)
{
  if (self->length < MAX (self->sweep_at, MIN_SWEEP))
    return;

  gaio_wait_queue_drop_settled (self, future_of, free_entry);
  self->sweep_at = 2 * self->length;
}

GaioFuture *
gaio_wait_queue_push (GaioWaitQueue *self)
{
  GaioFuture *future = gaio_future_new ();

  gaio_wait_queue_sweep (self, NULL, g_object_unref);
  gaio_wait_queue_push_entry (self, g_object_ref (future));
  return future;
}

static GValue *
copy_value (const GValue *value,
            GValue       *copy)
{
  if (value == NULL)
    return NULL;
  g_value_init (copy, G_VALUE_TYPE (value));
  g_value_copy (value, copy);
  return copy;
}

gboolean
gaio_wait_queue_wake_one (GaioWaitQueue *self,
                          const GValue  *value)
{
  GaioFuture *future;

  while ((future = gaio_wait_queue_pop (self)) != NULL)
    {
      GValue copy = G_VALUE_INIT;
      /* The waiter may be cancelled on another thread right now: settling
       * decides atomically who wins, and a refused grant goes to the next. */
      gboolean taken = gaio_future_settle (future, GAIO_FUTURE_STATE_RESOLVED,
                                           copy_value (value, &copy), NULL, TRUE);

      g_object_unref (future);
      if (taken)
        return TRUE;
    }

  return FALSE;
}

gboolean
gaio_wait_queue_wake_one_eager (GaioWaitQueue *self,
                                GValue        *value)
{
  GaioFuture *future;

  /* As above, but @value moves into the waiter that takes it: a refused
   * grant leaves it whole for the next. */
  while ((future = gaio_wait_queue_pop (self)) != NULL)
    {
      gboolean taken = gaio_future_settle_eager (future, value);

      g_object_unref (future);
      if (taken)
        return TRUE;
    }

  return FALSE;
}

void
gaio_wait_queue_wake_all (GaioWaitQueue *self)
{
  while (gaio_wait_queue_wake_one (self, NULL))
    ;
}

void
gaio_wait_queue_fail_all (GaioWaitQueue *self,
                          const GError  *error)
{
  GaioFuture *future;

  while ((future = gaio_wait_queue_pop (self)) != NULL)
    {
      gaio_future_settle (future, GAIO_FUTURE_STATE_REJECTED, NULL, g_error_copy (error), TRUE);
      g_object_unref (future);
    }
}

typedef struct
{
  GTask              *task;
  GaioFuture         *future;
  GCancellable       *cancellable;
  gulong              handler;
  GaioWaiterUndoFunc  undo;
} Bind;

static void
bind_free (gpointer data)
{
  Bind *bind = data;

  g_clear_object (&bind->task);
  g_clear_object (&bind->future);
  g_clear_object (&bind->cancellable);
  g_free (bind);
}

static void
bind_cancelled_cb (GCancellable *cancellable,
                   gpointer      data)
{
  Bind *bind = data;

  /* Thread-safe; does nothing once the waiter was granted. */
  gaio_future_cancel (bind->future);
}

static void
free_value (gpointer value)
{
  g_boxed_free (G_TYPE_VALUE, value);
}

static void
bind_done_cb (GaioFuture *future,
              gpointer    data)
{
  Bind *bind = data;
  const GValue *value;

  if (bind->cancellable != NULL)
    g_cancellable_disconnect (bind->cancellable, bind->handler);

  if (gaio_future_get_state (future) != GAIO_FUTURE_STATE_RESOLVED)
    {
      g_task_return_error (bind->task, g_error_copy (gaio_future_get_error (future)));
      return;
    }

  if (bind->undo != NULL && g_cancellable_is_cancelled (bind->cancellable))
    {
      bind->undo (g_task_get_source_object (bind->task), future);
      g_task_return_new_error (bind->task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "Operation was cancelled");
      return;
    }

  value = gaio_future_get_value (future);
  g_task_return_pointer (bind->task,
                         value != NULL ? g_boxed_copy (G_TYPE_VALUE, value) : NULL,
                         free_value);
}

void
gaio_waiter_bind_async (gpointer             source_object,
                        GaioFuture          *future,
                        GCancellable        *cancellable,
                        gpointer             source_tag,
                        GaioWaiterUndoFunc   undo,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  Bind *bind = g_new0 (Bind, 1);

  bind->task = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (bind->task, source_tag);
  /* A grant that raced with the cancellable is decided in bind_done_cb. */
  g_task_set_check_cancellable (bind->task, FALSE);
  bind->future = future;
  bind->undo = undo;
  if (cancellable != NULL)
    {
      bind->cancellable = g_object_ref (cancellable);
      bind->handler = g_cancellable_connect (cancellable, G_CALLBACK (bind_cancelled_cb),
                                             bind, NULL);
    }
  gaio_future_add_done_callback (future, bind_done_cb, bind, bind_free);
}

gboolean
gaio_waiter_bind_finish (gpointer       source_object,
                         GAsyncResult  *result,
                         gpointer       source_tag,
                         GValue       **value,
                         GError       **error)
{
  GValue *ret;

  g_return_val_if_fail (g_task_is_valid (result, source_object), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  if (g_task_had_error (G_TASK (result)))
    {
      g_task_propagate_pointer (G_TASK (result), error);
      return FALSE;
    }

  ret = g_task_propagate_pointer (G_TASK (result), NULL);
  if (value != NULL)
    *value = ret;
  else if (ret != NULL)
    free_value (ret);
  return TRUE;
}
