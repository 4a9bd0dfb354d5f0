// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright 2026 The Gaio authors
//
// The GJS override: futures are thenables, Gaio's _async/_finish pairs work
// with Gio._promisify, and nothing is left unretrieved or logged.

import GLib from 'gi://GLib';
import Gio from 'gi://Gio';
import GIRepository from 'gi://GIRepository?version=2.0';
import Gaio from 'gi://Gaio';
import Json from 'gi://Json';
import Soup from 'gi://Soup?version=3.0';
import System from 'system';

import {test, run, assert, assertEqual, assertRejects} from './tap.js';

const isCancelled = e => e instanceof GLib.Error && e.matches(Gio.IOErrorEnum, Gio.IOErrorEnum.CANCELLED);
const isTimedOut = e => e instanceof GLib.Error && e.matches(Gio.IOErrorEnum, Gio.IOErrorEnum.TIMED_OUT);

function later(ms, fn) {
    GLib.timeout_add(GLib.PRIORITY_DEFAULT, ms, () => {
        fn();
        return GLib.SOURCE_REMOVE;
    });
}

test('the typelib has no method called then, await or async', () => {
    const repo = GIRepository.Repository.get_default();
    const info = repo.find_by_name('Gaio', 'Future');
    const names = [];
    for (let i = 0; i < GIRepository.object_info_get_n_methods(info); i++)
        names.push(GIRepository.object_info_get_method(info, i).get_name());
    assert(names.includes('wait_async'), 'wait_async is introspected');
    for (const bad of ['then', 'await', 'async'])
        assert(!names.includes(bad), `${bad} is not introspected`);
});

test('await a future resolved later', async () => {
    const future = new Gaio.Future();
    later(5, () => future.resolve_int(42));
    assertEqual(await future, 42);
});

test('await a C sleep', async () => {
    const start = GLib.get_monotonic_time();
    assertEqual(await Gaio.sleep(20), undefined);
    assert(GLib.get_monotonic_time() - start >= 19000, 'slept long enough');
});

test('values of each kind', async () => {
    const kinds = [['resolve_string', 'text'], ['resolve_double', 2.5],
        ['resolve_boolean', true], ['resolve_int64', 1234567890123]];
    for (const [method, value] of kinds) {
        const future = new Gaio.Future();
        future[method](value);
        assertEqual(await future, value, method);
    }
    const object = new Gio.SimpleAction({name: 'x'});
    const future = new Gaio.Future();
    future.resolve_object(object);
    assert(await future === object, 'same object');
});

test('a rejected future rejects the await with its GError', async () => {
    const future = new Gaio.Future();
    future.reject(new GLib.Error(Gio.IOErrorEnum, Gio.IOErrorEnum.NOT_FOUND, 'no such thing'));
    const error = await assertRejects(future);
    assert(error.matches(Gio.IOErrorEnum, Gio.IOErrorEnum.NOT_FOUND));
    assertEqual(error.message, 'no such thing');
});

test('Promise.all and Promise.allSettled over futures', async () => {
    const values = await Promise.all([Gaio.sleep(5), Gaio.fromPromise(Promise.resolve(7)), 3]);
    assertEqual(values, [undefined, 7, 3]);
    const settled = await Promise.allSettled([Gaio.timeout(Gaio.sleep(10000), 10), Gaio.sleep(1)]);
    assertEqual(settled.map(s => s.status), ['rejected', 'fulfilled']);
    assert(isTimedOut(settled[0].reason), 'timed out');
});

test('an async function returning a future', async () => {
    const fn = async () => {
        const future = new Gaio.Future();
        future.resolve_string('inner');
        return future;
    };
    assertEqual(await fn(), 'inner');
});

test('then/catch/finally chain like a promise', async () => {
    const future = new Gaio.Future();
    future.resolve_int(2);
    let finished = false;
    const doubled = await future.then(v => v * 2).finally(() => {
        finished = true;
    });
    assertEqual(doubled, 4);
    assert(finished);
    const rejected = new Gaio.Future();
    rejected.cancel();
    assert(isCancelled(await rejected.catch(e => e)));
});

