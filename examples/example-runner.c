/* example-runner.c: runs one example program against the demo site
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 *
 * Usage: example-runner [--stderr PATTERN] EXPECTED PROGRAM [ARG…]
 *
 * Starts the demo site on 127.0.0.1, runs PROGRAM ARG… BASE_URL in a fresh
 * temporary folder, and checks that it exits with 0 and that its standard
 * output matches EXPECTED line by line. Each expected line is a GLib glob
 * (`*` and `?`) after `@BASE@` is replaced by the site's URL, so timing
 * values are written as `*`. With --stderr, standard error must match
 * PATTERN somewhere (a glob too). The same runner serves all four languages.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "gaio-demo-site.h"

#define RUN_TIMEOUT_S 30

typedef struct
{
  char     *out;
  char     *err;
  GError   *error;
  gboolean  done;
} Result;

static void
communicate_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  Result *res = data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result,
                                        &res->out, &res->err, &res->error);
  res->done = TRUE;
}

static gboolean
timeout_cb (gpointer data)
{
  g_printerr ("example-runner: timed out after %d s\n", RUN_TIMEOUT_S);
  g_subprocess_force_exit (data);
  return G_SOURCE_REMOVE;
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

static char *
replace_base (const char *line,
              const char *base)
{
  g_auto(GStrv) parts = g_strsplit (line, "@BASE@", -1);

  return g_strjoinv (base, parts);
}

static gboolean
check_output (const char *expected_text,
              const char *actual_text,
              const char *base)
{
  g_auto(GStrv) expected = g_strsplit (expected_text, "\n", -1);
  g_auto(GStrv) actual = g_strsplit (actual_text, "\n", -1);
  guint n_expected = g_strv_length (expected);
  guint n_actual = g_strv_length (actual);
  gboolean ok = TRUE;

  /* Both end with a newline: drop the empty last piece. */
  if (n_expected > 0 && *expected[n_expected - 1] == '\0')
    n_expected--;
  if (n_actual > 0 && *actual[n_actual - 1] == '\0')
    n_actual--;

  for (guint i = 0; i < MAX (n_expected, n_actual); i++)
    {
      g_autofree char *pattern = i < n_expected ? replace_base (expected[i], base) : NULL;
      const char *line = i < n_actual ? actual[i] : NULL;

      if (pattern == NULL || line == NULL || !g_pattern_match_simple (pattern, line))
        {
          g_printerr ("line %u: expected %s%s%s\n"
                      "         got      %s%s%s\n", i + 1,
                      pattern ? "\"" : "", pattern ? pattern : "(nothing)", pattern ? "\"" : "",
                      line ? "\"" : "", line ? line : "(nothing)", line ? "\"" : "");
          ok = FALSE;
        }
    }

  return ok;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GaioDemoSite) site = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *tmpdir = NULL;
  const char *stderr_pattern = NULL;
  Result result = { NULL, };
  guint timeout_id;
  gboolean ok = TRUE;
  int first = 1;

  if (argc > 2 && g_str_equal (argv[1], "--stderr"))
    {
      stderr_pattern = argv[2];
      first = 3;
    }
  if (argc - first < 2)
    {
      g_printerr ("usage: example-runner [--stderr PATTERN] EXPECTED PROGRAM [ARG…]\n");
      return 2;
    }

  if (!g_file_get_contents (argv[first], &expected, NULL, &error))
    {
      g_printerr ("example-runner: %s\n", error->message);
      return 2;
    }

  site = gaio_demo_site_new (&error);
  g_assert_no_error (error);
  /* Under valgrind this process serves slowly: widen the gaps between the
   * pages' delays so that completion order stays what the delays say. */
  if (g_getenv ("GAIO_UNDER_VALGRIND") != NULL)
    gaio_demo_site_set_delay_scale (site, 5);
  tmpdir = g_dir_make_tmp ("gaio-example-XXXXXX", &error);
  g_assert_no_error (error);

  /* The program runs in the temporary folder: make relative paths absolute. */
  for (int i = first + 1; i < argc; i++)
    {
      if (!g_path_is_absolute (argv[i]) && g_file_test (argv[i], G_FILE_TEST_EXISTS))
        argv[i] = g_canonicalize_filename (argv[i], NULL);
      g_ptr_array_add (args, argv[i]);
    }
  g_ptr_array_add (args, (gpointer) gaio_demo_site_get_base_url (site));
  g_ptr_array_add (args, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_cwd (launcher, tmpdir);
  g_subprocess_launcher_setenv (launcher, "PYTHONUNBUFFERED", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "PYTHONDONTWRITEBYTECODE", "1", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  if (process == NULL)
    {
      g_printerr ("example-runner: %s\n", error->message);
      remove_tree (tmpdir);
      return 1;
    }

  timeout_id = g_timeout_add_seconds (RUN_TIMEOUT_S, timeout_cb, process);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, communicate_cb, &result);
  while (!result.done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout_id);
  remove_tree (tmpdir);

  if (result.error != NULL)
    {
      g_printerr ("example-runner: %s\n", result.error->message);
      g_error_free (result.error);
      return 1;
    }

  g_print ("%s", result.out);
  g_printerr ("%s", result.err);

  if (!g_subprocess_get_successful (process))
    {
      g_printerr ("example-runner: %s did not exit with 0\n", argv[first + 1]);
      ok = FALSE;
    }
  if (!check_output (expected, result.out, gaio_demo_site_get_base_url (site)))
    ok = FALSE;
  if (stderr_pattern != NULL)
    {
      g_autofree char *pattern = g_strdup_printf ("*%s*", stderr_pattern);

      if (!g_pattern_match_simple (pattern, result.err))
        {
          g_printerr ("example-runner: standard error does not match “%s”\n", stderr_pattern);
          ok = FALSE;
        }
    }
  /* Bindings log uncaught exceptions instead of dying: any is a failure,
   * and so is any warning unless the example expects one (--stderr). */
  if (strstr (result.err, "Traceback (most recent call last)") != NULL ||
      strstr (result.err, "JS ERROR") != NULL ||
      strstr (result.err, "-CRITICAL **") != NULL ||
      (stderr_pattern == NULL &&
       (strstr (result.err, "-WARNING **") != NULL || strstr (result.err, "Warning: ") != NULL)))
    {
      g_printerr ("example-runner: an uncaught error, a critical or a warning was logged\n");
      ok = FALSE;
    }

  g_free (result.out);
  g_free (result.err);

  return ok ? 0 : 1;
}
