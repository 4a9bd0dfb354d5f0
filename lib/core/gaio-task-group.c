/* gaio-task-group.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include "gaio-future-private.h"
#include "gaio-task-group.h"

/**
 * GaioTaskGroup:
 *
 * A set of child futures that succeed or fail together: asyncio's
 * `TaskGroup`, trio's nursery.
 *
 * A task group is itself a [class@Gaio.Future]. Add children with
 * [method@Gaio.TaskGroup.add], then [method@Gaio.TaskGroup.close] it (the
 * end of asyncio's `async with` block): the group settles once it is closed
 * and every child has finished, cancelled children included.
 *
 * The first child that is rejected (a cancellation is not a failure) makes
 * the group abort: every other child is cancelled, and the group no longer
 * waits to be closed. It then settles, once all children finished, rejected
 * with a copy of that first error; every child error stays reachable
 * through [method@Gaio.TaskGroup.get_errors] (asyncio's `ExceptionGroup`).
 * Otherwise it resolves with no value.
 *
 * Cancelling the group cancels every child; it settles as cancelled (or
 * rejected, if a child had failed) once they all finished.
 *
 * ```c
 * g_autoptr(GaioTaskGroup) group = gaio_task_group_new ();
 * g_autoptr(GError) error = NULL;
 *
 * for (guint i = 0; i < n_urls; i++)
 *   {
 *     g_autoptr(GaioFuture) fetch = start_fetch (urls[i]);
 *     gaio_task_group_add (group, fetch);
 *   }
 * gaio_task_group_close (group);
 * if (gaio_run (GAIO_FUTURE (group), &error) == NULL)
 *   g_printerr ("%u fetches failed, first: %s\n",
 *               gaio_task_group_get_n_errors (group), error->message);
 * ```
 *
 * A task group is a [iface@Gio.ListModel] of its children, in the order
 * they were added: the list only grows, and each
 * [method@Gaio.TaskGroup.add] emits [signal@Gio.ListModel::items-changed]
 * for the new row, so a `GtkListView` shows the running work as it is
 * spawned and each row follows its future's [property@Gaio.Future:state].
 *
 * Use a task group on its owner context only (the thread-default context
 * where it was made, which its children share); [method@Gaio.Future.cancel]
 * is thread-safe.
 */

struct _GaioTaskGroup
{
  GaioFuture  parent_instance;

  GPtrArray  *children;
  GPtrArray  *errors;     /* copies, in the order the children failed */
  guint       n_pending;
  guint       closed : 1;
  guint       aborting : 1;
  guint       cancel_requested : 1;
};

static void gaio_task_group_list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GaioTaskGroup, gaio_task_group, GAIO_TYPE_FUTURE,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      gaio_task_group_list_model_iface_init))

static GType
gaio_task_group_get_item_type (GListModel *model)
{
  return GAIO_TYPE_FUTURE;
}

static guint
gaio_task_group_get_n_items (GListModel *model)
{
  return GAIO_TASK_GROUP (model)->children->len;
}

static gpointer
gaio_task_group_get_item (GListModel *model,
                          guint       position)
{
  GPtrArray *children = GAIO_TASK_GROUP (model)->children;

  return position < children->len ? g_object_ref (g_ptr_array_index (children, position)) : NULL;
}

static void
gaio_task_group_list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = gaio_task_group_get_item_type;
  iface->get_n_items = gaio_task_group_get_n_items;
  iface->get_item = gaio_task_group_get_item;
}

static void
cancel_children (GaioTaskGroup *self)
{
  for (guint i = 0; i < self->children->len; i++)
    {
      GaioFuture *child = g_ptr_array_index (self->children, i);

      if (!gaio_future_is_done (child))
        gaio_future_cancel (child);
    }
}

static void
abort_group (GaioTaskGroup *self)
{
  if (self->aborting)
    return;

  self->aborting = TRUE;
  cancel_children (self);
}

static void
maybe_settle (GaioTaskGroup *self)
{
  if (self->n_pending > 0 || !(self->closed || self->aborting))
    return;

  if (self->errors->len > 0)
    gaio_future_settle (GAIO_FUTURE (self), GAIO_FUTURE_STATE_REJECTED, NULL,
                        g_error_copy (g_ptr_array_index (self->errors, 0)), TRUE);
  else if (self->cancel_requested)
    gaio_future_settle_cancelled (GAIO_FUTURE (self));
  else
    gaio_future_settle (GAIO_FUTURE (self), GAIO_FUTURE_STATE_RESOLVED, NULL, NULL, TRUE);
}

static void
child_done_cb (GaioFuture *child,
               gpointer    data)
{
  GaioTaskGroup *self = data;

  self->n_pending--;
  if (gaio_future_get_state (child) == GAIO_FUTURE_STATE_REJECTED)
    {
      g_ptr_array_add (self->errors, g_error_copy (gaio_future_get_error (child)));
      abort_group (self);
    }

  maybe_settle (self);
}

