/* gaio-http-request-options.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include "gaio-http-request-options-private.h"

/**
 * GaioHttpRequestOptions:
 *
 * What one request adds to, or overrides in, its [class@Gaio.HttpClient]:
 * extra headers, a body, and the client's timeout, body cap, redirect and
 * retry limits and status policy.
 *
 * Every override starts unset, which means "the client's value at the time
 * the request starts". The numeric ones are unset by -1
 * ([property@Gaio.HttpRequestOptions:timeout],
 * [property@Gaio.HttpRequestOptions:max-body-size],
 * [property@Gaio.HttpRequestOptions:max-redirects],
 * [property@Gaio.HttpRequestOptions:max-retries]); 0 keeps the client's
 * meaning of 0 (no deadline, no cap, no redirects, no retries). The boolean
 * [property@Gaio.HttpRequestOptions:raise-for-status] comes with
 * [property@Gaio.HttpRequestOptions:raise-for-status-set], as
 * `GtkTextTag`'s properties do: setting the first sets the second.
 *
 * [method@Gaio.HttpClient.send] takes a copy of the options, so one object
 * can serve many requests and changing it afterwards does not touch the
 * requests already sent.
 *
 * ```c
 * g_autoptr(GaioHttpRequestOptions) options = gaio_http_request_options_new ();
 *
 * gaio_http_request_options_set_header (options, "Accept", "application/json");
 * gaio_http_request_options_set_timeout (options, 5);
 * future = gaio_http_client_send (client, "GET", url, options);
 * ```
 *
 * Options belong to no context; like any GObject, use one from one thread
 * at a time.
 *
 * Since: 0.2
 */

typedef enum {
  BODY_NONE,
  BODY_BYTES,
} BodyKind;

struct _GaioHttpRequestOptions
{
  GObject             parent_instance;

  SoupMessageHeaders *headers;

  BodyKind            body_kind;
  char               *content_type;
  GBytes             *body;

  double              timeout;
  gint64              max_body_size;
  int                 max_redirects;
  int                 max_retries;
  gboolean            raise_for_status;
  gboolean            raise_for_status_set;
};

enum {
  PROP_0,
  PROP_TIMEOUT,
  PROP_MAX_BODY_SIZE,
  PROP_MAX_REDIRECTS,
  PROP_MAX_RETRIES,
  PROP_RAISE_FOR_STATUS,
  PROP_RAISE_FOR_STATUS_SET,
  LAST_PROP,
};

static GParamSpec *props[LAST_PROP];

G_DEFINE_FINAL_TYPE (GaioHttpRequestOptions, gaio_http_request_options, G_TYPE_OBJECT)

static void
copy_header (const char *name,
             const char *value,
             gpointer    data)
{
  soup_message_headers_append (data, name, value);
}

static void
body_clear (GaioHttpRequestOptions *self)
{
  self->body_kind = BODY_NONE;
  g_clear_pointer (&self->content_type, g_free);
  g_clear_pointer (&self->body, g_bytes_unref);
}

static void
gaio_http_request_options_finalize (GObject *object)
{
  GaioHttpRequestOptions *self = (GaioHttpRequestOptions *) object;

  body_clear (self);
  g_clear_pointer (&self->headers, soup_message_headers_unref);

  G_OBJECT_CLASS (gaio_http_request_options_parent_class)->finalize (object);
}

