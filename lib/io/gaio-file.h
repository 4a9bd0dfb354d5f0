/* gaio-file.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#if !defined(GAIO_INSIDE) && !defined(GAIO_COMPILATION)
# error "Only <gaio.h> can be included directly."
#endif

#include <gio/gio.h>

#include "gaio-future.h"
#include "gaio-version-macros.h"

G_BEGIN_DECLS

/**
 * GaioFileWriteFlags:
 * @GAIO_FILE_WRITE_NONE: no flags: replace atomically, without fsync
 * @GAIO_FILE_WRITE_FSYNC: flush the new contents to the disk (`fsync()`)
 *   before the rename, and the folder after it, so that the new file
 *   survives a power cut once the operation has succeeded
 * @GAIO_FILE_WRITE_PRIVATE: create a new file readable by its owner only
 *   (mode 0600) instead of 0666 less the umask; an existing file keeps its
 *   own mode either way
 *
 * Flags for [func@Gaio.file_write] and [func@Gaio.file_append].
 */
typedef enum /*< flags >*/ {
  GAIO_FILE_WRITE_NONE    = 0,
  GAIO_FILE_WRITE_FSYNC   = 1 << 0,
  GAIO_FILE_WRITE_PRIVATE = 1 << 1,
} GaioFileWriteFlags;

GAIO_AVAILABLE_IN_ALL
GaioFuture *gaio_file_read          (GFile                *file) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
GaioFuture *gaio_file_read_path     (const char           *path) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
void        gaio_file_read_async    (GFile                *file,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
GAIO_AVAILABLE_IN_ALL
GBytes     *gaio_file_read_finish   (GAsyncResult         *result,
                                     GError              **error) G_GNUC_WARN_UNUSED_RESULT;

GAIO_AVAILABLE_IN_ALL
GaioFuture *gaio_file_write         (GFile                *file,
                                     GBytes               *contents,
                                     GaioFileWriteFlags    flags) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
GaioFuture *gaio_file_write_path    (const char           *path,
                                     GBytes               *contents,
                                     GaioFileWriteFlags    flags) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
void        gaio_file_write_async   (GFile                *file,
                                     GBytes               *contents,
                                     GaioFileWriteFlags    flags,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
GAIO_AVAILABLE_IN_ALL
gboolean    gaio_file_write_finish  (GAsyncResult         *result,
                                     GError              **error);

GAIO_AVAILABLE_IN_ALL
GaioFuture *gaio_file_append        (GFile                *file,
                                     GBytes               *contents,
                                     GaioFileWriteFlags    flags) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
GaioFuture *gaio_file_append_path   (const char           *path,
                                     GBytes               *contents,
                                     GaioFileWriteFlags    flags) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
void        gaio_file_append_async  (GFile                *file,
                                     GBytes               *contents,
                                     GaioFileWriteFlags    flags,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
GAIO_AVAILABLE_IN_ALL
gboolean    gaio_file_append_finish (GAsyncResult         *result,
                                     GError              **error);

G_END_DECLS
