/* gaio-http-client-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#include "gaio-http-client.h"
#include "gaio-http-request-private.h"
#include "gaio-scheduler-private.h"

G_BEGIN_DECLS

/* What requests need from their client, on the client's context. */

GaioScheduler *gaio_http_client_get_scheduler (GaioHttpClient  *self);
SoupSession   *gaio_http_client_next_session  (GaioHttpClient  *self);
gboolean       gaio_http_client_has_extra_ca  (GaioHttpClient  *self);
GTlsCertificateFlags
               gaio_http_client_verify_peer   (GaioHttpClient       *self,
                                               GUri                 *uri,
                                               const char           *host_key,
                                               GTlsCertificate      *certificate,
                                               GTlsCertificateFlags  errors);

/* The queue: enqueue() takes a request that has just become QUEUED and
 * starts it with gaio_http_request_start() once both limits allow;
 * release() gives back what a queued or running request holds, and must
 * be called before it leaves that state. */
void           gaio_http_client_enqueue       (GaioHttpClient  *self,
                                               GaioHttpRequest *request);
void           gaio_http_client_release       (GaioHttpClient  *self,
                                               GaioHttpRequest *request);

G_END_DECLS
