# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""Gaio.EventLoop is asyncio: Gaio.run() is asyncio.run(), the policy makes
Gaio loops, GLib sources run inside the loop, an attached loop rides on
GLib.MainLoop.run(), and C futures and asyncio tasks cross over both ways.
test_loop_ecosystem.py runs the asyncio ecosystem (aiohttp, streams,
subprocesses, signals...) under Gaio.run() and in a Gio.Application, and
measures C futures idle on other loops."""

import asyncio

import pytest
from gi.repository import Gaio, GLib


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


def test_queues_are_asyncio_queues():
    # asyncio's names win: the C queue's orders are reached through
    # Gaio.QueueOrder and the introspected constructors, not these names.
    assert Gaio.Queue is asyncio.Queue
    assert Gaio.PriorityQueue is asyncio.PriorityQueue
    assert Gaio.LifoQueue is asyncio.LifoQueue
    assert Gaio.QueueOrder.PRIORITY != Gaio.QueueOrder.LIFO


def test_timeout_is_asyncio_timeout_and_c_timeout_is_timeout_future():
    assert Gaio.timeout is asyncio.timeout and Gaio.gather is asyncio.gather

    async def main():
        with pytest.raises(TimeoutError):
            async with Gaio.timeout(0.01):
                await Gaio.Future()
        with pytest.raises(TimeoutError):
            await Gaio.timeout_future(Gaio.Future(), 10)
    Gaio.run(main())


def test_loop_on_a_context_of_its_own():
    # An explicit GMainContext: asyncio I/O and that context's sources run;
    # the global default context is left alone.
    context = GLib.MainContext.new()
    loop = Gaio.EventLoop(context)
    assert loop.context == context

    async def main():
        fired = loop.create_future()
        source = GLib.timeout_source_new(5)
        source.set_callback(lambda *unused: fired.set_result('own context') and False)
        source.attach(context)
        async def echo(reader, writer):
            writer.write((await reader.readline()).upper())
            writer.close()
        server = await asyncio.start_server(echo, '127.0.0.1', 0)
        port = server.sockets[0].getsockname()[1]
        reader, writer = await asyncio.open_connection('127.0.0.1', port)
        writer.write(b'x\n')
        line = await reader.readline()
        writer.close()
        server.close()
        return await fired, line
    try:
        assert loop.run_until_complete(main()) == ('own context', b'X\n')
    finally:
        loop.close()


def test_gaio_debug_tasks_lists_asyncio_tasks_in_c(monkeypatch):
    # GAIO_DEBUG=tasks: every task of the loop is also a bare GaioTask in C's
    # list, by name; cancelling that one from C cancels the asyncio task.
    from gi.module import get_introspection_module
    c_api = get_introspection_module('Gaio')
    monkeypatch.setenv('GAIO_DEBUG', 'tasks')

    async def main():
        task = asyncio.create_task(asyncio.sleep(3600), name='first-name')
        task.set_name('listed-in-c')
        await asyncio.sleep(0)
        dump = c_api.Task.dump_live()
        listed = [t for t in c_api.Task.list_live() if t.get_name() == 'listed-in-c']
        assert len(listed) == 1
        listed[0].cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        return dump, task
    dump, task = Gaio.run(main())
    assert "'listed-in-c'" in dump and 'first-name' not in dump
    assert task.cancelled()


def test_c_task_group_is_a_list_model():
    # The C task group (asyncio's TaskGroup is Gaio.TaskGroup) lists its
    # children as they are added, for a Gtk.ListView of running work.
    from gi.module import get_introspection_module
    from gi.repository import Gio
    c_api = get_introspection_module('Gaio')
    group = c_api.TaskGroup.new()
    rows = []
    group.connect('items-changed', lambda model, pos, removed, added: rows.append((pos, removed, added)))
    children = [Gaio.Future(), Gaio.Future()]
    for child in children:
        group.add(child)
    assert isinstance(group, Gio.ListModel)
    assert rows == [(0, 0, 1), (1, 0, 1)]
    assert group.get_n_items() == 2 and group.get_item(1) == children[1]


def test_loop_in_a_worker_thread_while_the_main_loop_runs():
    # asyncio.run() inside asyncio.to_thread(), as CPython 3.13's
    # test_create_subprocess_with_pidfd does: the worker's loop gets a
    # GMainContext of its own (the main loop owns the global default one),
    # and C futures made there settle on it.
    import threading
    from gi.module import get_introspection_module
    c_api = get_introspection_module('Gaio')

    async def in_thread():
        await c_api.sleep(5)
        await asyncio.sleep(0.001)
        return threading.get_ident()

    async def main():
        return await asyncio.to_thread(Gaio.run, in_thread())

    assert Gaio.run(main()) != threading.get_ident()
