#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""Page titles and word counts, fetched concurrently."""

import gi
gi.require_version("Gaio", "1.0")
from gi.repository import Gaio  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402

TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


async def fetch_title(client, url):
    print(f"Fetching {url}")
    response = await client.get(url)
    html = response.get_text()
    match = TITLE.search(html)
    title = match.group(1) if match else "No title"
    print(f"Processed {url}")
    return f"{url}: {title} ({len(html.split())} words)"


async def main(base):
    urls = [base + path for path in ("/page/1", "/page/2", "/page/3", "/page/5")]
    client = Gaio.HttpClient()
    results = await Gaio.gather(*(fetch_title(client, url) for url in urls))
    for result in results:
        print(result)


Gaio.run(main(sys.argv[1]))
