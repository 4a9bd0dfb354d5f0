/* gaio-http-download-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#include <gio/gio.h>

#include "gaio-file-private.h"

G_BEGIN_DECLS

/* The atomic writer of gaio-file-private.h, made asynchronous for streamed
 * downloads: each call runs the blocking step on a worker thread and calls
 * back on the thread-default main context. The caller keeps one step in
 * flight at a time and must not touch @file meanwhile.
 *
 * Ownership follows GaioAtomicFile: a failed write and any commit consume
 * @file, as does abort. The result is what really happened, never turned
 * into "cancelled" after the fact: @cancellable is checked by the steps
 * themselves, the last time just before the rename. */
void            gaio_http_download_open_async    (const char          *path,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GaioAtomicFile *gaio_http_download_open_finish   (GAsyncResult        *result,
                                                  GError             **error);
void            gaio_http_download_write_async   (GaioAtomicFile      *file,
                                                  const void          *data,
                                                  gsize                len,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
void            gaio_http_download_commit_async  (GaioAtomicFile      *file,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
void            gaio_http_download_abort_async   (GaioAtomicFile      *file,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean        gaio_http_download_step_finish   (GAsyncResult        *result,
                                                  GError             **error);

G_END_DECLS
