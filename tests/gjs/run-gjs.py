#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""Runs a GJS test module and turns what GJS only logs into a failure.

GJS prints uncaught exceptions and unhandled promise rejections as
"JS ERROR" / "JS WARNING" on stderr and still exits 0; GLib warnings and
criticals also go to stderr. This wrapper passes the test's TAP lines
through, adds one more test "stderr is clean", prints the plan, and exits 1
if anything failed.

With --expect-errors it checks the checker: the module must produce such
errors, and the result is one TAP test saying whether they were caught."""

import re
import subprocess
import sys

BAD = re.compile(r'JS ERROR|JS WARNING|WARNING|CRITICAL|Unhandled promise|Gjs-Message.*[Ee]rror')

expect_errors = sys.argv[1] == '--expect-errors'
module = sys.argv[-1]
proc = subprocess.run(['gjs', '-m', module], stdout=subprocess.PIPE,
                      stderr=subprocess.PIPE, text=True, timeout=120)
bad = [line for line in proc.stderr.splitlines() if BAD.search(line)]

if expect_errors:
    caught = proc.returncode != 0 or bool(bad)
    print('%s 1 - errors that GJS only logs are caught in %s' % ('ok' if caught else 'not ok', module))
    for line in proc.stderr.splitlines():
        print('# ' + line)
    print('1..1')
    sys.exit(0 if caught else 1)

sys.stdout.write(proc.stdout)
count = len(re.findall(r'^(?:not )?ok \d+', proc.stdout, re.M))
failed = len(re.findall(r'^not ok \d+', proc.stdout, re.M))
n = count + 1
if proc.returncode != 0 or bad:
    print('not ok %d - gjs exited %d with a clean stderr' % (n, proc.returncode))
    failed += 1
    for line in proc.stderr.splitlines():
        print('# ' + line)
else:
    print('ok %d - gjs exited 0 with a clean stderr' % n)
    for line in proc.stderr.splitlines():
        print('# stderr: ' + line)
print('1..%d' % n)
sys.exit(1 if failed else 0)
