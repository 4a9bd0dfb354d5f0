# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""W5 anchor on asyncio: asyncio.gather() over n futures that are already
done. The time covers the gather alone; creating and resolving the futures
is reported as setup_seconds."""

import asyncio

import benchlib


def main():
    options = benchlib.parse_options(100000)
    n = options.n
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)

    async def gather(futures):
        return await asyncio.gather(*futures)

    def make(count):
        futures = []
        for i in range(count):
            f = loop.create_future()
            f.set_result(i)
            futures.append(f)
        return futures

    loop.run_until_complete(gather(make(1)))

    setup = benchlib.Timer()
    setup.start()
    futures = make(n)
    setup.stop()

    timer = benchlib.Timer()
    timer.start()
    results = loop.run_until_complete(gather(futures))
    timer.stop()
    assert len(results) == n and results[-1] == n - 1
    benchlib.report("W5", "asyncio", n, timer, setup_seconds=setup.seconds)
    loop.close()


if __name__ == "__main__":
    main()
