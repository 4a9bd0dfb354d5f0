/* gaio-signal-future.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include "gaio-future-private.h"
#include "gaio-signal-future.h"

/**
 * GaioSignalFuture:
 *
 * A future that settles the next time a GObject signal is emitted, or a
 * property reaches a value: awaiting a click, a dialog's response or a
 * download's `notify::completed` reads straight down.
 *
 * [ctor@Gaio.SignalFuture.new] resolves at the next emission,
 * [ctor@Gaio.SignalFuture.new_full] at the next one a predicate accepts and
 * [ctor@Gaio.SignalFuture.new_for_property] when a property equals a value.
 * The future resolves with the signal's first argument after the instance
 * (no value for a signal without arguments); every argument stays readable
 * with [method@Gaio.SignalFuture.get_arg]. The handler leaves the signal's
 * return value, if any, to the other handlers.
 *
 * ```c
 * g_autoptr(GaioSignalFuture) response = gaio_signal_future_new (dialog, "response");
 * const GValue *id = gaio_await (GAIO_FUTURE (response), &error);
 * ```
 *
 * The handler is disconnected as soon as the future settles, whether by the
 * signal, by cancellation or otherwise. The future does not keep the object
 * alive: if the object is finalized first, the future is rejected with
 * `G_IO_ERROR_CLOSED`. While it waits, the object keeps the future alive,
 * so a future nobody holds still settles.
 *
 * ## Threads
 *
 * Make the future on the thread that owns the object and emits its
 * signals, which must also be the future's owner context's thread.
 *
 * Since: 0.2
 */

struct _GaioSignalFuture
{
  GaioFuture           parent_instance;

  GObject             *object;      /* weak: see object_finalized_cb */
  gulong               handler_id;
  char                *signal_name; /* for error messages */

  GaioSignalPredicate  predicate;
  gpointer             predicate_data;
  GDestroyNotify       predicate_destroy;

  GParamSpec          *pspec;       /* property futures */
  GValue               target;

  /* During a predicate call, the arguments of the emission being looked
   * at; once resolved, a copy of those that settled the future. */
  const GValue        *args;
  guint                n_args;
  GValue              *owned_args;
};

G_DEFINE_FINAL_TYPE (GaioSignalFuture, gaio_signal_future, GAIO_TYPE_FUTURE)

static void object_finalized_cb (gpointer  data,
                                 GObject  *where_the_object_was);

/* Drops the handler and the weak reference, and with it the reference the
 * object held on @self. Idempotent. */
static void
disconnect (GaioSignalFuture *self)
{
  GObject *object = g_steal_pointer (&self->object);

  if (object == NULL)
    return;

  g_clear_signal_handler (&self->handler_id, object);
  g_object_weak_unref (object, object_finalized_cb, self);
  g_object_unref (self);
}

static void
done_cb (GaioFuture *future,
         gpointer    unused)
{
  disconnect (GAIO_SIGNAL_FUTURE (future));
}

static GValue *
copy_args (const GValue *args,
           guint         n_args)
{
  GValue *copy = g_new0 (GValue, MAX (n_args, 1));

  for (guint i = 0; i < n_args; i++)
    {
      g_value_init (&copy[i], G_VALUE_TYPE (&args[i]));
      g_value_copy (&args[i], &copy[i]);
    }
  return copy;
}

static void
resolve_with_args (GaioSignalFuture *self,
                   const GValue     *args,
                   guint             n_args)
{
  GValue value = G_VALUE_INIT;

  self->owned_args = copy_args (args, n_args);
  self->args = self->owned_args;
  self->n_args = n_args;

  if (self->pspec != NULL)
    {
      g_value_init (&value, G_VALUE_TYPE (&self->target));
      g_value_copy (&self->target, &value);
    }
  else if (n_args > 0)
    {
      g_value_init (&value, G_VALUE_TYPE (&args[0]));
      g_value_copy (&args[0], &value);
    }

  gaio_future_settle (GAIO_FUTURE (self), GAIO_FUTURE_STATE_RESOLVED, &value, NULL, TRUE);
}

static gboolean
accepts (GaioSignalFuture *self,
         const GValue     *args,
         guint             n_args)
{
  gboolean accepted;

  if (self->predicate == NULL)
    return TRUE;

  self->args = args;
  self->n_args = n_args;
  accepted = self->predicate (self, self->predicate_data);
  self->args = NULL;
  self->n_args = 0;
  return accepted;
}

