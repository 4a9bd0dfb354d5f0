// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright 2026 The Gaio authors
//
// run_in_executor(): blocking work off the main loop. JS runs on one thread only, so the blocking work here is a child process; GIO's own _async calls run theirs on GIO's thread pool.

import Gio from 'gi://Gio';
import Gaio from 'gi://Gaio';
import {run, createTask} from './common.js';

Gio._promisify(Gio.Subprocess.prototype, 'wait_async', 'wait_finish');

async function syncTask() {
    print('Starting a long sync task...');
    const child = Gio.Subprocess.new(['sh', '-c', 'sleep 0.3; exit 42'], Gio.SubprocessFlags.NONE);
    await child.wait_async(null);
    print('Finished the sync task.');
    return child.get_exit_status();
}

run(async () => {
    let ticks = 0;
    const ticker = createTask('ticker', async cancellable => {
        while (!cancellable.is_cancelled()) {
            await Gaio.sleep(50);
            ticks++;
        }
    });
    const result = await syncTask();
    print(`The thread returned ${result}`);
    // The loop was free meanwhile: the ticker kept ticking.
    print(`Main loop stayed responsive: ${ticks >= 3 ? 'yes' : 'no'}`);
    ticker.cancel();
    await ticker.catch(() => {});
});
