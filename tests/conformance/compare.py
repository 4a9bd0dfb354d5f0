#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""Runs one language's conformance program and compares its output with
expected.txt, line by line, as TAP: one test per expected line, plus one
for a clean exit (status 0, no warning, critical or JS ERROR on stderr)."""

import re
import subprocess
import sys

BAD = re.compile(r'JS ERROR|JS WARNING|WARNING|CRITICAL|Traceback|Unhandled promise')

expected_path, command = sys.argv[1], sys.argv[2:]
with open(expected_path) as f:
    expected = f.read().splitlines()
proc = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                      timeout=60)
actual = proc.stdout.splitlines()
n = 0
failed = 0
for i, line in enumerate(expected):
    n += 1
    got = actual[i] if i < len(actual) else '<missing>'
    if got == line:
        print('ok %d - %s' % (n, line))
    else:
        print('not ok %d - %s' % (n, line))
        print('# got:      %s' % got)
        failed += 1
n += 1
extra = actual[len(expected):]
bad = [line for line in proc.stderr.splitlines() if BAD.search(line)]
if proc.returncode == 0 and not bad and not extra:
    print('ok %d - exits 0 with a clean stderr and nothing more on stdout' % n)
else:
    print('not ok %d - exits 0 (got %d) with a clean stderr and nothing more on stdout'
          % (n, proc.returncode))
    failed += 1
    for line in extra:
        print('# stdout: ' + line)
for line in proc.stderr.splitlines():
    print('# stderr: ' + line)
print('1..%d' % n)
sys.exit(1 if failed else 0)
