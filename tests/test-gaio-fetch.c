/* test-gaio-fetch.c: gaio-fetch run as a subprocess against a local server
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "gaio-demo-site.h"
#include "test-utils.h"

#define RUN_TIMEOUT_MS 20000

/* Under valgrind the demo site (in this process) answers slowly: keep the
 * checks on order and counts, drop those on absolute times. */
static gboolean
timing_is_strict (void)
{
  return g_getenv ("GAIO_UNDER_VALGRIND") == NULL;
}

typedef struct
{
  GSubprocess         *process;
  GDataInputStream    *out;
  GOutputStream       *err;
  GPtrArray           *lines;
  GCancellable        *cancellable;
  int                  sigint_after;  /* send SIGINT after this many lines; -1 never */
  gboolean             out_done;
  gboolean             err_done;
  gboolean             exited;
} Run;

typedef struct
{
  GaioDemoSite *site;
  char         *dir;
} Fixture;

static const char *
url (Fixture    *fixture,
     const char *path)
{
  static char buffers[8][256];
  static guint next;
  char *buf = buffers[next++ % G_N_ELEMENTS (buffers)];

  g_snprintf (buf, sizeof buffers[0], "%s%s", gaio_demo_site_get_base_url (fixture->site), path);
  return buf;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->site = gaio_demo_site_new (&error);
  g_assert_no_error (error);
  fixture->dir = g_dir_make_tmp ("gaio-fetch-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  gaio_demo_site_free (fixture->site);
}

static void
run_free (Run *run)
{
  g_clear_object (&run->process);
  g_clear_object (&run->out);
  g_clear_object (&run->err);
  g_clear_object (&run->cancellable);
  g_clear_pointer (&run->lines, g_ptr_array_unref);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

static void
read_line_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  Run *run = data;
  g_autoptr(GError) error = NULL;
  char *line = g_data_input_stream_read_line_finish_utf8 (run->out, result, NULL, &error);

  g_assert_no_error (error);
  if (line == NULL)
    {
      run->out_done = TRUE;
      return;
    }

  g_ptr_array_add (run->lines, line);
  if (run->sigint_after >= 0 && run->lines->len == (guint) run->sigint_after)
    g_subprocess_send_signal (run->process, SIGINT);

  g_data_input_stream_read_line_async (run->out, G_PRIORITY_DEFAULT, NULL, read_line_cb, run);
}

static void
splice_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  Run *run = data;
  g_autoptr(GError) error = NULL;

  g_output_stream_splice_finish (G_OUTPUT_STREAM (source), result, &error);
  g_assert_no_error (error);
  run->err_done = TRUE;
}

static void
wait_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Run *run = data;
  g_autoptr(GError) error = NULL;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, &error);
  g_assert_no_error (error);
  run->exited = TRUE;
}

static gboolean
all_done (Run *run)
{
  return run->out_done && run->err_done && run->exited;
}

/* Runs gaio-fetch with @argv (NULL-terminated, without the program) and
 * @stdin_text on its standard input, iterating the main context (so the
 * demo site answers) until it has exited and both pipes are drained. */
static Run *
run_fetch_full (const char         *stdin_text,
                int                 sigint_after,
                const char * const *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  Run *run = g_new0 (Run, 1);
  GSubprocessFlags flags = G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE;
  const char *fetch = g_getenv ("GAIO_FETCH");
  gint64 deadline = g_get_monotonic_time () + RUN_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;

  g_assert_nonnull (fetch);
  g_ptr_array_add (args, (gpointer) fetch);
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, NULL);

  /* Always a pipe, never the terminal the tests may run from: without a
   * URL, gaio-fetch reads a standard input that is not a terminal. */
  flags |= G_SUBPROCESS_FLAGS_STDIN_PIPE;
  launcher = g_subprocess_launcher_new (flags);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  /* G_TEST_OPTION_ISOLATE_DIRS empties XDG_DATA_DIRS, and GIO aborts without
   * the system's GSettings schemas. */
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_DIRS", "/usr/local/share:/usr/share", TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);
  g_subprocess_launcher_setenv (launcher, "GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  run->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);

  {
    GOutputStream *in = g_subprocess_get_stdin_pipe (run->process);

    if (stdin_text != NULL)
      g_output_stream_write_all (in, stdin_text, strlen (stdin_text), NULL, NULL, &error);
    g_assert_no_error (error);
    g_output_stream_close (in, NULL, &error);
    g_assert_no_error (error);
  }

  run->lines = g_ptr_array_new_with_free_func (g_free);
  run->sigint_after = sigint_after;
  run->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (run->process));
  run->err = g_memory_output_stream_new_resizable ();
  g_data_input_stream_read_line_async (run->out, G_PRIORITY_DEFAULT, NULL, read_line_cb, run);
  g_output_stream_splice_async (run->err, g_subprocess_get_stderr_pipe (run->process),
                                G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, G_PRIORITY_DEFAULT,
                                NULL, splice_cb, run);
  g_subprocess_wait_async (run->process, NULL, wait_cb, run);

  while (!all_done (run) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  if (!all_done (run))
    {
      g_subprocess_force_exit (run->process);
      g_error ("gaio-fetch did not finish within %d ms", RUN_TIMEOUT_MS);
    }

  return run;
}