static void
emission_marshal (GClosure     *closure,
                  GValue       *return_value,
                  guint         n_param_values,
                  const GValue *param_values,
                  gpointer      invocation_hint,
                  gpointer      marshal_data)
{
  GaioSignalFuture *self = closure->data;

  if (gaio_future_is_done (GAIO_FUTURE (self)) || self->object == NULL)
    return;

  /* The predicate may drop the object's last other reference; the
   * emission holds one on the instance, and disconnect() ours on @self. */
  g_object_ref (self);
  if (accepts (self, param_values + 1, n_param_values - 1))
    {
      resolve_with_args (self, param_values + 1, n_param_values - 1);
      disconnect (self);
    }
  g_object_unref (self);
}

/* The object is going away with the handler: GObject drops it itself. */
static void
object_finalized_cb (gpointer  data,
                     GObject  *where_the_object_was)
{
  GaioSignalFuture *self = data;

  self->object = NULL;
  self->handler_id = 0;
  gaio_future_settle (GAIO_FUTURE (self), GAIO_FUTURE_STATE_REJECTED, NULL,
                      g_error_new (G_IO_ERROR, G_IO_ERROR_CLOSED,
                                   "The object was finalized before it emitted “%s”",
                                   self->signal_name),
                      TRUE);
  g_object_unref (self);
}

static void
gaio_signal_future_finalize (GObject *object)
{
  GaioSignalFuture *self = GAIO_SIGNAL_FUTURE (object);

  if (self->predicate_destroy != NULL)
    self->predicate_destroy (self->predicate_data);
  if (self->owned_args != NULL)
    {
      for (guint i = 0; i < self->n_args; i++)
        g_value_unset (&self->owned_args[i]);
      g_free (self->owned_args);
    }
  if (G_IS_VALUE (&self->target))
    g_value_unset (&self->target);
  g_free (self->signal_name);

  G_OBJECT_CLASS (gaio_signal_future_parent_class)->finalize (object);
}

static void
gaio_signal_future_class_init (GaioSignalFutureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gaio_signal_future_finalize;
}

static void
gaio_signal_future_init (GaioSignalFuture *self)
{
}

static GaioSignalFuture *
signal_future_new (GObject             *object,
                   const char          *detailed_signal,
                   GaioSignalPredicate  predicate,
                   gpointer             user_data,
                   GDestroyNotify       destroy)
{
  GaioSignalFuture *self = g_object_new (GAIO_TYPE_SIGNAL_FUTURE, NULL);
  GClosure *closure;

  self->signal_name = g_strdup (detailed_signal);
  self->predicate = predicate;
  self->predicate_data = user_data;
  self->predicate_destroy = destroy;

  closure = g_closure_new_simple (sizeof (GClosure), self);
  g_closure_set_marshal (closure, emission_marshal);
  self->handler_id = g_signal_connect_closure (object, detailed_signal, closure, FALSE);
  if (self->handler_id == 0)
    {
      /* g_signal_connect_closure() already logged the bad signal name. */
      g_object_unref (self);
      return NULL;
    }

  /* The weak reference owns a reference on @self until disconnect(). */
  self->object = object;
  g_object_weak_ref (object, object_finalized_cb, g_object_ref (self));
  gaio_future_add_done_callback (GAIO_FUTURE (self), done_cb, NULL, NULL);
  return self;
}

/**
 * gaio_signal_future_new: (constructor)
 * @object: (type GObject.Object): the object that emits the signal
 * @detailed_signal: a signal name, with a detail if wanted
 *   (`"notify::title"`)
 *
 * Creates a future that resolves the next time @object emits
 * @detailed_signal. Call on the thread that emits it.
 *
 * Returns: (transfer full): a new pending future
 *
 * Since: 0.2
 */
GaioSignalFuture *
gaio_signal_future_new (gpointer    object,
                        const char *detailed_signal)
{
  return gaio_signal_future_new_full (object, detailed_signal, NULL, NULL, NULL);
}

