// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright 2026 The Gaio authors
//
// check.js: the test hooks of fetch-window.js, as check.c is for the C
// version: --auto presses Fetch, --cancel-after N presses Cancel once N
// downloads settled, and when the run is over every row on screen is
// compared with its future, the longest stall of the main loop is measured
// against a high-priority timer, one JSON line is printed and the window
// closed.

import Gaio from 'gi://Gaio';
import GLib from 'gi://GLib';
import Gtk from 'gi://Gtk?version=4.0';

const TICK_MS = 5;
const STATE_TEXT = {
    [Gaio.FutureState.PENDING]: 'fetching',
    [Gaio.FutureState.RESOLVED]: 'saved',
    [Gaio.FutureState.REJECTED]: 'failed',
    [Gaio.FutureState.CANCELLED]: 'cancelled',
};

export function parseOptions(args) {
    const urls = [];
    let out = null, auto = false, cancelAfter = -1;
    for (let i = 0; i < args.length; i++) {
        if (args[i] === '--out')
            out = args[++i];
        else if (args[i] === '--auto')
            auto = true;
        else if (args[i] === '--cancel-after')
            cancelAfter = parseInt(args[++i]);
        else
            urls.push(args[i]);
    }
    return {checker: auto ? new Check(cancelAfter) : null, out, urls};
}

// The main thread's CPU time in ms, from the scheduler's own account: on a
// busy machine wall-clock gaps also count other processes holding the CPU.
function threadCpuMs() {
    const [, bytes] = GLib.file_get_contents('/proc/thread-self/schedstat');
    return Number(new TextDecoder().decode(bytes).split(' ')[0]) / 1e6;
}

class Check {
    constructor(cancelAfter) {
        this.cancelAfter = cancelAfter;
        this.status = 1;
        this.cancelled = false;
        this.maxGap = this.maxBusy = 0;
    }

    drive(app, window, list) {
        Object.assign(this, {app, window, list});
        GLib.timeout_add(GLib.PRIORITY_DEFAULT, 100, () => {
            app.activate_action('fetch', null);
            return GLib.SOURCE_REMOVE;
        });
    }

    start(gatherer) {
        this.gatherer = gatherer;
        gatherer.connect('notify::n-done', () => {
            if (!this.cancelled && this.cancelAfter >= 0 &&
                gatherer.get_n_done() >= this.cancelAfter) {
                this.cancelled = true;
                this.app.activate_action('cancel', null);
            }
        });
        this.lastTick = GLib.get_monotonic_time() / 1000;
        this.lastCpu = threadCpuMs();
        this.tickId = GLib.timeout_add(GLib.PRIORITY_HIGH, TICK_MS, () => {
            const now = GLib.get_monotonic_time() / 1000, cpu = threadCpuMs();
            this.maxGap = Math.max(this.maxGap, now - this.lastTick);
            this.maxBusy = Math.max(this.maxBusy, cpu - this.lastCpu);
            [this.lastTick, this.lastCpu] = [now, cpu];
            return GLib.SOURCE_CONTINUE;
        });
    }

    finish() {
        GLib.source_remove(this.tickId);
        this.window.add_tick_callback((widget, clock) => {
            const id = clock.connect('after-paint', () => {
                clock.disconnect(id);
                try {
                    this._report();
                } finally {
                    this.window.destroy();
                }
            });
            return GLib.SOURCE_REMOVE;
        });
    }

    _checkRows(widget, futures, counts) {
        for (let child = widget.get_first_child(); child; child = child.get_next_sibling()) {
            if (child instanceof Gtk.Label && child.get_name() === 'state') {
                const future = futures.get(child.get_prev_sibling().get_text());
                if (future) {
                    counts.checked++;
                    if (child.get_text() !== STATE_TEXT[future.get_state()])
                        counts.wrong++;
                }
            }
            this._checkRows(child, futures, counts);
        }
    }

    _report() {
        const g = this.gatherer;
        const futures = new Map();
        for (let i = 0; i < g.get_n_futures(); i++)
            futures.set(g.get_future(i).get_name(), g.get_future(i));
        const counts = {checked: 0, wrong: 0};
        this._checkRows(this.list, futures, counts);
        print(JSON.stringify({
            n: g.get_n_futures(), succeeded: g.get_n_succeeded(), failed: g.get_n_failed(),
            cancelled: g.get_n_cancelled(), fraction: Math.round(g.get_fraction() * 1000) / 1000,
            rows_checked: counts.checked, rows_wrong: counts.wrong,
            max_gap_ms: Math.round(this.maxGap * 10) / 10,
            max_busy_ms: Math.round(this.maxBusy * 10) / 10,
        }));
        this.status = 0;
    }
}
