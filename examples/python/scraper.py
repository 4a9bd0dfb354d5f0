#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""Fetch pages concurrently, then save each to a file concurrently."""

import gi
gi.require_version("Gaio", "1.0")
from gi.repository import Gaio  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402


async def fetch_url(client, url):
    response = await client.get(url)
    return response.get_body()


async def save_content(filename, content):
    # Atomic: a temporary file in the same folder, then a rename.
    await Gaio.file_write_path(filename, content, Gaio.FileWriteFlags.NONE)


async def main(base):
    paths = ["/page/1", "/page/2", "/page/3"]
    client = Gaio.HttpClient()
    contents = await Gaio.gather(*(fetch_url(client, base + path) for path in paths))
    await Gaio.gather(*(save_content(f"file_{i}.html", content)
                        for i, content in enumerate(contents)))
    for i, path in enumerate(paths):
        print(f"Saved {base}{path}: {os.path.getsize(f'file_{i}.html')} bytes")
    print(f"{len(paths)} files created")


Gaio.run(main(sys.argv[1]))
