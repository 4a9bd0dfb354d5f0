/* gaio-http-response.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include "gaio-http-body-stream-private.h"
#include "gaio-http-request-private.h"
#include "gaio-http-response.h"
#include "gaio-http-response-private.h"
#include "gaio-http-url-private.h"
#include "gaio-waiter-private.h"

/**
 * GaioHttpResponse:
 *
 * The outcome of one HTTP request made with [class@Gaio.HttpClient]: the
 * status line, the headers, the final URI after redirects, the time it took,
 * and the body.
 *
 * The body is held as [struct@GLib.Bytes]; [method@Gaio.HttpResponse.get_text]
 * decodes it to UTF-8 from the charset the response declares (the
 * `Content-Type` header, else an HTML `<meta charset>` in the first KiB, else
 * UTF-8), replacing undecodable bytes with U+FFFD, and
 * [method@Gaio.HttpResponse.get_json] parses it with json-glib.
 *
 * A response made by [method@Gaio.HttpClient.open] comes as soon as its
 * headers arrive and its body is read as it streams:
 * [method@Gaio.HttpResponse.read] by chunks,
 * [method@Gaio.HttpResponse.read_line] by lines, or
 * [method@Gaio.HttpResponse.get_input_stream] for GIO; then
 * [method@Gaio.HttpResponse.get_body] stays empty. Reading works the same
 * on a whole-body response, from its body.
 *
 * A response is immutable once made, and most getters may be called from
 * any thread. [method@Gaio.HttpResponse.get_text],
 * [method@Gaio.HttpResponse.get_charset] and
 * [method@Gaio.HttpResponse.get_json] may decode the body and cache the
 * text, so call them from one thread at a time: the owner context, which
 * the response was made on.
 *
 * ```c
 * GaioHttpResponse *response = g_value_get_object (gaio_run (future, &error));
 * g_print ("%u %s: %s\n", gaio_http_response_get_status (response),
 *          gaio_http_response_get_url (response),
 *          gaio_http_response_get_text (response));
 * ```
 */

struct _GaioHttpResponse
{
  GObject             parent_instance;

  char               *method;
  guint               status;
  char               *reason;
  SoupMessageHeaders *headers;
  GUri               *uri;
  char               *url;
  guint               redirect_count;
  double              elapsed;
  GBytes             *body;
  gsize               body_offset;   /* how much of @body reads have given out */

  GaioHttpRequest    *request;       /* a streamed body's; owner context only */
  SoupHTTPVersion     http_version;
  GaioHttpMetrics    *metrics;

  char               *content_type;
  char               *charset;
  char               *text;
};

enum {
  PROP_0,
  PROP_METHOD,
  PROP_STATUS,
  PROP_REASON,
  PROP_URL,
  PROP_ELAPSED,
  PROP_HTTP_VERSION,
  PROP_METRICS,
  LAST_PROP,
};

static GParamSpec *props[LAST_PROP];

G_DEFINE_FINAL_TYPE (GaioHttpResponse, gaio_http_response, G_TYPE_OBJECT)

static gboolean
charset_is_utf8 (const char *charset)
{
  return g_ascii_strcasecmp (charset, "utf-8") == 0 ||
         g_ascii_strcasecmp (charset, "utf8") == 0 ||
         g_ascii_strcasecmp (charset, "us-ascii") == 0 ||
         g_ascii_strcasecmp (charset, "ascii") == 0;
}

/* Charset names come from the network: only plain names reach iconv, so
 * that suffixes such as `//IGNORE` or paths never change its behaviour. */
static char *
clean_charset (const char *name,
               gsize       length)
{
  if (length == 0 || length > 40)
    return NULL;

  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (name[i]) && strchr ("-_.:", name[i]) == NULL)
      return NULL;

  return g_ascii_strdown (name, length);
}

static char *
sniff_meta_charset (const guint8 *data,
                    gsize         length)
{
  g_autofree char *head = g_ascii_strdown ((const char *) data, MIN (length, 1024));
  const char *end = head + strlen (head);
  const char *p = head;

  while ((p = strstr (p, "<meta")) != NULL)
    {
      const char *tag_end = memchr (p, '>', end - p);
      const char *cs;

      if (tag_end == NULL)
        tag_end = end;

      cs = g_strstr_len (p, tag_end - p, "charset");
      if (cs != NULL)
        {
          const char *value = cs + strlen ("charset");
          const char *value_end;

          while (value < tag_end && (*value == ' ' || *value == '='))
            value++;
          while (value < tag_end && (*value == '"' || *value == '\''))
            value++;
          value_end = value;
          while (value_end < tag_end && strchr ("\"'; />\t\r\n", *value_end) == NULL)
            value_end++;

          if (value_end > value)
            return clean_charset (value, value_end - value);
        }
      p = tag_end;
    }

  return NULL;
}

