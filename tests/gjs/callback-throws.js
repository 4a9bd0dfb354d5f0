// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright 2026 The Gaio authors
//
// Must fail under run-gjs.py: the test passes, but a done-callback throws,
// which GJS only logs.

import Gaio from 'gi://Gaio';

import {test, run} from './tap.js';

test('a done-callback that throws', async () => {
    const future = new Gaio.Future();
    future.add_done_callback(() => {
        throw new Error('thrown in a callback');
    });
    future.resolve(null);
    await Gaio.sleep(5);
});

run();