#define run_fetch(...) run_fetch_full (NULL, -1, (const char *[]) { __VA_ARGS__, NULL })

static char *stderr_text (Run *run);

/* The exit status, shell style (128 + N for signal N); standard error goes
 * to the test log when it is not the one expected. */
static int
exit_status_full (Run *run,
                  int  expected)
{
  int status;

  if (g_subprocess_get_if_signaled (run->process))
    status = 128 + g_subprocess_get_term_sig (run->process);
  else
    status = g_subprocess_get_exit_status (run->process);

  if (status != expected)
    {
      g_autofree char *err = stderr_text (run);

      g_test_message ("gaio-fetch exited with %d; its standard error:\n%s", status, err);
    }

  return status;
}

#define assert_exit_status(run, expected) \
  g_assert_cmpint (exit_status_full ((run), (expected)), ==, (expected))

static char *
stderr_text (Run *run)
{
  GMemoryOutputStream *mem = G_MEMORY_OUTPUT_STREAM (run->err);
  const char *data = g_memory_output_stream_get_data (mem);

  /* An empty stream has no buffer at all. */
  return g_strndup (data != NULL ? data : "", g_memory_output_stream_get_data_size (mem));
}

/* The output line holding @needle: lines come in completion order, which
 * a loaded machine can change. */
static const char *
find_line (Run        *run,
           const char *needle)
{
  for (guint i = 0; i < run->lines->len; i++)
    if (strstr (g_ptr_array_index (run->lines, i), needle) != NULL)
      return g_ptr_array_index (run->lines, i);
  g_error ("No output line holds “%s”", needle);
}

static char *
stdout_text (Run *run)
{
  g_ptr_array_add (run->lines, NULL);
  g_ptr_array_set_size (run->lines, run->lines->len - 1);
  return g_strjoinv ("\n", (char **) run->lines->pdata);
}

/* Parses every line of a --json run; returns the result objects in output
 * order and the summary object. */
static GPtrArray *
parse_json (Run         *run,
            JsonObject **summary)
{
  GPtrArray *results = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  *summary = NULL;
  for (guint i = 0; i < run->lines->len; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonObject *object;
      const char *type;

      json_parser_load_from_data (parser, g_ptr_array_index (run->lines, i), -1, &error);
      g_assert_no_error (error);
      object = json_node_get_object (json_parser_get_root (parser));
      type = json_object_get_string_member (object, "type");
      if (g_str_equal (type, "summary"))
        {
          g_assert_null (*summary);
          *summary = json_object_ref (object);
        }
      else
        {
          g_assert_cmpstr (type, ==, "result");
          g_assert_null (*summary);
          g_ptr_array_add (results, json_object_ref (object));
        }
    }
  g_assert_nonnull (*summary);

  return results;
}

static JsonObject *
find_result (GPtrArray  *results,
             const char *result_url)
{
  for (guint i = 0; i < results->len; i++)
    {
      JsonObject *object = g_ptr_array_index (results, i);

      if (g_str_equal (json_object_get_string_member (object, "url"), result_url))
        return object;
    }
  g_error ("No result for %s", result_url);
  return NULL;
}

