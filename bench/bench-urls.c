/* bench-urls.c: the URL list shared by the W3 clients
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "bench-urls.h"

#include <stdlib.h>

GPtrArray *
bench_load_urls (const BenchOptions *options)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *urls, *paths;

  if (options->url_base == NULL || options->url_list == NULL)
    {
      g_printerr ("--url-base and --url-list are required\n");
      exit (2);
    }
  if (!g_file_get_contents (options->url_list, &contents, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      exit (2);
    }

  paths = g_ptr_array_new ();
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      g_ptr_array_add (paths, lines[i]);
  if (paths->len == 0)
    {
      g_printerr ("%s lists no paths\n", options->url_list);
      exit (2);
    }

  urls = g_ptr_array_new_with_free_func (g_free);
  for (int i = 0; i < options->n; i++)
    g_ptr_array_add (urls, g_strconcat (options->url_base,
                                        (char *) g_ptr_array_index (paths, i % paths->len),
                                        NULL));
  g_ptr_array_unref (paths);
  return urls;
}
