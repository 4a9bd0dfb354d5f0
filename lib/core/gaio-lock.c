/* gaio-lock.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include "gaio-future-private.h"
#include "gaio-lock.h"
#include "gaio-semaphore.h"
#include "gaio-waiter-private.h"

/**
 * GaioLock:
 *
 * A mutual-exclusion lock for code that awaits: `asyncio.Lock`.
 *
 * [method@Gaio.Lock.acquire] returns a future that resolves once the lock is
 * yours; waiters are served in FIFO order. [method@Gaio.Lock.release] hands
 * the lock to the next waiter. Cancellation is safe as for
 * [class@Gaio.Semaphore]: a cancelled wait never keeps the lock.
 *
 * ```c
 * g_autoptr(GaioFuture) locked = gaio_lock_acquire (lock);
 * // ... once it resolved: touch the shared state, then
 * gaio_lock_release (lock);
 * ```
 *
 * Like asyncio's, a lock is used from its owner context only and is not
 * reentrant.
 */

struct _GaioLock
{
  GObject        parent_instance;

  GaioSemaphore *semaphore;
};

G_DEFINE_FINAL_TYPE (GaioLock, gaio_lock, G_TYPE_OBJECT)

static void
undo_acquire (gpointer    source_object,
              GaioFuture *future)
{
  gaio_lock_release (source_object);
}

static void
gaio_lock_dispose (GObject *object)
{
  GaioLock *self = GAIO_LOCK (object);

  g_clear_object (&self->semaphore);

  G_OBJECT_CLASS (gaio_lock_parent_class)->dispose (object);
}

static void
gaio_lock_class_init (GaioLockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gaio_lock_dispose;
}

static void
gaio_lock_init (GaioLock *self)
{
  self->semaphore = gaio_semaphore_new (1);
}

/**
 * gaio_lock_new:
 *
 * Creates an unlocked lock.
 *
 * Returns: (transfer full): a new lock
 */
GaioLock *
gaio_lock_new (void)
{
  return g_object_new (GAIO_TYPE_LOCK, NULL);
}

/**
 * gaio_lock_is_locked:
 * @self: a lock
 *
 * Checks whether someone holds the lock.
 *
 * Returns: %TRUE when locked
 */
gboolean
gaio_lock_is_locked (GaioLock *self)
{
  g_return_val_if_fail (GAIO_IS_LOCK (self), FALSE);

  return gaio_semaphore_is_locked (self->semaphore);
}

/**
 * gaio_lock_acquire:
 * @self: a lock
 *
 * Takes the lock, waiting in FIFO order. The returned future resolves, with
 * no value, once the lock is yours. Cancel it to stop waiting.
 *
 * Returns: (transfer full): a future of the lock
 */
GaioFuture *
gaio_lock_acquire (GaioLock *self)
{
  g_return_val_if_fail (GAIO_IS_LOCK (self), NULL);

  return gaio_future_with_kind (gaio_semaphore_acquire (self->semaphore), GAIO_FUTURE_KIND_LOCK);
}

/**
 * gaio_lock_acquire_async:
 * @self: a lock
 * @cancellable: (nullable): stops waiting
 * @callback: (scope async) (closure user_data): called once the lock is
 *   yours or the wait was cancelled
 * @user_data: data for @callback
 *
 * Takes the lock, the GIO way; see [method@Gaio.Lock.acquire].
 */
void
gaio_lock_acquire_async (GaioLock            *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (GAIO_IS_LOCK (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  gaio_waiter_bind_async (self, gaio_semaphore_acquire (self->semaphore), cancellable,
                          gaio_lock_acquire_async, undo_acquire, callback, user_data);
}

/**
 * gaio_lock_acquire_finish:
 * @self: a lock
 * @result: the result given to the callback
 * @error: return location for `G_IO_ERROR_CANCELLED`
 *
 * Finishes [method@Gaio.Lock.acquire_async].
 *
 * Returns: %TRUE if the lock is yours
 */
gboolean
gaio_lock_acquire_finish (GaioLock      *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (GAIO_IS_LOCK (self), FALSE);

  return gaio_waiter_bind_finish (self, result, gaio_lock_acquire_async, NULL, error);
}

/**
 * gaio_lock_try_acquire:
 * @self: a lock
 *
 * Takes the lock if it is free, without waiting.
 *
 * Returns: %TRUE if the lock is yours
 */
gboolean
gaio_lock_try_acquire (GaioLock *self)
{
  g_return_val_if_fail (GAIO_IS_LOCK (self), FALSE);

  return gaio_semaphore_try_acquire (self->semaphore);
}

/**
 * gaio_lock_release:
 * @self: a locked lock
 *
 * Releases the lock, handing it to the longest live waiter if there is one.
 * Releasing an unlocked lock is a programming error.
 */
void
gaio_lock_release (GaioLock *self)
{
  g_return_if_fail (GAIO_IS_LOCK (self));
  g_return_if_fail (gaio_semaphore_is_locked (self->semaphore));

  gaio_semaphore_release (self->semaphore);
}
