#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""Soak: 200,000 GETs at concurrency 50 against a local nginx (plain HTTP),
with the client's RSS printed after every tenth of them. After the warm-up
(the first 10%), RSS must stay flat: the report gives the growth from 10%
to the end and over the second half. Not a test: run it by hand.

    /usr/bin/python3 bench/soak.py [--build _build] [-n 200000] [-c 50]
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import tempfile

import w3s


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=os.path.join(w3s.ROOT, "_build"))
    parser.add_argument("-n", type=int, default=200000)
    parser.add_argument("-c", type=int, default=50)
    args = parser.parse_args()

    prefix = tempfile.mkdtemp(prefix="gaio-soak-")
    os.chmod(prefix, 0o755)
    port = w3s.free_port()
    proc = w3s.start_nginx(prefix, port, tls=False)
    print(f"Soak: {args.n} GETs at c{args.c}")
    print("| done | RSS KiB |")
    print("|---|---|", flush=True)
    points = []
    try:
        child = subprocess.Popen([os.path.join(args.build, "bench", "bench-soak-gaio"),
                                  "-n", str(args.n), "-c", str(args.c),
                                  "--url-base", f"http://127.0.0.1:{port}/",
                                  "--url-list", os.path.join(prefix, "urls.txt")],
                                 stdout=subprocess.PIPE, text=True)
        for line in child.stdout:
            if line.startswith("{"):
                points.append(json.loads(line))
                print(f"| {points[-1]['done']} | {points[-1]['rss_kb']} |", flush=True)
        if child.wait() != 0:
            raise SystemExit("bench-soak-gaio failed")
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait()
        shutil.rmtree(prefix, ignore_errors=True)

    warm, half, end = points[0]["rss_kb"], points[len(points) // 2 - 1]["rss_kb"], points[-1]["rss_kb"]
    print(f"growth after warm-up ({points[0]['done']} GETs): {end - warm} KiB; "
          f"over the second half: {end - half} KiB")


if __name__ == "__main__":
    main()