test('wait_async is promisified, and Gio._promisify works on it', async () => {
    const future = new Gaio.Future();
    later(1, () => future.resolve_string('waited'));
    assertEqual(await future.wait_async(null), 'waited');
    const cancellable = new Gio.Cancellable();
    const pending = new Gaio.Future();
    later(1, () => cancellable.cancel());
    await assertRejects(pending.wait_async(cancellable), isCancelled);
    assert(!pending.is_done(), 'cancelling the wait leaves the future alone');
    pending.cancel();
});

test('Gio._promisify on other Gaio _async/_finish pairs', async () => {
    Gio._promisify(Gaio.Semaphore.prototype, 'acquire_async', 'acquire_finish');
    Gio._promisify(Gaio, 'file_read_async', 'file_read_finish');
    Gio._promisify(Gaio, 'file_write_async', 'file_write_finish');
    const semaphore = Gaio.Semaphore.new(1);
    assertEqual(await semaphore.acquire_async(null), true);
    assert(semaphore.is_locked(), 'acquired');
    semaphore.release();
    const [fd, path] = GLib.file_open_tmp('gaio-gjs-XXXXXX');
    GLib.close(fd);
    const file = Gio.File.new_for_path(path);
    assertEqual(await Gaio.file_write_async(file, new GLib.Bytes(new TextEncoder().encode('via promisify')),
        Gaio.FileWriteFlags.NONE, null), true);
    const bytes = await Gaio.file_read_async(file, null);
    assertEqual(new TextDecoder().decode(bytes.toArray()), 'via promisify');
    file.delete(null);
});

test('file handles: lines, an atomic writer, a cancelled writer', async () => {
    Gio._promisify(Gaio.FileHandle, 'open_async', 'open_finish');
    for (const method of ['read_line', 'write', 'close'])
        Gio._promisify(Gaio.FileHandle.prototype, `${method}_async`, `${method}_finish`);
    const encode = text => new GLib.Bytes(new TextEncoder().encode(text));
    const dir = GLib.dir_make_tmp('gaio-gjs-XXXXXX');
    const path = GLib.build_filenamev([dir, 'lines.txt']);
    GLib.file_set_contents(path, 'old');

    // Written through a handle: the old file stays until the close.
    const writer = await Gaio.FileHandle.open_async(path, Gaio.FileMode.WRITE, Gaio.FileWriteFlags.NONE, null);
    assertEqual(await writer.write_async(encode('one\ntwo\n'), null), true);
    assertEqual(await writer.write_async(encode('three'), null), true);
    assertEqual(new TextDecoder().decode(GLib.file_get_contents(path)[1]), 'old');
    assertEqual(await writer.close_async(null), true);

    // for await over the lines; null ends them.
    const reader = await Gaio.FileHandle.open_async(path, Gaio.FileMode.READ, Gaio.FileWriteFlags.NONE, null);
    const lines = [];
    for (let line; (line = await reader.read_line_async(null)) !== null;)
        lines.push(line);
    assertEqual(JSON.stringify(lines), JSON.stringify(['one', 'two', 'three']));
    assertEqual(reader.tell(), 13);
    await reader.close_async(null);

    // A writer whose write is cancelled leaves the old file.
    const failing = await Gaio.FileHandle.open_async(path, Gaio.FileMode.WRITE, Gaio.FileWriteFlags.NONE, null);
    const cancellable = new Gio.Cancellable();
    const big = failing.write_async(new GLib.Bytes(new Uint8Array(8 * 1024 * 1024)), cancellable);
    cancellable.cancel();
    await assertRejects(big, isCancelled);
    await assertRejects(failing.close_async(null), isCancelled);
    assertEqual(new TextDecoder().decode(GLib.file_get_contents(path)[1]), 'one\ntwo\nthree');

    // The futures are thenables too.
    const again = await Gaio.FileHandle.open(path, Gaio.FileMode.READ, Gaio.FileWriteFlags.NONE);
    assertEqual(await again.read_line(), 'one');
    await again.close();

    GLib.unlink(path);
    GLib.rmdir(dir);
});

test('cancel a future and its cancellable', async () => {
    const future = Gaio.sleep(10000);
    const cancellable = future.get_cancellable();
    later(1, () => future.cancel());
    await assertRejects(future, isCancelled);
    assert(future.cancelled() && cancellable.is_cancelled());
});

