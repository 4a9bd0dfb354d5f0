/* gaio-file.c
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

#include <glib/gstdio.h>

#include "gaio-enums.h"
#include "gaio-executor-private.h"
#include "gaio-file.h"
#include "gaio-file-private.h"
#include "gaio-future-private.h"
#include "gaio-scheduler-private.h"
#include "gaio-waiter-private.h"

/* Whole-file reads and atomic writes.
 *
 * Each operation is one job on a worker thread: open, write, fsync, close
 * and rename happen there back to back, and the job then settles its future
 * once. That is one thread hop per file instead of
 * the several main-loop round trips of GIO's replace-contents, and it lets
 * Gaio own every step of the temp-and-rename dance. GIO 2.74's own
 * g_file_replace_contents_async() is not used: it can leave a partial file
 * at the final name when the disk fills, rename a truncated temporary over
 * the original, and leaves orphan temporary files on cancel. */

/* Cancellation is checked between chunks of this size. */
#define CHUNK_SIZE   (1024 * 1024)

/* Temporary names are ".<name>.XXXXXX~" with <name> cut to this many bytes,
 * so that they stay under NAME_MAX whatever the destination is called. */
#define TEMP_NAME_MAX 200

typedef enum {
  JOB_READ,
  JOB_WRITE,
  JOB_APPEND,
} JobKind;

typedef struct
{
  GaioRunItem         item;     /* settles the future on its owner context */
  JobKind             kind;
  char               *path;
  GBytes             *contents;
  GaioFileWriteFlags  flags;
  GCancellable       *cancellable;
  /* The future, settled on its scheduler with the outcome. */
  GaioFuture         *future;
  GBytes             *bytes;
  GError             *error;
} Job;

struct _GaioAtomicFile
{
  char               *path;
  char               *temp_path;
  GaioFileWriteFlags  flags;
  int                 fd;
};

static const char *
verb_for (JobKind kind)
{
  switch (kind)
    {
    case JOB_READ:
      return "read";
    case JOB_WRITE:
      return "write";
    case JOB_APPEND:
      return "append to";
    default:
      g_assert_not_reached ();
    }
}

/* Sets "Could not <verb> <path>: <strerror>" with the G_IO_ERROR code for
 * @saved_errno. */
void
gaio_file_set_errno_error (GError     **error,
                           const char  *verb,
                           const char  *path,
                           int          saved_errno)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               "Could not %s %s: %s", verb, display, g_strerror (saved_errno));
}

static void
set_errno_error (GError     **error,
                 JobKind      kind,
                 const char  *path,
                 int          saved_errno)
{
  gaio_file_set_errno_error (error, verb_for (kind), path, saved_errno);
}

static gboolean
check_cancelled (GCancellable  *cancellable,
                 JobKind        kind,
                 const char    *path,
                 GError       **error)
{
  g_autofree char *display = NULL;

  if (cancellable == NULL || !g_cancellable_is_cancelled (cancellable))
    return FALSE;

  display = g_filename_display_name (path);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
               "Could not %s %s: Operation was cancelled", verb_for (kind), display);
  return TRUE;
}

/* Writes all of @data to @fd, checking @cancellable between chunks. */
static gboolean
write_all (int            fd,
           const guint8  *data,
           gsize          len,
           gsize         *written,
           JobKind        kind,
           const char    *path,
           GCancellable  *cancellable,
           GError       **error)
{
  while (len > 0)
    {
      gssize n;

      if (check_cancelled (cancellable, kind, path, error))
        return FALSE;

      n = write (fd, data, MIN (len, CHUNK_SIZE));
      if (n < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;
          set_errno_error (error, kind, path, saved_errno);
          return FALSE;
        }
      data += n;
      len -= n;
      if (written != NULL)
        *written += n;
    }

  return TRUE;
}

