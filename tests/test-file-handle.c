/* test-file-handle.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "test-utils.h"

#define WAIT_MS 60000

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("gaio-file-handle-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "file.txt", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (fixture->dir, name, NULL);

      g_unlink (child);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Waits for @future (taken) and returns a copy of its value; it must have
 * resolved. */
static GValue *
await_value (GaioFuture *future)
{
  g_autoptr(GaioFuture) owned = future;
  g_autoptr(GError) error = NULL;
  const GValue *value;

  gaio_test_wait_for_future (owned, WAIT_MS);
  gaio_future_propagate (owned, &error);
  g_assert_no_error (error);
  value = gaio_future_get_value (owned);
  return value != NULL ? g_boxed_copy (G_TYPE_VALUE, value) : NULL;
}

static void
await_ok (GaioFuture *future)
{
  GValue *value = await_value (future);

  if (value != NULL)
    g_boxed_free (G_TYPE_VALUE, value);
}

/* Waits for @future (taken) and returns its error; it must have failed. */
static GError *
await_error (GaioFuture *future)
{
  g_autoptr(GaioFuture) owned = future;
  GError *error = NULL;

  gaio_test_wait_for_future (owned, WAIT_MS);
  g_assert_false (gaio_future_propagate (owned, &error));
  g_assert_nonnull (error);
  return error;
}

static void
assert_fails (GaioFuture *future)
{
  g_autoptr(GError) error = await_error (future);
}

static GaioFileHandle *
open_handle (const char   *path,
             GaioFileMode  mode)
{
  GValue *value = await_value (gaio_file_handle_open (path, mode, GAIO_FILE_WRITE_NONE));
  GaioFileHandle *handle = g_value_dup_object (value);

  g_boxed_free (G_TYPE_VALUE, value);
  g_assert_true (GAIO_IS_FILE_HANDLE (handle));
  return handle;
}

/* Futures settled on a worker reach their owner context's run queue, which
 * holds them (and the open future's value, the handle) until it runs:
 * let it run, then the handle must go. */
static void
assert_finalize_handle (GaioFileHandle *handle)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (handle);
}

/* The next line, or NULL at the end of the file. */
static char *
read_line (GaioFileHandle *handle)
{
  GValue *value = await_value (gaio_file_handle_read_line (handle));
  char *line;

  if (value == NULL)
    return NULL;
  line = g_value_dup_string (value);
  g_boxed_free (G_TYPE_VALUE, value);
  g_assert_nonnull (line);
  return line;
}

static GBytes *
read_bytes (GaioFuture *future)
{
  GValue *value = await_value (future);
  GBytes *bytes = g_value_dup_boxed (value);

  g_boxed_free (G_TYPE_VALUE, value);
  return bytes;
}

static void
write_string (GaioFileHandle *handle,
              const char     *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  await_ok (gaio_file_handle_write (handle, bytes));
}

static void
assert_contents (const char *path,
                 const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, expected);
}

static void
assert_bytes (GBytes     *bytes,
              const char *expected)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  g_assert_cmpmem (data, len, expected, strlen (expected));
}

static void
test_file_handle_lines (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *lines[] = { "first", "", "  third  ", "é ünïcode", "last, without newline" };
  g_autoptr(GaioFileHandle) handle = NULL;
  g_autofree char *contents = NULL;

  contents = g_strjoinv ("\n", (char **) (const char *[]) {
    lines[0], lines[1], lines[2], lines[3], lines[4], NULL });
  g_assert_true (g_file_set_contents (fixture->path, contents, -1, NULL));

  handle = open_handle (fixture->path, GAIO_FILE_MODE_READ);
  g_assert_cmpstr (gaio_file_handle_get_path (handle), ==, fixture->path);
  g_assert_cmpint (gaio_file_handle_get_mode (handle), ==, GAIO_FILE_MODE_READ);
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autofree char *line = read_line (handle);

      g_assert_cmpstr (line, ==, lines[i]);
    }
  /* The end, again and again. */
  g_assert_null (read_line (handle));
  g_assert_null (read_line (handle));
  g_assert_cmpint (gaio_file_handle_tell (handle), ==, strlen (contents));
  await_ok (gaio_file_handle_close (handle));
  assert_finalize_handle (g_steal_pointer (&handle));
}

/* Valgrind and AddressSanitizer keep freed memory aside and run every line
 * far slower: there a small file still checks the logic, and the resident
 * size says nothing. */
static gboolean
under_memory_checker (void)
{
#if defined(__SANITIZE_ADDRESS__)
  return TRUE;
#else
  return g_getenv ("GAIO_UNDER_VALGRIND") != NULL;
#endif
}