test('a timeout cancels the work under it', async () => {
    const inner = Gaio.sleep(10000);
    await assertRejects(Gaio.timeout(inner, 10), isTimedOut);
    assert(inner.is_cancelled(), 'inner cancelled');
});

test('createTask: named, cancelled mid-await', async () => {
    let cleanedUp = false;
    const task = Gaio.createTask('sleeper', async cancellable => {
        try {
            await Gaio.awaitFuture(Gaio.sleep(10000), cancellable);
            return 'not reached';
        } catch (e) {
            cleanedUp = isCancelled(e);
            throw e;
        }
    });
    assertEqual(task.get_name(), 'sleeper');
    later(5, () => task.cancel());
    await assertRejects(task, isCancelled);
    await Gaio.sleep(1);
    assert(cleanedUp, 'the body saw the cancellation');
});

test('createTask: results and JS errors', async () => {
    const ok = Gaio.createTask('ok', async () => {
        await Gaio.sleep(1);
        return 'fine';
    });
    const bad = Gaio.createTask('bad', async () => {
        await Gaio.sleep(1);
        throw new TypeError('broken');
    });
    assertEqual(await ok, 'fine');
    const error = await assertRejects(bad);
    assertEqual(error.message, 'TypeError: broken');
});

test('createTask makes a C task: named, listed, cancel-requested', async () => {
    const task = Gaio.createTask('listed', async cancellable => {
        await Gaio.awaitFuture(Gaio.sleep(10000), cancellable);
    });
    assert(task instanceof Gaio.Task, 'a Gaio.Task');
    assert(Gaio.Task.dump_live().includes("'listed'"), 'in the task list');
    task.cancel();
    assert(task.get_cancel_requested(), 'cancel-requested');
    await assertRejects(task, isCancelled);
    assert(!Gaio.Task.dump_live().includes("'listed'"), 'gone from the task list');
});

test('the task graph shows what a createTask task awaits through awaitFuture', async () => {
    const semaphore = Gaio.Semaphore.new(0);
    const task = Gaio.createTask('graphed', async cancellable => {
        await Gaio.awaitFuture(semaphore.acquire(), cancellable);
    });
    // The body ran up to its first await inside createTask().
    const lines = Gaio.Task.dump_graph().split('\n');
    const at = lines.findIndex(line => line.endsWith('── (T) graphed'));
    assert(at >= 0, `the task is drawn: ${lines}`);
    // Its only child: the permit it waits for, one level deeper.
    const indent = lines[at].indexOf('(T)');
    assert(lines[at + 1].endsWith('── Semaphore.acquire'), `awaits the permit: ${lines[at + 1]}`);
    assertEqual(lines[at + 1].indexOf('Semaphore.acquire'), indent + 4);
    task.cancel();
    await assertRejects(task, isCancelled);
    assert(!Gaio.Task.dump_graph().includes('graphed'), 'gone from the graph');
});

test('createTask: a value GJS cannot convert rejects the task', async () => {
    const task = Gaio.createTask('t', async () => [1, 2]);
    const error = await assertRejects(task);
    assert(error instanceof GLib.Error, 'a GLib.Error');
    assert(error.matches(Gaio.Error, Gaio.Error.FAILED), 'Gaio.Error.FAILED');
});

test('fromPromise: a cancellation after the future settled is not logged', async () => {
    let reject;
    const future = Gaio.fromPromise(new Promise((_resolve, rej) => {
        reject = rej;
    }));
    future.cancel();
    await assertRejects(future, isCancelled);
    reject(new GLib.Error(Gio.IOErrorEnum, Gio.IOErrorEnum.CANCELLED, 'cancelled too'));
    await Gaio.sleep(1);
});

test('Gaio.gather on a C gatherer, with and without returnErrors', async () => {
    const fail = () => Gaio.createTask('fail', async () => {
        await Gaio.sleep(1);
        throw new GLib.Error(Gio.IOErrorEnum, Gio.IOErrorEnum.FAILED, 'child failed');
    });
    const value = v => Gaio.createTask(`value ${v}`, async () => {
        await Gaio.sleep(2);
        return v;
    });
    assertEqual(await Gaio.gather([value(1), value(2)]), [1, 2]);
    const error = await assertRejects(Gaio.gather([value(1), fail()]));
    assertEqual(error.message, 'child failed');
    const slots = await Gaio.gather([value(1), fail(), value(3)], {returnErrors: true});
    assertEqual(slots[0], 1);
    assertEqual(slots[1].message, 'child failed');
    assertEqual(slots[2], 3);
});

