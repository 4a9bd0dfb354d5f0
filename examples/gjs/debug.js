// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright 2026 The Gaio authors
//
// Debug mode: a blocking call inside a task holds the whole loop.

import GLib from 'gi://GLib';
import Gaio from 'gi://Gaio';
import {run, createTask} from './common.js';

// asyncio's debug mode warns about steps slower than 100 ms; Gaio's is
// GAIO_DEBUG=slow or set_slow_callback_threshold(). It times C task steps
// and callbacks; JS continuations resume outside it (see doc/tutorial.md).
if (Gaio.get_slow_callback_threshold() === 0)
    Gaio.set_slow_callback_threshold(100);
print(`Slow callback threshold: ${Gaio.get_slow_callback_threshold()} ms`);

run(async () => {
    await createTask('blocker', () => {
        print('Blocking the loop for 200 ms on purpose');
        GLib.usleep(200000);   // a blocking call: the bug debug mode finds
        print('Done blocking');
    });
    print('Finished');
});