static void
test_fetch_ordering (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(Run) run = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(JsonObject) summary = NULL;
  const char *slowest = url (fixture, "/page/1?delay=600");
  const char *fastest = url (fixture, "/page/2?delay=50");
  const char *middle = url (fixture, "/page/3?delay=300");

  run = run_fetch ("--json", slowest, fastest, middle);
  assert_exit_status (run, 0);

  /* Lines come as requests complete, not in input order. */
  results = parse_json (run, &summary);
  g_assert_cmpuint (results->len, ==, 3);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (results, 0), "url"), ==, fastest);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (results, 1), "url"), ==, middle);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (results, 2), "url"), ==, slowest);

  g_assert_cmpint (json_object_get_int_member (summary, "urls"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (summary, "succeeded"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (summary, "failed"), ==, 0);
  /* Run together, the three take about as long as the slowest one. */
  g_assert_cmpint (json_object_get_int_member (summary, "sum_ms"), >=, 900);
  g_assert_cmpint (json_object_get_int_member (summary, "wall_ms"), <,
                   json_object_get_int_member (summary, "sum_ms"));
  if (timing_is_strict ())
    {
      g_assert_cmpint (json_object_get_int_member (summary, "wall_ms"), <, 900);
      g_assert_cmpfloat (json_object_get_double_member (summary, "speedup"), >, 1.2);
    }
}

static void
test_fetch_jobs_window (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(Run) run = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(JsonObject) summary = NULL;
  const char *urls[] = {
    url (fixture, "/page/1?delay=200"), url (fixture, "/page/2?delay=50"),
    url (fixture, "/page/3?delay=100"),
  };

  /* One at a time: input order, and the wall time is the sum. */
  run = run_fetch ("--json", "-j", "1", urls[0], urls[1], urls[2]);
  assert_exit_status (run, 0);
  results = parse_json (run, &summary);
  g_assert_cmpuint (results->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (results, i), "url"), ==, urls[i]);
  g_assert_cmpint (json_object_get_int_member (summary, "wall_ms"), >=, 350);
}

static void
test_fetch_human (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(Run) run = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* Two requests of 300 ms side by side: a real speed-up to report. */
  run = run_fetch (url (fixture, "/page/4?delay=250"), url (fixture, "/notes.txt?delay=350"));
  assert_exit_status (run, 0);
  out = stdout_text (run);

  /* Title entity-decoded; no title: the first 100 characters, collapsed. */
  g_assert_true (g_str_has_prefix (find_line (run, "“Gaio demo 4: Sleep & timeouts”"), "200 "));
  g_assert_true (g_str_has_prefix (find_line (run, "Notes without a title: gaio-fetch shows the first "
                                              "hundred characters of a page like this one, with i…"),
                                   "200 "));
  g_assert_nonnull (strstr (out, "2 URLs: 2 succeeded, 0 failed"));
  g_assert_nonnull (strstr (out, "speed-up from concurrency"));
  g_assert_null (strstr (out, "Failed:"));
  /* Over 1 KiB: the rounded size and the exact count. */
  g_assert_nonnull (strstr (out, " bytes)\nWall time: "));
  g_assert_nonnull (strstr (out, "\nReceived: "));
  /* Not a terminal: no progress bar escapes anywhere. */
  err = stderr_text (run);
  g_assert_null (strstr (err, "\033["));
}

static void
test_fetch_json_fields (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(Run) run = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(JsonObject) summary = NULL;
  const char *page = url (fixture, "/page/1?delay=0");
  const char *redirect = url (fixture, "/redirect");
  const char *missing = url (fixture, "/missing");
  JsonObject *object;

  run = run_fetch ("--json", page, redirect, missing);
  assert_exit_status (run, 1);
  results = parse_json (run, &summary);
  g_assert_cmpuint (results->len, ==, 3);

  object = find_result (results, page);
  g_assert_cmpstr (json_object_get_string_member (object, "final_url"), ==, page);
  g_assert_cmpint (json_object_get_int_member (object, "status"), ==, 200);
  g_assert_cmpint (json_object_get_int_member (object, "bytes"), >, 900);
  g_assert_cmpint (json_object_get_int_member (object, "elapsed_ms"), >=, 0);
  g_assert_cmpstr (json_object_get_string_member (object, "title"), ==,
                   "Gaio demo 1: Futures: results that arrive later");
  g_assert_true (json_object_get_null_member (object, "file"));
  g_assert_true (json_object_get_null_member (object, "error"));

  object = find_result (results, redirect);
  g_assert_cmpstr (json_object_get_string_member (object, "final_url"), ==, url (fixture, "/page/1"));
  g_assert_cmpint (json_object_get_int_member (object, "status"), ==, 200);

  object = find_result (results, missing);
  g_assert_cmpint (json_object_get_int_member (object, "status"), ==, 404);
  g_assert_nonnull (strstr (json_object_get_string_member (object, "error"), "404"));

  g_assert_cmpint (json_object_get_int_member (summary, "succeeded"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (summary, "failed"), ==, 1);
  g_assert_false (json_object_get_boolean_member (summary, "interrupted"));
}

static void
test_fetch_output_dir (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(Run) run = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(JsonObject) summary = NULL;
  g_autofree char *out_dir = g_build_filename (fixture->dir, "new", "pages", NULL);
  /* Two URLs without an extension and one with. */
  const char *pages[] = {
    url (fixture, "/page/2?delay=0"), url (fixture, "/api/sensor/1?delay=0"),
    url (fixture, "/notes.txt?delay=0"),
  };
  const char *types[] = { "text/html", "application/json", "text/plain" };
  const char *extensions[] = { ".html", ".json", ".txt" };
  const char *missing = url (fixture, "/missing?delay=0");

  run = run_fetch ("--json", "-o", out_dir, pages[0], pages[1], pages[2], missing);
  assert_exit_status (run, 1);
  results = parse_json (run, &summary);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      JsonObject *object = find_result (results, pages[i]);
      g_autoptr(GError) error = NULL;
      g_autofree char *expected = gaio_filename_for_url_in_folder_with_type (out_dir, pages[i],
                                                                             types[i], &error);
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_no_error (error);
      g_assert_cmpstr (json_object_get_string_member (object, "file"), ==, expected);
      /* The URL's extension, or the Content-Type's when it has none. */
      g_assert_true (g_str_has_suffix (expected, extensions[i]));
      g_file_get_contents (expected, &contents, &length, &error);
      g_assert_no_error (error);
      g_assert_cmpint (length, ==, json_object_get_int_member (object, "bytes"));
    }

  /* The 404's body is not saved, and nothing else is left behind. */
  g_assert_true (json_object_get_null_member (find_result (results, missing), "file"));
  g_assert_cmpuint (gaio_test_count_files (out_dir), ==, G_N_ELEMENTS (pages));
}