static gsize
resident_bytes (void)
{
  g_autofree char *statm = NULL;
  g_auto(GStrv) fields = NULL;

  if (!g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL))
    return 0;
  fields = g_strsplit (statm, " ", -1);
  return g_ascii_strtoull (fields[1], NULL, 10) * sysconf (_SC_PAGESIZE);
}

/* A large file, written through a handle in 1 MiB pieces, then read line by
 * line: memory stays flat whatever the size. GAIO_TEST_LINES_MIB sets the
 * size (default 32 MiB, 2 under valgrind or ASan; the 1 GiB is for
 * a run by hand). */
static void
test_file_handle_lines_bounded (Fixture       *fixture,
                                gconstpointer  data)
{
  const char *size_env = g_getenv ("GAIO_TEST_LINES_MIB");
  guint64 mib = size_env != NULL ? g_ascii_strtoull (size_env, NULL, 10)
              : under_memory_checker () ? 2 : 32;
  g_autoptr(GaioFileHandle) writer = NULL;
  g_autoptr(GaioFileHandle) reader = NULL;
  g_autoptr(GString) chunk = g_string_new (NULL);
  g_autoptr(GBytes) chunk_bytes = NULL;
  guint64 n_lines = 0;
  guint lines_per_chunk = 0;
  gsize rss_before;
  gsize rss_peak = 0;
  gint64 start;

  /* 1 MiB of 128-byte lines, numbered within the chunk. */
  while (chunk->len + 128 <= 1024 * 1024)
    {
      g_string_append_printf (chunk, "%06u ", lines_per_chunk++);
      while (chunk->len % 128 != 127)
        g_string_append_c (chunk, 'x');
      g_string_append_c (chunk, '\n');
    }
  chunk_bytes = g_bytes_new (chunk->str, chunk->len);

  writer = open_handle (fixture->path, GAIO_FILE_MODE_WRITE);
  for (guint64 i = 0; i < mib; i++)
    await_ok (gaio_file_handle_write (writer, chunk_bytes));
  await_ok (gaio_file_handle_close (writer));

  rss_before = resident_bytes ();
  start = g_get_monotonic_time ();
  reader = open_handle (fixture->path, GAIO_FILE_MODE_READ);
  for (;;)
    {
      g_autofree char *line = read_line (reader);
      g_autofree char *expected = NULL;

      if (line == NULL)
        break;
      expected = g_strdup_printf ("%06u ", (guint) (n_lines % lines_per_chunk));
      g_assert_true (g_str_has_prefix (line, expected));
      g_assert_cmpuint (strlen (line), ==, 127);
      n_lines++;
      if (n_lines % 4096 == 0)
        rss_peak = MAX (rss_peak, resident_bytes ());
    }
  await_ok (gaio_file_handle_close (reader));

  g_assert_cmpuint (n_lines, ==, mib * lines_per_chunk);
  g_test_message ("%" G_GUINT64_FORMAT " MiB, %" G_GUINT64_FORMAT " lines in %.2f s; "
                  "resident memory grew by %" G_GSIZE_FORMAT " KiB",
                  mib, n_lines, (g_get_monotonic_time () - start) / 1e6,
                  rss_peak > rss_before ? (rss_peak - rss_before) / 1024 : 0);
  /* The file is read 64 KiB at a time: a few MiB of slack for malloc. */
  if (rss_before > 0 && !under_memory_checker ())
    g_assert_cmpuint (rss_peak, <, rss_before + 8 * 1024 * 1024);
}

static void
test_file_handle_chunks_and_seek (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GaioFileHandle) handle = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) line_rest = NULL;
  g_autoptr(GBytes) tail = NULL;
  g_autoptr(GBytes) rest = NULL;
  g_autoptr(GBytes) end = NULL;
  g_autofree char *line = NULL;
  GValue *position;

  g_assert_true (g_file_set_contents (fixture->path, "0123456789\nabcdef\n", -1, NULL));
  handle = open_handle (fixture->path, GAIO_FILE_MODE_READ);

  first = read_bytes (gaio_file_handle_read (handle, 4));
  assert_bytes (first, "0123");
  g_assert_cmpint (gaio_file_handle_tell (handle), ==, 4);
  /* Lines and chunks share the read-ahead. */
  line = read_line (handle);
  g_assert_cmpstr (line, ==, "456789");
  line_rest = read_bytes (gaio_file_handle_read (handle, 3));
  assert_bytes (line_rest, "abc");

  position = await_value (gaio_file_handle_seek (handle, -3, G_SEEK_END));
  g_assert_cmpint (g_value_get_int64 (position), ==, 15);
  g_boxed_free (G_TYPE_VALUE, position);
  tail = read_bytes (gaio_file_handle_read (handle, 100));
  assert_bytes (tail, "ef\n");

  await_ok (gaio_file_handle_seek (handle, 2, G_SEEK_SET));
  await_ok (gaio_file_handle_seek (handle, 3, G_SEEK_CUR));
  g_assert_cmpint (gaio_file_handle_tell (handle), ==, 5);
  rest = read_bytes (gaio_file_handle_read_all (handle));
  assert_bytes (rest, "56789\nabcdef\n");
  end = read_bytes (gaio_file_handle_read (handle, 10));
  g_assert_cmpuint (g_bytes_get_size (end), ==, 0);

  assert_fails (gaio_file_handle_seek (handle, -1, G_SEEK_SET));
  await_ok (gaio_file_handle_close (handle));
}

