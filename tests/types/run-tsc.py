#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""Generates TypeScript definitions for GJS from Gaio-1.0.gir with
@ts-for-gir/cli, adds the hand-written types of the override
(bindings/gjs/gaio-*.d.ts) and type-checks GJS programs with tsc. The npm
packages (versions pinned by tests/types/npm/package-lock.json) are
installed once into NPM_DIR, in the build folder. Prints TAP.

Usage: run-tsc.py SOURCE_ROOT GIR_DIR NPM_DIR FILE..."""

import filecmp
import json
import os
import shutil
import subprocess
import sys

source_root, gir_dir, npm_dir = (os.path.abspath(p) for p in sys.argv[1:4])
files = [os.path.abspath(f) for f in sys.argv[4:]]
here = os.path.dirname(os.path.abspath(__file__))


def skip(reason):
    print(f'1..0 # SKIP {reason}')
    sys.exit(0)


def run(cmd, cwd):
    return subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, timeout=600)


if shutil.which('npm') is None or shutil.which('node') is None:
    skip('node and npm are not installed')

os.makedirs(npm_dir, exist_ok=True)
lock = os.path.join(here, 'npm', 'package-lock.json')
installed_lock = os.path.join(npm_dir, 'package-lock.json')
bin_dir = os.path.join(npm_dir, 'node_modules', '.bin')
if not (os.path.exists(os.path.join(bin_dir, 'tsc')) and os.path.exists(installed_lock)
        and filecmp.cmp(lock, installed_lock, shallow=False)):
    shutil.copy(os.path.join(here, 'npm', 'package.json'), npm_dir)
    shutil.copy(lock, npm_dir)
    proc = run(['npm', 'ci', '--no-audit', '--no-fund'], npm_dir)
    if proc.returncode != 0:
        skip('npm ci failed (is the npm registry reachable?): ' + proc.stdout.strip().splitlines()[-1])

print('1..2')
types = os.path.join(npm_dir, 'types')
shutil.rmtree(types, ignore_errors=True)
proc = run([os.path.join(bin_dir, 'ts-for-gir'), 'generate', 'Gaio-1.0', '-g', gir_dir,
            '-g', '/usr/share/gir-1.0', '-e', 'gjs', '-o', types, '--ignoreVersionConflicts',
            '--noComments'], npm_dir)
generated = proc.returncode == 0 and os.path.exists(os.path.join(types, 'gaio-1.0.d.ts'))
print(f'{"ok" if generated else "not ok"} 1 ts-for-gir generates gaio-1.0.d.ts from the GIR')
if not generated:
    for line in proc.stdout.splitlines():
        print('# ' + line)
    print('not ok 2 tsc # no definitions')
    sys.exit(1)

for name in ('gaio-override.d.ts', 'gaio-aliases.d.ts'):
    shutil.copy(os.path.join(source_root, 'bindings', 'gjs', name), types)
config = {
    'compilerOptions': {
        'target': 'ES2022', 'module': 'ES2022', 'moduleResolution': 'node',
        'allowJs': True, 'checkJs': True, 'noEmit': True, 'strict': False,
        'skipLibCheck': True, 'lib': ['ES2022'], 'types': [],
    },
    'files': [os.path.join(types, f) for f in (
        'gjs.d.ts', 'ambient.d.ts', 'dom.d.ts', 'gaio-1.0-ambient.d.ts', 'gaio-1.0-import.d.ts',
        'gaio-override.d.ts', 'gaio-aliases.d.ts')] + files,
}
with open(os.path.join(npm_dir, 'tsconfig.json'), 'w') as f:
    json.dump(config, f, indent=2)
proc = run([os.path.join(bin_dir, 'tsc'), '-p', 'tsconfig.json'], npm_dir)
print(f'{"ok" if proc.returncode == 0 else "not ok"} 2 tsc on {len(files)} GJS programs')
for line in proc.stdout.splitlines():
    print('# ' + line)
sys.exit(proc.returncode)
