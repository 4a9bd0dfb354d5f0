# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""gather, wait, as_completed and TaskGroup behave like asyncio's."""

import asyncio

import pytest
from gi.repository import Gaio

from helpers import child


def test_gather_in_order():
    async def main():
        return await Gaio.gather(child(1, 0.02), child(2, 0.001), Gaio.sleep(0.005, 3))
    assert Gaio.run(main()) == [1, 2, 3]


def test_gather_empty():
    async def main():
        return await Gaio.gather()
    assert Gaio.run(main()) == []


def test_gather_first_error():
    async def main():
        with pytest.raises(ValueError, match='child 2 failed'):
            await Gaio.gather(child(1), child(2, fail=True))
    Gaio.run(main())


def test_gather_return_exceptions():
    async def main():
        return await Gaio.gather(child(1), child(2, fail=True), return_exceptions=True)
    one, error = Gaio.run(main())
    assert one == 1 and isinstance(error, ValueError)


def test_gather_cancel_cancels_children():
    async def main():
        a = Gaio.create_task(child(1, delay=10))
        b = Gaio.create_task(child(2, delay=10))
        outer = Gaio.gather(a, b)
        await Gaio.sleep(0.001)
        outer.cancel()
        with pytest.raises(asyncio.CancelledError):
            await outer
        return a, b
    a, b = Gaio.run(main())
    assert a.cancelled() and b.cancelled()


def test_wait_first_completed():
    async def main():
        fast = Gaio.create_task(child('fast', 0.001))
        slow = Gaio.create_task(child('slow', 10))
        done, pending = await Gaio.wait([fast, slow], return_when=Gaio.FIRST_COMPLETED)
        slow.cancel()
        return done, pending, fast, slow
    done, pending, fast, slow = Gaio.run(main())
    assert done == {fast} and pending == {slow}


def test_wait_first_exception():
    async def main():
        bad = Gaio.create_task(child('bad', 0.001, fail=True))
        slow = Gaio.create_task(child('slow', 10))
        done, pending = await Gaio.wait([bad, slow], return_when=Gaio.FIRST_EXCEPTION)
        slow.cancel()
        assert isinstance(bad.exception(), ValueError)
        return done, pending, bad, slow
    done, pending, bad, slow = Gaio.run(main())
    assert done == {bad} and pending == {slow}


def test_wait_all_and_timeout():
    async def main():
        a = Gaio.create_task(child('a'))
        b = Gaio.create_task(child('b', 10))
        # A margin of 500x 'a's sleep: a loaded machine still finishes it.
        done, pending = await Gaio.wait([a, b], timeout=0.5)
        b.cancel()
        all_done, none = await Gaio.wait([a])
        return done, pending, all_done, none, a, b
    done, pending, all_done, none, a, b = Gaio.run(main())
    assert done == {a} and pending == {b} and all_done == {a} and none == set()


def test_as_completed_order():
    async def main():
        results = []
        for next_done in Gaio.as_completed([child(3, 0.03), child(1, 0.001), child(2, 0.015)]):
            results.append(await next_done)
        return results
    assert Gaio.run(main()) == [1, 2, 3]


def test_as_completed_timeout():
    async def main():
        slow = Gaio.create_task(child('slow', 10))
        results = []
        with pytest.raises(TimeoutError):
            for next_done in Gaio.as_completed([child('fast'), slow], timeout=0.5):
                results.append(await next_done)
        slow.cancel()
        return results
    assert Gaio.run(main()) == ['fast']


def test_task_group_all_succeed():
    async def main():
        async with Gaio.TaskGroup() as group:
            a = group.create_task(child(1), name='a')
            b = group.create_task(child(2))
        return a.result() + b.result(), a.get_name()
    assert Gaio.run(main()) == (3, 'a')


def test_task_group_failure_cancels_siblings():
    async def main():
        with pytest.raises(ExceptionGroup) as info:
            async with Gaio.TaskGroup() as group:
                slow = group.create_task(child('slow', 10))
                group.create_task(child('bad', 0.001, fail=True))
                await Gaio.sleep(10)
        return slow, info.value
    slow, group_error = Gaio.run(main())
    assert slow.cancelled()
    assert len(group_error.exceptions) == 1
    assert isinstance(group_error.exceptions[0], ValueError)


def test_semaphore_limits_concurrency():
    active = [0, 0]

    async def limited(semaphore):
        async with semaphore:
            active[0] += 1
            active[1] = max(active[1], active[0])
            await Gaio.sleep(0.002)
            active[0] -= 1

    async def main():
        semaphore = Gaio.Semaphore(2)
        await Gaio.gather(*(limited(semaphore) for _ in range(6)))
    Gaio.run(main())
    assert active == [0, 2]


def test_lock_and_event():
    async def main():
        lock = Gaio.Lock()
        event = Gaio.Event()
        log = []

        async def holder():
            async with lock:
                log.append('locked')
                await event.wait()
                log.append('released')

        task = Gaio.create_task(holder())
        await Gaio.sleep(0.001)
        assert lock.locked()
        event.set()
        async with lock:
            log.append('mine')
        await task
        return log
    assert Gaio.run(main()) == ['locked', 'released', 'mine']


def test_queue_producer_consumer():
    async def main():
        queue = Gaio.Queue(maxsize=2)
        got = []

        async def consumer():
            while True:
                item = await queue.get()
                got.append(item)
                queue.task_done()

        task = Gaio.create_task(consumer())
        for i in range(5):
            await queue.put(i)
        await queue.join()
        task.cancel()
        return got
    assert Gaio.run(main()) == [0, 1, 2, 3, 4]


def test_bounded_semaphore_and_c_types():
    async def main():
        bounded = Gaio.BoundedSemaphore(1)
        assert isinstance(bounded, Gaio.Semaphore)
        async with bounded:
            assert bounded.locked()
        with pytest.raises(ValueError):
            bounded.release()
        queue = Gaio.Queue(3)
        assert queue.maxsize == 3 and queue.empty()
        queue.put_nowait(b'bytes')
        assert await queue.get() == b'bytes'
        with pytest.raises(Gaio.QueueEmpty):
            queue.get_nowait()
        event = Gaio.Event()
        later = Gaio.create_task(event.wait())
        await Gaio.sleep(0)
        event.set()
        await later
        return bounded
    Gaio.run(main())




def test_task_group_body_error_cancels_children():
    async def main():
        with pytest.raises(ExceptionGroup) as info:
            async with Gaio.TaskGroup() as group:
                slow = group.create_task(child('slow', 10))
                await Gaio.sleep(0.001)
                raise KeyError('body')
        return slow, info.value
    slow, group_error = Gaio.run(main())
    assert slow.cancelled()
    assert [type(e) for e in group_error.exceptions] == [KeyError]




def test_queue_nowait_full_and_empty():
    async def main():
        queue = Gaio.Queue(maxsize=2)
        with pytest.raises(Gaio.QueueEmpty):
            queue.get_nowait()
        queue.put_nowait('a')
        queue.put_nowait('b')
        assert queue.full() and queue.qsize() == 2
        with pytest.raises(Gaio.QueueFull):
            queue.put_nowait('c')
        assert queue.qsize() == 2
        first = queue.get_nowait()
        second = queue.get_nowait()
        assert queue.empty()
        with pytest.raises(Gaio.QueueEmpty):
            queue.get_nowait()
        queue.task_done()
        queue.task_done()
        await queue.join()
        return first, second
    assert Gaio.run(main()) == ('a', 'b')
