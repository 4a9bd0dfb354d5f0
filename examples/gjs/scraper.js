// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright 2026 The Gaio authors
//
// Fetch pages concurrently, then save each to a file concurrently.

import GLib from 'gi://GLib';
import Gaio from 'gi://Gaio';
import {run} from './common.js';

async function fetchUrl(client, url) {
    const response = await client.get(url);
    return response.get_body();
}

function saveContent(filename, content) {
    // Atomic: a temporary file in the same folder, then a rename.
    return Gaio.file_write_path(filename, content, Gaio.FileWriteFlags.NONE);
}

run(async ([base]) => {
    const paths = ['/page/1', '/page/2', '/page/3'];
    const client = new Gaio.HttpClient();
    const contents = await Promise.all(paths.map(path => fetchUrl(client, base + path)));
    await Promise.all(contents.map((content, i) => saveContent(`file_${i}.html`, content)));
    paths.forEach((path, i) => {
        const [, data] = GLib.file_get_contents(`file_${i}.html`);
        print(`Saved ${base}${path}: ${data.length} bytes`);
    });
    print(`${paths.length} files created`);
});
