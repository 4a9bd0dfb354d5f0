/* gaio-version.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include "gaio-version.h"

/**
 * gaio_get_major_version:
 *
 * Gets the major version of the Gaio library in use, which may differ from
 * `GAIO_MAJOR_VERSION`, the one the program was compiled against.
 *
 * Returns: the major version of the running library
 */
unsigned
gaio_get_major_version (void)
{
  return GAIO_MAJOR_VERSION;
}

/**
 * gaio_get_minor_version:
 *
 * Gets the minor version of the Gaio library in use.
 *
 * Returns: the minor version of the running library
 */
unsigned
gaio_get_minor_version (void)
{
  return GAIO_MINOR_VERSION;
}

/**
 * gaio_get_micro_version:
 *
 * Gets the micro version of the Gaio library in use.
 *
 * Returns: the micro version of the running library
 */
unsigned
gaio_get_micro_version (void)
{
  return GAIO_MICRO_VERSION;
}

/**
 * gaio_check_version:
 * @major: the required major version
 * @minor: the required minor version
 * @micro: the required micro version
 *
 * Checks at run time that the Gaio library in use is compatible with the
 * given version: the same major version, and a minor and micro version at
 * least as new. Programs loaded through introspection, which never see the
 * `GAIO_*_VERSION` macros, check this way.
 *
 * ```c
 * const char *mismatch = gaio_check_version (0, 1, 0);
 * if (mismatch != NULL)
 *   g_error ("Gaio is too old: %s", mismatch);
 * ```
 *
 * Returns: (nullable): `NULL` when the library is compatible, otherwise a
 *   string describing the mismatch, owned by Gaio
 */
const char *
gaio_check_version (unsigned major,
                    unsigned minor,
                    unsigned micro)
{
  if (major != GAIO_MAJOR_VERSION)
    return major > GAIO_MAJOR_VERSION ? "Gaio version too old (major mismatch)"
                                      : "Gaio version too new (major mismatch)";
  if (minor > GAIO_MINOR_VERSION)
    return "Gaio version too old (minor mismatch)";
  if (minor == GAIO_MINOR_VERSION && micro > GAIO_MICRO_VERSION)
    return "Gaio version too old (micro mismatch)";
  return NULL;
}
