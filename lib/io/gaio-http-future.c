/* gaio-http-future.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include "gaio-http-future-private.h"
#include "gaio-http-request-private.h"

struct _GaioHttpFuture
{
  GaioFuture       parent_instance;
  GaioHttpRequest *request;      /* owner context only; NULL once finished */
};

G_DEFINE_FINAL_TYPE (GaioHttpFuture, gaio_http_future, GAIO_TYPE_FUTURE)

/* The request lives on the owner context, so only there may it be told. */
static void
cancel_on_owner (gpointer data)
{
  GaioHttpFuture *self = data;

  if (self->request != NULL)
    gaio_http_request_cancel (self->request);
  g_object_unref (self);
}

static void
gaio_http_future_request_cancel (GaioFuture *future)
{
  GaioHttpFuture *self = GAIO_HTTP_FUTURE (future);

  g_cancellable_cancel (gaio_future_get_cancellable (future));
  gaio_scheduler_call_soon (gaio_future_get_scheduler (future), cancel_on_owner,
                            g_object_ref (self));
}

static void
gaio_http_future_class_init (GaioHttpFutureClass *klass)
{
  GAIO_FUTURE_CLASS (klass)->request_cancel = gaio_http_future_request_cancel;
}

static void
gaio_http_future_init (GaioHttpFuture *self)
{
}

/* @request is not referenced: it holds the future until it settles, and
 * detaches itself first. The future belongs to the thread-default context,
 * the client's, and the request uses the future's cancellable. */
GaioHttpFuture *
gaio_http_future_new (GaioHttpRequest *request)
{
  GaioHttpFuture *self = g_object_new (GAIO_TYPE_HTTP_FUTURE, NULL);

  self->request = request;
  return self;
}

void
gaio_http_future_detach (GaioHttpFuture *self)
{
  self->request = NULL;
}
