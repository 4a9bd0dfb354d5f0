/* gaio-http-upload-stream-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A request body made of pieces read one after another: bytes in memory
 * and files read as they are sent, so that a multipart upload of large
 * files never holds them in memory. Only the blocking read is implemented:
 * GIO runs it on its worker threads for libsoup's asynchronous reads, so
 * files are opened and read off the main context. Each file must keep the
 * size it was given; one that changes fails the read. */

#define GAIO_TYPE_HTTP_UPLOAD_STREAM (gaio_http_upload_stream_get_type ())

G_DECLARE_FINAL_TYPE (GaioHttpUploadStream, gaio_http_upload_stream, GAIO, HTTP_UPLOAD_STREAM, GInputStream)

GaioHttpUploadStream *gaio_http_upload_stream_new       (void);
void                  gaio_http_upload_stream_add_bytes (GaioHttpUploadStream *self,
                                                         GBytes               *bytes);
void                  gaio_http_upload_stream_add_file  (GaioHttpUploadStream *self,
                                                         GFile                *file,
                                                         goffset               size);
/* The sum of the pieces' sizes. */
goffset               gaio_http_upload_stream_get_size  (GaioHttpUploadStream *self);

G_END_DECLS
