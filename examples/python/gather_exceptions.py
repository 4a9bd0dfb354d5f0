#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""gather(return_exceptions=True): one failure does not stop the others."""

import gi
gi.require_version("Gaio", "1.0")
from gi.repository import Gaio  # noqa: E402
import sys  # noqa: E402


async def fetch_page(client, url):
    print(f"Fetching {url}")
    response = await client.get(url)
    print(f"Fetched {url}")
    return response.get_body().get_size()


async def main(base):
    urls = [base + path for path in ("/page/1", "/page/2", "/page/3", "/missing")]
    client = Gaio.HttpClient()
    client.set_raise_for_status(True)   # a 404 raises, as aiohttp's raise_for_status()
    results = await Gaio.gather(*(fetch_page(client, url) for url in urls),
                                return_exceptions=True)
    for url, result in zip(urls, results):
        if isinstance(result, BaseException):
            print(f"Failed to fetch {url}: {getattr(result, 'message', result)}")
        else:
            print(f"{url}: {result} bytes")


Gaio.run(main(sys.argv[1]))
