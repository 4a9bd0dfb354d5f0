// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright 2026 The Gaio authors
//
// GJS override for Gaio: futures become thenables, so `await future`,
// Promise.all([...futures]), Promise.allSettled() and async functions
// returning futures work; Gaio.Future.wait_async is promisified (other
// _async/_finish pairs take Gio._promisify like any GIO pair).
//
// The C library never exposes a method called `then` (GJS would treat every
// such object as a thenable and loop forever on it); this JS-side `then` is
// the one GJS sees. See doc/bindings.md.

const {GLib, Gio} = imports.gi;

let Gaio;

function _errorFor(future) {
    // get_error() also marks the error retrieved, so finalizing the future
    // does not warn about a lost error. Called through Gaio.Future's own
    // method so that no subclass method of the same name can intercept it.
    const error = Gaio.Future.prototype.get_error.call(future);
    return error ?? new GLib.Error(Gaio.Error, Gaio.Error.FAILED,
        'The future settled without an error');
}

function _valueOf(future) {
    const value = Gaio.Future.prototype.get_value.call(future);
    return value === null ? undefined : value;
}

// Settles through a promise whose callbacks GLib's done-callback resolves,
// so continuations run on the future's owner context, never synchronously.
function _promiseOf(future) {
    return new Promise((resolve, reject) => {
        future.add_done_callback(settled => {
            if (settled.get_state() === Gaio.FutureState.RESOLVED)
                resolve(_valueOf(settled));
            else
                reject(_errorFor(settled));
        });
    });
}

function _init() {
    // First: the C library checks for this quark when Gaio.Future's type is
    // registered, and warns that the override is missing without it.
    GLib.quark_from_string('gaio-gjs-override');
    Gaio = this;

    const proto = Gaio.Future.prototype;

    Object.defineProperty(proto, 'then', {
        configurable: true,
        writable: true,
        value(onFulfilled, onRejected) {
            return _promiseOf(this).then(onFulfilled, onRejected);
        },
    });
    Object.defineProperty(proto, 'catch', {
        configurable: true,
        writable: true,
        value(onRejected) {
            return _promiseOf(this).then(undefined, onRejected);
        },
    });
    Object.defineProperty(proto, 'finally', {
        configurable: true,
        writable: true,
        value(onFinally) {
            return _promiseOf(this).finally(onFinally);
        },
    });

    // The asyncio-flavoured names, shared with the Python override.
    proto.done = function () {
        return this.is_done();
    };
    proto.cancelled = function () {
        return this.is_cancelled();
    };
    proto.result = function () {
        const state = this.get_state();
        if (state === Gaio.FutureState.RESOLVED)
            return _valueOf(this);
        if (state === Gaio.FutureState.PENDING)
            throw new GLib.Error(Gaio.Error, Gaio.Error.FAILED, 'The future has not settled yet');
        throw _errorFor(this);
    };

    // Future.wait_async, awaitable without a callback:
    // `await future.wait_async(cancellable)`. The other _async/_finish pairs
    // are not promisified here; apply Gio._promisify to the ones you use.
    Gio._promisify(proto, 'wait_async', 'wait_finish');

    // Gaio.fromPromise(promise, name): a future settled by a JS promise, so
    // JS work joins C gatherers and timeouts.
    Gaio.fromPromise = function (promise, name = null) {
        const future = new Gaio.Future();
        if (name !== null)
            future.set_name(name);
        return _settleFrom(future, promise, 'Gaio.fromPromise');
    };

    // Gaio.run(awaitable): iterates the main context until a future, a
    // promise (an async function's result) or a thenable settles, then
    // returns its value or throws its error, as Python's Gaio.run(main()).
    const runFuture = Gaio.run;
    Gaio.run = function (awaitable) {
        const future = awaitable instanceof Gaio.Future ? awaitable : Gaio.fromPromise(awaitable);
        const value = runFuture(future);
        return value === null ? undefined : value;
    };

    // Gaio.createTask(name, async cancellable => ...): runs an async function
    // as a named bare Gaio.Task, so C code (gatherers, timeouts, task groups,
    // Gaio.Task.dump_live()) sees it like any task. Cancelling the task
    // cancels `cancellable`, which the body passes to its waits (see
    // Gaio.awaitFuture) to stop at its pending await; the task settles when
    // the body has finished, as cancelled if it ended with
    // G_IO_ERROR_CANCELLED.
    Gaio.createTask = function (name, asyncFunction) {
        const task = Gaio.Task.new(name);
        const cancellable = task.get_cancellable();
        _taskOfCancellable.set(cancellable, task);
        let result;
        try {
            result = asyncFunction(cancellable, task);
        } catch (error) {
            result = Promise.reject(error);
        }
        return _settleFrom(task, result);
    };

    // Gaio.gather(futures, {returnErrors}): a GaioGatherer in ALL mode as a
    // promise of the values in order. The first error rejects and leaves
    // the futures still pending running (asyncio's rule, in every language)
    // unless returnErrors, which puts each GLib.Error in its slot instead. JS
    // promises (and plain values) join through Gaio.fromPromise.
    Gaio.gather = async function (awaitables, {returnErrors = false} = {}) {
        const futures = awaitables.map(a => a instanceof Gaio.Future ? a : Gaio.fromPromise(a));
        const gatherer = Gaio.Gatherer.new(Gaio.GatherMode.ALL, futures);
        gatherer.set_return_errors(returnErrors);
        await gatherer;
        const results = [];
        for (let i = 0; i < futures.length; i++) {
            const error = gatherer.get_error_at(i);
            results.push(error ?? _valueOf(futures[i]));
        }
        return results;
    };

    // Gaio.awaitFuture(future, cancellable): waits for a future, ending early with
    // G_IO_ERROR_CANCELLED when cancellable fires (the wait stops, and the
    // future is cancelled too, as asyncio does for the awaited future).
    // With the cancellable of a createTask() task, the task graph
    // (Gaio.Task.dump_graph()) shows the task awaiting the future, under
    // its JS stack when GAIO_DEBUG has `tasks` (capturing one costs).
    Gaio.awaitFuture = async function (future, cancellable = null) {
        if (cancellable === null)
            return future;
        const task = _taskOfCancellable.get(cancellable);
        const id = cancellable.connect(() => future.cancel());
        if (task)
            task.set_await_chain(_stackFrames ? _framesOf(new Error().stack) : null, [future]);
        try {
            return await future;
        } finally {
            cancellable.disconnect(id);
            if (task)
                task.set_await_chain(null, []);
        }
    };

    // for await (const chunk of response.chunks(n)): read(n) in turn, each
    // chunk a GLib.Bytes of at most n bytes, until the end of the body;
    // response.lines(n) the same by read_line(n). Leaving the loop early
    // (break, throw) closes the response.
    if (Gaio.HttpResponse) {
        const iterate = async function* (response, read) {
            let ended = false;
            try {
                for (;;) {
                    const bytes = await read();
                    if (bytes.get_size() === 0) {
                        ended = true;
                        return;
                    }
                    yield bytes;
                }
            } finally {
                if (!ended)
                    response.close();
            }
        };
        Gaio.HttpResponse.prototype.chunks = function (n = 65536) {
            return iterate(this, () => this.read(n));
        };
        Gaio.HttpResponse.prototype.lines = function (n = 65536) {
            return iterate(this, () => this.read_line(n));
        };
    }

    // for await (const message of ws): receive() in turn; the closing
    // handshake (G_IO_ERROR_CLOSED) ends the loop, other failures throw.
    if (Gaio.WebSocket) {
        Gaio.WebSocket.prototype[Symbol.asyncIterator] = async function* () {
            for (;;) {
                let message;
                try {
                    message = await this.receive();
                } catch (error) {
                    if (error instanceof GLib.Error && error.matches(Gio.IOErrorEnum, Gio.IOErrorEnum.CLOSED))
                        return;
                    throw error;
                }
                yield message;
            }
        };
    }
}