char *
gaio_http_sniff_charset (const char   *content_type_charset,
                         const guint8 *data,
                         gsize         length)
{
  if (content_type_charset != NULL)
    {
      char *clean = clean_charset (content_type_charset, strlen (content_type_charset));
      if (clean != NULL)
        return clean;
    }

  if (data == NULL || length == 0)
    return NULL;

  return sniff_meta_charset (data, length);
}

char *
gaio_http_decode_text (const char   *charset,
                       const guint8 *data,
                       gsize         length)
{
  GIConv conv;
  GString *out;
  char *inbuf = (char *) data;
  gsize inleft = length;
  char buffer[4096];
  char *result;

  if (data == NULL)
    return g_strdup ("");

  if (charset == NULL || charset_is_utf8 (charset))
    return g_utf8_make_valid ((const char *) data, length);

  conv = g_iconv_open ("UTF-8", charset);
  if (conv == (GIConv) -1)
    return g_utf8_make_valid ((const char *) data, length);

  out = g_string_sized_new (length + 16);
  while (inleft > 0)
    {
      char *outbuf = buffer;
      gsize outleft = sizeof buffer;
      gsize r = g_iconv (conv, &inbuf, &inleft, &outbuf, &outleft);
      int saved_errno = errno;

      g_string_append_len (out, buffer, outbuf - buffer);
      if (r != (gsize) -1)
        continue;

      if (saved_errno == E2BIG)
        continue;

      /* An invalid or truncated sequence: one replacement character, skip
       * a byte and start the converter afresh. */
      g_string_append (out, "\xef\xbf\xbd");
      inbuf++;
      inleft--;
      g_iconv (conv, NULL, NULL, NULL, NULL);
    }

  {
    char *outbuf = buffer;
    gsize outleft = sizeof buffer;

    g_iconv (conv, NULL, NULL, &outbuf, &outleft);
    g_string_append_len (out, buffer, outbuf - buffer);
  }
  g_iconv_close (conv);

  /* The converter's output is UTF-8 already; this only guards against
   * converters that pass bytes through and against embedded NULs. */
  result = g_utf8_make_valid (out->str, out->len);
  g_string_free (out, TRUE);
  return result;
}

static void
gaio_http_response_finalize (GObject *object)
{
  GaioHttpResponse *self = (GaioHttpResponse *) object;

  /* Dropping a streamed response closes it. */
  if (self->request != NULL)
    {
      gaio_http_request_close (self->request);
      gaio_http_request_unref (self->request);
    }

  g_clear_pointer (&self->method, g_free);
  g_clear_pointer (&self->reason, g_free);
  g_clear_pointer (&self->headers, soup_message_headers_unref);
  g_clear_pointer (&self->uri, g_uri_unref);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->body, g_bytes_unref);
  g_clear_pointer (&self->metrics, gaio_http_metrics_unref);
  g_clear_pointer (&self->content_type, g_free);
  g_clear_pointer (&self->charset, g_free);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (gaio_http_response_parent_class)->finalize (object);
}

