/* gaio-filename.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include <string.h>

#include "gaio-error.h"
#include "gaio-filename.h"
#include "gaio-http-url.h"

/* A name is "<readable>-<hash><.ext>":
 *
 * - readable: host, port and the percent-decoded path and query, every
 *   character outside a small safe set turned into '_', runs of '_'
 *   collapsed, ".." collapsed to ".", no leading '.', '-' or '_';
 * - hash: the first HASH_CHARS hex digits of the SHA-256 of the URL exactly
 *   as given, always present;
 * - ext: the last path segment's extension when it is short and plain, so
 *   that file managers still recognise the type.
 *
 * The hash is always appended rather than only when the readable part lost
 * information: with a conditional hash, a URL whose readable part happens to
 * end in "-<16 hex digits>.html" would collide with a lossy one, and proving
 * a readable form lossless needs an escaping scheme nobody can read. 64 bits
 * of SHA-256 make an accidental collision among a billion URLs about a 3%
 * chance (birthday bound), among a million about one in 30 million. */

#define HASH_CHARS 16
#define EXT_MAX    10
#define URL_MAX    (64 * 1024)

static gboolean
is_safe_ascii (unsigned char c)
{
  return g_ascii_isalnum (c) || c == '.' || c == '-' || c == '_' || c == '+' ||
         c == '~' || c == ',' || c == '=' || c == '@';
}

/* Letters, marks and digits of any script. Separators, symbols, control and
 * format characters (bidi overrides, zero-width joiners) are replaced. */
static gboolean
is_safe_unichar (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_DECIMAL_NUMBER:
    case G_UNICODE_LETTER_NUMBER:
    case G_UNICODE_OTHER_NUMBER:
      return TRUE;

    case G_UNICODE_CONTROL:
    case G_UNICODE_FORMAT:
    case G_UNICODE_UNASSIGNED:
    case G_UNICODE_PRIVATE_USE:
    case G_UNICODE_SURROGATE:
    case G_UNICODE_CONNECT_PUNCTUATION:
    case G_UNICODE_DASH_PUNCTUATION:
    case G_UNICODE_CLOSE_PUNCTUATION:
    case G_UNICODE_FINAL_PUNCTUATION:
    case G_UNICODE_INITIAL_PUNCTUATION:
    case G_UNICODE_OTHER_PUNCTUATION:
    case G_UNICODE_OPEN_PUNCTUATION:
    case G_UNICODE_CURRENCY_SYMBOL:
    case G_UNICODE_MODIFIER_SYMBOL:
    case G_UNICODE_MATH_SYMBOL:
    case G_UNICODE_OTHER_SYMBOL:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
    case G_UNICODE_SPACE_SEPARATOR:
    default:
      return FALSE;
    }
}

/* Host names, IPv4 and IPv6 addresses (GUri strips the brackets) and
 * internationalized names; escapes, spaces and the like are not hosts. */
static gboolean
is_valid_host (const char *host)
{
  gboolean has_alnum = FALSE;

  if (*host == '\0' || strstr (host, "..") != NULL)
    return FALSE;
  for (const unsigned char *p = (const unsigned char *) host; *p != '\0'; p++)
    if (!(g_ascii_isalnum (*p) || *p == '.' || *p == '-' || *p == '_' || *p == ':' || *p >= 0x80))
      return FALSE;
    else if (g_ascii_isalnum (*p) || *p >= 0x80)
      has_alnum = TRUE;
  return has_alnum;
}

static void
append_replacement (GString *out)
{
  if (out->len > 0 && out->str[out->len - 1] == '_')
    return;
  g_string_append_c (out, '_');
}

/* Appends @len bytes of @text (already percent-decoded, any bytes) to @out,
 * keeping safe characters and replacing everything else. */
static void
append_sanitized (GString    *out,
                  const char *text,
                  gsize       len)
{
  const char *p = text;
  const char *end = text + len;

  while (p < end)
    {
      unsigned char c = (unsigned char) *p;

      if (c < 0x80)
        {
          if (!is_safe_ascii (c))
            append_replacement (out);
          else if (c == '.' && out->len > 0 && out->str[out->len - 1] == '.')
            ; /* never "..", anywhere */
          else
            g_string_append_c (out, (char) c);
          p++;
        }
      else
        {
          gunichar u = g_utf8_get_char_validated (p, end - p);

          if (u == (gunichar) -1 || u == (gunichar) -2)
            {
              append_replacement (out);
              p++;
            }
          else
            {
              const char *next = g_utf8_next_char (p);

              if (is_safe_unichar (u))
                g_string_append_len (out, p, next - p);
              else
                append_replacement (out);
              p = next;
            }
        }
    }
}

