/* gaio-fetch.c: fetch many URLs at once on one GLib main loop
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

/* gaio-fetch is written the way Gaio teaches: one task per URL, written
 * straight down with gaio_await(); a semaphore holding the number of
 * requests in flight to --jobs; a task group that finishes when every URL
 * is done and that Ctrl-C cancels as a whole. The shape is asyncio's:
 *
 *     async with TaskGroup() as group:
 *         for url in urls:
 *             await slots.acquire()
 *             group.create_task(fetch_one(url))    # releases its slot
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <glib-unix.h>
#include <gio/gunixinputstream.h>
#include <json-glib/json-glib.h>
#include <gaio.h>

#include "gaio-demo-site.h"
#include "gaio-fetch-text.h"
#include "gaio-fetch-trace.h"

#define EXIT_ALL_OK      0
#define EXIT_SOME_FAILED 1
#define EXIT_USAGE       2
#define EXIT_INTERRUPTED 130

#define DEFAULT_JOBS     10
#define DEFAULT_TIMEOUT  30.0
#define DEFAULT_MAX_SIZE "64M"
#define SNIPPET_CHARS    100
#define TIMEOUT_UNSET    (-G_MAXDOUBLE)
#define BAR_WIDTH        30
/* Below this, "speed-up from concurrency" is noise, not a gain. */
#define MIN_SPEEDUP      1.1

typedef struct
{
  int        jobs;
  int        per_host;
  double     timeout;
  char      *max_size_text;
  guint64    max_size;
  int        retries;
  char      *ca_file;
  char      *output_dir;
  gboolean   json;
  gboolean   quiet;
  gboolean   verbose;
  gboolean   demo;
  char     **inputs;
  char     **urls;
} Options;

typedef struct _Fetch Fetch;

/* One URL and what became of it. */
typedef struct
{
  Fetch            *fetch;
  char             *url;
  char             *shown_url;  /* url without its credentials, for printing */
  GaioHttpResponse *response;
  GError           *error;
  char             *title;
  char             *snippet;
  char             *file;
  gboolean          expect_failure;  /* the demo's deliberate 404 and timeout */
  gboolean          counted;         /* finished, not cut short by Ctrl-C */
  gint64            start_us;
  gint64            end_us;
} Job;

struct _Fetch
{
  Options         options;
  GaioHttpClient *client;
  GaioDemoSite   *site;
  GPtrArray      *jobs;       /* of Job, in input order */
  GaioSemaphore  *slots;      /* one per request allowed in flight */
  GaioTaskGroup  *group;      /* the feeder and every URL's task */
  guint           running;
  guint           succeeded;
  guint           failed;
  guint           expected_failures;
  guint64         bytes;
  gint64          sum_us;
  gint64          start_us;
  gboolean        interrupted;
  gboolean        progress;   /* redraw a bar on stderr, a terminal */
};

static void
job_free (Job *job)
{
  g_clear_object (&job->response);
  g_clear_error (&job->error);
  g_free (job->url);
  g_free (job->shown_url);
  g_free (job->title);
  g_free (job->snippet);
  g_free (job->file);
  g_free (job);
}

static gsize
job_bytes (Job *job)
{
  GBytes *body = job->response != NULL ? gaio_http_response_get_body (job->response) : NULL;

  return body != NULL ? g_bytes_get_size (body) : 0;
}

static const char *
job_final_url (Job *job)
{
  return job->response != NULL ? gaio_http_response_get_url (job->response) : NULL;
}

/* "1 URL", "2 URLs". */
static char *
count (guint       n,
       const char *one,
       const char *many)
{
  return g_strdup_printf ("%u %s", n, n == 1 ? one : many);
}

/* Output: the progress bar. */

static void
progress_clear (Fetch *self)
{
  if (self->progress)
    fputs ("\r\033[K", stderr);
}

