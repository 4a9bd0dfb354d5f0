// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright 2026 The Gaio authors
//
// A small TAP harness for GJS tests: test(name, async fn) registers, run()
// runs them in order on a GLib main loop, each with a deadline, and prints
// one TAP line per test. run-gjs.py adds the plan and the stderr check.

import GLib from 'gi://GLib';

const tests = [];

export function test(name, fn) {
    tests.push({name, fn});
}

export function assert(condition, message = 'assertion failed') {
    if (!condition)
        throw new Error(message);
}

export function assertEqual(actual, expected, message = '') {
    const a = JSON.stringify(actual), e = JSON.stringify(expected);
    if (a !== e)
        throw new Error(`${message} expected ${e}, got ${a}`);
}

export async function assertRejects(promise, check, message = 'expected a rejection') {
    try {
        await promise;
    } catch (error) {
        if (check && !check(error))
            throw new Error(`${message}: unexpected ${error}`);
        return error;
    }
    throw new Error(message);
}

function withDeadline(promise, seconds) {
    let id = 0;
    const deadline = new Promise((_resolve, reject) => {
        id = GLib.timeout_add_seconds(GLib.PRIORITY_DEFAULT, seconds, () => {
            id = 0;
            reject(new Error(`timed out after ${seconds} s`));
            return GLib.SOURCE_REMOVE;
        });
    });
    return Promise.race([promise, deadline]).finally(() => {
        if (id)
            GLib.source_remove(id);
    });
}

export function run() {
    const loop = new GLib.MainLoop(null, false);
    let failed = 0;
    (async () => {
        let n = 0;
        for (const {name, fn} of tests) {
            n++;
            try {
                await withDeadline(Promise.resolve().then(fn), 10);
                print(`ok ${n} - ${name}`);
            } catch (error) {
                failed++;
                print(`not ok ${n} - ${name}`);
                for (const line of `${error}\n${error.stack ?? ''}`.split('\n'))
                    print(`# ${line}`);
            }
        }
    })().finally(() => loop.quit());
    loop.run();
    return failed;
}
