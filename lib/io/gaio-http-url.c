/* gaio-http-url.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "gaio-error.h"
#include "gaio-http-url.h"
#include "gaio-http-url-private.h"

static gboolean
scheme_is_http (const char *scheme)
{
  return g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0;
}

/* GUri takes almost anything as a host name; the resolver should not. */
static gboolean
host_is_plausible (const char *host)
{
  for (const char *p = host; *p != '\0'; p++)
    if ((unsigned char) *p <= ' ' || *p == 0x7f || strchr ("/\\?#@<>\"'`{}|^", *p) != NULL)
      return FALSE;
  return TRUE;
}

static char *
replace_all (const char *text,
             const char *from,
             const char *to)
{
  g_auto(GStrv) parts = NULL;

  if (*from == '\0' || g_str_equal (from, to))
    return g_strdup (text);
  parts = g_strsplit (text, from, -1);
  return g_strjoinv (to, parts);
}

/* libsoup logs a critical and returns NULL for file:, data: and host-less
 * URLs and speaks HTTP to port 21 for ftp:, so nothing that has not been
 * checked here reaches it, neither the first URL nor a redirect. */
GUri *
gaio_http_url_parse (const char  *url,
                     GUri        *base,
                     GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *shown = NULL;  /* for errors only */
  const char *host;

  if (base != NULL)
    uri = g_uri_parse_relative (base, url, SOUP_HTTP_URI_FLAGS, &local_error);
  else
    uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, &local_error);

  if (uri == NULL)
    {
      g_autofree char *reason = NULL;

      shown = gaio_http_url_redact (url);
      /* GLib's message can quote the URL. */
      reason = replace_all (local_error->message, url, shown);

      g_set_error (error, GAIO_ERROR, GAIO_ERROR_INVALID_URL,
                   "Invalid URL “%s”: %s", shown, reason);
      return NULL;
    }

  if (!scheme_is_http (g_uri_get_scheme (uri)))
    {
      shown = gaio_http_url_redact (url);
      g_set_error (error, GAIO_ERROR, GAIO_ERROR_UNSUPPORTED_SCHEME,
                   "Unsupported scheme “%s” in URL %s: only http and https are supported",
                   g_uri_get_scheme (uri), shown);
      return NULL;
    }

  host = g_uri_get_host (uri);
  if (host == NULL || *host == '\0')
    {
      shown = gaio_http_url_redact (url);
      g_set_error (error, GAIO_ERROR, GAIO_ERROR_INVALID_URL, "Invalid URL “%s”: no host", shown);
      return NULL;
    }

  if (!host_is_plausible (host))
    {
      shown = gaio_http_url_redact (url);
      g_set_error (error, GAIO_ERROR, GAIO_ERROR_INVALID_URL,
                   "Invalid URL “%s”: bad character in host name", shown);
      return NULL;
    }

  return g_steal_pointer (&uri);
}

GUri *
gaio_http_url_parse_base (const char  *url,
                          GError     **error)
{
  g_autoptr(GUri) uri = gaio_http_url_parse (url, NULL, error);
  const char *path;
  g_autofree char *folder = NULL;

  if (uri == NULL)
    return NULL;
  path = g_uri_get_path (uri);
  if (g_str_has_suffix (path, "/"))
    return g_steal_pointer (&uri);
  folder = g_strconcat (path, "/", NULL);
  return g_uri_build (g_uri_get_flags (uri), g_uri_get_scheme (uri), g_uri_get_userinfo (uri),
                      g_uri_get_host (uri), g_uri_get_port (uri), folder, g_uri_get_query (uri),
                      g_uri_get_fragment (uri));
}

/* Whether a segment of @path decodes to "." or "..": GUri removes only
 * the plain ones, and a server may decode "%2e%2e" before walking. */