/**
 * gaio_signal_future_new_full: (constructor)
 * @object: (type GObject.Object): the object that emits the signal
 * @detailed_signal: a signal name, with a detail if wanted
 * @predicate: (nullable) (scope notified) (closure user_data) (destroy destroy):
 *   decides whether an emission settles the future, or %NULL for any
 * @user_data: data for @predicate
 * @destroy: (nullable): frees @user_data once the future is finalized
 *
 * Creates a future that resolves at the next emission of @detailed_signal
 * that @predicate accepts. The predicate runs inside the emission and reads
 * its arguments with [method@Gaio.SignalFuture.get_arg].
 *
 * Returns: (transfer full): a new pending future
 *
 * Since: 0.2
 */
GaioSignalFuture *
gaio_signal_future_new_full (gpointer             object,
                             const char          *detailed_signal,
                             GaioSignalPredicate  predicate,
                             gpointer             user_data,
                             GDestroyNotify       destroy)
{
  g_return_val_if_fail (G_IS_OBJECT (object), NULL);
  g_return_val_if_fail (detailed_signal != NULL, NULL);

  return signal_future_new (object, detailed_signal, predicate, user_data, destroy);
}

static gboolean
property_reached (GaioSignalFuture *self,
                  gpointer          unused)
{
  GValue current = G_VALUE_INIT;
  gboolean equal;

  g_value_init (&current, G_PARAM_SPEC_VALUE_TYPE (self->pspec));
  g_object_get_property (self->object, self->pspec->name, &current);
  equal = g_param_values_cmp (self->pspec, &current, &self->target) == 0;
  g_value_unset (&current);
  return equal;
}

/**
 * gaio_signal_future_new_for_property: (constructor)
 * @object: (type GObject.Object): the object
 * @property_name: the name of a readable property of @object
 * @value: the value to wait for, of the property's type or one that
 *   converts to it
 *
 * Creates a future that resolves with @value once the property equals it
 * (compared with g_param_values_cmp()), at once if it already does. It
 * relies on the property being notified when it changes.
 *
 * Returns: (transfer full): a new future
 *
 * Since: 0.2
 */
GaioSignalFuture *
gaio_signal_future_new_for_property (gpointer      object,
                                     const char   *property_name,
                                     const GValue *value)
{
  g_autofree char *detailed_signal = NULL;
  GaioSignalFuture *self;
  GParamSpec *pspec;

  g_return_val_if_fail (G_IS_OBJECT (object), NULL);
  g_return_val_if_fail (property_name != NULL, NULL);
  g_return_val_if_fail (G_IS_VALUE (value), NULL);

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), property_name);
  g_return_val_if_fail (pspec != NULL && (pspec->flags & G_PARAM_READABLE), NULL);

  detailed_signal = g_strconcat ("notify::", pspec->name, NULL);
  self = signal_future_new (object, detailed_signal, property_reached, NULL, NULL);
  self->pspec = pspec;
  g_value_init (&self->target, G_PARAM_SPEC_VALUE_TYPE (pspec));
  if (!g_value_transform (value, &self->target))
    {
      g_critical ("Cannot compare property “%s” of %s with a %s",
                  pspec->name, G_OBJECT_TYPE_NAME (object), G_VALUE_TYPE_NAME (value));
      gaio_future_cancel (GAIO_FUTURE (self));
      return self;
    }

  if (property_reached (self, NULL))
    {
      resolve_with_args (self, NULL, 0);
      disconnect (self);
    }
  return self;
}

/**
 * gaio_signal_future_get_n_args:
 * @self: a signal future
 *
 * Gets how many arguments the emission being looked at (inside a
 * predicate) or the one that resolved @self has, not counting the
 * instance.
 *
 * Returns: the number of arguments, 0 while pending outside a predicate
 *
 * Since: 0.2
 */
guint
gaio_signal_future_get_n_args (GaioSignalFuture *self)
{
  g_return_val_if_fail (GAIO_IS_SIGNAL_FUTURE (self), 0);

  return self->n_args;
}

/**
 * gaio_signal_future_get_arg:
 * @self: a signal future
 * @index: an argument, below [method@Gaio.SignalFuture.get_n_args]; 0 is
 *   the first after the instance
 *
 * Gets an argument of the emission being looked at (inside a predicate) or
 * of the one that resolved @self.
 *
 * Returns: (transfer none): the argument
 *
 * Since: 0.2
 */
const GValue *
gaio_signal_future_get_arg (GaioSignalFuture *self,
                            guint             index)
{
  g_return_val_if_fail (GAIO_IS_SIGNAL_FUTURE (self), NULL);
  g_return_val_if_fail (index < self->n_args, NULL);

  return &self->args[index];
}
