// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright 2026 The Gaio authors
//
// Must fail under run-gjs.py: a promise behind Gaio.fromPromise() rejects
// after its future was cancelled, which the override logs instead of
// dropping.

import GLib from 'gi://GLib';
import Gaio from 'gi://Gaio';

import {test, run} from './tap.js';

test('a promise rejected after its future was cancelled', async () => {
    let reject;
    const future = Gaio.fromPromise(new Promise((_resolve, rej) => {
        reject = rej;
    }));
    future.cancel();
    future.catch(() => {});
    reject(new Error('too late'));
    await new Promise(resolve => GLib.timeout_add(GLib.PRIORITY_DEFAULT, 5, () => {
        resolve();
        return GLib.SOURCE_REMOVE;
    }));
});

run();