static void
sync_folder (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  int fd = open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  /* Best effort: some file systems cannot sync a folder (EINVAL), and the
   * rename has happened by now either way. */
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/* Atomic files. */

static void
atomic_file_free (GaioAtomicFile *self)
{
  g_free (self->path);
  g_free (self->temp_path);
  g_free (self);
}

GaioAtomicFile *
gaio_atomic_file_open (const char          *path,
                       GaioFileWriteFlags   flags,
                       GError             **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmpl = NULL;
  GaioAtomicFile *self;
  struct stat st;
  gboolean replacing = FALSE;
  int mode;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  /* Links are replaced, not followed, like g_file_set_contents(): a name
   * inside a download folder must never write through to elsewhere. */
  if (lstat (path, &st) == 0)
    {
      if (S_ISDIR (st.st_mode))
        {
          set_errno_error (error, JOB_WRITE, path, EISDIR);
          return NULL;
        }
      if (S_ISREG (st.st_mode))
        replacing = TRUE;
      else if (!S_ISLNK (st.st_mode))
        {
          g_autofree char *display = g_filename_display_name (path);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                       "Could not write %s: Not a regular file", display);
          return NULL;
        }
    }
  else if (errno != ENOENT)
    {
      set_errno_error (error, JOB_WRITE, path, errno);
      return NULL;
    }

  folder = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  if (strlen (base) > TEMP_NAME_MAX)
    base[TEMP_NAME_MAX] = '\0';
  tmpl = g_strdup_printf ("%s/.%s.XXXXXX~", folder, base);

  mode = (replacing || (flags & GAIO_FILE_WRITE_PRIVATE)) ? 0600 : 0666;
  fd = g_mkstemp_full (tmpl, O_WRONLY | O_CLOEXEC, mode);
  if (fd < 0)
    {
      set_errno_error (error, JOB_WRITE, path, errno);
      return NULL;
    }

  if (replacing)
    {
      /* The old file's owner (only root can give files away) and mode. */
      if ((st.st_uid != geteuid () || st.st_gid != getegid ()) &&
          fchown (fd, st.st_uid, st.st_gid) != 0)
        g_debug ("Could not give %s to its old owner: %s", tmpl, g_strerror (errno));
      if (fchmod (fd, st.st_mode & 07777) != 0)
        {
          int saved_errno = errno;

          close (fd);
          g_unlink (tmpl);
          set_errno_error (error, JOB_WRITE, path, saved_errno);
          return NULL;
        }
    }

  self = g_new0 (GaioAtomicFile, 1);
  self->path = g_strdup (path);
  self->temp_path = g_steal_pointer (&tmpl);
  self->flags = flags;
  self->fd = fd;
  return self;
}

const char *
gaio_atomic_file_get_temp_path (GaioAtomicFile *self)
{
  return self->temp_path;
}

void
gaio_atomic_file_abort (GaioAtomicFile *self)
{
  if (self->fd >= 0)
    close (self->fd);
  g_unlink (self->temp_path);
  atomic_file_free (self);
}

gboolean
gaio_atomic_file_write (GaioAtomicFile  *self,
                        const void      *data,
                        gsize            len,
                        GCancellable    *cancellable,
                        GError         **error)
{
  if (!write_all (self->fd, data, len, NULL, JOB_WRITE, self->path, cancellable, error))
    {
      gaio_atomic_file_abort (self);
      return FALSE;
    }
  return TRUE;
}

gboolean
gaio_atomic_file_commit (GaioAtomicFile  *self,
                         GCancellable    *cancellable,
                         GError         **error)
{
  int fd = self->fd;
  int saved_errno;

  if ((self->flags & GAIO_FILE_WRITE_FSYNC) && fsync (fd) != 0)
    goto failed;

  /* close() reports delayed write errors on some file systems (NFS). */
  self->fd = -1;
  if (close (fd) != 0 && errno != EINTR)
    goto failed;

  /* The last moment a cancel can still leave the old file in place. */
  if (check_cancelled (cancellable, JOB_WRITE, self->path, error))
    {
      gaio_atomic_file_abort (self);
      return FALSE;
    }

  if (rename (self->temp_path, self->path) != 0)
    goto failed;

  if (self->flags & GAIO_FILE_WRITE_FSYNC)
    sync_folder (self->path);

  atomic_file_free (self);
  return TRUE;

failed:
  saved_errno = errno;
  set_errno_error (error, JOB_WRITE, self->path, saved_errno);
  gaio_atomic_file_abort (self);
  return FALSE;
}

/* The jobs. */

