// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright 2026 The Gaio authors
//
// TypeScript types for what the GJS override (overrides/Gaio.js) adds to the
// introspected API, merged into the definitions ts-for-gir generates from
// Gaio-1.0.gir (gaio-1.0.d.ts, which sits beside this file). Hand-written:
// the GIR does not know the override.

import Gaio from './gaio-1.0.js';
import type Gio from './gio-2.0.js';
import type GLib from './glib-2.0.js';

declare module './gaio-1.0.js' {
    namespace Gaio {
        // Every future is a thenable: `await future`, Promise.all([...]).
        interface Future extends PromiseLike<any> {
            then<R1 = any, R2 = never>(
                onFulfilled?: ((value: any) => R1 | PromiseLike<R1>) | null,
                onRejected?: ((reason: GLib.Error) => R2 | PromiseLike<R2>) | null,
            ): Promise<R1 | R2>;
            catch<R = never>(onRejected?: ((reason: GLib.Error) => R | PromiseLike<R>) | null): Promise<any>;
            finally(onFinally?: (() => void) | null): Promise<any>;
            /** asyncio's names, as in Python. */
            done(): boolean;
            cancelled(): boolean;
            /** The value; throws the error, or while pending. */
            result(): any;
            wait_async(cancellable?: Gio.Cancellable | null): Promise<boolean>;
        }

        interface HttpResponse {
            /** The body in chunks of at most `n` bytes (65536), until its end; leaving early closes it. */
            chunks(n?: number): AsyncGenerator<GLib.Bytes, void, undefined>;
            /** The body by lines, endings kept, as read_line(n); leaving early closes it. */
            lines(n?: number): AsyncGenerator<GLib.Bytes, void, undefined>;
        }

        /** A future settled by a JS promise, so JS work joins C gatherers and timeouts. */
        function fromPromise<T>(promise: PromiseLike<T> | T, name?: string | null): Future;

        /**
         * Runs an async function as a named Gaio.Task; cancelling the task
         * cancels `cancellable`.
         */
        function createTask(name: string,
            asyncFunction: (cancellable: Gio.Cancellable, task: Task) => PromiseLike<unknown> | unknown): Task;

        /** A gatherer in ALL mode as a promise of the values in order. */
        function gather(awaitables: Array<Future | PromiseLike<unknown> | unknown>,
            options?: {returnErrors?: boolean}): Promise<any[]>;

        /** Waits for `future`; cancelling `cancellable` cancels the wait and the future. */
        function awaitFuture(future: Future, cancellable?: Gio.Cancellable | null): Promise<any>;

        /** Iterates the main context until the future or promise settles; returns its value. */
        function run<T>(awaitable: PromiseLike<T>): T;
    }
}
