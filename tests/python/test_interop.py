# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""GIO _async/_finish pairs through Gaio.call_async, and Gaio futures
awaited from a standard asyncio event loop."""

import asyncio
import os
import time

import pytest
from gi.repository import Gaio, Gio, GLib


def test_call_async_finish_by_name(tmp_path):
    path = tmp_path / 'hello.txt'
    path.write_bytes(b'hello')
    gfile = Gio.File.new_for_path(str(path))

    async def main():
        return await Gaio.call_async(gfile.load_contents_async, None)
    ok, contents, etag = Gaio.run(main())
    assert ok and contents == b'hello'


def test_call_async_error_names_path(tmp_path):
    gfile = Gio.File.new_for_path(str(tmp_path / 'missing'))

    async def main():
        await Gaio.call_async(gfile.load_contents_async, None)
    with pytest.raises(GLib.Error) as info:
        Gaio.run(main())
    assert info.value.matches(Gio.io_error_quark(), Gio.IOErrorEnum.NOT_FOUND)
    assert 'missing' in info.value.message


def test_call_async_explicit_finish_and_cancel(tmp_path):
    async def main():
        stream = Gio.MemoryInputStream.new_from_data(b'abc')
        data = await Gaio.call_async(stream.read_bytes_async, 3, GLib.PRIORITY_DEFAULT, None,
                                     finish=stream.read_bytes_finish)
        # A cancelled call: its cancellable is the future's, so the GIO
        # operation itself ends with G_IO_ERROR_CANCELLED. An accept with
        # no client cannot finish by itself.
        listener = Gio.SocketListener.new()
        listener.add_any_inet_port(None)
        errors = []

        def accept_finish(result):
            try:
                return listener.accept_finish(result)
            except GLib.Error as error:
                errors.append(error)
                raise
        future = Gaio.call_async(listener.accept_async, None, finish=accept_finish)
        await Gaio.sleep(0.005)
        future.cancel()
        for _ in range(200):
            if errors:
                break
            await Gaio.sleep(0.005)
        listener.close()
        return data.get_data(), future, errors
    data, future, errors = Gaio.run(main())
    assert data == b'abc' and future.cancelled()
    assert len(errors) == 1 and errors[0].matches(Gio.io_error_quark(), Gio.IOErrorEnum.CANCELLED)


def test_wait_async_pair_from_python():
    async def main():
        future = Gaio.Future()
        future.set_result('via wait_async')
        return await Gaio.call_async(future.wait_async, None)
    assert Gaio.run(main()) == 'via wait_async'


def test_gaio_future_awaited_from_asyncio():
    async def main():
        sleep = Gaio.sleep(0.01, 'slept')          # a coroutine: asyncio runs it
        c_future = Gaio.timeout_future(Gaio.Future(), 10)  # a C future
        py_future = Gaio.Future()
        asyncio.get_running_loop().call_later(0.005, py_future.set_result, 'set')
        value = await sleep
        with pytest.raises(TimeoutError):
            await c_future
        return value, await py_future, await asyncio.sleep(0, 'asyncio')
    assert asyncio.run(main()) == ('slept', 'set', 'asyncio')


def test_gaio_task_and_gather_under_asyncio():
    async def work(n):
        await Gaio.sleep(0.001)
        return n

    async def main():
        task = Gaio.create_task(work(1))
        both = await Gaio.gather(task, work(2), asyncio.ensure_future(asyncio.sleep(0, 3)))
        return both
    # Under an asyncio loop, Gaio tasks may await asyncio futures too.
    assert asyncio.run(main()) == [1, 2, 3]

    async def main_gaio_only():
        return await Gaio.gather(Gaio.create_task(work(1)), work(2))
    assert asyncio.run(main_gaio_only()) == [1, 2]


def test_asyncio_cancel_of_awaited_gaio_future():
    async def wait(future):
        return await future

    async def main():
        c = Gaio.timeout_future(Gaio.Future(), 10000)   # a C future, pending 10 s
        task = asyncio.ensure_future(wait(c))
        await asyncio.sleep(0.005)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        return c
    start = time.monotonic()
    c = asyncio.run(main())
    # The cancellation reached the Gaio future, not just the asyncio task.
    assert c.cancelled()
    assert time.monotonic() - start < 1


@pytest.mark.skipif(not os.path.exists('/etc/hostname'), reason='needs a file to read')
def test_call_async_module_function():
    async def main():
        return await Gaio.call_async(Gio.File.new_for_path('/etc/hostname').query_info_async,
                                     'standard::size', Gio.FileQueryInfoFlags.NONE,
                                     GLib.PRIORITY_DEFAULT, None)
    info = Gaio.run(main())
    assert info.get_size() >= 0


def test_gaio_run_refused_inside_asyncio():
    async def main():
        coro = Gaio.sleep(0)
        try:
            with pytest.raises(RuntimeError):
                Gaio.run(coro)
        finally:
            coro.close()
    asyncio.run(main())
