#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""Fetch several pages at once; print status and the first 100 characters."""

import gi
gi.require_version("Gaio", "1.0")
from gi.repository import Gaio  # noqa: E402
import sys  # noqa: E402


async def fetch_content(client, url):
    response = await client.get(url)
    text = response.get_text()
    print(f"URL: {url}\nStatus: {response.get_status()}\nContent: {text[:100]}...\n")


async def main(base):
    urls = [base + "/page/1", base + "/page/2", base + "/notes.txt"]
    client = Gaio.HttpClient()   # one client: one connection pool
    await Gaio.gather(*(fetch_content(client, url) for url in urls))


Gaio.run(main(sys.argv[1]))
