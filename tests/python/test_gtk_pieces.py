# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""What a GTK application binds to: signal futures, removable
done-callbacks, the gatherer's counters and items-changed, GApplication
holds and priorities, from Python."""

import asyncio

import pytest
from gi.repository import Gaio, GLib, Gio


def test_signal_future_resolves_with_first_argument():
    action = Gio.SimpleAction.new('go', GLib.VariantType.new('i'))

    async def main():
        future = Gaio.SignalFuture.new(action, 'activate')
        GLib.idle_add(lambda: action.activate(GLib.Variant.new_int32(7)))
        value = await future
        return value, future.get_n_args(), future.get_arg(0)

    value, n_args, arg = Gaio.run(main())
    assert value.unpack() == 7 and n_args == 1 and arg.unpack() == 7


def test_signal_future_predicate():
    action = Gio.SimpleAction.new('go', GLib.VariantType.new('i'))
    seen = []

    def is_even(future):
        seen.append(future.get_arg(0).unpack())
        return future.get_arg(0).unpack() % 2 == 0

    async def main():
        future = Gaio.SignalFuture.new_full(action, 'activate', is_even)
        for n in (3, 5, 4, 6):
            action.activate(GLib.Variant.new_int32(n))
        return await future

    assert Gaio.run(main()).unpack() == 4
    assert seen == [3, 5, 4]


def test_signal_future_object_finalized():
    async def main():
        action = Gio.SimpleAction.new('go', None)
        future = Gaio.SignalFuture.new(action, 'activate')
        del action
        return await future

    with pytest.raises(GLib.Error) as info:
        Gaio.run(main())
    assert info.value.matches(Gio.io_error_quark(), Gio.IOErrorEnum.CLOSED)
    assert 'activate' in info.value.message


def test_property_future():
    action = Gio.SimpleAction.new('go', None)

    async def main():
        future = Gaio.SignalFuture.new_for_property(action, 'enabled', False)
        GLib.idle_add(lambda: action.set_enabled(False))
        return await future

    assert Gaio.run(main()) is False
    assert action.get_enabled() is False


def test_remove_done_callback():
    async def main():
        future = Gaio.Future()
        calls = []
        future.add_done_callback(calls.append)
        assert future.remove_done_callback(calls.append) == 1
        assert future.remove_done_callback(calls.append) == 0
        future.set_result(1)
        await asyncio.sleep(0.01)
        return calls

    assert Gaio.run(main()) == []


def test_gatherer_counters_and_rows():
    async def main():
        futures = [Gaio.Future() for _ in range(4)]
        gatherer = Gaio.Gatherer.new(Gaio.GatherMode.ALL_SETTLED, futures)
        changes, fractions = [], []
        gatherer.connect('items-changed', lambda m, pos, removed, added:
                         changes.append((pos, added)))
        gatherer.connect('notify::fraction', lambda g, pspec:
                         fractions.append(g.props.fraction))
        futures[0].set_result(0)
        futures[1].set_exception(ValueError('no'))
        await asyncio.sleep(0.01)
        gatherer.cancel()
        await asyncio.sleep(0.01)
        return gatherer, changes, fractions

    gatherer, changes, fractions = Gaio.run(main())
    assert changes[0] == (0, 2) and sorted(changes[1:]) == [(2, 1), (3, 1)] or \
        sorted(changes) == [(0, 2), (2, 2)]
    assert fractions == [0.5]
    assert (gatherer.props.n_succeeded, gatherer.props.n_failed,
            gatherer.props.n_cancelled) == (1, 1, 2)


def test_application_hold_future():
    app = Gio.Application(application_id='org.gaio.PyTest',
                          flags=Gio.ApplicationFlags.NON_UNIQUE)
    held = []

    def on_activate(app):
        future = Gaio.Future()
        GLib.timeout_add(30, lambda: future.set_result(None))
        Gaio.application_hold_future(app, future)
        held.append(future)

    app.connect('activate', on_activate)
    assert app.run([]) == 0
    assert held[0].done() and Gaio.application_get_n_held(app) == 0


def test_priority_property():
    future = Gaio.Future()
    assert future.props.priority == GLib.PRIORITY_DEFAULT
    future.set_priority(GLib.PRIORITY_LOW)
    assert future.get_priority() == GLib.PRIORITY_LOW
    future.cancel()
