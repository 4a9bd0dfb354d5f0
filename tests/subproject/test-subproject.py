#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""Builds tests/subproject/project, which takes Gaio from subprojects/ through
build-aux/meson/gaio.wrap's [provide] (the source tree linked as
subprojects/gaio), runs its program, and checks that Gaio built none of its
tests, examples, benchmarks or tools there. Prints TAP.

Usage: test-subproject.py SOURCE_ROOT"""

import json
import os
import shutil
import subprocess
import sys
import tempfile

source_root = os.path.abspath(sys.argv[1])
here = os.path.dirname(os.path.abspath(__file__))


def run(cmd, cwd):
    proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, timeout=900)
    return proc.returncode, proc.stdout


print('1..2')
with tempfile.TemporaryDirectory(prefix='gaio-subproject-') as work:
    project = os.path.join(work, 'project')
    shutil.copytree(os.path.join(here, 'project'), project)
    os.mkdir(os.path.join(project, 'subprojects'))
    os.symlink(source_root, os.path.join(project, 'subprojects', 'gaio'))
    shutil.copy(os.path.join(source_root, 'build-aux', 'meson', 'gaio.wrap'),
                os.path.join(project, 'subprojects'))
    log = ''
    ok = True
    for cmd in (['meson', 'setup', '--wrap-mode=nodownload', '_build'],
                ['ninja', '-C', '_build'],
                ['./_build/uses-gaio']):
        code, out = run(cmd, project)
        log += f'$ {" ".join(cmd)}\n{out}'
        if code != 0:
            ok = False
            break
    ok = ok and 'as a subproject' in log
    print(f'{"ok" if ok else "not ok"} 1 a project builds and runs with Gaio from its .wrap')
    for line in log.splitlines()[-40:]:
        print('# ' + line)

    targets = []
    if ok:
        code, out = run(['meson', 'introspect', '--targets', '_build'], project)
        targets = [t['name'] for t in json.loads(out)] if code == 0 else ['introspect failed']
    extra = [t for t in targets
             if t.startswith(('test-', 'bench-', 'example', 'gaio-fetch', 'fuzz'))]
    ok2 = ok and not extra and 'gaio-1' in targets
    print(f'{"ok" if ok2 else "not ok"} 2 the subproject builds only the library')
    print(f'# targets: {", ".join(sorted(targets))}')
sys.exit(0 if ok and ok2 else 1)
