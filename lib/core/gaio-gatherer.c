/* gaio-gatherer.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include "gaio-enums.h"
#include "gaio-error.h"
#include "gaio-future-private.h"
#include "gaio-gatherer.h"
#include "gaio-scheduler-private.h"
#include "gaio-waiter-private.h"

/**
 * GaioGatherer:
 *
 * Waits on many futures at once: `asyncio.gather()`, `asyncio.wait()` and
 * `asyncio.as_completed()` in one [class@Gaio.Future].
 *
 * A gatherer made by [ctor@Gaio.Gatherer.new] decides by its
 * [enum@Gaio.GatherMode]; one made by [ctor@Gaio.Gatherer.new_wait] by its
 * [enum@Gaio.WaitMode] and an optional timeout. The list of futures is fixed
 * at construction; the same future may appear twice and then fills two
 * slots. A cancelled future counts as one that failed with
 * `G_IO_ERROR_CANCELLED`.
 *
 * Results stay on the gatherer, in input order, whatever order the futures
 * settled in: [method@Gaio.Gatherer.get_values] returns them all at once and
 * [method@Gaio.Gatherer.get_value_at] and [method@Gaio.Gatherer.get_error_at] one
 * slot at a time. The gatherer itself resolves with no value in the `ALL`
 * and `ALL_SETTLED` modes and for waits, and with the winning future's value
 * in the `ANY` and `RACE` modes ([method@Gaio.Gatherer.get_winner] tells
 * which one won).
 *
 * ```c
 * GaioFuture *futures[] = { fetch ("a"), fetch ("b"), fetch ("c") };
 * g_autoptr(GaioGatherer) all = gaio_gatherer_newv (GAIO_GATHER_MODE_ALL, futures, 3);
 * g_autoptr(GError) error = NULL;
 *
 * if (gaio_run (GAIO_FUTURE (all), &error) != NULL)
 *   for (guint i = 0; i < 3; i++)
 *     g_print ("%d\n", g_value_get_int (gaio_gatherer_get_value_at (all, i)));
 * ```
 *
 * ```python
 * values = await Gaio.gather(fetch('a'), fetch('b'), fetch('c'))   # Python
 * ```
 *
 * ```js
 * const values = await Gaio.gather([fetch('a'), fetch('b'), fetch('c')]);  // GJS
 * ```
 *
 * ```vala
 * yield new Gaio.Gatherer (Gaio.GatherMode.ALL, { fetch ("a"), fetch ("b"), fetch ("c") })
 *   .wait_async (null);   // Vala
 * ```
 *
 * Cancelling a gatherer cancels every future it still waits on; it then
 * settles as cancelled once they all settled.
 *
 * A gatherer implements [iface@Gio.ListModel] over its futures and emits
 * `items-changed (i, 1, 1)` on the owner context when the future in slot
 * *i* settles (one signal per run of neighbouring slots when many settle in
 * the same batch). It notifies [property@Gaio.Gatherer:n-done],
 * [property@Gaio.Gatherer:n-succeeded], [property@Gaio.Gatherer:n-failed],
 * [property@Gaio.Gatherer:n-cancelled] and
 * [property@Gaio.Gatherer:fraction] at most once per batch, so a GTK list
 * view and a progress bar bind straight to it.
 *
 * [method@Gaio.Gatherer.next_completed_async] hands out the futures in the
 * order they settled (`asyncio.as_completed()`), whatever the mode.
 *
 * ## Threads
 *
 * A gatherer belongs to the thread-default main context of the thread that
 * made it, and so must its futures; they may settle on any thread, since
 * their callbacks come to the owner context anyway. Use the gatherer's
 * methods on the owner context only; [method@Gaio.Future.cancel] is
 * thread-safe.
 */

typedef struct
{
  GaioGatherer *self;
  guint         index;
  gboolean      settled_at_start;  /* counted by count_settled_children() */
} Slot;

/* How a gatherer decides, as one table: every public mode is a row, and a
 * new mode is a new row, not a new branch.
 *
 * A row says which outcomes of a single future settle the gatherer at once
 * (`settle_on`; with neither, it waits until all settled), what the
 * gatherer then holds (`result`), and whether all settling without a success
 * is a failure (`needs_success`). The constructors are presets naming a
 * row: gaio_gatherer_newv() by its GaioGatherMode, gaio_gatherer_new_waitv()
 * by its GaioWaitMode. */
typedef enum {
  SETTLE_ON_SUCCESS = 1 << 0,   /* a future resolved */
  SETTLE_ON_FAILURE = 1 << 1,   /* a future was rejected or cancelled */
  SETTLE_ON_EITHER  = SETTLE_ON_SUCCESS | SETTLE_ON_FAILURE,
} SettleOn;

typedef enum {
  /* Resolves with no value, each future's outcome kept in its slot; a
   * deciding failure rejects with that future's error. */
  RESULT_SLOTS,
  /* Settles as the deciding future did, which becomes the winner, and
   * cancels the others. */
  RESULT_WINNER,
  /* Resolves with no value, whatever decided, keeping which futures were
   * done and which pending at that moment ([method@Gaio.Gatherer.get_done]);
   * never rejects by itself. */
  RESULT_SNAPSHOT,
} GatherResult;

typedef struct
{
  guint8         settle_on;          /* SettleOn flags */
  guint8         result;             /* GatherResult */
  gboolean       needs_success;      /* all failed (or none given): reject */
  GaioGatherMode mode;               /* what get_mode() reports */
} GatherPolicy;

enum {
  POLICY_ALL,
  POLICY_ALL_RETURN_ERRORS,
  POLICY_ALL_SETTLED,
  POLICY_ANY,
  POLICY_RACE,
  POLICY_WAIT_FIRST_COMPLETED,
  POLICY_WAIT_FIRST_ERROR,
  POLICY_WAIT_ALL_COMPLETED,
};

