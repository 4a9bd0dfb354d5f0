# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""The asyncio ecosystem on Gaio's event loop: aiohttp (client and server),
streams, subprocesses, signal handlers, to_thread, wait_for and
getaddrinfo, under Gaio.run() and inside a Gio.Application whose
`activate` handler starts them, with no Gaio.run(). Then Gaio's C futures
on loops that are not Gaio's: asyncio's default loop, idle without
polling, and PyGObject's gi.events where it exists (3.50+)."""

import asyncio
import os
import signal
import socket
import sys
import threading
import time

import pytest
from gi.module import get_introspection_module
from gi.repository import Gaio, Gio, GLib

aiohttp = pytest.importorskip('aiohttp')
from aiohttp import web  # noqa: E402

# gaio_sleep() itself: the override's Gaio.sleep is asyncio.sleep.
c_sleep = get_introspection_module('Gaio').sleep

SCENARIOS = {}


def scenario(fn):
    SCENARIOS[fn.__name__] = fn
    return fn


def assert_on_gaio_loop():
    loop = asyncio.get_running_loop()
    assert isinstance(loop, Gaio.EventLoop), loop
    return loop


async def aiohttp_server(handlers):
    """An aiohttp server on 127.0.0.1, port chosen by the OS, on the
    running loop. Returns (runner, base URL)."""
    app = web.Application()
    for method, path, handler in handlers:
        app.router.add_route(method, path, handler)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, '127.0.0.1', 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    return runner, 'http://127.0.0.1:%d' % port


async def hello(request):
    return web.Response(text='hello from %s' % type(asyncio.get_running_loop()).__name__)


async def echo(request):
    body = await request.json()
    return web.json_response({'echo': body, 'method': request.method})


@scenario
async def aiohttp_get_and_post():
    assert_on_gaio_loop()
    runner, base = await aiohttp_server([('GET', '/hello', hello), ('POST', '/echo', echo)])
    try:
        # A total timeout: aiohttp's timer needs a current task on the loop.
        timeout = aiohttp.ClientTimeout(total=30)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            async with session.get(base + '/hello') as response:
                assert response.status == 200
                assert await response.text() == 'hello from EventLoop'
            payload = {'n': 42, 'words': ['a', 'b']}
            async with session.post(base + '/echo', json=payload) as response:
                assert response.status == 200
                assert await response.json() == {'echo': payload, 'method': 'POST'}
        # Gaio's libsoup client against the aiohttp server, same loop.
        async with Gaio.HttpClient(timeout=30) as client:
            response = await client.get(base + '/hello')
            assert response.status == 200
            assert response.text() == 'hello from EventLoop'
    finally:
        await runner.cleanup()


