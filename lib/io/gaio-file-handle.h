/* gaio-file-handle.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#if !defined(GAIO_INSIDE) && !defined(GAIO_COMPILATION)
# error "Only <gaio.h> can be included directly."
#endif

#include <gio/gio.h>

#include "gaio-file.h"
#include "gaio-future.h"
#include "gaio-version-macros.h"

G_BEGIN_DECLS

/**
 * GaioFileMode:
 * @GAIO_FILE_MODE_READ: read an existing file; seeking is allowed
 * @GAIO_FILE_MODE_WRITE: write a new version of the file, which replaces the
 *   old one atomically when the handle is closed; until then, and for ever
 *   if a write fails or is cancelled, the old file stays as it was
 * @GAIO_FILE_MODE_APPEND: add to the end of the file, creating it if needed
 *
 * How [func@Gaio.FileHandle.open] opens a file.
 *
 * Since: 0.2
 */
typedef enum {
  GAIO_FILE_MODE_READ,
  GAIO_FILE_MODE_WRITE,
  GAIO_FILE_MODE_APPEND,
} GaioFileMode;

#define GAIO_TYPE_FILE_HANDLE (gaio_file_handle_get_type ())

GAIO_AVAILABLE_IN_0_2
G_DECLARE_FINAL_TYPE (GaioFileHandle, gaio_file_handle, GAIO, FILE_HANDLE, GObject)

GAIO_AVAILABLE_IN_0_2
GaioFuture     *gaio_file_handle_open            (const char           *path,
                                                  GaioFileMode          mode,
                                                  GaioFileWriteFlags    flags) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_0_2
void            gaio_file_handle_open_async      (const char           *path,
                                                  GaioFileMode          mode,
                                                  GaioFileWriteFlags    flags,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GAIO_AVAILABLE_IN_0_2
GaioFileHandle *gaio_file_handle_open_finish     (GAsyncResult         *result,
                                                  GError              **error) G_GNUC_WARN_UNUSED_RESULT;

GAIO_AVAILABLE_IN_0_2
const char     *gaio_file_handle_get_path        (GaioFileHandle       *self);
GAIO_AVAILABLE_IN_0_2
GaioFileMode    gaio_file_handle_get_mode        (GaioFileHandle       *self);
GAIO_AVAILABLE_IN_0_2
gint64          gaio_file_handle_tell            (GaioFileHandle       *self);

GAIO_AVAILABLE_IN_0_2
GaioFuture     *gaio_file_handle_read            (GaioFileHandle       *self,
                                                  gsize                 max_bytes) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_0_2
void            gaio_file_handle_read_async      (GaioFileHandle       *self,
                                                  gsize                 max_bytes,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GAIO_AVAILABLE_IN_0_2
GBytes         *gaio_file_handle_read_finish     (GaioFileHandle       *self,
                                                  GAsyncResult         *result,
                                                  GError              **error) G_GNUC_WARN_UNUSED_RESULT;

GAIO_AVAILABLE_IN_0_2
GaioFuture     *gaio_file_handle_read_line       (GaioFileHandle       *self) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_0_2
void            gaio_file_handle_read_line_async (GaioFileHandle       *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GAIO_AVAILABLE_IN_0_2
char           *gaio_file_handle_read_line_finish (GaioFileHandle      *self,
                                                   GAsyncResult        *result,
                                                   GError             **error) G_GNUC_WARN_UNUSED_RESULT;

GAIO_AVAILABLE_IN_0_2
GaioFuture     *gaio_file_handle_read_all        (GaioFileHandle       *self) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_0_2
void            gaio_file_handle_read_all_async  (GaioFileHandle       *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GAIO_AVAILABLE_IN_0_2
GBytes         *gaio_file_handle_read_all_finish (GaioFileHandle       *self,
                                                  GAsyncResult         *result,
                                                  GError              **error) G_GNUC_WARN_UNUSED_RESULT;

GAIO_AVAILABLE_IN_0_2
GaioFuture     *gaio_file_handle_write           (GaioFileHandle       *self,
                                                  GBytes               *bytes) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_0_2
void            gaio_file_handle_write_async     (GaioFileHandle       *self,
                                                  GBytes               *bytes,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GAIO_AVAILABLE_IN_0_2
gboolean        gaio_file_handle_write_finish    (GaioFileHandle       *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

GAIO_AVAILABLE_IN_0_2
GaioFuture     *gaio_file_handle_flush           (GaioFileHandle       *self) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_0_2
void            gaio_file_handle_flush_async     (GaioFileHandle       *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GAIO_AVAILABLE_IN_0_2
gboolean        gaio_file_handle_flush_finish    (GaioFileHandle       *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

GAIO_AVAILABLE_IN_0_2
GaioFuture     *gaio_file_handle_seek            (GaioFileHandle       *self,
                                                  gint64                offset,
                                                  GSeekType             type) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_0_2
void            gaio_file_handle_seek_async      (GaioFileHandle       *self,
                                                  gint64                offset,
                                                  GSeekType             type,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GAIO_AVAILABLE_IN_0_2
gint64          gaio_file_handle_seek_finish     (GaioFileHandle       *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

GAIO_AVAILABLE_IN_0_2
GaioFuture     *gaio_file_handle_close           (GaioFileHandle       *self) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_0_2
void            gaio_file_handle_close_async     (GaioFileHandle       *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GAIO_AVAILABLE_IN_0_2
gboolean        gaio_file_handle_close_finish    (GaioFileHandle       *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

GAIO_AVAILABLE_IN_0_2
GaioFuture     *gaio_file_handle_abort           (GaioFileHandle       *self) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_0_2
void            gaio_file_handle_abort_async     (GaioFileHandle       *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GAIO_AVAILABLE_IN_0_2
gboolean        gaio_file_handle_abort_finish    (GaioFileHandle       *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

G_END_DECLS
