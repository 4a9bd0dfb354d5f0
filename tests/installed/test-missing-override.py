#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""Python and GJS with the typelib but without Gaio's override must say what
is missing and where it goes (a Gaio-WARNING naming PYTHONPATH or GJS_PATH),
and say nothing when the override is found. Prints TAP.

Usage: test-missing-override.py TYPELIB_DIR PYTHON_OVERRIDE_DIR GJS_OVERRIDE_DIR"""

import os
import shutil
import subprocess
import sys

typelib_dir, python_dir, gjs_dir = sys.argv[1:4]

PYTHON = """
import gi
gi.require_version('Gaio', '1.0')
from gi.repository import Gaio
Gaio.Future().cancel()
print('ran')
"""
GJS = """
const Gaio = imports.gi.Gaio;
new Gaio.Future().cancel();
print('ran');
"""

cases = [
    ('Python without the override warns and names PYTHONPATH',
     ['/usr/bin/python3', '-c', PYTHON], 'PYTHONPATH', None, 'PYTHONPATH'),
    ('Python with the override is silent',
     ['/usr/bin/python3', '-c', PYTHON], 'PYTHONPATH', python_dir, None),
    ('GJS without the override warns and names GJS_PATH',
     ['gjs', '-c', GJS], 'GJS_PATH', None, 'GJS_PATH'),
    ('GJS with the override is silent',
     ['gjs', '-c', GJS], 'GJS_PATH', gjs_dir, None),
]

print(f'1..{len(cases)}')
failed = False
for number, (name, cmd, variable, value, expected) in enumerate(cases, 1):
    if shutil.which(cmd[0]) is None:
        print(f'ok {number} {name} # SKIP {cmd[0]} is not installed')
        continue
    env = {k: v for k, v in os.environ.items()
           if k not in ('PYTHONPATH', 'GJS_PATH', 'G_DEBUG')}
    env['GI_TYPELIB_PATH'] = typelib_dir
    env['LD_LIBRARY_PATH'] = typelib_dir
    if value is not None:
        env[variable] = value
    proc = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, timeout=60)
    warned = 'Gaio-WARNING' in proc.stderr and 'without its override' in proc.stderr
    if expected is None:
        ok = proc.returncode == 0 and not warned and 'WARNING' not in proc.stderr
    else:
        ok = proc.returncode == 0 and warned and expected in proc.stderr
    ok = ok and 'ran' in proc.stdout
    failed |= not ok
    print(f'{"ok" if ok else "not ok"} {number} {name}')
    for line in proc.stderr.splitlines():
        print('# ' + line)
sys.exit(1 if failed else 0)
