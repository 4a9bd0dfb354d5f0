/* gaio-http-request-options.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "gaio-http-upload-stream-private.h"
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
  BODY_STREAM,
  BODY_FILE,
  BODY_FORM,
  BODY_MULTIPART,
} BodyKind;

/* A caller's stream is read once, by whichever request sends it first;
 * the options and every snapshot of them share this record of it. */
typedef struct
{
  int           refs;
  GInputStream *stream;
  gint64        length;   /* -1: unknown, sent chunked */
  gboolean      sent;
  goffset       start;    /* where a seekable stream is rewound to */
} SharedStream;

/* One part of a multipart body: a field (@value), or a file given by
 * @bytes or @file. */
typedef struct
{
  char   *name;
  char   *value;
  GBytes *bytes;
  GFile  *file;
  char   *filename;
  char   *content_type;
} Part;

struct _GaioHttpRequestOptions
{
  GObject             parent_instance;

  SoupMessageHeaders *headers;

  GString            *query;  /* encoded parameters to add to the URL's */

  BodyKind            body_kind;
  char               *content_type;
  GBytes             *body;       /* BODY_BYTES */
  SharedStream       *stream;     /* BODY_STREAM */
  GFile              *file;       /* BODY_FILE */
  GString            *form;       /* BODY_FORM, encoded */
  GPtrArray          *parts;      /* BODY_MULTIPART, of Part */

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

static SharedStream *
shared_stream_ref (SharedStream *shared)
{
  shared->refs++;
  return shared;
}

static void
shared_stream_unref (SharedStream *shared)
{
  if (--shared->refs > 0)
    return;
  g_object_unref (shared->stream);
  g_free (shared);
}

static void
part_free (gpointer data)
{
  Part *part = data;

  g_free (part->name);
  g_free (part->value);
  g_clear_pointer (&part->bytes, g_bytes_unref);
  g_clear_object (&part->file);
  g_free (part->filename);
  g_free (part->content_type);
  g_free (part);
}

static gpointer
part_copy (gconstpointer data,
           gpointer      unused)
{
  const Part *part = data;
  Part *copy = g_new0 (Part, 1);

  copy->name = g_strdup (part->name);
  copy->value = g_strdup (part->value);
  copy->bytes = part->bytes != NULL ? g_bytes_ref (part->bytes) : NULL;
  copy->file = part->file != NULL ? g_object_ref (part->file) : NULL;
  copy->filename = g_strdup (part->filename);
  copy->content_type = g_strdup (part->content_type);
  return copy;
}

static void
body_clear (GaioHttpRequestOptions *self)
{
  self->body_kind = BODY_NONE;
  g_clear_pointer (&self->content_type, g_free);
  g_clear_pointer (&self->body, g_bytes_unref);
  g_clear_pointer (&self->stream, shared_stream_unref);
  g_clear_object (&self->file);
  if (self->form != NULL)
    g_string_free (g_steal_pointer (&self->form), TRUE);
  g_clear_pointer (&self->parts, g_ptr_array_unref);
}

/* application/x-www-form-urlencoded, as HTML forms, aiohttp's params and
 * libsoup's soup_form_encode() write it: unreserved characters as they
 * are, space as '+', every other byte as %XX. */
static void
form_escape (GString    *out,
             const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || strchr ("-._*", *p) != NULL)
        g_string_append_c (out, *p);
      else if (*p == ' ')
        g_string_append_c (out, '+');
      else
        g_string_append_printf (out, "%%%02X", (guint8) *p);
    }
}

static void
form_append (GString    *out,
             const char *name,
             const char *value)
{
  if (out->len > 0)
    g_string_append_c (out, '&');
  form_escape (out, name);
  g_string_append_c (out, '=');
  form_escape (out, value);
}

static void
body_start (GaioHttpRequestOptions *self,
            BodyKind                kind)
{
  if (self->body_kind == kind)
    return;
  body_clear (self);
  self->body_kind = kind;
  if (kind == BODY_FORM)
    self->form = g_string_new (NULL);
  else if (kind == BODY_MULTIPART)
    self->parts = g_ptr_array_new_with_free_func (part_free);
}

