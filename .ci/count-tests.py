#!/usr/bin/python3
"""Counts every test that ran in meson's JSON test logs and prints the plain
summary line CI reads: TAP subtests one by one, pytest's own counts, and any
other test as one. Exits 1 when something failed."""

import json
import re
import sys

passed = failed = 0

for path in sys.argv[1:]:
    with open(path) as log:
        for line in log:
            entry = json.loads(line)
            out = entry.get('stdout', '') or ''
            ok_result = entry['result'] in ('OK', 'EXPECTEDFAIL', 'SKIP')
            tap_ok = len(re.findall(r'^ok \d+', out, re.M))
            tap_bad = len(re.findall(r'^not ok \d+', out, re.M))
            py = re.search(r'=+ (?:(\d+) failed, )?(\d+) passed', out)
            if tap_ok or tap_bad:
                passed += tap_ok
                failed += tap_bad
                if not ok_result and tap_bad == 0:
                    failed += 1  # crashed or leaked after its subtests passed
            elif py:
                passed += int(py.group(2))
                failed += int(py.group(1) or 0)
                if not ok_result and not py.group(1):
                    failed += 1
            elif ok_result:
                passed += 1
            else:
                failed += 1

print(f'{passed} passed, {failed} failed')
sys.exit(1 if failed else 0)
