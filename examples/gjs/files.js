// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright 2026 The Gaio authors
//
// Asynchronous file writes and reads (aiofiles).

import GLib from 'gi://GLib';
import Gaio from 'gi://Gaio';
import {run} from './common.js';

const FILES = [['example.txt', 'test\ntest\n'], ['processed_errors.txt', 'no errors found\n']];

function writeFile(path, text) {
    // Replaces the file atomically: a temporary file, then a rename.
    const bytes = new GLib.Bytes(new TextEncoder().encode(text));
    return Gaio.file_write_path(path, bytes, Gaio.FileWriteFlags.NONE);
}

async function readFile(path) {
    const contents = await Gaio.file_read_path(path);
    return new TextDecoder().decode(contents.toArray());
}

run(async () => {
    await Promise.all(FILES.map(([path, text]) => writeFile(path, text)));
    print(`Wrote ${FILES.length} files`);
    const data = await Promise.all(FILES.map(([path]) => readFile(path)));
    FILES.forEach(([path], i) => {
        const size = new TextEncoder().encode(data[i]).length;
        print(`${path} (${size} bytes):\n${data[i].replace(/\n$/, '')}`);
    });
});
