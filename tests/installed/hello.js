// hello.js: run with `gjs -m` against an installed Gaio (see README.md).
// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright 2026 The Gaio authors
import Gaio from 'gi://Gaio?version=1.0';
import System from 'system';

const mismatch = Gaio.check_version(0, 1, 0);
if (mismatch !== null) {
    printerr(mismatch);
    System.exit(1);
}

async function main() {
    await Gaio.sleep(10);
    return `Hello from Gaio ${Gaio.get_major_version()}.${Gaio.get_minor_version()}.${Gaio.get_micro_version()}`;
}

print(Gaio.run(main()));
