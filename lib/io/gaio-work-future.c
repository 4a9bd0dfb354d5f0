/* gaio-work-future.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include "gaio-work-future-private.h"

struct _GaioWorkFuture
{
  GaioFuture parent_instance;
};

G_DEFINE_FINAL_TYPE (GaioWorkFuture, gaio_work_future, GAIO_TYPE_FUTURE)

static void
gaio_work_future_request_cancel (GaioFuture *future)
{
  /* The work settles the future once it has stopped (or finished anyway). */
  g_cancellable_cancel (gaio_future_get_cancellable (future));
}

static void
gaio_work_future_class_init (GaioWorkFutureClass *klass)
{
  GaioFutureClass *future_class = GAIO_FUTURE_CLASS (klass);

  future_class->request_cancel = gaio_work_future_request_cancel;
}

static void
gaio_work_future_init (GaioWorkFuture *self)
{
}

GaioFuture *
gaio_work_future_new (void)
{
  return (GaioFuture *) g_object_new_with_properties (GAIO_TYPE_WORK_FUTURE, 0, NULL, NULL);
}