static const GatherPolicy policies[] = {
  /*                              settle_on          result           needs_success  mode */
  /* asyncio.gather(): the first error rejects; as in asyncio, the other
   * futures keep running (cancel the gatherer to stop them). */
  [POLICY_ALL]                  = { SETTLE_ON_FAILURE, RESULT_SLOTS,    FALSE, GAIO_GATHER_MODE_ALL },
  /* asyncio.gather(..., return_exceptions=True): errors are results. */
  [POLICY_ALL_RETURN_ERRORS]    = { 0,                 RESULT_SLOTS,    FALSE, GAIO_GATHER_MODE_ALL },
  /* Promise.allSettled() */
  [POLICY_ALL_SETTLED]          = { 0,                 RESULT_SLOTS,    FALSE, GAIO_GATHER_MODE_ALL_SETTLED },
  /* Promise.any() */
  [POLICY_ANY]                  = { SETTLE_ON_SUCCESS, RESULT_WINNER,   TRUE,  GAIO_GATHER_MODE_ANY },
  /* Promise.race() */
  [POLICY_RACE]                 = { SETTLE_ON_EITHER,  RESULT_WINNER,   FALSE, GAIO_GATHER_MODE_RACE },
  /* asyncio.wait(), which never rejects nor cancels its futures by itself;
   * get_mode() of a wait reports ALL, as it always did. */
  [POLICY_WAIT_FIRST_COMPLETED] = { SETTLE_ON_EITHER,  RESULT_SNAPSHOT, FALSE, GAIO_GATHER_MODE_ALL },
  [POLICY_WAIT_FIRST_ERROR]     = { SETTLE_ON_FAILURE, RESULT_SNAPSHOT, FALSE, GAIO_GATHER_MODE_ALL },
  [POLICY_WAIT_ALL_COMPLETED]   = { 0,                 RESULT_SNAPSHOT, FALSE, GAIO_GATHER_MODE_ALL },
};

/* The presets: which row each public mode names. */
static const guint8 gather_presets[] = {
  [GAIO_GATHER_MODE_ALL]         = POLICY_ALL,
  [GAIO_GATHER_MODE_ALL_SETTLED] = POLICY_ALL_SETTLED,
  [GAIO_GATHER_MODE_ANY]         = POLICY_ANY,
  [GAIO_GATHER_MODE_RACE]        = POLICY_RACE,
};

static const guint8 wait_presets[] = {
  [GAIO_WAIT_MODE_FIRST_COMPLETED] = POLICY_WAIT_FIRST_COMPLETED,
  [GAIO_WAIT_MODE_FIRST_ERROR]     = POLICY_WAIT_FIRST_ERROR,
  [GAIO_WAIT_MODE_ALL_COMPLETED]   = POLICY_WAIT_ALL_COMPLETED,
};

G_STATIC_ASSERT (G_N_ELEMENTS (gather_presets) == GAIO_GATHER_MODE_RACE + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (wait_presets) == GAIO_WAIT_MODE_ALL_COMPLETED + 1);

struct _GaioGatherer
{
  GaioFuture      parent_instance;

  GaioFuture    **futures;
  Slot           *slots;
  guint          *order;             /* indices in the order they settled */
  guint           n_futures;
  guint           n_done;
  guint           n_succeeded;
  guint           n_failed;          /* rejected, not cancelled */
  guint           n_cancelled;
  int             winner;
  const GatherPolicy *policy;
  guint           return_errors : 1;
  guint           cancel_requested : 1;
  guint           notify_queued : 1;
  int             n_callbacks;       /* child callbacks not yet released */
  guint           notified_done;
  guint           notified_succeeded;
  guint           notified_failed;
  guint           notified_cancelled;

  /* Slots settled since the last flush, one bit each, between dirty_lo and
   * dirty_hi: items-changed goes out once per run of them per batch. */
  guint32        *dirty;
  guint           dirty_lo;
  guint           dirty_hi;

  GPtrArray      *done_snapshot;     /* wait results, taken when settled */
  GPtrArray      *pending_snapshot;

  GaioWaitQueue   next_waiters;
  guint           next_cursor;
};

enum {
  PROP_0,
  PROP_MODE,
  PROP_RETURN_ERRORS,
  PROP_N_FUTURES,
  PROP_N_DONE,
  PROP_N_SUCCEEDED,
  PROP_N_FAILED,
  PROP_N_CANCELLED,
  PROP_FRACTION,
  LAST_PROP,
};

static GParamSpec *props[LAST_PROP];

static void gaio_gatherer_list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GaioGatherer, gaio_gatherer, GAIO_TYPE_FUTURE,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      gaio_gatherer_list_model_iface_init))

static gboolean
is_failed (GaioFuture *future)
{
  GaioFutureState state = gaio_future_get_state (future);

  return state == GAIO_FUTURE_STATE_REJECTED || state == GAIO_FUTURE_STATE_CANCELLED;
}

static void
cancel_pending (GaioGatherer *self)
{
  for (guint i = 0; i < self->n_futures; i++)
    if (!gaio_future_is_done (self->futures[i]))
      gaio_future_cancel (self->futures[i]);
}

static void
take_snapshot (GaioGatherer *self)
{
  /* The gatherer owns the futures; the snapshots only point at them. */
  self->done_snapshot = g_ptr_array_new ();
  self->pending_snapshot = g_ptr_array_new ();

  for (guint i = 0; i < self->n_futures; i++)
    g_ptr_array_add (gaio_future_is_done (self->futures[i]) ? self->done_snapshot
                                                              : self->pending_snapshot,
                     self->futures[i]);
}

/* Settles the gatherer; @state RESOLVED with @value (taken) or a failure
 * with @error (taken). Quiet: a cancel racing with a decision loses. */
static void
settle (GaioGatherer    *self,
        GaioFutureState  state,
        GValue          *value,
        GError          *error)
{
  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    state = GAIO_FUTURE_STATE_CANCELLED;

  if (self->policy->result == RESULT_SNAPSHOT && self->done_snapshot == NULL)
    take_snapshot (self);

  gaio_future_settle (GAIO_FUTURE (self), state, value, error, TRUE);
}