static void
test_fetch_failures (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(Run) run = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(JsonObject) summary = NULL;
  const char *good = url (fixture, "/page/3?delay=0");
  const char *big = url (fixture, "/page/8?delay=0");
  const char *refused = "http://127.0.0.1:1/";
  const char *bad_scheme = "ftp://127.0.0.1/file";
  JsonObject *object;

  run = run_fetch ("--json", "--max-size", "100K", refused, good, bad_scheme, big);
  assert_exit_status (run, 1);
  results = parse_json (run, &summary);
  g_assert_cmpuint (results->len, ==, 4);

  g_assert_true (json_object_get_null_member (find_result (results, good), "error"));
  for (guint i = 0; i < 3; i++)
    {
      const char *failing[] = { refused, bad_scheme, big };

      object = find_result (results, failing[i]);
      g_assert_false (json_object_get_null_member (object, "error"));
      g_assert_cmpstr (json_object_get_string_member (object, "error"), !=, "");
    }
  g_assert_cmpint (json_object_get_int_member (summary, "succeeded"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (summary, "failed"), ==, 3);
}

static void
test_fetch_deadline (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(Run) run = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(JsonObject) summary = NULL;
  const char *slow = url (fixture, "/slow?delay=5000");
  const char *fast = url (fixture, "/page/1?delay=0");
  JsonObject *object;

  run = run_fetch ("--json", "-t", "0.5", slow, fast);
  assert_exit_status (run, 1);
  results = parse_json (run, &summary);

  object = find_result (results, slow);
  g_assert_true (json_object_get_null_member (object, "status"));
  g_assert_false (json_object_get_null_member (object, "error"));
  g_assert_cmpint (json_object_get_int_member (object, "elapsed_ms"), >=, 400);
  if (timing_is_strict ())
    g_assert_cmpint (json_object_get_int_member (object, "elapsed_ms"), <, 3000);
  g_assert_true (json_object_get_null_member (find_result (results, fast), "error"));
  if (timing_is_strict ())
    g_assert_cmpint (json_object_get_int_member (summary, "wall_ms"), <, 3000);
}

static void
test_fetch_per_host (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(Run) run = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(JsonObject) summary = NULL;

  /* Ten jobs allowed, but one connection to the host: one at a time. */
  run = run_fetch ("--json", "--per-host", "1", url (fixture, "/page/1?delay=150"),
                   url (fixture, "/page/2?delay=150"), url (fixture, "/page/3?delay=150"));
  assert_exit_status (run, 0);
  results = parse_json (run, &summary);
  g_assert_cmpuint (results->len, ==, 3);
  g_assert_cmpint (json_object_get_int_member (summary, "wall_ms"), >=, 450);
}

static void
test_fetch_retries (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(Run) once = NULL;
  g_autoptr(Run) retried = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(JsonObject) summary = NULL;

  once = run_fetch ("--json", url (fixture, "/flaky?id=a"));
  assert_exit_status (once, 1);
  results = parse_json (once, &summary);
  g_assert_cmpint (json_object_get_int_member (g_ptr_array_index (results, 0), "status"), ==, 503);
  g_clear_pointer (&results, g_ptr_array_unref);
  g_clear_pointer (&summary, json_object_unref);

  retried = run_fetch ("--json", "--retries", "1", url (fixture, "/flaky?id=b"));
  assert_exit_status (retried, 0);
  results = parse_json (retried, &summary);
  g_assert_cmpint (json_object_get_int_member (g_ptr_array_index (results, 0), "status"), ==, 200);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (results, 0), "title"), ==,
                   "Flaky, then fine");
}