/* Percent-decodes @text without rejecting anything: "%00" and "%2f" decode
 * to bytes that the sanitizer then replaces, malformed escapes stay as they
 * are. */
static GString *
percent_decode (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p++)
    {
      if (p[0] == '%' && g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]))
        {
          g_string_append_c (out, (char) (g_ascii_xdigit_value (p[1]) * 16 +
                                           g_ascii_xdigit_value (p[2])));
          p += 2;
        }
      else
        g_string_append_c (out, *p);
    }
  return out;
}

/* The extension of the last segment of @path: a '.' followed by 1 to EXT_MAX
 * ASCII letters and digits. */
static const char *
find_extension (const char *path)
{
  const char *last = strrchr (path, '/');
  const char *dot;
  gsize n;

  last = last ? last + 1 : path;
  dot = strrchr (last, '.');
  if (dot == NULL || dot == last)
    return NULL;
  n = strlen (dot + 1);
  if (n == 0 || n > EXT_MAX)
    return NULL;
  for (const char *c = dot + 1; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c))
      return NULL;
  return dot;
}

/* Extensions for the types a scraper meets most, for URLs whose last
 * segment has none. A fixed table rather than shared-mime-info's globs: the
 * name must be the same on every machine, whatever MIME database it has. */
static const struct {
  const char *type;
  const char *ext;
} type_extensions[] = {
  { "application/atom+xml", ".atom" },
  { "application/gzip", ".gz" },
  { "application/javascript", ".js" },
  { "application/json", ".json" },
  { "application/ld+json", ".jsonld" },
  { "application/pdf", ".pdf" },
  { "application/rss+xml", ".rss" },
  { "application/wasm", ".wasm" },
  { "application/xhtml+xml", ".xhtml" },
  { "application/xml", ".xml" },
  { "application/zip", ".zip" },
  { "audio/mpeg", ".mp3" },
  { "audio/ogg", ".ogg" },
  { "font/woff", ".woff" },
  { "font/woff2", ".woff2" },
  { "image/avif", ".avif" },
  { "image/gif", ".gif" },
  { "image/jpeg", ".jpg" },
  { "image/png", ".png" },
  { "image/svg+xml", ".svg" },
  { "image/webp", ".webp" },
  { "text/css", ".css" },
  { "text/csv", ".csv" },
  { "text/html", ".html" },
  { "text/javascript", ".js" },
  { "text/markdown", ".md" },
  { "text/plain", ".txt" },
  { "text/xml", ".xml" },
  { "video/mp4", ".mp4" },
  { "video/webm", ".webm" },
};

/* Cuts @s to at most @max bytes at a character boundary. @s is valid UTF-8,
 * so stepping back over continuation bytes from the first byte cut off
 * finds the start of the character that would be split. */
static void
truncate_utf8 (GString *s,
               gsize    max)
{
  gsize cut = max;

  if (s->len <= max)
    return;
  while (cut > 0 && ((unsigned char) s->str[cut] & 0xC0) == 0x80)
    cut--;
  g_string_truncate (s, cut);
}

static void
trim_edges (GString *s)
{
  gsize start = 0;

  while (start < s->len && (s->str[start] == '.' || s->str[start] == '-' || s->str[start] == '_'))
    start++;
  g_string_erase (s, 0, start);
  while (s->len > 0 && (s->str[s->len - 1] == '.' || s->str[s->len - 1] == '_' ||
                        s->str[s->len - 1] == '-'))
    g_string_truncate (s, s->len - 1);
}

/* @url without its credentials, shortened to its first 200 bytes and made
 * valid UTF-8, for an error message: the URL may be up to URL_MAX long. */
static char *
url_for_message (const char *url)
{
  g_autofree char *redacted = gaio_http_url_redact (url);

  return g_utf8_make_valid (redacted, MIN (strlen (redacted), 200));
}

