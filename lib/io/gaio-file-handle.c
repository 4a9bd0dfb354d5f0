/* gaio-file-handle.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gaio-enums.h"
#include "gaio-executor-private.h"
#include "gaio-file-handle.h"
#include "gaio-file-private.h"
#include "gaio-future-private.h"
#include "gaio-scheduler-private.h"
#include "gaio-waiter-private.h"

/**
 * GaioFileHandle:
 *
 * An open file, read or written piece by piece with futures: the shape of
 * Python's `aiofiles.open()`.
 *
 * [func@Gaio.FileHandle.open] opens a file in one of three
 * [enum@Gaio.FileMode]s. A reading handle reads chunks, lines or the rest
 * of the file and can seek. A writing handle writes a new version of the
 * file into a temporary file next to it, which [method@Gaio.FileHandle.close]
 * renames over the old one, with the atomic writer that
 * [func@Gaio.file_write] uses: until the close succeeds, and for ever if a
 * write fails or is cancelled, the old file stays as it was, and two
 * writers of one path leave exactly one's contents. An appending handle
 * adds to the end of the file.
 *
 * ```c
 * g_autoptr(GaioFuture) open = gaio_file_handle_open ("log.txt", GAIO_FILE_MODE_READ, 0);
 * GaioFileHandle *file = g_value_get_object (gaio_await (open, &error));
 *
 * for (;;)
 *   {
 *     g_autoptr(GaioFuture) next = gaio_file_handle_read_line (file);
 *     const GValue *line = gaio_await (next, &error);
 *
 *     if (line == NULL || g_value_get_string (line) == NULL)
 *       break;   // an error, or the end of the file
 *     g_print ("%s\n", g_value_get_string (line));
 *   }
 * ```
 *
 * The blocking calls run on Gaio's worker pool (the one
 * [func@Gaio.run_in_thread] uses, under [func@Gaio.set_max_threads]), one
 * operation of a handle at a time and in the order they were made, so a
 * caller may start several writes without waiting for each. Small writes are gathered in a
 * 64 KiB buffer on the caller's side and handed to the worker together;
 * their futures resolve as soon as they are buffered, and an error in
 * writing them is reported by a later write, [method@Gaio.FileHandle.flush]
 * or [method@Gaio.FileHandle.close], as with any buffered file.
 *
 * Cancelling an operation's future stops it between chunks (a chunk is at
 * most 1 MiB) and settles it as cancelled once the worker has stopped. A
 * cancelled or failed write makes a writing handle fail: every later write
 * and the close report that error, and the old file stays.
 *
 * Use a handle on the thread-default main context where it was opened;
 * [method@Gaio.Future.cancel] is thread-safe. Dropping the last reference
 * to a handle that was not closed closes it, and a writing handle then
 * leaves the old file in place.
 *
 * Since: 0.2
 */

/* The most one read() asks for, and what reading lines reads at a time. */
#define READ_MAX     (1024 * 1024)
#define LINE_CHUNK   (64 * 1024)
/* Writes smaller than this are gathered before going to the worker. */
#define WRITE_BUFFER (64 * 1024)

typedef enum {
  OP_OPEN,
  OP_READ,
  OP_READ_LINE,
  OP_READ_ALL,
  OP_WRITE,
  OP_FLUSH,
  OP_SEEK,
  OP_CLOSE,
  OP_ABORT,
} OpKind;

typedef struct
{
  GaioRunItem     item;        /* settles the future on its owner context */
  OpKind          kind;
  GaioFuture     *future;
  GCancellable   *cancellable;
  gsize           max_bytes;
  GBytes         *bytes;
  gint64          offset;
  GSeekType       type;
  /* The outcome, from the worker to the owner context. */
  GValue          value;
  GError         *error;
  GaioFileHandle *handle;      /* held while the operation is pending */
} Op;

/* The queue of a handle, shared with the worker running it: refcounted
 * apart from the handle, so that a worker may still unlock it after the
 * owner context has dropped the handle. */
typedef struct
{
  GMutex    lock;
  GQueue    ops;          /* of Op, waiting for the worker */
  gboolean  draining;     /* a worker is running the queue */
  gint64    position;
} Shared;

struct _GaioFileHandle
{
  GObject             parent_instance;

  char               *path;
  GaioFileMode        mode;
  GaioFileWriteFlags  flags;

  /* The owner context's side. */
  GByteArray         *pending;      /* small writes not yet handed over */
  gboolean            close_started;

  /* The worker's side, used by one operation at a time. */
  int                 fd;
  GaioAtomicFile     *atomic;       /* a writing handle's new version */
  GByteArray         *buffer;       /* read past the last line returned */
  GError             *failure;      /* why a writing handle failed */
  gboolean            closed;

  Shared             *shared;
};

G_DEFINE_FINAL_TYPE (GaioFileHandle, gaio_file_handle, G_TYPE_OBJECT)

static const char *
verb_for (OpKind kind)
{
  switch (kind)
    {
    case OP_OPEN:
      return "open";
    case OP_READ:
    case OP_READ_LINE:
    case OP_READ_ALL:
      return "read";
    case OP_WRITE:
    case OP_FLUSH:
      return "write";
    case OP_SEEK:
      return "seek in";
    case OP_CLOSE:
    case OP_ABORT:
      return "close";
    default:
      g_assert_not_reached ();
    }
}

static void
set_error (GError         **error,
           GaioFileHandle  *self,
           OpKind           kind,
           int              code,
           const char      *reason)
{
  g_autofree char *display = g_filename_display_name (self->path);

  g_set_error (error, G_IO_ERROR, code, "Could not %s %s: %s", verb_for (kind), display, reason);
}

