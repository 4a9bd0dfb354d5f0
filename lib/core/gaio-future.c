/* gaio-future.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include <string.h>

#include "gaio-debug-private.h"
#include "gaio-enums.h"
#include "gaio-error.h"
#include "gaio-future.h"
#include "gaio-future-private.h"
#include "gaio-waiter-private.h"
#include "gaio-scheduler-private.h"
#include "gaio-fiber-private.h"

/**
 * GaioFuture:
 *
 * A result that arrives later: asyncio's `Future`, on the GLib main loop.
 *
 * A future starts pending and settles exactly once: resolved with a
 * [struct@GObject.Value], rejected with a [struct@GLib.Error], or cancelled
 * (a rejection with `G_IO_ERROR_CANCELLED`). Settling a second time is a
 * programming error reported with a critical; the first outcome stays.
 *
 * ## Threads and contexts
 *
 * A future belongs to the thread-default [struct@GLib.MainContext] of the
 * thread that created it, its owner context. [method@Gaio.Future.resolve],
 * [method@Gaio.Future.reject] and [method@Gaio.Future.cancel] may be called
 * from any thread. Done-callbacks and continuations always run on the owner
 * context and never inside the call that settled the future, as with
 * [class@Gio.Task]; they run in batches from one source per context, so a
 * million pending futures cost a million small objects and nothing more.
 *
 * ## Awaiting
 *
 * Inside a fiber task, C code awaits with `gaio_await()`. Elsewhere, use
 * [method@Gaio.Future.wait_async], which Vala's `yield`, GJS's
 * `Gio._promisify()` and the Python override turn into their own `await`.
 * [func@Gaio.run] drives the main context until a future settles.
 *
 * ```c
 * g_autoptr(GaioFuture) future = gaio_sleep (100);
 * g_autoptr(GError) error = NULL;
 *
 * if (gaio_run (future, &error) == NULL)
 *   g_printerr ("%s\n", error->message);
 * ```
 *
 * The same in the bindings, each with its language's own `await`:
 *
 * ```python
 * await Gaio.sleep(0.1)              # Python: asyncio's seconds
 * ```
 *
 * ```js
 * await Gaio.sleep(100);             // GJS: futures are thenables
 * ```
 *
 * ```vala
 * yield Gaio.sleep (100).wait_async (null);   // Vala
 * ```
 *
 * ## Cancellation
 *
 * [method@Gaio.Future.get_cancellable] hands out a [class@Gio.Cancellable]
 * for the GIO calls that compute the future; cancelling the future cancels
 * it, so the work under the future stops too.
 *
 * A future rejected with an error nobody retrieved (through
 * [method@Gaio.Future.propagate], [method@Gaio.Future.get_error], an await or
 * a continuation) logs a warning when it is finalized, like asyncio's
 * "exception was never retrieved".
 */

typedef struct
{
  GaioFutureCallback func;
  gpointer           data;
  GDestroyNotify     destroy;
  gulong             id;
} Callback;

/* Done-callback ids are unique in the process, so an id kept after its
 * callback ran never removes a later one. */
static gsize last_callback_id;

typedef struct
{
  GaioRunItem     item;         /* queued on the scheduler to run callbacks */
  GaioScheduler  *scheduler;
  GMutex          lock;
  /* The state and the flags fill one word, so that the private struct is
   * 96 bytes: GSlice rounds an instance up to 16 bytes, and 8 more would
   * cost every future and every task 16. They are bytes of their own, not
   * bit-fields, because a bit-field store rewrites its neighbours and the
   * flags are written by different parties: `state` (read atomically, as
   * a byte) and the flags marked so change under the lock, `observed` is
   * set from any thread without it, and `cancel_claimed` atomically. */
  guint8          state;        /* GaioFutureState */
  guint8          observed;
  guint8          cancel_claimed; /* atomic: a cancel request was made */
  guint8          queued;       /* under the lock */
  guint8          notify_state; /* under the lock: notify `state` when dispatched */
  guint8          has_more;     /* under the lock: callbacks beyond the first, in qdata */
  guint8          has_cancellable; /* under the lock: one was handed out, in qdata */
  /* The exception, set by the code that makes the future before it hands
   * the future out, and read-only afterwards. */
  guint8          kind : 7;     /* GaioFutureKind, for the task graph */
  guint8          has_cancel_hook : 1; /* the hook itself is qdata: few futures have one */
  /* What it settled with: the state says which. */
  union {
    GValue        value;        /* resolved; G_TYPE_INVALID for no value */
    GError       *error;        /* rejected or cancelled */
  } outcome;
  Callback        first;        /* most futures have one callback: no array */
} GaioFuturePrivate;

enum {
  PROP_0,
  PROP_STATE,
  PROP_NAME,
  PROP_PRIORITY,
  LAST_PROP,
};

static GParamSpec *props[LAST_PROP];

static void gaio_future_async_result_iface_init (GAsyncResultIface *iface);

G_DEFINE_TYPE_WITH_CODE (GaioFuture, gaio_future, G_TYPE_OBJECT,
                         G_ADD_PRIVATE (GaioFuture)
                         G_IMPLEMENT_INTERFACE (G_TYPE_ASYNC_RESULT,
                                                gaio_future_async_result_iface_init)
                         gaio_debug_check_override ())

#define PRIV(self) ((GaioFuturePrivate *) gaio_future_get_instance_private (self))

/* What few futures have lives in qdata: a cancel hook, a name, a pointer
 * value's destroy function, the callbacks beyond the first, and a
 * cancellable. Every byte of the private struct is paid by every future
 * and every task. Set in class_init. */
static GQuark cancel_hook_quark;
static GQuark name_quark;
static GQuark pointer_quark;
static GQuark more_quark;
static GQuark cancellable_quark;

/* The error of a future settled as @state, or NULL. */
static inline GError *
error_of (GaioFuturePrivate *priv,
          GaioFutureState    state)
{
  return state == GAIO_FUTURE_STATE_REJECTED || state == GAIO_FUTURE_STATE_CANCELLED
         ? priv->outcome.error : NULL;
}

/* Must hold the lock. The cancellable handed out, or NULL. */
static GCancellable *
cancellable_of (GaioFuture *self)
{
  return PRIV (self)->has_cancellable ? g_object_get_qdata ((GObject *) self, cancellable_quark) : NULL;
}

/* Must hold the lock. The callbacks after the first, or NULL. */
static GArray *
more_of (GaioFuture *self)
{
  return PRIV (self)->has_more ? g_object_get_qdata ((GObject *) self, more_quark) : NULL;
}

/* Must hold the lock. Takes them away, for running or freeing. */
static GArray *
steal_more (GaioFuture *self)
{
  if (!PRIV (self)->has_more)
    return NULL;
  PRIV (self)->has_more = FALSE;
  return g_object_steal_qdata ((GObject *) self, more_quark);
}

static inline const char *
name_of (GaioFuture *self)
{
  return g_object_get_qdata ((GObject *) self, name_quark);
}

