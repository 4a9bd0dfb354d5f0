// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright 2026 The Gaio authors
//
// A future settled by hand (asyncio.Future).

import Gio from 'gi://Gio';
import GLib from 'gi://GLib';
import Gaio from 'gi://Gaio';
import {run} from './common.js';

async function asyncOperation(future, data) {
    await Gaio.sleep(100);
    if (data === 'success')
        future.resolve_string('Operation succeeded');
    else
        future.reject(new GLib.Error(Gio.io_error_quark(), Gio.IOErrorEnum.FAILED, 'Operation failed'));
}

run(async () => {
    for (const data of ['success', 'failure']) {
        const future = new Gaio.Future();
        await asyncOperation(future, data);
        if (future.done()) {
            try {
                print(future.result());
            } catch (error) {
                print(`Error: ${error.message}`);
            }
        }
    }
});