static void
test_file_handle_write_atomic (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GaioFileHandle) handle = NULL;
  g_autoptr(GBytes) big = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *big_text = g_strnfill (200 * 1024, 'b');

  g_assert_true (g_file_set_contents (fixture->path, "old", -1, NULL));
  handle = open_handle (fixture->path, GAIO_FILE_MODE_WRITE);

  /* Small writes are buffered, a large one streams; the old file stays
   * until the close. */
  write_string (handle, "one ");
  write_string (handle, "two ");
  g_assert_cmpint (gaio_file_handle_tell (handle), ==, 8);
  big = g_bytes_new_static (big_text, strlen (big_text));
  await_ok (gaio_file_handle_write (handle, big));
  write_string (handle, " three");
  await_ok (gaio_file_handle_flush (handle));
  assert_contents (fixture->path, "old");
  g_assert_cmpuint (gaio_test_count_files (fixture->dir), ==, 2);

  await_ok (gaio_file_handle_close (handle));
  expected = g_strconcat ("one two ", big_text, " three", NULL);
  assert_contents (fixture->path, expected);
  g_assert_cmpuint (gaio_test_count_files (fixture->dir), ==, 1);
  /* Closing twice is harmless; writing after is not allowed. */
  await_ok (gaio_file_handle_close (handle));
  assert_fails (gaio_file_handle_write (handle, big));
  assert_finalize_handle (g_steal_pointer (&handle));
}

/* A write cancelled half-way through the new version: the write and the
 * close fail, the old file is untouched and no temporary file is left. */
static void
test_file_handle_write_cancelled (Fixture       *fixture,
                                  gconstpointer  data)
{
  const gsize big_size = 64 * 1024 * 1024;
  g_autoptr(GaioFileHandle) handle = NULL;
  g_autoptr(GaioFuture) write = NULL;
  g_autoptr(GBytes) chunk = NULL;
  g_autoptr(GBytes) big = g_bytes_new_take (g_malloc0 (big_size), big_size);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) close_error = NULL;
  g_autofree char *chunk_text = g_strnfill (1024 * 1024, 'n');

  g_assert_true (g_file_set_contents (fixture->path, "old contents", -1, NULL));
  handle = open_handle (fixture->path, GAIO_FILE_MODE_WRITE);

  /* Some of the new version is written ... */
  chunk = g_bytes_new_static (chunk_text, strlen (chunk_text));
  for (guint i = 0; i < 3; i++)
    await_ok (gaio_file_handle_write (handle, chunk));
  await_ok (gaio_file_handle_flush (handle));
  g_assert_cmpuint (gaio_test_count_files (fixture->dir), ==, 2);

  /* ... then a 64 MiB write is cancelled as it starts. */
  write = gaio_file_handle_write (handle, big);
  g_assert_true (gaio_future_cancel (write));
  gaio_test_wait_for_future (write, WAIT_MS);
  g_assert_true (gaio_future_is_cancelled (write));

  /* Every later write, and the close, report it. */
  error = await_error (gaio_file_handle_write (handle, chunk));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  close_error = await_error (gaio_file_handle_close (handle));
  g_assert_error (close_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_nonnull (strstr (close_error->message, fixture->path));

  assert_contents (fixture->path, "old contents");
  g_assert_cmpuint (gaio_test_count_files (fixture->dir), ==, 1);
}

/* Two writers of one path, interleaved: the file is exactly the contents
 * of the one closed last, never a mix. */
static void
test_file_handle_two_writers (Fixture       *fixture,
                              gconstpointer  data)
{
  for (guint last = 0; last < 2; last++)
    {
      g_autoptr(GaioFileHandle) a = open_handle (fixture->path, GAIO_FILE_MODE_WRITE);
      g_autoptr(GaioFileHandle) b = open_handle (fixture->path, GAIO_FILE_MODE_WRITE);

      for (guint i = 0; i < 100; i++)
        {
          write_string (a, "A");
          write_string (b, "B");
          if (i % 10 == 0)
            {
              await_ok (gaio_file_handle_flush (a));
              await_ok (gaio_file_handle_flush (b));
            }
        }
      await_ok (gaio_file_handle_close (last == 0 ? b : a));
      await_ok (gaio_file_handle_close (last == 0 ? a : b));
      {
        g_autofree char *expected = g_strnfill (100, last == 0 ? 'A' : 'B');

        assert_contents (fixture->path, expected);
      }
      g_assert_cmpuint (gaio_test_count_files (fixture->dir), ==, 1);
    }
}

