#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""Installs the build into a temporary folder (meson install --destdir) and
builds and runs hello.c, hello.py, hello.js and hello.vala against that copy
only, with the variables README.md's "Using an installed Gaio" gives for a
private prefix. Prints TAP, one line per language.

Usage: test-installed.py BUILD_DIR PREFIX LIBDIR DATADIR PYTHON_SITE_DIR"""

import os
import shutil
import subprocess
import sys
import tempfile

build_dir, prefix, libdir, datadir, python_site = sys.argv[1:6]
here = os.path.dirname(os.path.abspath(__file__))
expected = 'Hello from Gaio '
results = []


def report(name, ok, detail=''):
    results.append((name, ok, detail))


def run(cmd, env, cwd):
    proc = subprocess.run(cmd, env=env, cwd=cwd, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=300)
    return proc.returncode, proc.stdout


def check(name, commands, env, cwd):
    output = ''
    for cmd in commands:
        if not cmd[0].startswith('./') and shutil.which(cmd[0]) is None:
            report(name, None, f'{cmd[0]} is not installed')
            return
        code, out = run(cmd, env, cwd)
        output += f'$ {" ".join(cmd)}\n{out}'
        if code != 0:
            report(name, False, output)
            return
    report(name, out.startswith(expected) and 'WARNING' not in out, output)


with tempfile.TemporaryDirectory(prefix='gaio-installed-') as destdir:
    code, out = run(['meson', 'install', '--no-rebuild', '--quiet', '-C', build_dir,
                     '--destdir', destdir], dict(os.environ), build_dir)
    if code != 0:
        print('1..1\nnot ok 1 meson install --destdir\n# ' + out.replace('\n', '\n# '))
        sys.exit(1)

    root = lambda path: destdir + path  # the private prefix, seen through DESTDIR
    env = {k: v for k, v in os.environ.items()
           if k not in ('GI_TYPELIB_PATH', 'LD_LIBRARY_PATH', 'PYTHONPATH', 'GJS_PATH',
                        'PKG_CONFIG_PATH')}
    # The README's variables for a private prefix P: PKG_CONFIG_PATH,
    # LD_LIBRARY_PATH, GI_TYPELIB_PATH, PYTHONPATH, GJS_PATH, --vapidir.
    env['PKG_CONFIG_PATH'] = root(libdir) + '/pkgconfig'
    # gaio-1.pc as an install with --prefix=DESTDIR/PREFIX would write it.
    pc_path = os.path.join(env['PKG_CONFIG_PATH'], 'gaio-1.pc')
    with open(pc_path) as pc:
        lines = [f'prefix={root(prefix)}\n' if line.startswith('prefix=') else line
                 for line in pc]
    with open(pc_path, 'w') as pc:
        pc.writelines(lines)
    env['LD_LIBRARY_PATH'] = root(libdir)
    env['GI_TYPELIB_PATH'] = root(libdir) + '/girepository-1.0'
    env['PYTHONPATH'] = root(python_site)
    env['GJS_PATH'] = root(datadir) + '/gjs-1.0'
    env['PYTHONDONTWRITEBYTECODE'] = '1'

    with tempfile.TemporaryDirectory(prefix='gaio-programs-') as work:
        cflags = subprocess.run(['pkg-config', '--cflags', '--libs', 'gaio-1'], env=env,
                                stdout=subprocess.PIPE, text=True).stdout.split()
        check('C with pkg-config',
              [['cc', '-o', 'hello-c', os.path.join(here, 'hello.c')] + cflags, ['./hello-c']],
              env, work)
        check('Python with PYTHONPATH and GI_TYPELIB_PATH',
              [['/usr/bin/python3', os.path.join(here, 'hello.py')]], env, work)
        check('GJS with GJS_PATH and GI_TYPELIB_PATH',
              [['gjs', '-m', os.path.join(here, 'hello.js')]], env, work)
        check('Vala with --vapidir',
              [['valac', '--vapidir=' + root(datadir) + '/vala/vapi', '--pkg', 'gaio-1',
                '-X', '-w', '-o', 'hello-vala', os.path.join(here, 'hello.vala')],
               ['./hello-vala']], env, work)

print(f'1..{len(results)}')
failed = False
for number, (name, ok, detail) in enumerate(results, 1):
    if ok is None:
        print(f'ok {number} {name} # SKIP {detail}')
        continue
    print(f'{"ok" if ok else "not ok"} {number} {name}')
    for line in detail.splitlines():
        print('# ' + line)
    failed |= not ok
sys.exit(1 if failed else 0)