static void
gaio_http_response_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  GaioHttpResponse *self = GAIO_HTTP_RESPONSE (object);

  switch (prop_id)
    {
    case PROP_METHOD:
      g_value_set_string (value, self->method);
      break;

    case PROP_STATUS:
      g_value_set_uint (value, self->status);
      break;

    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;

    case PROP_URL:
      g_value_set_string (value, self->url);
      break;

    case PROP_ELAPSED:
      g_value_set_double (value, self->elapsed);
      break;

    case PROP_HTTP_VERSION:
      g_value_set_enum (value, self->http_version);
      break;

    case PROP_METRICS:
      g_value_set_boxed (value, self->metrics);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gaio_http_response_class_init (GaioHttpResponseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gaio_http_response_finalize;
  object_class->get_property = gaio_http_response_get_property;

  /**
   * GaioHttpResponse:method:
   *
   * The method of the request that produced the response (after a `303`
   * redirect, `GET`).
   */
  props[PROP_METHOD] =
    g_param_spec_string ("method", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * GaioHttpResponse:status:
   *
   * The HTTP status code, such as 200.
   */
  props[PROP_STATUS] =
    g_param_spec_uint ("status", NULL, NULL, 0, 999, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * GaioHttpResponse:reason:
   *
   * The reason phrase of the status line, such as `OK`.
   */
  props[PROP_REASON] =
    g_param_spec_string ("reason", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * GaioHttpResponse:url:
   *
   * The final URL, after redirects, without the credentials a URL may
   * carry: it is safe to show.
   */
  props[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * GaioHttpResponse:elapsed:
   *
   * Seconds from the moment the request left the client's queue until its
   * body was read in full, redirects and retries included.
   */
  props[PROP_ELAPSED] =
    g_param_spec_double ("elapsed", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * GaioHttpResponse:http-version:
   *
   * The HTTP version the response came over: `SOUP_HTTP_1_1` (or
   * `SOUP_HTTP_1_0` from an old server), or `SOUP_HTTP_2_0` when the server
   * offered HTTP/2 over TLS.
   *
   * Since: 0.2
   */
  props[PROP_HTTP_VERSION] =
    g_param_spec_enum ("http-version", NULL, NULL, SOUP_TYPE_HTTP_VERSION, SOUP_HTTP_1_1,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * GaioHttpResponse:metrics:
   *
   * When each step of the last exchange happened and the bytes it moved.
   *
   * Since: 0.2
   */
  props[PROP_METRICS] =
    g_param_spec_boxed ("metrics", NULL, NULL, GAIO_TYPE_HTTP_METRICS,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, LAST_PROP, props);
}

static void
gaio_http_response_init (GaioHttpResponse *self)
{
  self->http_version = SOUP_HTTP_1_1;
}

void
gaio_http_response_set_exchange (GaioHttpResponse *self,
                                 SoupHTTPVersion   http_version,
                                 GaioHttpMetrics  *metrics)
{
  self->http_version = http_version;
  g_clear_pointer (&self->metrics, gaio_http_metrics_unref);
  self->metrics = metrics != NULL ? gaio_http_metrics_ref (metrics) : NULL;
}

GaioHttpResponse *
gaio_http_response_new (const char         *method,
                        guint               status,
                        const char         *reason,
                        SoupMessageHeaders *headers,
                        GUri               *uri,
                        const char         *url,
                        guint               redirect_count,
                        double              elapsed,
                        GBytes             *body)
{
  GaioHttpResponse *self = g_object_new (GAIO_TYPE_HTTP_RESPONSE, NULL);
  const char *content_type;

  self->method = g_strdup (method);
  self->status = status;
  self->reason = g_strdup (reason != NULL ? reason : "");
  self->headers = soup_message_headers_ref (headers);
  self->uri = gaio_http_url_without_credentials (uri);
  self->url = g_strdup (url);
  self->redirect_count = redirect_count;
  self->elapsed = elapsed;
  self->body = body != NULL ? g_bytes_ref (body) : g_bytes_new_static ("", 0);

  content_type = soup_message_headers_get_content_type (headers, NULL);
  self->content_type = content_type != NULL ? g_ascii_strdown (content_type, -1) : NULL;

  return self;
}

void
gaio_http_response_set_stream (GaioHttpResponse *self,
                               GaioHttpRequest  *request)
{
  g_assert (self->request == NULL);
  self->request = gaio_http_request_ref (request);
}

/**
 * gaio_http_response_get_method:
 * @self: a response
 *
 * Gets the method of the request that produced @self.
 *
 * Returns: the method, such as `GET`
 */
const char *
gaio_http_response_get_method (GaioHttpResponse *self)
{
  g_return_val_if_fail (GAIO_IS_HTTP_RESPONSE (self), NULL);

  return self->method;
}

/**
 * gaio_http_response_get_status:
 * @self: a response
 *
 * Gets the HTTP status code of @self.
 *
 * Returns: the status, such as 200
 */
guint
gaio_http_response_get_status (GaioHttpResponse *self)
{
  g_return_val_if_fail (GAIO_IS_HTTP_RESPONSE (self), 0);

  return self->status;
}

/**
 * gaio_http_response_get_reason:
 * @self: a response
 *
 * Gets the reason phrase of the status line.
 *
 * Returns: the reason phrase, such as `OK`; empty if the server sent none
 */
const char *
gaio_http_response_get_reason (GaioHttpResponse *self)
{
  g_return_val_if_fail (GAIO_IS_HTTP_RESPONSE (self), NULL);

  return self->reason;
}

/**
 * gaio_http_response_get_headers:
 * @self: a response
 *
 * Gets the response headers.
 *
 * Returns: (transfer none): the headers, owned by @self
 */
SoupMessageHeaders *
gaio_http_response_get_headers (GaioHttpResponse *self)
{
  g_return_val_if_fail (GAIO_IS_HTTP_RESPONSE (self), NULL);

  return self->headers;
}

/**
 * gaio_http_response_get_header:
 * @self: a response
 * @name: a header name, in any case
 *
 * Gets one response header; repeated headers are joined with commas.
 *
 * Returns: (nullable): the header's value, or %NULL if it is absent
 */
const char *
gaio_http_response_get_header (GaioHttpResponse *self,
                               const char       *name)
{
  g_return_val_if_fail (GAIO_IS_HTTP_RESPONSE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return soup_message_headers_get_list (self->headers, name);
}

/**
 * gaio_http_response_get_content_type:
 * @self: a response
 *
 * Gets the media type of the body, in lower case and without parameters.
 *
 * Returns: (nullable): the media type, such as `text/html`, or %NULL if the
 *   server declared none
 */
const char *
gaio_http_response_get_content_type (GaioHttpResponse *self)
{
  g_return_val_if_fail (GAIO_IS_HTTP_RESPONSE (self), NULL);

  return self->content_type;
}

/**
 * gaio_http_response_get_uri:
 * @self: a response
 *
 * Gets the final URI, after redirects, without the credentials a URL
 * may carry (`user:password@`).
 *
 * Returns: (transfer none): the URI
 */
GUri *
gaio_http_response_get_uri (GaioHttpResponse *self)
{
  g_return_val_if_fail (GAIO_IS_HTTP_RESPONSE (self), NULL);

  return self->uri;
}

/**
 * gaio_http_response_get_url:
 * @self: a response
 *
 * Gets the final URL, after redirects, as a string, without the
 * credentials a URL may carry: it is safe to show.
 *
 * Returns: the URL
 */
const char *
gaio_http_response_get_url (GaioHttpResponse *self)
{
  g_return_val_if_fail (GAIO_IS_HTTP_RESPONSE (self), NULL);

  return self->url;
}

/**
 * gaio_http_response_get_redirect_count:
 * @self: a response
 *
 * Gets how many redirects were followed to reach @self.
 *
 * Returns: the number of redirects
 */
guint
gaio_http_response_get_redirect_count (GaioHttpResponse *self)
{
  g_return_val_if_fail (GAIO_IS_HTTP_RESPONSE (self), 0);

  return self->redirect_count;
}

/**
 * gaio_http_response_get_elapsed:
 * @self: a response
 *
 * Gets the time the request took, in seconds: from the moment it left the
 * client's queue until the body was read in full, redirects and retries
 * included.
 *
 * Returns: the elapsed time in seconds
 */
double
gaio_http_response_get_elapsed (GaioHttpResponse *self)
{
  g_return_val_if_fail (GAIO_IS_HTTP_RESPONSE (self), 0);

  return self->elapsed;
}

/**
 * gaio_http_response_get_http_version:
 * @self: a response
 *
 * Gets [property@Gaio.HttpResponse:http-version].
 *
 * Returns: the HTTP version of the response
 *
 * Since: 0.2
 */
SoupHTTPVersion
gaio_http_response_get_http_version (GaioHttpResponse *self)
{
  g_return_val_if_fail (GAIO_IS_HTTP_RESPONSE (self), SOUP_HTTP_1_1);

  return self->http_version;
}

/**
 * gaio_http_response_get_metrics:
 * @self: a response
 *
 * Gets [property@Gaio.HttpResponse:metrics]: when each step of the last
 * exchange happened, as libsoup measured it.
 *
 * Returns: (transfer none) (nullable): the metrics, or %NULL for a
 *   response Gaio did not receive itself
 *
 * Since: 0.2
 */
GaioHttpMetrics *
gaio_http_response_get_metrics (GaioHttpResponse *self)
{
  g_return_val_if_fail (GAIO_IS_HTTP_RESPONSE (self), NULL);

  return self->metrics;
}

/**
 * gaio_http_response_get_body:
 * @self: a response
 *
 * Gets the body, decoded from any `Content-Encoding` (gzip, deflate, br).
 * It is empty for `HEAD` requests and for downloads, whose body went to a
 * file.
 *
 * Returns: (transfer none): the body
 */
GBytes *
gaio_http_response_get_body (GaioHttpResponse *self)
{
  g_return_val_if_fail (GAIO_IS_HTTP_RESPONSE (self), NULL);

  return self->body;
}

/* The charset the body declares (NULL for none), and the body past its
 * byte order mark. */
static char *
body_charset (GaioHttpResponse  *self,
              const guint8     **data,
              gsize             *length)
{
  GHashTable *params = NULL;
  const char *header_charset = NULL;
  char *charset;

  *data = g_bytes_get_data (self->body, length);

  /* A byte order mark overrides everything, as in browsers. */
  if (*length >= 3 && memcmp (*data, "\xef\xbb\xbf", 3) == 0)
    {
      *data += 3;
      *length -= 3;
      return g_strdup ("utf-8");
    }
  if (*length >= 2 && memcmp (*data, "\xff\xfe", 2) == 0)
    {
      *data += 2;
      *length -= 2;
      return g_strdup ("utf-16le");
    }
  if (*length >= 2 && memcmp (*data, "\xfe\xff", 2) == 0)
    {
      *data += 2;
      *length -= 2;
      return g_strdup ("utf-16be");
    }

  soup_message_headers_get_content_type (self->headers, &params);
  if (params != NULL)
    header_charset = g_hash_table_lookup (params, "charset");
  charset = gaio_http_sniff_charset (header_charset, *data, *length);
  g_clear_pointer (&params, g_hash_table_unref);
  return charset;
}

static void
ensure_text (GaioHttpResponse *self)
{
  const guint8 *data;
  gsize length;
  g_autofree char *charset = NULL;

  if (self->text != NULL)
    return;

  charset = body_charset (self, &data, &length);
  self->text = gaio_http_decode_text (charset, data, length);
  self->charset = charset != NULL ? g_steal_pointer (&charset) : g_strdup ("utf-8");
}

/**
 * gaio_http_response_get_charset:
 * @self: a response
 *
 * Gets the charset [method@Gaio.HttpResponse.get_text] decodes the body
 * from: a byte order mark's, else the `Content-Type` header's, else an HTML
 * `<meta charset>` or `http-equiv` in the first KiB, else `utf-8`. The name
 * is in lower case as declared; a name iconv does not know decodes as UTF-8.
 *
 * Returns: the charset name
 */
const char *
gaio_http_response_get_charset (GaioHttpResponse *self)
{
  g_return_val_if_fail (GAIO_IS_HTTP_RESPONSE (self), NULL);

  ensure_text (self);
  return self->charset;
}

/**
 * gaio_http_response_get_text:
 * @self: a response
 *
 * Gets the body decoded to UTF-8 from its charset (see
 * [method@Gaio.HttpResponse.get_charset]). Bytes that do not decode are
 * replaced with U+FFFD, so the result is always valid UTF-8. It is computed
 * once and cached.
 *
 * Returns: the text, owned by @self
 */
const char *
gaio_http_response_get_text (GaioHttpResponse *self)
{
  g_return_val_if_fail (GAIO_IS_HTTP_RESPONSE (self), NULL);

  ensure_text (self);
  return self->text;
}

/**
 * gaio_http_response_get_json:
 * @self: a response
 * @error: return location for an error
 *
 * Parses the body as JSON with json-glib. A UTF-8 body (the usual case)
 * is parsed as it is; one in another charset is decoded as by
 * [method@Gaio.HttpResponse.get_text] first. On failure @error keeps
 * json-glib's domain and code and its message names the URL.
 *
 * Returns: (transfer full): the root node
 */
JsonNode *
gaio_http_response_get_json (GaioHttpResponse  *self,
                             GError           **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *charset = NULL;
  const guint8 *data;
  gsize length;
  gboolean parsed;

  g_return_val_if_fail (GAIO_IS_HTTP_RESPONSE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* UTF-8 is parsed in place, without the copy get_text() makes; another
   * charset, or bytes that are not valid NUL-free UTF-8, go through
   * get_text() as before. */
  charset = body_charset (self, &data, &length);
  parser = json_parser_new ();
  if ((charset == NULL || charset_is_utf8 (charset)) &&
      g_utf8_validate_len ((const char *) data, length, NULL))
    parsed = json_parser_load_from_data (parser, (const char *) data, length, &local_error);
  else
    parsed = json_parser_load_from_data (parser, gaio_http_response_get_text (self), -1,
                                         &local_error);
  if (!parsed)
    {
      g_set_error (error, local_error->domain, local_error->code,
                   "Could not parse JSON from %s: %s", self->url, local_error->message);
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                   "Could not parse JSON from %s: the body is empty", self->url);
      return NULL;
    }

  return json_parser_steal_root (parser);
}

/* Streaming */

/* A whole-body response reads from its body, the same way. */
static GaioFuture *
body_read (GaioHttpResponse *self,
           gsize             max_bytes,
           gboolean          line)
{
  GValue value = G_VALUE_INIT;
  gsize size = g_bytes_get_size (self->body) - self->body_offset;
  gsize n = MIN (size, max_bytes);
  const char *data = (const char *) g_bytes_get_data (self->body, NULL) + self->body_offset;
  const char *newline = line ? memchr (data, '\n', n) : NULL;
  GaioFuture *future;

  if (newline != NULL)
    n = newline - data + 1;
  g_value_init (&value, G_TYPE_BYTES);
  g_value_take_boxed (&value, g_bytes_new_from_bytes (self->body, self->body_offset, n));
  self->body_offset += n;
  future = gaio_future_new_resolved (&value);
  g_value_unset (&value);
  return future;
}

static GaioFuture *
response_read (GaioHttpResponse *self,
               gsize             max_bytes,
               gboolean          line)
{
  if (self->request != NULL)
    return gaio_http_request_read (self->request, max_bytes, line);
  return body_read (self, max_bytes, line);
}

/**
 * gaio_http_response_read:
 * @self: a response
 * @max_bytes: the most bytes to give, at least 1
 *
 * Reads the next piece of the body: at most @max_bytes, as soon as some
 * have arrived, and an empty [struct@GLib.Bytes] at the end of the body.
 *
 * On a response from [method@Gaio.HttpClient.open], each read waits for the
 * network, and nothing is read ahead of it: the server is held back by
 * TCP's (or HTTP/2's) flow control until the next read. Only one read may
 * be pending at a time (`G_IO_ERROR_PENDING` otherwise). Cancelling the
 * future only stops the wait: the bytes that arrive afterwards are kept
 * for the next read, so none is lost. The client's
 * [property@Gaio.HttpClient:max-body-size] and
 * [property@Gaio.HttpClient:timeout] apply to the body as it streams
 * (`GAIO_ERROR_BODY_TOO_LARGE`, `G_IO_ERROR_TIMED_OUT`); after
 * [method@Gaio.HttpResponse.close] reads fail with `G_IO_ERROR_CLOSED`.
 * Errors name the URL.
 *
 * Returns: (transfer full): a future resolving to a [struct@GLib.Bytes]
 */
GaioFuture *
gaio_http_response_read (GaioHttpResponse *self,
                         gsize             max_bytes)
{
  g_return_val_if_fail (GAIO_IS_HTTP_RESPONSE (self), NULL);
  g_return_val_if_fail (max_bytes > 0, NULL);

  return response_read (self, max_bytes, FALSE);
}

/**
 * gaio_http_response_read_line:
 * @self: a response
 * @max_bytes: the longest line to give, at least 1
 *
 * Reads the body up to and including the next `\n`, as `fgets()` does:
 * the line keeps its ending (`\n`, or `\r\n` as sent: nothing is
 * translated), the last line of a body that does not end with a newline
 * comes without one, and an empty [struct@GLib.Bytes] means the end of
 * the body. A line longer than @max_bytes comes in pieces of @max_bytes,
 * only the last of which ends with `\n`. The bytes are not decoded.
 * Otherwise as [method@Gaio.HttpResponse.read].
 *
 * Returns: (transfer full): a future resolving to a [struct@GLib.Bytes]
 */
GaioFuture *
gaio_http_response_read_line (GaioHttpResponse *self,
                              gsize             max_bytes)
{
  g_return_val_if_fail (GAIO_IS_HTTP_RESPONSE (self), NULL);
  g_return_val_if_fail (max_bytes > 0, NULL);

  return response_read (self, max_bytes, TRUE);
}

static GBytes *
bytes_finish (GaioHttpResponse  *self,
              GAsyncResult      *result,
              gpointer           source_tag,
              GError           **error)
{
  GBytes *bytes;
  GValue *value = NULL;

  g_return_val_if_fail (GAIO_IS_HTTP_RESPONSE (self), NULL);

  if (!gaio_waiter_bind_finish (self, result, source_tag, &value, error))
    return NULL;
  bytes = g_value_dup_boxed (value);
  g_boxed_free (G_TYPE_VALUE, value);
  return bytes;
}

/**
 * gaio_http_response_read_async:
 * @self: a response
 * @max_bytes: the most bytes to give, at least 1
 * @cancellable: (nullable): stops waiting; no byte is lost
 * @callback: (scope async) (closure user_data): called with the bytes
 * @user_data: data for @callback
 *
 * Reads the next piece of the body, the GIO way; see
 * [method@Gaio.HttpResponse.read].
 */
void
gaio_http_response_read_async (GaioHttpResponse    *self,
                               gsize                max_bytes,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (GAIO_IS_HTTP_RESPONSE (self));
  g_return_if_fail (max_bytes > 0);

  gaio_waiter_bind_async (self, response_read (self, max_bytes, FALSE), cancellable,
                          gaio_http_response_read_async, NULL, callback, user_data);
}

/**
 * gaio_http_response_read_finish:
 * @self: a response
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Finishes [method@Gaio.HttpResponse.read_async].
 *
 * Returns: (transfer full): the bytes, empty at the end of the body
 */
GBytes *
gaio_http_response_read_finish (GaioHttpResponse  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  return bytes_finish (self, result, gaio_http_response_read_async, error);
}

/**
 * gaio_http_response_read_line_async:
 * @self: a response
 * @max_bytes: the longest line to give, at least 1
 * @cancellable: (nullable): stops waiting; no byte is lost
 * @callback: (scope async) (closure user_data): called with the line
 * @user_data: data for @callback
 *
 * Reads the next line of the body, the GIO way; see
 * [method@Gaio.HttpResponse.read_line].
 */
void
gaio_http_response_read_line_async (GaioHttpResponse    *self,
                                    gsize                max_bytes,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (GAIO_IS_HTTP_RESPONSE (self));
  g_return_if_fail (max_bytes > 0);

  gaio_waiter_bind_async (self, response_read (self, max_bytes, TRUE), cancellable,
                          gaio_http_response_read_line_async, NULL, callback, user_data);
}

/**
 * gaio_http_response_read_line_finish:
 * @self: a response
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Finishes [method@Gaio.HttpResponse.read_line_async].
 *
 * Returns: (transfer full): the line with its ending, empty at the end of
 *   the body
 */
GBytes *
gaio_http_response_read_line_finish (GaioHttpResponse  *self,
                                     GAsyncResult      *result,
                                     GError           **error)
{
  return bytes_finish (self, result, gaio_http_response_read_line_async, error);
}

/**
 * gaio_http_response_get_input_stream:
 * @self: a response
 *
 * Gets the body as a [class@Gio.InputStream], for GIO code such as
 * [method@Gio.OutputStream.splice_async] or a [class@Gio.DataInputStream].
 * Its reads go through [method@Gaio.HttpResponse.read], so the body cap,
 * the deadline and back-pressure apply to them, and closing it closes
 * @self. Use its asynchronous functions: a synchronous read fails with
 * `G_IO_ERROR_NOT_SUPPORTED`. The stream holds a reference to @self.
 *
 * Returns: (transfer full): a new stream over the body
 */
GInputStream *
gaio_http_response_get_input_stream (GaioHttpResponse *self)
{
  g_return_val_if_fail (GAIO_IS_HTTP_RESPONSE (self), NULL);

  return gaio_http_body_stream_new (self);
}

/**
 * gaio_http_response_close:
 * @self: a response
 *
 * Ends the reading of a streamed body. If the body was read to its end,
 * its connection went back to the client's pool already; otherwise the
 * connection is closed (so no unread body is left on it), the request's
 * connection slot is given back, and pending and later reads fail with
 * `G_IO_ERROR_CLOSED`. Dropping the last reference to @self closes it too.
 * Closing twice, or a whole-body response, does nothing.
 */
void
gaio_http_response_close (GaioHttpResponse *self)
{
  g_return_if_fail (GAIO_IS_HTTP_RESPONSE (self));

  if (self->request != NULL)
    gaio_http_request_close (self->request);
}
