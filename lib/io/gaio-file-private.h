/* gaio-file-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#include "gaio-file.h"

G_BEGIN_DECLS

/* The blocking core of atomic writes, for worker threads (and for streamed
 * downloads, which write chunks as they arrive). open() creates a unique
 * temporary file next to @path; commit() optionally fsyncs, closes and
 * renames it over @path; abort() closes and removes it. Every failure,
 * including a failed commit, removes the temporary file and frees @self;
 * the file at @path is untouched unless commit() returned TRUE. Errors name
 * @path and keep G_IO_ERROR codes. */
typedef struct _GaioAtomicFile GaioAtomicFile;

GaioAtomicFile *gaio_atomic_file_open   (const char          *path,
                                         GaioFileWriteFlags   flags,
                                         GError             **error);
const char     *gaio_atomic_file_get_temp_path (GaioAtomicFile *self);
gboolean        gaio_atomic_file_write  (GaioAtomicFile      *self,
                                         const void          *data,
                                         gsize                len,
                                         GCancellable        *cancellable,
                                         GError             **error);
gboolean        gaio_atomic_file_commit (GaioAtomicFile      *self,
                                         GCancellable        *cancellable,
                                         GError             **error);
void            gaio_atomic_file_abort  (GaioAtomicFile      *self);

/* Sets "Could not @verb @path: <strerror>" with the G_IO_ERROR code for
 * @saved_errno, the form of every file error. */
void            gaio_file_set_errno_error (GError         **error,
                                           const char      *verb,
                                           const char      *path,
                                           int              saved_errno);

/* Writes all of @data to @fd in chunks, checking @cancellable between
 * them; errors read "Could not write @path: ...". */
gboolean        gaio_file_write_fd      (int                  fd,
                                         const void          *data,
                                         gsize                len,
                                         const char          *path,
                                         GCancellable        *cancellable,
                                         GError             **error);

G_END_DECLS
