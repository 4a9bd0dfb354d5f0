#!/usr/bin/python3
"""Counts every test that ran in meson's JSON test logs and prints the plain
summary line CI reads: TAP subtests one by one, pytest's own counts, and any
other test as one. Skipped tests are counted apart, never as passed. With
several logs, one line per log comes first (the Debian 13 chroot's log among
them). Before them, each test that failed is named with the end of its output,
so a CI record says what failed without its build tree. Exits 1 when something
failed."""

import json
import re
import sys

totals = [0, 0, 0]


def report_failure(path: str, entry: dict) -> None:
    """Prints a failed test's name, its failed TAP lines and the end of its
    output (stdout, then stderr, where valgrind and GLib write)."""
    text = (entry.get('stdout', '') or '') + (entry.get('stderr', '') or '')
    lines = text.rstrip('\n').splitlines()
    shown = [line for line in lines if line.startswith('not ok ')][:10]
    shown += ['...'] + lines[-40:] if len(lines) > 40 else lines
    print(f'FAILED {entry["name"]} ({entry["result"]}) in {path}')
    for line in shown:
        print(f'  | {line}')


for path in sys.argv[1:]:
    passed = failed = skipped = 0
    with open(path) as log:
        for line in log:
            entry = json.loads(line)
            out = entry.get('stdout', '') or ''
            ok_result = entry['result'] in ('OK', 'EXPECTEDFAIL', 'SKIP')
            tap_skip = len(re.findall(r'^ok \d+.*# SKIP', out, re.M | re.I))
            tap_ok = len(re.findall(r'^ok \d+', out, re.M)) - tap_skip
            tap_bad = len(re.findall(r'^not ok \d+', out, re.M))
            before = failed
            py = re.search(r'^=+ (.*\b(?:passed|failed)\b.*) in [\d.]+s', out, re.M)
            if tap_ok or tap_bad or tap_skip:
                passed += tap_ok
                failed += tap_bad
                skipped += tap_skip
                if not ok_result and tap_bad == 0:
                    failed += 1  # crashed or leaked after its subtests passed
            elif py:
                counts = dict((kind, int(n)) for n, kind in
                              re.findall(r'(\d+) (passed|failed|skipped|errors?)', py.group(1)))
                py_failed = counts.get('failed', 0) + counts.get('error', 0) + counts.get('errors', 0)
                passed += counts.get('passed', 0)
                failed += py_failed
                skipped += counts.get('skipped', 0)
                if not ok_result and not py_failed:
                    failed += 1
            elif entry['result'] == 'SKIP':
                skipped += 1
            elif ok_result:
                passed += 1
            else:
                failed += 1
            if failed > before:
                report_failure(path, entry)

    if len(sys.argv) > 2:
        print(f'{path}: {passed} passed, {failed} failed, {skipped} skipped')
    totals = [totals[0] + passed, totals[1] + failed, totals[2] + skipped]

print(f'{totals[0]} passed, {totals[1]} failed, {totals[2]} skipped')
sys.exit(1 if totals[1] else 0)
