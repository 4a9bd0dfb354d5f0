// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright 2026 The Gaio authors
//
// gather(): results in input order.

import Gaio from 'gi://Gaio';
import {run} from './common.js';

async function task(number) {
    print(`Starting task ${number}`);
    await Gaio.sleep(100);
    print(`Finished task ${number}`);
    return number;
}

run(async () => {
    const results = await Promise.all([task(1), task(2), task(3)]);
    print(`Task results: [${results.join(', ')}]`);
});