static gboolean
job_write (Job     *job,
           GError **error)
{
  GaioAtomicFile *file;
  gsize len;
  const guint8 *data = g_bytes_get_data (job->contents, &len);

  if (check_cancelled (job->cancellable, JOB_WRITE, job->path, error))
    return FALSE;

  file = gaio_atomic_file_open (job->path, job->flags, error);
  if (file == NULL)
    return FALSE;

  return gaio_atomic_file_write (file, data, len, job->cancellable, error) &&
         gaio_atomic_file_commit (file, job->cancellable, error);
}

static int
open_for_append (const char         *path,
                 GaioFileWriteFlags  flags,
                 gboolean           *created)
{
  int mode = (flags & GAIO_FILE_WRITE_PRIVATE) ? 0600 : 0666;

  /* Tell a file made here from one that was there, so a failed append can
   * remove what it created rather than leave a partial new file. */
  for (int attempt = 0; attempt < 16; attempt++)
    {
      int fd = open (path, O_WRONLY | O_APPEND | O_CLOEXEC | O_NOCTTY);

      if (fd >= 0 || errno != ENOENT)
        {
          *created = FALSE;
          return fd;
        }

      fd = open (path, O_WRONLY | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY, mode);
      if (fd >= 0 || errno != EEXIST)
        {
          *created = TRUE;
          return fd;
        }
    }

  errno = EEXIST;
  return -1;
}

static gboolean
job_append (Job     *job,
            GError **error)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (job->contents, &len);
  gboolean created = FALSE;
  gsize written = 0;
  struct stat before;
  struct stat after;
  int fd;

  if (check_cancelled (job->cancellable, JOB_APPEND, job->path, error))
    return FALSE;

  fd = open_for_append (job->path, job->flags, &created);
  if (fd < 0)
    {
      set_errno_error (error, JOB_APPEND, job->path, errno);
      return FALSE;
    }

  if (fstat (fd, &before) != 0)
    {
      set_errno_error (error, JOB_APPEND, job->path, errno);
      close (fd);
      return FALSE;
    }

  if (!write_all (fd, data, len, &written, JOB_APPEND, job->path, job->cancellable, error))
    goto roll_back;
  if ((job->flags & GAIO_FILE_WRITE_FSYNC) && fsync (fd) != 0)
    {
      set_errno_error (error, JOB_APPEND, job->path, errno);
      goto roll_back;
    }
  if (close (fd) != 0 && errno != EINTR)
    {
      set_errno_error (error, JOB_APPEND, job->path, errno);
      return FALSE;
    }
  return TRUE;

roll_back:
  /* Roll back a partial append, unless someone else wrote to the file
   * meanwhile (its size is not the old one plus ours then, and cutting
   * would lose their data). */
  if (S_ISREG (before.st_mode) && fstat (fd, &after) == 0 &&
      after.st_size == before.st_size + (off_t) written)
    {
      if (created)
        g_unlink (job->path);
      else if (ftruncate (fd, before.st_size) != 0)
        g_debug ("Could not roll back %s: %s", job->path, g_strerror (errno));
    }
  close (fd);
  return FALSE;
}

static GBytes *
job_read (Job     *job,
          GError **error)
{
  struct stat st;
  guint8 *buffer;
  gsize capacity;
  gsize len = 0;
  int fd;

  if (check_cancelled (job->cancellable, JOB_READ, job->path, error))
    return NULL;

  fd = open (job->path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0 || fstat (fd, &st) != 0)
    {
      set_errno_error (error, JOB_READ, job->path, errno);
      if (fd >= 0)
        close (fd);
      return NULL;
    }

  if (S_ISDIR (st.st_mode))
    {
      close (fd);
      set_errno_error (error, JOB_READ, job->path, EISDIR);
      return NULL;
    }

  /* One byte more than the size, so a file of the size stat() gave ends in
   * one read plus one read of 0; files that lie about their size (procfs)
   * grow the buffer. */
  capacity = (S_ISREG (st.st_mode) && st.st_size > 0) ? (gsize) st.st_size + 1 : 64 * 1024;
  buffer = g_malloc (capacity);

  for (;;)
    {
      gssize n;

      if (len == capacity)
        {
          capacity *= 2;
          buffer = g_realloc (buffer, capacity);
        }

      if (check_cancelled (job->cancellable, JOB_READ, job->path, error))
        goto failed;

      n = read (fd, buffer + len, MIN (capacity - len, CHUNK_SIZE));
      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          set_errno_error (error, JOB_READ, job->path, errno);
          goto failed;
        }
      if (n == 0)
        break;
      len += n;
    }

  close (fd);
  return g_bytes_new_take (g_realloc (buffer, len), len);