/* Hot paths skip GType checks the callers already made: a checked class
 * cast or G_IS_VALUE() is a call into GObject, and every future pays for
 * them several times in its short life. */
#define PARENT_CLASS ((GObjectClass *) gaio_future_parent_class)
#define HOLDS_VALUE(value) (G_VALUE_TYPE (value) != G_TYPE_INVALID)

/* GLib's atomics take an int: the state is a byte, read with GCC's. */
static inline GaioFutureState
state_of (GaioFuturePrivate *priv)
{
  return __atomic_load_n (&priv->state, __ATOMIC_SEQ_CST);
}

char *
gaio_future_describe (GaioFuture *self)
{
  const char *name = name_of (self);

  if (name != NULL)
    return g_strdup_printf ("%s '%s' (%p)", G_OBJECT_TYPE_NAME (self), name, self);
  return g_strdup_printf ("%s %p", G_OBJECT_TYPE_NAME (self), self);
}

static void
dispatch_callbacks (GaioRunItem *item)
{
  GaioFuture *self = (GaioFuture *) (gpointer) ((char *) item - G_PRIVATE_OFFSET (GaioFuture, item));
  GaioFuturePrivate *priv = PRIV (self);
  Callback first;
  GArray *more;
  gboolean notify;

  g_mutex_lock (&priv->lock);
  first = priv->first;
  more = steal_more (self);
  notify = priv->notify_state;
  priv->first.func = NULL;
  priv->queued = FALSE;
  priv->notify_state = FALSE;
  g_mutex_unlock (&priv->lock);

  /* Notified on the owner context before the callbacks run, so a widget
   * bound to the state is current when the callbacks look at it. */
  if (notify)
    g_object_notify_by_pspec ((GObject *) self, props[PROP_STATE]);

  /* Callbacks added from here on are queued again, never run re-entrantly. */
  for (guint i = 0; first.func != NULL; i++)
    {
      gint64 begin = gaio_debug_slow_begin ();

      first.func (self, first.data);
      if (first.destroy != NULL)
        first.destroy (first.data);

      if (G_UNLIKELY (begin != 0))
        gaio_debug_slow_check (begin, "callback of", name_of (self), self);

      if (more == NULL || i >= more->len)
        break;
      first = g_array_index (more, Callback, i);
    }

  g_clear_pointer (&more, g_array_unref);
  g_object_unref (self);
}

/* Must hold the lock. Returns TRUE when the caller must push the future. */
static gboolean
schedule_locked (GaioFuture *self)
{
  GaioFuturePrivate *priv = PRIV (self);

  if (priv->queued || (priv->first.func == NULL && !priv->notify_state))
    return FALSE;

  priv->queued = TRUE;
  g_object_ref (self);
  return TRUE;
}

/* Most futures are never watched, and a notification costs a trip through
 * the run queue even when nobody listens: look for a handler first. */
static gboolean
state_is_watched (GaioFuture *self)
{
  static guint notify_id;

  if (G_UNLIKELY (notify_id == 0))
    notify_id = g_signal_lookup ("notify", G_TYPE_OBJECT);

  return g_signal_has_handler_pending (self, notify_id,
                                       g_param_spec_get_name_quark (props[PROP_STATE]), FALSE);
}

/* Whether @self's callbacks may run inside the settle: only on the thread
 * iterating its context, outside any fiber (see gaio_future_settle_eager()). */
static gboolean
may_run_callbacks_here (GaioFuture *self)
{
  GMainContext *context = gaio_scheduler_get_context (PRIV (self)->scheduler);

  return gaio_fiber_get_current () == NULL && context != NULL &&
         g_main_context_is_owner (context);
}

/* Takes @value's contents and @error when it settles @self; when @self
 * was settled already, leaves both to the caller. */
static gboolean
settle_full (GaioFuture      *self,
             GaioFutureState  state,
             GValue          *value,
             GError          *error,
             gboolean         quiet,
             gboolean         eager)
{
  GaioFuturePrivate *priv = PRIV (self);
  GCancellable *cancellable = NULL;
  gboolean asked = FALSE;
  gboolean watched = FALSE;
  gboolean push;

  /* A future with callbacks is dispatched anyway, and its dispatch notifies
   * `state` through GObject, which drops a notification nobody connected
   * to for less than asking whether a handler is connected costs. Only a
   * future without callbacks asks, to know whether to be dispatched. */
  if (g_atomic_pointer_get (&priv->first.func) == NULL)
    {
      watched = state_is_watched (self);
      asked = TRUE;
    }

  g_mutex_lock (&priv->lock);
  if (priv->state != GAIO_FUTURE_STATE_PENDING)
    {
      g_mutex_unlock (&priv->lock);
      if (!quiet)
        {
          g_autofree char *desc = gaio_future_describe (self);
          g_critical ("%s was already settled; a future settles only once", desc);
        }
      return FALSE;
    }

  /* A resolved future keeps the value, a rejected or cancelled one the
   * error; a stray other is the caller's mistake, freed. */
  if (state == GAIO_FUTURE_STATE_RESOLVED)
    {
      if (value != NULL)
        {
          priv->outcome.value = *value;
          memset (value, 0, sizeof *value);
        }
      g_clear_error (&error);
    }
  else
    {
      priv->outcome.error = error;
      if (value != NULL && HOLDS_VALUE (value))
        g_value_unset (value);
    }
  __atomic_store_n (&priv->state, state, __ATOMIC_SEQ_CST);
  priv->notify_state = watched || priv->first.func != NULL;
  push = schedule_locked (self);
  if (state == GAIO_FUTURE_STATE_CANCELLED && cancellable_of (self) != NULL)
    cancellable = g_object_ref (cancellable_of (self));
  g_mutex_unlock (&priv->lock);

  /* Its callbacks were removed on another thread in the meantime. */
  if (!asked && !push && state_is_watched (self))
    {
      g_mutex_lock (&priv->lock);
      priv->notify_state = TRUE;
      push = schedule_locked (self);
      g_mutex_unlock (&priv->lock);
    }

  GAIO_TRACE ("%s %p settled as %d", G_OBJECT_TYPE_NAME (self), self, state);

  if (push && eager && may_run_callbacks_here (self))
    dispatch_callbacks (&priv->item);
  else if (push)
    gaio_scheduler_push (priv->scheduler, &priv->item);

  if (cancellable != NULL)
    {
      g_cancellable_cancel (cancellable);
      g_object_unref (cancellable);
    }

  return TRUE;
}

gboolean
gaio_future_settle (GaioFuture      *self,
                    GaioFutureState  state,
                    GValue          *value,
                    GError          *error,
                    gboolean         quiet)
{
  if (settle_full (self, state, value, error, quiet, FALSE))
    return TRUE;
  if (value != NULL && G_IS_VALUE (value))
    g_value_unset (value);
  g_clear_error (&error);
  return FALSE;
}

gboolean
gaio_future_settle_eager (GaioFuture *self,
                          GValue     *value)
{
  return settle_full (self, GAIO_FUTURE_STATE_RESOLVED, value, NULL, TRUE, TRUE);
}

