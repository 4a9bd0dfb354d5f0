// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright 2026 The Gaio authors
//
// create_task() + wait(): collect results from finished tasks.

import Gaio from 'gi://Gaio';
import {run, createTask} from './common.js';

async function fetchPage(client, url) {
    print(`Fetching ${url}`);
    const response = await client.get(url);
    await Gaio.sleep(100);   // simulate a delay
    print(`Fetched ${url}`);
    return response.get_body().get_size();
}

run(async ([base]) => {
    const urls = [`${base}/page/3`, `${base}/page/5`];
    const client = new Gaio.HttpClient();
    const tasks = urls.map(url => createTask(url, () => fetchPage(client, url)));
    print('Tasks scheduled');
    // asyncio.wait(tasks): a Gaio gatherer in wait mode. (Awaiting the
    // gatherer itself trips over GaioGatherer.get_value(index) shadowing
    // GaioFuture.get_value() in GJS, so wait through wait_async().)
    const waiter = Gaio.Gatherer.new_wait(Gaio.WaitMode.ALL_COMPLETED, -1, tasks);
    await waiter.wait_async(null);
    urls.forEach((url, i) => print(`${url}: ${tasks[i].result()} bytes`));
});