failed:
  close (fd);
  g_free (buffer);
  return NULL;
}

static void
job_free (Job *job)
{
  g_free (job->path);
  g_clear_pointer (&job->contents, g_bytes_unref);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_clear_error (&job->error);
  g_clear_object (&job->cancellable);
  g_clear_object (&job->future);
  g_free (job);
}

/* Runs on the future's owner context, so that the job's reference is gone
 * by the time anyone there sees the future settled. */
static void
job_settle (GaioRunItem *item)
{
  Job *job = (Job *) item;
  GValue value = G_VALUE_INIT;

  if (job->bytes != NULL)
    {
      g_value_init (&value, G_TYPE_BYTES);
      g_value_take_boxed (&value, g_steal_pointer (&job->bytes));
    }
  gaio_future_settle_result (job->future, &value, g_steal_pointer (&job->error));

  job_free (job);
}

/* Runs on a worker of Gaio's pool. A job cancelled while it waited for a
 * worker is skipped: the file was never touched, so "cancelled" is true. */
static void
job_run (gpointer data,
         gboolean skipped)
{
  Job *job = data;

  if (skipped)
    check_cancelled (job->cancellable, job->kind, job->path, &job->error);
  else
    {
      switch (job->kind)
        {
        case JOB_READ:
          job->bytes = job_read (job, &job->error);
          break;

        case JOB_WRITE:
          job_write (job, &job->error);
          break;

        case JOB_APPEND:
          job_append (job, &job->error);
          break;

        default:
          g_assert_not_reached ();
        }
    }

  gaio_scheduler_push (gaio_future_get_scheduler (job->future), &job->item);
}

static Job *
job_new (JobKind             kind,
         const char         *path,
         GBytes             *contents,
         GaioFileWriteFlags  flags)
{
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  job->path = g_strdup (path);
  job->contents = contents ? g_bytes_ref (contents) : NULL;
  job->flags = flags;
  return job;
}

static void
job_push (Job *job)
{
  gaio_executor_push (job_run, job, job->cancellable);
}

gboolean
gaio_file_write_fd (int            fd,
                    const void    *data,
                    gsize          len,
                    const char    *path,
                    GCancellable  *cancellable,
                    GError       **error)
{
  return write_all (fd, data, len, NULL, JOB_WRITE, path, cancellable, error);
}

/* Only local files have the paths that atomic rename needs. */
static GError *
not_local_error (GFile   *file,
                 JobKind  kind)
{
  g_autofree char *uri = g_file_get_uri (file);

  return g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                      "Could not %s %s: only local files are supported",
                      verb_for (kind), uri);
}

static GaioFuture *
start_future (JobKind             kind,
              const char         *path,
              GBytes             *contents,
              GaioFileWriteFlags  flags)
{
  GaioFuture *future = gaio_future_new_for_work ();
  Job *job = job_new (kind, path, contents, flags);

  job->item.run = job_settle;
  job->future = g_object_ref (future);
  job->cancellable = g_object_ref (gaio_future_get_cancellable (future));
  job_push (job);
  return future;
}

/* Reads a file without a local path (resource://, GVfs) through GIO,
 * over the one bridge from a GIO pair to a future. */
static gboolean
load_contents_finish (GObject       *source,
                      GAsyncResult  *result,
                      GValue        *value,
                      GError       **error)
{
  char *contents;
  gsize len;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &len, NULL, error))
    {
      g_autofree char *uri = g_file_get_uri (G_FILE (source));

      g_prefix_error (error, "Could not read %s: ", uri);
      return FALSE;
    }
  g_value_init (value, G_TYPE_BYTES);
  g_value_take_boxed (value, g_bytes_new_take (contents, len));
  return TRUE;
}

/* The future twins of the pairs, for a GFile. */
static GaioFuture *
start_future_for_file (JobKind             kind,
                       GFile              *file,
                       GBytes             *contents,
                       GaioFileWriteFlags  flags)
{
  GaioFuture *future;
  GAsyncReadyCallback callback;
  gpointer user_data;

  if (g_file_peek_path (file) != NULL)
    return start_future (kind, g_file_peek_path (file), contents, flags);

  if (kind != JOB_READ)
    return gaio_future_new_rejected (not_local_error (file, kind));

  future = gaio_future_new_for_async (load_contents_finish, &callback, &user_data);
  g_file_load_contents_async (file, gaio_future_get_cancellable (future), callback, user_data);
  return future;
}

