/* check.c: the test hooks of fetch-window.c. With --auto it presses Fetch
 * once the window is up, with --cancel-after N it presses Cancel once N
 * downloads settled, and when the run is over it compares every row on
 * screen with its future, measures how long the main loop was ever kept
 * from a high-priority timer, saves a screenshot with --screenshot, prints
 * one JSON line and closes the window.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <time.h>

#include "check.h"

#define TICK_MS 5

struct _Check
{
  gboolean      autostart;
  int           cancel_after;
  char         *screenshot;
  GApplication *app;
  GtkWindow    *window;
  GtkListView  *list;
  GaioGatherer *gatherer;
  gboolean      cancelled;
  guint         tick_id;
  gint64        last_tick;
  gint64        start;
  gint64        max_gap;
  gint64        last_cpu;
  gint64        max_busy;
  int           status;
};

Check *
check_parse_options (int    *argc,
                     char ***argv,
                     char  **out)
{
  gboolean autostart = FALSE;
  int cancel_after = -1;
  char *screenshot = NULL;
  GOptionEntry entries[] = {
    { "out", 0, 0, G_OPTION_ARG_FILENAME, out, "Save the pages in DIR", "DIR" },
    { "auto", 0, 0, G_OPTION_ARG_NONE, &autostart, "Test: press Fetch at once", NULL },
    { "cancel-after", 0, 0, G_OPTION_ARG_INT, &cancel_after, "Test: press Cancel after N", "N" },
    { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, &screenshot, "Test: save a PNG", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("URL...");
  g_autoptr(GError) error = NULL;
  Check *self;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("%s\n", error->message);
      exit (2);
    }
  if (!autostart)
    return NULL;

  self = g_new0 (Check, 1);
  self->autostart = autostart;
  self->cancel_after = cancel_after;
  self->screenshot = screenshot;
  self->status = 1;
  return self;
}

/* The CPU time of the main thread, in microseconds. On a busy machine the
 * wall-clock gap between two ticks also counts the time other processes
 * held the CPU; the CPU time the loop spent between them is what it did
 * without yielding. */
static gint64
thread_cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gboolean
tick_cb (gpointer data)
{
  Check *self = data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_time ();

  if (g_getenv ("CHECK_DEBUG") && now - self->last_tick > 20000)
    g_printerr ("gap %.1f ms (busy %.1f) at %.1f ms, n-done %u\n",
                (now - self->last_tick) / 1000.0, (cpu - self->last_cpu) / 1000.0,
                (now - self->start) / 1000.0, gaio_gatherer_get_n_done (self->gatherer));
  self->max_gap = MAX (self->max_gap, now - self->last_tick);
  self->max_busy = MAX (self->max_busy, cpu - self->last_cpu);
  self->last_tick = now;
  self->last_cpu = cpu;
  return G_SOURCE_CONTINUE;
}

static gboolean
press_fetch_cb (gpointer data)
{
  Check *self = data;

  g_action_group_activate_action (G_ACTION_GROUP (self->app), "fetch", NULL);
  return G_SOURCE_REMOVE;
}

void
check_drive (Check        *self,
             GApplication *app,
             GtkWindow    *window,
             GtkListView  *list)
{
  self->app = app;
  self->window = window;
  self->list = list;
  g_timeout_add (100, press_fetch_cb, self);
}

static void
n_done_cb (GObject    *gatherer,
           GParamSpec *pspec,
           gpointer    data)
{
  Check *self = data;

  if (!self->cancelled && self->cancel_after >= 0 &&
      gaio_gatherer_get_n_done (GAIO_GATHERER (gatherer)) >= (guint) self->cancel_after)
    {
      self->cancelled = TRUE;
      g_action_group_activate_action (G_ACTION_GROUP (self->app), "cancel", NULL);
    }
}

void
check_start (Check        *self,
             GaioGatherer *gatherer)
{
  self->gatherer = g_object_ref (gatherer);
  g_signal_connect (gatherer, "notify::n-done", G_CALLBACK (n_done_cb), self);
  self->last_tick = self->start = g_get_monotonic_time ();
  self->last_cpu = thread_cpu_time ();
  self->tick_id = g_timeout_add_full (G_PRIORITY_HIGH, TICK_MS, tick_cb, self, NULL);
}

