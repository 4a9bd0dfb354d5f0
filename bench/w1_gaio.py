# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""W1-py: the W1 shape in Python on Gaio through PyGObject: n Gaio.Future
objects, each with a done-callback, resolved, then the GLib main context runs
until every callback ran. Uses the Python override from bindings/python when
it is on the path (run.py puts it there), plain Gaio.Future otherwise."""

import sys

import benchlib

import gi

gi.require_version("Gaio", "1.0")
from gi.repository import GLib, Gaio  # noqa: E402


def main():
    options = benchlib.parse_options(1000000)
    n = options.n
    context = GLib.MainContext.default()
    state = {"remaining": 0}

    def done_cb(future, *args):
        state["remaining"] -= 1

    def run(count, futures):
        state["remaining"] = count
        new = Gaio.Future.new
        for i in range(count):
            f = new()
            f.add_done_callback(done_cb)
            futures[i] = f
        pending = benchlib.rss_kb()
        for f in futures:
            f.resolve(None)
        futures[:] = [None] * count
        while state["remaining"] > 0:
            context.iteration(True)
        return pending

    run(1, [None])  # warm up: types, the scheduler, the callback path
    futures = [None] * n
    baseline = benchlib.rss_kb()
    timer = benchlib.Timer()
    timer.start()
    pending = run(n, futures)
    timer.stop()
    benchlib.report("W1-py", "gaio-python", n, timer,
                    bytes_per_pending=benchlib.bytes_per_pending(baseline, pending, n),
                    override="gi.overrides.Gaio" in sys.modules)


if __name__ == "__main__":
    main()
