# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""Tasks, run, sleep, cancellation and timeouts."""

import asyncio

import pytest
from gi.repository import Gaio

from helpers import child


def test_run_returns_result():
    assert Gaio.run(child(3)) == 3


def test_run_raises():
    with pytest.raises(ValueError, match='child 1 failed'):
        Gaio.run(child(1, fail=True))


def test_run_a_future():
    assert Gaio.run(Gaio.sleep(0.001, 'x')) == 'x'


def test_create_task_names():
    async def main():
        task = Gaio.create_task(child(1), name='first')
        other = Gaio.create_task(child(2))
        assert isinstance(task, asyncio.Task)   # asyncio's own tasks
        assert task.get_name() == 'first'
        assert other.get_name().startswith('Task-')
        assert Gaio.current_task() is not task
        return await task + await other
    assert Gaio.run(main()) == 3


def test_task_order_like_asyncio():
    order = []

    async def worker(name, delay):
        order.append('start ' + name)
        await Gaio.sleep(delay)
        order.append('end ' + name)

    async def main():
        a = Gaio.create_task(worker('a', 0.02))
        b = Gaio.create_task(worker('b', 0.01))
        order.append('spawned')
        await a
        await b
    Gaio.run(main())
    assert order == ['spawned', 'start a', 'start b', 'end b', 'end a']


def test_task_cancel_mid_await():
    cleaned = []

    async def sleeper():
        try:
            await Gaio.sleep(10)
        except asyncio.CancelledError:
            cleaned.append(True)
            raise

    async def main():
        task = Gaio.create_task(sleeper(), name='sleeper')
        await Gaio.sleep(0.005)
        assert task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        return task
    task = Gaio.run(main())
    assert task.cancelled() and cleaned == [True]
    assert task.cancelled()


def test_task_cancel_before_start():
    async def main():
        task = Gaio.create_task(child(1))
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        return task
    assert Gaio.run(main()).cancelled()


def test_task_cancelled_from_c():
    # C cancels through the request_cancel vfunc: a C timeout's expiry.
    async def main():
        task = Gaio.create_task(child(1, delay=10))
        with pytest.raises(TimeoutError):
            await Gaio.timeout_future(task, 5)
        await Gaio.sleep(0.001)
        return task
    assert Gaio.run(main()).cancelled()


def test_task_swallows_cancel():
    async def stubborn():
        try:
            await Gaio.sleep(10)
        except asyncio.CancelledError:
            return 'kept going'

    async def main():
        task = Gaio.create_task(stubborn())
        await Gaio.sleep(0.001)
        task.cancel()
        return await task
    assert Gaio.run(main()) == 'kept going'


def test_wait_for_timeout_cancels_inner():
    state = {}

    async def slow():
        try:
            await Gaio.sleep(10)
        except asyncio.CancelledError:
            state['cancelled'] = True
            raise

    async def main():
        with pytest.raises(TimeoutError):
            await Gaio.wait_for(slow(), 0.01)
        await Gaio.sleep(0.001)
    Gaio.run(main())
    assert state == {'cancelled': True}


def test_wait_for_in_time():
    assert Gaio.run(Gaio.wait_for(child('ok'), 5)) == 'ok'
    assert Gaio.run(Gaio.wait_for(child('none'), None)) == 'none'


def test_await_coroutine_and_task_and_bare_yield():
    async def main():
        await Gaio.sleep(0)
        inner = await child(1)
        task = await Gaio.create_task(child(2))
        return inner + task
    assert Gaio.run(main()) == 3


def test_run_cancels_leftover_tasks():
    holder = {}

    async def main():
        holder['task'] = Gaio.create_task(child(1, delay=10))
        await Gaio.sleep(0.001)
    Gaio.run(main())
    assert holder['task'].cancelled()


def test_get_running_loop_create_future_and_executor():
    async def main():
        loop = Gaio.get_running_loop()
        future = loop.create_future()
        loop.call_soon(future.set_result, 'soon')
        value = await future
        threaded = await loop.run_in_executor(None, sum, [1, 2, 3])
        return value, threaded
    assert Gaio.run(main()) == ('soon', 6)


def test_to_thread():
    import threading

    def blocking(x):
        return x * 2, threading.get_ident()

    async def main():
        return await Gaio.to_thread(blocking, 21)
    value, ident = Gaio.run(main())
    assert value == 42 and ident != threading.get_ident()


def test_to_thread_exception():
    def blocking():
        raise OSError('disk')
    with pytest.raises(OSError, match='disk'):
        Gaio.run(Gaio.to_thread(blocking))

