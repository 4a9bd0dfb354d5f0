// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright 2026 The Gaio authors
//
// Page titles and word counts, fetched concurrently.

import Gaio from 'gi://Gaio';
import {run} from './common.js';

const TITLE = /<title[^>]*>([\s\S]*?)<\/title>/i;

async function fetchTitle(client, url) {
    print(`Fetching ${url}`);
    const response = await client.get(url);
    const html = response.get_text();
    const match = TITLE.exec(html);
    const title = match ? match[1] : 'No title';
    const words = html.split(/\s+/).filter(word => word.length > 0).length;
    print(`Processed ${url}`);
    return `${url}: ${title} (${words} words)`;
}

run(async ([base]) => {
    const urls = ['/page/1', '/page/2', '/page/3', '/page/5'].map(path => base + path);
    const client = new Gaio.HttpClient();
    const results = await Promise.all(urls.map(url => fetchTitle(client, url)));
    results.forEach(result => print(result));
});
