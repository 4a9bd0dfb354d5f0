#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""create_task() + wait(): collect results from finished tasks."""

import gi
gi.require_version("Gaio", "1.0")
from gi.repository import Gaio  # noqa: E402
import sys  # noqa: E402


async def fetch_page(client, url):
    print(f"Fetching {url}")
    response = await client.get(url)
    await Gaio.sleep(0.1)  # simulate a delay
    print(f"Fetched {url}")
    return response.get_body().get_size()


async def main(base):
    urls = [base + "/page/3", base + "/page/5"]
    client = Gaio.HttpClient()
    tasks = [Gaio.create_task(fetch_page(client, url)) for url in urls]
    print("Tasks scheduled")
    await Gaio.wait(tasks)
    for url, task in zip(urls, tasks):
        print(f"{url}: {task.result()} bytes")


Gaio.run(main(sys.argv[1]))