gboolean
gaio_future_settle_cancelled (GaioFuture *self)
{
  return gaio_future_settle (self, GAIO_FUTURE_STATE_CANCELLED, NULL,
                             g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                  "Operation was cancelled"),
                             TRUE);
}

gboolean
gaio_future_settle_from (GaioFuture *self,
                         GaioFuture *source)
{
  GaioFuturePrivate *spriv = PRIV (source);
  GaioFutureState state = gaio_future_get_state (source);
  GValue value = G_VALUE_INIT;

  g_return_val_if_fail (state != GAIO_FUTURE_STATE_PENDING, FALSE);

  spriv->observed = TRUE;

  switch (state)
    {
    case GAIO_FUTURE_STATE_RESOLVED:
      if (HOLDS_VALUE (&spriv->outcome.value))
        {
          g_value_init (&value, G_VALUE_TYPE (&spriv->outcome.value));
          g_value_copy (&spriv->outcome.value, &value);
        }
      return gaio_future_settle (self, state, &value, NULL, TRUE);

    case GAIO_FUTURE_STATE_REJECTED:
    case GAIO_FUTURE_STATE_CANCELLED:
      return gaio_future_settle (self, state, NULL, g_error_copy (spriv->outcome.error), TRUE);

    case GAIO_FUTURE_STATE_PENDING:
    default:
      g_assert_not_reached ();
    }
}

gboolean
gaio_future_settle_result (GaioFuture *self,
                           GValue     *value,
                           GError     *error)
{
  GaioFutureState state;

  if (error == NULL)
    return gaio_future_settle (self, GAIO_FUTURE_STATE_RESOLVED, value, NULL, TRUE);

  if (value != NULL && G_IS_VALUE (value))
    g_value_unset (value);
  state = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
          ? GAIO_FUTURE_STATE_CANCELLED : GAIO_FUTURE_STATE_REJECTED;
  return gaio_future_settle (self, state, NULL, error, TRUE);
}

GaioScheduler *
gaio_future_get_scheduler (GaioFuture *self)
{
  return PRIV (self)->scheduler;
}

static void
follow_cb (GaioFuture *source,
           gpointer    user_data)
{
  gaio_future_settle_from (GAIO_FUTURE (user_data), source);
}

void
gaio_future_follow (GaioFuture *self,
                    GaioFuture *source)
{
  gaio_future_add_done_callback (source, follow_cb, g_object_ref (self), g_object_unref);
}

typedef struct
{
  GaioFuture         *self;
  GaioFutureCallback  func;
} OwnerCall;

static void
owner_call_run (gpointer data)
{
  OwnerCall *call = data;

  call->func (call->self, NULL);
  g_object_unref (call->self);
  g_free (call);
}

void
gaio_future_call_on_owner (GaioFuture         *self,
                           GaioFutureCallback  func)
{
  GaioScheduler *scheduler = PRIV (self)->scheduler;
  gboolean acquired;

  /* Not g_main_context_invoke(): any thread that can acquire a free context
   * runs the function there, racing the home thread between iterations. */
  if (gaio_scheduler_acquire_here (scheduler, &acquired))
    {
      func (self, NULL);
      if (acquired)
        g_main_context_release (gaio_scheduler_get_context (scheduler));
      return;
    }

  gaio_future_call_soon (self, func);
}

void
gaio_future_call_soon (GaioFuture         *self,
                       GaioFutureCallback  func)
{
  OwnerCall *call = g_new (OwnerCall, 1);

  call->self = g_object_ref (self);
  call->func = func;
  gaio_scheduler_call_soon (PRIV (self)->scheduler, owner_call_run, call);
}

void
gaio_future_mark_observed (GaioFuture *self)
{
  PRIV (self)->observed = TRUE;
}

typedef struct
{
  GaioCancelHook func;
  gpointer       data;
  GDestroyNotify destroy;
} CancelHook;

static void
cancel_hook_free (gpointer data)
{
  CancelHook *hook = data;

  if (hook->destroy != NULL)
    hook->destroy (hook->data);
  g_free (hook);
}

void
gaio_future_set_cancel_hook (GaioFuture     *self,
                             GaioCancelHook  func,
                             gpointer        data,
                             GDestroyNotify  destroy)
{
  GaioFuturePrivate *priv = PRIV (self);
  CancelHook *hook = g_new (CancelHook, 1);

  g_assert (!priv->has_cancel_hook);
  hook->func = func;
  hook->data = data;
  hook->destroy = destroy;
  g_object_set_qdata_full (G_OBJECT (self), cancel_hook_quark, hook, cancel_hook_free);
  priv->has_cancel_hook = TRUE;
}

gpointer
gaio_future_get_cancel_data (GaioFuture *self)
{
  CancelHook *hook;

  if (!PRIV (self)->has_cancel_hook)
    return NULL;
  hook = g_object_get_qdata (G_OBJECT (self), cancel_hook_quark);
  return hook != NULL ? hook->data : NULL;
}

GaioFuture *
gaio_future_with_kind (GaioFuture     *self,
                       GaioFutureKind  kind)
{
  PRIV (self)->kind = kind;
  return self;
}

GaioFutureKind
gaio_future_get_kind (GaioFuture *self)
{
  return PRIV (self)->kind;
}

static gboolean
work_cancel_hook (GaioFuture *self,
                  gpointer    data)
{
  if (!gaio_future_claim_cancel (self))
    return FALSE;
  g_cancellable_cancel (gaio_future_get_cancellable (self));
  return TRUE;
}

GaioFuture *
gaio_future_new_for_work (void)
{
  GaioFuture *self = gaio_future_new ();

  gaio_future_set_cancel_hook (self, work_cancel_hook, NULL, NULL);
  return self;
}

typedef struct
{
  GaioFuture     *future;
  GaioFinishFunc  finish;
} AsyncBridge;

static void
async_bridge_cb (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  AsyncBridge *bridge = user_data;
  GValue value = G_VALUE_INIT;
  GError *error = NULL;

  if (!bridge->finish (source_object, result, &value, &error))
    {
      g_value_unset (&value);
      g_assert (error != NULL);
    }
  gaio_future_settle_result (bridge->future, &value, error);
  g_object_unref (bridge->future);
  g_free (bridge);
}

GaioFuture *
gaio_future_new_for_async (GaioFinishFunc       finish,
                           GAsyncReadyCallback *callback,
                           gpointer            *user_data)
{
  AsyncBridge *bridge = g_new (AsyncBridge, 1);

  bridge->future = gaio_future_new_for_work ();
  bridge->finish = finish;
  *callback = async_bridge_cb;
  *user_data = bridge;
  return g_object_ref (bridge->future);
}

