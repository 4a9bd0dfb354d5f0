/* gaio-http-error.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#if !defined(GAIO_INSIDE) && !defined(GAIO_COMPILATION)
# error "Only <gaio.h> can be included directly."
#endif

#include <glib.h>

#include "gaio-version-macros.h"

G_BEGIN_DECLS

/**
 * GAIO_HTTP_ERROR:
 *
 * The error domain for HTTP responses whose status is an error (4xx or 5xx),
 * used when [property@Gaio.HttpClient:raise-for-status] is set and always by
 * downloads.
 *
 * The error code is the HTTP status itself, so any 4xx or 5xx status can
 * appear, not only the values named in [error@Gaio.HttpError].
 */
#define GAIO_HTTP_ERROR (gaio_http_error_quark ())

/**
 * GaioHttpError:
 * @GAIO_HTTP_ERROR_BAD_REQUEST: 400 Bad Request
 * @GAIO_HTTP_ERROR_UNAUTHORIZED: 401 Unauthorized
 * @GAIO_HTTP_ERROR_FORBIDDEN: 403 Forbidden
 * @GAIO_HTTP_ERROR_NOT_FOUND: 404 Not Found
 * @GAIO_HTTP_ERROR_METHOD_NOT_ALLOWED: 405 Method Not Allowed
 * @GAIO_HTTP_ERROR_REQUEST_TIMEOUT: 408 Request Timeout
 * @GAIO_HTTP_ERROR_GONE: 410 Gone
 * @GAIO_HTTP_ERROR_TOO_MANY_REQUESTS: 429 Too Many Requests
 * @GAIO_HTTP_ERROR_INTERNAL_SERVER_ERROR: 500 Internal Server Error
 * @GAIO_HTTP_ERROR_NOT_IMPLEMENTED: 501 Not Implemented
 * @GAIO_HTTP_ERROR_BAD_GATEWAY: 502 Bad Gateway
 * @GAIO_HTTP_ERROR_SERVICE_UNAVAILABLE: 503 Service Unavailable
 * @GAIO_HTTP_ERROR_GATEWAY_TIMEOUT: 504 Gateway Timeout
 *
 * Common codes in the `GAIO_HTTP_ERROR` domain. The code of an error in that
 * domain is always the HTTP status of the response, so statuses not listed
 * here appear as their plain number.
 */
typedef enum {
  GAIO_HTTP_ERROR_BAD_REQUEST = 400,
  GAIO_HTTP_ERROR_UNAUTHORIZED = 401,
  GAIO_HTTP_ERROR_FORBIDDEN = 403,
  GAIO_HTTP_ERROR_NOT_FOUND = 404,
  GAIO_HTTP_ERROR_METHOD_NOT_ALLOWED = 405,
  GAIO_HTTP_ERROR_REQUEST_TIMEOUT = 408,
  GAIO_HTTP_ERROR_GONE = 410,
  GAIO_HTTP_ERROR_TOO_MANY_REQUESTS = 429,
  GAIO_HTTP_ERROR_INTERNAL_SERVER_ERROR = 500,
  GAIO_HTTP_ERROR_NOT_IMPLEMENTED = 501,
  GAIO_HTTP_ERROR_BAD_GATEWAY = 502,
  GAIO_HTTP_ERROR_SERVICE_UNAVAILABLE = 503,
  GAIO_HTTP_ERROR_GATEWAY_TIMEOUT = 504,
} GaioHttpError;

GAIO_AVAILABLE_IN_ALL
GQuark gaio_http_error_quark (void);

G_END_DECLS