static void
progress_draw (Fetch *self)
{
  double elapsed = (g_get_monotonic_time () - self->start_us) / (double) G_USEC_PER_SEC;
  g_autofree char *line = NULL;

  if (!self->progress)
    return;

  line = gaio_fetch_progress_line (self->succeeded + self->failed, self->jobs->len,
                                   self->running, self->failed, elapsed, BAR_WIDTH);
  fprintf (stderr, "\r\033[K%s", line);
  fflush (stderr);
}

/* Keeps the ETA moving while no request finishes. */
static gboolean
progress_tick_cb (gpointer data)
{
  progress_draw (data);
  return G_SOURCE_CONTINUE;
}

/* Output: one URL. */

static void
json_print (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

static void
json_add_string (JsonBuilder *builder,
                 const char  *name,
                 const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
json_add_int (JsonBuilder *builder,
              const char  *name,
              gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
report_job_json (Job *job)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_add_string (builder, "type", "result");
  json_add_string (builder, "url", job->shown_url);
  json_add_string (builder, "final_url", job_final_url (job));
  if (job->response != NULL)
    json_add_int (builder, "status", gaio_http_response_get_status (job->response));
  else
    json_add_string (builder, "status", NULL);
  json_add_int (builder, "bytes", job_bytes (job));
  json_add_int (builder, "elapsed_ms", (job->end_us - job->start_us) / 1000);
  json_add_string (builder, "title", job->title);
  json_add_string (builder, "file", job->file);
  json_add_string (builder, "error", job->error != NULL ? job->error->message : NULL);
  json_builder_end_object (builder);
  json_print (builder);
}

static const char *
demo_note (Job *job)
{
  return job->expect_failure ? " (as the demo intends)" : "";
}

static void
report_job_human (Job *job)
{
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *size = NULL;
  const char *final_url = job_final_url (job);
  double elapsed = (job->end_us - job->start_us) / (double) G_USEC_PER_SEC;

  /* No response, no size: "ERR - 1.011 s", not "ERR 0 bytes". */
  if (job->response != NULL)
    {
      size = g_format_size_full (job_bytes (job), G_FORMAT_SIZE_IEC_UNITS);
      g_string_append_printf (line, "%-3u %10s", gaio_http_response_get_status (job->response), size);
    }
  else
    g_string_append_printf (line, "%-3s %10s", "ERR", "-");

  g_string_append_printf (line, " %7.3f s  %s", elapsed, job->shown_url);
  if (final_url != NULL && g_strcmp0 (final_url, job->shown_url) != 0)
    g_string_append_printf (line, " -> %s", final_url);
  if (job->error != NULL)
    g_string_append_printf (line, "  error: %s%s", job->error->message, demo_note (job));
  else if (job->title != NULL)
    g_string_append_printf (line, "  “%s”", job->title);
  else if (job->snippet != NULL)
    g_string_append_printf (line, "  %s…", job->snippet);
  if (job->file != NULL)
    g_string_append_printf (line, "  [%s]", job->file);

  printf ("%s\n", line->str);
}

static void
report_job (Job *job)
{
  Fetch *self = job->fetch;

  progress_clear (self);
  if (self->options.json)
    report_job_json (job);
  else if (!self->options.quiet || job->error != NULL)
    report_job_human (job);
  fflush (stdout);
  progress_draw (self);
}

/* Output: the summary. */

static guint
n_cancelled (Fetch *self)
{
  return self->jobs->len - self->succeeded - self->failed;
}

static void
report_summary_json (Fetch  *self,
                     gint64  wall_us,
                     double  speedup)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_add_string (builder, "type", "summary");
  json_add_int (builder, "urls", self->jobs->len);
  json_add_int (builder, "succeeded", self->succeeded);
  json_add_int (builder, "failed", self->failed);
  json_add_int (builder, "expected_failures", self->expected_failures);
  json_add_int (builder, "cancelled", n_cancelled (self));
  json_add_int (builder, "bytes", self->bytes);
  json_add_int (builder, "wall_ms", wall_us / 1000);
  json_add_int (builder, "sum_ms", self->sum_us / 1000);
  json_builder_set_member_name (builder, "speedup");
  json_builder_add_double_value (builder, speedup);
  json_builder_set_member_name (builder, "interrupted");
  json_builder_add_boolean_value (builder, self->interrupted);
  json_builder_end_object (builder);
  json_print (builder);
}

/* "Failed:" and one line per failed URL, in input order. */
static void
report_failures (Fetch *self)
{
  if (self->failed == 0)
    return;

  printf ("Failed:\n");
  for (guint i = 0; i < self->jobs->len; i++)
    {
      Job *job = g_ptr_array_index (self->jobs, i);

      if (job->counted && job->error != NULL)
        printf ("  %s: %s%s\n", job->shown_url, job->error->message, demo_note (job));
    }
}

static void
report_summary_human (Fetch  *self,
                      gint64  wall_us,
                      double  speedup)
{
  g_autofree char *urls = count (self->jobs->len, "URL", "URLs");
  g_autofree char *size = g_format_size_full (self->bytes, G_FORMAT_SIZE_IEC_UNITS);

  if (self->jobs->len == 0)
    {
      printf ("No URL to fetch.\n");
      return;
    }

  printf ("\n%s: %u succeeded, %u failed", urls, self->succeeded, self->failed);
  if (self->expected_failures > 0)
    printf (" (%u as the demo intends)", self->expected_failures);
  if (n_cancelled (self) > 0)
    printf (", %u cancelled", n_cancelled (self));
  printf ("%s\n", self->interrupted ? " (interrupted)" : "");
  report_failures (self);

  /* The exact count only when the short form rounded it. */
  if (self->bytes == 0)
    printf ("Received: nothing\n");
  else if (self->bytes < 1024)
    printf ("Received: %s\n", size);
  else
    printf ("Received: %s (%" G_GUINT64_FORMAT " bytes)\n", size, self->bytes);

  printf ("Wall time: %.3f s", wall_us / (double) G_USEC_PER_SEC);
  if (self->succeeded + self->failed > 1 && speedup >= MIN_SPEEDUP)
    printf ("; sum of request times: %.3f s; speed-up from concurrency: %.2fx",
            self->sum_us / (double) G_USEC_PER_SEC, speedup);
  printf ("\n");
}

static void
report (Fetch *self)
{
  gint64 wall_us = g_get_monotonic_time () - self->start_us;
  double speedup = wall_us > 0 ? (double) self->sum_us / wall_us : 0.0;

  progress_clear (self);
  if (self->options.json)
    report_summary_json (self, wall_us, speedup);
  else
    report_summary_human (self, wall_us, speedup);
  fflush (stdout);
}

/* One URL's task. */

/* Awaits the response; a status of 400 or more is a failure too. */
static gboolean
get_page (Job *job)
{
  g_autoptr(GaioFuture) request = gaio_http_client_get (job->fetch->client, job->url);
  const GValue *value = gaio_await (request, &job->error);
  const char *text;
  guint status;

  job->end_us = g_get_monotonic_time ();
  if (value == NULL)
    return FALSE;

  job->response = g_value_dup_object (value);
  text = gaio_http_response_get_text (job->response);
  if (text != NULL)
    {
      job->title = gaio_fetch_extract_title (text);
      if (job->title == NULL)
        job->snippet = gaio_fetch_snippet (text, SNIPPET_CHARS);
    }

  status = gaio_http_response_get_status (job->response);
  if (status >= 400)
    {
      job->error = g_error_new (GAIO_HTTP_ERROR, status, "HTTP %u %s", status,
                                gaio_http_response_get_reason (job->response));
      return FALSE;
    }
  return TRUE;
}

/* Saves the body atomically; a cancelled write leaves no file at all. */
static void
save_page (GaioTask *task,
           Job      *job)
{
  GBytes *body = gaio_http_response_get_body (job->response);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GaioFuture) write = NULL;

  /* A Ctrl-C that came while this task waited to resume is only reported
   * by the next gaio_await(), which would leave the write running. */
  if (gaio_task_get_cancel_requested (task))
    {
      g_set_error_literal (&job->error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
      return;
    }

  job->file = gaio_filename_for_url_in_folder_with_type (
      job->fetch->options.output_dir, job->url,
      gaio_http_response_get_content_type (job->response), &job->error);
  if (job->file == NULL)
    return;

  write = gaio_file_write_path (job->file, body != NULL ? body : empty, GAIO_FILE_WRITE_NONE);
  if (gaio_await (write, &job->error) == NULL)
    g_clear_pointer (&job->file, g_free);
}

/* Counts and reports a finished URL; one cut short by Ctrl-C is neither a
 * success nor a failure. */
static void
finish_job (Job *job)
{
  Fetch *self = job->fetch;

  if (self->interrupted && g_error_matches (job->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  job->counted = TRUE;
  self->sum_us += job->end_us - job->start_us;
  if (job->error != NULL)
    {
      self->failed++;
      self->expected_failures += job->expect_failure;
    }
  else
    {
      self->succeeded++;
      self->bytes += job_bytes (job);
    }
  report_job (job);
}

static void
fetch_one (GaioTask *task,
           gpointer  data)
{
  Job *job = data;
  Fetch *self = job->fetch;

  self->running++;
  progress_draw (self);

  job->start_us = g_get_monotonic_time ();
  if (get_page (job) && self->options.output_dir != NULL)
    save_page (task, job);

  self->running--;
  gaio_semaphore_release (self->slots);
  finish_job (job);
}

/* Starts one task per URL, in input order, each once a slot is free, then
 * closes the group. Spawning as slots free up rather than all at once keeps
 * a million-line input from holding a million fibers. */
static void
feed (GaioTask *task,
      gpointer  data)
{
  Fetch *self = data;

  for (guint i = 0; i < self->jobs->len; i++)
    {
      g_autoptr(GaioFuture) slot = gaio_semaphore_acquire (self->slots);

      if (gaio_await (slot, NULL) == NULL)
        break;  /* Ctrl-C: the group is cancelling everything */
      gaio_task_group_spawn (self->group, "fetch", fetch_one, g_ptr_array_index (self->jobs, i),
                             NULL);
    }
  gaio_task_group_close (self->group);
}

static gboolean
sigint_cb (gpointer data)
{
  Fetch *self = data;

  /* A second Ctrl-C: stop waiting for the cancellations to land. */
  if (self->interrupted)
    _exit (EXIT_INTERRUPTED);

  self->interrupted = TRUE;
  gaio_future_cancel (GAIO_FUTURE (self->group));
  return G_SOURCE_CONTINUE;
}

static int
exit_status (Fetch *self)
{
  if (self->interrupted)
    return EXIT_INTERRUPTED;
  if (self->failed > self->expected_failures)
    return EXIT_SOME_FAILED;
  return EXIT_ALL_OK;
}

/* Fetches every job and reports; returns the exit status. */
static int
run (Fetch *self)
{
  g_autoptr(GaioTaskGroup) group = gaio_task_group_new ();
  g_autoptr(GaioSemaphore) slots = gaio_semaphore_new (self->options.jobs);
  guint sigint_id;
  guint tick_id = 0;

  self->group = group;
  self->slots = slots;
  /* The trace and a redrawn bar would garble each other on stderr. */
  self->progress = !self->options.quiet && !self->options.verbose && isatty (STDERR_FILENO);
  self->start_us = g_get_monotonic_time ();
  sigint_id = g_unix_signal_add (SIGINT, sigint_cb, self);
  if (self->progress)
    tick_id = g_timeout_add_seconds (1, progress_tick_cb, self);

  gaio_task_group_spawn (group, "feed", feed, self, NULL);
  /* Settles when every task is done, or once Ctrl-C cancelled them all. */
  gaio_run (GAIO_FUTURE (group), NULL);

  g_clear_handle_id (&tick_id, g_source_remove);
  g_clear_handle_id (&sigint_id, g_source_remove);
  report (self);
  self->group = NULL;
  self->slots = NULL;

  return exit_status (self);
}

/* Setup: options and URLs. */

static gboolean
add_urls_from_stream (GPtrArray     *urls,
                      GInputStream  *stream,
                      GError       **error)
{
  g_autoptr(GDataInputStream) data = g_data_input_stream_new (stream);

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *line = g_data_input_stream_read_line_utf8 (data, NULL, NULL, &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (line == NULL)
        return TRUE;
      g_strstrip (line);
      if (*line != '\0' && *line != '#')
        g_ptr_array_add (urls, g_steal_pointer (&line));
    }
}

/* Reads the URLs in @path ("-": standard input). The error names the path
 * once: the system's reason is taken bare, not GIO's sentence that already
 * holds the path. */
static gboolean
add_urls_from_file (GPtrArray   *urls,
                    const char  *path,
                    GError     **error)
{
  gboolean is_stdin = g_str_equal (path, "-");
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  int fd = is_stdin ? STDIN_FILENO : g_open (path, O_RDONLY | O_CLOEXEC, 0);
  GStatBuf st;

  /* A folder opens fine and fails on the first read, in GIO's words. */
  if (!is_stdin && fd >= 0 && fstat (fd, &st) == 0 && S_ISDIR (st.st_mode))
    {
      close (fd);
      fd = -1;
      errno = EISDIR;
    }
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "cannot read %s: %s",
                   path, g_strerror (saved_errno));
      return FALSE;
    }

  stream = g_unix_input_stream_new (fd, !is_stdin);
  if (!add_urls_from_stream (urls, stream, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code, "cannot read %s: %s",
                   is_stdin ? "standard input" : path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* The URLs of -i files, then those of the command line; standard input
 * when neither gives any and it is not a terminal. */
static gboolean
collect_urls (Options    *options,
              GPtrArray  *urls,
              GError    **error)
{
  gboolean given = options->inputs != NULL || options->urls != NULL;

  if (!given && !options->demo && !isatty (STDIN_FILENO))
    return add_urls_from_file (urls, "-", error);

  for (guint i = 0; options->inputs != NULL && options->inputs[i] != NULL; i++)
    if (!add_urls_from_file (urls, options->inputs[i], error))
      return FALSE;
  for (guint i = 0; options->urls != NULL && options->urls[i] != NULL; i++)
    g_ptr_array_add (urls, g_strdup (options->urls[i]));

  /* Nothing at all, typed at a terminal: show what the tool does. */
  if (!given && !options->demo)
    {
      g_printerr ("gaio-fetch: no URL given, so fetching the demo site "
                  "(see “gaio-fetch --help”)\n");
      options->demo = TRUE;
    }
  return TRUE;
}

static void
options_clear (Options *options)
{
  g_clear_pointer (&options->max_size_text, g_free);
  g_clear_pointer (&options->ca_file, g_free);
  g_clear_pointer (&options->output_dir, g_free);
  g_clear_pointer (&options->inputs, g_strfreev);
  g_clear_pointer (&options->urls, g_strfreev);
}

static GOptionContext *
option_context_new (Options *options)
{
  const GOptionEntry entries[] = {
    { "input", 'i', 0, G_OPTION_ARG_FILENAME_ARRAY, &options->inputs,
      "Read URLs from FILE, one a line (# starts a comment; - is standard input)", "FILE" },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &options->jobs,
      "Run at most N requests at once (default 10)", "N" },
    { "per-host", 0, 0, G_OPTION_ARG_INT, &options->per_host,
      "Open at most N connections to one host (default: as many as --jobs)", "N" },
    { "timeout", 't', 0, G_OPTION_ARG_DOUBLE, &options->timeout,
      "Give each request at most SECONDS in total, retries included (default 30)", "SECONDS" },
    { "max-size", 0, 0, G_OPTION_ARG_STRING, &options->max_size_text,
      "Fail a response whose body grows past SIZE, with K, M or G suffix (default 64M)", "SIZE" },
    { "retries", 0, 0, G_OPTION_ARG_INT, &options->retries,
      "Retry a GET after a connection error, a 429 or a 503, up to N times (0-100, default 0)", "N" },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &options->ca_file,
      "Trust the CA certificates in FILE (PEM) in addition to the system's", "FILE" },
    { "output-dir", 'o', 0, G_OPTION_ARG_FILENAME, &options->output_dir,
      "Save each successful body atomically in DIR under a safe name made from its URL", "DIR" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options->json,
      "Print one JSON object per URL and a summary object, one per line", NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &options->quiet,
      "Print only failures and the summary, without a progress bar", NULL },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &options->verbose,
      "Trace each request on standard error: queued, started, redirects, retries, "
      "and how it finished (HTTP version, timings, bytes)", NULL },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &options->demo,
      "Start a demo web site on 127.0.0.1 in this process and fetch it", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->urls, NULL, "[URL…]" },
    G_OPTION_ENTRY_NULL
  };
  GOptionContext *context = g_option_context_new ("- fetch many URLs at once");

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_summary (context,
    "Fetches every URL concurrently on one GLib main loop with Gaio, printing\n"
    "one line per URL as it completes (status, size, time, page title or the\n"
    "first 100 characters) and a summary with the failed URLs and the speed-up\n"
    "concurrency bought. URLs come from the command line and -i files; with\n"
    "neither, from standard input when it is not a terminal. With --demo, or\n"
    "with no URL at all on a terminal, it starts a demo web site on 127.0.0.1\n"
    "in the same process and fetches that.");
  g_option_context_set_description (context,
    "A URL fails on a transport error, a size cap, its deadline or an HTTP\n"
    "status of 400 or more; failures are reported and never stop the others.\n"
    "With -o, a saved file keeps the URL's extension, or gets one from the\n"
    "Content-Type when the URL has none.\n"
    "With --json every line of standard output is one JSON object: per URL\n"
    "{\"type\": \"result\", \"url\", \"final_url\", \"status\", \"bytes\",\n"
    "\"elapsed_ms\", \"title\", \"file\", \"error\"} (null when absent), then\n"
    "{\"type\": \"summary\", \"urls\", \"succeeded\", \"failed\",\n"
    "\"expected_failures\", \"cancelled\", \"bytes\", \"wall_ms\", \"sum_ms\",\n"
    "\"speedup\", \"interrupted\"}.\n"
    "\n"
    "Ctrl-C cancels the requests in flight, keeps the files already saved,\n"
    "leaves no partial or temporary file and prints the summary.\n"
    "\n"
    "Exit status: 0 when every URL succeeded, 1 when some failed, 2 on a\n"
    "usage error (bad option or size, unreadable input file), 130 after Ctrl-C.\n"
    "The demo's 404 and too-slow page fail on purpose and do not count.\n"
    "\n"
    "Examples:\n"
    "  gaio-fetch --demo\n"
    "  gaio-fetch -j 4 -o pages https://example.org/ https://example.com/\n"
    "  gaio-fetch --json -t 5 -i urls.txt > results.jsonl\n"
    "  grep -v '^#' urls.txt | gaio-fetch --per-host 2 -q\n"
    "\n"
    "See gaio-fetch(1).");
  return context;
}

