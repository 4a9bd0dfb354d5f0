#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""The Python workloads on one asyncio event loop, the same code on each:
Gaio's loop (Gaio.new_event_loop()), asyncio's default loop, uvloop and
PyGObject's gi.events (3.50+).

    py_loops.py --workload W1-py|W2-py|W9-py|Idle --loop gaio|asyncio|uvloop|gi-events -n N

W1-py  n futures from loop.create_future() (Gaio.Future() with --c-futures),
       each with a done-callback, all resolved, then every one awaited.
W2-py  n tasks each awaiting asyncio.sleep(0.01) (gaio_sleep(10) with
       --c-sleep), gathered.
W9-py  n sequential `await asyncio.sleep(0)`: one loop iteration each.
Idle   one gaio_sleep() of n seconds awaited; the figure is the CPU the
       process burnt meanwhile (cpu_seconds), and its context switches.

Prints one JSON line (benchlib.report)."""

import asyncio
import resource

import benchlib


def make_loop(name):
    if name == 'gaio':
        return gaio().new_event_loop()
    if name == 'asyncio':
        return asyncio.new_event_loop()
    if name == 'uvloop':
        import uvloop
        return uvloop.new_event_loop()
    if name == 'gi-events':
        from gi.events import GLibEventLoopPolicy
        policy = GLibEventLoopPolicy()
        asyncio.set_event_loop_policy(policy)
        return policy.get_event_loop()
    raise ValueError(name)


_gaio = {}


def gaio():
    """The Gaio module (the override), imported on first use: the asyncio
    and uvloop runs of W1, W2 and W9 do not load it."""
    if not _gaio:
        import gi
        gi.require_version('Gaio', '1.0')
        from gi.module import get_introspection_module
        from gi.repository import Gaio
        _gaio['module'] = Gaio
        # gaio_sleep() itself: the override's Gaio.sleep is asyncio.sleep.
        _gaio['sleep'] = get_introspection_module('Gaio').sleep
    return _gaio['module']


def c_sleep(milliseconds):
    gaio()
    return _gaio['sleep'](milliseconds)


async def w1(n, options, marks):
    loop = asyncio.get_running_loop()
    create = gaio().Future if options.c_futures else loop.create_future
    state = [0]
    all_ran = loop.create_future()

    def done_cb(future):
        state[0] += 1
        if state[0] == n:
            all_ran.set_result(None)

    futures = [None] * n
    for i in range(n):
        future = create()
        future.add_done_callback(done_cb)
        futures[i] = future
    marks['pending'] = benchlib.rss_kb()
    for i, future in enumerate(futures):
        future.set_result(i)
    total = 0
    for future in futures:
        total += await future
    await all_ran  # C futures run their callbacks from GLib's dispatch
    assert state[0] == n, state[0]
    assert total == n * (n - 1) // 2


async def w2(n, options, marks):
    if options.c_sleep:
        async def sleeper():
            await c_sleep(10)
    else:
        async def sleeper():
            await asyncio.sleep(0.010)
    tasks = [asyncio.create_task(sleeper()) for _ in range(n)]
    await asyncio.sleep(0)  # every task starts and parks on its sleep
    marks['pending'] = benchlib.rss_kb()
    await asyncio.gather(*tasks)


async def w9(n, options, marks):
    for _ in range(n):
        await asyncio.sleep(0)


async def idle(n, options, marks):
    await c_sleep(round(n * 1000))


WORKLOADS = {'W1-py': w1, 'W2-py': w2, 'W9-py': w9, 'Idle': idle}


def context_switches():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_nvcsw + usage.ru_nivcsw


def main():
    def extra(parser):
        parser.add_argument('--workload', choices=sorted(WORKLOADS), required=True)
        parser.add_argument('--loop', choices=('gaio', 'asyncio', 'uvloop', 'gi-events'),
                            required=True)
        parser.add_argument('--impl', help='the name to report (default: the loop)')
        parser.add_argument('--c-futures', action='store_true')
        parser.add_argument('--c-sleep', action='store_true')

    options = benchlib.parse_options(100000, extra)
    body = WORKLOADS[options.workload]
    loop = make_loop(options.loop)
    asyncio.set_event_loop(loop)
    marks = {}
    # Warm up: imports, the first task, and for Idle the first C future
    # awaited (on a loop that does not iterate GLib, that sets up the watch
    # of GLib's descriptors).
    if options.workload == 'Idle':
        loop.run_until_complete(idle(0.01, options, marks))
    else:
        loop.run_until_complete(body(10, options, marks))
    baseline = benchlib.rss_kb()
    switches = context_switches()
    timer = benchlib.Timer()
    timer.start()
    loop.run_until_complete(body(options.n, options, marks))
    timer.stop()
    extra = {'context_switches': context_switches() - switches}
    if 'pending' in marks:
        extra['bytes_per_pending'] = benchlib.bytes_per_pending(baseline, marks['pending'],
                                                                options.n)
    loop.close()
    benchlib.report(options.workload, options.impl or options.loop, options.n, timer, **extra)


if __name__ == '__main__':
    main()
