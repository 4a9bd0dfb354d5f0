# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""Gaio.EventLoop is asyncio: the asyncio ecosystem (aiohttp, streams,
subprocesses, signals) runs under Gaio.run() and inside a running
Gio.Application, and C futures are awaited on any loop without polling."""

import asyncio
import os
import resource
import signal
import sys

import pytest
from gi.repository import Gaio, GLib, Gio

try:
    import aiohttp
    import aiohttp.web
except ImportError:     # dev.sh installs python3-aiohttp
    aiohttp = None

needs_aiohttp = pytest.mark.skipif(aiohttp is None, reason='python3-aiohttp is not installed')


async def _echo_server():
    async def handle(reader, writer):
        line = await reader.readline()
        writer.write(line.upper())
        await writer.drain()
        writer.close()
    server = await asyncio.start_server(handle, '127.0.0.1', 0)
    return server, server.sockets[0].getsockname()[1]


async def streams_subprocess_signal():
    """Streams, a subprocess and a signal handler; returns what each gave."""
    loop = asyncio.get_running_loop()
    assert isinstance(loop, Gaio.EventLoop)
    server, port = await _echo_server()
    reader, writer = await asyncio.open_connection('127.0.0.1', port)
    writer.write(b'hello\n')
    echoed = await reader.readline()
    writer.close()
    server.close()
    await server.wait_closed()
    proc = await asyncio.create_subprocess_exec(sys.executable, '-c', 'print(6 * 7)',
                                                stdout=asyncio.subprocess.PIPE)
    out, _ = await proc.communicate()
    got = loop.create_future()
    loop.add_signal_handler(signal.SIGUSR1, got.set_result, 'SIGUSR1')
    try:
        os.kill(os.getpid(), signal.SIGUSR1)
        caught = await asyncio.wait_for(got, 10)
    finally:
        loop.remove_signal_handler(signal.SIGUSR1)
    return echoed, out.strip(), proc.returncode, caught


async def aiohttp_get_post():
    async def hello(request):
        return aiohttp.web.Response(text='hello ' + request.query.get('who', ''))

    async def echo(request):
        return aiohttp.web.json_response({'got': await request.json()})

    app = aiohttp.web.Application()
    app.router.add_get('/hello', hello)
    app.router.add_post('/echo', echo)
    runner = aiohttp.web.AppRunner(app)
    await runner.setup()
    site = aiohttp.web.TCPSite(runner, '127.0.0.1', 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    try:
        async with aiohttp.ClientSession() as session:
            async with session.get('http://127.0.0.1:%d/hello?who=gaio' % port) as response:
                text = await response.text()
            async with session.post('http://127.0.0.1:%d/echo' % port, json=[1, 2]) as response:
                posted = await response.json()
    finally:
        await runner.cleanup()
    return text, posted


EXPECTED_OS = (b'HELLO\n', b'42', 0, 'SIGUSR1')


def test_streams_subprocess_signal_under_run():
    assert Gaio.run(streams_subprocess_signal()) == EXPECTED_OS


@needs_aiohttp
def test_aiohttp_under_run():
    assert Gaio.run(aiohttp_get_post()) == ('hello gaio', {'got': [1, 2]})


def test_run_is_asyncio_run():
    async def main():
        async def agen():
            try:
                yield 1
            finally:
                finalized.append(True)
        finalized = []
        async for _ in agen():
            break
        await asyncio.sleep(0)
        return asyncio.get_running_loop(), finalized
    loop, finalized = Gaio.run(main())
    assert isinstance(loop, Gaio.EventLoop) and loop.is_closed()
    assert asyncio.Runner is not Gaio.Runner and issubclass(Gaio.Runner, asyncio.Runner)
    with Gaio.Runner() as runner:
        assert isinstance(runner.get_loop(), Gaio.EventLoop)


def test_policy_makes_gaio_loops():
    old = asyncio.get_event_loop_policy()
    asyncio.set_event_loop_policy(Gaio.EventLoopPolicy())
    try:
        loop = asyncio.new_event_loop()
        assert isinstance(loop, Gaio.EventLoop)
        loop.close()
    finally:
        asyncio.set_event_loop_policy(old)


def test_glib_sources_run_inside_the_loop():
    async def main():
        fired = asyncio.get_running_loop().create_future()
        GLib.timeout_add(5, lambda: fired.set_result('glib') and False)
        return await fired
    assert Gaio.run(main()) == 'glib'


def _in_application(body):
    """Runs @body() from a Gio.Application's activate, with the loop
    attached to the application's main loop (no Gaio.run)."""
    app = Gio.Application(application_id='org.gaio.Test%d' % os.getpid(),
                          flags=Gio.ApplicationFlags.NON_UNIQUE)
    results = {}

    def activate(app):
        assert asyncio.get_running_loop() is not None

        async def run():
            results['value'] = await body()
        Gaio.hold_task(app, run())
    app.connect('activate', activate)
    status = Gaio.run_application(app, [])
    assert status == 0
    return results['value']


