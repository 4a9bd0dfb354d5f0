// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright 2026 The Gaio authors
//
// Must fail under run-gjs.py: the test passes, but a promise is rejected
// and nobody handles it, which GJS only logs.

import GLib from 'gi://GLib';

import {test, run} from './tap.js';

test('a promise rejected unhandled', async () => {
    Promise.reject(new Error('nobody handles this'));
    await new Promise(resolve => GLib.timeout_add(GLib.PRIORITY_DEFAULT, 5, () => {
        resolve();
        return GLib.SOURCE_REMOVE;
    }));
});

run();
