/* gaio-http-download.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include "gaio-executor-private.h"
#include "gaio-http-download-private.h"

typedef enum {
  STEP_OPEN,
  STEP_WRITE,
  STEP_COMMIT,
  STEP_ABORT,
} StepKind;

typedef struct
{
  StepKind        kind;
  char           *path;         /* open */
  GaioAtomicFile *file;         /* the other steps */
  const void     *data;         /* write; the caller keeps it alive until the callback */
  gsize           len;
  GCancellable   *cancellable;
} Step;

static void
step_free (gpointer data)
{
  Step *step = data;

  g_free (step->path);
  g_clear_object (&step->cancellable);
  g_free (step);
}

static void
step_run (GTask *task,
          Step  *step)
{
  GError *error = NULL;
  GaioAtomicFile *file;

  switch (step->kind)
    {
    case STEP_OPEN:
      file = gaio_atomic_file_open (step->path, 0, &error);
      if (file == NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, file, (GDestroyNotify) gaio_atomic_file_abort);
      return;

    case STEP_WRITE:
      if (!gaio_atomic_file_write (step->file, step->data, step->len, step->cancellable, &error))
        g_task_return_error (task, error);
      else
        g_task_return_boolean (task, TRUE);
      return;

    case STEP_COMMIT:
      if (!gaio_atomic_file_commit (step->file, step->cancellable, &error))
        g_task_return_error (task, error);
      else
        g_task_return_boolean (task, TRUE);
      return;

    case STEP_ABORT:
      gaio_atomic_file_abort (step->file);
      g_task_return_boolean (task, TRUE);
      return;

    default:
      g_assert_not_reached ();
    }
}

/* Runs on Gaio's worker pool, under its bound, never skipped: abort must
 * run, and the steps that can stop check the cancellable themselves. */
static void
step_job (gpointer data,
          gboolean skipped)
{
  g_autoptr(GTask) task = data;

  step_run (task, g_task_get_task_data (task));
}

/* The task gets no cancellable: GTask would report "cancelled" for a step
 * that has already happened (a file created, a rename done), and the
 * caller would lose track of the temporary file. */
static void
step_start (Step                *step,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  GTask *task = g_task_new (NULL, NULL, callback, user_data);

  g_task_set_source_tag (task, step_start);
  step->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  g_task_set_task_data (task, step, step_free);
  gaio_executor_push (step_job, task, NULL);
}

static Step *
step_new (StepKind        kind,
          GaioAtomicFile *file)
{
  Step *step = g_new0 (Step, 1);

  step->kind = kind;
  step->file = file;
  return step;
}

void
gaio_http_download_open_async (const char          *path,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  Step *step = step_new (STEP_OPEN, NULL);

  step->path = g_strdup (path);
  step_start (step, NULL, callback, user_data);
}

GaioAtomicFile *
gaio_http_download_open_finish (GAsyncResult  *result,
                                GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
gaio_http_download_write_async (GaioAtomicFile      *file,
                                const void          *data,
                                gsize                len,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  Step *step = step_new (STEP_WRITE, file);

  step->data = data;
  step->len = len;
  step_start (step, cancellable, callback, user_data);
}

void
gaio_http_download_commit_async (GaioAtomicFile      *file,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  step_start (step_new (STEP_COMMIT, file), cancellable, callback, user_data);
}

void
gaio_http_download_abort_async (GaioAtomicFile      *file,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  step_start (step_new (STEP_ABORT, file), NULL, callback, user_data);
}

gboolean
gaio_http_download_step_finish (GAsyncResult  *result,
                                GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