static void
op_free (Op *op)
{
  g_value_unset (&op->value);
  g_clear_error (&op->error);
  g_clear_object (&op->handle);
  g_clear_object (&op->future);
  g_clear_object (&op->cancellable);
  g_clear_pointer (&op->bytes, g_bytes_unref);
  g_free (op);
}

static void
shared_clear (gpointer data)
{
  Shared *shared = data;

  g_mutex_clear (&shared->lock);
}

static void
shared_unref (Shared *shared)
{
  g_atomic_rc_box_release_full (shared, shared_clear);
}

/* The worker's side. */

static void
add_position (GaioFileHandle *self,
              gint64          delta)
{
  g_mutex_lock (&self->shared->lock);
  self->shared->position += delta;
  g_mutex_unlock (&self->shared->lock);
}

static gint64
get_position (GaioFileHandle *self)
{
  gint64 position;

  g_mutex_lock (&self->shared->lock);
  position = self->shared->position;
  g_mutex_unlock (&self->shared->lock);
  return position;
}

static void
set_position (GaioFileHandle *self,
              gint64          position)
{
  g_mutex_lock (&self->shared->lock);
  self->shared->position = position;
  g_mutex_unlock (&self->shared->lock);
}

static gboolean
op_open (GaioFileHandle  *self,
         GError         **error)
{
  int mode = (self->flags & GAIO_FILE_WRITE_PRIVATE) ? 0600 : 0666;
  struct stat st;

  switch (self->mode)
    {
    case GAIO_FILE_MODE_WRITE:
      self->atomic = gaio_atomic_file_open (self->path, self->flags, error);
      return self->atomic != NULL;

    case GAIO_FILE_MODE_READ:
      self->fd = open (self->path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
      break;

    case GAIO_FILE_MODE_APPEND:
      self->fd = open (self->path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY, mode);
      break;

    default:
      g_assert_not_reached ();
    }

  if (self->fd < 0 || fstat (self->fd, &st) != 0 || S_ISDIR (st.st_mode))
    {
      int saved_errno = self->fd < 0 ? errno : S_ISDIR (st.st_mode) ? EISDIR : errno;

      if (self->fd >= 0)
        close (self->fd);
      self->fd = -1;
      gaio_file_set_errno_error (error, "open", self->path, saved_errno);
      return FALSE;
    }

  if (self->mode == GAIO_FILE_MODE_APPEND)
    set_position (self, st.st_size);
  return TRUE;
}

/* Reads at most @max bytes at the end of the read-ahead buffer; returns
 * how many, 0 at the end of the file, -1 with @error set. */
static gssize
read_more (GaioFileHandle  *self,
           gsize            max,
           GError         **error)
{
  guint old_len = self->buffer->len;

  g_byte_array_set_size (self->buffer, old_len + max);
  for (;;)
    {
      gssize n = read (self->fd, self->buffer->data + old_len, max);

      if (n < 0 && errno == EINTR)
        continue;
      g_byte_array_set_size (self->buffer, old_len + MAX (n, 0));
      if (n < 0)
        gaio_file_set_errno_error (error, "read", self->path, errno);
      return n;
    }
}

/* Takes the first @len bytes of the read-ahead buffer. */
static GBytes *
take_buffered (GaioFileHandle *self,
               gsize           len)
{
  GBytes *bytes = g_bytes_new (self->buffer->data, len);

  g_byte_array_remove_range (self->buffer, 0, len);
  add_position (self, len);
  return bytes;
}

static GBytes *
op_read (GaioFileHandle  *self,
         Op              *op,
         GError         **error)
{
  gsize max = MIN (op->max_bytes, READ_MAX);

  if (self->buffer->len == 0 && read_more (self, max, error) < 0)
    return NULL;
  return take_buffered (self, MIN (self->buffer->len, max));
}

static gboolean
check_cancelled (GaioFileHandle  *self,
                 Op              *op,
                 GError         **error)
{
  if (!g_cancellable_is_cancelled (op->cancellable))
    return FALSE;
  set_error (error, self, op->kind, G_IO_ERROR_CANCELLED, "Operation was cancelled");
  return TRUE;
}

/* Takes the first @len bytes of the read-ahead as a line, and the "\n"
 * after them if @newline. */
static char *
take_line (GaioFileHandle  *self,
           gsize            len,
           gboolean         newline,
           GError         **error)
{
  g_autoptr(GBytes) line = take_buffered (self, len + (newline ? 1 : 0));
  const char *data = g_bytes_get_data (line, NULL);

  if (!g_utf8_validate_len (data, len, NULL))
    {
      set_error (error, self, OP_READ_LINE, G_IO_ERROR_INVALID_DATA, "a line is not valid UTF-8");
      return NULL;
    }
  return g_strndup (data, len);
}

/* The next line without its "\n", or NULL (without @error) at the end. */
static char *
op_read_line (GaioFileHandle  *self,
              Op              *op,
              GError         **error)
{
  gsize scanned = 0;

  for (;;)
    {
      const guint8 *newline = NULL;
      gssize n;

      if (self->buffer->len > scanned)
        newline = memchr (self->buffer->data + scanned, '\n', self->buffer->len - scanned);

      if (newline != NULL)
        return take_line (self, newline - self->buffer->data, TRUE, error);
      scanned = self->buffer->len;
      if (check_cancelled (self, op, error))
        return NULL;
      n = read_more (self, LINE_CHUNK, error);
      if (n < 0)
        return NULL;
      if (n == 0)
        return self->buffer->len > 0 ? take_line (self, self->buffer->len, FALSE, error) : NULL;
    }
}

static GBytes *
op_read_all (GaioFileHandle  *self,
             Op              *op,
             GError         **error)
{
  for (;;)
    {
      gssize n;

      if (check_cancelled (self, op, error))
        return NULL;
      n = read_more (self, READ_MAX, error);
      if (n < 0)
        return NULL;
      if (n == 0)
        return take_buffered (self, self->buffer->len);
    }
}

/* Marks a writing handle failed: later writes and the close report it. */
static void
fail (GaioFileHandle *self,
      const GError   *error)
{
  if (self->failure == NULL)
    self->failure = g_error_copy (error);
  if (self->atomic != NULL)
    g_clear_pointer (&self->atomic, gaio_atomic_file_abort);
}

static gboolean
op_write (GaioFileHandle  *self,
          Op              *op,
          GError         **error)
{
  gsize len;
  const void *data = g_bytes_get_data (op->bytes, &len);
  gboolean ok;

  if (self->failure != NULL)
    {
      g_propagate_error (error, g_error_copy (self->failure));
      return FALSE;
    }

  if (check_cancelled (self, op, error))
    ok = FALSE;
  else if (self->atomic != NULL)
    {
      ok = gaio_atomic_file_write (self->atomic, data, len, op->cancellable, error);
      /* A failed atomic write has removed its temporary file already. */
      if (!ok)
        self->atomic = NULL;
    }
  else
    ok = gaio_file_write_fd (self->fd, data, len, self->path, op->cancellable, error);

  if (!ok)
    fail (self, *error);
  else
    add_position (self, len);
  return ok;
}

static gint64
op_seek (GaioFileHandle  *self,
         Op              *op,
         GError         **error)
{
  gint64 target = op->offset;
  struct stat st;

  if (op->type == G_SEEK_CUR)
    target += get_position (self);
  else if (op->type == G_SEEK_END)
    {
      if (fstat (self->fd, &st) != 0)
        {
          gaio_file_set_errno_error (error, "seek in", self->path, errno);
          return -1;
        }
      target += st.st_size;
    }

  if (target < 0 || lseek (self->fd, target, SEEK_SET) < 0)
    {
      gaio_file_set_errno_error (error, "seek in", self->path, target < 0 ? EINVAL : errno);
      return -1;
    }
  g_byte_array_set_size (self->buffer, 0);
  set_position (self, target);
  return target;
}

static gboolean
op_close (GaioFileHandle  *self,
          Op              *op,
          GError         **error)
{
  gboolean ok = TRUE;

  if (self->closed)
    return TRUE;
  self->closed = TRUE;

  if (self->failure != NULL)
    {
      fail (self, self->failure);
      g_propagate_error (error, g_error_copy (self->failure));
      ok = FALSE;
    }
  else if (self->atomic != NULL)
    ok = gaio_atomic_file_commit (g_steal_pointer (&self->atomic), op->cancellable, error);
  else if (self->mode == GAIO_FILE_MODE_APPEND && (self->flags & GAIO_FILE_WRITE_FSYNC) &&
           fsync (self->fd) != 0)
    {
      gaio_file_set_errno_error (error, "write", self->path, errno);
      ok = FALSE;
    }

  if (self->fd >= 0 && close (self->fd) != 0 && errno != EINTR && ok)
    {
      gaio_file_set_errno_error (error, "close", self->path, errno);
      ok = FALSE;
    }
  self->fd = -1;
  return ok;
}

/* Runs @op, leaving its outcome in @value or @error. */
/* Closes the handle, dropping a writing handle's new version. */
static void
op_abort (GaioFileHandle *self)
{
  self->closed = TRUE;
  g_clear_pointer (&self->atomic, gaio_atomic_file_abort);
  if (self->fd >= 0)
    close (self->fd);
  self->fd = -1;
}

static void
run_op (GaioFileHandle  *self,
        Op              *op,
        GValue          *value,
        GError         **error)
{
  if (self->closed && op->kind != OP_CLOSE && op->kind != OP_ABORT)
    set_error (error, self, op->kind, G_IO_ERROR_CLOSED, "the file is closed");
  else if (op->kind != OP_WRITE && op->kind != OP_CLOSE && op->kind != OP_ABORT &&
           check_cancelled (self, op, error))
    ;
  else
    switch (op->kind)
      {
      case OP_OPEN:
        if (op_open (self, error))
          g_value_set_object (g_value_init (value, GAIO_TYPE_FILE_HANDLE), self);
        else
          self->closed = TRUE;
        break;

      case OP_READ:
      case OP_READ_ALL:
        {
          GBytes *bytes = op->kind == OP_READ ? op_read (self, op, error)
                                              : op_read_all (self, op, error);

          if (bytes != NULL)
            g_value_take_boxed (g_value_init (value, G_TYPE_BYTES), bytes);
        }
        break;

      case OP_READ_LINE:
        {
          char *line = op_read_line (self, op, error);

          if (line != NULL)
            g_value_take_string (g_value_init (value, G_TYPE_STRING), line);
        }
        break;

      case OP_WRITE:
        op_write (self, op, error);
        break;

      case OP_FLUSH:
        if (self->failure != NULL)
          g_propagate_error (error, g_error_copy (self->failure));
        break;

      case OP_SEEK:
        {
          gint64 position = op_seek (self, op, error);

          if (position >= 0)
            g_value_set_int64 (g_value_init (value, G_TYPE_INT64), position);
        }
        break;

      case OP_CLOSE:
        op_close (self, op, error);
        break;

      case OP_ABORT:
        op_abort (self);
        break;

      default:
        g_assert_not_reached ();
      }
}

/* On the owner context: drops the operation's reference to the handle,
 * then settles the future, so that whoever awaited the last outcome holds
 * the only references left. */
static void
op_settle (GaioRunItem *item)
{
  Op *op = (Op *) item;

  g_clear_object (&op->handle);
  gaio_future_settle_result (op->future, &op->value, g_steal_pointer (&op->error));
  op_free (op);
}

/* Runs the handle's queued operations in order, on a worker thread. The
 * outcomes go to the owner context under the lock, so they arrive in the
 * order the operations ran even when a later worker takes over the queue
 * the moment this one lets it go. The drain is never skipped (it has no
 * cancellable): each operation checks its own before it starts. */
static void
drain (gpointer data,
       gboolean skipped)
{
  Shared *shared = data;
  gboolean last = FALSE;

  while (!last)
    {
      Op *op;

      g_mutex_lock (&shared->lock);
      op = g_queue_pop_head (&shared->ops);
      g_mutex_unlock (&shared->lock);

      run_op (op->handle, op, &op->value, &op->error);

      g_mutex_lock (&shared->lock);
      last = g_queue_is_empty (&shared->ops);
      if (last)
        shared->draining = FALSE;
      gaio_scheduler_push (gaio_future_get_scheduler (op->future), &op->item);
      g_mutex_unlock (&shared->lock);
    }

  shared_unref (shared);
}

/* The owner's side. */

static Op *
op_new (OpKind  kind,
        GBytes *bytes)
{
  Op *op = g_new0 (Op, 1);

  op->item.run = op_settle;
  op->kind = kind;
  op->future = gaio_future_new_for_work ();
  op->cancellable = g_object_ref (gaio_future_get_cancellable (op->future));
  op->bytes = bytes != NULL ? g_bytes_ref (bytes) : NULL;
  return op;
}

/* Queues @op (taken) and returns its future; starts a worker on the queue
 * unless one is running it. */
static GaioFuture *
submit_op (GaioFileHandle *self,
           Op             *op)
{
  GaioFuture *future = g_object_ref (op->future);
  gboolean start;

  op->handle = g_object_ref (self);
  g_mutex_lock (&self->shared->lock);
  g_queue_push_tail (&self->shared->ops, op);
  start = !self->shared->draining;
  self->shared->draining = TRUE;
  g_mutex_unlock (&self->shared->lock);

  if (start)
    gaio_executor_push (drain, g_atomic_rc_box_acquire (self->shared), NULL);
  return future;
}

static GaioFuture *
submit (GaioFileHandle *self,
        OpKind          kind,
        GBytes         *bytes)
{
  return submit_op (self, op_new (kind, bytes));
}

/* Hands the gathered small writes to the worker; NULL if there were none. */
static GaioFuture *
submit_pending (GaioFileHandle *self)
{
  g_autoptr(GBytes) bytes = NULL;

  if (self->pending->len == 0)
    return NULL;
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&self->pending));
  self->pending = g_byte_array_new ();
  return submit (self, OP_WRITE, bytes);
}

