/* fetch-window.c: a GTK 4 window that fetches many URLs with Gaio.
 *
 * The gatherer of the downloads is the list view's model, its `fraction`
 * drives the progress bar, Cancel is an action, every result lands
 * atomically in the output folder, and the application is held while the
 * work runs. No glue: the rows update because the gatherer emits
 * items-changed and the futures notify `state`.
 *
 *   fetch-window [--out DIR] URL...
 *
 * The options after those drive it for the tests (see
 * examples/gtk/test-fetch-window.py): --auto, --cancel-after N,
 * --screenshot FILE.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <gaio.h>
#include <gtk/gtk.h>

#include "check.h"

typedef struct
{
  GtkApplication *app;
  GtkWindow      *window;
  GtkProgressBar *bar;
  GtkListView    *list;
  GaioHttpClient *client;
  GaioGatherer   *gatherer;     /* the current run, or NULL */
  char          **urls;
  char           *out;
  Check          *check;        /* only when driven by a test */
} Fetcher;

static const char *
state_text (GaioFutureState state)
{
  switch (state)
    {
    case GAIO_FUTURE_STATE_PENDING: return "fetching";
    case GAIO_FUTURE_STATE_RESOLVED: return "saved";
    case GAIO_FUTURE_STATE_REJECTED: return "failed";
    case GAIO_FUTURE_STATE_CANCELLED: return "cancelled";
    default: return "?";
    }
}

static gboolean
state_to_text (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      unused)
{
  g_value_set_string (to, state_text (g_value_get_enum (from)));
  return TRUE;
}

/* Rows: the URL, and a label bound to the future's state. */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  unused)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *url = gtk_label_new (NULL);
  GtkWidget *state = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (url), 0);
  gtk_widget_set_hexpand (url, TRUE);
  gtk_widget_set_name (state, "state");
  gtk_box_append (GTK_BOX (box), url);
  gtk_box_append (GTK_BOX (box), state);
  gtk_list_item_set_child (item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  unused)
{
  GaioFuture *future = gtk_list_item_get_item (item);
  GtkWidget *url = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *state = gtk_widget_get_next_sibling (url);
  GBinding *binding;

  gtk_label_set_text (GTK_LABEL (url), gaio_future_get_name (future));
  binding = g_object_bind_property_full (future, "state", state, "label", G_BINDING_SYNC_CREATE,
                                         state_to_text, NULL, NULL, NULL);
  g_object_set_data (G_OBJECT (item), "binding", binding);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  unused)
{
  g_binding_unbind (g_object_get_data (G_OBJECT (item), "binding"));
}

/* Actions. */

static void
run_done_cb (GaioFuture *gatherer,
             gpointer    data)
{
  Fetcher *self = data;

  g_print ("%u saved, %u failed, %u cancelled\n",
           gaio_gatherer_get_n_succeeded (GAIO_GATHERER (gatherer)),
           gaio_gatherer_get_n_failed (GAIO_GATHERER (gatherer)),
           gaio_gatherer_get_n_cancelled (GAIO_GATHERER (gatherer)));
  if (self->check != NULL)
    check_finish (self->check, GAIO_GATHERER (gatherer));
}

static void
fetch_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       data)
{
  Fetcher *self = data;
  guint n = g_strv_length (self->urls);
  g_autoptr(GPtrArray) downloads = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GtkNoSelection) selection = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%03u.html", i);
      g_autoptr(GFile) file = g_file_new_build_filename (self->out, name, NULL);
      GaioFuture *download = gaio_http_client_download (self->client, self->urls[i], file);

      /* Network callbacks stay at the default priority; the download's own
       * bookkeeping can wait for input and drawing. */
      gaio_future_set_priority (download, G_PRIORITY_LOW);
      gaio_future_set_name (download, self->urls[i]);
      g_ptr_array_add (downloads, download);
    }

  g_clear_object (&self->gatherer);
  self->gatherer = gaio_gatherer_newv (GAIO_GATHER_MODE_ALL_SETTLED,
                                       (GaioFuture **) downloads->pdata, downloads->len);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->gatherer)));
  gtk_list_view_set_model (self->list, GTK_SELECTION_MODEL (selection));
  g_object_bind_property (self->gatherer, "fraction", self->bar, "fraction", G_BINDING_SYNC_CREATE);

  /* The window may close: the application quits once the work is done. */
  gaio_application_hold_future (G_APPLICATION (self->app), GAIO_FUTURE (self->gatherer));
  gaio_future_add_done_callback (GAIO_FUTURE (self->gatherer), run_done_cb, self, NULL);
  g_simple_action_set_enabled (action, FALSE);
  if (self->check != NULL)
    check_start (self->check, self->gatherer);
}

static void
cancel_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       data)
{
  Fetcher *self = data;

  if (self->gatherer != NULL)
    gaio_future_cancel (GAIO_FUTURE (self->gatherer));
}

static GtkWidget *
build_window (Fetcher *self)
{
  GtkWidget *window = gtk_application_window_new (self->app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *fetch = gtk_button_new_with_label ("Fetch");
  GtkWidget *cancel = gtk_button_new_with_label ("Cancel");
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  self->list = GTK_LIST_VIEW (gtk_list_view_new (NULL, factory));
  self->bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());

  gtk_actionable_set_action_name (GTK_ACTIONABLE (fetch), "app.fetch");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "app.cancel");
  gtk_box_append (GTK_BOX (buttons), fetch);
  gtk_box_append (GTK_BOX (buttons), cancel);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->bar));
  gtk_box_append (GTK_BOX (box), scrolled);
  g_object_set (box, "margin-top", 6, "margin-bottom", 6, "margin-start", 6, "margin-end", 6, NULL);

  gtk_window_set_title (GTK_WINDOW (window), "Fetch many URLs");
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 640);
  gtk_window_set_child (GTK_WINDOW (window), box);
  return window;
}

static void
activate_cb (GtkApplication *app,
             gpointer        data)
{
  Fetcher *self = data;

  self->window = GTK_WINDOW (build_window (self));
  gtk_window_present (self->window);
  if (self->check != NULL)
    check_drive (self->check, G_APPLICATION (app), self->window, self->list);
}

int
main (int    argc,
      char **argv)
{
  const GActionEntry actions[] = {
    { .name = "fetch", .activate = fetch_activated },
    { .name = "cancel", .activate = cancel_activated },
  };
  Fetcher self = { 0 };
  g_autofree char *out = NULL;
  int status;

  self.check = check_parse_options (&argc, &argv, &out);
  if (argc < 2)
    {
      g_printerr ("Usage: %s [--out DIR] URL...\n", argv[0]);
      return 2;
    }
  self.urls = g_strdupv (argv + 1);
  self.out = out != NULL ? g_steal_pointer (&out) : g_get_current_dir ();
  self.client = gaio_http_client_new ();
  gaio_http_client_set_max_connections_per_host (self.client, 8);

  self.app = gtk_application_new ("org.gaio.FetchWindow", G_APPLICATION_NON_UNIQUE);
  g_action_map_add_action_entries (G_ACTION_MAP (self.app), actions, G_N_ELEMENTS (actions), &self);
  g_signal_connect (self.app, "activate", G_CALLBACK (activate_cb), &self);
  status = g_application_run (G_APPLICATION (self.app), 1, argv);

  if (self.check != NULL && status == 0)
    status = check_status (self.check);
  g_clear_pointer (&self.check, check_free);
  g_clear_object (&self.gatherer);
  g_clear_object (&self.app);
  g_clear_object (&self.client);
  g_strfreev (self.urls);
  g_free (self.out);
  return status;
}
