// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright 2026 The Gaio authors
//
// Shared by the GJS examples: run an async main on a GLib main loop (asyncio.run), and create_task's scheduling.

import GLib from 'gi://GLib';
import Gaio from 'gi://Gaio';
import System from 'system';

// asyncio.run(main()): runs the main loop until main's promise settles; an
// uncaught error is printed and makes the exit status 1.
export function run(main) {
    const loop = new GLib.MainLoop(null, false);
    let status = 0;
    main(ARGV).catch(error => {
        logError(error);
        status = 1;
    }).finally(() => loop.quit());
    loop.run();
    System.exit(status);
}

// asyncio.create_task(): a named Gaio future running @asyncFunction. A JS
// async function runs eagerly up to its first await, while asyncio starts a
// task only when the caller yields; the first sleep(0) gives that order.
export function createTask(name, asyncFunction) {
    return Gaio.createTask(name, async cancellable => {
        await Gaio.sleep(0);
        return asyncFunction(cancellable);
    });
}
