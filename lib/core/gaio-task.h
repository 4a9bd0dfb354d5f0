/* gaio-task.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#if !defined(GAIO_INSIDE) && !defined(GAIO_COMPILATION)
# error "Only <gaio.h> can be included directly."
#endif

#include "gaio-future.h"

G_BEGIN_DECLS

#define GAIO_TYPE_TASK (gaio_task_get_type ())

GAIO_AVAILABLE_IN_ALL
G_DECLARE_DERIVABLE_TYPE (GaioTask, gaio_task, GAIO, TASK, GaioFuture)

/**
 * GaioTaskClass:
 * @parent_class: the parent class
 *
 * The class structure of [class@Gaio.Task].
 */
struct _GaioTaskClass
{
  GaioFutureClass parent_class;

  /*< private >*/
  gpointer _reserved[8];
};

/**
 * GaioTaskFlags:
 * @GAIO_TASK_FLAGS_NONE: the body starts on a later main loop iteration
 * @GAIO_TASK_FLAGS_EAGER: the body starts at once, inside the spawn call,
 *   and runs until its first await of a pending future (asyncio's eager
 *   tasks)
 *
 * How `gaio_task_spawn_full()` starts a task.
 */
typedef enum {
  GAIO_TASK_FLAGS_NONE = 0,
  GAIO_TASK_FLAGS_EAGER = 1 << 0,
} GaioTaskFlags;

/**
 * GaioTaskFunc:
 * @task: the running task
 * @user_data: the data given at spawn time
 *
 * The body of a fiber task. It runs on the task's own stack, so it may call
 * `gaio_await()`. It settles @task itself, or returns and lets Gaio settle
 * it: cancelled if cancellation was requested, otherwise resolved with no
 * value.
 */
typedef void (*GaioTaskFunc) (GaioTask *task,
                              gpointer  user_data);

/**
 * GaioCo: (skip)
 * @task: the coroutine's task while its body runs, set by
 *   `gaio_task_spawn_co()`; %NULL again once the body has ended (the task
 *   holds no reference the state could keep)
 * @value: the value the last `GAIO_CO_AWAIT()` gave, owned by the future
 *   it awaited (an unset value when that resolved with none), or %NULL
 *   when it failed
 * @error: the error of the last `GAIO_CO_AWAIT()`, or %NULL; owned by the
 *   coroutine until the next await or the end of the body, so steal it to
 *   keep it
 *
 * The part of a stackless coroutine's state that Gaio uses: the first
 * member of the struct that holds the coroutine's own variables, cleared
 * to zeros before `gaio_task_spawn_co()`. When the body ends, Gaio clears
 * its part again, so a state without a destroy function may be spawned
 * anew. C only (see
 * [Coroutines](coroutines.html)).
 */
typedef struct _GaioCo GaioCo;

struct _GaioCo
{
  GaioTask     *task;
  const GValue *value;
  GError       *error;

  /*< private >*/
  int            point;
  GDestroyNotify destroy;
  gpointer       _reserved[2];
};

/**
 * GaioCoFunc: (skip)
 * @co: the coroutine's state
 *
 * The step function of a coroutine task: its body, written between
 * `GAIO_CO_BEGIN()` and `GAIO_CO_END()`. Gaio calls it to start the body
 * and again each time an await it suspended on is over; the body goes on
 * after that `GAIO_CO_AWAIT()`. Returning other than from inside an await
 * ends the body, and the task settles as a fiber task's does.
 */
typedef void (*GaioCoFunc) (GaioCo *co);

/**
 * GAIO_CO_BEGIN:
 * @co: the coroutine's state, a `GaioCo *`
 *
 * Opens the body of a coroutine's step function. Local variables declared
 * before it are set afresh at each step; those that must outlive an await
 * belong in the state struct. C only.
 */
