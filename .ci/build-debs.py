#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""Builds the Debian packages from debian/ in a copy of the tree
(`dpkg-buildpackage -us -uc -b`, DEB_BUILD_OPTIONS=nocheck: the tests run
elsewhere in CI), checks that each binary package was made and runs lintian
on them. Writes one meson-format JSON line per check to LOG, for
.ci/count-tests.py.

Usage: build-debs.py WORK_DIR LOG"""

import glob
import json
import os
import re
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
work = os.path.abspath(sys.argv[1])
log_path = sys.argv[2]
entries = []


def record(name, ok, stdout, skip=False):
    result = 'SKIP' if skip else ('OK' if ok else 'FAIL')
    entries.append({'name': name, 'result': result, 'stdout': stdout})
    print(f'{result:4} {name}', file=sys.stderr)


def packages():
    with open(os.path.join(ROOT, 'debian', 'control')) as control:
        return re.findall(r'^Package: (\S+)', control.read(), re.M)


def main():
    for tool in ('dpkg-buildpackage', 'dh', 'lintian'):
        if shutil.which(tool) is None:
            record('deb/dpkg-buildpackage', False, f'{tool} is not installed', skip=True)
            return
    shutil.rmtree(work, ignore_errors=True)
    tree = os.path.join(work, 'gaio')
    files = subprocess.run(['git', 'ls-files', '-z', '--cached', '--others', '--exclude-standard'],
                           cwd=ROOT, stdout=subprocess.PIPE, check=True).stdout.split(b'\0')
    for name in filter(None, (f.decode() for f in files)):
        source = os.path.join(ROOT, name)
        if not os.path.lexists(source):
            continue  # deleted in the work tree
        os.makedirs(os.path.dirname(os.path.join(tree, name)), exist_ok=True)
        shutil.copy2(source, os.path.join(tree, name), follow_symlinks=False)

    env = dict(os.environ, DEB_BUILD_OPTIONS='nocheck parallel=2')
    for variable in ('GI_TYPELIB_PATH', 'LD_LIBRARY_PATH', 'PYTHONPATH', 'GJS_PATH'):
        env.pop(variable, None)
    start = time.monotonic()
    build = subprocess.run(['dpkg-buildpackage', '-us', '-uc', '-b'], cwd=tree, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    seconds = time.monotonic() - start
    record('deb/dpkg-buildpackage', build.returncode == 0,
           f'{seconds:.0f} s\n' + build.stdout[-20000:])
    if build.returncode != 0:
        return

    debs = glob.glob(os.path.join(work, '*.deb'))
    for package in packages():
        made = [d for d in debs if os.path.basename(d).startswith(package + '_')]
        contents = ''
        if made:
            contents = subprocess.run(['dpkg-deb', '-c', made[0]], stdout=subprocess.PIPE,
                                      text=True).stdout
        # Every package holds more than its /usr/share/doc folder.
        real = [line for line in contents.splitlines()
                if not line.endswith('/') and '/usr/share/doc/' + package + '/' not in line]
        record(f'deb/{package}', bool(made) and bool(real), contents)

    changes = glob.glob(os.path.join(work, '*.changes'))
    lint = subprocess.run(['lintian', '--no-tag-display-limit', '--info'] + changes,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    errors = [line for line in lint.stdout.splitlines() if line.startswith('E: ')]
    warnings = [line for line in lint.stdout.splitlines() if line.startswith('W: ')]
    record('deb/lintian', not errors and bool(changes),
           f'{len(errors)} errors, {len(warnings)} warnings\n' + lint.stdout)


main()
with open(log_path, 'w') as log:
    for entry in entries:
        log.write(json.dumps(entry) + '\n')
sys.exit(0 if all(e['result'] != 'FAIL' for e in entries) else 1)
