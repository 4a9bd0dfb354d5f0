/* gaio-future-chain.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include "gaio-future.h"
#include "gaio-future-private.h"

/* Continuations: gaio_future_then(), _catch() and _finally() hang a new
 * future on an existing one through a done-callback. They use nothing of a
 * future but its public and library-private API, so they live apart from the
 * future itself. */

typedef enum {
  CHAIN_THEN,
  CHAIN_CATCH,
  CHAIN_FINALLY,
} ChainKind;

typedef struct
{
  ChainKind              kind;
  GaioFuture            *result;
  GaioFutureContinuation continuation;
  GaioFutureCallback     callback;
  gpointer               user_data;
  GDestroyNotify         destroy;
} Chain;

static void
chain_free (gpointer data)
{
  Chain *chain = data;

  if (chain->destroy != NULL)
    chain->destroy (chain->user_data);
  g_object_unref (chain->result);
  g_free (chain);
}

static void
adopt (GaioFuture *self,
       GaioFuture *source)
{
  if (source == NULL)
    gaio_future_settle (self, GAIO_FUTURE_STATE_RESOLVED, NULL, NULL, TRUE);
  else
    gaio_future_follow (self, source);
}

static void
chain_cb (GaioFuture *source,
          gpointer    user_data)
{
  Chain *chain = user_data;
  gboolean resolved = gaio_future_get_state (source) == GAIO_FUTURE_STATE_RESOLVED;
  g_autoptr(GaioFuture) next = NULL;

  if (gaio_future_is_done (chain->result))
    return;

  switch (chain->kind)
    {
    case CHAIN_THEN:
    case CHAIN_CATCH:
      if (resolved == (chain->kind == CHAIN_THEN))
        {
          gaio_future_mark_observed (source);
          next = chain->continuation (source, chain->user_data);
          adopt (chain->result, next);
          return;
        }
      break;

    case CHAIN_FINALLY:
      chain->callback (source, chain->user_data);
      break;

    default:
      g_assert_not_reached ();
    }

  gaio_future_settle_from (chain->result, source);
}

/* Cancelling the chained future cancels the future it hangs on, after
 * settling itself: whoever cancelled asked for the chain to be over, even if
 * the source takes a while to stop. */
static gboolean
chain_cancel_hook (GaioFuture *result,
                   gpointer    source)
{
  if (!gaio_future_settle_cancelled (result))
    return FALSE;
  gaio_future_cancel (source);
  return TRUE;
}

static GaioFuture *
chain_new (GaioFuture             *self,
           ChainKind               kind,
           GaioFutureContinuation  continuation,
           GaioFutureCallback      callback,
           gpointer                user_data,
           GDestroyNotify          destroy)
{
  GaioFuture *result = gaio_future_new ();
  Chain *chain = g_new0 (Chain, 1);

  gaio_future_set_cancel_hook (result, chain_cancel_hook, g_object_ref (self), g_object_unref);

  chain->kind = kind;
  chain->result = g_object_ref (result);
  chain->continuation = continuation;
  chain->callback = callback;
  chain->user_data = user_data;
  chain->destroy = destroy;
  gaio_future_add_done_callback (self, chain_cb, chain, chain_free);

  return result;
}

/**
 * gaio_future_then: (skip)
 * @self: a future
 * @continuation: (scope notified) (closure user_data) (destroy destroy):
 *   runs when @self resolves
 * @user_data: data for @continuation
 * @destroy: (nullable): frees @user_data
 *
 * Chains C code after @self: once @self resolves, @continuation runs on the
 * owner context and the returned future takes over the outcome of the future
 * it returns. A rejection of @self passes straight through. Cancelling the
 * returned future cancels @self while it is pending.
 *
 * C only: no binding sees this function (GJS would take any object with a
 * `then` method for a promise).
 *
 * Returns: (transfer full): the chained future
 */
GaioFuture *
gaio_future_then (GaioFuture             *self,
                  GaioFutureContinuation  continuation,
                  gpointer                user_data,
                  GDestroyNotify          destroy)
{
  g_return_val_if_fail (GAIO_IS_FUTURE (self), NULL);
  g_return_val_if_fail (continuation != NULL, NULL);

  return chain_new (self, CHAIN_THEN, continuation, NULL, user_data, destroy);
}

/**
 * gaio_future_catch: (skip)
 * @self: a future
 * @continuation: (scope notified) (closure user_data) (destroy destroy):
 *   runs when @self is rejected or cancelled
 * @user_data: data for @continuation
 * @destroy: (nullable): frees @user_data
 *
 * Chains C error handling after @self: a rejection runs @continuation, whose
 * returned future the chained future follows; a resolution passes through.
 * C only.
 *
 * Returns: (transfer full): the chained future
 */
GaioFuture *
gaio_future_catch (GaioFuture             *self,
                   GaioFutureContinuation  continuation,
                   gpointer                user_data,
                   GDestroyNotify          destroy)
{
  g_return_val_if_fail (GAIO_IS_FUTURE (self), NULL);
  g_return_val_if_fail (continuation != NULL, NULL);

  return chain_new (self, CHAIN_CATCH, continuation, NULL, user_data, destroy);
}

/**
 * gaio_future_finally: (skip)
 * @self: a future
 * @callback: (scope notified) (closure user_data) (destroy destroy): runs
 *   however @self settles
 * @user_data: data for @callback
 * @destroy: (nullable): frees @user_data
 *
 * Runs @callback once @self settles; the chained future then settles as
 * @self did. C only.
 *
 * Returns: (transfer full): the chained future
 */
GaioFuture *
gaio_future_finally (GaioFuture         *self,
                     GaioFutureCallback  callback,
                     gpointer            user_data,
                     GDestroyNotify      destroy)
{
  g_return_val_if_fail (GAIO_IS_FUTURE (self), NULL);
  g_return_val_if_fail (callback != NULL, NULL);

  return chain_new (self, CHAIN_FINALLY, NULL, callback, user_data, destroy);
}