/* The trace lines -v printed for @for_url, without their "* URL: ". */
static GPtrArray *
trace_lines (const char *err,
             const char *for_url)
{
  g_auto(GStrv) lines = g_strsplit (err, "\n", -1);
  g_autofree char *prefix = g_strdup_printf ("* %s: ", for_url);
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      g_ptr_array_add (found, g_strdup (lines[i] + strlen (prefix)));
  return found;
}

/* Each line starts with its expected text, in order. */
static void
assert_trace (const char         *err,
              const char         *for_url,
              const char * const *expected)
{
  g_autoptr(GPtrArray) lines = trace_lines (err, for_url);
  guint n = g_strv_length ((char **) expected);

  if (lines->len != n)
    g_error ("%u trace lines for %s, not %u, in:\n%s", lines->len, for_url, n, err);
  for (guint i = 0; i < n; i++)
    if (!g_str_has_prefix (g_ptr_array_index (lines, i), expected[i]))
      g_error ("Trace line “%s” for %s does not start with “%s”",
               (char *) g_ptr_array_index (lines, i), for_url, expected[i]);
}

static void
test_fetch_verbose (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *page = g_strdup (url (fixture, "/page/1?delay=0"));
  g_autofree char *redirect = g_strdup (url (fixture, "/redirect"));
  g_autofree char *target = g_strdup (url (fixture, "/page/1"));
  g_autofree char *flaky = g_strdup (url (fixture, "/flaky?id=v"));
  g_autofree char *queued_page = g_strconcat ("queued GET ", page, NULL);
  g_autofree char *started_page = g_strconcat ("started GET ", page, NULL);
  g_autofree char *queued_redirect = g_strconcat ("queued GET ", redirect, NULL);
  g_autofree char *started_redirect = g_strconcat ("started GET ", redirect, NULL);
  g_autofree char *redirected = g_strconcat ("redirected (302) to ", target, NULL);
  g_autofree char *queued_flaky = g_strconcat ("queued GET ", flaky, NULL);
  g_autofree char *started_flaky = g_strconcat ("started GET ", flaky, NULL);
  g_autofree char *retry = g_strconcat ("retry 1 in 0.00 s after: HTTP 503 Service Unavailable from ",
                                        flaky, NULL);
  const char *finished = "finished 200 HTTP/1.1; dns ";
  g_autoptr(Run) run = NULL;
  g_autofree char *err = NULL;

  run = run_fetch ("-v", "--retries", "1", page, redirect, flaky, "http://127.0.0.1:1/");
  assert_exit_status (run, 1);
  err = stderr_text (run);
  assert_trace (err, page, (const char *[]) { queued_page, started_page, finished, NULL });
  assert_trace (err, redirect, (const char *[]) {
    queued_redirect, started_redirect, redirected, "finished 200 HTTP/1.1; ", NULL });
  assert_trace (err, flaky, (const char *[]) {
    queued_flaky, started_flaky, retry, queued_flaky, started_flaky, "finished 200 HTTP/1.1; ",
    NULL });
  assert_trace (err, "http://127.0.0.1:1/", (const char *[]) {
    "queued GET http://127.0.0.1:1/", "started GET http://127.0.0.1:1/",
    "retry 1 in 0.50 s after: Could not connect to http://127.0.0.1:1/",
    "queued GET http://127.0.0.1:1/", "started GET http://127.0.0.1:1/",
    "failed: Could not connect to http://127.0.0.1:1/", NULL });
}

static void
test_fetch_usage (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *const cases[][4] = {
    { "--no-such-option", NULL },
    { "-i", "/nonexistent/urls.txt", NULL },
    { "--max-size", "10X", NULL },
    { "-j", "0", NULL },
    { "-t", "-1", NULL },
    { "--jobs", "many", NULL },
    { "--retries", "101", NULL },
    { "--ca-file", "/nonexistent/ca.pem", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Run) run = run_fetch_full (NULL, -1, cases[i]);
      g_autofree char *err = stderr_text (run);

      assert_exit_status (run, 2);
      g_assert_cmpuint (run->lines->len, ==, 0);
      g_assert_true (g_str_has_prefix (err, "gaio-fetch: "));
    }
}

