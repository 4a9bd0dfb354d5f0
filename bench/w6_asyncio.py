# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""W6 anchor on asyncio: n tasks through an asyncio.Semaphore(100), each
awaiting a 1 ms sleep while it holds the semaphore. The wall time is bound
by the sleeps (n / 100 x 1 ms); compare cpu_per_op_ns."""

import asyncio

import benchlib

SLEEP_S = 0.001


def main():
    options = benchlib.parse_options(100000)
    n = options.n
    limit = options.concurrency
    state = {"peak": 0, "inside": 0}

    async def worker(sem):
        async with sem:
            state["inside"] += 1
            state["peak"] = max(state["peak"], state["inside"])
            await asyncio.sleep(SLEEP_S)
            state["inside"] -= 1

    async def run(count):
        sem = asyncio.Semaphore(limit)
        await asyncio.gather(*(asyncio.create_task(worker(sem)) for _ in range(count)))

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    loop.run_until_complete(run(1))
    timer = benchlib.Timer()
    timer.start()
    loop.run_until_complete(run(n))
    timer.stop()
    assert state["peak"] == limit, state
    benchlib.report("W6", "asyncio", n, timer, limit=limit, max_inside=state["peak"])
    loop.close()


if __name__ == "__main__":
    main()