/* gaio_filename_for_url_with_type() without its argument checks. */
static char *
make_name (const char  *url,
           const char  *content_type,
           GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GString) name = NULL;
  g_autoptr(GString) path = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *host = NULL;
  g_autofree char *digest = NULL;
  const char *query;
  const char *ext;
  gsize url_len;
  gsize readable_max;

  url_len = strlen (url);
  if (url_len > URL_MAX || !g_utf8_validate (url, url_len, NULL))
    {
      g_set_error (error, GAIO_ERROR, GAIO_ERROR_INVALID_URL,
                   "Could not make a file name for a URL: %s",
                   url_len > URL_MAX ? "the URL is too long" : "the URL is not valid UTF-8");
      return NULL;
    }

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED, &local_error);
  if (uri == NULL || g_uri_get_host (uri) == NULL || !is_valid_host (g_uri_get_host (uri)))
    {
      g_autofree char *shown = url_for_message (url);

      g_set_error (error, GAIO_ERROR, GAIO_ERROR_INVALID_URL,
                   "Could not make a file name for %s: %s", shown,
                   local_error ? local_error->message : "the URL has no valid host");
      return NULL;
    }

  name = g_string_sized_new (GAIO_FILENAME_MAX_LENGTH + 1);

  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  append_sanitized (name, host, strlen (host));
  if (g_uri_get_port (uri) > 0)
    g_string_append_printf (name, "_%d", g_uri_get_port (uri));

  path = percent_decode (g_uri_get_path (uri));
  append_replacement (name);
  append_sanitized (name, path->str, path->len);

  query = g_uri_get_query (uri);
  if (query != NULL)
    {
      g_autoptr(GString) decoded = percent_decode (query);
      append_replacement (name);
      append_sanitized (name, decoded->str, decoded->len);
    }

  ext = find_extension (path->str);
  if (ext == NULL && content_type != NULL)
    ext = gaio_filename_extension_for_type (content_type);
  readable_max = GAIO_FILENAME_MAX_LENGTH - 1 - HASH_CHARS - (ext ? strlen (ext) : 0);
  trim_edges (name);
  truncate_utf8 (name, readable_max);
  trim_edges (name);
  if (name->len == 0)
    g_string_assign (name, "url");

  digest = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const unsigned char *) url, url_len);
  g_string_append_c (name, '-');
  g_string_append_len (name, digest, HASH_CHARS);
  if (ext != NULL)
    g_string_append (name, ext);

  g_assert (name->len <= GAIO_FILENAME_MAX_LENGTH);
  return g_string_free (g_steal_pointer (&name), FALSE);
}

/**
 * gaio_filename_for_url:
 * @url: an absolute URL with a host, such as `https://example.com/docs/`
 * @error: return location for a `GAIO_ERROR_INVALID_URL` error
 *
 * Makes a file name for @url that is safe to create in any folder: a single
 * path component, never `.` or `..`, with no `/`, `\`, control or
 * formatting characters, valid UTF-8 and at most
 * [const@Gaio.FILENAME_MAX_LENGTH] bytes long.
 *
 * The name is readable (host, port, path and query, with unsafe characters
 * turned into `_`) and ends with 16 hex digits of the SHA-256 of @url
 * exactly as given, then the extension of the last path segment when it is
 * short: `https://example.com/docs/index.html` becomes
 * `example.com_docs_index.html-<hash>.html`. The same URL always gives the
 * same name, on every run and machine; different URLs, even ones that differ
 * only in case, escapes or fragment, give different names. See
 * `doc/files.md` for the full rules.
 *
 * Pure and thread-safe.
 *
 * Returns: (transfer full): the file name, or %NULL with @error set
 */
char *
gaio_filename_for_url (const char  *url,
                       GError     **error)
{
  return gaio_filename_for_url_with_type (url, NULL, error);
}

/**
 * gaio_filename_for_url_in_folder:
 * @folder: (type filename): the folder the file goes in
 * @url: an absolute URL with a host
 * @error: return location for a `GAIO_ERROR_INVALID_URL` or
 *   `GAIO_ERROR_UNSAFE_FILENAME` error
 *
 * Joins @folder and [func@Gaio.filename_for_url]'s name for @url, and
 * checks that the result names a direct child of @folder. The check is
 * lexical: @folder itself is trusted, and the name is never a symbolic
 * link that Gaio follows (atomic writes replace links rather than follow
 * them).
 *
 * Pure and thread-safe.
 *
 * Returns: (transfer full) (type filename): the path, or %NULL with @error set
 */
char *
gaio_filename_for_url_in_folder (const char  *folder,
                                 const char  *url,
                                 GError     **error)
{
  return gaio_filename_for_url_in_folder_with_type (folder, url, NULL, error);
}