def test_asyncio_inside_gio_application():
    assert _in_application(streams_subprocess_signal) == EXPECTED_OS


@needs_aiohttp
def test_aiohttp_inside_gio_application():
    assert _in_application(aiohttp_get_post) == ('hello gaio', {'got': [1, 2]})


def test_application_shutdown_cancels_held_tasks():
    app = Gio.Application(application_id='org.gaio.Cancel%d' % os.getpid(),
                          flags=Gio.ApplicationFlags.NON_UNIQUE)
    seen = []

    async def forever():
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            seen.append('cancelled')
            raise

    def activate(app):
        Gaio.hold_task(app, forever(), name='forever')
        GLib.timeout_add(10, lambda: app.quit() and False)
    app.connect('activate', activate)
    Gaio.run_application(app, [])
    assert seen == ['cancelled']


def test_attached_loop_in_glib_mainloop():
    loop = Gaio.attach()
    main = GLib.MainLoop()
    out = []

    async def work():
        await asyncio.sleep(0.01)
        out.append('slept')
        out.append(await Gaio.timeout_future(Gaio.sleep(0.001), 5000) is None)
        main.quit()
    GLib.idle_add(lambda: asyncio.get_running_loop().create_task(work()) and False)
    main.run()
    loop.close()
    assert out == ['slept', True]
    assert asyncio._get_running_loop() is None


def _cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


@pytest.mark.parametrize('runner', ['asyncio', 'gaio'])
def test_c_future_awaited_idle_does_not_poll(runner):
    # A bound on CPU, not a timing: awaiting a 2 s C sleep burnt 3-7 % of
    # a core with the old 1 ms pump; watching GLib's descriptors costs
    # nothing while idle.
    async def main():
        before = _cpu()
        await _c_sleep(2000)      # gaio_sleep(): a C future
        return _cpu() - before
    spent = (asyncio.run if runner == 'asyncio' else Gaio.run)(main())
    assert spent < 0.04, spent


def _c_sleep(ms):
    from gi.module import get_introspection_module
    return get_introspection_module('Gaio').sleep(ms)


def test_c_future_from_a_thread_wakes_the_default_loop():
    async def main():
        future = Gaio.Future()
        loop = asyncio.get_running_loop()
        loop.call_later(0.01, lambda: loop.run_in_executor(None, future.set_result, 'thread'))
        return await asyncio.wait_for(future, 10)
    assert asyncio.run(main()) == 'thread'


@pytest.mark.parametrize('runner', ['asyncio', 'gaio'])
def test_c_gatherer_takes_asyncio_tasks_and_cancels_them(runner):
    async def main():
        async def slow():
            await asyncio.sleep(3600)
        task = asyncio.create_task(slow(), name='slow-one')
        gatherer = Gaio.Gatherer.new(Gaio.GatherMode.ALL, [task, asyncio.sleep(0.001, 'x')])
        await asyncio.sleep(0.01)
        gatherer.cancel()
        with pytest.raises(asyncio.CancelledError):
            await gatherer
        await asyncio.sleep(0)
        return task
    task = (asyncio.run if runner == 'asyncio' else Gaio.run)(main())
    assert task.cancelled()


def test_cancelling_the_asyncio_side_cancels_the_c_side():
    async def main():
        task = asyncio.create_task(asyncio.sleep(3600))
        c_side = Gaio.to_gaio(task)
        assert c_side.get_name() == task.get_name()
        await asyncio.sleep(0)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await c_side
        return c_side
    assert Gaio.run(main()).get_state() == Gaio.FutureState.CANCELLED


def test_task_dump_lists_asyncio_tasks():
    async def main():
        task = asyncio.create_task(asyncio.sleep(1), name='listed-task')
        await asyncio.sleep(0)
        text = Gaio.Task.dump_live()
        task.cancel()
        return text
    assert 'listed-task' in Gaio.run(main())


def test_timeout_is_asyncio_timeout_and_c_timeout_is_timeout_future():
    assert Gaio.timeout is asyncio.timeout and Gaio.gather is asyncio.gather

    async def main():
        with pytest.raises(TimeoutError):
            async with Gaio.timeout(0.01):
                await Gaio.Future()
        with pytest.raises(TimeoutError):
            await Gaio.timeout_future(Gaio.Future(), 10)
    Gaio.run(main())
