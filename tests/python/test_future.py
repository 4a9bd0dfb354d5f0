# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""Gaio.Future speaks asyncio's Future API and round-trips Python values."""

import asyncio
import fractions

import pytest
from gi.repository import Gaio, GLib, Gio


def test_future_is_a_gaio_future():
    future = Gaio.Future()
    assert isinstance(future, Gaio.Future)
    assert future.get_state() == Gaio.FutureState.PENDING
    assert not future.done() and not future.cancelled()
    with pytest.raises(asyncio.InvalidStateError):
        future.result()


@pytest.mark.parametrize('value', [
    None, 0, -7, 2 ** 62, 2 ** 100, 1.5, True, False, 'text', b'bytes',
    [1, 'two'], {'a': (1, 2)}, fractions.Fraction(1, 3), object(),
])
def test_future_value_round_trip(value):
    future = Gaio.Future()
    future.set_result(value)
    assert future.done()
    assert future.result() is value or future.result() == value
    assert type(future.result()) is type(value)


@pytest.mark.parametrize('value', [42, 'text', 2.5, True, [1, 2], 2 ** 70])
def test_future_value_through_c(value):
    # Gaio.timeout is C: its result is a copy of the GValue the Python future
    # stored, so this checks the C form of each Python value.
    async def main():
        future = Gaio.Future()
        proxy = Gaio.timeout_future(future, 5000)
        future.set_result(value)
        return await proxy
    result = Gaio.run(main())
    assert result == value and type(result) is type(value)


def test_future_gobject_value_through_c():
    async def main():
        future = Gaio.Future()
        proxy = Gaio.timeout_future(future, 5000)
        obj = Gio.SimpleAction.new('x', None)
        future.set_result(obj)
        return obj, await proxy
    obj, result = Gaio.run(main())
    assert result is obj


def test_future_set_exception():
    future = Gaio.Future()
    error = ValueError('boom')
    future.set_exception(error)
    assert future.exception() is error
    with pytest.raises(ValueError) as info:
        future.result()
    assert info.value is error
    assert future.get_state() == Gaio.FutureState.REJECTED


def test_future_exception_identity_through_c():
    error = KeyError('k')

    async def main():
        future = Gaio.Future()
        proxy = Gaio.timeout_future(future, 5000)
        future.set_exception(error)
        await proxy
    with pytest.raises(KeyError) as info:
        Gaio.run(main())
    assert info.value is error


def test_future_glib_error_keeps_domain():
    future = Gaio.Future()
    future.set_exception(GLib.Error.new_literal(Gio.io_error_quark(), 'nope',
                                                Gio.IOErrorEnum.NOT_FOUND))
    with pytest.raises(GLib.Error) as info:
        future.result()
    assert info.value.matches(Gio.io_error_quark(), Gio.IOErrorEnum.NOT_FOUND)


def test_future_settle_twice():
    future = Gaio.Future()
    future.set_result(1)
    with pytest.raises(asyncio.InvalidStateError):
        future.set_result(2)
    with pytest.raises(asyncio.InvalidStateError):
        future.set_exception(ValueError())
    assert future.result() == 1


def test_future_cancel():
    future = Gaio.Future()
    seen = []
    future.add_done_callback(seen.append)
    assert future.cancel()
    assert not future.cancel()
    assert future.cancelled() and future.done()
    assert future.get_cancellable().is_cancelled()
    with pytest.raises(asyncio.CancelledError):
        future.result()
    with pytest.raises(asyncio.CancelledError):
        future.exception()
    Gaio.run(Gaio.sleep(0.001))
    assert seen == [future]


def test_future_done_callbacks_run_later_in_order():
    async def main():
        future = Gaio.Future()
        order = []
        future.add_done_callback(lambda f: order.append(('a', f.result())))
        future.add_done_callback(lambda f: order.append(('b', f.result())))
        future.set_result(5)
        assert order == []          # never synchronously
        future.add_done_callback(lambda f: order.append(('c', f.result())))
        await Gaio.sleep(0)
        await Gaio.sleep(0)
        return order
    assert Gaio.run(main()) == [('a', 5), ('b', 5), ('c', 5)]


def test_future_remove_done_callback():
    future = Gaio.Future()
    seen = []
    future.add_done_callback(seen.append)
    assert future.remove_done_callback(seen.append) == 1
    future.set_result(None)
    Gaio.run(Gaio.sleep(0.001))
    assert seen == []


def test_c_future_callbacks_and_await():
    async def main():
        timer = Gaio.timeout_future(Gaio.Future(), 10)
        seen = []
        timer.add_done_callback(seen.append)
        with pytest.raises(TimeoutError):
            await timer
        await Gaio.sleep(0)
        return seen, timer
    seen, timer = Gaio.run(main())
    assert seen == [timer]