static void
test_file_handle_append (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GaioFileHandle) handle = NULL;

  g_assert_true (g_file_set_contents (fixture->path, "start\n", -1, NULL));
  handle = open_handle (fixture->path, GAIO_FILE_MODE_APPEND);
  g_assert_cmpint (gaio_file_handle_tell (handle), ==, 6);
  write_string (handle, "more\n");
  g_assert_cmpint (gaio_file_handle_tell (handle), ==, 11);
  await_ok (gaio_file_handle_close (handle));
  assert_contents (fixture->path, "start\nmore\n");
}

/* A writer dropped without a close leaves the old file and no temporary. */
static void
test_file_handle_dropped_writer (Fixture       *fixture,
                                 gconstpointer  data)
{
  GaioFileHandle *handle;

  g_assert_true (g_file_set_contents (fixture->path, "kept", -1, NULL));
  handle = open_handle (fixture->path, GAIO_FILE_MODE_WRITE);
  write_string (handle, "lost");
  await_ok (gaio_file_handle_flush (handle));
  g_assert_cmpuint (gaio_test_count_files (fixture->dir), ==, 2);
  assert_finalize_handle (handle);

  assert_contents (fixture->path, "kept");
  g_assert_cmpuint (gaio_test_count_files (fixture->dir), ==, 1);
}

/* abort() drops the new version at once, buffered writes included. */
static void
test_file_handle_abort (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GaioFileHandle) handle = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static ("x", 1);

  g_assert_true (g_file_set_contents (fixture->path, "kept", -1, NULL));
  handle = open_handle (fixture->path, GAIO_FILE_MODE_WRITE);
  write_string (handle, "dropped");
  await_ok (gaio_file_handle_flush (handle));
  write_string (handle, "buffered");
  await_ok (gaio_file_handle_abort (handle));
  assert_contents (fixture->path, "kept");
  g_assert_cmpuint (gaio_test_count_files (fixture->dir), ==, 1);
  assert_fails (gaio_file_handle_write (handle, bytes));
  await_ok (gaio_file_handle_close (handle));
  assert_finalize_handle (g_steal_pointer (&handle));
}

static void
test_file_handle_errors (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.txt", NULL);
  g_autofree char *in_missing = g_build_filename (fixture->dir, "no", "file", NULL);
  g_autoptr(GaioFileHandle) reader = NULL;
  g_autoptr(GaioFileHandle) writer = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static ("x", 1);
  g_autoptr(GError) error = NULL;

  error = await_error (gaio_file_handle_open (missing, GAIO_FILE_MODE_READ, 0));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);

  error = await_error (gaio_file_handle_open (fixture->dir, GAIO_FILE_MODE_READ, 0));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_clear_error (&error);

  error = await_error (gaio_file_handle_open (in_missing, GAIO_FILE_MODE_WRITE, 0));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (fixture->path, "x", -1, NULL));
  reader = open_handle (fixture->path, GAIO_FILE_MODE_READ);
  error = await_error (gaio_file_handle_write (reader, bytes));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);
  await_ok (gaio_file_handle_close (reader));
  error = await_error (gaio_file_handle_read_line (reader));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED);
  g_clear_error (&error);

  writer = open_handle (fixture->path, GAIO_FILE_MODE_WRITE);
  error = await_error (gaio_file_handle_seek (writer, 0, G_SEEK_SET));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);
  error = await_error (gaio_file_handle_read (writer, 1));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  await_ok (gaio_file_handle_close (writer));

  /* A line that is not UTF-8. */
  g_assert_true (g_file_set_contents (fixture->path, "ok\n\xff\xfe\n", -1, NULL));
  g_clear_object (&reader);
  reader = open_handle (fixture->path, GAIO_FILE_MODE_READ);
  g_free (read_line (reader));
  g_clear_error (&error);
  error = await_error (gaio_file_handle_read_line (reader));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  await_ok (gaio_file_handle_close (reader));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/Gaio/FileHandle/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("lines", test_file_handle_lines);
  ADD ("lines-bounded-memory", test_file_handle_lines_bounded);
  ADD ("chunks-and-seek", test_file_handle_chunks_and_seek);
  ADD ("write-atomic", test_file_handle_write_atomic);
  ADD ("write-cancelled", test_file_handle_write_cancelled);
  ADD ("two-writers", test_file_handle_two_writers);
  ADD ("append", test_file_handle_append);
  ADD ("dropped-writer", test_file_handle_dropped_writer);
  ADD ("abort", test_file_handle_abort);
  ADD ("errors", test_file_handle_errors);
#undef ADD

  return g_test_run ();
}