static gboolean
has_dot_segment (const char *path)
{
  g_auto(GStrv) segments = g_strsplit (path, "/", -1);

  for (guint i = 0; segments[i] != NULL; i++)
    {
      g_autofree char *decoded = g_uri_unescape_string (segments[i], NULL);

      if (decoded == NULL || g_str_equal (decoded, ".") || g_str_equal (decoded, ".."))
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_under (GUri *uri,
          GUri *base)
{
  return g_ascii_strcasecmp (g_uri_get_scheme (uri), g_uri_get_scheme (base)) == 0 &&
         g_ascii_strcasecmp (g_uri_get_host (uri), g_uri_get_host (base)) == 0 &&
         g_uri_get_port (uri) == g_uri_get_port (base) &&
         g_str_has_prefix (g_uri_get_path (uri), g_uri_get_path (base)) &&
         !has_dot_segment (g_uri_get_path (uri));
}

GUri *
gaio_http_url_resolve (GUri        *base,
                       const char  *url,
                       GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *shown = NULL;

  if (base == NULL || g_uri_peek_scheme (url) != NULL)
    return gaio_http_url_parse (url, NULL, error);

  shown = gaio_http_url_redact (url);
  if (url[0] == '/' && url[1] == '/')
    {
      g_set_error (error, GAIO_ERROR, GAIO_ERROR_INVALID_URL,
                   "Invalid URL “%s”: a scheme-relative URL would leave the base URL "
                   "(give an absolute URL to reach another host)", shown);
      return NULL;
    }

  uri = gaio_http_url_parse (url, base, error);
  if (uri == NULL)
    return NULL;
  if (!is_under (uri, base))
    {
      g_autofree char *resolved = gaio_http_url_to_string (uri);
      g_autofree char *shown_base = gaio_http_url_to_string (base);

      g_set_error (error, GAIO_ERROR, GAIO_ERROR_INVALID_URL,
                   "Invalid URL “%s”: it resolves to %s, outside the base URL %s",
                   shown, resolved, shown_base);
      return NULL;
    }
  return g_steal_pointer (&uri);
}

char *
gaio_http_url_host_key (GUri *uri)
{
  /* Host names are case-insensitive; one server must get one slot count. */
  g_autofree char *host = g_ascii_strdown (g_uri_get_host (uri), -1);

  return g_strdup_printf ("%s://%s:%d", g_uri_get_scheme (uri), host, g_uri_get_port (uri));
}

/* GIO's connection errors already say "Could not connect to HOST: ", which
 * is replaced by the full URL. */
GError *
gaio_http_url_error (const GError *lower,
                     const char   *url,
                     const char   *verb)
{
  static const char prefix[] = "Could not connect to ";
  const char *message = lower->message;

  if (g_str_has_prefix (message, prefix))
    {
      const char *rest = strstr (message + strlen (prefix), ": ");

      if (rest != NULL)
        return g_error_new (lower->domain, lower->code, "Could not connect to %s: %s",
                            url, rest + 2);
    }

  return g_error_new (lower->domain, lower->code, "Could not %s %s: %s", verb, url, message);
}

/**
 * gaio_http_url_redact:
 * @url: a URL, valid or not
 *
 * Removes the credentials from @url, for showing it: `http://user:pw@host/`
 * becomes `http://host/`. Anything before the last `@` of the authority
 * (what follows `://` up to the first `/`, `?` or `#`) goes, whether or not
 * @url parses. The HTTP client uses credentials in URLs for the request
 * and shows only redacted URLs: in [property@Gaio.HttpResponse:url] and in
 * every error message.
 *
 * Returns: (transfer full): @url without its credentials
 */
char *
gaio_http_url_redact (const char *url)
{
  const char *authority, *end, *at = NULL;

  g_return_val_if_fail (url != NULL, NULL);

  authority = strstr (url, "://");
  if (authority == NULL)
    return g_strdup (url);
  authority += 3;
  end = authority + strcspn (authority, "/?#");
  for (const char *p = authority; p < end; p++)
    if (*p == '@')
      at = p;
  if (at == NULL)
    return g_strdup (url);
  return g_strdup_printf ("%.*s%s", (int) (authority - url), url, at + 1);
}

GUri *
gaio_http_url_without_credentials (GUri *uri)
{
  if (g_uri_get_userinfo (uri) == NULL)
    return g_uri_ref (uri);
  return g_uri_build (g_uri_get_flags (uri), g_uri_get_scheme (uri), NULL, g_uri_get_host (uri),
                      g_uri_get_port (uri), g_uri_get_path (uri), g_uri_get_query (uri),
                      g_uri_get_fragment (uri));
}

char *
gaio_http_url_to_string (GUri *uri)
{
  return g_uri_to_string_partial (uri, G_URI_HIDE_USERINFO);
}
