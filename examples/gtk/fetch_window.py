#!/usr/bin/python3
# fetch_window.py: a GTK 4 window that fetches many URLs with Gaio; the
# Python twin of fetch-window.c.
#
#   fetch_window.py [--out DIR] URL...
#
# The gatherer of the downloads is the list view's model, its `fraction`
# drives the progress bar, Cancel is an action, the pages land atomically
# in the output folder, and the application is held while the work runs.
# The test options (--auto, --cancel-after, --screenshot) are in check.py.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors

import os
import sys

import gi
gi.require_version('Gaio', '1.0')
gi.require_version('Gtk', '4.0')
from gi.repository import Gaio, GLib, GObject, Gio, Gtk  # noqa: E402

import check  # noqa: E402

STATE_TEXT = {
    Gaio.FutureState.PENDING: 'fetching',
    Gaio.FutureState.RESOLVED: 'saved',
    Gaio.FutureState.REJECTED: 'failed',
    Gaio.FutureState.CANCELLED: 'cancelled',
}


class FetchWindow(Gtk.Application):
    def __init__(self, urls, out, checker):
        super().__init__(application_id='org.gaio.FetchWindow',
                         flags=Gio.ApplicationFlags.NON_UNIQUE)
        self.urls, self.out, self.checker = urls, out, checker
        self.client = Gaio.HttpClient()
        self.client.set_max_connections_per_host(8)
        self.gatherer = None
        for name, handler in (('fetch', self.on_fetch), ('cancel', self.on_cancel)):
            action = Gio.SimpleAction.new(name, None)
            action.connect('activate', handler)
            self.add_action(action)

    def do_activate(self):
        self.window = self.build_window()
        self.window.present()
        if self.checker:
            self.checker.drive(self, self.window, self.list)

    def build_window(self):
        factory = Gtk.SignalListItemFactory()
        factory.connect('setup', self.on_setup_row)
        factory.connect('bind', self.on_bind_row)
        factory.connect('unbind', lambda factory, item: item.binding.unbind())
        self.list = Gtk.ListView(factory=factory)
        self.bar = Gtk.ProgressBar()

        buttons = Gtk.Box(spacing=6)
        buttons.append(Gtk.Button(label='Fetch', action_name='app.fetch'))
        buttons.append(Gtk.Button(label='Cancel', action_name='app.cancel'))
        scrolled = Gtk.ScrolledWindow(child=self.list, vexpand=True)
        box = Gtk.Box(orientation=Gtk.Orientation.VERTICAL, spacing=6, margin_top=6,
                      margin_bottom=6, margin_start=6, margin_end=6)
        for widget in (buttons, self.bar, scrolled):
            box.append(widget)
        return Gtk.ApplicationWindow(application=self, title='Fetch many URLs',
                                     default_width=560, default_height=640, child=box)

    # Rows: the URL, and a label bound to the future's state.

    def on_setup_row(self, factory, item):
        box = Gtk.Box(spacing=12)
        box.append(Gtk.Label(xalign=0, hexpand=True))
        box.append(Gtk.Label(name='state'))
        item.set_child(box)

    def on_bind_row(self, factory, item):
        future = item.get_item()
        url = item.get_child().get_first_child()
        url.set_text(future.get_name())
        item.binding = future.bind_property(
            'state', url.get_next_sibling(), 'label', GObject.BindingFlags.SYNC_CREATE,
            lambda binding, state: STATE_TEXT[state])

    # Actions.

    def on_fetch(self, action, parameter):
        downloads = []
        for i, url in enumerate(self.urls):
            page = Gio.File.new_for_path(os.path.join(self.out, '%03d.html' % i))
            download = self.client.download(url, page)
            # Network callbacks stay at the default priority; the download's
            # own bookkeeping waits for input and drawing.
            download.set_priority(GLib.PRIORITY_LOW)
            download.set_name(url)
            downloads.append(download)

        self.gatherer = Gaio.Gatherer.new(Gaio.GatherMode.ALL_SETTLED, downloads)
        self.list.set_model(Gtk.NoSelection(model=self.gatherer))
        self.gatherer.bind_property('fraction', self.bar, 'fraction',
                                    GObject.BindingFlags.SYNC_CREATE)
        # The window may close: the application quits once the work is done.
        Gaio.application_hold_future(self, self.gatherer)
        self.gatherer.add_done_callback(self.on_done)
        action.set_enabled(False)
        if self.checker:
            self.checker.start(self.gatherer)

    def on_cancel(self, action, parameter):
        if self.gatherer is not None:
            self.gatherer.cancel()

    def on_done(self, gatherer):
        print('%d saved, %d failed, %d cancelled' % (
            gatherer.get_n_succeeded(), gatherer.get_n_failed(), gatherer.get_n_cancelled()))
        if self.checker:
            self.checker.finish(gatherer)


def main(argv):
    checker, out, urls = check.parse_options(argv[1:])
    if not urls:
        print('Usage: %s [--out DIR] URL...' % argv[0], file=sys.stderr)
        return 2
    app = FetchWindow(urls, out or os.getcwd(), checker)
    status = app.run([argv[0]])
    return checker.status if checker and status == 0 else status


if __name__ == '__main__':
    sys.exit(main(sys.argv))
