#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""Call several JSON APIs at once and compute statistics."""

import gi
gi.require_version("Gaio", "1.0")
from gi.repository import Gaio  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402


async def fetch_api_data(client, url):
    response = await client.get(url)
    return json.loads(response.get_text())


async def main(base):
    urls = [f"{base}/api/sensor/{n}" for n in (1, 2, 3)]
    client = Gaio.HttpClient()
    client.set_raise_for_status(True)
    results = await Gaio.gather(*(fetch_api_data(client, url) for url in urls))
    readings = []
    for data in results:
        print(f"Sensor {data['sensor']}: {len(data['readings'])} readings")
        readings += data["readings"]
    print(f"Readings: {len(readings)}")
    print(f"Average: {sum(readings) / len(readings):.2f} C")
    print(f"Minimum: {min(readings):.2f} C")
    print(f"Maximum: {max(readings):.2f} C")


Gaio.run(main(sys.argv[1]))