static void
gaio_http_request_options_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  GaioHttpRequestOptions *self = GAIO_HTTP_REQUEST_OPTIONS (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      g_value_set_double (value, self->timeout);
      break;
    case PROP_MAX_BODY_SIZE:
      g_value_set_int64 (value, self->max_body_size);
      break;
    case PROP_MAX_REDIRECTS:
      g_value_set_int (value, self->max_redirects);
      break;
    case PROP_MAX_RETRIES:
      g_value_set_int (value, self->max_retries);
      break;
    case PROP_RAISE_FOR_STATUS:
      g_value_set_boolean (value, self->raise_for_status);
      break;
    case PROP_RAISE_FOR_STATUS_SET:
      g_value_set_boolean (value, self->raise_for_status_set);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gaio_http_request_options_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  GaioHttpRequestOptions *self = GAIO_HTTP_REQUEST_OPTIONS (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      gaio_http_request_options_set_timeout (self, g_value_get_double (value));
      break;
    case PROP_MAX_BODY_SIZE:
      gaio_http_request_options_set_max_body_size (self, g_value_get_int64 (value));
      break;
    case PROP_MAX_REDIRECTS:
      gaio_http_request_options_set_max_redirects (self, g_value_get_int (value));
      break;
    case PROP_MAX_RETRIES:
      gaio_http_request_options_set_max_retries (self, g_value_get_int (value));
      break;
    case PROP_RAISE_FOR_STATUS:
      gaio_http_request_options_set_raise_for_status (self, g_value_get_boolean (value));
      break;
    case PROP_RAISE_FOR_STATUS_SET:
      if (g_value_get_boolean (value))
        {
          if (!self->raise_for_status_set)
            {
              self->raise_for_status_set = TRUE;
              g_object_notify_by_pspec (object, pspec);
            }
        }
      else
        gaio_http_request_options_unset_raise_for_status (self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gaio_http_request_options_class_init (GaioHttpRequestOptionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gaio_http_request_options_finalize;
  object_class->get_property = gaio_http_request_options_get_property;
  object_class->set_property = gaio_http_request_options_set_property;

  /**
   * GaioHttpRequestOptions:timeout:
   *
   * The request's total deadline in seconds, overriding
   * [property@Gaio.HttpClient:timeout]; 0 for none, -1 (the default) for
   * the client's.
   *
   * Since: 0.2
   */
  props[PROP_TIMEOUT] =
    g_param_spec_double ("timeout", NULL, NULL,
                         -1, G_MAXDOUBLE, -1,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * GaioHttpRequestOptions:max-body-size:
   *
   * The cap on the decoded response body in bytes, overriding
   * [property@Gaio.HttpClient:max-body-size]; 0 for none, -1 (the default)
   * for the client's.
   *
   * Since: 0.2
   */
  props[PROP_MAX_BODY_SIZE] =
    g_param_spec_int64 ("max-body-size", NULL, NULL,
                        -1, G_MAXINT64, -1,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * GaioHttpRequestOptions:max-redirects:
   *
   * How many redirects to follow, overriding
   * [property@Gaio.HttpClient:max-redirects]; 0 returns a redirect as the
   * response, -1 (the default) takes the client's.
   *
   * Since: 0.2
   */
  props[PROP_MAX_REDIRECTS] =
    g_param_spec_int ("max-redirects", NULL, NULL,
                      -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * GaioHttpRequestOptions:max-retries:
   *
   * How many times to retry, overriding
   * [property@Gaio.HttpClient:max-retries]; -1 (the default) takes the
   * client's. Only idempotent methods are retried.
   *
   * Since: 0.2
   */
  props[PROP_MAX_RETRIES] =
    g_param_spec_int ("max-retries", NULL, NULL,
                      -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * GaioHttpRequestOptions:raise-for-status:
   *
   * Whether a 4xx or 5xx status rejects the request, overriding
   * [property@Gaio.HttpClient:raise-for-status] when
   * [property@Gaio.HttpRequestOptions:raise-for-status-set] is true.
   * Setting it sets that too.
   *
   * Since: 0.2
   */
  props[PROP_RAISE_FOR_STATUS] =
    g_param_spec_boolean ("raise-for-status", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * GaioHttpRequestOptions:raise-for-status-set:
   *
   * Whether [property@Gaio.HttpRequestOptions:raise-for-status] overrides
   * the client's; false (the default) takes the client's.
   *
   * Since: 0.2
   */
  props[PROP_RAISE_FOR_STATUS_SET] =
    g_param_spec_boolean ("raise-for-status-set", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, LAST_PROP, props);
}

static void
gaio_http_request_options_init (GaioHttpRequestOptions *self)
{
  self->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  self->timeout = -1;
  self->max_body_size = -1;
  self->max_redirects = -1;
  self->max_retries = -1;
}

/**
 * gaio_http_request_options_new:
 *
 * Creates options with no headers, no body and every override unset.
 *
 * Returns: (transfer full): new options
 *
 * Since: 0.2
 */
GaioHttpRequestOptions *
gaio_http_request_options_new (void)
{
  return g_object_new (GAIO_TYPE_HTTP_REQUEST_OPTIONS, NULL);
}

/**
 * gaio_http_request_options_get_headers:
 * @self: options
 *
 * Gets the extra request headers, which may be changed in place. They are
 * added to what the client sends, after its own (`User-Agent` and the
 * body's `Content-Type` and `Content-Length` are the client's to set).
 *
 * Returns: (transfer none): the headers
 *
 * Since: 0.2
 */
SoupMessageHeaders *
gaio_http_request_options_get_headers (GaioHttpRequestOptions *self)
{
  g_return_val_if_fail (GAIO_IS_HTTP_REQUEST_OPTIONS (self), NULL);

  return self->headers;
}

/**
 * gaio_http_request_options_add_header:
 * @self: options
 * @name: the header's name
 * @value: its value
 *
 * Adds a header, keeping any earlier one of the same name.
 *
 * Since: 0.2
 */
void
gaio_http_request_options_add_header (GaioHttpRequestOptions *self,
                                      const char             *name,
                                      const char             *value)
{
  g_return_if_fail (GAIO_IS_HTTP_REQUEST_OPTIONS (self));
  g_return_if_fail (name != NULL && *name != '\0');
  g_return_if_fail (value != NULL);

  soup_message_headers_append (self->headers, name, value);
}

/**
 * gaio_http_request_options_set_header:
 * @self: options
 * @name: the header's name
 * @value: its value
 *
 * Sets a header, replacing every earlier one of the same name.
 *
 * Since: 0.2
 */
void
gaio_http_request_options_set_header (GaioHttpRequestOptions *self,
                                      const char             *name,
                                      const char             *value)
{
  g_return_if_fail (GAIO_IS_HTTP_REQUEST_OPTIONS (self));
  g_return_if_fail (name != NULL && *name != '\0');
  g_return_if_fail (value != NULL);

  soup_message_headers_replace (self->headers, name, value);
}

/**
 * gaio_http_request_options_set_body_bytes:
 * @self: options
 * @content_type: (nullable): the media type of @body
 * @body: (nullable): the body, or %NULL for none
 *
 * Sends @body, replacing any earlier body. Bytes can be sent again, so a
 * retry or a redirect that keeps the method (307, 308) resends it.
 *
 * Since: 0.2
 */
void
gaio_http_request_options_set_body_bytes (GaioHttpRequestOptions *self,
                                          const char             *content_type,
                                          GBytes                 *body)
{
  g_return_if_fail (GAIO_IS_HTTP_REQUEST_OPTIONS (self));

  body_clear (self);
  if (body == NULL)
    return;
  self->body_kind = BODY_BYTES;
  self->content_type = g_strdup (content_type);
  self->body = g_bytes_ref (body);
}

/**
 * gaio_http_request_options_get_timeout:
 * @self: options
 *
 * Gets [property@Gaio.HttpRequestOptions:timeout].
 *
 * Returns: seconds, 0 for no deadline, or -1 for the client's
 *
 * Since: 0.2
 */
double
gaio_http_request_options_get_timeout (GaioHttpRequestOptions *self)
{
  g_return_val_if_fail (GAIO_IS_HTTP_REQUEST_OPTIONS (self), -1);

  return self->timeout;
}

/**
 * gaio_http_request_options_set_timeout:
 * @self: options
 * @seconds: the total deadline, 0 for none, or -1 for the client's
 *
 * Sets [property@Gaio.HttpRequestOptions:timeout].
 *
 * Since: 0.2
 */
void
gaio_http_request_options_set_timeout (GaioHttpRequestOptions *self,
                                       double                  seconds)
{
  g_return_if_fail (GAIO_IS_HTTP_REQUEST_OPTIONS (self));
  g_return_if_fail (seconds >= 0 || seconds == -1);

  if (self->timeout == seconds)
    return;
  self->timeout = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_TIMEOUT]);
}

/**
 * gaio_http_request_options_get_max_body_size:
 * @self: options
 *
 * Gets [property@Gaio.HttpRequestOptions:max-body-size].
 *
 * Returns: bytes, 0 for no cap, or -1 for the client's
 *
 * Since: 0.2
 */
gint64
gaio_http_request_options_get_max_body_size (GaioHttpRequestOptions *self)
{
  g_return_val_if_fail (GAIO_IS_HTTP_REQUEST_OPTIONS (self), -1);

  return self->max_body_size;
}

/**
 * gaio_http_request_options_set_max_body_size:
 * @self: options
 * @max_body_size: bytes, 0 for no cap, or -1 for the client's
 *
 * Sets [property@Gaio.HttpRequestOptions:max-body-size].
 *
 * Since: 0.2
 */
void
gaio_http_request_options_set_max_body_size (GaioHttpRequestOptions *self,
                                             gint64                  max_body_size)
{
  g_return_if_fail (GAIO_IS_HTTP_REQUEST_OPTIONS (self));
  g_return_if_fail (max_body_size >= -1);

  if (self->max_body_size == max_body_size)
    return;
  self->max_body_size = max_body_size;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_MAX_BODY_SIZE]);
}

/**
 * gaio_http_request_options_get_max_redirects:
 * @self: options
 *
 * Gets [property@Gaio.HttpRequestOptions:max-redirects].
 *
 * Returns: the limit, or -1 for the client's
 *
 * Since: 0.2
 */
int
gaio_http_request_options_get_max_redirects (GaioHttpRequestOptions *self)
{
  g_return_val_if_fail (GAIO_IS_HTTP_REQUEST_OPTIONS (self), -1);

  return self->max_redirects;
}

/**
 * gaio_http_request_options_set_max_redirects:
 * @self: options
 * @max_redirects: the limit, or -1 for the client's
 *
 * Sets [property@Gaio.HttpRequestOptions:max-redirects].
 *
 * Since: 0.2
 */
void
gaio_http_request_options_set_max_redirects (GaioHttpRequestOptions *self,
                                             int                     max_redirects)
{
  g_return_if_fail (GAIO_IS_HTTP_REQUEST_OPTIONS (self));
  g_return_if_fail (max_redirects >= -1);

  if (self->max_redirects == max_redirects)
    return;
  self->max_redirects = max_redirects;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_MAX_REDIRECTS]);
}

/**
 * gaio_http_request_options_get_max_retries:
 * @self: options
 *
 * Gets [property@Gaio.HttpRequestOptions:max-retries].
 *
 * Returns: the limit, or -1 for the client's
 *
 * Since: 0.2
 */
int
gaio_http_request_options_get_max_retries (GaioHttpRequestOptions *self)
{
  g_return_val_if_fail (GAIO_IS_HTTP_REQUEST_OPTIONS (self), -1);

  return self->max_retries;
}

/**
 * gaio_http_request_options_set_max_retries:
 * @self: options
 * @max_retries: the limit, or -1 for the client's
 *
 * Sets [property@Gaio.HttpRequestOptions:max-retries].
 *
 * Since: 0.2
 */
void
gaio_http_request_options_set_max_retries (GaioHttpRequestOptions *self,
                                           int                     max_retries)
{
  g_return_if_fail (GAIO_IS_HTTP_REQUEST_OPTIONS (self));
  g_return_if_fail (max_retries >= -1);

  if (self->max_retries == max_retries)
    return;
  self->max_retries = max_retries;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_MAX_RETRIES]);
}