/* A future already rejected, for an operation the mode does not allow. */
static GaioFuture *
refuse (GaioFileHandle *self,
        OpKind          kind,
        int             code,
        const char     *reason)
{
  GError *error = NULL;

  set_error (&error, self, kind, code, reason);
  return gaio_future_new_rejected (error);
}

static GaioFuture *
check_mode (GaioFileHandle *self,
            OpKind          kind)
{
  gboolean reading = self->mode == GAIO_FILE_MODE_READ;

  if (self->close_started && kind != OP_CLOSE && kind != OP_ABORT)
    return refuse (self, kind, G_IO_ERROR_CLOSED, "the file is closed");
  if ((kind == OP_READ || kind == OP_READ_LINE || kind == OP_READ_ALL || kind == OP_SEEK) &&
      !reading)
    return refuse (self, kind, G_IO_ERROR_NOT_SUPPORTED, "the file is open for writing");
  if ((kind == OP_WRITE || kind == OP_FLUSH) && reading)
    return refuse (self, kind, G_IO_ERROR_NOT_SUPPORTED, "the file is open for reading");
  return NULL;
}

static void
gaio_file_handle_finalize (GObject *object)
{
  GaioFileHandle *self = GAIO_FILE_HANDLE (object);

  /* Never closed: a writing handle leaves the old file as it was. */
  g_clear_pointer (&self->atomic, gaio_atomic_file_abort);
  if (self->fd >= 0)
    close (self->fd);
  g_clear_pointer (&self->pending, g_byte_array_unref);
  g_clear_pointer (&self->buffer, g_byte_array_unref);
  g_clear_error (&self->failure);
  /* Every pending operation holds the handle: the queue is empty. */
  g_clear_pointer (&self->shared, shared_unref);
  g_free (self->path);

  G_OBJECT_CLASS (gaio_file_handle_parent_class)->finalize (object);
}

