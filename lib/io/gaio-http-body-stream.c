/* gaio-http-body-stream.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include <string.h>

#include "gaio-http-body-stream-private.h"

struct _GaioHttpBodyStream
{
  GInputStream      parent_instance;
  GaioHttpResponse *response;
};

G_DEFINE_FINAL_TYPE (GaioHttpBodyStream, gaio_http_body_stream, G_TYPE_INPUT_STREAM)

typedef struct
{
  void  *buffer;
  gsize  count;
} ReadData;

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  g_autoptr(GTask) task = data;
  ReadData *read = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;
  gsize size;
  const void *chunk;

  bytes = gaio_http_response_read_finish (GAIO_HTTP_RESPONSE (source), result, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* A read never gives more than it was asked for. */
  chunk = g_bytes_get_data (bytes, &size);
  g_assert (size <= read->count);
  if (size > 0)
    memcpy (read->buffer, chunk, size);
  g_task_return_int (task, size);
}

static void
gaio_http_body_stream_read_async (GInputStream        *stream,
                                  void                *buffer,
                                  gsize                count,
                                  int                  io_priority,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GaioHttpBodyStream *self = GAIO_HTTP_BODY_STREAM (stream);
  GTask *task = g_task_new (stream, cancellable, callback, user_data);
  ReadData *read = g_new (ReadData, 1);

  g_task_set_source_tag (task, gaio_http_body_stream_read_async);
  read->buffer = buffer;
  read->count = count;
  g_task_set_task_data (task, read, g_free);

  if (count == 0)
    {
      g_task_return_int (task, 0);
      g_object_unref (task);
      return;
    }

  gaio_http_response_read_async (self->response, MIN (count, G_MAXSSIZE), cancellable,
                                 read_cb, task);
}

static gssize
gaio_http_body_stream_read_finish (GInputStream  *stream,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return g_task_propagate_int (G_TASK (result), error);
}

/* The body arrives on the main loop, which a blocking read would stall. */
static gssize
gaio_http_body_stream_read_fn (GInputStream  *stream,
                               void          *buffer,
                               gsize          count,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
               "The body of %s can only be read asynchronously",
               gaio_http_response_get_url (GAIO_HTTP_BODY_STREAM (stream)->response));
  return -1;
}

static gboolean
gaio_http_body_stream_close_fn (GInputStream  *stream,
                                GCancellable  *cancellable,
                                GError       **error)
{
  gaio_http_response_close (GAIO_HTTP_BODY_STREAM (stream)->response);
  return TRUE;
}

/* Closing only marks the response closed: no thread needed. */
static void
gaio_http_body_stream_close_async (GInputStream        *stream,
                                   int                  io_priority,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (stream, cancellable, callback, user_data);

  g_task_set_source_tag (task, gaio_http_body_stream_close_async);
  gaio_http_response_close (GAIO_HTTP_BODY_STREAM (stream)->response);
  g_task_return_boolean (task, TRUE);
}

static gboolean
gaio_http_body_stream_close_finish (GInputStream  *stream,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
gaio_http_body_stream_finalize (GObject *object)
{
  GaioHttpBodyStream *self = GAIO_HTTP_BODY_STREAM (object);

  g_clear_object (&self->response);

  G_OBJECT_CLASS (gaio_http_body_stream_parent_class)->finalize (object);
}

static void
gaio_http_body_stream_class_init (GaioHttpBodyStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  object_class->finalize = gaio_http_body_stream_finalize;
  stream_class->read_fn = gaio_http_body_stream_read_fn;
  stream_class->read_async = gaio_http_body_stream_read_async;
  stream_class->read_finish = gaio_http_body_stream_read_finish;
  stream_class->close_fn = gaio_http_body_stream_close_fn;
  stream_class->close_async = gaio_http_body_stream_close_async;
  stream_class->close_finish = gaio_http_body_stream_close_finish;
}

static void
gaio_http_body_stream_init (GaioHttpBodyStream *self)
{
}

GInputStream *
gaio_http_body_stream_new (GaioHttpResponse *response)
{
  GaioHttpBodyStream *self = g_object_new (GAIO_TYPE_HTTP_BODY_STREAM, NULL);

  self->response = g_object_ref (response);
  return G_INPUT_STREAM (self);
}