/**
 * gaio_http_request_options_get_raise_for_status:
 * @self: options
 *
 * Gets [property@Gaio.HttpRequestOptions:raise-for-status], which counts
 * only while [property@Gaio.HttpRequestOptions:raise-for-status-set] is
 * true.
 *
 * Returns: whether 4xx and 5xx statuses reject
 *
 * Since: 0.2
 */
gboolean
gaio_http_request_options_get_raise_for_status (GaioHttpRequestOptions *self)
{
  g_return_val_if_fail (GAIO_IS_HTTP_REQUEST_OPTIONS (self), FALSE);

  return self->raise_for_status;
}

/**
 * gaio_http_request_options_set_raise_for_status:
 * @self: options
 * @raise_for_status: whether 4xx and 5xx statuses reject
 *
 * Overrides [property@Gaio.HttpClient:raise-for-status] for the request.
 *
 * Since: 0.2
 */
void
gaio_http_request_options_set_raise_for_status (GaioHttpRequestOptions *self,
                                                gboolean                raise_for_status)
{
  g_return_if_fail (GAIO_IS_HTTP_REQUEST_OPTIONS (self));

  raise_for_status = !!raise_for_status;
  g_object_freeze_notify (G_OBJECT (self));
  if (self->raise_for_status != raise_for_status)
    {
      self->raise_for_status = raise_for_status;
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_RAISE_FOR_STATUS]);
    }
  if (!self->raise_for_status_set)
    {
      self->raise_for_status_set = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_RAISE_FOR_STATUS_SET]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * gaio_http_request_options_get_raise_for_status_set:
 * @self: options
 *
 * Gets [property@Gaio.HttpRequestOptions:raise-for-status-set].
 *
 * Returns: whether the options override the client's status policy
 *
 * Since: 0.2
 */