static void
gaio_file_handle_class_init (GaioFileHandleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gaio_file_handle_finalize;
}

static void
gaio_file_handle_init (GaioFileHandle *self)
{
  self->fd = -1;
  self->pending = g_byte_array_new ();
  self->buffer = g_byte_array_new ();
  self->shared = g_atomic_rc_box_new0 (Shared);
  g_mutex_init (&self->shared->lock);
  g_queue_init (&self->shared->ops);
}

/**
 * gaio_file_handle_open:
 * @path: (type filename): the file
 * @mode: reading, writing (replaced atomically on close) or appending
 * @flags: for writing and appending: %GAIO_FILE_WRITE_FSYNC flushes the
 *   file to disk on close, %GAIO_FILE_WRITE_PRIVATE creates it with mode
 *   0600
 *
 * Opens @path. The future resolves with the [class@Gaio.FileHandle], or is
 * rejected with a `G_IO_ERROR` naming the path (`Could not open /x/y: No
 * such file or directory`).
 *
 * Returns: (transfer full): a future of the handle
 *
 * Since: 0.2
 */
GaioFuture *
gaio_file_handle_open (const char         *path,
                       GaioFileMode        mode,
                       GaioFileWriteFlags  flags)
{
  g_autoptr(GaioFileHandle) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (mode <= GAIO_FILE_MODE_APPEND, NULL);

  self = g_object_new (GAIO_TYPE_FILE_HANDLE, NULL);
  self->path = g_strdup (path);
  self->mode = mode;
  self->flags = flags;
  return submit (self, OP_OPEN, NULL);
}

