# hello.py: run against an installed Gaio (see README.md).
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
import gi
gi.require_version('Gaio', '1.0')
from gi.repository import Gaio

if Gaio.check_version(0, 1, 0) is not None:
    raise SystemExit(Gaio.check_version(0, 1, 0))


async def main():
    await Gaio.sleep(0.01)
    return 'Hello from Gaio %d.%d.%d' % (Gaio.get_major_version(),
                                         Gaio.get_minor_version(),
                                         Gaio.get_micro_version())

print(Gaio.run(main()))
