# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""W3 anchor on aiohttp: one ClientSession whose connector allows as many
connections as the concurrency; every GET is started at once (the connector
queues them), as a user would write it. Every response must be 200."""

import asyncio
import sys

import aiohttp

import benchlib


def load_urls(options):
    with open(options.url_list) as f:
        paths = [line.strip() for line in f if line.strip()]
    return [options.url_base + paths[i % len(paths)] for i in range(options.n)]


async def fetch_all(urls, concurrency, totals):
    connector = aiohttp.TCPConnector(limit=concurrency, limit_per_host=concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:
        async def fetch(url):
            try:
                async with session.get(url) as response:
                    body = await response.read()
                    if response.status != 200:
                        print(f"w3_aiohttp: status {response.status}", file=sys.stderr)
                        totals["errors"] += 1
                    else:
                        totals["bytes"] += len(body)
            except Exception as e:  # count and report, never hide
                print(f"w3_aiohttp: {e!r}", file=sys.stderr)
                totals["errors"] += 1

        await asyncio.gather(*(fetch(url) for url in urls))


def main():
    options = benchlib.parse_options(10000)
    urls = load_urls(options)
    totals = {"bytes": 0, "errors": 0}
    timer = benchlib.Timer()
    timer.start()
    asyncio.run(fetch_all(urls, options.concurrency, totals))
    timer.stop()
    benchlib.report(f"W3/c{options.concurrency}", "aiohttp", options.n, timer,
                    bytes=totals["bytes"], errors=totals["errors"])
    sys.exit(1 if totals["errors"] else 0)


if __name__ == "__main__":
    main()
