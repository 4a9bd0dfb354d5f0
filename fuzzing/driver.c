/* driver.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 *
 * Runs a libFuzzer target without libFuzzer: every file named on the
 * command line, or found in a folder named there, is fed to
 * LLVMFuzzerTestOneInput() once. This is how the targets run as ordinary
 * tests (suite 'fuzzing') with any compiler.
 */

#include "config.h"

#include <stdint.h>
#include <stdio.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static gboolean
run_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return FALSE;
    }
  LLVMFuzzerTestOneInput ((const uint8_t *) contents, len);
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  unsigned count = 0;

  for (int i = 1; i < argc; i++)
    {
      GDir *dir = g_dir_open (argv[i], 0, NULL);
      const char *name;

      if (dir == NULL)
        {
          if (!run_file (argv[i]))
            return 1;
          count++;
          continue;
        }

      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (argv[i], name, NULL);

          if (!run_file (path))
            {
              g_dir_close (dir);
              return 1;
            }
          count++;
        }
      g_dir_close (dir);
    }

  printf ("%u inputs run\n", count);
  return 0;
}