/* The future in slot @index settled in a way the policy settles on. */
static void
settle_on_child (GaioGatherer *self,
                 GaioFuture   *child,
                 guint         index,
                 gboolean      failed)
{
  switch ((GatherResult) self->policy->result)
    {
    case RESULT_SLOTS:
      if (failed)
        {
          settle (self, GAIO_FUTURE_STATE_REJECTED, NULL,
                  g_error_copy (gaio_future_get_error (child)));
          break;
        }
      G_GNUC_FALLTHROUGH;

    case RESULT_SNAPSHOT:
      settle (self, GAIO_FUTURE_STATE_RESOLVED, NULL, NULL);
      break;

    case RESULT_WINNER:
      self->winner = index;
      gaio_future_settle_from (GAIO_FUTURE (self), child);
      cancel_pending (self);
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Every future settled and none decided it (or there were none). A row
 * that needs a success settles on the first one, so here all failed. */
static void
settle_on_all (GaioGatherer *self)
{
  if (!self->policy->needs_success)
    settle (self, GAIO_FUTURE_STATE_RESOLVED, NULL, NULL);
  else if (self->n_futures == 0)
    settle (self, GAIO_FUTURE_STATE_REJECTED, NULL,
            g_error_new_literal (GAIO_ERROR, GAIO_ERROR_FAILED,
                                 "No futures to wait for: none can succeed"));
  else
    {
      const GError *first = gaio_future_get_error (self->futures[self->order[0]]);

      settle (self, GAIO_FUTURE_STATE_REJECTED, NULL,
              g_error_new (GAIO_ERROR, GAIO_ERROR_FAILED,
                           "All %u futures failed; the first error: %s",
                           self->n_futures, first->message));
    }
}

static void
decide (GaioGatherer *self,
        GaioFuture   *child,
        guint         index,
        gboolean      failed)
{
  if (self->policy->settle_on & (failed ? SETTLE_ON_FAILURE : SETTLE_ON_SUCCESS))
    settle_on_child (self, child, index, failed);
  else if (self->n_done == self->n_futures)
    settle_on_all (self);
}

static void
feed_next_waiters (GaioGatherer *self)
{
  /* Nobody iterates most gatherers in completion order: skip the work. */
  if (gaio_wait_queue_is_empty (&self->next_waiters))
    return;

  while (self->next_cursor < self->n_done)
    {
      GValue value = G_VALUE_INIT;
      gboolean taken;

      g_value_init (&value, GAIO_TYPE_FUTURE);
      g_value_set_object (&value, self->futures[self->order[self->next_cursor]]);
      taken = gaio_wait_queue_wake_one (&self->next_waiters, &value);
      g_value_unset (&value);
      if (!taken)
        return;
      self->next_cursor++;
    }

  /* Everything was handed out: later waiters learn the iteration is over. */
  if (self->next_cursor == self->n_futures)
    gaio_wait_queue_wake_all (&self->next_waiters);
}

static void
mark_dirty (GaioGatherer *self,
            guint         index)
{
  if (self->dirty_lo > self->dirty_hi)
    self->dirty_lo = self->dirty_hi = index;
  else
    {
      self->dirty_lo = MIN (self->dirty_lo, index);
      self->dirty_hi = MAX (self->dirty_hi, index);
    }
  self->dirty[index / 32] |= 1u << (index % 32);
}

static inline gboolean
is_dirty (GaioGatherer *self,
          guint         index)
{
  return (self->dirty[index / 32] >> (index % 32)) & 1;
}

/* Emits items-changed (i, n, n) for each run of slots that settled since
 * the last flush, and forgets them. */
static void
flush_items_changed (GaioGatherer *self)
{
  guint lo = self->dirty_lo, hi = self->dirty_hi;
  static guint items_changed_id;

  if (lo > hi)
    return;
  self->dirty_lo = G_MAXUINT;
  self->dirty_hi = 0;

  if (G_UNLIKELY (items_changed_id == 0))
    items_changed_id = g_signal_lookup ("items-changed", G_TYPE_LIST_MODEL);

  /* Nobody shows most gatherers: skip the walk, not just the emission. */
  if (g_signal_has_handler_pending (self, items_changed_id, 0, FALSE))
    {
      for (guint i = lo; i <= hi; )
        {
          guint run = 0;

          while (i + run <= hi && is_dirty (self, i + run))
            run++;
          if (run > 0)
            g_list_model_items_changed (G_LIST_MODEL (self), i, run, run);
          i += run + 1;
        }
    }

  memset (&self->dirty[lo / 32], 0, (hi / 32 - lo / 32 + 1) * sizeof (guint32));
}

static void
notify_counter (GaioGatherer *self,
                guint         value,
                guint        *notified,
                int           prop)
{
  if (value == *notified)
    return;
  *notified = value;
  g_object_notify_by_pspec (G_OBJECT (self), props[prop]);
}

static void
flush_notify (gpointer data)
{
  GaioGatherer *self = data;
  guint finished_before = self->notified_succeeded + self->notified_failed;

  self->notify_queued = FALSE;

  /* Rows first, then the counters: a handler of a counter sees the rows
   * that made it change already updated. */
  flush_items_changed (self);

  g_object_freeze_notify (G_OBJECT (self));
  notify_counter (self, self->n_done, &self->notified_done, PROP_N_DONE);
  notify_counter (self, self->n_succeeded, &self->notified_succeeded, PROP_N_SUCCEEDED);
  notify_counter (self, self->n_failed, &self->notified_failed, PROP_N_FAILED);
  notify_counter (self, self->n_cancelled, &self->notified_cancelled, PROP_N_CANCELLED);
  if (self->notified_succeeded + self->notified_failed != finished_before)
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_FRACTION]);
  g_object_thaw_notify (G_OBJECT (self));

  g_object_unref (self);
}

/* Counters change once per settled future; a GTK progress bar needs them
 * once per batch, so notifications are coalesced into one run-queue item
 * drained after the callbacks of that batch. */
static void
queue_notify (GaioGatherer *self)
{
  if (self->notify_queued)
    return;

  self->notify_queued = TRUE;
  gaio_scheduler_call_soon (gaio_future_get_scheduler (GAIO_FUTURE (self)), flush_notify,
                            g_object_ref (self));
}

