/* gaio-fetch.c: fetch many URLs at once on one GLib main loop
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib-unix.h>
#include <gio/gunixinputstream.h>
#include <json-glib/json-glib.h>
#include <gaio.h>

#include "gaio-demo-site.h"
#include "gaio-fetch-text.h"

#define EXIT_ALL_OK      0
#define EXIT_SOME_FAILED 1
#define EXIT_USAGE       2
#define EXIT_INTERRUPTED 130

#define DEFAULT_JOBS     10
#define DEFAULT_TIMEOUT  30.0
#define DEFAULT_MAX_SIZE "64M"
#define SNIPPET_CHARS    100
#define TIMEOUT_UNSET    (-G_MAXDOUBLE)

typedef struct _Fetcher Fetcher;

/* One URL: its request, then (with -o) the file write, then its report. */
typedef struct
{
  Fetcher          *fetcher;
  char             *url;
  GaioFuture       *current;    /* the request or the write in flight */
  GaioHttpResponse *response;
  GError           *error;
  char             *title;
  char             *snippet;
  char             *file;
  gboolean          expect_failure;  /* the demo's deliberate 404 and timeout */
  gint64            start_us;
  gint64            end_us;
} FetchJob;

struct _Fetcher
{
  /* Options. */
  int              jobs;
  int              per_host;
  double           timeout;
  guint64          max_size;
  int              retries;
  char            *ca_file;
  char            *output_dir;
  gboolean         json;
  gboolean         quiet;

  GaioHttpClient  *client;
  GPtrArray       *jobs_array;  /* of FetchJob, input order */
  guint            next;        /* the next job to start */
  guint            running;
  guint            succeeded;
  guint            failed;
  guint            expected_failures;
  guint64          bytes;
  gint64           sum_us;
  gint64           start_us;
  gboolean         interrupted;
  gboolean         progress;    /* draw a bar on stderr (a terminal) */
  GaioFuture      *all_done;
};

static void start_more (Fetcher *self);

static void
fetch_job_free (FetchJob *job)
{
  g_clear_object (&job->current);
  g_clear_object (&job->response);
  g_clear_error (&job->error);
  g_free (job->url);
  g_free (job->title);
  g_free (job->snippet);
  g_free (job->file);
  g_free (job);
}

static double
job_elapsed (FetchJob *job)
{
  return (job->end_us - job->start_us) / (double) G_USEC_PER_SEC;
}

static gsize
job_bytes (FetchJob *job)
{
  GBytes *body = job->response != NULL ? gaio_http_response_get_body (job->response) : NULL;

  return body != NULL ? g_bytes_get_size (body) : 0;
}

/* Output. */

static void
progress_clear (Fetcher *self)
{
  if (self->progress)
    fputs ("\r\033[K", stderr);
}

static void
progress_draw (Fetcher *self)
{
  const guint width = 30;
  guint total = self->jobs_array->len;
  guint done = self->succeeded + self->failed;
  guint filled = total > 0 ? done * width / total : width;
  char bar[31];

  if (!self->progress)
    return;

  memset (bar, '#', filled);
  memset (bar + filled, '.', width - filled);
  bar[width] = '\0';
  fprintf (stderr, "\r\033[K[%s] %u/%u done, %u running, %u failed",
           bar, done, total, self->running, self->failed);
  fflush (stderr);
}

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
json_add_string_or_null (JsonBuilder *builder,
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
report_job_json (FetchJob *job)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *shown = gaio_http_url_redact (job->url);

  json_builder_begin_object (builder);
  json_add_string_or_null (builder, "type", "result");
  json_add_string_or_null (builder, "url", shown);
  json_add_string_or_null (builder, "final_url",
                           job->response ? gaio_http_response_get_url (job->response) : NULL);
  json_builder_set_member_name (builder, "status");
  if (job->response != NULL)
    json_builder_add_int_value (builder, gaio_http_response_get_status (job->response));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "bytes");
  json_builder_add_int_value (builder, job_bytes (job));
  json_builder_set_member_name (builder, "elapsed_ms");
  json_builder_add_int_value (builder, (job->end_us - job->start_us) / 1000);
  json_add_string_or_null (builder, "title", job->title);
  json_add_string_or_null (builder, "file", job->file);
  json_add_string_or_null (builder, "error", job->error ? job->error->message : NULL);
  json_builder_end_object (builder);

  json_print (builder);
}