test('Gaio.gather: the first error rejects and leaves the others running', async () => {
    const slow = Gaio.sleep(30);
    const failing = new Gaio.Future();
    later(1, () => failing.reject(new GLib.Error(Gio.IOErrorEnum, Gio.IOErrorEnum.FAILED, 'first')));
    const error = await assertRejects(Gaio.gather([failing, slow]));
    assertEqual(error.message, 'first');
    assertEqual(slow.get_state(), Gaio.FutureState.PENDING);
    assertEqual(await slow, undefined);
});

test('Gaio.gather takes JS promises and values with futures', async () => {
    const later3 = new Promise(resolve => later(2, () => resolve(3)));
    assertEqual(await Gaio.gather([Promise.resolve(1), Gaio.sleep(1), later3, 'four']),
        [1, undefined, 3, 'four']);
    const error = await assertRejects(Gaio.gather([Promise.reject(new TypeError('js failed')), Gaio.sleep(10000)]));
    assert(error.matches(Gaio.Error, Gaio.Error.FAILED), 'Gaio.Error.FAILED');
    assertEqual(error.message, 'TypeError: js failed');
});

test('Queue: put and get, try_put on a full queue, try_get', async () => {
    const queue = Gaio.Queue.new(1);
    await queue.put('first');
    assert(queue.is_full(), 'full');
    assertEqual(queue.try_put('second'), false);
    const waitingPut = queue.put('second');
    assert(!waitingPut.is_done(), 'a put waits while the queue is full');
    assertEqual(await queue.get(), 'first');
    await waitingPut;
    assertEqual(queue.try_get(), 'second');
    assert(queue.is_empty(), 'empty');
    const waitingGet = queue.get();
    later(1, () => queue.try_put('third'));
    assertEqual(await waitingGet, 'third');
});

test('Queue orders: LIFO, priority by value, priority with a JS compare function', async () => {
    const lifo = Gaio.Queue.new_lifo(0);
    assertEqual(lifo.get_order(), Gaio.QueueOrder.LIFO);
    for (const item of [1, 2, 3])
        await lifo.put(item);
    assertEqual([await lifo.get(), await lifo.get(), lifo.try_get()], [3, 2, 1]);

    const byValue = new Gaio.Queue({order: Gaio.QueueOrder.PRIORITY, maxsize: 3});
    assertEqual(byValue.maxsize, 3);
    for (const item of [5, 'b', 1.5])
        assert(byValue.try_put(item), `put ${item}`);
    const waitingPut = byValue.put(-2);
    assert(!waitingPut.is_done(), 'a put waits while the priority queue is full');
    assertEqual(await byValue.get(), 1.5);
    await waitingPut;
    assertEqual([byValue.try_get(), byValue.try_get(), await byValue.get()], [-2, 5, 'b']);

    const byLength = Gaio.Queue.new_priority(0, (a, b) => a.length - b.length);
    for (const item of ['ccc', 'a', 'bb', 'd'])
        byLength.try_put(item);
    assertEqual([byLength.try_get(), byLength.try_get(), byLength.try_get(), byLength.try_get()],
        ['a', 'd', 'bb', 'ccc']);
    const waitingGet = byLength.get();
    byLength.shutdown(false);
    const error = await assertRejects(waitingGet);
    assert(error.matches(Gaio.Error, Gaio.Error.QUEUE_SHUT_DOWN), 'QUEUE_SHUT_DOWN');
});

test('Lock: a second acquire waits for the release', async () => {
    const lock = Gaio.Lock.new();
    await lock.acquire();
    assert(lock.is_locked(), 'locked');
    const second = lock.acquire();
    await Gaio.sleep(1);
    assert(!second.is_done(), 'the second acquire waits');
    lock.release();
    await second;
    assert(lock.is_locked(), 'held by the second');
    lock.release();
    assert(!lock.is_locked(), 'released');
});

