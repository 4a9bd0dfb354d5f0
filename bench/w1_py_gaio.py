#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""W1-py: the W1 shape written the asyncio way, run on Gaio's Python override
and on asyncio in the same process: n futures created, each given a
done-callback, all resolved, then every one awaited (the loop runs until every
callback ran and every await returned).

Prints one JSON line per implementation ({"workload", "impl", "n",
"seconds", "per_op_ns", "peak_rss_kb", ...}), then one with the ratio.
Needs GI_TYPELIB_PATH / LD_LIBRARY_PATH on the build's lib/ and PYTHONPATH on
bindings/python when Gaio is not installed."""

import argparse
import asyncio
import gc
import json
import resource
import sys
import time

import gi

gi.require_version('Gaio', '1.0')
from gi.repository import Gaio  # noqa: E402


def peak_rss_kb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def shape(lib, n):
    """The W1 body, the same code for both libraries: lib is Gaio or asyncio
    (loop.create_future() and Gaio.Future() make the futures)."""
    async def body():
        loop = lib.get_running_loop()
        state = [0]

        def done_cb(future):
            state[0] += 1

        futures = [None] * n
        for i in range(n):
            future = loop.create_future()
            future.add_done_callback(done_cb)
            futures[i] = future
        for i, future in enumerate(futures):
            future.set_result(i)
        total = 0
        for future in futures:
            total += await future
        # Let the last batch of callbacks run.
        await lib.sleep(0)
        assert state[0] == n, state[0]
        assert total == n * (n - 1) // 2
    return body


def measure(name, lib, n):
    lib.run(shape(lib, 10)())       # warm up
    gc.collect()
    start = time.perf_counter_ns()
    lib.run(shape(lib, n)())
    seconds = (time.perf_counter_ns() - start) / 1e9
    gc.collect()
    return {
        'workload': 'W1-py',
        'impl': name,
        'n': n,
        'seconds': round(seconds, 6),
        'per_op_ns': round(seconds * 1e9 / n, 3),
        'peak_rss_kb': peak_rss_kb(),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('-n', '--n', type=int, default=1000000)
    parser.add_argument('--only', choices=['gaio', 'asyncio'])
    options = parser.parse_args()
    results = {}
    # asyncio first: peak RSS is per process, so the asyncio line shows its own peak.
    for name, lib in (('asyncio', asyncio), ('gaio-python', Gaio)):
        if options.only and not name.startswith(options.only):
            continue
        results[name] = measure(name, lib, options.n)
        sys.stdout.write(json.dumps(results[name]) + '\n')
        sys.stdout.flush()
    if len(results) == 2:
        ratio = results['gaio-python']['seconds'] / results['asyncio']['seconds']
        sys.stdout.write(json.dumps({'workload': 'W1-py', 'impl': 'ratio gaio-python/asyncio',
                                     'n': options.n, 'ratio': round(ratio, 3)}) + '\n')


if __name__ == '__main__':
    main()
