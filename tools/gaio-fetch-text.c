/* gaio-fetch-text.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "gaio-fetch-text.h"

static const struct {
  const char *name;
  gunichar    ch;
} named_entities[] = {
  { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
  { "nbsp", 0x00A0 }, { "mdash", 0x2014 }, { "ndash", 0x2013 }, { "hellip", 0x2026 },
  { "copy", 0x00A9 }, { "reg", 0x00AE }, { "laquo", 0x00AB }, { "raquo", 0x00BB },
  { "lsquo", 0x2018 }, { "rsquo", 0x2019 }, { "ldquo", 0x201C }, { "rdquo", 0x201D },
  { "middot", 0x00B7 }, { "bull", 0x2022 }, { "trade", 0x2122 }, { "euro", 0x20AC },
};

/* Reads the reference after the '&' at @p; on success stores the character
 * and returns the length up to and including ';', else returns 0. */
static gsize
parse_entity (const char *p,
              gunichar   *ch)
{
  const char *semi = strchr (p, ';');
  gsize len;

  if (semi == NULL || semi - p < 2 || semi - p > 10)
    return 0;
  len = semi - p;

  if (p[1] == '#')
    {
      const char *digits = p + 2;
      gboolean hex = *digits == 'x' || *digits == 'X';
      guint64 value;
      char *end;

      if (hex)
        digits++;
      if (!g_ascii_isxdigit (*digits))
        return 0;
      value = g_ascii_strtoull (digits, &end, hex ? 16 : 10);
      if (end != semi || value == 0 || value > 0x10FFFF || !g_unichar_validate ((gunichar) value))
        return 0;
      *ch = (gunichar) value;
      return len + 1;
    }

  for (guint i = 0; i < G_N_ELEMENTS (named_entities); i++)
    {
      if (strlen (named_entities[i].name) == len - 1 &&
          strncmp (p + 1, named_entities[i].name, len - 1) == 0)
        {
          *ch = named_entities[i].ch;
          return len + 1;
        }
    }

  return 0;
}

char *
gaio_fetch_decode_entities (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; )
    {
      gunichar ch;
      gsize len;

      if (*p == '&' && (len = parse_entity (p, &ch)) > 0)
        {
          g_string_append_unichar (out, ch);
          p += len;
        }
      else
        g_string_append_c (out, *p++);
    }

  return g_string_free (out, FALSE);
}

char *
gaio_fetch_collapse_whitespace (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (g_unichar_isspace (ch) || ch == 0x00A0)
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, ch);
    }

  return g_string_free (out, FALSE);
}

/* Finds @tag (lower case, like "<title") in @html ignoring case. */
static const char *
find_tag (const char *html,
          const char *tag)
{
  gsize len = strlen (tag);

  for (const char *p = strchr (html, '<'); p != NULL; p = strchr (p + 1, '<'))
    {
      if (g_ascii_strncasecmp (p, tag, len) == 0)
        return p;
    }

  return NULL;
}

char *
gaio_fetch_extract_title (const char *html)
{
  const char *start = find_tag (html, "<title");
  const char *end;
  g_autofree char *raw = NULL;
  g_autofree char *decoded = NULL;
  char *title;

  if (start == NULL)
    return NULL;
  /* "<title>" or "<title lang=...>", but not "<titles>". */
  if (start[6] != '>' && !g_ascii_isspace (start[6]))
    return NULL;
  start = strchr (start, '>');
  if (start == NULL)
    return NULL;
  start++;
  end = find_tag (start, "</title");
  if (end == NULL)
    return NULL;

  raw = g_utf8_make_valid (start, end - start);
  decoded = gaio_fetch_decode_entities (raw);
  title = gaio_fetch_collapse_whitespace (decoded);
  if (*title == '\0')
    g_clear_pointer (&title, g_free);

  return title;
}

char *
gaio_fetch_snippet (const char *text,
                    guint       max_chars)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autofree char *collapsed = gaio_fetch_collapse_whitespace (valid);
  const char *end = collapsed;

  for (guint i = 0; i < max_chars && *end != '\0'; i++)
    end = g_utf8_next_char (end);

  return g_strndup (collapsed, end - collapsed);
}

gboolean
gaio_fetch_parse_size (const char  *text,
                       guint64     *size,
                       GError     **error)
{
  guint64 value;
  guint shift = 0;
  char *end;

  errno = 0;
  if (!g_ascii_isdigit (*text))
    goto bad;
  value = g_ascii_strtoull (text, &end, 10);
  if (errno != 0)
    goto bad;

  switch (g_ascii_toupper (*end))
    {
    case 'K': shift = 10; end++; break;
    case 'M': shift = 20; end++; break;
    case 'G': shift = 30; end++; break;
    default: break;
    }
  if (shift > 0 && *end == 'i')
    end++;
  if (*end == 'B' || *end == 'b')
    end++;
  if (*end != '\0' || (value << shift) >> shift != value)
    goto bad;

  *size = value << shift;
  return TRUE;

bad:
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               "Invalid size “%s”: expected a number with an optional K, M or G suffix", text);
  return FALSE;
}

char *
gaio_fetch_format_eta (guint  done,
                       guint  total,
                       double elapsed)
{
  guint64 left;

  if (done == 0 || done >= total || !(elapsed >= 0))
    return NULL;

  /* Requests overlap, so the pace of completions, not the time one request
   * takes, says how long the rest will take. Rounded up: "0 s" would read
   * as finished. */
  left = (guint64) (elapsed * (total - done) / done + 0.999);
  if (left < 60)
    return g_strdup_printf ("%" G_GUINT64_FORMAT " s", left);
  if (left < 3600)
    return g_strdup_printf ("%" G_GUINT64_FORMAT ":%02" G_GUINT64_FORMAT, left / 60, left % 60);
  return g_strdup_printf ("%" G_GUINT64_FORMAT ":%02" G_GUINT64_FORMAT ":%02" G_GUINT64_FORMAT,
                          left / 3600, left / 60 % 60, left % 60);
}

char *
gaio_fetch_progress_line (guint  done,
                          guint  total,
                          guint  running,
                          guint  failed,
                          double elapsed,
                          guint  width)
{
  g_autofree char *eta = gaio_fetch_format_eta (done, total, elapsed);
  guint filled = total > 0 ? (guint) ((guint64) MIN (done, total) * width / total) : width;
  GString *line = g_string_new ("[");

  for (guint i = 0; i < width; i++)
    g_string_append_c (line, i < filled ? '#' : '.');
  g_string_append_printf (line, "] %u/%u done, %u running, %u failed", done, total, running, failed);
  if (eta != NULL)
    g_string_append_printf (line, ", ETA %s", eta);

  return g_string_free (line, FALSE);
}