static void
child_done_cb (GaioFuture *child,
               gpointer    data)
{
  Slot *slot = data;
  GaioGatherer *self = slot->self;
  GaioFutureState state = gaio_future_get_state (child);
  gboolean failed = state != GAIO_FUTURE_STATE_RESOLVED;

  /* The gatherer keeps every error reachable, which counts as retrieving it. */
  gaio_future_mark_observed (child);

  self->order[self->n_done++] = slot->index;
  if (state == GAIO_FUTURE_STATE_RESOLVED)
    self->n_succeeded++;
  else if (state == GAIO_FUTURE_STATE_CANCELLED)
    self->n_cancelled++;
  else
    self->n_failed++;
  mark_dirty (self, slot->index);
  /* Queued before any settling, so observers of the gatherer find the
   * counters notified by the time its own callbacks run. */
  queue_notify (self);

  if (!gaio_future_is_done (GAIO_FUTURE (self)))
    {
      if (self->cancel_requested)
        {
          if (self->n_done == self->n_futures)
            settle (self, GAIO_FUTURE_STATE_CANCELLED, NULL,
                    g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                         "Operation was cancelled"));
        }
      else
        decide (self, child, slot->index, failed);
    }

  feed_next_waiters (self);
}

/* All child callbacks share one reference on the gatherer, dropped by the
 * last of them: cheaper than a reference each. A callback is released on
 * the owner context after it ran, or wherever its future is finalized
 * unsettled. */
static void
slot_release (gpointer data)
{
  GaioGatherer *self = ((Slot *) data)->self;

  if (g_atomic_int_dec_and_test (&self->n_callbacks))
    g_object_unref (self);
}

static void
cancel_on_owner (GaioFuture *future,
                 gpointer    unused)
{
  GaioGatherer *self = GAIO_GATHERER (future);

  if (gaio_future_is_done (future))
    return;

  self->cancel_requested = TRUE;
  if (self->n_done == self->n_futures)
    settle (self, GAIO_FUTURE_STATE_CANCELLED, NULL,
            g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Operation was cancelled"));
  else
    cancel_pending (self);
}

static void
gaio_gatherer_request_cancel (GaioFuture *future)
{
  /* Counters are kept on the owner context, so decide there. */
  gaio_future_call_on_owner (future, cancel_on_owner);
}

/* The scheduler's timers cannot be removed, so a wait's timer holds the
 * gatherer weakly: a wait that ended early is freed as usual. */
static void
timeout_cb (gpointer data)
{
  GWeakRef *weak = data;
  GaioGatherer *self = g_weak_ref_get (weak);

  if (self != NULL && !gaio_future_is_done (GAIO_FUTURE (self)))
    settle (self, GAIO_FUTURE_STATE_RESOLVED, NULL, NULL);

  g_clear_object (&self);
  g_weak_ref_clear (weak);
  g_free (weak);
}

/* Children that had settled when the gatherer started are counted in one
 * batch from the loop instead of by a done-callback each: the same
 * outcome and order without a callback, a queue push and a dispatch per
 * child (a gather over done futures, bench W5). */
static void
count_settled_children (gpointer data)
{
  GaioGatherer *self = data;

  for (guint i = 0; i < self->n_futures; i++)
    if (self->slots[i].settled_at_start)
      child_done_cb (self->futures[i], &self->slots[i]);
  g_object_unref (self);
}

static void
settle_empty (gpointer data)
{
  GaioGatherer *self = data;

  settle_on_all (self);

  feed_next_waiters (self);
  g_object_unref (self);
}

/* GListModel */

static GType
gaio_gatherer_get_item_type (GListModel *model)
{
  return GAIO_TYPE_FUTURE;
}

static guint
gaio_gatherer_get_n_items (GListModel *model)
{
  return GAIO_GATHERER (model)->n_futures;
}

static gpointer
gaio_gatherer_get_item (GListModel *model,
                        guint       position)
{
  GaioGatherer *self = GAIO_GATHERER (model);

  if (position >= self->n_futures)
    return NULL;
  return g_object_ref (self->futures[position]);
}

static void
gaio_gatherer_list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = gaio_gatherer_get_item_type;
  iface->get_n_items = gaio_gatherer_get_n_items;
  iface->get_item = gaio_gatherer_get_item;
}

static void
gaio_gatherer_dispose (GObject *object)
{
  GaioGatherer *self = GAIO_GATHERER (object);

  gaio_wait_queue_clear (&self->next_waiters);
  g_clear_pointer (&self->done_snapshot, g_ptr_array_unref);
  g_clear_pointer (&self->pending_snapshot, g_ptr_array_unref);

  G_OBJECT_CLASS (gaio_gatherer_parent_class)->dispose (object);
}

static void
gaio_gatherer_finalize (GObject *object)
{
  GaioGatherer *self = GAIO_GATHERER (object);

  /* The child callbacks hold a reference while any is left, so all of them
   * were released by now. */
  for (guint i = 0; i < self->n_futures; i++)
    g_object_unref (self->futures[i]);
  g_free (self->futures);
  g_free (self->slots);
  g_free (self->order);
  g_free (self->dirty);

  G_OBJECT_CLASS (gaio_gatherer_parent_class)->finalize (object);
}

