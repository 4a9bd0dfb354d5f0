# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""W4 anchor on aiofiles: n concurrent, non-atomic writes of the same
contents to n new files (aiofiles.open + write, all gathered at once)."""

import asyncio
import os
import sys

import aiofiles

import benchlib


async def write_all(paths, data):
    async def write(path):
        async with aiofiles.open(path, "wb") as f:
            await f.write(data)

    await asyncio.gather(*(write(p) for p in paths))


def main():
    options = benchlib.parse_options(10000)
    if not options.dir:
        sys.exit("--dir is required")
    data = bytes(ord("a") + i % 26 for i in range(options.size))
    paths = [os.path.join(options.dir, f"f{i:06d}.bin") for i in range(options.n)]
    timer = benchlib.Timer()
    timer.start()
    asyncio.run(write_all(paths, data))
    timer.stop()
    benchlib.report("W4", "aiofiles", options.n, timer,
                    bytes=options.n * options.size, errors=0)


if __name__ == "__main__":
    main()
