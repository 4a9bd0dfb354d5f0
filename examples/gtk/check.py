# check.py: the test hooks of fetch_window.py, as check.c is for the C
# version: --auto presses Fetch, --cancel-after N presses Cancel once N
# downloads settled, and when the run is over every row on screen is
# compared with its future, the longest stall of the main loop is measured
# against a high-priority timer, one JSON line is printed and the window
# closed.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors

import argparse
import json
import time

from gi.repository import Gaio, GLib, Gtk

TICK_MS = 5
STATE_TEXT = {
    Gaio.FutureState.PENDING: 'fetching',
    Gaio.FutureState.RESOLVED: 'saved',
    Gaio.FutureState.REJECTED: 'failed',
    Gaio.FutureState.CANCELLED: 'cancelled',
}


def parse_options(args):
    parser = argparse.ArgumentParser()
    parser.add_argument('--out')
    parser.add_argument('--auto', action='store_true')
    parser.add_argument('--cancel-after', type=int, default=-1)
    # PyGObject 3.42 cannot pass a GskRenderNode: the C version takes the
    # screenshot.
    parser.add_argument('urls', nargs='*')
    options = parser.parse_args(args)
    return (Check(options) if options.auto else None), options.out, options.urls


class Check:
    def __init__(self, options):
        self.cancel_after = options.cancel_after
        self.status = 1
        self.cancelled = False
        self.max_gap = self.max_busy = 0

    def drive(self, app, window, list_view):
        self.app, self.window, self.list = app, window, list_view
        GLib.timeout_add(100, lambda: app.activate_action('fetch', None))

    def start(self, gatherer):
        self.gatherer = gatherer
        gatherer.connect('notify::n-done', self.on_n_done)
        self.last_tick, self.last_cpu = time.monotonic(), time.thread_time()
        self.tick_id = GLib.timeout_add(TICK_MS, self.on_tick, priority=GLib.PRIORITY_HIGH)

    def on_tick(self):
        # Wall-clock gaps also count other processes holding the CPU; the
        # main thread's CPU time between ticks is what the loop did
        # without yielding.
        now, cpu = time.monotonic(), time.thread_time()
        self.max_gap = max(self.max_gap, now - self.last_tick)
        self.max_busy = max(self.max_busy, cpu - self.last_cpu)
        self.last_tick, self.last_cpu = now, cpu
        return GLib.SOURCE_CONTINUE

    def on_n_done(self, gatherer, pspec):
        if not self.cancelled and 0 <= self.cancel_after <= gatherer.get_n_done():
            self.cancelled = True
            self.app.activate_action('cancel', None)

    def finish(self, gatherer):
        GLib.source_remove(self.tick_id)
        self.window.add_tick_callback(self.on_next_frame)

    def on_next_frame(self, widget, clock):
        self.paint_id = clock.connect('after-paint', self.report)
        return GLib.SOURCE_REMOVE

    @staticmethod
    def children(widget):
        child = widget.get_first_child()
        while child is not None:
            yield child
            child = child.get_next_sibling()

    def check_rows(self, widget, futures, counts):
        for child in self.children(widget):
            if isinstance(child, Gtk.Label) and child.get_name() == 'state':
                future = futures.get(child.get_prev_sibling().get_text())
                if future is not None:
                    counts[0] += 1
                    counts[1] += child.get_text() != STATE_TEXT[future.get_state()]
            self.check_rows(child, futures, counts)

    def report(self, clock):
        clock.disconnect(self.paint_id)
        try:
            self.write_report()
        finally:
            self.window.destroy()

    def write_report(self):
        gatherer = self.gatherer
        futures = {gatherer.get_future(i).get_name(): gatherer.get_future(i)
                   for i in range(gatherer.get_n_futures())}
        counts = [0, 0]
        self.check_rows(self.list, futures, counts)
        print(json.dumps({
            'n': gatherer.get_n_futures(), 'succeeded': gatherer.get_n_succeeded(),
            'failed': gatherer.get_n_failed(), 'cancelled': gatherer.get_n_cancelled(),
            'fraction': round(gatherer.get_fraction(), 3),
            'rows_checked': counts[0], 'rows_wrong': counts[1],
            'max_gap_ms': round(self.max_gap * 1000, 1),
            'max_busy_ms': round(self.max_busy * 1000, 1)}), flush=True)
        self.status = 0
