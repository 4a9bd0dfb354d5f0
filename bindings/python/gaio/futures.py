# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""Gaio's C futures and tasks as asyncio futures, and asyncio futures as
C futures.

FutureMixin gives GaioFuture (and so GaioTask, gatherers, task groups,
HTTP requests, file reads) asyncio.Future's API, so `await c_future` works
in any asyncio task. Its callbacks arrive when the future's GMainContext is
iterated: on Gaio's EventLoop and PyGObject's gi.events loop that happens
anyway; on a loop that does not iterate GLib (asyncio's default, uvloop) a
GLibWatcher on that loop iterates it while C futures are awaited, woken by
GLib's own descriptors and timeouts (see watcher.py), never by a timer.

to_gaio() goes the other way: an asyncio future or task as a GaioFuture
for C (gatherers, task groups, gaio_timeout); cancelling either side
cancels the other.

Values: set_result() on a C future stores a GValue: bool, int (64-bit),
float, str and GObject values as their own GValue types, anything else as
a PyObject GValue that gives the same object back. Errors: a GLib.Error
keeps its domain and code, CancelledError and TimeoutError map to
G_IO_ERROR_CANCELLED and G_IO_ERROR_TIMED_OUT, and any other exception
travels as a `gaio-python-exception-quark` error that finds the original
exception object again.
"""

from __future__ import annotations

import asyncio
import collections
import contextvars
import itertools
import threading
from typing import Any, Awaitable, Callable, Generator

from gi.repository import GLib, GObject, Gio

from ._gi import Gaio
from . import watcher

__all__ = ['FutureMixin', 'to_gaio', 'ListedTask', 'error_from_exception', 'exception_from_error',
           'resolve_c', 'gvalue_for']

_IO_ERROR = Gio.io_error_quark()
_PY_ERROR_DOMAIN = 'gaio-python-exception-quark'
_PY_ERROR = GLib.quark_from_string(_PY_ERROR_DOMAIN)
_INT64_MIN = -(1 << 63)
_INT64_MAX = (1 << 63) - 1


# Exceptions <-> GError.

class _ExceptionTable:
    """Python exceptions that left through a GError, by code. Bounded: an
    exception is looked up again while the futures carrying it are alive,
    which in practice is soon; the oldest entries are dropped first."""

    LIMIT = 1 << 16

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.codes = itertools.count(1)
        self.table: collections.OrderedDict[int, BaseException] = collections.OrderedDict()

    def add(self, exc: BaseException) -> int:
        with self.lock:
            code = next(self.codes) & 0x7fffffff
            self.table[code] = exc
            while len(self.table) > self.LIMIT:
                self.table.popitem(last=False)
        return code

    def get(self, code: int) -> BaseException | None:
        with self.lock:
            return self.table.get(code)


_exceptions = _ExceptionTable()


def error_from_exception(exc: BaseException) -> GLib.Error:
    """The GError standing for @exc on the C side."""
    if isinstance(exc, GLib.Error):
        return GLib.Error.new_literal(GLib.quark_from_string(exc.domain), exc.message, exc.code)
    if isinstance(exc, asyncio.CancelledError):
        return GLib.Error.new_literal(_IO_ERROR, str(exc) or 'Operation was cancelled',
                                      Gio.IOErrorEnum.CANCELLED)
    code = _exceptions.add(exc)
    message = '%s: %s' % (type(exc).__name__, exc) if str(exc) else type(exc).__name__
    return GLib.Error.new_literal(_PY_ERROR, message, code)


def exception_from_error(error: GLib.Error) -> BaseException:
    """The Python exception for a GError a future settled with."""
    if error.domain == _PY_ERROR_DOMAIN:
        exc = _exceptions.get(error.code)
        if exc is not None:
            return exc
    elif error.matches(_IO_ERROR, Gio.IOErrorEnum.CANCELLED):
        return asyncio.CancelledError()
    elif error.matches(_IO_ERROR, Gio.IOErrorEnum.TIMED_OUT):
        return TimeoutError(error.message)
    return error


def _checked_exception(exception: Any) -> BaseException:
    """The exception set_exception() settles with, checked as asyncio does."""
    if isinstance(exception, type):
        exception = exception()
    if isinstance(exception, StopIteration):
        raise TypeError('StopIteration interacts badly with generators '
                        'and cannot be raised into a Future')
    if not isinstance(exception, BaseException):
        raise TypeError('set_exception(exception): an exception was expected, got %r'
                        % (exception,))
    return exception


def gvalue_for(value: Any) -> GObject.Value | None:
    """The GValue form of a Python value (see the module's doc)."""
    kind = type(value)
    if value is None:
        return None
    if kind is int and _INT64_MIN <= value <= _INT64_MAX:
        return GObject.Value(GObject.TYPE_INT64, value)
    if kind is str:
        return GObject.Value(GObject.TYPE_STRING, value)
    if kind is float:
        return GObject.Value(GObject.TYPE_DOUBLE, value)
    if kind is bool:
        return GObject.Value(GObject.TYPE_BOOLEAN, value)
    if isinstance(value, GObject.Object):
        return GObject.Value(type(value).__gtype__, value)
    return GObject.Value(GObject.TYPE_PYOBJECT, value)


def resolve_c(future: Gaio.Future, value: Any) -> None:
    """Resolves the C future @future with the GValue form of @value."""
    kind = type(value)
    if kind is int and _INT64_MIN <= value <= _INT64_MAX:
        Gaio.Future.resolve_int64(future, value)
    elif kind is str:
        Gaio.Future.resolve_string(future, value)
    else:
        Gaio.Future.resolve(future, gvalue_for(value))


# C futures as asyncio futures.

_c_add_done_callback = Gaio.Future.add_done_callback
_c_remove_done_callback = Gaio.Future.remove_done_callback
_c_cancel = Gaio.Future.cancel
_c_get_value = Gaio.Future.get_value
_c_get_error = Gaio.Future.get_error
_c_get_state = Gaio.Future.get_state
_RESOLVED = Gaio.FutureState.RESOLVED
_PENDING = Gaio.FutureState.PENDING


def _running_loop() -> asyncio.AbstractEventLoop | None:
    from .events import get_attached_loop
    return asyncio._get_running_loop() or get_attached_loop()


class _Callback:
    """A done-callback added from Python: where and how it runs."""

    __slots__ = ('fn', 'context', 'loop', 'thread', 'held')

    def __init__(self, fn: Callable, context: contextvars.Context | None,
                 loop: asyncio.AbstractEventLoop | None) -> None:
        self.fn = fn
        self.context = context
        self.loop = loop
        self.thread = threading.get_ident()
        # On a loop that does not iterate GLib, GLib is watched until then.
        self.held = loop is not None and watcher.hold(loop)

    def run(self, future: Gaio.Future) -> None:
        if self.held:
            watcher.release(self.loop)
        loop = self.loop
        if loop is None:
            try:
                if self.context is not None:
                    self.context.run(self.fn, future)
                else:
                    self.fn(future)
            except (SystemExit, KeyboardInterrupt):
                raise
            except BaseException as exc:
                import sys
                sys.excepthook(type(exc), exc, exc.__traceback__)
        elif loop.is_closed():
            return
        elif threading.get_ident() == self.thread:
            loop.call_soon(self.fn, future, context=self.context)
        else:
            loop.call_soon_threadsafe(self.fn, future, context=self.context)


def _settled_cb(future: Gaio.Future) -> None:
    """The one C done-callback of a future with Python callbacks."""
    callbacks = future._gaio_callbacks
    future._gaio_callbacks = None
    for callback in callbacks:
        callback.run(future)


class FutureMixin:
    """asyncio.Future's API on a GaioFuture; `await` works on it in any
    asyncio task, on any loop."""

    _asyncio_future_blocking = False
    _gaio_callbacks: list[_Callback] | None = None
    _gaio_callback_id = 0

    def done(self) -> bool:
        """Whether the future settled."""
        return _c_get_state(self) != _PENDING

    def cancelled(self) -> bool:
        """Whether the future was cancelled."""
        return self.is_cancelled()

    def result(self) -> Any:
        """The value; raises the future's exception, CancelledError, or
        InvalidStateError while pending."""
        state = _c_get_state(self)
        if state == _RESOLVED:
            return _c_get_value(self)
        if state == _PENDING:
            raise asyncio.InvalidStateError('Result is not set.')
        raise exception_from_error(_c_get_error(self))

    def exception(self) -> BaseException | None:
        """The exception, None if resolved; raises CancelledError if
        cancelled, InvalidStateError while pending."""
        state = _c_get_state(self)
        if state == _RESOLVED:
            return None
        if state == _PENDING:
            raise asyncio.InvalidStateError('Exception is not set.')
        exc = exception_from_error(_c_get_error(self))
        if isinstance(exc, asyncio.CancelledError):
            raise exc
        return exc

    def set_result(self, result: Any) -> None:
        """Resolves the future with @result (see the module's doc)."""
        if self.done():
            raise asyncio.InvalidStateError('invalid state')
        resolve_c(self, result)

    def set_exception(self, exception: BaseException | type[BaseException]) -> None:
        """Rejects the future with @exception."""
        exception = _checked_exception(exception)
        if self.done():
            raise asyncio.InvalidStateError('invalid state')
        Gaio.Future.reject(self, error_from_exception(exception))

    def cancel(self, msg: Any = None) -> bool:
        """Cancels the future (and the work under it); False if settled."""
        return _c_cancel(self)

    def add_done_callback(self, fn: Callable[[Any], object], *,
                          context: contextvars.Context | None = None) -> None:
        """Calls `fn(future)` once the future settled: on the running (or
        attached) asyncio loop when there is one, else on the future's
        GMainContext."""
        if not callable(fn):
            raise TypeError('add_done_callback(fn): a callable was expected, got %r' % (fn,))
        callback = _Callback(fn, context, _running_loop())
        callbacks = self._gaio_callbacks
        if callbacks is None:
            self._gaio_callbacks = [callback]
            self._gaio_callback_id = _c_add_done_callback(self, _settled_cb)
        else:
            callbacks.append(callback)

    def remove_done_callback(self, fn: Callable[[Any], object]) -> int:
        """Removes every registration of @fn; returns how many."""
        callbacks = self._gaio_callbacks or []
        kept = [c for c in callbacks if c.fn != fn]
        for callback in callbacks:
            if callback.fn == fn and callback.held:
                callback.held = False
                watcher.release(callback.loop)
        removed = len(callbacks) - len(kept)
        callbacks[:] = kept
        # The last one gone: take the C callback off too, as
        # gaio_future_remove_done_callback() does for C code.
        if removed and not kept and self._gaio_callback_id and \
                _c_remove_done_callback(self, self._gaio_callback_id):
            self._gaio_callbacks = None
            self._gaio_callback_id = 0
        return removed

    def _make_cancelled_error(self) -> asyncio.CancelledError:
        # asyncio.gather() asks a cancelled child for its CancelledError.
        return asyncio.CancelledError()

    def get_loop(self) -> asyncio.AbstractEventLoop:
        """The running (or attached) asyncio loop awaiting the future."""
        loop = _running_loop()
        if loop is None:
            raise RuntimeError('no running event loop')
        return loop

    def __await__(self) -> Generator[Any, None, Any]:
        if not self.done():
            self._asyncio_future_blocking = True
            yield self
            if not self.done():
                raise RuntimeError("await wasn't used with future")
        return self.result()

    __iter__ = __await__


# asyncio futures as C futures.

def _cancel_on_its_loop(future: asyncio.Future) -> None:
    """Cancels an asyncio future from whatever thread C cancelled from."""
    loop = future.get_loop()
    if loop.is_closed():
        return
    if getattr(loop, '_thread_id', None) in (None, threading.get_ident()):
        future.cancel()
    else:
        loop.call_soon_threadsafe(future.cancel)


def _proxy_class() -> type:
    """The GaioFuture subclass standing for asyncio futures on the C side,
    made on first use: registering a GType imports gi.repository.Gaio,
    whose override imports this module."""
    global _proxy_class_made
    if _proxy_class_made is None:
        class _AsyncioProxy(FutureMixin, Gaio.Future):
            __gtype_name__ = 'GaioAsyncioFuture'

            def do_request_cancel(self) -> None:
                # C cancelled the proxy (a gatherer, a timeout, a task group).
                _cancel_on_its_loop(self._target)

        _proxy_class_made = _AsyncioProxy
    return _proxy_class_made


_proxy_class_made: type | None = None


def _copy_outcome(proxy: Gaio.Future, future: asyncio.Future) -> None:
    if proxy.done():
        return
    if future.cancelled():
        Gaio.Future.reject(proxy, error_from_exception(asyncio.CancelledError()))
        return
    exc = future.exception()
    if exc is not None:
        Gaio.Future.reject(proxy, error_from_exception(exc))
    else:
        resolve_c(proxy, future.result())


def to_gaio(aw: Awaitable[Any]) -> Gaio.Future:
    """A GaioFuture for any awaitable: Gaio futures as they are, asyncio
    futures and tasks (coroutines become tasks on the running loop) as a
    C future that settles with them; cancelling the C future cancels the
    asyncio one."""
    if isinstance(aw, Gaio.Future):
        return aw
    future = asyncio.ensure_future(aw)
    proxy = _proxy_class()()
    proxy._target = future
    if isinstance(future, asyncio.Task):
        proxy.set_name(future.get_name())
    future.add_done_callback(lambda f: _copy_outcome(proxy, f))
    return proxy


# asyncio tasks in C's task list (GAIO_DEBUG=tasks).

def _mirror_class() -> type:
    """The bare GaioTask that stands for an asyncio task in C's task list,
    made on first use (see _proxy_class)."""
    global _mirror_class_made
    if _mirror_class_made is None:
        class _AsyncioTaskMirror(Gaio.Task):
            __gtype_name__ = 'GaioAsyncioTask'

            def do_request_cancel(self) -> None:
                # C cancelled the task (gaio_future_cancel on a listed task).
                Gaio.Task.do_request_cancel(self)
                _cancel_on_its_loop(self._target)

        _mirror_class_made = _AsyncioTaskMirror
    return _mirror_class_made


_mirror_class_made: type | None = None


def _settle_mirror(mirror: Gaio.Future, task: asyncio.Future) -> None:
    _copy_outcome(mirror, task)
    if not mirror.is_cancelled() and _c_get_state(mirror) != _RESOLVED:
        # asyncio reports the task's lost exception; C must not warn twice.
        _c_get_error(mirror)


class ListedTask(asyncio.Task):
    """An asyncio Task that also appears, by name, in C's task list
    (gaio_task_list_live, gaio_task_dump_live) as a bare GaioTask;
    cancelling that one cancels this task. EventLoop makes its tasks this
    way when GAIO_DEBUG contains `tasks` (it costs a GObject per task)."""

    def __init__(self, coro: Any, *, loop: Any = None, name: str | None = None,
                 **kwargs: Any) -> None:
        super().__init__(coro, loop=loop, name=name, **kwargs)
        mirror = _mirror_class()()
        mirror._target = self
        Gaio.Future.set_name(mirror, self.get_name())
        self._gaio_mirror = mirror
        self.add_done_callback(lambda task: _settle_mirror(mirror, task))

    def set_name(self, value: Any) -> None:
        super().set_name(value)
        Gaio.Future.set_name(self._gaio_mirror, self.get_name())


def listed_task_factory(loop: asyncio.AbstractEventLoop, coro: Any,
                        **kwargs: Any) -> ListedTask:
    """The EventLoop task factory under GAIO_DEBUG=tasks."""
    return ListedTask(coro, loop=loop, **kwargs)
