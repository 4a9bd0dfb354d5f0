/* test-file.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "test-utils.h"
#include "gaio-file-private.h"

#define WAIT_MS 10000

typedef struct
{
  char     *dir;
  gboolean  owned;
} Fixture;

/* A child of g_test_trap_subprocess() works in its parent's folder (named
 * in the environment it inherits), which the parent removes: the child may
 * have dropped its privileges or mounted a file system over a subfolder. */
#define DIR_ENV "GAIO_TEST_FILE_DIR"

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (g_test_subprocess () && g_getenv (DIR_ENV) != NULL)
    {
      fixture->dir = g_strdup (g_getenv (DIR_ENV));
      return;
    }

  fixture->dir = g_dir_make_tmp ("gaio-file-XXXXXX", &error);
  fixture->owned = TRUE;
  g_assert_no_error (error);
  /* Traversable by the unprivileged user of the permission test. */
  g_assert_no_errno (g_chmod (fixture->dir, 0755));
  g_setenv (DIR_ENV, fixture->dir, TRUE);
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      remove_tree (child);
    }
  g_dir_close (dir);
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->owned)
    {
      remove_tree (fixture->dir);
      g_unsetenv (DIR_ENV);
    }
  g_free (fixture->dir);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @dir, sorted and joined by spaces: shows any stray
 * temporary file in an assertion message. */
static char *
list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, (gpointer) name);
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static void
assert_file_contents (const char *path,
                      const char *expected)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, expected);
}

static void
write_plain (const char *path,
             const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

/* Waits for @future and returns its error, or NULL if it resolved. */
static GError *
settle (GaioFuture *future)
{
  GError *error = NULL;

  gaio_test_wait_for_future (future, WAIT_MS);
  gaio_future_propagate (future, &error);
  return error;
}

static GBytes *
bytes_new_filled (gsize size,
                  char  fill)
{
  char *data = g_malloc (size);

  memset (data, fill, size);
  return g_bytes_new_take (data, size);
}

static void
async_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **slot)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_MS * 1000;

  while (*slot == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (500);
    }
  return *slot;
}

static void
test_file_round_trip (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "round-trip.txt", NULL);
  g_autofree char *empty_path = g_build_filename (fixture->dir, "empty", NULL);
  g_autoptr(GBytes) text = g_bytes_new_static ("hello, files", 12);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) big = bytes_new_filled (3 * 1024 * 1024 + 7, 'b');
  g_autoptr(GaioFuture) write = gaio_file_write_path (path, text, GAIO_FILE_WRITE_FSYNC);
  g_autoptr(GaioFuture) read = NULL;
  g_autoptr(GaioFuture) write_empty = NULL;
  g_autoptr(GaioFuture) read_empty = NULL;
  g_autoptr(GaioFuture) write_big = NULL;
  g_autoptr(GaioFuture) read_big = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;
  const GValue *value;

  error = settle (write);
  g_assert_no_error (error);
  g_assert_null (gaio_future_get_value (write));

  read = gaio_file_read (file);
  error = settle (read);
  g_assert_no_error (error);
  value = gaio_future_get_value (read);
  g_assert_true (G_VALUE_HOLDS (value, G_TYPE_BYTES));
  g_assert_true (g_bytes_equal (g_value_get_boxed (value), text));

  write_empty = gaio_file_write_path (empty_path, empty, GAIO_FILE_WRITE_NONE);
  error = settle (write_empty);
  g_assert_no_error (error);
  read_empty = gaio_file_read_path (empty_path);
  error = settle (read_empty);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (g_value_get_boxed (gaio_future_get_value (read_empty))), ==, 0);

  write_big = gaio_file_write (file, big, GAIO_FILE_WRITE_NONE);
  error = settle (write_big);
  g_assert_no_error (error);
  read_big = gaio_file_read (file);
  error = settle (read_big);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (g_value_get_boxed (gaio_future_get_value (read_big)), big));

  listing = list_dir (fixture->dir);
  g_assert_cmpstr (listing, ==, "empty round-trip.txt");

  g_assert_finalize_object (g_steal_pointer (&write));
  g_assert_finalize_object (g_steal_pointer (&read));
  g_assert_finalize_object (g_steal_pointer (&write_big));
  g_assert_finalize_object (g_steal_pointer (&read_big));
}

