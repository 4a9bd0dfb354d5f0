# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""W7 anchor on aiohttp: one streamed GET of n MiB read with
response.content.iter_chunked(65536), as aiohttp's documentation shows.
--gaio reads the same way through Gaio.HttpClient's Python override
(`async with client.get(url)`, on Gaio's loop)."""

import asyncio
import sys

import benchlib

CHUNK = 65536


async def with_aiohttp(url):
    import aiohttp
    timeout = aiohttp.ClientTimeout(total=None)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        async with session.get(url) as response:
            if response.status != 200:
                raise RuntimeError(f"status {response.status}")
            total = 0
            async for chunk in response.content.iter_chunked(CHUNK):
                total += len(chunk)
            return total


async def with_gaio(url):
    from gi.repository import Gaio
    async with Gaio.HttpClient(timeout=0, max_body_size=0) as client:
        async with client.get(url) as response:
            if response.status != 200:
                raise RuntimeError(f"status {response.status}")
            total = 0
            async for chunk in response.content.iter_chunked(CHUNK):
                total += len(chunk)
            return total


def main():
    options = benchlib.parse_options(1024, lambda p: p.add_argument("--gaio", action="store_true"))
    url = options.url_base + "big.bin"
    timer = benchlib.Timer()
    errors = 0
    timer.start()
    try:
        if options.gaio:
            import gi
            gi.require_version("Gaio", "1.0")
            from gi.repository import Gaio
            total = Gaio.run(with_gaio(url))
        else:
            total = asyncio.run(with_aiohttp(url))
    except Exception as e:
        print(f"w7: {e!r}", file=sys.stderr)
        total, errors = 0, 1
    timer.stop()
    benchlib.report("W7", "gaio-py" if options.gaio else "aiohttp", options.n, timer,
                    bytes=total, errors=errors)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
