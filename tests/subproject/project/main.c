/* main.c: a program built with Gaio as a meson subproject.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <gaio.h>

int
main (void)
{
  g_autoptr(GaioFuture) nap = gaio_sleep (1);
  g_autoptr(GError) error = NULL;

  if (gaio_run (nap, &error) == NULL && error != NULL)
    g_error ("%s", error->message);
  g_print ("Gaio %s as a subproject\n", GAIO_VERSION_S);
  return gaio_check_version (GAIO_MAJOR_VERSION, GAIO_MINOR_VERSION, 0) == NULL ? 0 : 1;
}
