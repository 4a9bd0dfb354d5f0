/* gaio-http-request-options-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#include "gaio-http-request-options.h"

G_BEGIN_DECLS

/* What a request keeps of its options: a copy that later changes to
 * @self do not reach. @self may be NULL (every setting unset). */
GaioHttpRequestOptions *gaio_http_request_options_snapshot   (GaioHttpRequestOptions *self);

/* "Basic base64(user:password)", for an Authorization header. */
char                   *gaio_http_authorization_basic        (const char             *username,
                                                              const char             *password);

/* Adds to the options (a snapshot) the client's default headers that
 * they do not set themselves. */
void                    gaio_http_request_options_inherit    (GaioHttpRequestOptions *self,
                                                              SoupMessageHeaders     *defaults);

/* Adds the options' headers to a message's @to, after its body: a
 * Content-Type among them replaces the body's, and is left out when
 * @with_body is false (a redirect dropped the body). */
void                    gaio_http_request_options_apply_headers (GaioHttpRequestOptions *self,
                                                                 SoupMessageHeaders     *to,
                                                                 gboolean                with_body);

/* Appends every header of @from to @to. */
void                    gaio_http_headers_copy               (SoupMessageHeaders     *from,
                                                              SoupMessageHeaders     *to);

/* @uri with the options' query parameters added to its own. */
GUri                   *gaio_http_request_options_add_query  (GaioHttpRequestOptions *self,
                                                              GUri                   *uri);

/* Whether the options carry a body. */
gboolean                gaio_http_request_options_has_body   (GaioHttpRequestOptions *self);

/* Gives @message the body, once per send: a retry or a redirect that keeps
 * the method calls it again. Fails when the body cannot be sent again (a
 * stream already read) or cannot be opened; @error then says why, without
 * naming the URL. */
gboolean                gaio_http_request_options_attach_body (GaioHttpRequestOptions *self,
                                                               SoupMessage            *message,
                                                               GError                **error);

G_END_DECLS
