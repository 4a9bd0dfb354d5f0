/* gaio-sysprof.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include "gaio-sysprof-private.h"

#include <stdlib.h>
#include <unistd.h>

#include <sysprof-capture.h>

gboolean gaio_sysprof_active;

/* The capture file of GAIO_SYSPROF_CAPTURE: the writer is not thread-safe,
 * and marks come from every thread that runs tasks or requests. */
static GMutex writer_lock;
static SysprofCaptureWriter *writer;

static void
close_capture (void)
{
  g_mutex_lock (&writer_lock);
  if (writer != NULL)
    {
      sysprof_capture_writer_flush (writer);
      g_clear_pointer (&writer, sysprof_capture_writer_unref);
    }
  g_mutex_unlock (&writer_lock);
}

/* Called once, from gaio_debug_init(). */
void
gaio_sysprof_init (void)
{
  const char *path = g_getenv ("GAIO_SYSPROF_CAPTURE");

  if (path != NULL && path[0] != '\0')
    {
      writer = sysprof_capture_writer_new (path, 0);
      if (writer == NULL)
        g_warning ("GAIO_SYSPROF_CAPTURE: cannot write a capture to %s", path);
      else
        atexit (close_capture);
    }
  gaio_sysprof_active = writer != NULL || sysprof_collector_is_active ();
}

gint64
gaio_sysprof_now (void)
{
  return SYSPROF_CAPTURE_CURRENT_TIME;
}

void
gaio_sysprof_mark (gint64      begin,
                   const char *name,
                   const char *format,
                   ...)
{
  g_autofree char *message = NULL;
  gint64 now;
  va_list args;

  if (begin == 0)
    return;

  now = SYSPROF_CAPTURE_CURRENT_TIME;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  sysprof_collector_mark (begin, now - begin, "Gaio", name, message);

  g_mutex_lock (&writer_lock);
  if (writer != NULL)
    sysprof_capture_writer_add_mark (writer, begin, -1, getpid (), now - begin,
                                     "Gaio", name, message);
  g_mutex_unlock (&writer_lock);
}
