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

/* What the client keeps in each request, so that queueing, cancelling
 * and removing a deadline cost O(1): no queue is ever searched. */
typedef struct
{
  GList        link;           /* in the ready queue, or its host's waiting queue */
  gboolean     admitted;       /* in the ready queue (or running) */
  guint        shard;          /* which of its host's sessions, while running */
  SoupSession *session;        /* that session, while running */
  gboolean     fresh;          /* its shard's connections are all busy: open another */
  GList        deadline_link;  /* in the client's deadlines, while it has one */
  gint64       deadline;       /* monotonic time */
} GaioHttpSlot;

GaioHttpSlot  *gaio_http_request_get_slot     (GaioHttpRequest *request);
/* The request's deadline has passed. */
void           gaio_http_request_expire       (GaioHttpRequest *request);

/* Timers cannot be removed from the scheduler, so they hold a token that
 * their owner clears when it no longer cares. */
typedef struct
{
  int      refs;
  gpointer target;
} GaioHttpToken;

GaioHttpToken *gaio_http_token_new            (gpointer         target);
gpointer       gaio_http_token_fire           (GaioHttpToken   *token);
void           gaio_http_token_clear          (GaioHttpToken  **token);

/* What requests need from their client, on the client's context. */

GaioScheduler *gaio_http_client_get_scheduler (GaioHttpClient  *self);
GUri          *gaio_http_client_get_base_uri  (GaioHttpClient  *self);
gboolean       gaio_http_client_has_extra_ca  (GaioHttpClient  *self);
gboolean       gaio_http_client_get_uses_auth (GaioHttpClient  *self);
void           gaio_http_client_set_uses_auth (GaioHttpClient  *self);
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

/* Deadlines: one timer in the scheduler for the earliest of them all,
 * whatever the number of requests. */
void           gaio_http_client_add_deadline    (GaioHttpClient  *self,
                                                 GaioHttpRequest *request,
                                                 gint64           deadline);
void           gaio_http_client_remove_deadline (GaioHttpClient  *self,
                                                 GaioHttpRequest *request);

/* The trace signals, each emitted only when connected. */
void           gaio_http_client_emit_queued     (GaioHttpClient   *self,
                                                 GaioFuture       *request,
                                                 const char       *method,
                                                 const char       *url);
void           gaio_http_client_emit_started    (GaioHttpClient   *self,
                                                 GaioFuture       *request,
                                                 const char       *method,
                                                 const char       *url);
void           gaio_http_client_emit_redirected (GaioHttpClient   *self,
                                                 GaioFuture       *request,
                                                 guint             status,
                                                 const char       *from_url,
                                                 const char       *to_url);
void           gaio_http_client_emit_retried    (GaioHttpClient   *self,
                                                 GaioFuture       *request,
                                                 guint             attempt,
                                                 const char       *reason,
                                                 double            delay);
void           gaio_http_client_emit_finished   (GaioHttpClient   *self,
                                                 GaioFuture       *request,
                                                 GaioHttpResponse *response,
                                                 const GError     *error);

/* For the tests: requests queued and deadlines kept. */
void           gaio_http_client_get_counts      (GaioHttpClient  *self,
                                                 guint           *queued,
                                                 guint           *deadlines);

G_END_DECLS
