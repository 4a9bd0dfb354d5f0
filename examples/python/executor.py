#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""run_in_executor(): blocking code on a worker thread."""

import gi
gi.require_version("Gaio", "1.0")
from gi.repository import Gaio  # noqa: E402
import time  # noqa: E402


def sync_task():
    print("Starting a long sync task...")
    time.sleep(0.3)
    print("Finished the sync task.")
    return 42


async def ticker(ticks):
    while True:
        await Gaio.sleep(0.05)
        ticks[0] += 1


async def main():
    ticks = [0]
    tick_task = Gaio.create_task(ticker(ticks))
    loop = Gaio.get_running_loop()
    result = await loop.run_in_executor(None, sync_task)
    print(f"The thread returned {result}")
    # The loop was free while the thread blocked: the ticker kept ticking.
    print(f"Main loop stayed responsive: {'yes' if ticks[0] >= 3 else 'no'}")
    tick_task.cancel()
    try:
        await tick_task
    except Gaio.CancelledError:
        pass


Gaio.run(main())