@scenario
async def streams_echo():
    assert_on_gaio_loop()

    async def serve(reader, writer):
        while line := await reader.readline():
            writer.write(line.upper())
            await writer.drain()
        writer.close()
        await writer.wait_closed()

    server = await asyncio.start_server(serve, '127.0.0.1', 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        reader, writer = await asyncio.open_connection('127.0.0.1', port)
        for word in (b'one\n', b'two\n', b'x' * 60000 + b'\n'):  # under the 64 KiB line limit
            writer.write(word)
            await writer.drain()
            assert await reader.readline() == word.upper()
        writer.write_eof()
        assert await reader.read() == b''
        writer.close()
        await writer.wait_closed()


@scenario
async def subprocess_exec():
    assert_on_gaio_loop()
    process = await asyncio.create_subprocess_exec(
        '/bin/sh', '-c', 'read line; echo "got $line"; echo oops >&2; exit 3',
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE)
    out, err = await process.communicate(b'ping\n')
    assert (out, err, process.returncode) == (b'got ping\n', b'oops\n', 3)


@scenario
async def signal_handler():
    loop = assert_on_gaio_loop()
    received = loop.create_future()
    loop.add_signal_handler(signal.SIGUSR1, received.set_result, 'usr1')
    try:
        os.kill(os.getpid(), signal.SIGUSR1)
        assert await asyncio.wait_for(received, 30) == 'usr1'
    finally:
        assert loop.remove_signal_handler(signal.SIGUSR1)


@scenario
async def to_thread():
    assert_on_gaio_loop()
    main = threading.get_ident()
    ident = await asyncio.to_thread(threading.get_ident)
    assert ident != main
    # The default executor also runs plain callables.
    loop = asyncio.get_running_loop()
    assert await loop.run_in_executor(None, sum, [1, 2, 3]) == 6


@scenario
async def wait_for_timeout():
    assert_on_gaio_loop()
    cancelled = asyncio.Event()

    async def slow():
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            cancelled.set()
            raise

    with pytest.raises(asyncio.TimeoutError):
        await asyncio.wait_for(slow(), 0.05)
    # wait_for returns only once the inner task has been cancelled.
    assert cancelled.is_set()
    assert await asyncio.wait_for(asyncio.sleep(0, 'done'), 30) == 'done'
    # A Gaio C future under wait_for: cancelled on timeout as well.
    sleeping = c_sleep(3600 * 1000)
    with pytest.raises(asyncio.TimeoutError):
        await asyncio.wait_for(sleeping, 0.05)
    assert sleeping.cancelled()


@scenario
async def getaddrinfo():
    loop = assert_on_gaio_loop()
    infos = await loop.getaddrinfo('localhost', 80, type=socket.SOCK_STREAM)
    assert infos
    assert all(info[4][1] == 80 for info in infos)
    assert {info[0] for info in infos} <= {socket.AF_INET, socket.AF_INET6}
    host, port = await loop.getnameinfo(('127.0.0.1', 80), socket.NI_NUMERICHOST | socket.NI_NUMERICSERV)
    assert (host, port) == ('127.0.0.1', '80')


@pytest.mark.parametrize('name', SCENARIOS)
def test_under_gaio_run(name):
    Gaio.run(SCENARIOS[name]())


def run_in_application(coroutine_function, start):
    """Runs a scenario as a task started from a Gio.Application's
    `activate` handler (a plain GLib signal handler), the application run
    by @start. Returns the task."""
    app = Gio.Application(flags=Gio.ApplicationFlags.NON_UNIQUE)
    tasks = []

    def on_activate(app):
        # Plain asyncio in a GLib signal handler: the loop is running.
        asyncio.get_running_loop()
        tasks.append(Gaio.hold_task(app, coroutine_function(), name='scenario'))

    app.connect('activate', on_activate)
    assert start(app) == 0
    assert len(tasks) == 1
    return tasks[0]


def start_with_run_application(app):
    return Gaio.run_application(app, [])


def start_with_attach(app):
    """Gio.Application.run() called by hand, with the loop attached."""
    loop = Gaio.attach()
    try:
        return app.run([])
    finally:
        loop.close()


@pytest.mark.parametrize('start', [start_with_run_application, start_with_attach],
                         ids=['run_application', 'attach'])
@pytest.mark.parametrize('name', SCENARIOS)
def test_in_application(name, start):
    task = run_in_application(SCENARIOS[name], start)
    assert task.done()
    task.result()
    assert asyncio._get_running_loop() is None


def test_application_cancels_held_task_at_shutdown():
    started = []

    async def forever():
        started.append(True)
        await asyncio.sleep(3600)

    def on_activate(app):
        task = Gaio.hold_task(app, forever())
        tasks.append(task)
        # Quit once the task runs; the shutdown cancels it.
        asyncio.get_running_loop().call_soon(app.quit)

    tasks = []
    app = Gio.Application(flags=Gio.ApplicationFlags.NON_UNIQUE)
    app.connect('activate', on_activate)
    assert Gaio.run_application(app, []) == 0
    assert started == [True]
    assert tasks[0].cancelled()


# Gaio's C futures on loops that are not Gaio's ----------------------------

IDLE_SECONDS = 3
IDLE_CPU_BOUND = 0.05  # seconds of CPU over the whole wait: no polling


async def idle_cpu_of_c_sleep():
    """CPU seconds this process burnt awaiting a gaio_sleep() of
    IDLE_SECONDS (CPU time, not wall time: the bound holds on a busy
    machine), and the wall seconds it took."""
    sleeping = c_sleep(IDLE_SECONDS * 1000)
    cpu, wall = time.process_time(), time.monotonic()
    await sleeping
    return time.process_time() - cpu, time.monotonic() - wall


def test_c_future_idle_under_default_loop():
    """A Gaio sleep awaited under asyncio's own loop: the loop watches
    GLib's descriptors and timeout, so it sleeps until GLib has work."""
    loop = asyncio.new_event_loop()
    try:
        assert not isinstance(loop, Gaio.EventLoop)
        cpu, wall = loop.run_until_complete(idle_cpu_of_c_sleep())
    finally:
        loop.close()
    assert wall >= IDLE_SECONDS - 0.01
    assert cpu < IDLE_CPU_BOUND, 'burnt %.3f s of CPU in %.1f s idle' % (cpu, wall)


def test_c_future_idle_under_gaio_loop():
    cpu, wall = Gaio.run(idle_cpu_of_c_sleep())
    assert wall >= IDLE_SECONDS - 0.01
    assert cpu < IDLE_CPU_BOUND, 'burnt %.3f s of CPU in %.1f s idle' % (cpu, wall)


def test_c_future_and_task_under_default_loop():
    async def main():
        future = Gaio.Future()
        asyncio.get_running_loop().call_later(0.01, future.set_result, 'from asyncio')
        first = await future
        # A C future resolved from a GLib timeout, no asyncio involved.
        other = Gaio.Future()

        def resolve():
            other.set_result('from GLib')
            return GLib.SOURCE_REMOVE

        GLib.timeout_add(10, resolve)
        results = await asyncio.gather(other, c_sleep(10), asyncio.sleep(0.01, 'asyncio'))
        return first, results

    assert asyncio.run(main()) == ('from asyncio', ['from GLib', None, 'asyncio'])


def gi_events():
    try:
        import gi.events
    except ImportError:
        pytest.skip('PyGObject %s has no gi.events (3.50+)'
                    % '.'.join(map(str, __import__('gi').version_info)))
    return gi.events


def run_on_gi_events(coroutine_function):
    """Runs @coroutine_function on PyGObject's own GLib loop, the way its
    docs say."""
    events = gi_events()
    old_policy = asyncio.get_event_loop_policy()
    asyncio.set_event_loop_policy(events.GLibEventLoopPolicy())
    try:
        loop = asyncio.get_event_loop()
        assert type(loop).__module__.startswith('gi.events')
        return loop.run_until_complete(coroutine_function())
    finally:
        asyncio.set_event_loop_policy(old_policy)


def test_c_future_on_gi_events():
    async def main():
        future = Gaio.Future()
        asyncio.get_running_loop().call_later(0.01, future.set_result, 'resolved')
        return await asyncio.gather(future, c_sleep(10))

    assert run_on_gi_events(main) == ['resolved', None]


def test_c_future_idle_on_gi_events():
    cpu, wall = run_on_gi_events(idle_cpu_of_c_sleep)
    assert wall >= IDLE_SECONDS - 0.01
    assert cpu < IDLE_CPU_BOUND, 'burnt %.3f s of CPU in %.1f s idle' % (cpu, wall)


def test_pygobject_awaitable_async_calls_under_gaio_run(tmp_path):
    """PyGObject 3.50+ makes a GIO _async call made without a callback
    awaitable; under Gaio.run() it must give the finish() result."""
    gi_events()  # the awaitable calls came with gi.events
    path = tmp_path / 'contents.txt'
    path.write_bytes(b'awaited')

    async def main():
        result = await Gio.File.new_for_path(str(path)).load_contents_async()
        return result

    result = Gaio.run(main())
    assert result is not None, 'the awaitable _async call gave None'
    ok, contents, _etag = result
    assert ok and bytes(contents) == b'awaited'


@pytest.mark.skipif(sys.version_info < (3, 12), reason='asyncio.run(loop_factory=) is 3.12+')
def test_asyncio_run_with_loop_factory():
    async def main():
        assert_on_gaio_loop()
        return await c_sleep(1) or 'done'

    assert asyncio.run(main(), loop_factory=Gaio.new_event_loop) == 'done'
