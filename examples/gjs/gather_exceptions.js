// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright 2026 The Gaio authors
//
// gather(return_exceptions=True): Promise.allSettled, one failure does not stop the others.

import Gaio from 'gi://Gaio';
import {run} from './common.js';

async function fetchPage(client, url) {
    print(`Fetching ${url}`);
    const response = await client.get(url);
    print(`Fetched ${url}`);
    return response.get_body().get_size();
}

run(async ([base]) => {
    const urls = ['/page/1', '/page/2', '/page/3', '/missing'].map(path => base + path);
    const client = new Gaio.HttpClient();
    client.set_raise_for_status(true);   // a 404 rejects
    const results = await Promise.allSettled(urls.map(url => fetchPage(client, url)));
    results.forEach((result, i) => {
        if (result.status === 'rejected')
            print(`Failed to fetch ${urls[i]}: ${result.reason.message}`);
        else
            print(`${urls[i]}: ${result.value} bytes`);
    });
});