#define GAIO_CO_BEGIN(co) \
  switch ((co)->point)    \
    {                     \
    case 0:;

/**
 * GAIO_CO_AWAIT:
 * @co: the coroutine's state, a `GaioCo *`
 * @future: the future to wait for, held by the state until the value is
 *   no longer needed
 *
 * Awaits @future in a coroutine: the step function returns if @future is
 * pending and the body goes on here once it settled, with `co->value` set,
 * or `co->error` when @future failed, the task was cancelled
 * (`G_IO_ERROR_CANCELLED`, with @future cancelled too) or a cancel scope
 * expired. @future is evaluated once. At most one await per source line,
 * and none inside a `switch` of the body's own. C only.
 */
#define GAIO_CO_AWAIT(co, future)                   \
  do                                                \
    {                                               \
      if (gaio_co_suspend ((co), (future), __LINE__)) \
        return;                                     \
      if (0)                                        \
        {                                           \
        case __LINE__:                              \
          gaio_co_resume ((co));                    \
        }                                           \
    }                                               \
  while (0)

/**
 * GAIO_CO_END:
 * @co: the coroutine's state, a `GaioCo *`
 *
 * Closes the body opened by `GAIO_CO_BEGIN()`; reaching it ends the body.
 * C only.
 */
#define GAIO_CO_END(co)        \
    break;                     \
    default:                   \
      g_assert_not_reached (); \
    }                          \
  (void) (co)

GAIO_AVAILABLE_IN_ALL
GaioTask     *gaio_task_new                    (const char    *name) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
GaioTask     *gaio_task_spawn                  (const char    *name,
                                                GaioTaskFunc   func,
                                                gpointer       user_data,
                                                GDestroyNotify destroy) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
GaioTask     *gaio_task_spawn_with_stack_size  (const char    *name,
                                                gsize          stack_size,
                                                GaioTaskFunc   func,
                                                gpointer       user_data,
                                                GDestroyNotify destroy) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
GaioTask     *gaio_task_spawn_full             (const char    *name,
                                                GaioTaskFlags  flags,
                                                gsize          stack_size,
                                                GaioTaskFunc   func,
                                                gpointer       user_data,
                                                GDestroyNotify destroy) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
GaioTask     *gaio_task_spawn_co               (const char    *name,
                                                GaioTaskFlags  flags,
                                                GaioCoFunc     func,
                                                GaioCo        *co,
                                                GDestroyNotify destroy) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
gboolean      gaio_task_get_cancel_requested   (GaioTask      *self);
GAIO_AVAILABLE_IN_ALL
GaioTask     *gaio_task_get_current            (void);
GAIO_AVAILABLE_IN_ALL
GPtrArray    *gaio_task_list_live              (void) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
char         *gaio_task_dump_live              (void) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
void          gaio_task_set_default_stack_size (gsize          stack_size);
GAIO_AVAILABLE_IN_ALL
gsize         gaio_task_get_default_stack_size (void);

GAIO_AVAILABLE_IN_ALL
const GValue *gaio_await                       (GaioFuture    *future,
                                                GError       **error);
GAIO_AVAILABLE_IN_ALL
gboolean      gaio_co_suspend                  (GaioCo        *co,
                                                GaioFuture    *future,
                                                int            point);
GAIO_AVAILABLE_IN_ALL
void          gaio_co_resume                   (GaioCo        *co);
GAIO_AVAILABLE_IN_ALL
gboolean      gaio_await_boolean               (GaioFuture    *future,
                                                GError       **error);
GAIO_AVAILABLE_IN_ALL
int           gaio_await_int                   (GaioFuture    *future,
                                                GError       **error);
GAIO_AVAILABLE_IN_ALL
gint64        gaio_await_int64                 (GaioFuture    *future,
                                                GError       **error);
GAIO_AVAILABLE_IN_ALL
guint64       gaio_await_uint64                (GaioFuture    *future,
                                                GError       **error);
GAIO_AVAILABLE_IN_ALL
double        gaio_await_double                (GaioFuture    *future,
                                                GError       **error);
GAIO_AVAILABLE_IN_ALL
char         *gaio_await_string                (GaioFuture    *future,
                                                GError       **error) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
gpointer      gaio_await_object                (GaioFuture    *future,
                                                GError       **error) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
GBytes       *gaio_await_bytes                 (GaioFuture    *future,
                                                GError       **error) G_GNUC_WARN_UNUSED_RESULT;
GAIO_AVAILABLE_IN_ALL
gpointer      gaio_await_pointer               (GaioFuture    *future,
                                                GError       **error);

G_END_DECLS
