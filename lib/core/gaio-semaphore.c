/* gaio-semaphore.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include "gaio-future-private.h"
#include "gaio-semaphore.h"
#include "gaio-waiter-private.h"

/**
 * GaioSemaphore:
 *
 * A counter of permits, awaited through futures: `asyncio.Semaphore`, the
 * usual way to cap concurrent requests.
 *
 * [method@Gaio.Semaphore.acquire] takes a permit, waiting in FIFO order when
 * none is left; [method@Gaio.Semaphore.release] gives one back, straight to
 * the longest waiter if there is one.
 *
 * ```c
 * static void
 * on_permit (GaioFuture *acquired, gpointer data)
 * {
 *   // start one request; call gaio_semaphore_release() when it is done
 * }
 *
 * g_autoptr(GaioSemaphore) limit = gaio_semaphore_new (10);
 * for (guint i = 0; i < n_urls; i++)
 *   {
 *     g_autoptr(GaioFuture) permit = gaio_semaphore_acquire (limit);
 *     gaio_future_add_done_callback (permit, on_permit, urls[i], NULL);
 *   }
 * ```
 *
 * Waiting is cancellation-safe: cancelling an acquire future that is still
 * waiting takes it out of line, and a permit is never lost. With
 * [method@Gaio.Semaphore.acquire_async], a permit granted in the same
 * instant as the cancellable fired is passed on to the next waiter and the
 * call reports `G_IO_ERROR_CANCELLED`. A future returned by
 * [method@Gaio.Semaphore.acquire] that resolved owns its permit, even if it
 * is cancelled afterwards (cancelling a settled future does nothing).
 *
 * Like asyncio's, a semaphore is used from one thread: its owner context.
 */

struct _GaioSemaphore
{
  GObject        parent_instance;

  guint          value;
  GaioWaitQueue  waiters;
};

G_DEFINE_FINAL_TYPE (GaioSemaphore, gaio_semaphore, G_TYPE_OBJECT)

static void
undo_acquire (gpointer    source_object,
              GaioFuture *future)
{
  gaio_semaphore_release (source_object);
}

static void
gaio_semaphore_dispose (GObject *object)
{
  GaioSemaphore *self = GAIO_SEMAPHORE (object);

  gaio_wait_queue_clear (&self->waiters);

  G_OBJECT_CLASS (gaio_semaphore_parent_class)->dispose (object);
}

static void
gaio_semaphore_class_init (GaioSemaphoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gaio_semaphore_dispose;
}

static void
gaio_semaphore_init (GaioSemaphore *self)
{
  gaio_wait_queue_init (&self->waiters);
}

/**
 * gaio_semaphore_new:
 * @value: the number of permits to start with
 *
 * Creates a semaphore.
 *
 * Returns: (transfer full): a new semaphore
 */
GaioSemaphore *
gaio_semaphore_new (guint value)
{
  GaioSemaphore *self = g_object_new (GAIO_TYPE_SEMAPHORE, NULL);

  self->value = value;
  return self;
}

/**
 * gaio_semaphore_get_value:
 * @self: a semaphore
 *
 * Gets the number of free permits.
 *
 * Returns: the free permits
 */
guint
gaio_semaphore_get_value (GaioSemaphore *self)
{
  g_return_val_if_fail (GAIO_IS_SEMAPHORE (self), 0);

  return self->value;
}

/**
 * gaio_semaphore_is_locked:
 * @self: a semaphore
 *
 * Checks whether an acquire would have to wait.
 *
 * Returns: %TRUE when no permit is free
 */
gboolean
gaio_semaphore_is_locked (GaioSemaphore *self)
{
  g_return_val_if_fail (GAIO_IS_SEMAPHORE (self), FALSE);

  return self->value == 0;
}

/**
 * gaio_semaphore_acquire:
 * @self: a semaphore
 *
 * Takes a permit, waiting for one in FIFO order. The returned future
 * resolves, with no value, once the permit is yours; release it with
 * [method@Gaio.Semaphore.release]. Cancel the future to stop waiting.
 *
 * Returns: (transfer full): a future of the permit
 */
GaioFuture *
gaio_semaphore_acquire (GaioSemaphore *self)
{
  g_return_val_if_fail (GAIO_IS_SEMAPHORE (self), NULL);

  /* A free permit means nobody live is waiting: release hands permits
   * straight to live waiters. */
  if (self->value > 0)
    {
      self->value--;
      return gaio_future_new_resolved (NULL);
    }

  return gaio_future_with_kind (gaio_wait_queue_push (&self->waiters), GAIO_FUTURE_KIND_SEMAPHORE);
}

/**
 * gaio_semaphore_acquire_async:
 * @self: a semaphore
 * @cancellable: (nullable): stops waiting
 * @callback: (scope async) (closure user_data): called once the permit is
 *   yours or the wait was cancelled
 * @user_data: data for @callback
 *
 * Takes a permit, the GIO way; see [method@Gaio.Semaphore.acquire].
 */
void
gaio_semaphore_acquire_async (GaioSemaphore       *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (GAIO_IS_SEMAPHORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  gaio_waiter_bind_async (self, gaio_semaphore_acquire (self), cancellable,
                          gaio_semaphore_acquire_async, undo_acquire, callback, user_data);
}

/**
 * gaio_semaphore_acquire_finish:
 * @self: a semaphore
 * @result: the result given to the callback
 * @error: return location for `G_IO_ERROR_CANCELLED`
 *
 * Finishes [method@Gaio.Semaphore.acquire_async].
 *
 * Returns: %TRUE if the permit is yours
 */
gboolean
gaio_semaphore_acquire_finish (GaioSemaphore  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (GAIO_IS_SEMAPHORE (self), FALSE);

  return gaio_waiter_bind_finish (self, result, gaio_semaphore_acquire_async, NULL, error);
}

/**
 * gaio_semaphore_try_acquire:
 * @self: a semaphore
 *
 * Takes a permit if one is free, without waiting.
 *
 * Returns: %TRUE if the permit is yours
 */
gboolean
gaio_semaphore_try_acquire (GaioSemaphore *self)
{
  g_return_val_if_fail (GAIO_IS_SEMAPHORE (self), FALSE);

  if (self->value == 0)
    return FALSE;

  self->value--;
  return TRUE;
}

/**
 * gaio_semaphore_release:
 * @self: a semaphore
 *
 * Gives a permit back: to the longest live waiter, whose future resolves
 * from the next iteration, or to the pool.
 */
void
gaio_semaphore_release (GaioSemaphore *self)
{
  g_return_if_fail (GAIO_IS_SEMAPHORE (self));

  if (!gaio_wait_queue_wake_one (&self->waiters, NULL))
    self->value++;
}