/**
 * gaio_file_handle_open_async:
 * @path: (type filename): the file
 * @mode: how to open it
 * @flags: for writing and appending
 * @cancellable: (nullable): stops the open
 * @callback: (scope async) (closure user_data): called once it is open
 * @user_data: data for @callback
 *
 * Opens @path, the GIO way; see [func@Gaio.FileHandle.open].
 *
 * Since: 0.2
 */
void
gaio_file_handle_open_async (const char          *path,
                             GaioFileMode         mode,
                             GaioFileWriteFlags   flags,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (path != NULL);

  gaio_waiter_bind_async (NULL, gaio_file_handle_open (path, mode, flags), cancellable,
                          gaio_file_handle_open_async, NULL, callback, user_data);
}

/**
 * gaio_file_handle_open_finish:
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Finishes [func@Gaio.FileHandle.open_async].
 *
 * Returns: (transfer full): the open handle, or %NULL with @error set
 *
 * Since: 0.2
 */
GaioFileHandle *
gaio_file_handle_open_finish (GAsyncResult  *result,
                              GError       **error)
{
  GValue *value = NULL;
  GaioFileHandle *self;

  if (!gaio_waiter_bind_finish (NULL, result, gaio_file_handle_open_async, &value, error))
    return NULL;
  self = g_value_dup_object (value);
  g_boxed_free (G_TYPE_VALUE, value);
  return self;
}

/**
 * gaio_file_handle_get_path:
 * @self: a file handle
 *
 * Gets the path the handle was opened with.
 *
 * Returns: (type filename): the path
 *
 * Since: 0.2
 */
const char *
gaio_file_handle_get_path (GaioFileHandle *self)
{
  g_return_val_if_fail (GAIO_IS_FILE_HANDLE (self), NULL);

  return self->path;
}

/**
 * gaio_file_handle_get_mode:
 * @self: a file handle
 *
 * Gets the mode the handle was opened in.
 *
 * Returns: the mode
 *
 * Since: 0.2
 */
GaioFileMode
gaio_file_handle_get_mode (GaioFileHandle *self)
{
  g_return_val_if_fail (GAIO_IS_FILE_HANDLE (self), GAIO_FILE_MODE_READ);

  return self->mode;
}

/**
 * gaio_file_handle_tell:
 * @self: a file handle
 *
 * Gets the position in the file: for reading, after the reads and seeks
 * that have settled; for writing, after every byte written so far,
 * buffered ones included; for appending, the file's size at the open plus
 * what was written since.
 *
 * Returns: the position, in bytes from the start of the file
 *
 * Since: 0.2
 */
gint64
gaio_file_handle_tell (GaioFileHandle *self)
{
  g_return_val_if_fail (GAIO_IS_FILE_HANDLE (self), -1);

  /* The buffer of small writes belongs to the owner context, where tell()
   * runs. */
  return get_position (self) + self->pending->len;
}

/**
 * gaio_file_handle_read:
 * @self: a handle open for reading
 * @max_bytes: the most to read (at most 1 MiB is read at once)
 *
 * Reads the next bytes. The future resolves with a [struct@GLib.Bytes] of
 * at least one byte and at most @max_bytes, or an empty one at the end of
 * the file.
 *
 * Returns: (transfer full): a future of the bytes
 *
 * Since: 0.2
 */
GaioFuture *
gaio_file_handle_read (GaioFileHandle *self,
                       gsize           max_bytes)
{
  GaioFuture *refused;
  Op *op;

  g_return_val_if_fail (GAIO_IS_FILE_HANDLE (self), NULL);
  g_return_val_if_fail (max_bytes > 0, NULL);

  if ((refused = check_mode (self, OP_READ)) != NULL)
    return refused;
  op = op_new (OP_READ, NULL);
  op->max_bytes = max_bytes;
  return submit_op (self, op);
}

/**
 * gaio_file_handle_read_async:
 * @self: a handle open for reading
 * @max_bytes: the most to read
 * @cancellable: (nullable): stops the read
 * @callback: (scope async) (closure user_data): called with the bytes
 * @user_data: data for @callback
 *
 * Reads the next bytes, the GIO way; see [method@Gaio.FileHandle.read].
 *
 * Since: 0.2
 */
void
gaio_file_handle_read_async (GaioFileHandle      *self,
                             gsize                max_bytes,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (GAIO_IS_FILE_HANDLE (self));

  gaio_waiter_bind_async (self, gaio_file_handle_read (self, max_bytes), cancellable,
                          gaio_file_handle_read_async, NULL, callback, user_data);
}

static GBytes *
finish_bytes (GaioFileHandle  *self,
              GAsyncResult    *result,
              gpointer         tag,
              GError         **error)
{
  GValue *value = NULL;
  GBytes *bytes;

  if (!gaio_waiter_bind_finish (self, result, tag, &value, error))
    return NULL;
  bytes = g_value_dup_boxed (value);
  g_boxed_free (G_TYPE_VALUE, value);
  return bytes;
}

