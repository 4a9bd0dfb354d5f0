# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""W2 (and W2f) anchor on asyncio: n tasks, each awaiting asyncio.sleep(0.01),
gathered. With --call-later, n loop.call_later() handles instead (asyncio's
closest match to a bare timer callback)."""

import asyncio

import benchlib

SLEEP_S = 0.010


def add_options(parser):
    parser.add_argument("--workload", default="W2")
    parser.add_argument("--call-later", action="store_true")


def main():
    options = benchlib.parse_options(100000, add_options)
    n = options.n
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    marks = {}

    async def sleeper():
        await asyncio.sleep(SLEEP_S)

    async def run_tasks(count):
        tasks = [loop.create_task(sleeper()) for _ in range(count)]
        await asyncio.sleep(0)  # every task starts and parks on its sleep
        marks["pending"] = benchlib.rss_kb()
        await asyncio.gather(*tasks)

    def run_call_later(count):
        state = {"remaining": count}
        done = loop.create_future()

        def fire():
            state["remaining"] -= 1
            if state["remaining"] == 0:
                done.set_result(None)

        for _ in range(count):
            loop.call_later(SLEEP_S, fire)
        marks["pending"] = benchlib.rss_kb()
        loop.run_until_complete(done)

    if options.call_later:
        run_call_later(1)
    else:
        loop.run_until_complete(run_tasks(1))
    baseline = benchlib.rss_kb()
    timer = benchlib.Timer()
    timer.start()
    if options.call_later:
        run_call_later(n)
    else:
        loop.run_until_complete(run_tasks(n))
    timer.stop()
    impl = "asyncio-call_later" if options.call_later else "asyncio"
    benchlib.report(options.workload, impl, n, timer,
                    bytes_per_pending=benchlib.bytes_per_pending(baseline, marks["pending"], n))
    loop.close()


if __name__ == "__main__":
    main()
