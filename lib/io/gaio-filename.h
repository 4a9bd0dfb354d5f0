/* gaio-filename.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#if !defined(GAIO_INSIDE) && !defined(GAIO_COMPILATION)
# error "Only <gaio.h> can be included directly."
#endif

#include <glib.h>

#include "gaio-version-macros.h"

G_BEGIN_DECLS

/**
 * GAIO_FILENAME_MAX_LENGTH:
 *
 * The longest name, in bytes, that [func@Gaio.filename_for_url] returns.
 * It leaves room under the usual 255-byte limit of a file name for the
 * suffixes that temporary files add.
 */
#define GAIO_FILENAME_MAX_LENGTH 200

GAIO_AVAILABLE_IN_ALL
char *gaio_filename_for_url           (const char  *url,
                                       GError     **error) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
char *gaio_filename_for_url_in_folder (const char  *folder,
                                       const char  *url,
                                       GError     **error) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_0_2
char *gaio_filename_for_url_with_type (const char  *url,
                                       const char  *content_type,
                                       GError     **error) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_0_2
char *gaio_filename_for_url_in_folder_with_type (const char  *folder,
                                                 const char  *url,
                                                 const char  *content_type,
                                                 GError     **error) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_0_2
const char *gaio_filename_extension_for_type (const char *content_type);

G_END_DECLS
