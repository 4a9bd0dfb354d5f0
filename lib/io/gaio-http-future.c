/* gaio-http-future.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include "gaio-http-future-private.h"
#include "gaio-http-request-private.h"

/* An HTTP request's future is a plain future with a cancel hook: the hook
 * links it to its request, weakly, since the request holds the future
 * until it settles and detaches itself first. */
typedef struct
{
  GaioFuture      *future;       /* not referenced: the link is the future's */
  GaioHttpRequest *request;      /* owner context only; NULL once finished */
} Link;

/* The request lives on the owner context, so only there may it be told. */
static void
cancel_on_owner (gpointer data)
{
  Link *link = data;

  if (link->request != NULL)
    gaio_http_request_cancel (link->request);
  g_object_unref (link->future);
}

static gboolean
http_cancel_hook (GaioFuture *future,
                  gpointer    data)
{
  if (!gaio_future_claim_cancel (future))
    return FALSE;

  g_cancellable_cancel (gaio_future_get_cancellable (future));
  /* The reference keeps the link alive until the owner has run. */
  g_object_ref (future);
  gaio_scheduler_call_soon (gaio_future_get_scheduler (future), cancel_on_owner, data);
  return TRUE;
}

/* The future belongs to the thread-default context, the client's, and the
 * request uses the future's cancellable. */
GaioFuture *
gaio_http_future_new (GaioHttpRequest *request)
{
  GaioFuture *future = gaio_future_new ();
  Link *link = g_new (Link, 1);

  link->future = future;
  link->request = request;
  gaio_future_set_cancel_hook (future, http_cancel_hook, link, g_free);
  return future;
}

void
gaio_http_future_detach (GaioFuture *future)
{
  Link *link = gaio_future_get_cancel_data (future);

  link->request = NULL;
}
