// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright 2026 The Gaio authors
//
// create_task() schedules; sleeps decide who finishes first.

import Gaio from 'gi://Gaio';
import {run, createTask} from './common.js';

async function myCoroutine() {
    print('My Coroutine');
    await Gaio.sleep(100);
    return 'Coroutine Finished';
}

async function timedTask(name, ms) {
    print(`${name} Task Start`);
    await Gaio.sleep(ms);
    print(`${name} Task End`);
}

run(async () => {
    const task = createTask('coroutine', myCoroutine);
    print('Doing Other Stuff');
    print(await task);

    createTask('first', () => timedTask('First', 200));
    createTask('second', () => timedTask('Second', 100));
    // Wait a bit for both tasks to finish.
    await Gaio.sleep(300);
});
