/* gaio-proxy-future.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include "gaio-future-private.h"
#include "gaio-proxy-future-private.h"

struct _GaioProxyFuture
{
  GaioFuture  parent_instance;
  GaioFuture *source;
};

G_DEFINE_FINAL_TYPE (GaioProxyFuture, gaio_proxy_future, GAIO_TYPE_FUTURE)

static void
gaio_proxy_future_cancel (GaioFuture *future)
{
  GaioProxyFuture *self = GAIO_PROXY_FUTURE (future);

  /* Settle first: the source may take a while to stop (a task cleaning up)
   * and whoever cancelled this future asked for it to be over. */
  gaio_future_settle_cancelled (future);
  gaio_future_cancel (self->source);
}

static void
gaio_proxy_future_dispose (GObject *object)
{
  GaioProxyFuture *self = GAIO_PROXY_FUTURE (object);

  g_clear_object (&self->source);

  G_OBJECT_CLASS (gaio_proxy_future_parent_class)->dispose (object);
}

static void
gaio_proxy_future_class_init (GaioProxyFutureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GaioFutureClass *future_class = GAIO_FUTURE_CLASS (klass);

  object_class->dispose = gaio_proxy_future_dispose;
  future_class->request_cancel = gaio_proxy_future_cancel;
}

static void
gaio_proxy_future_init (GaioProxyFuture *self)
{
}

GaioFuture *
gaio_proxy_future_new (GaioFuture *source)
{
  GaioProxyFuture *self;

  g_return_val_if_fail (GAIO_IS_FUTURE (source), NULL);

  self = (GaioProxyFuture *) g_object_new_with_properties (GAIO_TYPE_PROXY_FUTURE, 0, NULL, NULL);
  self->source = g_object_ref (source);

  return GAIO_FUTURE (self);
}

GaioFuture *
gaio_proxy_future_get_source (GaioProxyFuture *self)
{
  return self->source;
}