static guint
count_substrings (const char *haystack,
                  const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
test_fetch_input_errors (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *missing = "/nonexistent/urls.txt";
  const char *paths[] = { missing, fixture->dir };
  const char *reasons[] = { "No such file or directory", "Is a directory" };

  /* A missing file and a folder: the path once, then the bare reason. */
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      const char *argv[] = { "-i", paths[i], NULL };
      g_autoptr(Run) run = run_fetch_full (NULL, -1, argv);
      g_autofree char *err = stderr_text (run);
      g_autofree char *expected = g_strdup_printf ("gaio-fetch: cannot read %s: %s\n",
                                                   paths[i], reasons[i]);

      assert_exit_status (run, 2);
      g_assert_cmpuint (run->lines->len, ==, 0);
      g_assert_true (g_str_has_prefix (err, expected));
      g_assert_cmpuint (count_substrings (err, paths[i]), ==, 1);
    }
}

static void
test_fetch_sigint (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(Run) run = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(JsonObject) summary = NULL;
  g_autofree char *err = NULL;
  const char *fast = url (fixture, "/page/5?delay=20");
  const char *argv[] = {
    "--json", "-j", "3", "-o", fixture->dir, fast,
    url (fixture, "/page/6?delay=4000"), url (fixture, "/page/7?delay=4000"),
    url (fixture, "/page/8?delay=4000"), url (fixture, "/page/1?delay=4000"), NULL,
  };
  gint64 start = g_get_monotonic_time ();

  run = run_fetch_full (NULL, 1, argv);
  assert_exit_status (run, 130);
  if (timing_is_strict ())
    g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);

  /* The finished page is kept, nothing partial or temporary is left, and
   * the summary still comes. */
  results = parse_json (run, &summary);
  g_assert_cmpuint (results->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (results, 0), "url"), ==, fast);
  g_assert_true (json_object_get_boolean_member (summary, "interrupted"));
  g_assert_cmpint (json_object_get_int_member (summary, "succeeded"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (summary, "cancelled"), ==, 4);
  g_assert_cmpuint (gaio_test_count_files (fixture->dir), ==, 1);
  /* Cancelling the task group is not an error anyone should hear about. */
  err = stderr_text (run);
  g_assert_null (strstr (err, "WARNING"));
  g_assert_null (strstr (err, "CRITICAL"));
}

static void
test_fetch_stdin (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(Run) run = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(JsonObject) summary = NULL;
  g_autofree char *input = g_strdup_printf ("# pages to fetch\n%s\n\n  %s  \n# done\n",
                                            url (fixture, "/page/1?delay=0"),
                                            url (fixture, "/page/2?delay=0"));
  const char *argv[] = { "--json", "-i", "-", NULL };

  run = run_fetch_full (input, -1, argv);
  assert_exit_status (run, 0);
  results = parse_json (run, &summary);
  g_assert_cmpuint (results->len, ==, 2);
  g_assert_cmpint (json_object_get_int_member (summary, "succeeded"), ==, 2);
}

static void
test_fetch_stdin_implicit (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(Run) run = NULL;
  g_autoptr(Run) empty = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(JsonObject) summary = NULL;
  g_autofree char *input = g_strdup_printf ("%s\n%s\n", url (fixture, "/page/1?delay=0"),
                                            url (fixture, "/page/2?delay=0"));
  g_autofree char *empty_out = NULL;
  const char *json_argv[] = { "--json", NULL };
  const char *no_argv[] = { NULL };

  /* cat urls | gaio-fetch: standard input, not the demo. */
  run = run_fetch_full (input, -1, json_argv);
  assert_exit_status (run, 0);
  results = parse_json (run, &summary);
  g_assert_cmpuint (results->len, ==, 2);
  find_result (results, url (fixture, "/page/1?delay=0"));
  find_result (results, url (fixture, "/page/2?delay=0"));

  /* Nothing piped in: nothing fetched, and still not the demo. */
  empty = run_fetch_full ("", -1, no_argv);
  assert_exit_status (empty, 0);
  empty_out = stdout_text (empty);
  g_assert_cmpstr (empty_out, ==, "No URL to fetch.");
}