/**
 * gaio_file_handle_read_finish:
 * @self: a file handle
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Finishes [method@Gaio.FileHandle.read_async].
 *
 * Returns: (transfer full): the bytes, empty at the end of the file, or
 *   %NULL with @error set
 *
 * Since: 0.2
 */
GBytes *
gaio_file_handle_read_finish (GaioFileHandle  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  return finish_bytes (self, result, gaio_file_handle_read_async, error);
}

/* Serves the next line straight from the read-ahead when it holds a whole
 * one and no operation is queued or running (the worker's side is then
 * free): reading a file line by line costs one trip to the worker per
 * 64 KiB rather than one per line. NULL when it cannot. */
static GaioFuture *
read_line_buffered (GaioFileHandle *self)
{
  const guint8 *newline = NULL;
  GValue value = G_VALUE_INIT;
  GError *error = NULL;
  GaioFuture *future;
  char *line;

  g_mutex_lock (&self->shared->lock);
  if (!self->shared->draining && !self->closed && self->buffer->len > 0)
    newline = memchr (self->buffer->data, '\n', self->buffer->len);
  /* Holds the worker's side while this thread uses it. */
  if (newline != NULL)
    self->shared->draining = TRUE;
  g_mutex_unlock (&self->shared->lock);

  if (newline == NULL)
    return NULL;
  line = take_line (self, newline - self->buffer->data, TRUE, &error);

  g_mutex_lock (&self->shared->lock);
  self->shared->draining = FALSE;
  g_mutex_unlock (&self->shared->lock);

  if (line == NULL)
    return gaio_future_new_rejected (error);
  g_value_take_string (g_value_init (&value, G_TYPE_STRING), line);
  future = gaio_future_new_resolved (&value);
  g_value_unset (&value);
  return future;
}

/**
 * gaio_file_handle_read_line:
 * @self: a handle open for reading
 *
 * Reads the next line. The future resolves with the line as a string,
 * without its `\n` (a `\r` before it stays), or with no value at the end
 * of the file; a last line without `\n` is returned as it is. It is
 * rejected with `G_IO_ERROR_INVALID_DATA` for a line that is not UTF-8.
 * Memory stays bounded by the longest line plus 64 KiB, whatever the size
 * of the file.
 *
 * Returns: (transfer full): a future of the line
 *
 * Since: 0.2
 */
GaioFuture *
gaio_file_handle_read_line (GaioFileHandle *self)
{
  GaioFuture *refused;
  GaioFuture *buffered;

  g_return_val_if_fail (GAIO_IS_FILE_HANDLE (self), NULL);

  if ((refused = check_mode (self, OP_READ_LINE)) != NULL)
    return refused;
  if ((buffered = read_line_buffered (self)) != NULL)
    return buffered;
  return submit (self, OP_READ_LINE, NULL);
}

/**
 * gaio_file_handle_read_line_async:
 * @self: a handle open for reading
 * @cancellable: (nullable): stops the read
 * @callback: (scope async) (closure user_data): called with the line
 * @user_data: data for @callback
 *
 * Reads the next line, the GIO way; see [method@Gaio.FileHandle.read_line].
 *
 * Since: 0.2
 */
void
gaio_file_handle_read_line_async (GaioFileHandle      *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (GAIO_IS_FILE_HANDLE (self));

  gaio_waiter_bind_async (self, gaio_file_handle_read_line (self), cancellable,
                          gaio_file_handle_read_line_async, NULL, callback, user_data);
}

/**
 * gaio_file_handle_read_line_finish:
 * @self: a file handle
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Finishes [method@Gaio.FileHandle.read_line_async]. %NULL without an
 * error means the end of the file.
 *
 * Returns: (transfer full) (nullable): the line, or %NULL at the end of
 *   the file or with @error set
 *
 * Since: 0.2
 */
char *
gaio_file_handle_read_line_finish (GaioFileHandle  *self,
                                   GAsyncResult    *result,
                                   GError         **error)
{
  GValue *value = NULL;
  char *line = NULL;

  if (!gaio_waiter_bind_finish (self, result, gaio_file_handle_read_line_async, &value, error))
    return NULL;
  if (value != NULL)
    {
      line = g_value_dup_string (value);
      g_boxed_free (G_TYPE_VALUE, value);
    }
  return line;
}

/**
 * gaio_file_handle_read_all:
 * @self: a handle open for reading
 *
 * Reads the rest of the file. The future resolves with a
 * [struct@GLib.Bytes], empty at the end of the file.
 *
 * Returns: (transfer full): a future of the bytes
 *
 * Since: 0.2
 */
GaioFuture *
gaio_file_handle_read_all (GaioFileHandle *self)
{
  GaioFuture *refused;

  g_return_val_if_fail (GAIO_IS_FILE_HANDLE (self), NULL);

  if ((refused = check_mode (self, OP_READ_ALL)) != NULL)
    return refused;
  return submit (self, OP_READ_ALL, NULL);
}

/**
 * gaio_file_handle_read_all_async:
 * @self: a handle open for reading
 * @cancellable: (nullable): stops the read
 * @callback: (scope async) (closure user_data): called with the bytes
 * @user_data: data for @callback
 *
 * Reads the rest of the file, the GIO way; see
 * [method@Gaio.FileHandle.read_all].
 *
 * Since: 0.2
 */
void
gaio_file_handle_read_all_async (GaioFileHandle      *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (GAIO_IS_FILE_HANDLE (self));

  gaio_waiter_bind_async (self, gaio_file_handle_read_all (self), cancellable,
                          gaio_file_handle_read_all_async, NULL, callback, user_data);
}

/**
 * gaio_file_handle_read_all_finish:
 * @self: a file handle
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Finishes [method@Gaio.FileHandle.read_all_async].
 *
 * Returns: (transfer full): the bytes, or %NULL with @error set
 *
 * Since: 0.2
 */
