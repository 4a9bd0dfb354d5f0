/* fuzz_filename_for_url.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gaio-error.h"
#include "gaio-filename.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* Not g_assert(): the checks must hold in every build, G_DISABLE_ASSERT or not. */
#define CHECK(cond, what)                                                 \
  G_STMT_START {                                                          \
    if (!(cond))                                                          \
      {                                                                   \
        fprintf (stderr, "invariant broken: %s\n  url: %s\n  name: %s\n", \
                 what, url, name ? name : "(none)");                      \
        abort ();                                                         \
      }                                                                   \
  } G_STMT_END

static void
check_name (const char *url,
            const char *name)
{
  gsize len = strlen (name);

  CHECK (len > 0, "empty name");
  CHECK (len <= GAIO_FILENAME_MAX_LENGTH, "name too long");
  CHECK (g_utf8_validate (name, len, NULL), "invalid UTF-8");
  CHECK (strchr (name, '/') == NULL, "contains '/'");
  CHECK (strchr (name, '\\') == NULL, "contains '\\'");
  CHECK (strstr (name, "..") == NULL, "contains '..'");
  CHECK (name[0] != '.' && name[0] != '-', "leading '.' or '-'");
  CHECK (!g_path_is_absolute (name), "absolute");
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      CHECK (!g_unichar_iscntrl (c), "control character");
      CHECK (g_unichar_type (c) != G_UNICODE_FORMAT, "format character");
      CHECK (!g_unichar_isspace (c), "white space");
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  char *url = g_strndup ((const char *) data, size);
  GError *error = NULL;
  char *name = gaio_filename_for_url (url, &error);
  char *again;
  char *path;

  if (name == NULL)
    {
      CHECK (error != NULL && error->domain == GAIO_ERROR &&
             error->code == GAIO_ERROR_INVALID_URL, "failure without INVALID_URL");
      g_clear_error (&error);
    }
  else
    {
      CHECK (error == NULL, "error set on success");
      check_name (url, name);

      /* Stable: the same URL gives the same name. */
      again = gaio_filename_for_url (url, NULL);
      CHECK (again != NULL && strcmp (again, name) == 0, "unstable");
      g_free (again);

      /* Inside the folder, exactly one level down. */
      path = gaio_filename_for_url_in_folder ("/srv/pages", url, &error);
      CHECK (path != NULL && error == NULL, "folder variant failed");
      CHECK (g_str_has_prefix (path, "/srv/pages/") &&
             strcmp (path + strlen ("/srv/pages/"), name) == 0, "left the folder");
      g_free (path);
    }

  g_free (name);
  g_free (url);
  return 0;
}
