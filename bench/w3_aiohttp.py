# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""W3 anchor on aiohttp: one ClientSession whose connector allows as many
connections as the concurrency; every GET is started at once (the connector
queues them), as a user would write it. Every response must be 200.
--loop gaio runs the same code on Gaio's loop (Gaio.run), --loop uvloop on
uvloop (W3-py)."""

import asyncio
import sys

import aiohttp

import benchlib


def load_urls(options):
    with open(options.url_list) as f:
        paths = [line.strip() for line in f if line.strip()]
    return [options.url_base + paths[i % len(paths)] for i in range(options.n)]


async def tally(totals, get, who):
    """Awaits @get() (status, body) and adds it to @totals: a status other
    than 200 or an exception is an error, reported, never hidden."""
    try:
        status, body = await get()
    except Exception as e:
        print(f"{who}: {e!r}", file=sys.stderr)
        totals["errors"] += 1
        return
    if status != 200:
        print(f"{who}: status {status}", file=sys.stderr)
        totals["errors"] += 1
    else:
        totals["bytes"] += len(body)


async def fetch_all(urls, concurrency, totals):
    connector = aiohttp.TCPConnector(limit=concurrency, limit_per_host=concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:
        async def get(url):
            async with session.get(url) as response:
                return response.status, await response.read()

        await asyncio.gather(*(tally(totals, lambda url=url: get(url), "w3_aiohttp")
                               for url in urls))


def runner(name):
    """asyncio.run, or its twin on the loop named."""
    if name == "gaio":
        import gi
        gi.require_version("Gaio", "1.0")
        from gi.repository import Gaio
        return Gaio.run
    if name == "uvloop":
        import uvloop
        return lambda main: uvloop.install() or asyncio.run(main)
    return asyncio.run


def main():
    options = benchlib.parse_options(
        10000, lambda p: p.add_argument("--loop", choices=("asyncio", "gaio", "uvloop"),
                                        default="asyncio"))
    urls = load_urls(options)
    totals = {"bytes": 0, "errors": 0}
    run = runner(options.loop)
    timer = benchlib.Timer()
    timer.start()
    run(fetch_all(urls, options.concurrency, totals))
    timer.stop()
    workload = "W3" if options.loop == "asyncio" else "W3-py"
    impl = "aiohttp" if options.loop == "asyncio" else "aiohttp-" + options.loop
    benchlib.report(f"{workload}/c{options.concurrency}", impl, options.n, timer,
                    bytes=totals["bytes"], errors=totals["errors"])
    sys.exit(1 if totals["errors"] else 0)


if __name__ == "__main__":
    main()
