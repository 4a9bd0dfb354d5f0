/* gaio-fetch-text.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Text helpers for gaio-fetch, kept apart so they are unit-tested alone. */

/* Decodes HTML character references: the common named ones and numeric
 * `&#N;` / `&#xH;`. Unknown or malformed references stay as they are. */
char     *gaio_fetch_decode_entities      (const char *text) G_GNUC_WARN_UNUSED_RESULT;

/* Turns every run of white space into one space and trims both ends. */
char     *gaio_fetch_collapse_whitespace  (const char *text) G_GNUC_WARN_UNUSED_RESULT;

/* The page's <title>, entity-decoded and whitespace-collapsed, or NULL when
 * it has none (or an empty one). */
char     *gaio_fetch_extract_title        (const char *html) G_GNUC_WARN_UNUSED_RESULT;

/* The first @max_chars characters of @text, whitespace-collapsed. */
char     *gaio_fetch_snippet              (const char *text,
                                           guint       max_chars) G_GNUC_WARN_UNUSED_RESULT;

/* Parses "512", "64K", "64M", "1G" (binary multiples; an optional trailing
 * "B" or "iB" is accepted). Returns FALSE with @error set on junk or overflow. */
gboolean  gaio_fetch_parse_size           (const char *text,
                                           guint64    *size,
                                           GError    **error);

/* "12 s", "3:05" or "1:02:03": the time left, estimated from the pace so far
 * (@done of @total finished in @elapsed seconds). NULL when there is nothing
 * to estimate from or nothing left. */
char     *gaio_fetch_format_eta           (guint       done,
                                           guint       total,
                                           double      elapsed) G_GNUC_WARN_UNUSED_RESULT;

/* The progress bar: "[#####.....] 3/13 done, 10 running, 1 failed, ETA 2 s",
 * with a bar @width characters wide. */
char     *gaio_fetch_progress_line        (guint       done,
                                           guint       total,
                                           guint       running,
                                           guint       failed,
                                           double      elapsed,
                                           guint       width) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