GBytes *
gaio_file_handle_read_all_finish (GaioFileHandle  *self,
                                  GAsyncResult    *result,
                                  GError         **error)
{
  return finish_bytes (self, result, gaio_file_handle_read_all_async, error);
}

/**
 * gaio_file_handle_write:
 * @self: a handle open for writing or appending
 * @bytes: what to write
 *
 * Writes @bytes after what was written before. A write under 64 KiB that
 * fits in the handle's buffer is buffered and its future resolves at once;
 * a larger one goes to the file with the buffer before it, and its future
 * settles once it is written. A failure of either kind makes the handle
 * fail (see [class@Gaio.FileHandle]).
 *
 * Returns: (transfer full): a future, with no value
 *
 * Since: 0.2
 */
GaioFuture *
gaio_file_handle_write (GaioFileHandle *self,
                        GBytes         *bytes)
{
  g_autoptr(GByteArray) joined = NULL;
  g_autoptr(GBytes) all = NULL;
  GaioFuture *refused;
  gsize len;
  const guint8 *data;

  g_return_val_if_fail (GAIO_IS_FILE_HANDLE (self), NULL);
  g_return_val_if_fail (bytes != NULL, NULL);

  if ((refused = check_mode (self, OP_WRITE)) != NULL)
    return refused;

  data = g_bytes_get_data (bytes, &len);
  if (self->pending->len + len < WRITE_BUFFER)
    {
      g_byte_array_append (self->pending, data, len);
      return gaio_future_new_resolved (NULL);
    }

  /* One write to the worker for the buffer and @bytes, in order. */
  joined = g_steal_pointer (&self->pending);
  self->pending = g_byte_array_new ();
  if (joined->len == 0)
    all = g_bytes_ref (bytes);
  else
    {
      g_byte_array_append (joined, data, len);
      all = g_byte_array_free_to_bytes (g_steal_pointer (&joined));
    }
  return submit (self, OP_WRITE, all);
}

/**
 * gaio_file_handle_write_async:
 * @self: a handle open for writing or appending
 * @bytes: what to write
 * @cancellable: (nullable): stops the write
 * @callback: (scope async) (closure user_data): called once it is written
 * @user_data: data for @callback
 *
 * Writes @bytes, the GIO way; see [method@Gaio.FileHandle.write].
 *
 * Since: 0.2
 */
void
gaio_file_handle_write_async (GaioFileHandle      *self,
                              GBytes              *bytes,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (GAIO_IS_FILE_HANDLE (self));

  gaio_waiter_bind_async (self, gaio_file_handle_write (self, bytes), cancellable,
                          gaio_file_handle_write_async, NULL, callback, user_data);
}

/**
 * gaio_file_handle_write_finish:
 * @self: a file handle
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Finishes [method@Gaio.FileHandle.write_async].
 *
 * Returns: %TRUE once written or buffered
 *
 * Since: 0.2
 */
gboolean
gaio_file_handle_write_finish (GaioFileHandle  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  return gaio_waiter_bind_finish (self, result, gaio_file_handle_write_async, NULL, error);
}

/**
 * gaio_file_handle_flush:
 * @self: a handle open for writing or appending
 *
 * Writes the buffer out. The future settles once everything written
 * before has reached the file (for a writing handle, its temporary new
 * version), and is rejected if any of it failed.
 *
 * Returns: (transfer full): a future, with no value
 *
 * Since: 0.2
 */
GaioFuture *
gaio_file_handle_flush (GaioFileHandle *self)
{
  g_autoptr(GaioFuture) written = NULL;
  GaioFuture *refused;

  g_return_val_if_fail (GAIO_IS_FILE_HANDLE (self), NULL);

  if ((refused = check_mode (self, OP_FLUSH)) != NULL)
    return refused;
  /* Its outcome is the flush's: a failure marks the handle failed. */
  written = submit_pending (self);
  if (written != NULL)
    gaio_future_mark_observed (written);
  return submit (self, OP_FLUSH, NULL);
}

/**
 * gaio_file_handle_flush_async:
 * @self: a handle open for writing or appending
 * @cancellable: (nullable): stops waiting
 * @callback: (scope async) (closure user_data): called once flushed
 * @user_data: data for @callback
 *
 * Writes the buffer out, the GIO way; see [method@Gaio.FileHandle.flush].
 *
 * Since: 0.2
 */
void
gaio_file_handle_flush_async (GaioFileHandle      *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (GAIO_IS_FILE_HANDLE (self));

  gaio_waiter_bind_async (self, gaio_file_handle_flush (self), cancellable,
                          gaio_file_handle_flush_async, NULL, callback, user_data);
}

/**
 * gaio_file_handle_flush_finish:
 * @self: a file handle
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Finishes [method@Gaio.FileHandle.flush_async].
 *
 * Returns: %TRUE once everything written so far is in the file
 *
 * Since: 0.2
 */
gboolean
gaio_file_handle_flush_finish (GaioFileHandle  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  return gaio_waiter_bind_finish (self, result, gaio_file_handle_flush_async, NULL, error);
}

/**
 * gaio_file_handle_seek:
 * @self: a handle open for reading
 * @offset: where to go, relative to @type
 * @type: from the start, the current position or the end
 *
 * Moves the reading position. Writing handles cannot seek: their contents
 * are a stream into a new version of the file.
 *
 * Returns: (transfer full): a future of the new position (a `gint64`)
 *
 * Since: 0.2
 */