static void
report_job_human (FetchJob *job)
{
  g_autofree char *size = g_format_size_full (job_bytes (job), G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *status = NULL;
  const char *final_url = job->response ? gaio_http_response_get_url (job->response) : NULL;
  g_autofree char *shown = gaio_http_url_redact (job->url);
  g_autoptr(GString) line = g_string_new (NULL);

  if (job->response != NULL)
    status = g_strdup_printf ("%u", gaio_http_response_get_status (job->response));
  else
    status = g_strdup ("ERR");

  g_string_append_printf (line, "%-3s %10s %7.3f s  %s", status, size, job_elapsed (job), shown);
  if (final_url != NULL && g_strcmp0 (final_url, shown) != 0)
    g_string_append_printf (line, " -> %s", final_url);
  if (job->error != NULL)
    g_string_append_printf (line, "  error: %s%s", job->error->message,
                            job->expect_failure ? " (as the demo intends)" : "");
  else if (job->title != NULL)
    g_string_append_printf (line, "  “%s”", job->title);
  else if (job->snippet != NULL)
    g_string_append_printf (line, "  %s…", job->snippet);
  if (job->file != NULL)
    g_string_append_printf (line, "  [%s]", job->file);

  printf ("%s\n", line->str);
}

static void
report_job (FetchJob *job)
{
  Fetcher *self = job->fetcher;

  progress_clear (self);
  if (self->json)
    report_job_json (job);
  else if (!self->quiet || job->error != NULL)
    report_job_human (job);
  fflush (stdout);
  progress_draw (self);
}

static void
report_summary (Fetcher *self)
{
  gint64 wall_us = g_get_monotonic_time () - self->start_us;
  guint cancelled = self->jobs_array->len - self->succeeded - self->failed;
  double speedup = wall_us > 0 ? (double) self->sum_us / wall_us : 0.0;

  progress_clear (self);

  if (self->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_add_string_or_null (builder, "type", "summary");
      json_builder_set_member_name (builder, "urls");
      json_builder_add_int_value (builder, self->jobs_array->len);
      json_builder_set_member_name (builder, "succeeded");
      json_builder_add_int_value (builder, self->succeeded);
      json_builder_set_member_name (builder, "failed");
      json_builder_add_int_value (builder, self->failed);
      json_builder_set_member_name (builder, "expected_failures");
      json_builder_add_int_value (builder, self->expected_failures);
      json_builder_set_member_name (builder, "cancelled");
      json_builder_add_int_value (builder, cancelled);
      json_builder_set_member_name (builder, "bytes");
      json_builder_add_int_value (builder, self->bytes);
      json_builder_set_member_name (builder, "wall_ms");
      json_builder_add_int_value (builder, wall_us / 1000);
      json_builder_set_member_name (builder, "sum_ms");
      json_builder_add_int_value (builder, self->sum_us / 1000);
      json_builder_set_member_name (builder, "speedup");
      json_builder_add_double_value (builder, speedup);
      json_builder_set_member_name (builder, "interrupted");
      json_builder_add_boolean_value (builder, self->interrupted);
      json_builder_end_object (builder);
      json_print (builder);
    }
  else
    {
      g_autofree char *size = g_format_size_full (self->bytes, G_FORMAT_SIZE_IEC_UNITS);

      printf ("\n%u URLs: %u succeeded, %u failed", self->jobs_array->len,
              self->succeeded, self->failed);
      if (self->expected_failures > 0)
        printf (" (%u as the demo intends)", self->expected_failures);
      if (cancelled > 0)
        printf (", %u cancelled", cancelled);
      printf ("%s\n", self->interrupted ? " (interrupted)" : "");
      printf ("Bytes: %s (%" G_GUINT64_FORMAT ")\n", size, self->bytes);
      printf ("Wall time: %.3f s; sum of request times: %.3f s; "
              "speed-up from concurrency: %.2fx\n",
              wall_us / (double) G_USEC_PER_SEC, self->sum_us / (double) G_USEC_PER_SEC,
              speedup);
    }
  fflush (stdout);
}

/* The fetch pipeline. */

static void
job_finish (FetchJob *job)
{
  Fetcher *self = job->fetcher;

  g_clear_object (&job->current);
  self->running--;

  /* A job cut short by Ctrl-C is neither a success nor a failure. */
  if (job->error != NULL && g_error_matches (job->error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      self->interrupted)
    {
      start_more (self);
      return;
    }

  self->sum_us += job->end_us - job->start_us;
  if (job->error != NULL)
    {
      self->failed++;
      if (job->expect_failure)
        self->expected_failures++;
    }
  else
    {
      self->succeeded++;
      self->bytes += job_bytes (job);
    }
  report_job (job);
  start_more (self);
}

static void
write_done_cb (GaioFuture *future,
               gpointer    data)
{
  FetchJob *job = data;

  if (!gaio_future_propagate (future, &job->error))
    g_clear_pointer (&job->file, g_free);
  job_finish (job);
}

static void
save_body (FetchJob *job)
{
  Fetcher *self = job->fetcher;
  GBytes *body = gaio_http_response_get_body (job->response);
  g_autoptr(GBytes) empty = NULL;

  job->file = gaio_filename_for_url_in_folder (self->output_dir, job->url, &job->error);
  if (job->file == NULL)
    {
      job_finish (job);
      return;
    }

  if (body == NULL)
    body = empty = g_bytes_new_static ("", 0);
  job->current = gaio_file_write_path (job->file, body, GAIO_FILE_WRITE_NONE);
  gaio_future_add_done_callback (job->current, write_done_cb, job, NULL);
}

static void
response_cb (GaioFuture *future,
             gpointer    data)
{
  FetchJob *job = data;
  const char *text;
  guint status;

  job->end_us = g_get_monotonic_time ();
  if (!gaio_future_propagate (future, &job->error))
    {
      job_finish (job);
      return;
    }

  job->response = g_object_ref (g_value_get_object (gaio_future_get_value (future)));
  status = gaio_http_response_get_status (job->response);
  text = gaio_http_response_get_text (job->response);
  if (text != NULL)
    {
      job->title = gaio_fetch_extract_title (text);
      if (job->title == NULL)
        job->snippet = gaio_fetch_snippet (text, SNIPPET_CHARS);
    }

  if (status >= 400)
    {
      job->error = g_error_new (GAIO_HTTP_ERROR, status, "HTTP %u %s", status,
                                gaio_http_response_get_reason (job->response));
      job_finish (job);
    }
  else if (job->fetcher->output_dir != NULL && !job->fetcher->interrupted)
    {
      g_clear_object (&job->current);
      save_body (job);
    }
  else
    job_finish (job);
}

static void
start_more (Fetcher *self)
{
  while (!self->interrupted &&
         self->running < (guint) self->jobs &&
         self->next < self->jobs_array->len)
    {
      FetchJob *job = g_ptr_array_index (self->jobs_array, self->next++);

      self->running++;
      job->start_us = g_get_monotonic_time ();
      job->current = gaio_http_client_get (self->client, job->url);
      gaio_future_add_done_callback (job->current, response_cb, job, NULL);
    }
  progress_draw (self);

  if (self->running == 0 && (self->interrupted || self->next == self->jobs_array->len) &&
      gaio_future_get_state (self->all_done) == GAIO_FUTURE_STATE_PENDING)
    gaio_future_resolve_boolean (self->all_done, TRUE);
}

static gboolean
sigint_cb (gpointer data)
{
  Fetcher *self = data;

  if (self->interrupted)
    {
      /* A second Ctrl-C: stop waiting for the cancellations to land. */
      _exit (EXIT_INTERRUPTED);
    }

  self->interrupted = TRUE;
  for (guint i = 0; i < self->next; i++)
    {
      FetchJob *job = g_ptr_array_index (self->jobs_array, i);

      if (job->current != NULL)
        gaio_future_cancel (job->current);
    }
  /* Settles all_done at once when nothing was running. */
  start_more (self);

  return G_SOURCE_CONTINUE;
}

/* Setup. */

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

static gboolean
add_urls_from_file (GPtrArray   *urls,
                    const char  *path,
                    GError     **error)
{
  g_autoptr(GInputStream) stream = NULL;

  if (g_str_equal (path, "-"))
    stream = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  else
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

      stream = G_INPUT_STREAM (g_file_read (file, NULL, error));
      if (stream == NULL)
        return FALSE;
    }

  return add_urls_from_stream (urls, stream, error);
}

static int
usage_error (GOptionContext *context,
             const char     *message)
{
  g_printerr ("gaio-fetch: %s\n", message);
  g_printerr ("Try “gaio-fetch --help” for more information.\n");
  return EXIT_USAGE;
}

int
main (int   argc,
      char *argv[])
{
  Fetcher fetcher = {
    .jobs = DEFAULT_JOBS,
    .per_host = 0,
    .timeout = TIMEOUT_UNSET,
    .retries = 0,
  };
  Fetcher *self = &fetcher;
  g_autofree char *max_size = NULL;
  g_auto(GStrv) inputs = NULL;
  g_auto(GStrv) args = NULL;
  gboolean demo = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) urls = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GaioDemoSite) site = NULL;
  g_autoptr(GaioFuture) all_done = NULL;
  guint n_user_urls = 0;
  guint sigint_id;
  int status;
  const GOptionEntry entries[] = {
    { "input", 'i', 0, G_OPTION_ARG_FILENAME_ARRAY, &inputs,
      "Read URLs from FILE, one a line (# starts a comment; - is standard input)", "FILE" },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &self->jobs,
      "Run at most N requests at once (default 10)", "N" },
    { "per-host", 0, 0, G_OPTION_ARG_INT, &self->per_host,
      "Open at most N connections to one host (default: as many as --jobs)", "N" },
    { "timeout", 't', 0, G_OPTION_ARG_DOUBLE, &self->timeout,
      "Give each request at most SECONDS in total, retries included (default 30)", "SECONDS" },
    { "max-size", 0, 0, G_OPTION_ARG_STRING, &max_size,
      "Fail a response whose body grows past SIZE, with K, M or G suffix (default 64M)", "SIZE" },
    { "retries", 0, 0, G_OPTION_ARG_INT, &self->retries,
      "Retry a GET after a connection error, a 429 or a 503, up to N times (0-100, default 0)", "N" },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &self->ca_file,
      "Trust the CA certificates in FILE (PEM) in addition to the system's", "FILE" },
    { "output-dir", 'o', 0, G_OPTION_ARG_FILENAME, &self->output_dir,
      "Save each successful body atomically in DIR under a safe name made from its URL", "DIR" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &self->json,
      "Print one JSON object per URL and a summary object, one per line", NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &self->quiet,
      "Print only failures and the summary, without a progress bar", NULL },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo,
      "Start a demo web site on 127.0.0.1 in this process and fetch it", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &args, NULL, "[URL…]" },
    G_OPTION_ENTRY_NULL
  };

  setlocale (LC_ALL, "");

  context = g_option_context_new ("- fetch many URLs at once");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_summary (context,
    "Fetches every URL concurrently on one GLib main loop with Gaio, printing\n"
    "one line per URL as it completes (status, size, time, page title or the\n"
    "first 100 characters) and a summary with the speed-up concurrency bought.\n"
    "Without any URL, or with --demo, it starts a demo web site on 127.0.0.1\n"
    "in the same process and fetches that.");
  g_option_context_set_description (context,
    "A URL fails on a transport error, a size cap, its deadline or an HTTP\n"
    "status of 400 or more; failures are reported and never stop the others.\n"
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
    "  grep -v '^#' urls.txt | gaio-fetch -i - --per-host 2 -q");

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);

  if (self->jobs < 1)
    return usage_error (context, "--jobs must be at least 1");
  if (self->per_host < 0)
    return usage_error (context, "--per-host must not be negative");
  if (self->retries < 0 || self->retries > 100)
    return usage_error (context, "--retries must be between 0 and 100");
  if (self->timeout != TIMEOUT_UNSET && !(self->timeout > 0))
    return usage_error (context, "--timeout must be a positive number of seconds");
  if (!gaio_fetch_parse_size (max_size ? max_size : DEFAULT_MAX_SIZE, &self->max_size, &error))
    return usage_error (context, error->message);

  for (guint i = 0; inputs != NULL && inputs[i] != NULL; i++)
    {
      if (!add_urls_from_file (urls, inputs[i], &error))
        {
          g_autofree char *message = g_strdup_printf ("cannot read %s: %s",
                                                      inputs[i], error->message);
          return usage_error (context, message);
        }
    }
  for (guint i = 0; args != NULL && args[i] != NULL; i++)
    g_ptr_array_add (urls, g_strdup (args[i]));

  /* No URL at all (and no input file) means the demo. */
  if (urls->len == 0 && inputs == NULL)
    demo = TRUE;

  if (self->output_dir != NULL && g_mkdir_with_parents (self->output_dir, 0777) != 0)
    {
      int saved_errno = errno;
      g_autofree char *message = g_strdup_printf ("cannot create %s: %s", self->output_dir,
                                                  g_strerror (saved_errno));
      return usage_error (context, message);
    }

  self->client = gaio_http_client_new ();
  if (self->ca_file != NULL && !gaio_http_client_set_ca_file (self->client, self->ca_file, &error))
    {
      g_autofree char *message = g_strdup_printf ("bad --ca-file: %s", error->message);

      g_clear_object (&self->client);
      return usage_error (context, message);
    }

  if (demo)
    {
      g_auto(GStrv) demo_urls = NULL;

      site = gaio_demo_site_new (&error);
      if (site == NULL)
        {
          g_printerr ("gaio-fetch: cannot start the demo site: %s\n", error->message);
          g_clear_object (&self->client);
          return EXIT_SOME_FAILED;
        }
      demo_urls = gaio_demo_site_get_demo_urls (site);
      n_user_urls = urls->len;
      for (guint i = 0; demo_urls[i] != NULL; i++)
        g_ptr_array_add (urls, g_strdup (demo_urls[i]));
      if (self->timeout == TIMEOUT_UNSET)
        self->timeout = GAIO_DEMO_SITE_TIMEOUT;
      if (!self->json && !self->quiet)
        printf ("Demo site at %s: fetching %u URLs, %d at a time, %g s deadline each\n\n",
                gaio_demo_site_get_base_url (site), urls->len, self->jobs, self->timeout);
    }
  if (self->timeout == TIMEOUT_UNSET)
    self->timeout = DEFAULT_TIMEOUT;

  /* The client does the limits, deadline, size cap, redirects and retries. */
  gaio_http_client_set_max_connections (self->client, self->jobs);
  gaio_http_client_set_max_connections_per_host (self->client,
                                                 self->per_host > 0 ? self->per_host : self->jobs);
  gaio_http_client_set_timeout (self->client, self->timeout);
  gaio_http_client_set_max_body_size (self->client, self->max_size);
  gaio_http_client_set_max_retries (self->client, self->retries);
  gaio_http_client_set_raise_for_status (self->client, FALSE);

  self->jobs_array = g_ptr_array_new_with_free_func ((GDestroyNotify) fetch_job_free);
  for (guint i = 0; i < urls->len; i++)
    {
      FetchJob *job = g_new0 (FetchJob, 1);

      job->fetcher = self;
      job->url = g_strdup (g_ptr_array_index (urls, i));
      job->expect_failure = site != NULL && i >= n_user_urls &&
                            (g_str_has_suffix (job->url, "/missing") ||
                             g_str_has_suffix (job->url, "/slow"));
      g_ptr_array_add (self->jobs_array, job);
    }

  self->progress = !self->quiet && isatty (STDERR_FILENO);
  self->all_done = all_done = gaio_future_new ();
  self->start_us = g_get_monotonic_time ();
  sigint_id = g_unix_signal_add (SIGINT, sigint_cb, self);

  start_more (self);
  gaio_run (all_done, NULL);
  report_summary (self);

  g_source_remove (sigint_id);

  if (self->interrupted)
    status = EXIT_INTERRUPTED;
  else if (self->failed > self->expected_failures)
    status = EXIT_SOME_FAILED;
  else
    status = EXIT_ALL_OK;

  g_clear_pointer (&self->jobs_array, g_ptr_array_unref);
  g_clear_object (&self->client);
  g_clear_pointer (&site, gaio_demo_site_free);
  g_free (self->ca_file);
  g_free (self->output_dir);

  return status;
}