/* The pairs: like GIO's own, a cancellable cancelled before the call
 * starts nothing (a job already running would finish its write). */
static void
start_pair (JobKind              kind,
            GFile               *file,
            GBytes              *contents,
            GaioFileWriteFlags   flags,
            GCancellable        *cancellable,
            gpointer             source_tag,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_parse_name (file);
  GaioFuture *future;

  if (check_cancelled (cancellable, kind, name, &error))
    future = gaio_future_new_rejected (g_steal_pointer (&error));
  else
    future = start_future_for_file (kind, file, contents, flags);
  gaio_waiter_bind_async (NULL, future, cancellable, source_tag, NULL, callback, user_data);
}

/**
 * gaio_file_read:
 * @file: the file to read
 *
 * Reads all of @file. The returned future resolves with a [struct@GLib.Bytes]
 * holding the contents, or is rejected with a `G_IO_ERROR` whose message
 * names the file (`Could not read /x/y: No such file or directory`).
 *
 * Local files are read on a worker thread, in one go; other files (such as
 * `resource://` ones) through [method@Gio.File.load_contents_async].
 * Cancelling the future stops the read.
 *
 * Call it from the thread that owns the future's context.
 *
 * Returns: (transfer full): a new future
 */
GaioFuture *
gaio_file_read (GFile *file)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return start_future_for_file (JOB_READ, file, NULL, 0);
}

/**
 * gaio_file_read_path:
 * @path: (type filename): the path of the file to read
 *
 * Reads all of the file at @path, like [func@Gaio.file_read].
 *
 * Returns: (transfer full): a new future resolving with a [struct@GLib.Bytes]
 */
GaioFuture *
gaio_file_read_path (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);

  return start_future (JOB_READ, path, NULL, 0);
}

/**
 * gaio_file_read_async:
 * @file: the file to read
 * @cancellable: (nullable): stops the read
 * @callback: (scope async) (closure user_data): called when the read is done
 * @user_data: data for @callback
 *
 * Reads all of @file, the GIO way: [func@Gaio.file_read] for bindings,
 * whose `await` turns this pair into a coroutine call. @callback runs on
 * the thread-default main context of the caller.
 */
void
gaio_file_read_async (GFile               *file,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  start_pair (JOB_READ, file, NULL, 0, cancellable, gaio_file_read_async, callback, user_data);
}

/**
 * gaio_file_read_finish:
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Finishes [func@Gaio.file_read_async].
 *
 * Returns: (transfer full): the contents, or %NULL with @error set
 */
GBytes *
gaio_file_read_finish (GAsyncResult  *result,
                       GError       **error)
{
  GValue *value = NULL;
  GBytes *bytes;

  if (!gaio_waiter_bind_finish (NULL, result, gaio_file_read_async, &value, error))
    return NULL;
  bytes = g_value_dup_boxed (value);
  g_boxed_free (G_TYPE_VALUE, value);
  return bytes;
}

/**
 * gaio_file_write:
 * @file: the file to replace
 * @contents: the new contents
 * @flags: how to write
 *
 * Replaces the contents of @file atomically: readers see the old contents
 * or the new ones, never a mix, and a failure leaves the old file exactly
 * as it was.
 *
 * The data goes to a new temporary file in the same folder (a unique
 * hidden name, created exclusively, with the old file's mode or 0666 less
 * the umask), which is written, optionally flushed to disk
 * (%GAIO_FILE_WRITE_FSYNC), closed and then renamed over @file. On any
 * error or cancel the temporary file is removed. A symbolic link at @file
 * is replaced, not followed.
 *
 * The future resolves with no value, or is rejected with a `G_IO_ERROR`
 * that names the file: `Could not write /x/y: No space left on device`.
 * Cancelling it stops the write; it then settles as cancelled once the
 * temporary file is gone, or resolves if the rename had already happened.
 * Only local files are supported (`G_IO_ERROR_NOT_SUPPORTED` otherwise).
 *
 * Returns: (transfer full): a new future
 */
