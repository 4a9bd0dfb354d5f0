// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright 2026 The Gaio authors
//
// Must fail under run-gjs.py: every test passes, but a callback throws and
// a promise is rejected unhandled, which GJS only logs.

import GLib from 'gi://GLib';
import Gaio from 'gi://Gaio';

import {test, run} from './tap.js';

test('a done-callback that throws', async () => {
    const future = new Gaio.Future();
    future.add_done_callback(() => {
        throw new Error('thrown in a callback');
    });
    future.resolve(null);
    await Gaio.sleep(5);
    Promise.reject(new Error('nobody handles this'));
    await new Promise(resolve => GLib.timeout_add(GLib.PRIORITY_DEFAULT, 5, () => {
        resolve();
        return GLib.SOURCE_REMOVE;
    }));
});

run();