/* Parses and checks the command line; FALSE with @error set on a usage
 * error. */
static gboolean
parse_options (Options   *options,
               int       *argc,
               char    ***argv,
               GError   **error)
{
  g_autoptr(GOptionContext) context = option_context_new (options);

  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;

  if (options->jobs < 1)
    g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                         "--jobs must be at least 1");
  else if (options->per_host < 0)
    g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                         "--per-host must not be negative");
  else if (options->retries < 0 || options->retries > 100)
    g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                         "--retries must be between 0 and 100");
  else if (options->timeout != TIMEOUT_UNSET && !(options->timeout > 0))
    g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                         "--timeout must be a positive number of seconds");
  else
    return gaio_fetch_parse_size (options->max_size_text ? options->max_size_text : DEFAULT_MAX_SIZE,
                                  &options->max_size, error);
  return FALSE;
}

/* Setup: the client, the output folder, the demo site and the jobs. */

static gboolean
setup_client (Fetch   *self,
              GError **error)
{
  Options *options = &self->options;
  g_autoptr(GError) local_error = NULL;

  if (options->output_dir != NULL && g_mkdir_with_parents (options->output_dir, 0777) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "cannot create %s: %s",
                   options->output_dir, g_strerror (saved_errno));
      return FALSE;
    }

  self->client = gaio_http_client_new ();
  if (options->ca_file != NULL &&
      !gaio_http_client_set_ca_file (self->client, options->ca_file, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code, "bad --ca-file: %s",
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* The client does the limits, deadline, size cap, redirects and retries. */
static void
configure_client (Fetch *self)
{
  Options *options = &self->options;

  gaio_http_client_set_max_connections (self->client, options->jobs);
  gaio_http_client_set_max_connections_per_host (self->client,
                                                 options->per_host > 0 ? options->per_host
                                                                       : options->jobs);
  gaio_http_client_set_timeout (self->client, options->timeout);
  gaio_http_client_set_max_body_size (self->client, options->max_size);
  gaio_http_client_set_max_retries (self->client, options->retries);
  gaio_http_client_set_raise_for_status (self->client, FALSE);
  if (options->verbose)
    gaio_fetch_trace_attach (self->client);
}

static void
add_job (Fetch      *self,
         const char *url,
         gboolean    expect_failure)
{
  Job *job = g_new0 (Job, 1);

  job->fetch = self;
  job->url = g_strdup (url);
  job->shown_url = gaio_http_url_redact (url);
  job->expect_failure = expect_failure;
  g_ptr_array_add (self->jobs, job);
}

static gboolean
start_demo (Fetch   *self,
            GError **error)
{
  g_auto(GStrv) urls = NULL;

  self->site = gaio_demo_site_new (error);
  if (self->site == NULL)
    return FALSE;

  urls = gaio_demo_site_get_demo_urls (self->site);
  for (guint i = 0; urls[i] != NULL; i++)
    add_job (self, urls[i], g_str_has_suffix (urls[i], "/missing") ||
                            g_str_has_suffix (urls[i], "/slow"));
  if (self->options.timeout == TIMEOUT_UNSET)
    self->options.timeout = GAIO_DEMO_SITE_TIMEOUT;
  if (!self->options.json && !self->options.quiet)
    {
      g_autofree char *n_urls = count (self->jobs->len, "URL", "URLs");

      printf ("Demo site at %s: fetching %s, %d at a time, %g s deadline each\n\n",
              gaio_demo_site_get_base_url (self->site), n_urls, self->options.jobs,
              self->options.timeout);
    }
  return TRUE;
}

static void
fetch_clear (Fetch *self)
{
  g_clear_pointer (&self->jobs, g_ptr_array_unref);
  g_clear_object (&self->client);
  g_clear_pointer (&self->site, gaio_demo_site_free);
  options_clear (&self->options);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Fetch, fetch_clear)

static int
usage_error (const char *message)
{
  g_printerr ("gaio-fetch: %s\n", message);
  g_printerr ("Try “gaio-fetch --help” for more information.\n");
  return EXIT_USAGE;
}

int
main (int   argc,
      char *argv[])
{
  g_auto(Fetch) fetch = {
    .options = { .jobs = DEFAULT_JOBS, .timeout = TIMEOUT_UNSET },
    .jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) job_free),
  };
  g_autoptr(GPtrArray) urls = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "");

  if (!parse_options (&fetch.options, &argc, &argv, &error) ||
      !collect_urls (&fetch.options, urls, &error) ||
      !setup_client (&fetch, &error))
    return usage_error (error->message);

  for (guint i = 0; i < urls->len; i++)
    add_job (&fetch, g_ptr_array_index (urls, i), FALSE);
  if (fetch.options.demo && !start_demo (&fetch, &error))
    {
      g_printerr ("gaio-fetch: cannot start the demo site: %s\n", error->message);
      return EXIT_SOME_FAILED;
    }
  if (fetch.options.timeout == TIMEOUT_UNSET)
    fetch.options.timeout = DEFAULT_TIMEOUT;
  configure_client (&fetch);

  return run (&fetch);
}