GaioFuture *
gaio_file_handle_seek (GaioFileHandle *self,
                       gint64          offset,
                       GSeekType       type)
{
  GaioFuture *refused;
  Op *op;

  g_return_val_if_fail (GAIO_IS_FILE_HANDLE (self), NULL);

  if ((refused = check_mode (self, OP_SEEK)) != NULL)
    return refused;
  op = op_new (OP_SEEK, NULL);
  op->offset = offset;
  op->type = type;
  return submit_op (self, op);
}

/**
 * gaio_file_handle_seek_async:
 * @self: a handle open for reading
 * @offset: where to go
 * @type: relative to what
 * @cancellable: (nullable): stops the seek
 * @callback: (scope async) (closure user_data): called with the position
 * @user_data: data for @callback
 *
 * Moves the reading position, the GIO way; see
 * [method@Gaio.FileHandle.seek].
 *
 * Since: 0.2
 */
void
gaio_file_handle_seek_async (GaioFileHandle      *self,
                             gint64               offset,
                             GSeekType            type,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (GAIO_IS_FILE_HANDLE (self));

  gaio_waiter_bind_async (self, gaio_file_handle_seek (self, offset, type), cancellable,
                          gaio_file_handle_seek_async, NULL, callback, user_data);
}

/**
 * gaio_file_handle_seek_finish:
 * @self: a file handle
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Finishes [method@Gaio.FileHandle.seek_async].
 *
 * Returns: the new position, or -1 with @error set
 *
 * Since: 0.2
 */
gint64
gaio_file_handle_seek_finish (GaioFileHandle  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  GValue *value = NULL;
  gint64 position;

  if (!gaio_waiter_bind_finish (self, result, gaio_file_handle_seek_async, &value, error))
    return -1;
  position = g_value_get_int64 (value);
  g_boxed_free (G_TYPE_VALUE, value);
  return position;
}

/**
 * gaio_file_handle_close:
 * @self: a file handle
 *
 * Closes the handle once the operations before have run. For a writing
 * handle, writes the buffer out and renames the new version over the old
 * file (after an fsync with %GAIO_FILE_WRITE_FSYNC); if a write had
 * failed or was cancelled, or the close is cancelled before the rename, it
 * removes the new version instead, leaves the old file, and is rejected.
 * Closing twice is not an error.
 *
 * Returns: (transfer full): a future, with no value
 *
 * Since: 0.2
 */
GaioFuture *
gaio_file_handle_close (GaioFileHandle *self)
{
  g_autoptr(GaioFuture) written = NULL;

  g_return_val_if_fail (GAIO_IS_FILE_HANDLE (self), NULL);

  if (!self->close_started && self->mode != GAIO_FILE_MODE_READ)
    {
      written = submit_pending (self);
      if (written != NULL)
        gaio_future_mark_observed (written);
    }
  self->close_started = TRUE;
  return submit (self, OP_CLOSE, NULL);
}

/**
 * gaio_file_handle_close_async:
 * @self: a file handle
 * @cancellable: (nullable): stops the close before the rename
 * @callback: (scope async) (closure user_data): called once closed
 * @user_data: data for @callback
 *
 * Closes the handle, the GIO way; see [method@Gaio.FileHandle.close].
 *
 * Since: 0.2
 */
void
gaio_file_handle_close_async (GaioFileHandle      *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (GAIO_IS_FILE_HANDLE (self));

  gaio_waiter_bind_async (self, gaio_file_handle_close (self), cancellable,
                          gaio_file_handle_close_async, NULL, callback, user_data);
}

/**
 * gaio_file_handle_close_finish:
 * @self: a file handle
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Finishes [method@Gaio.FileHandle.close_async].
 *
 * Returns: %TRUE once closed (and, for writing, the new version in place)
 *
 * Since: 0.2
 */
gboolean
gaio_file_handle_close_finish (GaioFileHandle  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  return gaio_waiter_bind_finish (self, result, gaio_file_handle_close_async, NULL, error);
}

/**
 * gaio_file_handle_abort:
 * @self: a file handle
 *
 * Closes the handle without keeping what it wrote: a writing handle's new
 * version and buffer are dropped and the old file stays as it was (what
 * Python's `async with` does when its block raises). Other handles just
 * close. Once the operations before have run, the future resolves; it
 * never fails.
 *
 * Returns: (transfer full): a future, with no value
 *
 * Since: 0.2
 */
GaioFuture *
gaio_file_handle_abort (GaioFileHandle *self)
{
  g_return_val_if_fail (GAIO_IS_FILE_HANDLE (self), NULL);

  g_byte_array_set_size (self->pending, 0);
  self->close_started = TRUE;
  return submit (self, OP_ABORT, NULL);
}

/**
 * gaio_file_handle_abort_async:
 * @self: a file handle
 * @cancellable: (nullable): unused: an abort always completes
 * @callback: (scope async) (closure user_data): called once closed
 * @user_data: data for @callback
 *
 * Closes the handle without keeping what it wrote, the GIO way; see
 * [method@Gaio.FileHandle.abort].
 *
 * Since: 0.2
 */
void
gaio_file_handle_abort_async (GaioFileHandle      *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (GAIO_IS_FILE_HANDLE (self));

  gaio_waiter_bind_async (self, gaio_file_handle_abort (self), cancellable,
                          gaio_file_handle_abort_async, NULL, callback, user_data);
}

/**
 * gaio_file_handle_abort_finish:
 * @self: a file handle
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Finishes [method@Gaio.FileHandle.abort_async].
 *
 * Returns: %TRUE once closed
 *
 * Since: 0.2
 */
gboolean
gaio_file_handle_abort_finish (GaioFileHandle  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  return gaio_waiter_bind_finish (self, result, gaio_file_handle_abort_async, NULL, error);
}