GaioFuture *
gaio_file_write (GFile              *file,
                 GBytes             *contents,
                 GaioFileWriteFlags  flags)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (contents != NULL, NULL);

  return start_future_for_file (JOB_WRITE, file, contents, flags);
}

/**
 * gaio_file_write_path:
 * @path: (type filename): the path of the file to replace
 * @contents: the new contents
 * @flags: how to write
 *
 * Replaces the file at @path atomically, like [func@Gaio.file_write].
 *
 * Returns: (transfer full): a new future
 */
GaioFuture *
gaio_file_write_path (const char         *path,
                      GBytes             *contents,
                      GaioFileWriteFlags  flags)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (contents != NULL, NULL);

  return start_future (JOB_WRITE, path, contents, flags);
}

/**
 * gaio_file_write_async:
 * @file: the file to replace
 * @contents: the new contents
 * @flags: how to write
 * @cancellable: (nullable): stops the write
 * @callback: (scope async) (closure user_data): called when the write is done
 * @user_data: data for @callback
 *
 * Replaces the contents of @file atomically, the GIO way; see
 * [func@Gaio.file_write] for the guarantees.
 */
void
gaio_file_write_async (GFile               *file,
                       GBytes              *contents,
                       GaioFileWriteFlags   flags,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (contents != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  start_pair (JOB_WRITE, file, contents, flags, cancellable, gaio_file_write_async, callback,
              user_data);
}

/**
 * gaio_file_write_finish:
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Finishes [func@Gaio.file_write_async].
 *
 * Returns: %TRUE if the file was replaced; %FALSE with @error set otherwise,
 *   in which case the old file is untouched
 */
gboolean
gaio_file_write_finish (GAsyncResult  *result,
                        GError       **error)
{
  return gaio_waiter_bind_finish (NULL, result, gaio_file_write_async, NULL, error);
}

/**
 * gaio_file_append:
 * @file: the file to append to
 * @contents: the data to add at the end
 * @flags: how to write
 *
 * Appends @contents to @file, creating it (0666 less the umask, or 0600
 * with %GAIO_FILE_WRITE_PRIVATE) if needed, in one `O_APPEND` job on a
 * worker thread.
 *
 * Appending is not a replacement, so it is not atomic in the same way, but
 * it loses nothing: if the write fails or is cancelled half-way, the file is
 * cut back to its old length (or removed, if this call created it), unless
 * another writer appended to it meanwhile.
 *
 * Returns: (transfer full): a new future that resolves with no value
 */
GaioFuture *
gaio_file_append (GFile              *file,
                  GBytes             *contents,
                  GaioFileWriteFlags  flags)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (contents != NULL, NULL);

  return start_future_for_file (JOB_APPEND, file, contents, flags);
}

/**
 * gaio_file_append_path:
 * @path: (type filename): the path of the file to append to
 * @contents: the data to add at the end
 * @flags: how to write
 *
 * Appends to the file at @path, like [func@Gaio.file_append].
 *
 * Returns: (transfer full): a new future
 */
GaioFuture *
gaio_file_append_path (const char         *path,
                       GBytes             *contents,
                       GaioFileWriteFlags  flags)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (contents != NULL, NULL);

  return start_future (JOB_APPEND, path, contents, flags);
}

/**
 * gaio_file_append_async:
 * @file: the file to append to
 * @contents: the data to add at the end
 * @flags: how to write
 * @cancellable: (nullable): stops the append
 * @callback: (scope async) (closure user_data): called when the append is done
 * @user_data: data for @callback
 *
 * Appends to @file, the GIO way; see [func@Gaio.file_append].
 */
void
gaio_file_append_async (GFile               *file,
                        GBytes              *contents,
                        GaioFileWriteFlags   flags,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (contents != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  start_pair (JOB_APPEND, file, contents, flags, cancellable, gaio_file_append_async, callback,
              user_data);
}

/**
 * gaio_file_append_finish:
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Finishes [func@Gaio.file_append_async].
 *
 * Returns: %TRUE if all of the data was appended
 */
gboolean
gaio_file_append_finish (GAsyncResult  *result,
                         GError       **error)
{
  return gaio_waiter_bind_finish (NULL, result, gaio_file_append_async, NULL, error);
}