static void
test_file_async_pair (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "pair.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) text = g_bytes_new_static ("pair", 4);
  g_autoptr(GBytes) more = g_bytes_new_static ("+more", 5);
  g_autoptr(GBytes) read = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  gaio_file_write_async (file, text, GAIO_FILE_WRITE_NONE, NULL, async_result_cb, &result);
  g_assert_true (gaio_file_write_finish (wait_for_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  gaio_file_append_async (file, more, GAIO_FILE_WRITE_FSYNC, NULL, async_result_cb, &result);
  g_assert_true (gaio_file_append_finish (wait_for_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  gaio_file_read_async (file, NULL, async_result_cb, &result);
  read = gaio_file_read_finish (wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (read, NULL), g_bytes_get_size (read), "pair+more", 9);
  g_clear_object (&result);

  /* Cancelled before it starts: nothing happens, and the pair says so. */
  g_cancellable_cancel (cancellable);
  gaio_file_write_async (file, more, GAIO_FILE_WRITE_NONE, cancellable, async_result_cb, &result);
  g_assert_false (gaio_file_write_finish (wait_for_result (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);
  g_clear_object (&result);
  assert_file_contents (path, "pair+more");

  gaio_file_read_async (file, cancellable, async_result_cb, &result);
  g_assert_null (gaio_file_read_finish (wait_for_result (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_object (&result);

  gaio_file_append_async (file, more, GAIO_FILE_WRITE_NONE, cancellable, async_result_cb, &result);
  g_assert_false (gaio_file_append_finish (wait_for_result (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_object (&result);
  assert_file_contents (path, "pair+more");
}

static void
test_file_overwrite (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "page.html", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;
  GaioAtomicFile *atomic;

  write_plain (path, "old");

  /* The old contents stay in place until the rename. */
  atomic = gaio_atomic_file_open (path, GAIO_FILE_WRITE_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (gaio_atomic_file_get_temp_path (atomic), fixture->dir));
  g_assert_true (gaio_atomic_file_write (atomic, "new contents", 12, NULL, &error));
  g_assert_no_error (error);
  assert_file_contents (path, "old");
  listing = list_dir (fixture->dir);
  g_assert_cmpuint (strlen (listing), >, strlen ("page.html"));
  g_assert_true (gaio_atomic_file_commit (atomic, NULL, &error));
  g_assert_no_error (error);
  assert_file_contents (path, "new contents");
  g_free (listing);
  listing = list_dir (fixture->dir);
  g_assert_cmpstr (listing, ==, "page.html");

  /* An aborted write leaves the old file and nothing else. */
  atomic = gaio_atomic_file_open (path, GAIO_FILE_WRITE_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (gaio_atomic_file_write (atomic, "doomed", 6, NULL, &error));
  gaio_atomic_file_abort (atomic);
  assert_file_contents (path, "new contents");
  g_free (listing);
  listing = list_dir (fixture->dir);
  g_assert_cmpstr (listing, ==, "page.html");
}

static void
test_file_mode (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *kept = g_build_filename (fixture->dir, "kept", NULL);
  g_autofree char *fresh = g_build_filename (fixture->dir, "fresh", NULL);
  g_autofree char *private = g_build_filename (fixture->dir, "private", NULL);
  g_autoptr(GBytes) text = g_bytes_new_static ("x", 1);
  g_autoptr(GaioFuture) f1 = NULL;
  g_autoptr(GaioFuture) f2 = NULL;
  g_autoptr(GaioFuture) f3 = NULL;
  g_autoptr(GError) error = NULL;
  mode_t mask = umask (022);
  GStatBuf st;

  write_plain (kept, "old");
  g_assert_no_errno (g_chmod (kept, 0640));

  f1 = gaio_file_write_path (kept, text, GAIO_FILE_WRITE_NONE);
  f2 = gaio_file_write_path (fresh, text, GAIO_FILE_WRITE_NONE);
  f3 = gaio_file_write_path (private, text, GAIO_FILE_WRITE_PRIVATE);
  error = settle (f1);
  g_assert_no_error (error);
  error = settle (f2);
  g_assert_no_error (error);
  error = settle (f3);
  g_assert_no_error (error);
  umask (mask);

  g_assert_no_errno (g_stat (kept, &st));
  g_assert_cmpint (st.st_mode & 07777, ==, 0640);
  g_assert_no_errno (g_stat (fresh, &st));
  g_assert_cmpint (st.st_mode & 07777, ==, 0644);
  g_assert_no_errno (g_stat (private, &st));
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);
}

static void
test_file_symlink (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *target = g_build_filename (fixture->dir, "target", NULL);
  g_autofree char *link = g_build_filename (fixture->dir, "link", NULL);
  g_autoptr(GBytes) text = g_bytes_new_static ("new", 3);
  g_autoptr(GaioFuture) future = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  /* A link is replaced, never written through. */
  write_plain (target, "target");
  g_assert_no_errno (symlink (target, link));
  future = gaio_file_write_path (link, text, GAIO_FILE_WRITE_NONE);
  error = settle (future);
  g_assert_no_error (error);
  assert_file_contents (target, "target");
  assert_file_contents (link, "new");
  g_assert_no_errno (g_lstat (link, &st));
  g_assert_true (S_ISREG (st.st_mode));
}

static void
test_file_errors (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fixture->dir, "no", "such", "folder", "file", NULL);
  g_autofree char *absent = g_build_filename (fixture->dir, "absent.txt", NULL);
  g_autoptr(GBytes) text = g_bytes_new_static ("x", 1);
  g_autoptr(GaioFuture) write = gaio_file_write_path (missing, text, GAIO_FILE_WRITE_NONE);
  g_autoptr(GaioFuture) append = gaio_file_append_path (missing, text, GAIO_FILE_WRITE_NONE);
  g_autoptr(GaioFuture) read = gaio_file_read_path (absent);
  g_autoptr(GaioFuture) read_dir = gaio_file_read_path (fixture->dir);
  g_autoptr(GaioFuture) write_dir = gaio_file_write_path (fixture->dir, text, GAIO_FILE_WRITE_NONE);
  g_autoptr(GaioFuture) write_device = gaio_file_write_path ("/dev/null", text, GAIO_FILE_WRITE_NONE);
  g_autoptr(GFile) remote = g_file_new_for_uri ("resource:///org/gaio/none");
  g_autoptr(GaioFuture) write_remote = gaio_file_write (remote, text, GAIO_FILE_WRITE_NONE);
  g_autoptr(GaioFuture) read_remote = gaio_file_read (remote);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;

  error = settle (write);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  expected = g_strdup_printf ("Could not write %s: %s", missing, g_strerror (ENOENT));
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  error = settle (append);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, "Could not append to "));
  g_clear_error (&error);

  error = settle (read);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_free (expected);
  expected = g_strdup_printf ("Could not read %s: %s", absent, g_strerror (ENOENT));
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  error = settle (read_dir);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_clear_error (&error);

  error = settle (write_dir);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_assert_nonnull (strstr (error->message, fixture->dir));
  g_clear_error (&error);

  error = settle (write_device);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_assert_nonnull (strstr (error->message, "/dev/null"));
  g_clear_error (&error);

  error = settle (write_remote);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_nonnull (strstr (error->message, "resource:///org/gaio/none"));
  g_clear_error (&error);

  error = settle (read_remote);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "resource:///org/gaio/none"));
  g_clear_error (&error);

  g_assert_finalize_object (g_steal_pointer (&write));
  g_assert_finalize_object (g_steal_pointer (&read));
}

static void
test_file_concurrent (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "shared.bin", NULL);
  g_autoptr(GPtrArray) versions = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) futures = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GBytes) on_disk = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  write_plain (path, "v");
  g_ptr_array_add (versions, g_bytes_new_static ("v", 1));

  /* Writers and readers race on one path: every read sees one whole
   * version, and the end state is one whole version. */
  for (int i = 0; i < 24; i++)
    {
      GBytes *version = bytes_new_filled (1000 * (i + 1) + i, 'a' + i);

      g_ptr_array_add (versions, version);
      g_ptr_array_add (futures, gaio_file_write_path (path, version, GAIO_FILE_WRITE_NONE));
      g_ptr_array_add (futures, gaio_file_read_path (path));
    }

  for (guint i = 0; i < futures->len; i++)
    {
      GaioFuture *future = g_ptr_array_index (futures, i);
      g_autoptr(GError) error = settle (future);
      const GValue *value;
      gboolean found = FALSE;

      g_assert_no_error (error);
      value = gaio_future_get_value (future);
      if (value == NULL)
        continue;
      for (guint v = 0; v < versions->len && !found; v++)
        found = g_bytes_equal (g_value_get_boxed (value), g_ptr_array_index (versions, v));
      g_assert_true (found);
    }

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  on_disk = g_bytes_new_take (g_steal_pointer (&contents), len);
  {
    gboolean found = FALSE;

    for (guint v = 1; v < versions->len && !found; v++)
      found = g_bytes_equal (on_disk, g_ptr_array_index (versions, v));
    g_assert_true (found);
  }
  listing = list_dir (fixture->dir);
  g_assert_cmpstr (listing, ==, "shared.bin");
}

static void
test_file_cancel (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "keep.txt", NULL);
  g_autoptr(GBytes) big = bytes_new_filled (64 * 1024 * 1024, 'z');
  gboolean cancelled = FALSE;

  write_plain (path, "old");

  /* The worker races the cancel; a write that won the race must have
   * replaced the file completely. Try until a cancel lands mid-write. */
  for (int attempt = 0; attempt < 5 && !cancelled; attempt++)
    {
      g_autoptr(GaioFuture) future = gaio_file_write_path (path, big, GAIO_FILE_WRITE_NONE);
      g_autoptr(GError) error = NULL;
      g_autofree char *listing = NULL;
      GStatBuf st;

      g_assert_true (gaio_future_cancel (future));
      error = settle (future);
      listing = list_dir (fixture->dir);
      g_assert_cmpstr (listing, ==, "keep.txt");
      if (error != NULL)
        {
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
          g_assert_true (gaio_future_is_cancelled (future));
          g_assert_nonnull (strstr (error->message, path));
          assert_file_contents (path, "old");
          cancelled = TRUE;
        }
      else
        {
          g_assert_no_errno (g_stat (path, &st));
          g_assert_cmpint (st.st_size, ==, g_bytes_get_size (big));
          write_plain (path, "old");
        }
      g_assert_finalize_object (g_steal_pointer (&future));
    }
  g_assert_true (cancelled);
}

static void
test_file_append (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "log.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) one = g_bytes_new_static ("one\n", 4);
  g_autoptr(GBytes) two = g_bytes_new_static ("two\n", 4);
  g_autoptr(GaioFuture) first = gaio_file_append (file, one, GAIO_FILE_WRITE_NONE);
  g_autoptr(GaioFuture) second = NULL;
  g_autoptr(GError) error = NULL;

  error = settle (first);
  g_assert_no_error (error);
  second = gaio_file_append (file, two, GAIO_FILE_WRITE_FSYNC);
  error = settle (second);
  g_assert_no_error (error);
  assert_file_contents (path, "one\ntwo\n");
}

/* Disk full. A child process gets a 64 KiB tmpfs of its own through a user
 * and mount namespace; where namespaces are not allowed it limits its file
 * size instead (RLIMIT_FSIZE with SIGXFSZ ignored, so write() fails with
 * EFBIG). Either way the writes below cannot fit. /Gaio/File/file-size-limit
 * always takes the second way. */

static gboolean
write_proc (const char *path,
            const char *text)
{
  int fd = open (path, O_WRONLY | O_CLOEXEC);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = write (fd, text, strlen (text)) == (gssize) strlen (text);
  close (fd);
  return ok;
}

static gboolean
mount_small_tmpfs (const char *dir)
{
  uid_t uid = geteuid ();
  gid_t gid = getegid ();
  g_autofree char *uid_map = g_strdup_printf ("0 %u 1", (unsigned) uid);
  g_autofree char *gid_map = g_strdup_printf ("0 %u 1", (unsigned) gid);

  if (unshare (CLONE_NEWUSER | CLONE_NEWNS) != 0)
    {
      g_printerr ("unshare: %s\n", g_strerror (errno));
      return FALSE;
    }
  if (!write_proc ("/proc/self/setgroups", "deny") ||
      !write_proc ("/proc/self/uid_map", uid_map) ||
      !write_proc ("/proc/self/gid_map", gid_map))
    {
      g_printerr ("user namespace maps: %s\n", g_strerror (errno));
      return FALSE;
    }
  if (mount ("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
    {
      g_printerr ("mount --make-rprivate: %s\n", g_strerror (errno));
      return FALSE;
    }
  if (mount ("tmpfs", dir, "tmpfs", 0, "size=64k,mode=0755") != 0)
    {
      g_printerr ("mount tmpfs: %s\n", g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

static void
assert_full (GError     *error,
             const char *path)
{
  g_assert_nonnull (error);
  g_assert_true (error->domain == G_IO_ERROR);
  /* ENOSPC on the small tmpfs; EFBIG (G_IO_ERROR_FAILED in GLib 2.74) with
   * the file-size limit. */
  g_assert_true (error->code == G_IO_ERROR_NO_SPACE || error->code == G_IO_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, path));
}

static void
test_file_disk_full (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *full = g_build_filename (fixture->dir, "full", NULL);

  if (g_test_subprocess ())
    {
      g_autofree char *fresh = g_build_filename (full, "fresh.bin", NULL);
      g_autofree char *old = g_build_filename (full, "old.txt", NULL);
      g_autoptr(GBytes) big = bytes_new_filled (256 * 1024, 'f');
      g_autoptr(GaioFuture) create = NULL;
      g_autoptr(GaioFuture) replace = NULL;
      g_autoptr(GaioFuture) synced = NULL;
      g_autoptr(GaioFuture) append = NULL;
      g_autoptr(GaioFuture) append_new = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *listing = NULL;

      if (data == NULL && mount_small_tmpfs (full))
        {
          g_printerr ("disk full through a 64 KiB tmpfs\n");
        }
      else
        {
          struct rlimit limit = { 64 * 1024, 64 * 1024 };

          signal (SIGXFSZ, SIG_IGN);
          g_assert_no_errno (setrlimit (RLIMIT_FSIZE, &limit));
          g_printerr ("disk full through RLIMIT_FSIZE\n");
        }

      write_plain (old, "old contents");

      create = gaio_file_write_path (fresh, big, GAIO_FILE_WRITE_NONE);
      error = settle (create);
      assert_full (error, fresh);
      g_clear_error (&error);

      replace = gaio_file_write_path (old, big, GAIO_FILE_WRITE_NONE);
      error = settle (replace);
      assert_full (error, old);
      g_clear_error (&error);

      synced = gaio_file_write_path (old, big, GAIO_FILE_WRITE_FSYNC);
      error = settle (synced);
      assert_full (error, old);
      g_clear_error (&error);

      append = gaio_file_append_path (old, big, GAIO_FILE_WRITE_NONE);
      error = settle (append);
      assert_full (error, old);
      g_clear_error (&error);

      /* A file that a failed append created is removed again. */
      append_new = gaio_file_append_path (fresh, big, GAIO_FILE_WRITE_NONE);
      error = settle (append_new);
      assert_full (error, fresh);
      g_clear_error (&error);

      assert_file_contents (old, "old contents");
      listing = list_dir (full);
      g_assert_cmpstr (listing, ==, "old.txt");
      return;
    }

  g_assert_no_errno (g_mkdir (full, 0755));
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*disk full through*");
}

/* Permission denied. Tests run as root in CI, so a child drops to nobody
 * against a root-owned folder and file; a normal user needs no child. */

static void
check_permission_denied (const char *locked)
{
  g_autofree char *fresh = g_build_filename (locked, "fresh", NULL);
  g_autofree char *secret = g_build_filename (locked, "secret", NULL);
  g_autoptr(GBytes) text = g_bytes_new_static ("x", 1);
  g_autoptr(GaioFuture) create = gaio_file_write_path (fresh, text, GAIO_FILE_WRITE_NONE);
  g_autoptr(GaioFuture) replace = gaio_file_write_path (secret, text, GAIO_FILE_WRITE_NONE);
  g_autoptr(GaioFuture) read = gaio_file_read_path (secret);
  g_autoptr(GaioFuture) append = gaio_file_append_path (secret, text, GAIO_FILE_WRITE_NONE);
  g_autoptr(GError) error = NULL;

  error = settle (create);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_nonnull (strstr (error->message, fresh));
  g_clear_error (&error);

  error = settle (replace);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_nonnull (strstr (error->message, secret));
  g_clear_error (&error);

  error = settle (read);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_nonnull (strstr (error->message, secret));
  g_clear_error (&error);

  error = settle (append);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
}

static void
test_file_permission_denied (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *locked = g_build_filename (fixture->dir, "locked", NULL);
  g_autofree char *secret = g_build_filename (locked, "secret", NULL);
  g_autofree char *listing = NULL;

  if (!g_test_subprocess ())
    {
      g_assert_no_errno (g_mkdir (locked, 0755));
      write_plain (secret, "secret");
      g_assert_no_errno (g_chmod (secret, 0600));
    }

  if (geteuid () != 0)
    {
      g_assert_no_errno (g_chmod (locked, 0555));
      g_assert_no_errno (g_chmod (secret, 0400));
      check_permission_denied (locked);
      g_assert_no_errno (g_chmod (locked, 0755));
    }
  else if (g_test_subprocess ())
    {
      g_assert_no_errno (setgroups (0, NULL));
      g_assert_no_errno (setgid (65534));
      g_assert_no_errno (setuid (65534));
      check_permission_denied (locked);
      return;
    }
  else
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
    }

  assert_file_contents (secret, "secret");
  listing = list_dir (locked);
  g_assert_cmpstr (listing, ==, "secret");
}

/* File jobs run on Gaio's one worker pool, under its bound. With the bound
 * at 1 and its slot held, a write waits behind the job queued before it,
 * and a write cancelled while it waits settles at once, file untouched,
 * while the slot is still held. */

static void
exists_func (GaioFuture   *future,
             GCancellable *cancellable,
             gpointer      user_data)
{
  gaio_future_resolve_boolean (future, g_file_test (user_data, G_FILE_TEST_EXISTS));
}

static void
test_file_pool_bound (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "queued.txt", NULL);
  g_autofree char *dropped = g_build_filename (fixture->dir, "dropped.txt", NULL);
  g_autoptr(GBytes) contents = g_bytes_new_static ("queued", 6);
  g_autoptr(GaioFuture) blocker = NULL;
  g_autoptr(GaioFuture) probe = NULL;
  g_autoptr(GaioFuture) write = NULL;
  g_autoptr(GaioFuture) cancelled = NULL;
  g_autoptr(GError) error = NULL;
  GaioTestGate gate;

  gaio_test_gate_init (&gate);
  gaio_set_max_threads (1);
  blocker = gaio_run_in_thread (gaio_test_gate_func, &gate, NULL);
  gaio_test_gate_wait_started (&gate);

  probe = gaio_run_in_thread (exists_func, path, NULL);
  write = gaio_file_write_path (path, contents, GAIO_FILE_WRITE_NONE);
  cancelled = gaio_file_write_path (dropped, contents, GAIO_FILE_WRITE_NONE);

  g_assert_true (gaio_future_cancel (cancelled));
  error = settle (cancelled);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_nonnull (strstr (error->message, dropped));
  g_assert_false (g_file_test (dropped, G_FILE_TEST_EXISTS));
  g_assert_false (gaio_future_is_done (blocker));
  g_assert_false (gaio_future_is_done (write));

  gaio_test_gate_release (&gate);
  g_assert_null (settle (write));
  g_assert_null (settle (probe));
  g_assert_false (g_value_get_boolean (gaio_future_get_value (probe)));
  assert_file_contents (path, "queued");

  gaio_test_wait_for_future (blocker, WAIT_MS);
  gaio_set_max_threads (0);
  gaio_test_gate_clear (&gate);
}

static void
add_test (const char *path,
          void (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  add_test ("/Gaio/File/round-trip", test_file_round_trip);
  add_test ("/Gaio/File/async-pair", test_file_async_pair);
  add_test ("/Gaio/File/overwrite", test_file_overwrite);
  add_test ("/Gaio/File/mode", test_file_mode);
  add_test ("/Gaio/File/symlink", test_file_symlink);
  add_test ("/Gaio/File/errors", test_file_errors);
  add_test ("/Gaio/File/concurrent", test_file_concurrent);
  add_test ("/Gaio/File/cancel", test_file_cancel);
  add_test ("/Gaio/File/pool-bound", test_file_pool_bound);
  add_test ("/Gaio/File/append", test_file_append);
  add_test ("/Gaio/File/disk-full", test_file_disk_full);
  g_test_add ("/Gaio/File/file-size-limit", Fixture, "rlimit",
              fixture_set_up, test_file_disk_full, fixture_tear_down);
  add_test ("/Gaio/File/permission-denied", test_file_permission_denied);

  return g_test_run ();
}
