#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""asyncio.run(main()) with an awaited sleep (seconds scaled to tenths)."""

import gi
gi.require_version("Gaio", "1.0")
from gi.repository import Gaio  # noqa: E402


async def main():
    print("Hello")
    await Gaio.sleep(0.1)
    print("world")


Gaio.run(main())