static const char *
expected_text (GaioFuture *future)
{
  switch (gaio_future_get_state (future))
    {
    case GAIO_FUTURE_STATE_PENDING: return "fetching";
    case GAIO_FUTURE_STATE_RESOLVED: return "saved";
    case GAIO_FUTURE_STATE_REJECTED: return "failed";
    case GAIO_FUTURE_STATE_CANCELLED: return "cancelled";
    default: return "?";
    }
}

/* Walks the widgets of the list view: each row is a box of the URL label
 * and the state label. */
static void
check_rows (Check     *self,
            GtkWidget *widget,
            guint     *checked,
            guint     *wrong)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_widget_get_name (child), "state") == 0)
        {
          const char *url = gtk_label_get_text (GTK_LABEL (gtk_widget_get_prev_sibling (child)));
          const char *text = gtk_label_get_text (GTK_LABEL (child));

          for (guint i = 0; i < gaio_gatherer_get_n_futures (self->gatherer); i++)
            {
              GaioFuture *future = gaio_gatherer_get_future (self->gatherer, i);

              if (g_strcmp0 (gaio_future_get_name (future), url) == 0)
                {
                  (*checked)++;
                  if (g_strcmp0 (text, expected_text (future)) != 0)
                    (*wrong)++;
                  break;
                }
            }
        }
      check_rows (self, child, checked, wrong);
    }
}

static void
save_screenshot (Check *self)
{
  GtkWidget *widget = gtk_window_get_child (self->window);
  int width = gtk_widget_get_width (GTK_WIDGET (self->window));
  int height = gtk_widget_get_height (GTK_WIDGET (self->window));
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GdkRGBA background = { 0.98, 0.98, 0.98, 1 };
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  /* The window's content on the window's background colour. */
  gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_widget_snapshot_child (GTK_WIDGET (self->window), widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (self->window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, self->screenshot))
    g_printerr ("Could not save %s\n", self->screenshot);
}

/* Once the frame after the run ended is painted: the rows show the final
 * states and every widget has its allocation. */
static void
report_cb (GdkFrameClock *clock,
           gpointer       data)
{
  Check *self = data;
  guint checked = 0, wrong = 0;
  g_autofree char *fraction = NULL;

  check_rows (self, GTK_WIDGET (self->list), &checked, &wrong);
  if (self->screenshot != NULL)
    save_screenshot (self);

  fraction = g_strdup_printf ("%.3f", gaio_gatherer_get_fraction (self->gatherer));
  g_print ("{\"n\": %u, \"succeeded\": %u, \"failed\": %u, \"cancelled\": %u, "
           "\"fraction\": %s, \"rows_checked\": %u, \"rows_wrong\": %u, \"max_gap_ms\": %.1f, "
           "\"max_busy_ms\": %.1f}\n",
           gaio_gatherer_get_n_futures (self->gatherer),
           gaio_gatherer_get_n_succeeded (self->gatherer),
           gaio_gatherer_get_n_failed (self->gatherer),
           gaio_gatherer_get_n_cancelled (self->gatherer),
           fraction, checked, wrong, self->max_gap / 1000.0, self->max_busy / 1000.0);
  self->status = 0;
  g_signal_handlers_disconnect_by_func (clock, report_cb, self);
  gtk_window_destroy (self->window);
}

static gboolean
next_frame_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       data)
{
  g_signal_connect (clock, "after-paint", G_CALLBACK (report_cb), data);
  return G_SOURCE_REMOVE;
}

void
check_finish (Check        *self,
              GaioGatherer *gatherer)
{
  g_clear_handle_id (&self->tick_id, g_source_remove);
  gtk_widget_add_tick_callback (GTK_WIDGET (self->window), next_frame_cb, self, NULL);
}

int
check_status (Check *self)
{
  return self->status;
}

void
check_free (Check *self)
{
  g_clear_object (&self->gatherer);
  g_free (self->screenshot);
  g_free (self);
}
