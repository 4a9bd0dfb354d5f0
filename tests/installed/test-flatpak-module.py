#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""build-aux/flatpak/gaio.json is valid JSON, builds with meson, and passes
only options meson_options.txt defines (flatpak-builder itself cannot run
here: see doc/flatpak.md). Prints TAP.

Usage: test-flatpak-module.py SOURCE_ROOT"""

import json
import os
import re
import sys

root = sys.argv[1]
with open(os.path.join(root, 'meson_options.txt')) as options:
    known = set(re.findall(r"option\('([\w-]+)'", options.read()))
with open(os.path.join(root, 'build-aux', 'flatpak', 'gaio.json')) as manifest:
    module = json.load(manifest)

unknown = [opt for opt in module.get('config-opts', [])
           if not (opt.startswith('-D') and opt[2:].split('=')[0] in known)]
meson_module = module.get('buildsystem') == 'meson' and bool(module.get('sources'))
print('1..2')
print(f'{"ok" if meson_module else "not ok"} 1 the module builds with meson from a source')
print(f'{"not ok" if unknown else "ok"} 2 every config-opt is a Gaio option'
      + (f'\n# unknown: {unknown}' if unknown else ''))
sys.exit(1 if unknown or not meson_module else 0)
