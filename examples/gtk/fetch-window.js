// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright 2026 The Gaio authors
//
// fetch-window.js: a GTK 4 window that fetches many URLs with Gaio; the GJS
// twin of fetch-window.c.
//
//   gjs -m fetch-window.js [--out DIR] URL...
//
// The gatherer of the downloads is the list view's model, its `fraction`
// drives the progress bar, Cancel is an action, the pages land atomically
// in the output folder, and the application is held while the work runs.
// The test options (--auto, --cancel-after) are in check.js.

import Gaio from 'gi://Gaio';
import GLib from 'gi://GLib';
import GObject from 'gi://GObject';
import Gio from 'gi://Gio';
import Gtk from 'gi://Gtk?version=4.0';
import {parseOptions} from './check.js';

const STATE_TEXT = {
    [Gaio.FutureState.PENDING]: 'fetching',
    [Gaio.FutureState.RESOLVED]: 'saved',
    [Gaio.FutureState.REJECTED]: 'failed',
    [Gaio.FutureState.CANCELLED]: 'cancelled',
};

const FetchWindow = GObject.registerClass(
class FetchWindow extends Gtk.Application {
    _init(urls, out, checker) {
        super._init({
            application_id: 'org.gaio.FetchWindow',
            flags: Gio.ApplicationFlags.NON_UNIQUE,
        });
        this._urls = urls;
        this._out = out;
        this._checker = checker;
        this._client = new Gaio.HttpClient();
        this._client.set_max_connections_per_host(8);
        this._gatherer = null;
        for (const [name, handler] of [['fetch', this._onFetch], ['cancel', this._onCancel]]) {
            const action = new Gio.SimpleAction({name});
            action.connect('activate', handler.bind(this));
            this.add_action(action);
        }
    }

    vfunc_activate() {
        this._window = this._buildWindow();
        this._window.present();
        this._checker?.drive(this, this._window, this._list);
    }

    vfunc_shutdown() {
        // GTK 4.18 (not 4.8) unbinds and tears down a row only when its
        // widget is reused or disposed, not when it leaves the model. A row
        // widget that JS has touched (check.js walks them) lives as long as
        // its JS wrapper, and when GJS's garbage collector frees that, it
        // blocks the factory's handlers ("call back into JSAPI during the
        // sweeping phase of GC"). Dropping the factory tears every row down
        // now, while JS runs.
        this._list.set_factory(null);
        super.vfunc_shutdown();
    }

    _buildWindow() {
        const factory = new Gtk.SignalListItemFactory();
        factory.connect('setup', (f, item) => {
            const box = new Gtk.Box({spacing: 12});
            box.append(new Gtk.Label({xalign: 0, hexpand: true}));
            box.append(new Gtk.Label({name: 'state'}));
            item.set_child(box);
        });
        // Rows: the URL, and a label bound to the future's state.
        factory.connect('bind', (f, item) => {
            const future = item.get_item();
            const url = item.get_child().get_first_child();
            url.set_text(future.get_name());
            item._binding = future.bind_property_full('state', url.get_next_sibling(), 'label',
                GObject.BindingFlags.SYNC_CREATE, (binding, state) => [true, STATE_TEXT[state]],
                null);
        });
        factory.connect('unbind', (f, item) => item._binding.unbind());
        this._list = new Gtk.ListView({factory});
        this._bar = new Gtk.ProgressBar();

        const buttons = new Gtk.Box({spacing: 6});
        buttons.append(new Gtk.Button({label: 'Fetch', action_name: 'app.fetch'}));
        buttons.append(new Gtk.Button({label: 'Cancel', action_name: 'app.cancel'}));
        const scrolled = new Gtk.ScrolledWindow({child: this._list, vexpand: true});
        const box = new Gtk.Box({
            orientation: Gtk.Orientation.VERTICAL, spacing: 6,
            margin_top: 6, margin_bottom: 6, margin_start: 6, margin_end: 6,
        });
        for (const widget of [buttons, this._bar, scrolled])
            box.append(widget);
        return new Gtk.ApplicationWindow({
            application: this, title: 'Fetch many URLs',
            default_width: 560, default_height: 640, child: box,
        });
    }

    _onFetch(action) {
        const downloads = this._urls.map((url, i) => {
            const name = `${String(i).padStart(3, '0')}.html`;
            const download = this._client.download(url, Gio.File.new_for_path(
                GLib.build_filenamev([this._out, name])));
            // Network callbacks stay at the default priority; the download's
            // own bookkeeping waits for input and drawing.
            download.set_priority(GLib.PRIORITY_LOW);
            download.set_name(url);
            return download;
        });

        this._gatherer = Gaio.Gatherer.new(Gaio.GatherMode.ALL_SETTLED, downloads);
        this._list.set_model(new Gtk.NoSelection({model: this._gatherer}));
        this._gatherer.bind_property('fraction', this._bar, 'fraction',
            GObject.BindingFlags.SYNC_CREATE);
        // The window may close: the application quits once the work is done.
        Gaio.application_hold_future(this, this._gatherer);
        this._gatherer.add_done_callback(gatherer => this._onDone(gatherer));
        action.set_enabled(false);
        this._checker?.start(this._gatherer);
    }

    _onCancel() {
        this._gatherer?.cancel();
    }

    _onDone(gatherer) {
        print(`${gatherer.get_n_succeeded()} saved, ${gatherer.get_n_failed()} failed, ` +
              `${gatherer.get_n_cancelled()} cancelled`);
        this._checker?.finish(gatherer);
    }
});

const {checker, out, urls} = parseOptions(ARGV);
if (urls.length === 0) {
    printerr('Usage: gjs -m fetch-window.js [--out DIR] URL...');
    imports.system.exit(2);
}
const app = new FetchWindow(urls, out ?? GLib.get_current_dir(), checker);
let status = app.run([imports.system.programInvocationName]);
if (checker && status === 0)
    status = checker.status;
imports.system.exit(status);
