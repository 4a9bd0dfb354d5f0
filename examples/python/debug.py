#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""Debug mode: warn about callbacks that hold the loop."""

import gi
gi.require_version("Gaio", "1.0")
from gi.repository import Gaio  # noqa: E402
import time  # noqa: E402


async def blocker():
    print("Blocking the loop for 200 ms on purpose")
    time.sleep(0.2)   # a blocking call: the bug debug mode finds
    print("Done blocking")


async def main():
    await Gaio.create_task(blocker(), name="blocker")
    print("Finished")


# asyncio.run(main(), debug=True) warns about steps slower than 100 ms;
# Gaio.run(..., debug=True) does the same (so does GAIO_DEBUG=slow).
if Gaio.get_slow_callback_threshold() == 0:
    Gaio.set_slow_callback_threshold(100)
print(f"Slow callback threshold: {Gaio.get_slow_callback_threshold()} ms")
Gaio.run(main(), debug=True)