def test_future_awaited_from_gobject_callback_thread():
    async def main():
        future = Gaio.Future()

        def later():
            future.set_result('from idle')
            return GLib.SOURCE_REMOVE
        GLib.timeout_add(5, later)
        return await future
    assert Gaio.run(main()) == 'from idle'


def test_future_pyobject_gtype():
    future = Gaio.Future()
    future.set_result({'k': 1})
    value = Gaio.Future.get_value(future)
    assert value == {'k': 1}


def test_uncaught_callback_exception_is_recorded():
    import conftest

    future = Gaio.Future()

    def bad(unused):
        raise RuntimeError('from a callback')
    future.add_done_callback(bad)
    future.set_result(1)
    import sys
    import io
    stderr, sys.stderr = sys.stderr, io.StringIO()
    try:
        Gaio.run(Gaio.sleep(0.001))
    finally:
        sys.stderr = stderr
    assert any('from a callback' in p for p in conftest._problems)
    del conftest._problems[:]


def test_c_cancels_a_python_future():
    # A C gatherer cancelling its children reaches the Python future through
    # the request_cancel vfunc: Python's mirror and callbacks follow.
    async def main():
        future = Gaio.Future()
        seen = []
        future.add_done_callback(lambda f: seen.append(f.cancelled()))
        gatherer = Gaio.gather(future)
        gatherer.cancel()
        with pytest.raises(asyncio.CancelledError):
            await gatherer
        await Gaio.sleep(0)
        return future, seen
    future, seen = Gaio.run(main())
    assert future.cancelled() and seen == [True]
    assert future.get_state() == Gaio.FutureState.CANCELLED


def test_cancel_from_another_thread():
    import threading

    async def main():
        future = Gaio.Future()
        seen = []
        future.add_done_callback(lambda f: seen.append(threading.get_ident()))
        thread = threading.Thread(target=future.cancel)
        thread.start()
        thread.join()
        with pytest.raises(asyncio.CancelledError):
            await future
        # The callback comes over to this thread through an idle source.
        for _ in range(100):
            if seen:
                break
            await Gaio.sleep(0.001)
        return seen
    assert Gaio.run(main()) == [threading.get_ident()]




def test_python_future_c_methods_and_signals():
    future = Gaio.Future()
    future.set_name('named')                    # a C method: makes the C object
    seen = []
    future.connect('notify::name', lambda *args: seen.append(future.get_name()))
    future.set_name('renamed')
    assert seen == ['renamed']
    assert not future.get_cancellable().is_cancelled()
    future.cancel()
    assert future.get_cancellable().is_cancelled() and future.cancelled()


def test_c_settling_methods_on_a_python_future():
    async def main():
        resolved = Gaio.Future()
        seen = []
        resolved.add_done_callback(lambda f: seen.append(f.result()))
        resolved.resolve_int(5)
        rejected = Gaio.Future()
        rejected.reject(GLib.Error.new_literal(Gio.io_error_quark(), 'gone',
                                               Gio.IOErrorEnum.NOT_FOUND))
        with pytest.raises(asyncio.InvalidStateError):
            resolved.set_result(6)
        value = await resolved
        with pytest.raises(GLib.Error):
            await rejected
        await Gaio.sleep(0)
        return value, seen
    assert Gaio.run(main()) == (5, [5])


def test_future_unretrieved_exception_is_reported(caplog, logged_problems):
    import gc
    future = Gaio.Future()
    future.set_exception(ValueError('nobody looked'))
    del future
    gc.collect()
    # A C future warns through GLib, naming the exception (the conftest
    # sees it as a problem; provoked on purpose, so expect it and clear it).
    assert any('never retrieved: ValueError: nobody looked' in problem
               for problem in logged_problems)
    logged_problems.clear()


def test_future_retrieved_exception_is_quiet(caplog, logged_problems):
    import gc
    future = Gaio.Future()
    future.set_exception(ValueError('seen'))
    assert isinstance(future.exception(), ValueError)
    del future
    gc.collect()
    assert 'never retrieved' not in caplog.text
    assert logged_problems == []


def test_future_rejected_in_c_still_warns_when_unretrieved(logged_problems):
    import gc
    future = Gaio.Future()
    future.reject(GLib.Error.new_literal(GLib.quark_from_string('test-error'), 'unseen', 1))
    assert future.done() and not future.cancelled()
    del future
    gc.collect()
    assert any('unseen' in problem for problem in logged_problems), logged_problems
    logged_problems.clear()
    seen = Gaio.Future()
    seen.reject(GLib.Error.new_literal(GLib.quark_from_string('test-error'), 'seen', 1))
    assert seen.exception().message == 'seen'
    del seen
    gc.collect()
    assert logged_problems == []



