/* test-version.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <string.h>

#include "test-utils.h"

/* The library reports the version meson was given, which the macros carry. */
static void
test_version_runtime_matches_macros (void)
{
  g_autofree char *joined = g_strdup_printf ("%u.%u.%u",
                                             gaio_get_major_version (),
                                             gaio_get_minor_version (),
                                             gaio_get_micro_version ());

  g_assert_cmpstr (joined, ==, GAIO_VERSION_S);
  g_assert_cmpuint (gaio_get_major_version (), ==, GAIO_MAJOR_VERSION);
  g_assert_cmpuint (gaio_get_minor_version (), ==, GAIO_MINOR_VERSION);
  g_assert_cmpuint (gaio_get_micro_version (), ==, GAIO_MICRO_VERSION);
  g_assert_cmpint (GAIO_VERSION, ==,
                   GAIO_ENCODE_VERSION (GAIO_MAJOR_VERSION, GAIO_MINOR_VERSION, GAIO_MICRO_VERSION));
  g_assert_true (GAIO_CHECK_VERSION (GAIO_MAJOR_VERSION, GAIO_MINOR_VERSION, GAIO_MICRO_VERSION));
  g_assert_false (GAIO_CHECK_VERSION (GAIO_MAJOR_VERSION, GAIO_MINOR_VERSION + 1, 0));
}

static void
test_version_check (void)
{
  unsigned major = gaio_get_major_version ();
  unsigned minor = gaio_get_minor_version ();
  unsigned micro = gaio_get_micro_version ();

  g_assert_null (gaio_check_version (major, minor, micro));
  g_assert_null (gaio_check_version (major, 0, 0));
  if (micro > 0)
    g_assert_null (gaio_check_version (major, minor, micro - 1));

  g_assert_nonnull (strstr (gaio_check_version (major + 1, 0, 0), "too old"));
  g_assert_nonnull (strstr (gaio_check_version (major, minor + 1, 0), "too old"));
  g_assert_nonnull (strstr (gaio_check_version (major, minor, micro + 1), "too old"));
  if (major > 0)
    g_assert_nonnull (strstr (gaio_check_version (major - 1, 0, 0), "too new"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Gaio/Version/runtime-matches-macros", test_version_runtime_matches_macros);
  g_test_add_func ("/Gaio/Version/check", test_version_check);

  return g_test_run ();
}