test('Event: wait until set', async () => {
    const event = Gaio.Event.new();
    const waiting = event.wait();
    later(1, () => event.set());
    await waiting;
    assert(event.is_set(), 'set');
    await event.wait();
    event.clear();
    assert(!event.is_set(), 'cleared');
});

test('TaskGroup: children finish, or the first failure aborts the rest', async () => {
    const group = Gaio.TaskGroup.new();
    group.add(Gaio.createTask('child', async () => {
        await Gaio.sleep(1);
        return 1;
    }));
    group.add(Gaio.sleep(2));
    group.close();
    await group;
    assertEqual(group.get_n_children(), 2);

    const failing = Gaio.TaskGroup.new();
    const sleeper = Gaio.sleep(10000);
    failing.add(sleeper);
    failing.add(Gaio.createTask('fails', async () => {
        await Gaio.sleep(1);
        throw new GLib.Error(Gio.IOErrorEnum, Gio.IOErrorEnum.NOT_FOUND, 'child failed');
    }));
    failing.close();
    await assertRejects(failing);
    assert(sleeper.is_cancelled(), 'the other child was cancelled');
    assertEqual(failing.get_n_errors(), 1);
});

test('result() mirrors asyncio', () => {
    const future = new Gaio.Future();
    let threw = false;
    try {
        future.result();
    } catch (e) {
        threw = true;
    }
    assert(threw && !future.done());
    future.resolve_string('now');
    assertEqual(future.result(), 'now');
});

test('file names take the extension from the Content-Type', () => {
    const url = 'https://example.com/docs/';
    const plain = Gaio.filename_for_url(url);
    assertEqual(Gaio.filename_for_url_with_type(url, 'text/html; charset=utf-8'), `${plain}.html`);
    assertEqual(Gaio.filename_for_url_with_type(url, null), plain);
    assertEqual(Gaio.filename_extension_for_type('image/png'), '.png');
    assertEqual(Gaio.filename_extension_for_type('application/x-unknown'), null);
});

test('garbage collection finds no unretrieved errors', async () => {
    System.gc();
    await Gaio.sleep(1);
});

test('Gaio.shield: cancelling the shield leaves the inner future running', async () => {
    const inner = Gaio.sleep(5);
    const outer = Gaio.shield(inner);
    assert(outer.cancel(), 'the shield is cancelled');
    assertEqual(await inner, undefined);
    assert(outer.is_cancelled(), 'the shield stays cancelled');
});

test('Condition: wait releases the lock and takes it back when notified', async () => {
    const cond = new Gaio.Condition();
    const lock = cond.get_lock();
    await lock.acquire();
    let ready = false;
    later(1, async () => {
        await lock.acquire();
        ready = true;
        cond.notify(1);
        lock.release();
    });
    await cond.wait();
    assert(ready && lock.is_locked(), 'notified with the lock held');
    lock.release();
});

test('Barrier: parties meet, abort breaks the waiters', async () => {
    Gio._promisify(Gaio.Barrier.prototype, 'wait_async', 'wait_finish');
    const barrier = Gaio.Barrier.new(2);
    const first = barrier.wait();
    assertEqual(await barrier.wait_async(null), 1);
    assertEqual(await first, 0);
    const broken = barrier.wait();
    barrier.abort();
    const error = await assertRejects(broken);
    assert(error.matches(Gaio.Error, Gaio.Error.BROKEN_BARRIER), 'BROKEN_BARRIER');
    assert(barrier.is_broken(), 'broken until reset');
});