static void
gaio_gatherer_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  GaioGatherer *self = GAIO_GATHERER (object);

  switch (prop_id)
    {
    case PROP_MODE:
      g_value_set_enum (value, self->policy->mode);
      break;

    case PROP_RETURN_ERRORS:
      g_value_set_boolean (value, self->return_errors);
      break;

    case PROP_N_FUTURES:
      g_value_set_uint (value, self->n_futures);
      break;

    case PROP_N_DONE:
      g_value_set_uint (value, self->n_done);
      break;

    case PROP_N_SUCCEEDED:
      g_value_set_uint (value, self->n_succeeded);
      break;

    case PROP_N_FAILED:
      g_value_set_uint (value, self->n_failed);
      break;

    case PROP_N_CANCELLED:
      g_value_set_uint (value, self->n_cancelled);
      break;

    case PROP_FRACTION:
      g_value_set_double (value, gaio_gatherer_get_fraction (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gaio_gatherer_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  GaioGatherer *self = GAIO_GATHERER (object);

  switch (prop_id)
    {
    case PROP_RETURN_ERRORS:
      gaio_gatherer_set_return_errors (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gaio_gatherer_class_init (GaioGathererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GaioFutureClass *future_class = GAIO_FUTURE_CLASS (klass);

  object_class->dispose = gaio_gatherer_dispose;
  object_class->finalize = gaio_gatherer_finalize;
  object_class->get_property = gaio_gatherer_get_property;
  object_class->set_property = gaio_gatherer_set_property;

  future_class->request_cancel = gaio_gatherer_request_cancel;

  /**
   * GaioGatherer:mode:
   *
   * How the gatherer decides; meaningless for waits
   * ([method@Gaio.Gatherer.is_wait]).
   */
  props[PROP_MODE] =
    g_param_spec_enum ("mode", NULL, NULL,
                       GAIO_TYPE_GATHER_MODE,
                       GAIO_GATHER_MODE_ALL,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * GaioGatherer:return-errors:
   *
   * In the `ALL` mode, whether a failure leaves the other futures running
   * and keeps its error in its slot, the gatherer resolving once all
   * settled, like `asyncio.gather(..., return_exceptions=True)`.
   *
   * Set it right after construction, before the owner context runs: the
   * futures' outcomes are looked at from the next iteration on.
   */
  props[PROP_RETURN_ERRORS] =
    g_param_spec_boolean ("return-errors", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * GaioGatherer:n-futures:
   *
   * How many futures the gatherer waits on, duplicates included.
   */
  props[PROP_N_FUTURES] =
    g_param_spec_uint ("n-futures", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * GaioGatherer:n-done:
   *
   * How many futures have settled, in any way, as seen on the owner
   * context, where it is notified. It keeps counting after the gatherer
   * itself settled.
   */
  props[PROP_N_DONE] =
    g_param_spec_uint ("n-done", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * GaioGatherer:n-succeeded:
   *
   * How many futures resolved, as seen on the owner context, where it is
   * notified.
   *
   * Since: 0.2
   */
  props[PROP_N_SUCCEEDED] =
    g_param_spec_uint ("n-succeeded", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * GaioGatherer:n-failed:
   *
   * How many futures were rejected, as seen on the owner context, where it
   * is notified. Cancelled futures are counted by
   * [property@Gaio.Gatherer:n-cancelled] instead.
   */
  props[PROP_N_FAILED] =
    g_param_spec_uint ("n-failed", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * GaioGatherer:n-cancelled:
   *
   * How many futures were cancelled, as seen on the owner context, where
   * it is notified.
   *
   * Since: 0.2
   */
  props[PROP_N_CANCELLED] =
    g_param_spec_uint ("n-cancelled", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * GaioGatherer:fraction:
   *
   * The share of the futures that finished their work, succeeded or
   * failed, from 0 to 1: what the `fraction` of a
   * [GtkProgressBar](https://docs.gtk.org/gtk4/class.ProgressBar.html)
   * binds to. Cancelled futures do not count, so a cancelled gatherer's bar stays
   * where the work stopped instead of jumping to the end. A gatherer of
   * no futures reports 1. Notified on the owner context, at most once per
   * batch.
   *
   * Since: 0.2
   */
  props[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL,
                         0.0, 1.0, 0.0,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, LAST_PROP, props);
}

static void
gaio_gatherer_init (GaioGatherer *self)
{
  self->winner = -1;
  self->dirty_lo = G_MAXUINT;
  gaio_wait_queue_init (&self->next_waiters);
}

static GaioGatherer *
gatherer_new (guint               policy,
              GaioFuture * const *futures,
              guint               n_futures)
{
  GaioGatherer *self = g_object_new (GAIO_TYPE_GATHERER, NULL);

  self->policy = &policies[policy];
  self->n_futures = n_futures;
  self->futures = g_new (GaioFuture *, MAX (n_futures, 1));
  self->slots = g_new (Slot, MAX (n_futures, 1));
  self->order = g_new (guint, MAX (n_futures, 1));
  self->dirty = g_new0 (guint32, n_futures / 32 + 1);
  for (guint i = 0; i < n_futures; i++)
    self->futures[i] = g_object_ref (futures[i]);
  return self;
}

static void
gatherer_start (GaioGatherer *self)
{
  guint n_pending = 0;

  if (self->n_futures == 0)
    {
      /* Never settle inside the constructor: asyncio's gather() of nothing
       * also completes from the loop. */
      gaio_scheduler_call_soon (gaio_future_get_scheduler (GAIO_FUTURE (self)),
                                settle_empty, g_object_ref (self));
      return;
    }

  for (guint i = 0; i < self->n_futures; i++)
    {
      Slot *slot = &self->slots[i];

      slot->self = self;
      slot->index = i;
      slot->settled_at_start = gaio_future_is_done (self->futures[i]);
      n_pending += !slot->settled_at_start;
    }

  /* Queued before any pending child's callback can be, so the children
   * that had settled count first, in input order, as their callbacks
   * would have. */
  if (n_pending < self->n_futures)
    gaio_scheduler_call_soon (gaio_future_get_scheduler (GAIO_FUTURE (self)),
                              count_settled_children, g_object_ref (self));
  if (n_pending == 0)
    return;

  self->n_callbacks = n_pending;
  g_object_ref (self);
  for (guint i = 0; i < self->n_futures; i++)
    if (!self->slots[i].settled_at_start)
      gaio_future_add_done_callback (self->futures[i], child_done_cb,
                                     &self->slots[i], slot_release);
}

static GPtrArray *
collect_valist (GaioFuture *first_future,
                va_list     args)
{
  GPtrArray *array = g_ptr_array_new ();

  for (GaioFuture *future = first_future; future != NULL; future = va_arg (args, GaioFuture *))
    g_ptr_array_add (array, future);
  return array;
}

/**
 * gaio_gatherer_new: (skip)
 * @mode: how to decide
 * @first_future: (nullable): the first future, or %NULL for none
 * @...: more futures, then %NULL
 *
 * Gathers a %NULL-terminated list of futures; see
 * [ctor@Gaio.Gatherer.newv]. The gatherer takes its own references.
 *
 * Returns: (transfer full): a new gatherer
 */
GaioGatherer *
gaio_gatherer_new (GaioGatherMode  mode,
                   GaioFuture     *first_future,
                   ...)
{
  g_autoptr(GPtrArray) array = NULL;
  va_list args;

  va_start (args, first_future);
  array = collect_valist (first_future, args);
  va_end (args);

  return gaio_gatherer_newv (mode, (GaioFuture * const *) array->pdata, array->len);
}

/* Children are counted by callbacks on the gatherer's own context, without
 * a lock: a child of another context would call them from its thread. Any
 * priority of that context will do. */
static gboolean
all_on_this_context (GaioFuture * const *futures,
                     guint               n_futures)
{
  GMainContext *context = gaio_scheduler_get_context (gaio_scheduler_get_thread_default ());

  for (guint i = 0; i < n_futures; i++)
    if (!GAIO_IS_FUTURE (futures[i]) ||
        gaio_scheduler_get_context (gaio_future_get_scheduler (futures[i])) != context)
      return FALSE;
  return TRUE;
}

/**
 * gaio_gatherer_newv: (rename-to gaio_gatherer_new)
 * @mode: how to decide
 * @futures: (array length=n_futures) (transfer none): the futures, in the
 *   order results are reported; a future may appear more than once
 * @n_futures: the number of futures
 *
 * Creates a gatherer over @futures, deciding by @mode. With no futures, it
 * settles from the owner context's next iteration: resolved with nothing,
 * or rejected in the `ANY` mode. Call on the owner context.
 *
 * Returns: (transfer full): a new gatherer
 */
GaioGatherer *
gaio_gatherer_newv (GaioGatherMode      mode,
                    GaioFuture * const *futures,
                    guint               n_futures)
{
  GaioGatherer *self;

  g_return_val_if_fail (mode <= GAIO_GATHER_MODE_RACE, NULL);
  g_return_val_if_fail (futures != NULL || n_futures == 0, NULL);
  g_return_val_if_fail (all_on_this_context (futures, n_futures), NULL);

  self = gatherer_new (gather_presets[mode], futures, n_futures);
  gatherer_start (self);
  return self;
}

/**
 * gaio_gatherer_new_wait: (skip)
 * @mode: when to resolve
 * @timeout_ms: resolve after this many milliseconds at the latest, or -1
 *   to wait as long as @mode says
 * @first_future: (nullable): the first future, or %NULL for none
 * @...: more futures, then %NULL
 *
 * Waits on a %NULL-terminated list of futures; see
 * [ctor@Gaio.Gatherer.new_waitv].
 *
 * Returns: (transfer full): a new gatherer
 */
GaioGatherer *
gaio_gatherer_new_wait (GaioWaitMode  mode,
                        int           timeout_ms,
                        GaioFuture   *first_future,
                        ...)
{
  g_autoptr(GPtrArray) array = NULL;
  va_list args;

  va_start (args, first_future);
  array = collect_valist (first_future, args);
  va_end (args);

  return gaio_gatherer_new_waitv (mode, timeout_ms, (GaioFuture * const *) array->pdata,
                                  array->len);
}

/**
 * gaio_gatherer_new_waitv: (rename-to gaio_gatherer_new_wait)
 * @mode: when to resolve
 * @timeout_ms: resolve after this many milliseconds at the latest, or -1
 *   to wait as long as @mode says
 * @futures: (array length=n_futures) (transfer none): the futures
 * @n_futures: the number of futures
 *
 * Creates a gatherer that works like `asyncio.wait()`: it resolves, with no
 * value, when @mode says or when @timeout_ms elapsed, and then
 * [method@Gaio.Gatherer.get_done] and [method@Gaio.Gatherer.get_pending]
 * tell which futures had settled. It never rejects and never cancels the
 * futures by itself, not even on timeout; cancelling the gatherer does.
 * Call on the owner context.
 *
 * Returns: (transfer full): a new gatherer
 */
GaioGatherer *
gaio_gatherer_new_waitv (GaioWaitMode        mode,
                         int                 timeout_ms,
                         GaioFuture * const *futures,
                         guint               n_futures)
{
  GaioGatherer *self;

  g_return_val_if_fail (mode <= GAIO_WAIT_MODE_ALL_COMPLETED, NULL);
  g_return_val_if_fail (timeout_ms >= -1, NULL);
  g_return_val_if_fail (futures != NULL || n_futures == 0, NULL);
  g_return_val_if_fail (all_on_this_context (futures, n_futures), NULL);

  self = gatherer_new (wait_presets[mode], futures, n_futures);
  if (timeout_ms >= 0 && n_futures > 0)
    {
      GWeakRef *weak = g_new (GWeakRef, 1);

      g_weak_ref_init (weak, self);
      gaio_scheduler_add_timer (gaio_future_get_scheduler (GAIO_FUTURE (self)),
                                gaio_scheduler_deadline_after (timeout_ms), timeout_cb, weak);
    }
  gatherer_start (self);
  return self;
}

/**
 * gaio_gatherer_get_mode:
 * @self: a gatherer
 *
 * Gets the mode @self decides by. Meaningless when @self is a wait.
 *
 * Returns: the mode
 */
GaioGatherMode
gaio_gatherer_get_mode (GaioGatherer *self)
{
  g_return_val_if_fail (GAIO_IS_GATHERER (self), GAIO_GATHER_MODE_ALL);

  return self->policy->mode;
}

/**
 * gaio_gatherer_is_wait:
 * @self: a gatherer
 *
 * Checks whether @self was made by [ctor@Gaio.Gatherer.new_waitv].
 *
 * Returns: %TRUE for a wait
 */
gboolean
gaio_gatherer_is_wait (GaioGatherer *self)
{
  g_return_val_if_fail (GAIO_IS_GATHERER (self), FALSE);

  return self->policy->result == RESULT_SNAPSHOT;
}

/**
 * gaio_gatherer_get_return_errors:
 * @self: a gatherer
 *
 * Gets [property@Gaio.Gatherer:return-errors].
 *
 * Returns: whether failures are kept as results
 */
gboolean
gaio_gatherer_get_return_errors (GaioGatherer *self)
{
  g_return_val_if_fail (GAIO_IS_GATHERER (self), FALSE);

  return self->return_errors;
}

/**
 * gaio_gatherer_set_return_errors:
 * @self: a gatherer
 * @return_errors: whether failures are kept as results
 *
 * Sets [property@Gaio.Gatherer:return-errors]. Call it on the owner context
 * right after construction.
 */
void
gaio_gatherer_set_return_errors (GaioGatherer *self,
                                 gboolean      return_errors)
{
  g_return_if_fail (GAIO_IS_GATHERER (self));

  return_errors = !!return_errors;
  if (self->return_errors == (guint) return_errors)
    return;

  self->return_errors = return_errors;
  /* In the ALL mode, errors as results are a row of their own. */
  if (self->policy == &policies[POLICY_ALL] && return_errors)
    self->policy = &policies[POLICY_ALL_RETURN_ERRORS];
  else if (self->policy == &policies[POLICY_ALL_RETURN_ERRORS] && !return_errors)
    self->policy = &policies[POLICY_ALL];
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_RETURN_ERRORS]);
}

/**
 * gaio_gatherer_get_n_futures:
 * @self: a gatherer
 *
 * Gets how many futures @self waits on, duplicates included.
 *
 * Returns: the number of futures
 */
guint
gaio_gatherer_get_n_futures (GaioGatherer *self)
{
  g_return_val_if_fail (GAIO_IS_GATHERER (self), 0);

  return self->n_futures;
}

/**
 * gaio_gatherer_get_future:
 * @self: a gatherer
 * @index: a slot, below [method@Gaio.Gatherer.get_n_futures]
 *
 * Gets the future in slot @index.
 *
 * Returns: (transfer none): the future
 */
GaioFuture *
gaio_gatherer_get_future (GaioGatherer *self,
                          guint         index)
{
  g_return_val_if_fail (GAIO_IS_GATHERER (self), NULL);
  g_return_val_if_fail (index < self->n_futures, NULL);

  return self->futures[index];
}

/**
 * gaio_gatherer_get_n_done:
 * @self: a gatherer
 *
 * Gets [property@Gaio.Gatherer:n-done].
 *
 * Returns: how many futures have settled
 */
guint
gaio_gatherer_get_n_done (GaioGatherer *self)
{
  g_return_val_if_fail (GAIO_IS_GATHERER (self), 0);

  return self->n_done;
}

/**
 * gaio_gatherer_get_n_succeeded:
 * @self: a gatherer
 *
 * Gets [property@Gaio.Gatherer:n-succeeded].
 *
 * Returns: how many futures resolved
 *
 * Since: 0.2
 */
guint
gaio_gatherer_get_n_succeeded (GaioGatherer *self)
{
  g_return_val_if_fail (GAIO_IS_GATHERER (self), 0);

  return self->n_succeeded;
}

/**
 * gaio_gatherer_get_n_cancelled:
 * @self: a gatherer
 *
 * Gets [property@Gaio.Gatherer:n-cancelled].
 *
 * Returns: how many futures were cancelled
 *
 * Since: 0.2
 */
guint
gaio_gatherer_get_n_cancelled (GaioGatherer *self)
{
  g_return_val_if_fail (GAIO_IS_GATHERER (self), 0);

  return self->n_cancelled;
}

/**
 * gaio_gatherer_get_fraction:
 * @self: a gatherer
 *
 * Gets [property@Gaio.Gatherer:fraction].
 *
 * Returns: the share of the futures that succeeded or failed, from 0 to 1
 *
 * Since: 0.2
 */
double
gaio_gatherer_get_fraction (GaioGatherer *self)
{
  g_return_val_if_fail (GAIO_IS_GATHERER (self), 0.0);

  if (self->n_futures == 0)
    return 1.0;
  return (double) (self->n_succeeded + self->n_failed) / self->n_futures;
}

/**
 * gaio_gatherer_get_n_failed:
 * @self: a gatherer
 *
 * Gets [property@Gaio.Gatherer:n-failed].
 *
 * Returns: how many futures were rejected (not cancelled)
 */
guint
gaio_gatherer_get_n_failed (GaioGatherer *self)
{
  g_return_val_if_fail (GAIO_IS_GATHERER (self), 0);

  return self->n_failed;
}

/**
 * gaio_gatherer_get_winner:
 * @self: a gatherer
 *
 * Gets the slot that decided an `ANY` or `RACE` gatherer.
 *
 * Returns: the winning slot, or -1 when there is none (yet)
 */
int
gaio_gatherer_get_winner (GaioGatherer *self)
{
  g_return_val_if_fail (GAIO_IS_GATHERER (self), -1);

  return self->winner;
}

/**
 * gaio_gatherer_get_values:
 * @self: a gatherer
 * @n_values: (out): the number of values, [method@Gaio.Gatherer.get_n_futures]
 *
 * Gets every slot's outcome at once, in input order: a copy of the value a
 * future resolved with; a `GError` boxed value ([type@GLib.Error]) for a
 * future that failed, which bindings see as an error object, as with
 * `return_exceptions=True`; or a %NULL pointer value (seen as `null` or
 * `None`) for a future that resolved with no value or is still pending.
 * Reading an error this way counts as retrieving it.
 *
 * Returns: (array length=n_values) (transfer full): the values; free each
 *   with g_value_unset() and the array with g_free()
 */
GValue *
gaio_gatherer_get_values (GaioGatherer *self,
                          guint        *n_values)
{
  GValue *values;

  g_return_val_if_fail (GAIO_IS_GATHERER (self), NULL);
  g_return_val_if_fail (n_values != NULL, NULL);

  values = g_new0 (GValue, MAX (self->n_futures, 1));
  for (guint i = 0; i < self->n_futures; i++)
    {
      GaioFuture *future = self->futures[i];
      const GValue *value = gaio_future_get_value (future);

      if (value != NULL)
        {
          g_value_init (&values[i], G_VALUE_TYPE (value));
          g_value_copy (value, &values[i]);
        }
      else if (is_failed (future))
        {
          g_value_init (&values[i], G_TYPE_ERROR);
          g_value_set_boxed (&values[i], gaio_future_get_error (future));
        }
      else
        {
          g_value_init (&values[i], G_TYPE_POINTER);
        }
    }

  *n_values = self->n_futures;
  return values;
}

/**
 * gaio_gatherer_get_value_at:
 * @self: a gatherer
 * @index: a slot, below [method@Gaio.Gatherer.get_n_futures]
 *
 * Gets the value the future in slot @index resolved with.
 *
 * Returns: (transfer none) (nullable): the value, or %NULL when that future
 *   is pending, failed, or resolved with no value
 */
const GValue *
gaio_gatherer_get_value_at (GaioGatherer *self,
                         guint         index)
{
  g_return_val_if_fail (GAIO_IS_GATHERER (self), NULL);
  g_return_val_if_fail (index < self->n_futures, NULL);

  return gaio_future_get_value (self->futures[index]);
}

/**
 * gaio_gatherer_get_error_at:
 * @self: a gatherer
 * @index: a slot, below [method@Gaio.Gatherer.get_n_futures]
 *
 * Gets the error the future in slot @index failed with; a cancelled future
 * reports `G_IO_ERROR_CANCELLED`. The gatherer's own error, if any, is
 * [method@Gaio.Future.get_error].
 *
 * Returns: (transfer none) (nullable): the error, or %NULL when that future
 *   is pending or resolved
 */
const GError *
gaio_gatherer_get_error_at (GaioGatherer *self,
                         guint         index)
{
  g_return_val_if_fail (GAIO_IS_GATHERER (self), NULL);
  g_return_val_if_fail (index < self->n_futures, NULL);

  return gaio_future_get_error (self->futures[index]);
}

/* Transfer container: the futures stay owned by the gatherer. (A
 * transfer-full array with a free function is unreffed twice by PyGObject
 * 3.42, which steals the elements and then frees the array.) */
static GPtrArray *
copy_futures (GPtrArray    *snapshot,
              GaioGatherer *self,
              gboolean      done)
{
  GPtrArray *array;

  if (snapshot != NULL)
    return g_ptr_array_copy (snapshot, NULL, NULL);

  array = g_ptr_array_new ();
  for (guint i = 0; i < self->n_futures; i++)
    if (gaio_future_is_done (self->futures[i]) == done)
      g_ptr_array_add (array, self->futures[i]);
  return array;
}

/**
 * gaio_gatherer_get_done:
 * @self: a gatherer
 *
 * Gets the futures that had settled, in input order: for a wait, those done
 * when it resolved (`asyncio.wait()`'s first set); otherwise, or before a
 * wait resolved, those done now.
 *
 * Returns: (transfer container) (element-type GaioFuture): the settled
 *   futures, owned by @self; free the array with g_ptr_array_unref()
 */
GPtrArray *
gaio_gatherer_get_done (GaioGatherer *self)
{
  g_return_val_if_fail (GAIO_IS_GATHERER (self), NULL);

  return copy_futures (self->done_snapshot, self, TRUE);
}

/**
 * gaio_gatherer_get_pending:
 * @self: a gatherer
 *
 * Gets the futures that had not settled, in input order: for a wait, those
 * pending when it resolved (`asyncio.wait()`'s second set); otherwise those
 * pending now.
 *
 * Returns: (transfer container) (element-type GaioFuture): the pending
 *   futures, owned by @self; free the array with g_ptr_array_unref()
 */
GPtrArray *
gaio_gatherer_get_pending (GaioGatherer *self)
{
  g_return_val_if_fail (GAIO_IS_GATHERER (self), NULL);

  return copy_futures (self->pending_snapshot, self, FALSE);
}

/**
 * gaio_gatherer_next_completed:
 * @self: a gatherer
 *
 * Gets the next future in completion order, like one step of
 * `asyncio.as_completed()`. Each call hands out the next one; calls made
 * before any is available are served in the order made.
 *
 * The returned future resolves with the settled [class@Gaio.Future] as an
 * object value, or with no value once every future was handed out. Cancel
 * it to stop waiting: the future it would have got goes to the next call.
 * Call on the owner context.
 *
 * Returns: (transfer full): a future of the next settled future
 */
GaioFuture *
gaio_gatherer_next_completed (GaioGatherer *self)
{
  GaioFuture *waiter;

  g_return_val_if_fail (GAIO_IS_GATHERER (self), NULL);

  if (self->next_cursor == self->n_futures)
    return gaio_future_new_resolved (NULL);

  waiter = gaio_wait_queue_push (&self->next_waiters);
  feed_next_waiters (self);
  return waiter;
}

/**
 * gaio_gatherer_next_completed_async:
 * @self: a gatherer
 * @cancellable: (nullable): stops this wait; the future it would have got
 *   goes to the next call
 * @callback: (scope async) (closure user_data): called with the next
 *   settled future
 * @user_data: data for @callback
 *
 * Waits for the next future in completion order; see
 * [method@Gaio.Gatherer.next_completed]. This is the pair bindings await:
 * in Python, `while (f := await g.next_completed()) is not None:`.
 */
void
gaio_gatherer_next_completed_async (GaioGatherer        *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (GAIO_IS_GATHERER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  gaio_waiter_bind_async (self, gaio_gatherer_next_completed (self), cancellable,
                          gaio_gatherer_next_completed_async, NULL, callback, user_data);
}

/**
 * gaio_gatherer_next_completed_finish:
 * @self: a gatherer
 * @result: the result given to the callback
 * @error: return location for an error: only `G_IO_ERROR_CANCELLED`
 *
 * Finishes [method@Gaio.Gatherer.next_completed_async].
 *
 * Returns: (transfer full) (nullable): the next settled future, or %NULL
 *   without @error once every future was handed out
 */
GaioFuture *
gaio_gatherer_next_completed_finish (GaioGatherer  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  GValue *value = NULL;
  GaioFuture *future = NULL;

  g_return_val_if_fail (GAIO_IS_GATHERER (self), NULL);

  if (!gaio_waiter_bind_finish (self, result, gaio_gatherer_next_completed_async, &value, error))
    return NULL;

  if (value != NULL)
    {
      future = g_value_dup_object (value);
      g_boxed_free (G_TYPE_VALUE, value);
    }
  return future;
}
