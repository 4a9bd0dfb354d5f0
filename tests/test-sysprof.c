/* test-sysprof.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <string.h>

#include <glib/gstdio.h>
#include <sysprof-capture.h>

#include "test-http-server.h"
#include "test-utils.h"

/* Built with -Dsysprof=enabled: GAIO_SYSPROF_CAPTURE makes Gaio write its
 * marks to a capture file, read back here with Sysprof's own reader. */

typedef struct
{
  char    *name;
  char    *message;
  gint64   duration;
} Mark;

static void
mark_free (gpointer data)
{
  Mark *mark = data;

  g_free (mark->name);
  g_free (mark->message);
  g_free (mark);
}

static GPtrArray *
read_marks (const char *path)
{
  GPtrArray *marks = g_ptr_array_new_with_free_func (mark_free);
  SysprofCaptureReader *reader = sysprof_capture_reader_new (path);
  SysprofCaptureFrameType type;

  g_assert_nonnull (reader);
  while (sysprof_capture_reader_peek_type (reader, &type))
    {
      if (type == SYSPROF_CAPTURE_FRAME_MARK)
        {
          const SysprofCaptureMark *frame = sysprof_capture_reader_read_mark (reader);
          Mark *mark = g_new0 (Mark, 1);

          g_assert_nonnull (frame);
          g_assert_cmpstr (frame->group, ==, "Gaio");
          mark->name = g_strdup (frame->name);
          mark->message = g_strdup (frame->message);
          mark->duration = frame->duration;
          g_ptr_array_add (marks, mark);
        }
      else
        g_assert_true (sysprof_capture_reader_skip (reader));
    }
  sysprof_capture_reader_unref (reader);
  return marks;
}

static const Mark *
find_mark (GPtrArray  *marks,
           const char *name,
           const char *message_pattern)
{
  for (guint i = 0; i < marks->len; i++)
    {
      const Mark *mark = g_ptr_array_index (marks, i);

      if (g_str_equal (mark->name, name) && g_pattern_match_simple (message_pattern, mark->message))
        return mark;
    }
  return NULL;
}

static guint
count_marks (GPtrArray  *marks,
             const char *name,
             const char *message_pattern)
{
  guint n = 0;

  for (guint i = 0; i < marks->len; i++)
    {
      const Mark *mark = g_ptr_array_index (marks, i);

      if (g_str_equal (mark->name, name) && g_pattern_match_simple (message_pattern, mark->message))
        n++;
    }
  return n;
}

static void
nap_body (GaioTask *task,
          gpointer  user_data)
{
  g_autoptr(GaioFuture) sleep = gaio_sleep (5);

  gaio_await (sleep, NULL);
}

static void
busy_body (GaioTask *task,
           gpointer  user_data)
{
  gint64 until = g_get_monotonic_time () + 20 * 1000;

  while (g_get_monotonic_time () < until)
    ;
}

static void
test_sysprof_marks (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) marks = NULL;
  const Mark *mark;

  if (g_test_subprocess ())
    {
      GaioTestServer *server = gaio_test_server_new (NULL);
      g_autoptr(GaioHttpClient) client = gaio_http_client_new ();
      g_autofree char *url = g_strdup_printf ("http://user:secret@127.0.0.1:%u/hello",
                                              gaio_test_server_get_port (server));
      g_autoptr(GaioFuture) response = NULL;
      g_autoptr(GaioTask) nap = NULL;
      g_autoptr(GaioTask) busy = NULL;
      g_autoptr(GaioTask) bare = NULL;

      /* A task's lifetime. */
      nap = gaio_task_spawn ("nap", nap_body, NULL, NULL);
      gaio_test_wait_for_future (GAIO_FUTURE (nap), 5000);

      /* A bare task's, which its driver settles. */
      bare = gaio_task_new ("bare");
      gaio_future_resolve (GAIO_FUTURE (bare), NULL);
      gaio_test_wait_for_future (GAIO_FUTURE (bare), 5000);  /* after the mark's callback */

      /* A step over the slow threshold. */
      gaio_set_slow_callback_threshold (5);
      g_test_expect_message ("Gaio", G_LOG_LEVEL_WARNING, "Executing step of task 'busy'*");
      busy = gaio_task_spawn ("busy", busy_body, NULL, NULL);
      gaio_test_wait_for_future (GAIO_FUTURE (busy), 5000);
      g_test_assert_expected_messages ();
      gaio_set_slow_callback_threshold (0);

      /* An HTTP request, its URL without the credentials. */
      response = gaio_http_client_get (client, url);
      gaio_test_wait_for_future (response, 10000);
      g_assert_cmpint (gaio_future_get_state (response), ==, GAIO_FUTURE_STATE_RESOLVED);
      gaio_test_server_free (server);
      /* The capture is written out at exit. */
      return;
    }

  dir = g_dir_make_tmp ("gaio-sysprof-XXXXXX", NULL);
  g_assert_nonnull (dir);
  path = g_build_filename (dir, "marks.syscap", NULL);
  g_setenv ("GAIO_SYSPROF_CAPTURE", path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv ("GAIO_SYSPROF_CAPTURE");
  g_test_trap_assert_passed ();

  marks = read_marks (path);
  mark = find_mark (marks, "task", "nap (done)");
  g_assert_nonnull (mark);
  g_assert_cmpint (mark->duration, >=, 5 * 1000 * 1000);  /* the 5 ms sleep, in ns */
  /* One mark per life, for a spawned task as for a bare one. */
  g_assert_cmpuint (count_marks (marks, "task", "nap (*)"), ==, 1);
  g_assert_cmpuint (count_marks (marks, "task", "bare (*)"), ==, 1);
  mark = find_mark (marks, "task", "busy (done)");
  g_assert_nonnull (mark);
  mark = find_mark (marks, "task", "bare (done)");
  g_assert_nonnull (mark);
  mark = find_mark (marks, "slow callback", "step of task 'busy' (0x*)");
  g_assert_nonnull (mark);
  g_assert_cmpint (mark->duration, >=, 20 * 1000 * 1000);
  mark = find_mark (marks, "HTTP request", "GET http://127.0.0.1:*/hello: 200");
  g_assert_nonnull (mark);
  for (guint i = 0; i < marks->len; i++)
    g_assert_null (strstr (((Mark *) g_ptr_array_index (marks, i))->message, "secret"));
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/Gaio/Sysprof/marks", test_sysprof_marks);

  return g_test_run ();
}
