/* gaio-http-upload-stream.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include <string.h>

#include "gaio-http-upload-stream-private.h"

typedef struct
{
  GBytes  *bytes;  /* or */
  GFile   *file;
  goffset  size;
} Piece;

/* The reading side is touched only by the read in flight (GIO allows one
 * at a time), whichever worker thread it runs on. */
struct _GaioHttpUploadStream
{
  GInputStream  parent_instance;

  GArray       *pieces;
  goffset       size;

  guint         current;
  goffset       offset;    /* within the current piece */
  GInputStream *file_in;   /* the current file, once opened */
};

G_DEFINE_FINAL_TYPE (GaioHttpUploadStream, gaio_http_upload_stream, G_TYPE_INPUT_STREAM)

static void
piece_clear (gpointer data)
{
  Piece *piece = data;

  g_clear_pointer (&piece->bytes, g_bytes_unref);
  g_clear_object (&piece->file);
}

static gboolean
piece_ended (GaioHttpUploadStream  *self,
             Piece               *piece,
             GError             **error)
{
  if (self->offset != piece->size)
    {
      g_autofree char *name = g_file_get_parse_name (piece->file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "The file %s changed size while it was sent (%" G_GOFFSET_FORMAT
                   " bytes instead of %" G_GOFFSET_FORMAT ")", name, self->offset, piece->size);
      return FALSE;
    }
  g_clear_object (&self->file_in);
  self->current++;
  self->offset = 0;
  return TRUE;
}

static gssize
read_file (GaioHttpUploadStream  *self,
           Piece               *piece,
           void                *buffer,
           gsize                count,
           GCancellable        *cancellable,
           GError             **error)
{
  gssize n;

  if (self->file_in == NULL)
    {
      self->file_in = G_INPUT_STREAM (g_file_read (piece->file, cancellable, error));
      if (self->file_in == NULL)
        return -1;
    }
  /* Never past the size given, so a file that grew fails below. */
  count = MIN ((goffset) count, piece->size - self->offset + 1);
  n = g_input_stream_read (self->file_in, buffer, count, cancellable, error);
  if (n > 0)
    {
      self->offset += n;
      if (self->offset > piece->size)
        {
          piece_ended (self, piece, error);  /* says the file grew */
          return -1;
        }
    }
  return n;
}

static gssize
gaio_http_upload_stream_read (GInputStream  *stream,
                            void          *buffer,
                            gsize          count,
                            GCancellable  *cancellable,
                            GError       **error)
{
  GaioHttpUploadStream *self = GAIO_HTTP_UPLOAD_STREAM (stream);

  while (self->current < self->pieces->len)
    {
      Piece *piece = &g_array_index (self->pieces, Piece, self->current);
      gsize n;

      if (piece->file != NULL)
        {
          gssize got = read_file (self, piece, buffer, count, cancellable, error);

          if (got != 0)
            return got;
          if (!piece_ended (self, piece, error))
            return -1;
          continue;
        }

      n = MIN ((goffset) count, piece->size - self->offset);
      if (n == 0)
        {
          self->current++;
          self->offset = 0;
          continue;
        }
      memcpy (buffer, (const char *) g_bytes_get_data (piece->bytes, NULL) + self->offset, n);
      self->offset += n;
      return n;
    }
  return 0;
}

static gboolean
gaio_http_upload_stream_close (GInputStream  *stream,
                             GCancellable  *cancellable,
                             GError       **error)
{
  GaioHttpUploadStream *self = GAIO_HTTP_UPLOAD_STREAM (stream);

  g_clear_object (&self->file_in);
  return TRUE;
}

static void
gaio_http_upload_stream_finalize (GObject *object)
{
  GaioHttpUploadStream *self = GAIO_HTTP_UPLOAD_STREAM (object);

  g_clear_object (&self->file_in);
  g_clear_pointer (&self->pieces, g_array_unref);

  G_OBJECT_CLASS (gaio_http_upload_stream_parent_class)->finalize (object);
}

static void
gaio_http_upload_stream_class_init (GaioHttpUploadStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  object_class->finalize = gaio_http_upload_stream_finalize;
  stream_class->read_fn = gaio_http_upload_stream_read;
  stream_class->close_fn = gaio_http_upload_stream_close;
}

static void
gaio_http_upload_stream_init (GaioHttpUploadStream *self)
{
  self->pieces = g_array_new (FALSE, TRUE, sizeof (Piece));
  g_array_set_clear_func (self->pieces, piece_clear);
}

GaioHttpUploadStream *
gaio_http_upload_stream_new (void)
{
  return g_object_new (GAIO_TYPE_HTTP_UPLOAD_STREAM, NULL);
}

void
gaio_http_upload_stream_add_bytes (GaioHttpUploadStream *self,
                                 GBytes             *bytes)
{
  Piece piece = { g_bytes_ref (bytes), NULL, g_bytes_get_size (bytes) };

  g_array_append_val (self->pieces, piece);
  self->size += piece.size;
}

void
gaio_http_upload_stream_add_file (GaioHttpUploadStream *self,
                                GFile              *file,
                                goffset             size)
{
  Piece piece = { NULL, g_object_ref (file), size };

  g_array_append_val (self->pieces, piece);
  self->size += size;
}

goffset
gaio_http_upload_stream_get_size (GaioHttpUploadStream *self)
{
  return self->size;
}