static void
gaio_http_request_options_finalize (GObject *object)
{
  GaioHttpRequestOptions *self = (GaioHttpRequestOptions *) object;

  body_clear (self);
  g_clear_pointer (&self->headers, soup_message_headers_unref);
  if (self->query != NULL)
    g_string_free (g_steal_pointer (&self->query), TRUE);

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
 * added to what the client sends and replace the client's default headers
 * of the same name ([method@Gaio.HttpClient.get_default_headers]); a
 * `Content-Type` here replaces the body's. `Content-Length` and
 * `Transfer-Encoding` are the body's to set.
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
 * gaio_http_request_options_set_basic_auth:
 * @self: options
 * @username: (nullable): the user name, or %NULL to remove the
 *   `Authorization` header
 * @password: (nullable): the password (%NULL is empty)
 *
 * Sends HTTP Basic credentials (RFC 7617, UTF-8) as the `Authorization`
 * header, replacing the client's ([method@Gaio.HttpClient.set_basic_auth]).
 * They are dropped on a redirect to another host and never shown in a
 * message.
 *
 * Since: 0.2
 */
void
gaio_http_request_options_set_basic_auth (GaioHttpRequestOptions *self,
                                          const char             *username,
                                          const char             *password)
{
  g_autofree char *value = NULL;

  g_return_if_fail (GAIO_IS_HTTP_REQUEST_OPTIONS (self));

  soup_message_headers_remove (self->headers, "Authorization");
  if (username == NULL)
    return;
  value = gaio_http_authorization_basic (username, password);
  soup_message_headers_append (self->headers, "Authorization", value);
}

/**
 * gaio_http_request_options_set_bearer_token:
 * @self: options
 * @token: (nullable): the token, or %NULL to remove the `Authorization`
 *   header
 *
 * Sends `Authorization: Bearer @token` (RFC 6750), replacing the client's;
 * see [method@Gaio.HttpRequestOptions.set_basic_auth]. @token must not
 * contain line breaks.
 *
 * Since: 0.2
 */
void
gaio_http_request_options_set_bearer_token (GaioHttpRequestOptions *self,
                                            const char             *token)
{
  g_autofree char *value = NULL;

  g_return_if_fail (GAIO_IS_HTTP_REQUEST_OPTIONS (self));
  g_return_if_fail (token == NULL || strpbrk (token, "\r\n") == NULL);

  soup_message_headers_remove (self->headers, "Authorization");
  if (token == NULL)
    return;
  value = g_strconcat ("Bearer ", token, NULL);
  soup_message_headers_append (self->headers, "Authorization", value);
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
 * gaio_http_request_options_set_body_text:
 * @self: options
 * @content_type: (nullable): the media type, `text/plain; charset=utf-8`
 *   when %NULL
 * @text: the body, UTF-8
 *
 * Sends @text, replacing any earlier body.
 *
 * Since: 0.2
 */
void
gaio_http_request_options_set_body_text (GaioHttpRequestOptions *self,
                                         const char             *content_type,
                                         const char             *text)
{
  g_autoptr(GBytes) body = NULL;

  g_return_if_fail (GAIO_IS_HTTP_REQUEST_OPTIONS (self));
  g_return_if_fail (text != NULL);

  body = g_bytes_new (text, strlen (text));
  gaio_http_request_options_set_body_bytes (self, content_type != NULL ? content_type
                                                  : "text/plain; charset=utf-8", body);
}

/**
 * gaio_http_request_options_set_body_json:
 * @self: options
 * @node: a JSON value
 *
 * Sends @node serialized, as `application/json`, replacing any earlier
 * body.
 *
 * Since: 0.2
 */
void
gaio_http_request_options_set_body_json (GaioHttpRequestOptions *self,
                                         JsonNode               *node)
{
  g_autoptr(GBytes) body = NULL;
  char *text;

  g_return_if_fail (GAIO_IS_HTTP_REQUEST_OPTIONS (self));
  g_return_if_fail (node != NULL);

  text = json_to_string (node, FALSE);
  body = g_bytes_new_take (text, strlen (text));
  gaio_http_request_options_set_body_bytes (self, "application/json", body);
}

/**
 * gaio_http_request_options_set_body_stream:
 * @self: options
 * @content_type: (nullable): the media type of the body
 * @stream: the body
 * @length: the number of bytes @stream gives, or -1 if unknown (the body
 *   is then sent with chunked transfer encoding)
 *
 * Sends what @stream gives, read as it is sent, never held in memory;
 * replaces any earlier body.
 *
 * Gaio does not close @stream. A stream can be read only once: the first
 * request sent with these
 * options (or a copy of them) reads it. A retry, a redirect that keeps the
 * method (307, 308) or another request that needs it again rewinds it when
 * it is a [iface@Gio.Seekable] that can seek, and otherwise fails with
 * `G_IO_ERROR_NOT_SUPPORTED` rather than send an empty body. Give a
 * [iface@Gio.File] ([method@Gaio.HttpRequestOptions.set_body_file]) for a
 * body that can always be sent again.
 *
 * Since: 0.2
 */
void
gaio_http_request_options_set_body_stream (GaioHttpRequestOptions *self,
                                           const char             *content_type,
                                           GInputStream           *stream,
                                           gint64                  length)
{
  SharedStream *shared;

  g_return_if_fail (GAIO_IS_HTTP_REQUEST_OPTIONS (self));
  g_return_if_fail (G_IS_INPUT_STREAM (stream));
  g_return_if_fail (length >= -1);

  body_clear (self);
  shared = g_new0 (SharedStream, 1);
  shared->refs = 1;
  shared->stream = g_object_ref (stream);
  shared->length = length;
  self->body_kind = BODY_STREAM;
  self->content_type = g_strdup (content_type);
  self->stream = shared;
}

/**
 * gaio_http_request_options_set_body_file:
 * @self: options
 * @content_type: (nullable): the media type of the body
 * @file: the file to send
 *
 * Sends the content of @file, read as it is sent (a 1 GiB upload never sits
 * in memory), with its size as `Content-Length`; replaces any earlier
 * body. The file is looked at (its size) when each request is sent, and
 * opened and read on GIO's worker threads; a retry or a redirect reads it
 * again. A file that is missing or not a regular file fails the request; a
 * file whose size changes while it is sent fails it too.
 *
 * Since: 0.2
 */
void
gaio_http_request_options_set_body_file (GaioHttpRequestOptions *self,
                                         const char             *content_type,
                                         GFile                  *file)
{
  g_return_if_fail (GAIO_IS_HTTP_REQUEST_OPTIONS (self));
  g_return_if_fail (G_IS_FILE (file));

  body_clear (self);
  self->body_kind = BODY_FILE;
  self->content_type = g_strdup (content_type);
  self->file = g_object_ref (file);
}

/**
 * gaio_http_request_options_add_form_field:
 * @self: options
 * @name: the field's name
 * @value: its value
 *
 * Adds a field to an `application/x-www-form-urlencoded` body, in the
 * order given; names may repeat. The first field replaces any body that
 * is not such a form.
 *
 * Since: 0.2
 */
void
gaio_http_request_options_add_form_field (GaioHttpRequestOptions *self,
                                          const char             *name,
                                          const char             *value)
{
  g_return_if_fail (GAIO_IS_HTTP_REQUEST_OPTIONS (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (value != NULL);

  body_start (self, BODY_FORM);
  form_append (self->form, name, value);
}

static Part *
multipart_add (GaioHttpRequestOptions *self,
               const char             *name)
{
  Part *part = g_new0 (Part, 1);

  body_start (self, BODY_MULTIPART);
  part->name = g_strdup (name);
  g_ptr_array_add (self->parts, part);
  return part;
}

/**
 * gaio_http_request_options_add_multipart_field:
 * @self: options
 * @name: the field's name
 * @value: its value
 *
 * Adds a text field to a `multipart/form-data` body, in the order given.
 * The first part replaces any body that is not multipart.
 *
 * Since: 0.2
 */
void
gaio_http_request_options_add_multipart_field (GaioHttpRequestOptions *self,
                                               const char             *name,
                                               const char             *value)
{
  g_return_if_fail (GAIO_IS_HTTP_REQUEST_OPTIONS (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (value != NULL);

  multipart_add (self, name)->value = g_strdup (value);
}

/**
 * gaio_http_request_options_add_multipart_bytes:
 * @self: options
 * @name: the field's name
 * @filename: (nullable): the file name the server is told
 * @content_type: (nullable): the part's media type,
 *   `application/octet-stream` when %NULL
 * @bytes: the part's content
 *
 * Adds a file part held in memory to a `multipart/form-data` body.
 *
 * Since: 0.2
 */
void
gaio_http_request_options_add_multipart_bytes (GaioHttpRequestOptions *self,
                                               const char             *name,
                                               const char             *filename,
                                               const char             *content_type,
                                               GBytes                 *bytes)
{
  Part *part;

  g_return_if_fail (GAIO_IS_HTTP_REQUEST_OPTIONS (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (bytes != NULL);

  part = multipart_add (self, name);
  part->bytes = g_bytes_ref (bytes);
  part->filename = g_strdup (filename);
  part->content_type = g_strdup (content_type);
}

/**
 * gaio_http_request_options_add_multipart_file:
 * @self: options
 * @name: the field's name
 * @file: the file to send
 * @filename: (nullable): the file name the server is told, @file's base
 *   name when %NULL
 * @content_type: (nullable): the part's media type,
 *   `application/octet-stream` when %NULL
 *
 * Adds a file part to a `multipart/form-data` body. The file is streamed
 * as the body is sent, never held in memory, as with
 * [method@Gaio.HttpRequestOptions.set_body_file]; the body has a known
 * length.
 *
 * Since: 0.2
 */
void
gaio_http_request_options_add_multipart_file (GaioHttpRequestOptions *self,
                                              const char             *name,
                                              GFile                  *file,
                                              const char             *filename,
                                              const char             *content_type)
{
  Part *part;

  g_return_if_fail (GAIO_IS_HTTP_REQUEST_OPTIONS (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (G_IS_FILE (file));

  part = multipart_add (self, name);
  part->file = g_object_ref (file);
  part->filename = filename != NULL ? g_strdup (filename) : g_file_get_basename (file);
  part->content_type = g_strdup (content_type);
}

/**
 * gaio_http_request_options_add_query_param:
 * @self: options
 * @name: the parameter's name
 * @value: its value
 *
 * Adds a parameter to the URL's query, after any it already has, encoded
 * as HTML forms encode them (space as `+`, reserved characters as `%XX`);
 * names may repeat.
 *
 * Since: 0.2
 */
void
gaio_http_request_options_add_query_param (GaioHttpRequestOptions *self,
                                           const char             *name,
                                           const char             *value)
{
  g_return_if_fail (GAIO_IS_HTTP_REQUEST_OPTIONS (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (value != NULL);

  if (self->query == NULL)
    self->query = g_string_new (NULL);
  form_append (self->query, name, value);
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

char *
gaio_http_authorization_basic (const char *username,
                               const char *password)
{
  g_autofree char *pair = g_strconcat (username, ":", password != NULL ? password : "", NULL);
  g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));

  return g_strconcat ("Basic ", encoded, NULL);
}

typedef struct
{
  SoupMessageHeaders *to;
  gboolean            with_body;
} Apply;

static void
apply_header (const char *name,
              const char *value,
              gpointer    data)
{
  Apply *apply = data;

  if (g_ascii_strcasecmp (name, "Content-Type") != 0)
    soup_message_headers_append (apply->to, name, value);
  else if (apply->with_body)
    soup_message_headers_replace (apply->to, name, value);
}

void
gaio_http_request_options_apply_headers (GaioHttpRequestOptions *self,
                                         SoupMessageHeaders     *to,
                                         gboolean                with_body)
{
  Apply apply = { to, with_body };

  soup_message_headers_foreach (self->headers, apply_header, &apply);
}

typedef struct
{
  SoupMessageHeaders *own;
  SoupMessageHeaders *merged;
} Inherit;

static void
inherit_header (const char *name,
                const char *value,
                gpointer    data)
{
  Inherit *inherit = data;

  if (soup_message_headers_get_list (inherit->own, name) == NULL)
    soup_message_headers_append (inherit->merged, name, value);
}

void
gaio_http_request_options_inherit (GaioHttpRequestOptions *self,
                                   SoupMessageHeaders     *defaults)
{
  Inherit inherit = { self->headers, soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST) };

  soup_message_headers_foreach (defaults, inherit_header, &inherit);
  soup_message_headers_foreach (self->headers, copy_header, inherit.merged);
  soup_message_headers_unref (self->headers);
  self->headers = inherit.merged;
}

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
  copy->query = self->query != NULL ? g_string_new (self->query->str) : NULL;
  copy->body_kind = self->body_kind;
  copy->content_type = g_strdup (self->content_type);
  copy->body = self->body != NULL ? g_bytes_ref (self->body) : NULL;
  copy->stream = self->stream != NULL ? shared_stream_ref (self->stream) : NULL;
  copy->file = self->file != NULL ? g_object_ref (self->file) : NULL;
  copy->form = self->form != NULL ? g_string_new (self->form->str) : NULL;
  copy->parts = self->parts != NULL ? g_ptr_array_copy (self->parts, part_copy, NULL) : NULL;
  if (copy->parts != NULL)
    g_ptr_array_set_free_func (copy->parts, part_free);
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

GUri *
gaio_http_request_options_add_query (GaioHttpRequestOptions *self,
                                     GUri                   *uri)
{
  const char *query = g_uri_get_query (uri);
  g_autofree char *merged = NULL;

  if (self == NULL || self->query == NULL)
    return g_uri_ref (uri);
  merged = query != NULL && *query != '\0' ? g_strconcat (query, "&", self->query->str, NULL)
                                           : g_strdup (self->query->str);
  return g_uri_build (g_uri_get_flags (uri), g_uri_get_scheme (uri), g_uri_get_userinfo (uri),
                      g_uri_get_host (uri), g_uri_get_port (uri), g_uri_get_path (uri),
                      merged, g_uri_get_fragment (uri));
}

/* The size of a regular file, looked up on the caller's thread: a stat. */
static goffset
file_size (GFile   *file,
           GError **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = g_file_get_parse_name (file);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code,
                   "Cannot send the file %s: %s", name, local_error->message);
      return -1;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   "Cannot send the file %s: not a regular file", name);
      return -1;
    }
  return g_file_info_get_size (info);
}

static gboolean
attach_stream (GaioHttpRequestOptions  *self,
               SoupMessage             *message,
               GError                 **error)
{
  SharedStream *shared = self->stream;
  g_autoptr(GInputStream) wrapper = NULL;

  if (!shared->sent)
    {
      shared->sent = TRUE;
      if (G_IS_SEEKABLE (shared->stream))
        shared->start = g_seekable_tell (G_SEEKABLE (shared->stream));
    }
  else if (G_IS_SEEKABLE (shared->stream) && g_seekable_can_seek (G_SEEKABLE (shared->stream)))
    {
      if (!g_seekable_seek (G_SEEKABLE (shared->stream), shared->start, G_SEEK_SET, NULL, error))
        return FALSE;
    }
  else
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "The body stream was already sent and cannot be rewound to send "
                           "it again (give a file or bytes for a body that can be resent)");
      return FALSE;
    }
  /* libsoup closes the body stream once sent; the caller's stays open,
   * so that it can be rewound. */
  wrapper = g_buffered_input_stream_new (shared->stream);
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (wrapper), FALSE);
  soup_message_set_request_body (message, self->content_type, wrapper, shared->length);
  return TRUE;
}

static gboolean
attach_file (GaioHttpRequestOptions  *self,
             SoupMessage             *message,
             GError                 **error)
{
  g_autoptr(GaioHttpUploadStream) stream = gaio_http_upload_stream_new ();
  goffset size = file_size (self->file, error);

  if (size < 0)
    return FALSE;
  gaio_http_upload_stream_add_file (stream, self->file, size);
  soup_message_set_request_body (message, self->content_type, G_INPUT_STREAM (stream), size);
  return TRUE;
}

static gsize
find (GBytes     *haystack,
      gsize       from,
      const char *needle)
{
  gsize size;
  const char *data = g_bytes_get_data (haystack, &size);
  gsize length = strlen (needle);

  for (gsize i = from; i + length <= size; i++)
    if (memcmp (data + i, needle, length) == 0)
      return i;
  g_assert_not_reached ();
}

/* libsoup's SoupMultipart writes the boundaries and each part's headers,
 * but only from bytes in memory. So each file part is given a unique
 * marker as its content, and the body libsoup writes is cut at the
 * markers, with each file read in its place as the body is sent. */
static gboolean
attach_multipart (GaioHttpRequestOptions  *self,
                  SoupMessage             *message,
                  GError                 **error)
{
  g_autoptr(SoupMultipart) multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_MULTIPART);
  g_autoptr(GaioHttpUploadStream) stream = gaio_http_upload_stream_new ();
  g_autoptr(GPtrArray) markers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (goffset));
  g_autoptr(GPtrArray) files = g_ptr_array_new ();
  g_autoptr(GBytes) flat = NULL;
  gsize at = 0;

  for (guint i = 0; i < self->parts->len; i++)
    {
      Part *part = g_ptr_array_index (self->parts, i);
      const char *type = part->content_type != NULL ? part->content_type : "application/octet-stream";
      g_autoptr(GBytes) content = NULL;

      if (part->value != NULL)
        {
          soup_multipart_append_form_string (multipart, part->name, part->value);
          continue;
        }
      if (part->file != NULL)
        {
          goffset size = file_size (part->file, error);
          g_autofree char *uuid = g_uuid_string_random ();
          char *marker;

          if (size < 0)
            return FALSE;
          marker = g_strdup_printf ("gaio-part-%s", uuid);
          g_ptr_array_add (markers, marker);
          g_array_append_val (sizes, size);
          g_ptr_array_add (files, part->file);
          content = g_bytes_new_static (marker, strlen (marker));
        }
      else
        content = g_bytes_ref (part->bytes);
      soup_multipart_append_form_file (multipart, part->name, part->filename, type, content);
    }

  soup_multipart_to_message (multipart, headers, &flat);
  for (guint i = 0; i < markers->len; i++)
    {
      const char *marker = g_ptr_array_index (markers, i);
      gsize found = find (flat, at, marker);
      g_autoptr(GBytes) before = g_bytes_new_from_bytes (flat, at, found - at);

      gaio_http_upload_stream_add_bytes (stream, before);
      gaio_http_upload_stream_add_file (stream, g_ptr_array_index (files, i),
                                      g_array_index (sizes, goffset, i));
      at = found + strlen (marker);
    }
  {
    g_autoptr(GBytes) rest = g_bytes_new_from_bytes (flat, at, g_bytes_get_size (flat) - at);

    gaio_http_upload_stream_add_bytes (stream, rest);
  }
  soup_message_set_request_body (message, soup_message_headers_get_one (headers, "Content-Type"),
                                 G_INPUT_STREAM (stream), gaio_http_upload_stream_get_size (stream));
  return TRUE;
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
    case BODY_STREAM:
      return attach_stream (self, message, error);
    case BODY_FILE:
      return attach_file (self, message, error);
    case BODY_FORM:
      {
        g_autoptr(GBytes) body = g_bytes_new (self->form->str, self->form->len);

        soup_message_set_request_body_from_bytes (message, SOUP_FORM_MIME_TYPE_URLENCODED, body);
        return TRUE;
      }
    case BODY_MULTIPART:
      return attach_multipart (self, message, error);
    default:
      g_assert_not_reached ();
    }
}