gboolean
gaio_http_request_options_get_raise_for_status_set (GaioHttpRequestOptions *self)
{
  g_return_val_if_fail (GAIO_IS_HTTP_REQUEST_OPTIONS (self), FALSE);

  return self->raise_for_status_set;
}

/**
 * gaio_http_request_options_unset_raise_for_status:
 * @self: options
 *
 * Goes back to the client's [property@Gaio.HttpClient:raise-for-status].
 *
 * Since: 0.2
 */
void
gaio_http_request_options_unset_raise_for_status (GaioHttpRequestOptions *self)
{
  g_return_if_fail (GAIO_IS_HTTP_REQUEST_OPTIONS (self));

  if (!self->raise_for_status_set)
    return;
  self->raise_for_status_set = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_RAISE_FOR_STATUS_SET]);
}

/* Private */

void
gaio_http_headers_copy (SoupMessageHeaders *from,
                        SoupMessageHeaders *to)
{
  soup_message_headers_foreach (from, copy_header, to);
}

GaioHttpRequestOptions *
gaio_http_request_options_snapshot (GaioHttpRequestOptions *self)
{
  GaioHttpRequestOptions *copy = gaio_http_request_options_new ();

  if (self == NULL)
    return copy;

  gaio_http_headers_copy (self->headers, copy->headers);
  copy->body_kind = self->body_kind;
  copy->content_type = g_strdup (self->content_type);
  copy->body = self->body != NULL ? g_bytes_ref (self->body) : NULL;
  copy->timeout = self->timeout;
  copy->max_body_size = self->max_body_size;
  copy->max_redirects = self->max_redirects;
  copy->max_retries = self->max_retries;
  copy->raise_for_status = self->raise_for_status;
  copy->raise_for_status_set = self->raise_for_status_set;
  return copy;
}

gboolean
gaio_http_request_options_has_body (GaioHttpRequestOptions *self)
{
  return self->body_kind != BODY_NONE;
}

gboolean
gaio_http_request_options_attach_body (GaioHttpRequestOptions *self,
                                       SoupMessage            *message,
                                       GError                **error)
{
  switch (self->body_kind)
    {
    case BODY_NONE:
      return TRUE;
    case BODY_BYTES:
      soup_message_set_request_body_from_bytes (message, self->content_type, self->body);
      return TRUE;
    default:
      g_assert_not_reached ();
    }
}
