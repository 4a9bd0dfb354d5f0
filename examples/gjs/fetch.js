// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright 2026 The Gaio authors
//
// Fetch several pages at once; print status and the first 100 characters.

import Gaio from 'gi://Gaio';
import {run} from './common.js';

async function fetchContent(client, url) {
    const response = await client.get(url);
    const text = response.get_text();
    print(`URL: ${url}\nStatus: ${response.get_status()}\nContent: ${text.slice(0, 100)}...\n`);
}

run(async ([base]) => {
    const urls = [`${base}/page/1`, `${base}/page/2`, `${base}/notes.txt`];
    const client = new Gaio.HttpClient();   // one client: one connection pool
    await Promise.all(urls.map(url => fetchContent(client, url)));
});
