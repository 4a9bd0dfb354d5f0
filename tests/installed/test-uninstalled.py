#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""Builds hello.c against the build tree through
meson-uninstalled/gaio-1-uninstalled.pc, the way a project next to an
uninstalled Gaio would, and runs it. Prints TAP.

Usage: test-uninstalled.py BUILD_DIR"""

import os
import subprocess
import sys
import tempfile

build_dir = os.path.abspath(sys.argv[1])
here = os.path.dirname(os.path.abspath(__file__))
env = dict(os.environ)
env['PKG_CONFIG_PATH'] = os.path.join(build_dir, 'meson-uninstalled')
env['LD_LIBRARY_PATH'] = os.path.join(build_dir, 'lib')

print('1..1')
with tempfile.TemporaryDirectory(prefix='gaio-uninstalled-') as work:
    flags = subprocess.run(['pkg-config', '--cflags', '--libs', 'gaio-1-uninstalled'], env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    log = f'pkg-config: {flags.stdout}'
    ok = flags.returncode == 0
    for cmd in (['cc', '-o', 'hello', os.path.join(here, 'hello.c')] + flags.stdout.split(),
                ['./hello']):
        if not ok:
            break
        proc = subprocess.run(cmd, env=env, cwd=work, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
        log += f'$ {" ".join(cmd)}\n{proc.stdout}'
        ok = proc.returncode == 0
    ok = ok and 'Hello from Gaio ' in log
print(f'{"ok" if ok else "not ok"} 1 #include <gaio.h> through gaio-1-uninstalled.pc')
for line in log.splitlines():
    print('# ' + line)
sys.exit(0 if ok else 1)
