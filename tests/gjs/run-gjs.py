#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""Runs a GJS test module and turns what GJS only logs into a failure.

GJS prints uncaught exceptions and unhandled promise rejections as
"JS ERROR" / "JS WARNING" on stderr and still exits 0; GLib warnings and
criticals also go to stderr. This wrapper passes the test's TAP lines
through, adds one more test "stderr is clean", and prints the plan."""

import re
import subprocess
import sys

BAD = re.compile(r'JS ERROR|JS WARNING|WARNING|CRITICAL|Unhandled promise|Gjs-Message.*[Ee]rror')

proc = subprocess.run(['gjs', '-m', sys.argv[1]], stdout=subprocess.PIPE,
                      stderr=subprocess.PIPE, text=True, timeout=120)
sys.stdout.write(proc.stdout)
count = len(re.findall(r'^(?:not )?ok \d+', proc.stdout, re.M))
bad = [line for line in proc.stderr.splitlines() if BAD.search(line)]
n = count + 1
if proc.returncode != 0 or bad:
    print('not ok %d - gjs exited %d with a clean stderr' % (n, proc.returncode))
    for line in proc.stderr.splitlines():
        print('# ' + line)
else:
    print('ok %d - gjs exited 0 with a clean stderr' % n)
    for line in proc.stderr.splitlines():
        print('# stderr: ' + line)
print('1..%d' % n)
