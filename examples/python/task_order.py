#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""create_task() schedules; sleeps decide who finishes first."""

import gi
gi.require_version("Gaio", "1.0")
from gi.repository import Gaio  # noqa: E402


async def my_coroutine():
    print("My Coroutine")
    await Gaio.sleep(0.1)
    return "Coroutine Finished"


async def first_task():
    print("First Task Start")
    await Gaio.sleep(0.2)
    print("First Task End")


async def second_task():
    print("Second Task Start")
    await Gaio.sleep(0.1)
    print("Second Task End")


async def main():
    # Schedule the coroutine to run as a task, do other stuff meanwhile.
    task = Gaio.create_task(my_coroutine())
    print("Doing Other Stuff")
    print(await task)

    Gaio.create_task(first_task())
    Gaio.create_task(second_task())
    # Wait a bit for both tasks to finish.
    await Gaio.sleep(0.3)


Gaio.run(main())
