# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""W1 anchor on asyncio: n futures from loop.create_future(), each with a
done-callback, resolved with set_result(), then the loop runs until every
callback ran (a counter resolves a final future)."""

import asyncio

import benchlib


def main():
    options = benchlib.parse_options(
        1000000, lambda p: p.add_argument("--workload", default="W1"))
    n = options.n
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    state = {"remaining": 0, "all_done": None}

    def done_cb(future):
        state["remaining"] -= 1
        if state["remaining"] == 0:
            state["all_done"].set_result(None)

    # Warm up: one round trip.
    state["remaining"] = 1
    state["all_done"] = loop.create_future()
    f = loop.create_future()
    f.add_done_callback(done_cb)
    f.set_result(None)
    loop.run_until_complete(state["all_done"])

    futures = [None] * n
    baseline = benchlib.rss_kb()
    timer = benchlib.Timer()
    timer.start()
    state["remaining"] = n
    state["all_done"] = loop.create_future()
    create_future = loop.create_future
    for i in range(n):
        f = create_future()
        f.add_done_callback(done_cb)
        futures[i] = f
    pending = benchlib.rss_kb()
    for f in futures:
        f.set_result(None)
    futures = None
    loop.run_until_complete(state["all_done"])
    timer.stop()
    benchlib.report(options.workload, "asyncio", n, timer,
                    bytes_per_pending=benchlib.bytes_per_pending(baseline, pending, n))
    loop.close()


if __name__ == "__main__":
    main()