static void
cancel_on_owner (GaioFuture *future,
                 gpointer    unused)
{
  GaioTaskGroup *self = GAIO_TASK_GROUP (future);

  if (gaio_future_is_done (future))
    return;

  self->cancel_requested = TRUE;
  abort_group (self);
  maybe_settle (self);
}

static void
gaio_task_group_request_cancel (GaioFuture *future)
{
  /* The children list lives on the owner context. */
  gaio_future_call_on_owner (future, cancel_on_owner);
}

static void
gaio_task_group_finalize (GObject *object)
{
  GaioTaskGroup *self = GAIO_TASK_GROUP (object);

  g_clear_pointer (&self->children, g_ptr_array_unref);
  g_clear_pointer (&self->errors, g_ptr_array_unref);

  G_OBJECT_CLASS (gaio_task_group_parent_class)->finalize (object);
}

static void
gaio_task_group_class_init (GaioTaskGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GaioFutureClass *future_class = GAIO_FUTURE_CLASS (klass);

  object_class->finalize = gaio_task_group_finalize;
  future_class->request_cancel = gaio_task_group_request_cancel;
}

static void
gaio_task_group_init (GaioTaskGroup *self)
{
  self->children = g_ptr_array_new_with_free_func (g_object_unref);
  self->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
}

/**
 * gaio_task_group_new:
 *
 * Creates an open, empty task group owned by the thread-default context.
 *
 * Returns: (transfer full): a new task group
 */
GaioTaskGroup *
gaio_task_group_new (void)
{
  return g_object_new (GAIO_TYPE_TASK_GROUP, NULL);
}

/**
 * gaio_task_group_add:
 * @self: an open task group
 * @future: the child; the group takes its own reference
 *
 * Adds @future as a child of @self. Adding to a closed group is a
 * programming error. A child added while the group aborts (a child failed,
 * or the group was cancelled) is cancelled at once, as asyncio refuses new
 * tasks in a group that is shutting down.
 */
void
gaio_task_group_add (GaioTaskGroup *self,
                     GaioFuture    *future)
{
  g_return_if_fail (GAIO_IS_TASK_GROUP (self));
  g_return_if_fail (GAIO_IS_FUTURE (future));
  g_return_if_fail (!self->closed);
  g_return_if_fail (future != GAIO_FUTURE (self));
  /* Children are counted without a lock, on the group's own context. */
  g_return_if_fail (gaio_future_get_context (future) == gaio_future_get_context (GAIO_FUTURE (self)));

  g_ptr_array_add (self->children, g_object_ref (future));
  self->n_pending++;
  gaio_future_add_done_callback (future, child_done_cb, g_object_ref (self), g_object_unref);

  if (self->aborting)
    gaio_future_cancel (future);

  g_list_model_items_changed (G_LIST_MODEL (self), self->children->len - 1, 0, 1);
}

/**
 * gaio_task_group_spawn: (skip)
 * @self: an open task group
 * @name: (nullable): the task's name
 * @func: the task body, run on its own fiber
 * @user_data: data for @func
 * @destroy: (nullable): frees @user_data
 *
 * Spawns a fiber task as with [func@Gaio.Task.spawn] and adds it to @self,
 * like asyncio's `TaskGroup.create_task()`. C only: bindings add their own
 * tasks with [method@Gaio.TaskGroup.add].
 *
 * Returns: (transfer none): the task, owned by @self
 */
GaioTask *
gaio_task_group_spawn (GaioTaskGroup  *self,
                       const char     *name,
                       GaioTaskFunc    func,
                       gpointer        user_data,
                       GDestroyNotify  destroy)
{
  g_autoptr(GaioTask) task = NULL;

  g_return_val_if_fail (GAIO_IS_TASK_GROUP (self), NULL);
  g_return_val_if_fail (!self->closed, NULL);
  g_return_val_if_fail (func != NULL, NULL);

  task = gaio_task_spawn (name, func, user_data, destroy);
  gaio_task_group_add (self, GAIO_FUTURE (task));
  return task;
}

/**
 * gaio_task_group_close:
 * @self: a task group
 *
 * Says that no more children will be added: the end of asyncio's
 * `async with TaskGroup()` block. The group settles once its children have
 * all finished, from the owner context's next iteration at the earliest;
 * an empty group resolves then. Closing twice does nothing.
 */
void
gaio_task_group_close (GaioTaskGroup *self)
{
  g_return_if_fail (GAIO_IS_TASK_GROUP (self));

  self->closed = TRUE;
  maybe_settle (self);
}

