# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""Bad arguments raise TypeError or ValueError naming the argument, before
C sees them: never a GLib critical (the conftest fails on those), never a
file named `None`."""

import math
import os

import pytest
from gi.repository import Gaio


@pytest.mark.parametrize('kwargs, error, name', [
    ({'timeout': -1}, ValueError, 'timeout'),
    ({'timeout': math.nan}, ValueError, 'timeout'),
    ({'timeout': math.inf}, ValueError, 'timeout'),
    ({'timeout': '10'}, TypeError, 'timeout'),
    ({'limit': -1}, ValueError, 'limit'),
    ({'limit': 1 << 40}, ValueError, 'limit'),
    ({'limit': 2.5}, TypeError, 'limit'),
    ({'limit_per_host': -3}, ValueError, 'limit_per_host'),
])
def test_http_client_bad_options(kwargs, error, name):
    with pytest.raises(error, match=name):
        Gaio.HttpClient(**kwargs)


@pytest.mark.parametrize('path, data, error, name', [
    (None, 'x', TypeError, 'path'),
    (42, 'x', TypeError, 'path'),
    ('', 'x', ValueError, 'path'),
    ('a\0b', 'x', ValueError, 'path'),
    ('f', 123, TypeError, 'data'),
    ('f', None, TypeError, 'data'),
    ('f', ['x'], TypeError, 'data'),
])
def test_write_file_bad_arguments(tmp_path, path, data, error, name):
    os.chdir(tmp_path)

    async def main():
        await Gaio.write_file(path, data)
    with pytest.raises(error, match=name):
        Gaio.run(main())
    assert os.listdir(tmp_path) == []      # no file named None, f, ...


@pytest.mark.parametrize('path', [None, 3.5])
def test_read_file_bad_path(path):
    async def main():
        await Gaio.read_file(path)
    with pytest.raises(TypeError, match='path'):
        Gaio.run(main())


@pytest.mark.parametrize('value', [42, 'boom', None, object()])
def test_set_exception_needs_an_exception(value):
    future = Gaio.Future()
    with pytest.raises(TypeError, match='exception'):
        future.set_exception(value)
    assert not future.done()


def test_set_exception_refuses_stop_iteration():
    with pytest.raises(TypeError):
        Gaio.Future().set_exception(StopIteration())


@pytest.mark.parametrize('milliseconds, error', [(-1, ValueError), (1 << 40, ValueError),
                                                 (0.5, TypeError), (None, TypeError)])
def test_timeout_future_bad_milliseconds(milliseconds, error):
    with pytest.raises(error, match='milliseconds'):
        Gaio.timeout_future(Gaio.Future(), milliseconds)


def test_add_done_callback_needs_a_callable():
    with pytest.raises(TypeError, match='fn'):
        Gaio.Future().add_done_callback(None)


def test_asyncio_names_check_as_asyncio_does():
    async def main():
        with pytest.raises(ValueError):
            Gaio.Semaphore(-1)
        with pytest.raises(TypeError):
            await Gaio.wait_for(Gaio.Future(), 'soon')
    Gaio.run(main())
