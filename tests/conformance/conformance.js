// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright 2026 The Gaio authors
//
// The conformance scenario in GJS; conformance.{c,py,vala} print the same
// lines (tests/conformance/expected.txt).

import GLib from 'gi://GLib';
import Gio from 'gi://Gio';
import Soup from 'gi://Soup?version=3.0';
import Gaio from 'gi://Gaio';
import System from 'system';

const isCancelled = e => e instanceof GLib.Error && e.matches(Gio.IOErrorEnum, Gio.IOErrorEnum.CANCELLED);
const isTimedOut = e => e instanceof GLib.Error && e.matches(Gio.IOErrorEnum, Gio.IOErrorEnum.TIMED_OUT);

function child(name, value, delayMs, fail = false) {
    return Gaio.createTask(name, async cancellable => {
        await Gaio.awaitFuture(Gaio.sleep(delayMs), cancellable);
        if (fail)
            throw new GLib.Error(Gaio.Error, Gaio.Error.FAILED, `child ${value} failed`);
        return value;
    });
}

async function spawn() {
    const alpha = child('alpha', 1, 20);
    const beta = child('beta', 2, 10);
    print(`spawn: ${alpha.get_name()} -> ${await alpha}, ${beta.get_name()} -> ${await beta}`);
}

async function gather() {
    const three = fail => [child(null, 1, 3), child(null, 2, 1, fail), child(null, 3, 2)];
    print(`gather: ${(await Gaio.gather(three(false))).join(' ')}`);
    try {
        await Gaio.gather(three(true));
    } catch (error) {
        print(`gather error: ${error.message}`);
    }
    const slots = await Gaio.gather(three(true), {returnErrors: true});
    print(`gather return-errors: ${slots.map(s => s instanceof GLib.Error ? `error: ${s.message}` : s).join(' | ')}`);
}

async function timeout() {
    const inner = child('slow', 0, 10000);
    try {
        await Gaio.timeout(inner, 50);
    } catch (error) {
        if (!isTimedOut(error))
            throw error;
        await inner.catch(() => {});
        print(`timeout: timed out, inner cancelled: ${inner.is_cancelled() ? 'yes' : 'no'}`);
    }
}

async function cancel() {
    let cleanedUp = '';
    const task = Gaio.createTask('sleeper', async cancellable => {
        try {
            await Gaio.awaitFuture(Gaio.sleep(10000), cancellable);
        } catch (error) {
            if (isCancelled(error))
                cleanedUp = 'cleaned up';
            throw error;
        }
    });
    await Gaio.sleep(10);
    task.cancel();
    try {
        await task;
    } catch (error) {
        if (!isCancelled(error))
            throw error;
        print(`cancel: ${task.get_name()} ${cleanedUp}, cancelled: ${task.is_cancelled() ? 'yes' : 'no'}`);
    }
}

async function http() {
    const server = new Soup.Server();
    server.add_handler('/hello', (_server, message) => {
        message.set_status(200, null);
        message.set_response('text/plain', Soup.MemoryUse.COPY, new TextEncoder().encode('hello from gaio'));
    });
    server.listen_local(0, Soup.ServerListenOptions.IPV4_ONLY);
    const url = `http://127.0.0.1:${server.get_uris()[0].get_port()}/hello`;
    const client = new Gaio.HttpClient({
        max_connections: 10,
        max_connections_per_host: 2,
        timeout: 10,
        raise_for_status: true,
    });
    const response = await client.get(url);
    print(`http: ${response.get_status()} ${response.get_text()}`);
    server.disconnect();
}

async function files() {
    const folder = GLib.dir_make_tmp('gaio-conformance-XXXXXX');
    const path = GLib.build_filenamev([folder, 'out.txt']);
    await Gaio.file_write_path(path, new GLib.Bytes(new TextEncoder().encode('written by gaio')),
        Gaio.FileWriteFlags.NONE);
    const bytes = await Gaio.file_read_path(path);
    const data = bytes.toArray();
    print(`file: ${data.length} bytes: ${new TextDecoder().decode(data)}`);
    Gio.File.new_for_path(path).delete(null);
    Gio.File.new_for_path(folder).delete(null);
}

async function main() {
    await spawn();
    await gather();
    await timeout();
    await cancel();
    await http();
    await files();
    print('done');
}

const loop = new GLib.MainLoop(null, false);
let status = 0;
main().catch(error => {
    logError(error);
    status = 1;
}).finally(() => loop.quit());
loop.run();
if (status !== 0)
    System.exit(status);