gboolean
gaio_future_claim_cancel (GaioFuture *self)
{
  guint8 expected = FALSE;

  return __atomic_compare_exchange_n (&PRIV (self)->cancel_claimed, &expected, TRUE, FALSE,
                                      __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

static void
gaio_future_real_cancel (GaioFuture *self)
{
  gaio_future_settle_cancelled (self);
}

/* GAsyncResult: a future is the result handed to gaio_future_wait_async()
 * callbacks when no cancellable is involved, which saves a GTask per await. */

static GObject *
gaio_future_get_source_object (GAsyncResult *result)
{
  return g_object_ref (G_OBJECT (result));
}

static gpointer
gaio_future_get_user_data (GAsyncResult *result)
{
  return NULL;
}

static gboolean
gaio_future_is_tagged (GAsyncResult *result,
                       gpointer      source_tag)
{
  return source_tag == gaio_future_wait_async;
}

static void
gaio_future_async_result_iface_init (GAsyncResultIface *iface)
{
  iface->get_source_object = gaio_future_get_source_object;
  iface->get_user_data = gaio_future_get_user_data;
  iface->is_tagged = gaio_future_is_tagged;
}

static void
gaio_future_dispose (GObject *object)
{
  GaioFuture *self = (GaioFuture *) object;
  GaioFuturePrivate *priv = PRIV (self);

  if (priv->has_cancellable)
    {
      g_object_set_qdata (object, cancellable_quark, NULL);
      priv->has_cancellable = FALSE;
    }

  PARENT_CLASS->dispose (object);
}

static void
gaio_future_finalize (GObject *object)
{
  GaioFuture *self = (GaioFuture *) object;
  GaioFuturePrivate *priv = PRIV (self);
  GArray *more;

  if (priv->state == GAIO_FUTURE_STATE_REJECTED && !priv->observed)
    {
      g_autofree char *desc = gaio_future_describe (self);
      g_warning ("%s was rejected and its error was never retrieved: %s",
                 desc, priv->outcome.error->message);
    }

  /* Callbacks that never ran (the future never settled) still own their data. */
  if (priv->first.func != NULL && priv->first.destroy != NULL)
    priv->first.destroy (priv->first.data);
  more = steal_more (self);
  if (more != NULL)
    {
      for (guint i = 0; i < more->len; i++)
        {
          Callback *cb = &g_array_index (more, Callback, i);
          if (cb->destroy != NULL)
            cb->destroy (cb->data);
        }
      g_array_unref (more);
    }

  if (priv->state == GAIO_FUTURE_STATE_RESOLVED)
    {
      if (HOLDS_VALUE (&priv->outcome.value))
        g_value_unset (&priv->outcome.value);
    }
  else if (priv->state != GAIO_FUTURE_STATE_PENDING)
    {
      g_clear_error (&priv->outcome.error);
    }
  g_clear_pointer (&priv->scheduler, gaio_scheduler_unref);
  g_mutex_clear (&priv->lock);

  PARENT_CLASS->finalize (object);
}

static void
gaio_future_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  GaioFuture *self = GAIO_FUTURE (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, gaio_future_get_state (self));
      break;

    case PROP_NAME:
      g_value_set_string (value, gaio_future_get_name (self));
      break;

    case PROP_PRIORITY:
      g_value_set_int (value, gaio_future_get_priority (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gaio_future_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  GaioFuture *self = GAIO_FUTURE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      gaio_future_set_name (self, g_value_get_string (value));
      break;

    case PROP_PRIORITY:
      gaio_future_set_priority (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gaio_future_class_init (GaioFutureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gaio_future_dispose;
  object_class->finalize = gaio_future_finalize;
  object_class->get_property = gaio_future_get_property;
  object_class->set_property = gaio_future_set_property;

  klass->request_cancel = gaio_future_real_cancel;

  cancel_hook_quark = g_quark_from_static_string ("gaio-future-cancel-hook");
  name_quark = g_quark_from_static_string ("gaio-future-name");
  pointer_quark = g_quark_from_static_string ("gaio-future-pointer");
  more_quark = g_quark_from_static_string ("gaio-future-more-callbacks");
  cancellable_quark = g_quark_from_static_string ("gaio-future-cancellable");

  /**
   * GaioFuture:state:
   *
   * The state of the future. It changes once, from pending to settled.
   *
   * Settling may happen on any thread; the change is notified on the owner
   * context, from the same batch that runs the done-callbacks and before
   * them, so a widget property bound to it with g_object_bind_property()
   * follows the future. A future without done-callbacks is only queued for
   * the notification when a `notify` handler is connected as it settles.
   */
  props[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       GAIO_TYPE_FUTURE_STATE,
                       GAIO_FUTURE_STATE_PENDING,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * GaioFuture:name:
   *
   * A name for diagnostics: warnings about lost errors, slow callbacks and
   * the task dump use it.
   */
  props[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * GaioFuture:priority:
   *
   * The GLib priority at which the future's callbacks, and a task's body,
   * run on the owner context: `G_PRIORITY_LOW` or
   * `G_PRIORITY_DEFAULT_IDLE` keeps background work from delaying input
   * and drawing (GTK draws at `G_PRIORITY_HIGH_IDLE + 20`).
   *
   * Since: 0.2
   */
  props[PROP_PRIORITY] =
    g_param_spec_int ("priority", NULL, NULL,
                      G_MININT, G_MAXINT, G_PRIORITY_DEFAULT,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, LAST_PROP, props);
}

static void
gaio_future_init (GaioFuture *self)
{
  GaioFuturePrivate *priv = PRIV (self);

  priv->item.run = dispatch_callbacks;
  priv->scheduler = gaio_scheduler_ref (gaio_scheduler_get_thread_default ());
}

/**
 * gaio_future_new:
 *
 * Creates a pending future owned by the thread-default main context.
 *
 * Returns: (transfer full): a new pending future
 */
GaioFuture *
gaio_future_new (void)
{
  return (GaioFuture *) g_object_new_with_properties (GAIO_TYPE_FUTURE, 0, NULL, NULL);
}

/**
 * gaio_future_new_resolved:
 * @value: (nullable): the value, or %NULL for none
 *
 * Creates a future already resolved with a copy of @value. Its callbacks
 * still run later, on the owner context.
 *
 * Returns: (transfer full): a new resolved future
 */
GaioFuture *
gaio_future_new_resolved (const GValue *value)
{
  GaioFuture *self = gaio_future_new ();

  gaio_future_resolve (self, value);
  return self;
}

/**
 * gaio_future_new_rejected:
 * @error: (transfer full): the error
 *
 * Creates a future already rejected with @error.
 *
 * Returns: (transfer full): a new rejected future
 */
GaioFuture *
gaio_future_new_rejected (GError *error)
{
  GaioFuture *self = gaio_future_new ();

  gaio_future_reject (self, error);
  return self;
}

/**
 * gaio_future_get_state:
 * @self: a future
 *
 * Gets the state of @self. Thread-safe.
 *
 * Returns: the state
 */
GaioFutureState
gaio_future_get_state (GaioFuture *self)
{
  g_return_val_if_fail (GAIO_IS_FUTURE (self), GAIO_FUTURE_STATE_PENDING);

  return state_of (PRIV (self));
}

/**
 * gaio_future_is_done:
 * @self: a future
 *
 * Checks whether @self has settled, in any way. Thread-safe.
 *
 * Returns: %TRUE once @self is resolved, rejected or cancelled
 */
gboolean
gaio_future_is_done (GaioFuture *self)
{
  return gaio_future_get_state (self) != GAIO_FUTURE_STATE_PENDING;
}

/**
 * gaio_future_is_cancelled:
 * @self: a future
 *
 * Checks whether @self settled by cancellation. Thread-safe.
 *
 * Returns: %TRUE if @self was cancelled
 */
gboolean
gaio_future_is_cancelled (GaioFuture *self)
{
  return gaio_future_get_state (self) == GAIO_FUTURE_STATE_CANCELLED;
}

/**
 * gaio_future_get_name:
 * @self: a future
 *
 * Gets the name of @self, for diagnostics.
 *
 * Returns: (nullable): the name
 */
const char *
gaio_future_get_name (GaioFuture *self)
{
  g_return_val_if_fail (GAIO_IS_FUTURE (self), NULL);

  return name_of (self);
}

/**
 * gaio_future_set_name:
 * @self: a future
 * @name: (nullable): the new name
 *
 * Names @self for diagnostics. Call it on the owner context only.
 */
void
gaio_future_set_name (GaioFuture *self,
                      const char *name)
{
  g_return_if_fail (GAIO_IS_FUTURE (self));

  if (g_strcmp0 (name_of (self), name) == 0)
    return;

  g_object_set_qdata_full ((GObject *) self, name_quark, g_strdup (name), g_free);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_NAME]);
}

/**
 * gaio_future_get_context:
 * @self: a future
 *
 * Gets the owner context of @self: callbacks run there.
 *
 * Returns: (transfer none): the owner main context
 */
GMainContext *
gaio_future_get_context (GaioFuture *self)
{
  g_return_val_if_fail (GAIO_IS_FUTURE (self), NULL);

  return gaio_scheduler_get_context (PRIV (self)->scheduler);
}

/**
 * gaio_future_get_priority:
 * @self: a future
 *
 * Gets [property@Gaio.Future:priority].
 *
 * Returns: the GLib priority of @self's callbacks
 *
 * Since: 0.2
 */
int
gaio_future_get_priority (GaioFuture *self)
{
  g_return_val_if_fail (GAIO_IS_FUTURE (self), G_PRIORITY_DEFAULT);

  return gaio_scheduler_get_priority (PRIV (self)->scheduler);
}

/**
 * gaio_future_set_priority:
 * @self: a future
 * @priority: a GLib priority, such as `G_PRIORITY_LOW`
 *
 * Sets the priority at which @self's callbacks run on the owner context;
 * for a task, the priority its body resumes at after each await. Work at
 * one priority runs in batches from one source of the owner context, so a
 * lower priority waits while input, drawing or other sources of a higher
 * one are ready.
 *
 * Call on the owner context while @self is pending and before another
 * thread may settle it; callbacks already queued keep the old priority.
 *
 * Since: 0.2
 */
void
gaio_future_set_priority (GaioFuture *self,
                          int         priority)
{
  GaioFuturePrivate *priv;
  GaioScheduler *old;

  g_return_if_fail (GAIO_IS_FUTURE (self));

  priv = PRIV (self);
  if (gaio_scheduler_get_priority (priv->scheduler) == priority)
    return;

  g_mutex_lock (&priv->lock);
  old = priv->scheduler;
  priv->scheduler = gaio_scheduler_get_for_priority (old, priority);
  g_mutex_unlock (&priv->lock);
  gaio_scheduler_unref (old);

  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_PRIORITY]);
}

/**
 * gaio_future_resolve:
 * @self: a pending future
 * @value: (nullable): the value, copied, or %NULL for none
 *
 * Resolves @self with a copy of @value. Thread-safe; callbacks run later on
 * the owner context. Settling a future twice is a programming error.
 */
void
gaio_future_resolve (GaioFuture   *self,
                     const GValue *value)
{
  GValue copy = G_VALUE_INIT;

  g_return_if_fail (GAIO_IS_FUTURE (self));
  g_return_if_fail (value == NULL || G_IS_VALUE (value));

  if (value != NULL)
    {
      g_value_init (&copy, G_VALUE_TYPE (value));
      g_value_copy (value, &copy);
    }
  gaio_future_settle (self, GAIO_FUTURE_STATE_RESOLVED, &copy, NULL, FALSE);
}

/**
 * gaio_future_try_resolve:
 * @self: a future
 * @value: (nullable): the value, copied, or %NULL for none
 *
 * Resolves @self with a copy of @value if it is still pending, and reports
 * whether it did. Unlike [method@Gaio.Future.resolve], a future that
 * settled already is not an error: this is how a worker that may lose a race
 * with [method@Gaio.Future.cancel] settles quietly. Thread-safe.
 *
 * Returns: %TRUE if this call resolved @self, %FALSE if it had settled
 */
gboolean
gaio_future_try_resolve (GaioFuture   *self,
                         const GValue *value)
{
  GValue copy = G_VALUE_INIT;

  g_return_val_if_fail (GAIO_IS_FUTURE (self), FALSE);
  g_return_val_if_fail (value == NULL || G_IS_VALUE (value), FALSE);

  /* Copying only for a pending future saves the copy of a lost race. */
  if (gaio_future_is_done (self))
    return FALSE;
  if (value != NULL)
    {
      g_value_init (&copy, G_VALUE_TYPE (value));
      g_value_copy (value, &copy);
    }
  return gaio_future_settle (self, GAIO_FUTURE_STATE_RESOLVED, &copy, NULL, TRUE);
}

/**
 * gaio_future_take_value: (skip)
 * @self: a pending future
 * @value: an initialized value whose contents @self takes; it is left unset
 *
 * Resolves @self with @value without copying it. Thread-safe.
 */
void
gaio_future_take_value (GaioFuture *self,
                        GValue     *value)
{
  g_return_if_fail (GAIO_IS_FUTURE (self));
  g_return_if_fail (G_IS_VALUE (value));

  gaio_future_settle (self, GAIO_FUTURE_STATE_RESOLVED, value, NULL, FALSE);
}

#define DEFINE_RESOLVE(suffix, ctype, gtype, setter)              \
  void                                                            \
  gaio_future_resolve_##suffix (GaioFuture *self,                 \
                                ctype       value)                \
  {                                                               \
    GValue v = G_VALUE_INIT;                                      \
                                                                  \
    g_return_if_fail (GAIO_IS_FUTURE (self));                     \
                                                                  \
    g_value_init (&v, gtype);                                     \
    setter (&v, value);                                           \
    gaio_future_settle (self, GAIO_FUTURE_STATE_RESOLVED, &v,     \
                        NULL, FALSE);                             \
  }

/**
 * gaio_future_resolve_boolean:
 * @self: a pending future
 * @value: the value
 *
 * Resolves @self with a boolean. Thread-safe.
 */
DEFINE_RESOLVE (boolean, gboolean, G_TYPE_BOOLEAN, g_value_set_boolean)

/**
 * gaio_future_resolve_int:
 * @self: a pending future
 * @value: the value
 *
 * Resolves @self with an integer. Thread-safe.
 */
DEFINE_RESOLVE (int, int, G_TYPE_INT, g_value_set_int)

/**
 * gaio_future_resolve_int64:
 * @self: a pending future
 * @value: the value
 *
 * Resolves @self with a 64-bit integer. Thread-safe.
 */
DEFINE_RESOLVE (int64, gint64, G_TYPE_INT64, g_value_set_int64)

/**
 * gaio_future_resolve_double:
 * @self: a pending future
 * @value: the value
 *
 * Resolves @self with a double. Thread-safe.
 */
DEFINE_RESOLVE (double, double, G_TYPE_DOUBLE, g_value_set_double)

/**
 * gaio_future_resolve_string:
 * @self: a pending future
 * @value: (nullable): the string, copied
 *
 * Resolves @self with a string. Thread-safe.
 */
DEFINE_RESOLVE (string, const char *, G_TYPE_STRING, g_value_set_string)

/**
 * gaio_future_resolve_object:
 * @self: a pending future
 * @object: (type GObject.Object) (nullable): the object; @self takes a reference
 *
 * Resolves @self with an object, typed as the object's own class so that
 * `G_VALUE_HOLDS()` checks work on the result. Thread-safe.
 */
void
gaio_future_resolve_object (GaioFuture *self,
                            gpointer    object)
{
  GValue v = G_VALUE_INIT;

  g_return_if_fail (GAIO_IS_FUTURE (self));
  g_return_if_fail (object == NULL || G_IS_OBJECT (object));

  g_value_init (&v, object ? G_OBJECT_TYPE (object) : G_TYPE_OBJECT);
  g_value_set_object (&v, object);
  gaio_future_settle (self, GAIO_FUTURE_STATE_RESOLVED, &v, NULL, FALSE);
}

/**
 * gaio_future_resolve_boxed:
 * @self: a pending future
 * @boxed_type: the boxed type of @boxed
 * @boxed: (nullable): the boxed value, copied
 *
 * Resolves @self with a copy of a boxed value. Thread-safe.
 */
void
gaio_future_resolve_boxed (GaioFuture    *self,
                           GType          boxed_type,
                           gconstpointer  boxed)
{
  GValue v = G_VALUE_INIT;

  g_return_if_fail (GAIO_IS_FUTURE (self));
  g_return_if_fail (G_TYPE_IS_BOXED (boxed_type));

  g_value_init (&v, boxed_type);
  g_value_set_boxed (&v, boxed);
  gaio_future_settle (self, GAIO_FUTURE_STATE_RESOLVED, &v, NULL, FALSE);
}

/**
 * gaio_future_resolve_pointer: (skip)
 * @self: a pending future
 * @pointer: (nullable): the pointer
 * @destroy: (nullable): frees @pointer when @self is finalized
 *
 * Resolves @self with a plain pointer that @self owns. Thread-safe.
 */
void
gaio_future_resolve_pointer (GaioFuture     *self,
                             gpointer        pointer,
                             GDestroyNotify  destroy)
{
  GValue v = G_VALUE_INIT;

  g_return_if_fail (GAIO_IS_FUTURE (self));

  g_value_init (&v, G_TYPE_POINTER);
  g_value_set_pointer (&v, pointer);
  /* The pointer is freed with the future's qdata, once it is finalized. */
  if (gaio_future_settle (self, GAIO_FUTURE_STATE_RESOLVED, &v, NULL, FALSE))
    {
      if (destroy != NULL)
        g_object_set_qdata_full ((GObject *) self, pointer_quark, pointer, destroy);
    }
  else if (destroy != NULL)
    {
      destroy (pointer);
    }
}

/**
 * gaio_future_reject:
 * @self: a pending future
 * @error: (transfer full): the error
 *
 * Rejects @self with @error. A `G_IO_ERROR_CANCELLED` error cancels @self
 * instead. Thread-safe.
 */
void
gaio_future_reject (GaioFuture *self,
                    GError     *error)
{
  GaioFutureState state = GAIO_FUTURE_STATE_REJECTED;

  g_return_if_fail (GAIO_IS_FUTURE (self));
  g_return_if_fail (error != NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    state = GAIO_FUTURE_STATE_CANCELLED;

  gaio_future_settle (self, state, NULL, error, FALSE);
}

/**
 * gaio_future_try_reject:
 * @self: a future
 * @error: (transfer full): the error
 *
 * Rejects @self with @error if it is still pending, and reports whether it
 * did; @error is freed either way. A `G_IO_ERROR_CANCELLED` error cancels
 * @self instead. A future that settled already is not an error, as with
 * [method@Gaio.Future.try_resolve]. Thread-safe.
 *
 * Returns: %TRUE if this call settled @self, %FALSE if it had settled
 */
gboolean
gaio_future_try_reject (GaioFuture *self,
                        GError     *error)
{
  GaioFutureState state = GAIO_FUTURE_STATE_REJECTED;

  g_return_val_if_fail (GAIO_IS_FUTURE (self), FALSE);
  g_return_val_if_fail (error != NULL, FALSE);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    state = GAIO_FUTURE_STATE_CANCELLED;

  return gaio_future_settle (self, state, NULL, error, TRUE);
}

/**
 * gaio_future_reject_literal:
 * @self: a pending future
 * @domain: the error domain
 * @code: the error code
 * @message: the error message
 *
 * Rejects @self with a new error. Thread-safe.
 */
void
gaio_future_reject_literal (GaioFuture *self,
                            GQuark      domain,
                            int         code,
                            const char *message)
{
  g_return_if_fail (message != NULL);

  gaio_future_reject (self, g_error_new_literal (domain, code, message));
}

/**
 * gaio_future_reject_printf:
 * @self: a pending future
 * @domain: the error domain
 * @code: the error code
 * @format: a printf() format for the message
 * @...: the format's arguments
 *
 * Rejects @self with a new error whose message is formatted. Thread-safe.
 */
void
gaio_future_reject_printf (GaioFuture *self,
                           GQuark      domain,
                           int         code,
                           const char *format,
                           ...)
{
  va_list args;
  GError *error;

  g_return_if_fail (format != NULL);

  va_start (args, format);
  error = g_error_new_valist (domain, code, format, args);
  va_end (args);

  gaio_future_reject (self, error);
}

/**
 * gaio_future_cancel:
 * @self: a future
 *
 * Requests cancellation of @self, like asyncio's `Future.cancel()`.
 *
 * A plain future settles as cancelled at once and cancels its
 * [class@Gio.Cancellable]. A task or gatherer first stops the work it runs
 * and settles when that has stopped. Thread-safe.
 *
 * The result tells whether this call did it, even when threads race to
 * settle @self: for a plain future, %TRUE means this call settled it as
 * cancelled, so it never resolves afterwards; for a task, gatherer or other
 * future that stops work first, %TRUE means this call made the first
 * request while @self was pending (the work may still end otherwise, as in
 * asyncio). At most one call returns %TRUE for a future.
 *
 * Returns: %TRUE if this call cancelled @self (or requested its
 *   cancellation), %FALSE if it had settled or was being cancelled already
 */
gboolean
gaio_future_cancel (GaioFuture *self)
{
  GaioFutureClass *klass;
  GaioFuturePrivate *priv;

  g_return_val_if_fail (GAIO_IS_FUTURE (self), FALSE);

  if (gaio_future_is_done (self))
    return FALSE;

  /* A plain future: settling decides atomically who won. */
  klass = GAIO_FUTURE_GET_CLASS (self);
  priv = PRIV (self);
  if (klass->request_cancel == gaio_future_real_cancel)
    {
      if (priv->has_cancel_hook)
        {
          CancelHook *hook = g_object_get_qdata (G_OBJECT (self), cancel_hook_quark);

          return hook->func (self, hook->data);
        }
      return gaio_future_settle_cancelled (self);
    }

  /* A future that stops work first: the first request wins. */
  if (!gaio_future_claim_cancel (self))
    return FALSE;
  klass->request_cancel (self);
  return TRUE;
}

/**
 * gaio_future_get_value:
 * @self: a future
 *
 * Gets the value @self resolved with.
 *
 * Returns: (transfer none) (nullable): the value, owned by @self, or %NULL
 *   when @self is not resolved or resolved with no value
 */
const GValue *
gaio_future_get_value (GaioFuture *self)
{
  GaioFuturePrivate *priv;

  g_return_val_if_fail (GAIO_IS_FUTURE (self), NULL);

  priv = PRIV (self);
  if (state_of (priv) != GAIO_FUTURE_STATE_RESOLVED || !HOLDS_VALUE (&priv->outcome.value))
    return NULL;

  return &priv->outcome.value;
}

/**
 * gaio_future_get_pointer: (skip)
 * @self: a future
 *
 * Gets the pointer @self resolved with through
 * [method@Gaio.Future.resolve_pointer].
 *
 * Returns: (nullable): the pointer, owned by @self
 */
gpointer
gaio_future_get_pointer (GaioFuture *self)
{
  const GValue *value = gaio_future_get_value (self);

  if (value == NULL || !G_VALUE_HOLDS_POINTER (value))
    return NULL;
  return g_value_get_pointer (value);
}

/**
 * gaio_future_get_error:
 * @self: a future
 *
 * Gets the error @self was rejected or cancelled with, and marks it as
 * retrieved.
 *
 * Returns: (transfer none) (nullable): the error, owned by @self, or %NULL
 *   when @self is pending or resolved
 */
const GError *
gaio_future_get_error (GaioFuture *self)
{
  GaioFuturePrivate *priv;
  GaioFutureState state;

  g_return_val_if_fail (GAIO_IS_FUTURE (self), NULL);

  priv = PRIV (self);
  state = state_of (priv);
  if (state == GAIO_FUTURE_STATE_PENDING)
    return NULL;

  priv->observed = TRUE;
  return error_of (priv, state);
}

/**
 * gaio_future_propagate:
 * @self: a settled future
 * @error: return location for the future's error
 *
 * Reports how @self settled, the GError way: %TRUE when it resolved, or
 * %FALSE with a copy of its error. Marks the error as retrieved.
 *
 * Returns: %TRUE if @self resolved
 */
gboolean
gaio_future_propagate (GaioFuture  *self,
                       GError     **error)
{
  GaioFuturePrivate *priv;
  GaioFutureState state;
  const GError *own;

  g_return_val_if_fail (GAIO_IS_FUTURE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  priv = PRIV (self);
  state = state_of (priv);
  if (state == GAIO_FUTURE_STATE_PENDING)
    {
      g_set_error_literal (error, GAIO_ERROR, GAIO_ERROR_FAILED,
                           "The future has not settled yet");
      return FALSE;
    }

  priv->observed = TRUE;
  own = error_of (priv, state);
  if (own != NULL)
    {
      g_propagate_error (error, g_error_copy (own));
      return FALSE;
    }

  return TRUE;
}

/**
 * gaio_future_get_cancellable:
 * @self: a future
 *
 * Gets a cancellable for the work that computes @self, created on first
 * use. Cancelling @self cancels it. Thread-safe.
 *
 * Returns: (transfer none): the cancellable
 */
GCancellable *
gaio_future_get_cancellable (GaioFuture *self)
{
  GaioFuturePrivate *priv;
  GCancellable *cancellable;
  gboolean cancel = FALSE;

  g_return_val_if_fail (GAIO_IS_FUTURE (self), NULL);

  /* Owned by the future's qdata until it is disposed. */
  priv = PRIV (self);
  g_mutex_lock (&priv->lock);
  cancellable = cancellable_of (self);
  if (cancellable == NULL)
    {
      cancellable = g_cancellable_new ();
      g_object_set_qdata_full ((GObject *) self, cancellable_quark, cancellable, g_object_unref);
      priv->has_cancellable = TRUE;
      cancel = priv->state == GAIO_FUTURE_STATE_CANCELLED;
    }
  g_mutex_unlock (&priv->lock);

  if (cancel)
    g_cancellable_cancel (cancellable);

  return cancellable;
}

/**
 * gaio_future_add_done_callback:
 * @self: a future
 * @callback: (scope notified) (closure user_data) (destroy destroy): called
 *   once @self has settled
 * @user_data: data for @callback
 * @destroy: (nullable): frees @user_data after @callback ran, or when @self
 *   is finalized without settling
 *
 * Arranges for @callback to run on the owner context after @self settles,
 * in the order callbacks were added. If @self has settled already, @callback
 * still runs later, never from inside this call. Thread-safe.
 *
 * Returns: an id for [method@Gaio.Future.remove_done_callback], never 0
 */
gulong
gaio_future_add_done_callback (GaioFuture         *self,
                               GaioFutureCallback  callback,
                               gpointer            user_data,
                               GDestroyNotify      destroy)
{
  GaioFuturePrivate *priv;
  Callback cb = { callback, user_data, destroy, 0 };
  gboolean push;

  g_return_val_if_fail (GAIO_IS_FUTURE (self), 0);
  g_return_val_if_fail (callback != NULL, 0);

  cb.id = (gulong) g_atomic_pointer_add (&last_callback_id, 1) + 1;

  priv = PRIV (self);
  g_mutex_lock (&priv->lock);
  if (priv->first.func == NULL)
    {
      priv->first = cb;
    }
  else
    {
      GArray *more = more_of (self);

      if (more == NULL)
        {
          more = g_array_sized_new (FALSE, FALSE, sizeof (Callback), 2);
          g_object_set_qdata ((GObject *) self, more_quark, more);
          priv->has_more = TRUE;
        }
      g_array_append_val (more, cb);
    }
  push = priv->state != GAIO_FUTURE_STATE_PENDING && schedule_locked (self);
  g_mutex_unlock (&priv->lock);

  if (push)
    gaio_scheduler_push (priv->scheduler, &priv->item);

  return cb.id;
}

/* Must hold the lock. Takes the callback @id out of the list, keeping the
 * order of the others and the rule that `more` is empty while `first` is. */
static gboolean
take_callback_locked (GaioFuture *self,
                      gulong      id,
                      Callback   *out)
{
  GaioFuturePrivate *priv = PRIV (self);
  GArray *more = more_of (self);

  if (priv->first.func != NULL && priv->first.id == id)
    {
      *out = priv->first;
      priv->first.func = NULL;
      if (more != NULL && more->len > 0)
        {
          priv->first = g_array_index (more, Callback, 0);
          g_array_remove_index (more, 0);
        }
      return TRUE;
    }

  for (guint i = 0; more != NULL && i < more->len; i++)
    if (g_array_index (more, Callback, i).id == id)
      {
        *out = g_array_index (more, Callback, i);
        g_array_remove_index (more, i);
        return TRUE;
      }

  return FALSE;
}

/**
 * gaio_future_remove_done_callback:
 * @self: a future
 * @id: an id from [method@Gaio.Future.add_done_callback]
 *
 * Removes a done-callback that has not run yet, and frees its data with
 * its destroy function, like `asyncio.Future.remove_done_callback()`. Once
 * @self settled, callbacks are taken for their run at the next iteration of
 * the owner context; from then on they can no longer be removed.
 * Thread-safe.
 *
 * Returns: %TRUE if the callback was removed, %FALSE if it already ran, was
 *   taken for running or was never added to @self
 *
 * Since: 0.2
 */
gboolean
gaio_future_remove_done_callback (GaioFuture *self,
                                  gulong      id)
{
  GaioFuturePrivate *priv;
  Callback cb;
  gboolean removed;

  g_return_val_if_fail (GAIO_IS_FUTURE (self), FALSE);
  g_return_val_if_fail (id != 0, FALSE);

  priv = PRIV (self);
  g_mutex_lock (&priv->lock);
  removed = take_callback_locked (self, id, &cb);
  g_mutex_unlock (&priv->lock);

  /* Outside the lock: the destroy function may drop the last reference of
   * something that touches @self. */
  if (removed && cb.destroy != NULL)
    cb.destroy (cb.data);
  return removed;
}

/* Awaiting through GAsyncResult. */

typedef struct
{
  GAsyncReadyCallback callback;
  gpointer            user_data;
} Waiter;

static void
wait_done_cb (GaioFuture *self,
              gpointer    data)
{
  Waiter *waiter = data;

  waiter->callback (G_OBJECT (self), G_ASYNC_RESULT (self), waiter->user_data);
}

/* A wait with a cancellable goes over the one bridge from a future to a
 * GAsyncResult (gaio_waiter_bind_async()), bound to a future of the wait
 * itself: cancelling that ends the wait and leaves @self alone. */
static gboolean
wait_cancel_hook (GaioFuture *wait,
                  gpointer    data)
{
  return gaio_future_settle (wait, GAIO_FUTURE_STATE_CANCELLED, NULL,
                             g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                  "The wait was cancelled"),
                             TRUE);
}

/* Like follow_cb(), but a wait that ended first leaves @source unobserved:
 * its rejection is still reported if nobody else looks. */
static void
wait_follow_cb (GaioFuture *source,
                gpointer    data)
{
  GaioFuture *wait = data;

  if (!gaio_future_is_done (wait))
    gaio_future_settle_from (wait, source);
}

/**
 * gaio_future_wait_async:
 * @self: a future
 * @cancellable: (nullable): stops the wait (not @self)
 * @callback: (scope async) (closure user_data): called once @self settled
 *   or @cancellable was cancelled
 * @user_data: data for @callback
 *
 * Waits for @self to settle, the GIO way. This is the pair that Vala's
 * `yield future.wait ()`, GJS's `Gio._promisify()` and the Python override
 * turn into an await. Cancelling @cancellable ends the wait promptly with
 * `G_IO_ERROR_CANCELLED` and leaves @self alone; to cancel @self, use
 * [method@Gaio.Future.cancel].
 */
void
gaio_future_wait_async (GaioFuture          *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GaioFuture *wait;

  g_return_if_fail (GAIO_IS_FUTURE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (callback == NULL)
    return;

  if (cancellable == NULL)
    {
      Waiter *waiter = g_new (Waiter, 1);

      waiter->callback = callback;
      waiter->user_data = user_data;
      gaio_future_add_done_callback (self, wait_done_cb, waiter, g_free);
      return;
    }

  wait = gaio_future_new ();
  gaio_future_set_cancel_hook (wait, wait_cancel_hook, NULL, NULL);
  gaio_future_add_done_callback (self, wait_follow_cb, g_object_ref (wait), g_object_unref);
  gaio_waiter_bind_async (self, wait, cancellable, gaio_future_wait_async, NULL,
                          callback, user_data);
}

/**
 * gaio_future_wait_finish:
 * @self: a future
 * @result: the result given to the callback
 * @error: return location for the future's error
 *
 * Finishes [method@Gaio.Future.wait_async].
 *
 * Returns: (transfer full) (nullable): a copy of the value @self resolved
 *   with, or %NULL when it resolved with none; %NULL with @error set when
 *   @self was rejected or cancelled, or the wait was cancelled
 */
GValue *
gaio_future_wait_finish (GaioFuture    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  const GValue *value;

  g_return_val_if_fail (GAIO_IS_FUTURE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (result != G_ASYNC_RESULT (self))
    {
      GValue *copy = NULL;

      if (!gaio_waiter_bind_finish (self, result, gaio_future_wait_async, &copy, error))
        return NULL;
      if (copy != NULL)
        g_boxed_free (G_TYPE_VALUE, copy);
    }

  if (!gaio_future_propagate (self, error))
    return NULL;

  value = gaio_future_get_value (self);
  return value ? g_boxed_copy (G_TYPE_VALUE, value) : NULL;
}

/**
 * gaio_future_async_ready_callback:
 * @source_object: (nullable): the source object of the finished operation
 * @result: the operation's result
 * @user_data: (transfer full): the [class@Gaio.Future] to resolve
 *
 * Turns any GIO `_async()` call into a future: pass this function as the
 * callback and a reference to a pending future as its data. The future
 * resolves with @result, on which the caller then calls the matching
 * `_finish()`. If the future was cancelled meanwhile, @result is dropped.
 *
 * ```c
 * g_autoptr(GaioFuture) future = gaio_future_new ();
 * g_file_load_contents_async (file, gaio_future_get_cancellable (future),
 *                             gaio_future_async_ready_callback,
 *                             g_object_ref (future));
 * ```
 */
void
gaio_future_async_ready_callback (GObject      *source_object,
                                  GAsyncResult *result,
                                  gpointer      user_data)
{
  g_autoptr(GaioFuture) self = user_data;
  GValue value = G_VALUE_INIT;

  g_return_if_fail (GAIO_IS_FUTURE (self));

  g_value_init (&value, G_OBJECT_TYPE (result));
  g_value_set_object (&value, result);
  gaio_future_settle (self, GAIO_FUTURE_STATE_RESOLVED, &value, NULL, TRUE);
}