static void
test_fetch_failed_list (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(Run) run = NULL;
  g_autofree char *out = NULL;
  g_autofree char *missing_line = NULL;
  g_autofree char *refused_line = NULL;
  const char *good = url (fixture, "/page/1?delay=0");
  const char *missing = url (fixture, "/missing?delay=0");
  const char *refused = "http://127.0.0.1:1/";
  const char *failed;

  run = run_fetch ("-q", good, missing, refused);
  assert_exit_status (run, 1);
  out = stdout_text (run);

  /* The summary lists each failed URL with its reason, in input order. */
  failed = strstr (out, "\nFailed:\n");
  g_assert_nonnull (failed);
  missing_line = g_strdup_printf ("\n  %s: HTTP 404 Not Found\n", missing);
  refused_line = g_strdup_printf ("\n  %s: ", refused);
  g_assert_nonnull (strstr (failed, missing_line));
  g_assert_nonnull (strstr (failed, refused_line));
  g_assert_true (strstr (failed, missing_line) < strstr (failed, refused_line));
  g_assert_null (strstr (failed, good));
  g_assert_nonnull (strstr (out, "3 URLs: 1 succeeded, 2 failed\n"));
}

static void
test_fetch_plurals (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(Run) one = NULL;
  g_autoptr(Run) refused = NULL;
  g_autofree char *one_out = NULL;
  g_autofree char *refused_out = NULL;

  /* One URL under 1 KiB: a singular, the size once, no speed-up. */
  one = run_fetch (url (fixture, "/notes.txt?delay=0"));
  assert_exit_status (one, 0);
  one_out = stdout_text (one);
  g_assert_nonnull (strstr (one_out, "\n1 URL: 1 succeeded, 0 failed\n"));
  g_assert_true (g_regex_match_simple ("\nReceived: [1-9][0-9]* bytes\n", one_out, 0, 0));
  g_assert_null (strstr (one_out, "speed-up"));
  g_assert_null (strstr (one_out, "sum of request times"));

  /* Nothing received: never "0 bytes (0)". */
  refused = run_fetch ("http://127.0.0.1:1/");
  assert_exit_status (refused, 1);
  refused_out = stdout_text (refused);
  g_assert_nonnull (strstr (refused_out, "\nReceived: nothing\n"));
  g_assert_null (strstr (refused_out, "(0)"));
  g_assert_true (g_str_has_prefix (refused_out, "ERR          - "));
}

/* The members of each JSON object, exactly, as doc/gaio-fetch.md lists them. */
static void
assert_members (JsonObject         *object,
                const char * const *names)
{
  g_autoptr(GList) members = json_object_get_members (object);

  g_assert_cmpuint (g_list_length (members), ==, g_strv_length ((char **) names));
  for (guint i = 0; names[i] != NULL; i++)
    g_assert_true (json_object_has_member (object, names[i]));
}

static void
test_fetch_json_shape (Fixture       *fixture,
                       gconstpointer  data)
{
  static const char *const result_members[] = {
    "type", "url", "final_url", "status", "bytes", "elapsed_ms", "title", "file", "error", NULL,
  };
  static const char *const summary_members[] = {
    "type", "urls", "succeeded", "failed", "expected_failures", "cancelled", "bytes", "wall_ms",
    "sum_ms", "speedup", "interrupted", NULL,
  };
  g_autoptr(Run) run = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(JsonObject) summary = NULL;

  run = run_fetch ("--json", url (fixture, "/page/1?delay=0"), "http://127.0.0.1:1/");
  assert_exit_status (run, 1);
  results = parse_json (run, &summary);
  g_assert_cmpuint (results->len, ==, 2);
  for (guint i = 0; i < results->len; i++)
    assert_members (g_ptr_array_index (results, i), result_members);
  assert_members (summary, summary_members);
  /* A number even when there is nothing to speak of. */
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (summary, "speedup")), ==,
                   G_TYPE_DOUBLE);
}

/* On a terminal (script(1) gives gaio-fetch a pseudo-terminal for its
 * standard input, output and error), no URL means the demo, said so on
 * standard error, and the progress bar shows an ETA once a URL finished. */
