# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""W7 anchor: curl writing the n MiB body to /dev/null, timed around the
process (its start costs a few milliseconds of a run of about a second);
the CPU time reported is curl's own."""

import resource
import subprocess
import sys

import benchlib


def main():
    options = benchlib.parse_options(1024)
    timer = benchlib.Timer()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    timer.start()
    proc = subprocess.run(["curl", "-s", "-S", "-o", "/dev/null", "-w", "%{http_code} %{size_download}",
                           options.url_base + "big.bin"], capture_output=True, text=True)
    timer.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    timer.cpu_seconds = (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime)
    status, size = (proc.stdout.split() + ["0", "0"])[:2]
    errors = 0 if proc.returncode == 0 and status == "200" else 1
    if errors:
        print(f"w7_curl: exit {proc.returncode}, status {status}: {proc.stderr.strip()}",
              file=sys.stderr)
    benchlib.report("W7", "curl", options.n, timer, bytes=int(size), errors=errors)
    return errors


if __name__ == "__main__":
    sys.exit(main())
