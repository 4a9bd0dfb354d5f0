#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""A future settled by hand (asyncio.Future)."""

import gi
gi.require_version("Gaio", "1.0")
from gi.repository import Gaio  # noqa: E402


async def async_operation(future, data):
    await Gaio.sleep(0.1)
    if data == "success":
        future.set_result("Operation succeeded")
    else:
        future.set_exception(RuntimeError("Operation failed"))


async def main():
    for data in ("success", "failure"):
        future = Gaio.get_running_loop().create_future()
        await async_operation(future, data)
        if future.done():
            try:
                print(future.result())
            except RuntimeError as error:
                print(f"Error: {error}")


Gaio.run(main())