test('WebSocket: send, receive, for await until the server closes', async () => {
    const server = new Soup.Server();
    server.add_websocket_handler('/ws', null, null, (srv, msg, path, connection) => {
        connection.connect('message', (conn, kind, data) => {
            if (kind === Soup.WebsocketDataType.TEXT && new TextDecoder().decode(data.toArray()) === 'close')
                conn.close(4000, 'bye');
            else
                conn.send_message(kind, data);
        });
    });
    server.listen_local(0, Soup.ServerListenOptions.IPV4_ONLY);
    const url = `ws://127.0.0.1:${server.get_uris()[0].get_port()}/ws`;
    const client = new Gaio.HttpClient();
    const ws = await client.websocket_connect(url, null);
    const cancelled = ws.receive();
    cancelled.cancel();
    ws.send_text('one');
    ws.send_binary(new GLib.Bytes(new Uint8Array([0, 255])));
    ws.send_text('close');
    const seen = [];
    for await (const message of ws)
        seen.push(message.is_text() ? message.get_text() : Array.from(message.get_data().toArray()));
    assertEqual(JSON.stringify(seen), JSON.stringify(['one', [0, 255]]));
    assertEqual(ws.get_close_code(), 4000);
    const error = await assertRejects(ws.receive());
    assert(error.matches(Gio.IOErrorEnum, Gio.IOErrorEnum.CLOSED), 'CLOSED');
    assert(error.message.includes(url) && error.message.includes('4000 (bye)'), error.message);
    server.disconnect();
});

test('HTTP request options: base URL, auth, params, form, multipart and JSON bodies', async () => {
    const server = new Soup.Server();
    server.add_handler(null, (srv, msg, path) => {
        const headers = msg.get_request_headers();
        const body = msg.get_request_body().flatten();
        const seen = {
            path, query: msg.get_uri().get_query(), type: headers.get_content_type()[0],
            authorization: headers.get_one('Authorization'),
        };
        if (path === '/api/form')
            seen.form = Soup.form_decode(new TextDecoder().decode(body.get_data()));
        if (path === '/api/multipart') {
            const multipart = Soup.Multipart.new_from_message(headers, body);
            seen.parts = [];
            for (let i = 0; i < multipart.get_length(); i++) {
                const [, partHeaders, partBody] = multipart.get_part(i);
                const params = partHeaders.get_content_disposition().at(-1);
                seen.parts.push([params.name, params.filename ?? null,
                    new TextDecoder().decode(partBody.get_data())]);
            }
        }
        if (path === '/api/json')
            seen.json = JSON.parse(new TextDecoder().decode(body.get_data()));
        msg.set_status(200, null);
        msg.set_response('application/json', Soup.MemoryUse.COPY,
            new TextEncoder().encode(JSON.stringify(seen)));
    });
    server.listen_local(0, Soup.ServerListenOptions.IPV4_ONLY);
    const base = `http://127.0.0.1:${server.get_uris()[0].get_port()}`;
    const client = new Gaio.HttpClient();
    client.set_base_url(`${base}/api`);
    client.set_bearer_token('tok3n');
    const send = async (method, url, options) =>
        JSON.parse((await client.send(method, url, options)).get_text());

    const query = new Gaio.HttpRequestOptions();
    query.add_query_param('q', 'x y');
    let seen = await send('GET', 'items?a=1', query);
    assertEqual(`${seen.path}?${seen.query}`, '/api/items?a=1&q=x+y');
    assertEqual(seen.authorization, 'Bearer tok3n');

    const form = new Gaio.HttpRequestOptions();
    form.add_form_field('name', 'Gaio & co');
    form.set_basic_auth('u', 'pw');
    seen = await send('POST', 'form', form);
    assertEqual(seen.type, 'application/x-www-form-urlencoded');
    assertEqual(seen.form.name, 'Gaio & co');
    assertEqual(seen.authorization, 'Basic dTpwdw==');

    const multipart = new Gaio.HttpRequestOptions();
    multipart.add_multipart_field('title', 'Hello');
    multipart.add_multipart_bytes('file', 'a.txt', 'text/plain', new GLib.Bytes(new TextEncoder().encode('data')));
    seen = await send('POST', 'multipart', multipart);
    assertEqual(JSON.stringify(seen.parts), JSON.stringify([['title', null, 'Hello'], ['file', 'a.txt', 'data']]));

    const json = new Gaio.HttpRequestOptions();
    json.set_body_json(Json.from_string('{"n": [1, 2]}'));
    seen = await send('POST', 'json', json);
    assertEqual(JSON.stringify(seen.json), '{"n":[1,2]}');

    try {
        await client.get('//evil.host/x');
        throw new Error('a scheme-relative URL was accepted');
    } catch (e) {
        assert(e instanceof GLib.Error && e.matches(Gaio.Error, Gaio.Error.INVALID_URL), `${e}`);
    }
    server.disconnect();
});

