#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""W3-py: Gaio.HttpClient (libsoup) from Python, written the way
w3_aiohttp.py is: one client allowing as many connections as the
concurrency, every GET started at once, gathered, under Gaio.run. Every
response must be 200."""

import asyncio
import sys

import gi

import benchlib
from w3_aiohttp import load_urls, tally

gi.require_version("Gaio", "1.0")
from gi.repository import Gaio  # noqa: E402


async def fetch_all(urls, concurrency, totals):
    async with Gaio.HttpClient(limit=concurrency, limit_per_host=concurrency) as client:
        async def get(url):
            response = await client.get(url)
            return response.status, response.read()

        await asyncio.gather(*(tally(totals, lambda url=url: get(url), "w3_py_gaio")
                               for url in urls))


def main():
    options = benchlib.parse_options(10000)
    urls = load_urls(options)
    totals = {"bytes": 0, "errors": 0}
    timer = benchlib.Timer()
    timer.start()
    Gaio.run(fetch_all(urls, options.concurrency, totals))
    timer.stop()
    benchlib.report(f"W3-py/c{options.concurrency}", "gaio-httpclient", options.n, timer,
                    bytes=totals["bytes"], errors=totals["errors"])
    sys.exit(1 if totals["errors"] else 0)


if __name__ == "__main__":
    main()
