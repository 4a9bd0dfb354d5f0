#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""Type-checks Python files with mypy against the generated Gaio.pyi. Debian
has no PyGObject stubs, so `gi` and the GLib stack are stubbed here as
`Any`; Gaio's own names, signatures and future types are checked for real.

Usage: run-mypy.py GAIO_PYI CACHE_DIR FILE_OR_FOLDER..."""

import os
import subprocess
import sys
import tempfile

stub, cache = sys.argv[1:3]
targets = sys.argv[3:]

try:
    import mypy  # noqa: F401
except ImportError:
    print('1..0 # SKIP python3-mypy is not installed')
    sys.exit(0)

with tempfile.TemporaryDirectory(prefix='gaio-stubs-') as folder:
    repo = os.path.join(folder, 'gi', 'repository')
    os.makedirs(repo)
    with open(os.path.join(folder, 'gi', '__init__.pyi'), 'w') as f:
        f.write('def require_version(namespace: str, version: str) -> None: ...\n')
    open(os.path.join(repo, '__init__.pyi'), 'w').close()
    for name in ('GLib', 'GObject', 'Gio', 'Soup', 'Json'):
        with open(os.path.join(repo, name + '.pyi'), 'w') as f:
            f.write('from typing import Any\n\n\ndef __getattr__(name: str) -> Any: ...\n')
    with open(stub) as source, open(os.path.join(repo, 'Gaio.pyi'), 'w') as copy:
        copy.write(source.read())
    env = dict(os.environ, MYPYPATH=folder)
    proc = subprocess.run([sys.executable, '-m', 'mypy', '--check-untyped-defs',
                           '--cache-dir', cache, '--no-error-summary', '--hide-error-context']
                          + targets, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True)

print('1..1')
print(f'{"ok" if proc.returncode == 0 else "not ok"} 1 mypy on {" ".join(os.path.basename(t) for t in targets)}')
for line in proc.stdout.splitlines():
    print('# ' + line)
sys.exit(proc.returncode)
