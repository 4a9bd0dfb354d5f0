/* files.c: asynchronous file writes and reads (aiofiles)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <string.h>

#include <gaio.h>

/* Usage: files. Works in the current folder. */

static void
main_task (GaioTask *task,
           gpointer  user_data)
{
  const char *paths[] = { "example.txt", "processed_errors.txt" };
  const char *contents[] = { "test\ntest\n", "no errors found\n" };
  g_autoptr(GPtrArray) writes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) reads = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GaioGatherer) written = NULL;
  g_autoptr(GaioGatherer) read = NULL;
  g_autoptr(GError) error = NULL;

  /* Writes replace each file atomically: a temporary file, then a rename. */
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (contents[i], strlen (contents[i]));

      g_ptr_array_add (writes, gaio_file_write_path (paths[i], bytes, GAIO_FILE_WRITE_NONE));
    }
  written = gaio_gatherer_newv (GAIO_GATHER_MODE_ALL, (GaioFuture **) writes->pdata, writes->len);
  if (gaio_await (GAIO_FUTURE (written), &error) == NULL)
    {
      g_printerr ("write failed: %s\n", error->message);
      return;
    }
  g_print ("Wrote %u files\n", writes->len);

  /* read_file('example.txt') */
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    g_ptr_array_add (reads, gaio_file_read_path (paths[i]));
  read = gaio_gatherer_newv (GAIO_GATHER_MODE_ALL, (GaioFuture **) reads->pdata, reads->len);
  if (gaio_await (GAIO_FUTURE (read), &error) == NULL)
    {
      g_printerr ("read failed: %s\n", error->message);
      return;
    }
  for (guint i = 0; i < reads->len; i++)
    {
      GBytes *bytes = g_value_get_boxed (gaio_gatherer_get_value_at (read, i));
      gsize size;
      const char *data = g_bytes_get_data (bytes, &size);

      g_print ("%s (%" G_GSIZE_FORMAT " bytes):\n%.*s", paths[i], size, (int) size, data);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GaioTask) task = gaio_task_spawn ("main", main_task, NULL, NULL);

  return gaio_run (GAIO_FUTURE (task), NULL) != NULL ? 0 : 1;
}