test('HTTP: version, metrics, and the trace signals in order', async () => {
    const server = new Soup.Server();
    server.add_handler(null, (srv, msg, path) => {
        if (path === '/redirect') {
            msg.set_redirect(302, '/hello');
        } else {
            msg.set_status(200, null);
            msg.set_response('text/plain', Soup.MemoryUse.COPY, new TextEncoder().encode('hello'));
        }
    });
    server.listen_local(0, Soup.ServerListenOptions.IPV4_ONLY);
    const base = `http://127.0.0.1:${server.get_uris()[0].get_port()}`;
    const client = new Gaio.HttpClient();
    const events = [];
    const requests = new Set();
    client.connect('request-queued', (c, request, method, url) => {
        requests.add(request);
        events.push(`queued ${method} ${url}`);
    });
    client.connect('request-started', (c, request, method, url) => events.push(`started ${url}`));
    client.connect('request-redirected', (c, request, status, from, to) =>
        events.push(`redirected ${status} ${from} ${to}`));
    client.connect('request-finished', (c, request, response, error) => {
        assert(requests.has(request), 'the request was queued');
        events.push(`finished ${response ? response.get_status() : error.message}`);
    });
    const future = client.get(`${base}/redirect`);
    assert(requests.has(future), 'the signals name the future');
    const response = await future;
    assertEqual(events.join('|'), [
        `queued GET ${base}/redirect`, `started ${base}/redirect`,
        `redirected 302 ${base}/redirect ${base}/hello`, 'finished 200',
    ].join('|'));
    assertEqual(response.get_http_version(), Soup.HTTPVersion.HTTP_1_1);
    assertEqual(response.http_version, Soup.HTTPVersion.HTTP_1_1);
    const m = response.metrics;
    const steps = [m.get_fetch_start(), m.get_request_start(), m.get_response_start(),
        m.get_response_end(), response.get_elapsed()];
    assert(steps.every((t, i) => t >= 0 && (i === 0 || t >= steps[i - 1])), `ordered: ${steps}`);
    assert(m.get_tls_end() < 0, 'no TLS over http');
    assert(m.get_bytes_received() > 5, 'bytes received');
    server.disconnect();
});

test('HttpClient.open: for await over response.chunks(n) and lines()', async () => {
    const body = new Uint8Array(300000).map((_, i) => i % 251);
    const server = new Soup.Server();
    server.add_handler(null, (srv, msg, path) => {
        msg.set_status(200, null);
        if (path === '/lines')
            msg.set_response('text/plain', Soup.MemoryUse.COPY, new TextEncoder().encode('a\nbb\r\nlast'));
        else
            msg.set_response('application/octet-stream', Soup.MemoryUse.COPY, body);
    });
    server.listen_local(0, Soup.ServerListenOptions.IPV4_ONLY);
    const base = `http://127.0.0.1:${server.get_uris()[0].get_port()}`;
    const client = new Gaio.HttpClient();

    const response = await client.open('GET', `${base}/big`, null);
    assertEqual(response.get_status(), 200);
    let received = 0;
    let intact = true;
    for await (const chunk of response.chunks(65536)) {
        const data = chunk.toArray();
        assert(data.length > 0 && data.length <= 65536, `chunk of ${data.length}`);
        intact &&= data.every((b, i) => b === body[received + i]);
        received += data.length;
    }
    assertEqual(received, body.length);
    assert(intact, 'the bytes arrive in order');

    const lines = [];
    for await (const line of (await client.open('GET', `${base}/lines`, null)).lines())
        lines.push(new TextDecoder().decode(line.toArray()));
    assertEqual(JSON.stringify(lines), JSON.stringify(['a\n', 'bb\r\n', 'last']));

    // Leaving the loop early closes the response.
    const early = await client.open('GET', `${base}/big`, null);
    for await (const chunk of early.chunks(1000)) // eslint-disable-line no-unused-vars
        break;
    const error = await assertRejects(early.read(10));
    assert(error.matches(Gio.IOErrorEnum, Gio.IOErrorEnum.CLOSED), error.message);
    server.disconnect();
});