/**
 * gaio_filename_for_url_with_type:
 * @url: an absolute URL with a host, such as `https://example.com/docs/`
 * @content_type: (nullable): the `Content-Type` the URL was served with,
 *   parameters allowed (`text/html; charset=utf-8`)
 * @error: return location for a `GAIO_ERROR_INVALID_URL` error
 *
 * Makes the same name as [func@Gaio.filename_for_url], except that when
 * the URL's last path segment has no extension, the name ends with the one
 * [func@Gaio.filename_extension_for_type] gives for @content_type:
 * `https://example.com/docs/` served as `text/html` becomes
 * `example.com_docs-<hash>.html`. An extension in the URL always wins, so
 * the name of a URL that has one does not depend on the server.
 *
 * Pure and thread-safe.
 *
 * Returns: (transfer full): the file name, or %NULL with @error set
 *
 * Since: 0.2
 */
char *
gaio_filename_for_url_with_type (const char  *url,
                                 const char  *content_type,
                                 GError     **error)
{
  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return make_name (url, content_type, error);
}

/**
 * gaio_filename_for_url_in_folder_with_type:
 * @folder: (type filename): the folder the file goes in
 * @url: an absolute URL with a host
 * @content_type: (nullable): the `Content-Type` the URL was served with
 * @error: return location for a `GAIO_ERROR_INVALID_URL` or
 *   `GAIO_ERROR_UNSAFE_FILENAME` error
 *
 * Joins @folder and [func@Gaio.filename_for_url_with_type]'s name, with
 * the checks of [func@Gaio.filename_for_url_in_folder].
 *
 * Pure and thread-safe.
 *
 * Returns: (transfer full) (type filename): the path, or %NULL with @error set
 *
 * Since: 0.2
 */
char *
gaio_filename_for_url_in_folder_with_type (const char  *folder,
                                           const char  *url,
                                           const char  *content_type,
                                           GError     **error)
{
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *canon_folder = NULL;
  g_autofree char *canon_path = NULL;
  g_autofree char *parent = NULL;

  g_return_val_if_fail (folder != NULL, NULL);
  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (*folder == '\0')
    {
      g_set_error_literal (error, GAIO_ERROR, GAIO_ERROR_UNSAFE_FILENAME,
                           "Could not make a file name: the folder is empty");
      return NULL;
    }

  name = gaio_filename_for_url_with_type (url, content_type, error);
  if (name == NULL)
    return NULL;

  path = g_build_filename (folder, name, NULL);

  /* Defence in depth: whatever the name, the path must stay one level
   * below the folder. */
  canon_folder = g_canonicalize_filename (folder, "/");
  canon_path = g_canonicalize_filename (path, "/");
  parent = g_path_get_dirname (canon_path);
  if (strchr (name, '/') != NULL || strcmp (name, ".") == 0 || strcmp (name, "..") == 0 ||
      strcmp (parent, canon_folder) != 0)
    {
      g_autofree char *shown = url_for_message (url);

      g_set_error (error, GAIO_ERROR, GAIO_ERROR_UNSAFE_FILENAME,
                   "Could not make a file name for %s: it would leave the folder", shown);
      return NULL;
    }

  return g_steal_pointer (&path);
}

/**
 * gaio_filename_extension_for_type:
 * @content_type: a MIME type such as `text/html`, parameters allowed
 *   (`text/html; charset=utf-8`), any case
 *
 * Gets the file extension, with its dot, that names made for URLs without
 * one take for @content_type: `.html` for `text/html`, `.json` for
 * `application/json`, `.txt` for `text/plain` and about thirty other common
 * types. The table is Gaio's own, not the system's MIME database, so that a
 * name is the same on every machine; see `doc/files.md` for it.
 *
 * Pure and thread-safe.
 *
 * Returns: (nullable): the extension, or %NULL for a type not in the table
 *
 * Since: 0.2
 */
const char *
gaio_filename_extension_for_type (const char *content_type)
{
  gsize len;

  g_return_val_if_fail (content_type != NULL, NULL);

  while (g_ascii_isspace (*content_type))
    content_type++;
  len = strcspn (content_type, "; \t");
  for (guint i = 0; i < G_N_ELEMENTS (type_extensions); i++)
    {
      if (strlen (type_extensions[i].type) == len &&
          g_ascii_strncasecmp (content_type, type_extensions[i].type, len) == 0)
        return type_extensions[i].ext;
    }

  return NULL;
}