static void
test_fetch_terminal (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *script = g_find_program_in_path ("script");
  g_autofree char *quoted = NULL;
  g_autofree char *command = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  if (script == NULL)
    {
      g_test_skip ("script(1) is not installed (Debian: bsdutils)");
      return;
    }

  quoted = g_shell_quote (g_getenv ("GAIO_FETCH"));
  command = g_strdup_printf ("%s -j 2", quoted);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_DIRS", "/usr/local/share:/usr/share", TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);
  g_subprocess_launcher_setenv (launcher, "GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, script, "-q", "-e", "-c", command,
                                         "/dev/null", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, "", NULL, &out, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  g_assert_nonnull (strstr (out, "gaio-fetch: no URL given, so fetching the demo site"));
  g_assert_nonnull (strstr (out, "Demo site at http://127.0.0.1:"));
  g_assert_true (g_regex_match_simple ("\\] [0-9]+/13 done, [0-9]+ running, [0-9]+ failed, "
                                       "ETA [0-9]+ s", out, 0, 0));
  g_assert_nonnull (strstr (out, "13 URLs: 11 succeeded, 2 failed"));
}

static void
test_fetch_quiet (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(Run) run = NULL;
  g_autofree char *out = NULL;

  run = run_fetch ("-q", url (fixture, "/page/1?delay=0"), url (fixture, "/missing?delay=0"));
  assert_exit_status (run, 1);
  out = stdout_text (run);
  g_assert_null (strstr (out, "/page/1"));
  g_assert_nonnull (strstr (out, "/missing"));
  g_assert_nonnull (strstr (out, "2 URLs: 1 succeeded, 1 failed"));
}

static void
test_fetch_demo (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(Run) run = run_fetch ("--demo");
  g_autofree char *out = stdout_text (run);

  assert_exit_status (run, 0);
  g_assert_true (g_str_has_prefix (out, "Demo site at http://127.0.0.1:"));
  g_assert_nonnull (strstr (out, "13 URLs: 11 succeeded, 2 failed (2 as the demo intends)"));
  g_assert_nonnull (strstr (out, "speed-up from concurrency"));
  g_assert_nonnull (strstr (out, "“Gaio demo 4: Sleep & timeouts”"));
  g_assert_nonnull (strstr (out, "404"));
}

static void
test_fetch_help (Fixture       *fixture,
                 gconstpointer  data)
{
  static const char *const options[] = {
    "--input", "--jobs", "--per-host", "--timeout", "--max-size", "--retries", "--ca-file",
    "--output-dir", "--json", "--quiet", "--demo", "Exit status",
  };
  g_autoptr(Run) run = run_fetch ("--help");
  g_autofree char *out = stdout_text (run);

  assert_exit_status (run, 0);
  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    g_assert_nonnull (strstr (out, options[i]));
}

/* Credentials in a URL are used and never printed, by either output. */
static void
test_fetch_credentials (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *base = gaio_demo_site_get_base_url (fixture->site);
  g_autofree char *secret = g_strdup_printf ("http://u:pw@%s/page/1", base + strlen ("http://"));
  const char *refused = "http://u:pw@127.0.0.1:1/";
  const char *modes[] = { "--jobs=2", "--json" };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      const char *argv[] = { modes[i], secret, refused, NULL };
      g_autoptr(Run) run = run_fetch_full (NULL, -1, argv);
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      assert_exit_status (run, 1);
      out = stdout_text (run);
      err = stderr_text (run);
      g_test_message ("%s", out);
      g_assert_nonnull (strstr (out, "127.0.0.1:1"));
      g_assert_null (strstr (out, "pw"));
      g_assert_null (strstr (err, "pw"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/Gaio/Fetch/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("ordering", test_fetch_ordering);
  ADD ("jobs-window", test_fetch_jobs_window);
  ADD ("human-output", test_fetch_human);
  ADD ("json-fields", test_fetch_json_fields);
  ADD ("output-dir", test_fetch_output_dir);
  ADD ("failures", test_fetch_failures);
  ADD ("deadline", test_fetch_deadline);
  ADD ("per-host", test_fetch_per_host);
  ADD ("retries", test_fetch_retries);
  ADD ("verbose", test_fetch_verbose);
  ADD ("usage-errors", test_fetch_usage);
  ADD ("sigint", test_fetch_sigint);
  ADD ("stdin", test_fetch_stdin);
  ADD ("stdin-implicit", test_fetch_stdin_implicit);
  ADD ("input-errors", test_fetch_input_errors);
  ADD ("failed-list", test_fetch_failed_list);
  ADD ("plurals", test_fetch_plurals);
  ADD ("json-shape", test_fetch_json_shape);
  ADD ("terminal", test_fetch_terminal);
  ADD ("quiet", test_fetch_quiet);
  ADD ("demo", test_fetch_demo);
  ADD ("help", test_fetch_help);
  ADD ("credentials", test_fetch_credentials);
#undef ADD

  return g_test_run ();
}