test('TaskGroup.stop: children cancelled, the group ends without an error', async () => {
    const group = Gaio.TaskGroup.new();
    const sleeper = Gaio.sleep(10000);
    group.add(sleeper);
    group.stop();
    assertEqual(await group, undefined);
    assert(sleeper.is_cancelled(), 'the child was cancelled');
});

test('TaskGroup is a list model of its children that grows', async () => {
    const group = Gaio.TaskGroup.new();
    const rows = [];
    group.connect('items-changed', (model, position, removed, added) =>
        rows.push([position, removed, added]));
    const children = [0, 1].map(() => new Gaio.Future());
    children.forEach(child => group.add(child));
    assertEqual(JSON.stringify(rows), '[[0,0,1],[1,0,1]]');
    assertEqual(group.get_n_items(), 2);
    assert(group.get_item(1) === children[1], 'the rows are the children');
    children.forEach((child, i) => child.resolve_int(i));
    group.close();
    await group;
    assertEqual(group.get_n_items(), 2);
});

test('Queue.shutdown: a waiting get fails with QUEUE_SHUT_DOWN', async () => {
    const queue = Gaio.Queue.new(0);
    const get = queue.get();
    queue.shutdown(false);
    const error = await assertRejects(get);
    assert(error.matches(Gaio.Error, Gaio.Error.QUEUE_SHUT_DOWN), 'QUEUE_SHUT_DOWN');
    assert(queue.is_shut_down() && !queue.try_put(1), 'puts fail after shutdown');
});

test('a signal future resolves with the first argument; a predicate filters', async () => {
    const action = Gio.SimpleAction.new('go', new GLib.VariantType('i'));
    const next = Gaio.SignalFuture.new(action, 'activate');
    const even = Gaio.SignalFuture.new_full(action, 'activate',
        future => future.get_arg(0).unpack() % 2 === 0);
    for (const n of [3, 4])
        action.activate(GLib.Variant.new_int32(n));
    assertEqual((await next).unpack(), 3);
    assertEqual((await even).unpack(), 4);
    assertEqual(even.get_n_args(), 1);
});

test('a signal future rejects when its object is finalized', async () => {
    let action = Gio.SimpleAction.new('go', null);
    const future = Gaio.SignalFuture.new(action, 'activate');
    action = null;
    System.gc();
    const error = await assertRejects(future);
    assert(error.matches(Gio.IOErrorEnum, Gio.IOErrorEnum.CLOSED), 'CLOSED');
});

test('a property future waits for the value', async () => {
    const action = Gio.SimpleAction.new('go', null);
    const disabled = Gaio.SignalFuture.new_for_property(action, 'enabled', false);
    action.set_enabled(false);
    assertEqual(await disabled, false);
});

test('done-callbacks can be removed', async () => {
    const future = new Gaio.Future();
    let calls = 0;
    const id = future.add_done_callback(() => calls++);
    assert(future.remove_done_callback(id), 'removed');
    assert(!future.remove_done_callback(id), 'only once');
    future.resolve_int(1);
    await future;
    assertEqual(calls, 0);
});

test('gatherer counters: cancelled is not done work', async () => {
    const futures = [0, 1, 2, 3].map(() => new Gaio.Future());
    const gatherer = Gaio.Gatherer.new(Gaio.GatherMode.ALL_SETTLED, futures);
    const rows = [];
    gatherer.connect('items-changed', (model, position, removed, added) =>
        rows.push([position, added]));
    futures[0].resolve_int(0);
    futures[1].reject_literal(Gio.io_error_quark(), Gio.IOErrorEnum.FAILED, 'no');
    await new Promise(resolve => GLib.timeout_add(GLib.PRIORITY_DEFAULT, 10, resolve));
    assertEqual(JSON.stringify(rows), '[[0,2]]');
    gatherer.cancel();
    await assertRejects(gatherer);
    await new Promise(resolve => GLib.timeout_add(GLib.PRIORITY_DEFAULT, 10, resolve));
    assertEqual(gatherer.fraction, 0.5);
    assertEqual([gatherer.n_succeeded, gatherer.n_failed, gatherer.n_cancelled].join(), '1,1,2');
});

run();