// The createTask() task each cancellable belongs to, for the task graph.
const _taskOfCancellable = new WeakMap();
const _stackFrames = /tasks|all/.test(GLib.getenv('GAIO_DEBUG') ?? '');

// A JS stack (`async*outer@file.js:2:32` lines, innermost first) as the
// task graph's frames: outermost first, `outer file.js:2`, without this
// file's own frames.
function _framesOf(stack) {
    return stack.split('\n')
        .filter(line => line !== '' && !line.includes('overrides/Gaio.js'))
        .map(line => {
            const match = /^(?:async\*)?(.*)@(.*):(\d+):\d+$/.exec(line);
            if (match === null)
                return line;
            return `${match[1] || '<anonymous>'} ${GLib.path_get_basename(match[2])}:${match[3]}`;
        })
        .reverse();
}

// Settles @future as @promise does (unless it settled already, e.g. by
// cancellation); returns @future. With @label, an error the promise
// rejects with after that (other than a cancellation) is logged, not lost.
function _settleFrom(future, promise, label = null) {
    Promise.resolve(promise).then(value => {
        if (future.is_done())
            return;
        try {
            future.resolve(value === undefined ? null : value);
        } catch (error) {
            // A value GJS cannot put in a GValue (an Array, say): the
            // future must still settle, with the conversion error.
            if (!future.is_done())
                future.reject(_toGError(error));
        }
    }, error => {
        if (!future.is_done())
            future.reject(_toGError(error));
        else if (label !== null && !_isCancellation(error))
            logError(error, `${label}: promise rejected after its future settled`);
    });
    return future;
}

function _isCancellation(error) {
    return error instanceof GLib.Error && error.matches(Gio.IOErrorEnum, Gio.IOErrorEnum.CANCELLED);
}

function _toGError(error) {
    if (error instanceof GLib.Error)
        return error;
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return new GLib.Error(Gaio.Error, Gaio.Error.FAILED, message);
}