/**
 * gaio_task_group_stop:
 * @self: a task group
 *
 * Stops @self without an error, as asyncio's proposed `TaskGroup.cancel()`
 * and Trio's `nursery.cancel_scope.cancel()` do: the children still running
 * are cancelled, no more may be added (they would be cancelled at once),
 * and the group resolves once they have all finished, with no value. A
 * child that fails with an error other than a cancellation while stopping
 * still rejects the group. Unlike [method@Gaio.Future.cancel] on the group,
 * whoever awaits the group sees it end normally. Call it on the owner
 * context.
 */
void
gaio_task_group_stop (GaioTaskGroup *self)
{
  g_return_if_fail (GAIO_IS_TASK_GROUP (self));

  if (gaio_future_is_done (GAIO_FUTURE (self)))
    return;

  abort_group (self);
  maybe_settle (self);
}

/**
 * gaio_task_group_is_closed:
 * @self: a task group
 *
 * Checks whether [method@Gaio.TaskGroup.close] was called.
 *
 * Returns: %TRUE once closed
 */
gboolean
gaio_task_group_is_closed (GaioTaskGroup *self)
{
  g_return_val_if_fail (GAIO_IS_TASK_GROUP (self), FALSE);

  return self->closed;
}

/**
 * gaio_task_group_is_aborting:
 * @self: a task group
 *
 * Checks whether @self is shutting down because a child failed or the
 * group was cancelled or stopped.
 *
 * Returns: %TRUE once aborting
 */
gboolean
gaio_task_group_is_aborting (GaioTaskGroup *self)
{
  g_return_val_if_fail (GAIO_IS_TASK_GROUP (self), FALSE);

  return self->aborting;
}

/**
 * gaio_task_group_get_n_children:
 * @self: a task group
 *
 * Gets how many children were added.
 *
 * Returns: the number of children
 */
guint
gaio_task_group_get_n_children (GaioTaskGroup *self)
{
  g_return_val_if_fail (GAIO_IS_TASK_GROUP (self), 0);

  return self->children->len;
}

/**
 * gaio_task_group_get_n_pending:
 * @self: a task group
 *
 * Gets how many children have not finished, as seen on the owner context.
 *
 * Returns: the number of unfinished children
 */
guint
gaio_task_group_get_n_pending (GaioTaskGroup *self)
{
  g_return_val_if_fail (GAIO_IS_TASK_GROUP (self), 0);

  return self->n_pending;
}

/**
 * gaio_task_group_get_child:
 * @self: a task group
 * @index: below [method@Gaio.TaskGroup.get_n_children]
 *
 * Gets a child, in the order they were added.
 *
 * Returns: (transfer none): the child
 */
GaioFuture *
gaio_task_group_get_child (GaioTaskGroup *self,
                           guint          index)
{
  g_return_val_if_fail (GAIO_IS_TASK_GROUP (self), NULL);
  g_return_val_if_fail (index < self->children->len, NULL);

  return g_ptr_array_index (self->children, index);
}

/**
 * gaio_task_group_get_n_errors:
 * @self: a task group
 *
 * Gets how many children were rejected. Cancelled children do not count.
 *
 * Returns: the number of errors
 */
guint
gaio_task_group_get_n_errors (GaioTaskGroup *self)
{
  g_return_val_if_fail (GAIO_IS_TASK_GROUP (self), 0);

  return self->errors->len;
}

/**
 * gaio_task_group_get_nth_error:
 * @self: a task group
 * @index: below [method@Gaio.TaskGroup.get_n_errors]
 *
 * Gets a child error, in the order the children failed; the first is the
 * group's own error.
 *
 * Returns: (transfer none): the error
 */
const GError *
gaio_task_group_get_nth_error (GaioTaskGroup *self,
                               guint          index)
{
  g_return_val_if_fail (GAIO_IS_TASK_GROUP (self), NULL);
  g_return_val_if_fail (index < self->errors->len, NULL);

  return g_ptr_array_index (self->errors, index);
}

/**
 * gaio_task_group_get_errors:
 * @self: a task group
 *
 * Gets every child error, in the order the children failed, like the
 * exceptions of asyncio's `ExceptionGroup`.
 *
 * Returns: (transfer container) (element-type GLib.Error): the errors, owned
 *   by @self; free the array with g_ptr_array_unref()
 */
GPtrArray *
gaio_task_group_get_errors (GaioTaskGroup *self)
{
  GPtrArray *errors;

  g_return_val_if_fail (GAIO_IS_TASK_GROUP (self), NULL);

  /* Transfer container, as a binding would free a transfer-full array's
   * elements twice. */
  errors = g_ptr_array_copy (self->errors, NULL, NULL);
  /* The copy would inherit the free function of the group's own array. */
  g_ptr_array_set_free_func (errors, NULL);
  return errors;
}
