#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""gather(): results in input order."""

import gi
gi.require_version("Gaio", "1.0")
from gi.repository import Gaio  # noqa: E402


async def task(number):
    print(f"Starting task {number}")
    await Gaio.sleep(0.1)
    print(f"Finished task {number}")
    return number


async def main():
    results = await Gaio.gather(task(1), task(2), task(3))
    print(f"Task results: {results}")


Gaio.run(main())
