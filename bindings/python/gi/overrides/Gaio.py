# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""asyncio's API on the GLib main loop, over the Gaio C library.

`from gi.repository import Gaio` loads this override. Programs written for
asyncio port by changing `asyncio` to `Gaio`:

    async def main():
        task = Gaio.create_task(work(), name='work')
        print(await Gaio.gather(task, Gaio.sleep(0.1, 'slept')))

    Gaio.run(main())

Every Gaio.Future (including tasks, and futures made by C code such as
Gaio.sleep() or the HTTP client) is awaitable and speaks asyncio's Future
names. A future made in Python gets its GObject only when C needs it. See
doc/bindings.md for the rules on values, errors and asyncio interoperability.

Values: set_result() keeps the Python object itself on the Python side, so any
value round-trips. The C future also gets a GValue, for C code and other
languages: bool, int (64-bit), float, str and GObject values are stored as
their native GValue types; anything else is a GValue of type PyObject
(GObject.TYPE_PYOBJECT), which holds a reference and is opaque to C.

Errors: an exception set from Python is kept as is; C sees a GError. GLib.Error
keeps its domain and code, TimeoutError becomes G_IO_ERROR_TIMED_OUT and
other exceptions become an error in the `gaio-python-exception-quark`
domain whose code finds the original exception again, so an exception that
travels through C (a timeout, a C gatherer) comes back as the same object.
"""

import asyncio
import builtins
import collections
import collections.abc
import importlib
import itertools
import logging
import math
import sys
import threading
import weakref

from gi.module import get_introspection_module
from gi.overrides import override
from gi.repository import GLib, GObject, Gio

Gaio = get_introspection_module('Gaio')

__all__ = []


def _export(obj, name=None):
    __all__.append(name or obj.__name__)
    return obj


# asyncio's own classes and constants, so `except Gaio.CancelledError` and
# `except asyncio.CancelledError` are the same thing.
CancelledError = asyncio.CancelledError
InvalidStateError = asyncio.InvalidStateError
TimeoutError = builtins.TimeoutError
FIRST_COMPLETED = asyncio.FIRST_COMPLETED
FIRST_EXCEPTION = asyncio.FIRST_EXCEPTION
ALL_COMPLETED = asyncio.ALL_COMPLETED
for _name in ('CancelledError', 'InvalidStateError', 'TimeoutError',
              'FIRST_COMPLETED', 'FIRST_EXCEPTION', 'ALL_COMPLETED'):
    __all__.append(_name)

_IO_ERROR = Gio.io_error_quark()
_PY_ERROR = GLib.quark_from_string('gaio-python-exception-quark')
_INT64_MIN = -(1 << 63)
_INT64_MAX = (1 << 63) - 1
_GUINT_MAX = (1 << 32) - 1


def _milliseconds(seconds):
    """Converts an asyncio delay in seconds to Gaio's milliseconds."""
    if seconds is None or seconds <= 0:
        return 0
    return min(_GUINT_MAX, math.ceil(seconds * 1000))


# The ready queue: asyncio's call_soon() on the GLib main loop. One GSource
# per batch drains every callback queued so far, so scheduling a callback
# costs a deque append, not a GSource.

class _Loop:
    """The per-thread Python ready queue attached to a GMainContext."""

    def __init__(self, context):
        self.context = context
        self.thread = threading.get_ident()
        self.ready = collections.deque()
        self.source = None
        self.running = 0

    def call_soon(self, callback, *args):
        self.ready.append((callback, args))
        if self.source is None:
            self._arm()

    def call_soon_threadsafe(self, callback, *args):
        if threading.get_ident() == self.thread:
            self.call_soon(callback, *args)
            return
        source = GLib.Idle()
        source.set_callback(self._from_thread, (callback, args))
        source.attach(self.context)

    def _from_thread(self, item):
        callback, args = item
        self.call_soon(callback, *args)
        return GLib.SOURCE_REMOVE

    def _arm(self):
        source = GLib.Idle(GLib.PRIORITY_DEFAULT)
        source.set_callback(self._drain)
        source.attach(self.context)
        self.source = source

    def _drain(self, *unused):
        ready = self.ready
        previous = _local.active
        _local.active = self
        try:
            return self._drain_batch(ready)
        finally:
            _local.active = previous

    def _drain_batch(self, ready):
        # Callbacks queued while draining wait for the next batch, as in
        # asyncio, so a callback that reschedules itself cannot starve GLib.
        for _ in range(len(ready)):
            callback, args = ready.popleft()
            try:
                callback(*args)
            except (SystemExit, KeyboardInterrupt):
                raise
            except BaseException as exc:
                _report_exception(exc)
        if ready:
            return GLib.SOURCE_CONTINUE
        self.source = None
        return GLib.SOURCE_REMOVE


class _ThreadState(threading.local):
    loop = None         # the _Loop of the thread-default context, last seen
    active = None       # the _Loop being run by Gaio.run() or drained now


_local = _ThreadState()


def _get_loop():
    """The ready queue of the thread-default main context. While Gaio runs a
    loop on this thread, that loop, without asking GLib (the fast path that
    creating a million futures takes)."""
    active = _local.active
    if active is not None:
        return active
    loop = _local.loop
    context = GLib.MainContext.ref_thread_default()
    if loop is None or loop.context != context:
        loop = _Loop(context)
        _local.loop = loop
    return loop


def _report_exception(exc):
    """Reports an exception no one can catch, through sys.excepthook, like
    PyGObject does for its callbacks (tests turn these into failures)."""
    sys.excepthook(type(exc), exc, exc.__traceback__)


# Exceptions <-> GError.

class _ExceptionTable:
    """Python exceptions that left through a GError, by code. Bounded: an
    exception is looked up again while the futures carrying it are alive,
    which in practice is soon; the oldest entries are dropped first."""

    LIMIT = 1 << 16

    def __init__(self):
        self.lock = threading.Lock()
        self.codes = itertools.count(1)
        self.table = collections.OrderedDict()

    def add(self, exc):
        with self.lock:
            code = next(self.codes) & 0x7fffffff
            self.table[code] = exc
            while len(self.table) > self.LIMIT:
                self.table.popitem(last=False)
        return code

    def get(self, code):
        with self.lock:
            return self.table.get(code)


_exceptions = _ExceptionTable()


def _error_from_exception(exc):
    """A GError standing for @exc on the C side."""
    if isinstance(exc, GLib.Error):
        return GLib.Error.new_literal(GLib.quark_from_string(exc.domain), exc.message, exc.code)
    if isinstance(exc, CancelledError):
        return GLib.Error.new_literal(_IO_ERROR, str(exc) or 'Operation was cancelled',
                                      Gio.IOErrorEnum.CANCELLED)
    code = _exceptions.add(exc)
    message = '%s: %s' % (type(exc).__name__, exc) if str(exc) else type(exc).__name__
    return GLib.Error.new_literal(_PY_ERROR, message, code)


def _exception_from_error(error):
    """The Python exception for a GError a future settled with."""
    if error.domain == 'gaio-python-exception-quark':
        exc = _exceptions.get(error.code)
        if exc is not None:
            return exc
    elif error.matches(_IO_ERROR, Gio.IOErrorEnum.CANCELLED):
        return CancelledError()
    elif error.matches(_IO_ERROR, Gio.IOErrorEnum.TIMED_OUT):
        return TimeoutError(error.message)
    return error


def _cancelled_error():
    return GLib.Error.new_literal(_IO_ERROR, 'Operation was cancelled', Gio.IOErrorEnum.CANCELLED)


def _exception_to_set(exception):
    """Checks an exception given to set_exception(), as asyncio does."""
    if isinstance(exception, type):
        exception = exception()
    if isinstance(exception, StopIteration):
        raise TypeError('StopIteration interacts badly with generators '
                        'and cannot be raised into a Future')
    return exception


def _gvalue_for(value):
    """The GValue form of a Python value, by the rules of set_result():
    None for None (no value), an int64, string, double or boolean GValue
    for those types, the object's own type for a GObject, and a PyObject
    GValue for anything else."""
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


def _resolve_c(future, value):
    """Resolves the C side of @future with the GValue form of @value
    (_gvalue_for); ints and strings, the common values, skip the GValue
    wrapper."""
    kind = type(value)
    if kind is int and _INT64_MIN <= value <= _INT64_MAX:
        Gaio.Future.resolve_int64(future, value)
    elif kind is str:
        Gaio.Future.resolve_string(future, value)
    else:
        Gaio.Future.resolve(future, _gvalue_for(value))


_gobject_new = GObject.Object.__new__
_gobject_init = GObject.Object.__init__
_c_add_done_callback = Gaio.Future.add_done_callback
_c_reject = Gaio.Future.reject
_c_cancel = Gaio.Future.cancel
_c_get_name = Gaio.Future.get_name
_c_set_name = Gaio.Future.set_name
_c_get_value = Gaio.Future.get_value
_c_get_error = Gaio.Future.get_error


def _c_done_cb(future):
    """The one C done-callback a C-driven future gets for all its Python
    callbacks; runs on the owner context after the future settled."""
    callbacks = future._callbacks
    future._callbacks = None
    for callback in callbacks:
        try:
            callback(future)
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:
            _report_exception(exc)


class Future(Gaio.Future):
    """A Gaio future with asyncio's Future API; `await` works on it.

    `Gaio.Future()` makes a future driven from Python (set_result,
    set_exception, cancel). Futures that C code returns (Gaio.sleep, HTTP
    requests, file reads) are driven by C and have the same API.
    """

    _callbacks = None
    _asyncio_future_blocking = False
    _py_driven = False
    _c = True

    def __new__(cls, *args, **kwargs):
        # Gaio.Future() makes a Python future (its __init__ finds its loop).
        return _gobject_new(_PyFuture if cls is Future else cls)

    # Inspecting.

    def done(self):
        return self.is_done()

    def cancelled(self):
        return self.is_cancelled()

    def result(self):
        state = self.get_state()
        if state == Gaio.FutureState.RESOLVED:
            return _c_get_value(self)
        if state == Gaio.FutureState.PENDING:
            raise InvalidStateError('Result is not set.')
        raise _exception_from_error(_c_get_error(self))

    def exception(self):
        state = self.get_state()
        if state == Gaio.FutureState.RESOLVED:
            return None
        if state == Gaio.FutureState.PENDING:
            raise InvalidStateError('Exception is not set.')
        exc = _exception_from_error(_c_get_error(self))
        if isinstance(exc, CancelledError):
            raise exc
        return exc

    # Settling (C-driven futures accept these too: they resolve the C future).

    def set_result(self, result):
        if self.done():
            raise InvalidStateError('invalid state')
        _resolve_c(self, result)

    def set_exception(self, exception):
        if self.done():
            raise InvalidStateError('invalid state')
        self.reject(_error_from_exception(_exception_to_set(exception)))

    def cancel(self, msg=None):
        return _c_cancel(self)

    # Callbacks.

    def add_done_callback(self, fn, *, context=None):
        """Calls `fn(future)` on the owner context once the future settled
        (on the asyncio loop when called from asyncio code)."""
        if _local.active is None and asyncio._get_running_loop() is not None:
            fn, context = _asyncio_callback(fn, context)
        if context is not None:
            fn = _in_context(context, fn)
        callbacks = self._callbacks
        if callbacks is None:
            self._callbacks = [fn]
            _c_add_done_callback(self, _c_done_cb)
        else:
            callbacks.append(fn)

    def remove_done_callback(self, fn):
        callbacks = self._callbacks or []
        kept = [cb for cb in callbacks if cb != fn]
        removed = len(callbacks) - len(kept)
        callbacks[:] = kept
        return removed

    def get_loop(self):
        """The running asyncio loop when awaited from asyncio (see
        doc/bindings.md); Gaio's own loop object otherwise."""
        return asyncio._get_running_loop() or get_running_loop()

    def __await__(self):
        if not self.done():
            self._asyncio_future_blocking = True
            yield self
            if not self.done():
                raise RuntimeError('await wasn\'t used with future')
        return self.result()

    __iter__ = __await__

    def __repr__(self):
        name = _c_get_name(self)
        state = self.get_state().value_nick
        return '<%s%s %s>' % (type(self).__name__, ' %r' % name if name else '', state)


Future = override(Future)
_export(Future)


def _materializing(method):
    def call(self, *args, **kwargs):
        if not self._c:
            self.materialize()
        return method(self, *args, **kwargs)
    call.__name__ = getattr(method, '__name__', 'method')
    call.__doc__ = getattr(method, '__doc__', None)
    call.__wrapped__ = method
    return call


# Gaio.Future's C methods (and GObject's common ones) make a Python future's
# C object first (see _PyFuture); on futures that have one they are a check
# of a flag away from the plain call.
for _name, _method in list(vars(Gaio.Future).items()):
    if not _name.startswith('_') and callable(_method) and _name not in vars(Future) \
            and getattr(_method, 'is_method', lambda: False)():
        setattr(Future, _name, _materializing(_method))
for _name in ('connect', 'connect_after', 'connect_object', 'emit', 'notify', 'get_property',
              'set_property', 'get_properties', 'set_properties', 'bind_property',
              'freeze_notify', 'thaw_notify'):
    setattr(Future, _name, _materializing(getattr(GObject.Object, _name)))


def _c_arg(future):
    """@future, with its C object made, for a C function."""
    if not future._c:
        future.materialize()
    return future


def timeout(future, milliseconds):
    """gaio_timeout() (milliseconds); see wait_for() for asyncio's
    seconds."""
    return Gaio.timeout(_c_arg(future), milliseconds)


_export(timeout)
# The same function, for wait_for() and as_completed(), whose timeout
# parameter hides the module's name.
_timeout = timeout


class _UnretrievedLogger:
    """asyncio's "exception was never retrieved" for a future that failed in
    Python and never reached C (the C object warns for the others). Only a
    failed future carries one, so the common path pays nothing for it."""

    __slots__ = ('exception',)

    def __init__(self, exception):
        self.exception = exception

    def __del__(self):
        if self.exception is not None:
            _logger.error('Future exception was never retrieved: %r', self.exception)


class _PyDriven:
    """Mixin for futures settled only through Python (plain futures made in
    Python and tasks): their state and value are mirrored in Python, so the
    asyncio calls never cross into C except to settle once, and their Python
    done-callbacks go through the Python ready queue."""

    _py_driven = True
    _c = True           # whether the C object exists (see _PyFuture)
    _observed = False
    _state = 0          # 0 pending, 1 resolved, 2 rejected, 3 cancelled
    _result = None
    _exception = None
    _unretrieved = None

    def done(self):
        return self._state != 0

    def cancelled(self):
        return self._state == 3

    def result(self):
        if self._state == 1:
            return self._result
        raise self._failure('Result is not set.')

    def exception(self):
        if self._state == 1:
            return None
        return self._failure('Exception is not set.')

    def _failure(self, pending_message):
        """The exception of a failed future (raising CancelledError for a
        cancelled one, InvalidStateError for a pending one)."""
        if self._state == 0:
            raise InvalidStateError(pending_message)
        if self._exception is None and self._c:
            # Settled through a C method (see _settling_in_c): the error is
            # fetched only now, as fetching it marks it retrieved.
            self._exception = _exception_from_error(_c_get_error(self))
        self._retrieved()
        if self._state == 3:
            raise self._exception or CancelledError()
        return self._exception

    def _retrieved(self):
        # Mark the error as observed so finalizing does not warn.
        self._observed = True
        if self._unretrieved is not None:
            self._unretrieved.exception = None
        if self._c:
            _c_get_error(self)

    def add_done_callback(self, fn, *, context=None):
        if _local.active is None and asyncio._get_running_loop() is not None:
            fn, context = _asyncio_callback(fn, context)
        if context is not None:
            fn = _in_context(context, fn)
        if self._state != 0:
            self._loop.call_soon(fn, self)
        elif self._callbacks is None:
            self._callbacks = [fn]
        else:
            self._callbacks.append(fn)

    def _schedule_callbacks(self):
        callbacks = self._callbacks
        if callbacks:
            self._callbacks = None
            loop = self._loop
            if threading.get_ident() == loop.thread:
                if len(callbacks) == 1:
                    # Most futures have one callback (the awaiting task).
                    loop.ready.append((callbacks[0], (self,)))
                else:
                    args = (self,)
                    loop.ready.extend([(fn, args) for fn in callbacks])
                if loop.source is None:
                    loop._arm()
            else:
                for fn in callbacks:
                    loop.call_soon_threadsafe(fn, self)

    def _settle_result(self, result):
        self._result = result
        self._state = 1
        if self._c:
            _resolve_c(self, result)
        self._schedule_callbacks()

    def _settle_exception(self, exception):
        self._exception = exception
        self._state = 2
        if self._c:
            _c_reject(self, _error_from_exception(exception))
        else:
            self._unretrieved = _UnretrievedLogger(exception)
        self._schedule_callbacks()

    def _settle_cancelled(self, exception=None):
        self._exception = exception
        self._state = 3
        if self._c:
            _c_reject(self, _cancelled_error())
        self._schedule_callbacks()

    def _settle_c(self):
        """Gives the new C object the outcome settled in Python."""
        state = self._state
        if state == 1:
            _resolve_c(self, self._result)
        elif state == 2:
            _c_reject(self, _error_from_exception(self._exception))
        elif state == 3:
            _c_reject(self, _cancelled_error())
        if state in (2, 3) and self._observed:
            _c_get_error(self)

    def set_result(self, result):
        if self._state != 0:
            raise InvalidStateError('invalid state')
        # _settle_result(), inlined: the hot path of every future.
        self._result = result
        self._state = 1
        if self._c:
            _resolve_c(self, result)
        if self._callbacks:
            self._schedule_callbacks()

    def __await__(self):
        if self._state == 0:
            self._asyncio_future_blocking = True
            yield self
            if self._state == 0:
                raise RuntimeError('await wasn\'t used with future')
        if self._state == 1:
            return self._result
        return self.result()

    __iter__ = __await__

    def set_exception(self, exception):
        if self._state != 0:
            raise InvalidStateError('invalid state')
        self._settle_exception(_exception_to_set(exception))


class _PyFuture(_PyDriven, Future):
    """A future made by Gaio.Future() in Python.

    Its C object (a GaioPyFuture) is made only when something needs it: a C
    method called on it, or the future handed to C (Gaio.timeout, a
    gatherer, a task group); it then takes the outcome settled so far. A
    future that stays in Python (most do) never pays for a GObject. Until
    then the wrapper has no GObject: PyGObject refuses it as an argument of
    C functions other than Gaio's with "not initialized"; pass
    `future.materialize()` there.
    """

    # A module outside gi.overrides, so PyGObject registers a GType and
    # routes the request_cancel vfunc here.
    __module__ = 'Gaio'
    __gtype_name__ = 'GaioPyFuture'

    # The attributes every future sets live in slots, not in an instance
    # dict: a million futures then cost half as much. The first attribute
    # set outside them (the _c flag, when the C object is made) creates the
    # dict, and PyGObject then keeps the wrapper alive as long as the C
    # object through a toggle reference, so the state survives in C's hands.
    __slots__ = ('_loop', '_state', '_result', '_callbacks')

    _c = False

    # Identity, not the GObject pointer (there may be none yet).
    __hash__ = object.__hash__

    def __eq__(self, other):
        return self is other

    def __ne__(self, other):
        return self is not other

    def __init__(self):
        self._loop = _local.active or _get_loop()
        self._state = 0
        self._result = None
        self._callbacks = None

    # (_py_future() below makes one without the __new__/__init__ calls.)

    def materialize(self):
        """Makes the C object now, if it does not exist yet; returns self."""
        if not self._c:
            self._c = True
            _gobject_init(self)
            self._settle_c()
            if self._unretrieved is not None:
                self._unretrieved.exception = None   # C warns from now on
        return self

    def cancel(self, msg=None):
        if self._c:
            return _c_cancel(self)
        if self._state != 0:
            return False
        self._settle_cancelled()
        return True

    def __repr__(self):
        name = _c_get_name(self) if self._c else None
        state = ('pending', 'resolved', 'rejected', 'cancelled')[self._state]
        return '<Future%s %s>' % (' %r' % name if name else '', state)

    def do_request_cancel(self):
        # Cancellation from anywhere (Python, or C code such as a gatherer or
        # a timeout) arrives here while the future is pending.
        if threading.get_ident() == self._loop.thread:
            self._settle_cancelled()
        else:
            self._loop.call_soon_threadsafe(self._cancel_pending)

    def _cancel_pending(self):
        if self._state == 0:
            self._settle_cancelled()


def _settling_in_c(name):
    """A C settling method (resolve_int, reject, ...) on a Python future:
    settles the C object, then the Python side from it."""
    method = getattr(Gaio.Future, name)

    def settle(self, *args):
        self.materialize()
        if self._state != 0:
            raise InvalidStateError('invalid state')
        method(self, *args)
        state = Gaio.Future.get_state(self)
        if state == Gaio.FutureState.RESOLVED:
            self._result = _c_get_value(self)
            self._state = 1
        elif state != Gaio.FutureState.PENDING:
            # The error stays in C until result()/exception() asks for it
            # (_PyDriven._failure): fetching it now would mark it retrieved
            # and silence the warning for an error nobody looked at.
            self._exception = None
            self._state = 3 if state == Gaio.FutureState.CANCELLED else 2
        if self._callbacks:
            self._schedule_callbacks()
    settle.__name__ = name
    return settle


for _name in ('resolve', 'resolve_boolean', 'resolve_int', 'resolve_int64', 'resolve_double',
              'resolve_string', 'resolve_object', 'resolve_boxed', 'reject', 'reject_literal'):
    setattr(_PyFuture, _name, _settling_in_c(_name))


def _py_future():
    """Gaio.Future(), the short way."""
    future = _gobject_new(_PyFuture)
    future._loop = _local.active or _get_loop()
    future._state = 0
    future._result = None
    future._callbacks = None
    return future


def _in_context(context, fn):
    return lambda fut: context.run(fn, fut)


def isfuture(obj):
    return isinstance(obj, Future) or asyncio.isfuture(obj)


_export(isfuture)


# Tasks.

_task_names = itertools.count(1)
_current_tasks = {}
_all_tasks = weakref.WeakSet()


class _TaskStepper(_PyDriven):
    """asyncio.Task's stepper: sends into (or throws into) the coroutine and
    waits for whatever future it yields."""

    def _init_task(self, coro, name):
        if not (asyncio.iscoroutine(coro) or hasattr(coro, 'send')):
            raise TypeError('a coroutine was expected, got %r' % (coro,))
        self._loop = _get_loop()
        self._coro = coro
        self._fut_waiter = None
        self._must_cancel = False
        self._cancel_message = None
        _c_set_name(self, str(name) if name is not None else 'Task-%d' % next(_task_names))
        _all_tasks.add(self)
        self._loop.call_soon(self._step)
        _hold_pump_for_task(self)

    def get_name(self):
        return _c_get_name(self)

    def set_name(self, value):
        _c_set_name(self, str(value))

    def get_coro(self):
        return self._coro

    def cancel(self, msg=None):
        if self._state != 0:
            return False
        self._cancel_message = msg
        return _c_cancel(self)

    def _request_cancel(self):
        if self._state != 0:
            return
        waiter = self._fut_waiter
        if waiter is not None and waiter.cancel():
            # The wakeup throws CancelledError into the coroutine.
            return
        self._must_cancel = True

    def _step(self, exc=None):
        if self._state != 0:
            return
        if self._must_cancel:
            if not isinstance(exc, CancelledError):
                exc = CancelledError(self._cancel_message) if self._cancel_message else CancelledError()
            self._must_cancel = False
        self._fut_waiter = None
        coro = self._coro
        begin = GLib.get_monotonic_time() if _slow_step_us else 0
        thread = threading.get_ident()
        previous = _current_tasks.get(thread)
        _current_tasks[thread] = self
        try:
            if exc is None:
                result = coro.send(None)
            else:
                result = coro.throw(exc)
        except StopIteration as stop:
            if self._must_cancel:
                self._must_cancel = False
                self._settle_cancelled()
            else:
                self._settle_result(stop.value)
        except CancelledError as error:
            self._settle_cancelled(error)
        except (KeyboardInterrupt, SystemExit) as error:
            self._settle_exception(error)
            raise
        except BaseException as error:
            self._settle_exception(error)
        else:
            if isinstance(result, Future):
                if result is self:
                    self._loop.call_soon(self._step, RuntimeError('Task cannot await on itself'))
                else:
                    result._asyncio_future_blocking = False
                    result.add_done_callback(self._wakeup)
                    self._fut_waiter = result
                    if self._must_cancel and result.cancel():
                        self._must_cancel = False
            elif result is None:
                # A bare yield gives the other callbacks a turn.
                self._loop.call_soon(self._step)
            elif getattr(result, '_asyncio_future_blocking', None) is not None \
                    and asyncio._get_running_loop() is not None:
                # An asyncio future, awaited by a Gaio task running under an
                # asyncio loop: its callback hops back to the Gaio queue.
                result._asyncio_future_blocking = False
                loop = self._loop
                result.add_done_callback(lambda fut: loop.call_soon(self._wakeup, fut))
                self._fut_waiter = result
                if self._must_cancel and result.cancel():
                    self._must_cancel = False
            else:
                error = RuntimeError('Task got bad yield: %r (Gaio tasks await Gaio futures; '
                                     'asyncio futures need an asyncio loop)' % (result,))
                self._loop.call_soon(self._step, error)
        finally:
            if previous is None:
                del _current_tasks[thread]
            else:
                _current_tasks[thread] = previous
            if begin:
                _check_slow_step(self, begin)

    def _wakeup(self, future):
        driven = getattr(future, '_py_driven', None)
        if driven:
            resolved = future._state == 1
        elif driven is None:
            resolved = False
        else:
            resolved = future.get_state() == Gaio.FutureState.RESOLVED
        if resolved:
            self._step()
            return
        try:
            future.result()
        except BaseException as exc:
            self._step(exc)
        else:
            self._step()

    def __repr__(self):
        return '<Task %r %s>' % (self.get_name(), ('pending', 'finished', 'failed', 'cancelled')[self._state])




class Task(Gaio.Task, Future):
    """A Gaio task with asyncio.Task's API.

    `Gaio.Task(coro, name=...)` (or Gaio.create_task) wraps a coroutine in
    a bare GaioTask driven from Python: it has the task's name, place in
    the task list and cancellation, so C code (gatherers, timeouts, task
    groups) waits for it and cancels it like any task. Cancelling throws
    CancelledError into the coroutine at its pending await. Tasks that C
    code made (fiber tasks) have the same API, driven by C.
    """

    def __new__(cls, *args, **kwargs):
        if cls is Task:
            cls = _PyTask
        return GObject.Object.__new__(cls)

    def get_coro(self):
        return None

Task = override(Task)

class _PyTask(_TaskStepper, Task):
    # A GType of its own (GaioPyTask, a GaioTask made like a bare task)
    # so that cancellation from anywhere reaches Python through the
    # request_cancel vfunc. (A "cancel-requested" handler would do too,
    # but PyGObject 3.42 can crash finalizing an object whose Python
    # closures outlived its wrapper.)
    __module__ = 'Gaio'
    __gtype_name__ = 'GaioPyTask'

    def __init__(self, coro, *, name=None):
        GObject.Object.__init__(self)
        self._init_task(coro, name)

    def do_request_cancel(self):
        # GaioTask's own bookkeeping first: the cancel-requested
        # property and signal, and the task's cancellable.
        Gaio.Task.do_request_cancel(self)
        if threading.get_ident() == self._loop.thread:
            self._request_cancel()
        else:
            self._loop.call_soon_threadsafe(self._request_cancel)


_export(Task)


def create_task(coro, *, name=None):
    """Wraps a coroutine in a Gaio.Task scheduled on the GLib main loop."""
    return _PyTask(coro, name=name)


_export(create_task)


def current_task():
    return _current_tasks.get(threading.get_ident())


_export(current_task)


def all_tasks():
    return {task for task in list(_all_tasks) if not task.done()}


_export(all_tasks)


async def _await_awaitable(awaitable):
    return await awaitable


def ensure_future(obj, *, name=None):
    """A Gaio future for any awaitable: futures as they are, coroutines as
    tasks."""
    if isinstance(obj, Future):
        return obj
    if asyncio.iscoroutine(obj):
        return _PyTask(obj, name=name)
    if hasattr(obj, '__await__'):
        return _PyTask(_await_awaitable(obj), name=name)
    raise TypeError('An asyncio.Future, a coroutine or an awaitable is required')


_export(ensure_future)


# Debug mode: asyncio's "Executing <Task> took 0.2 seconds". C task steps and
# callbacks are timed by the scheduler; Python coroutine steps run from this
# override's own queue, so they are timed here against the same threshold.

_logger = logging.getLogger('Gaio')
_slow_step_us = Gaio.get_slow_callback_threshold() * 1000


def _check_slow_step(task, begin):
    elapsed = GLib.get_monotonic_time() - begin
    if elapsed >= _slow_step_us:
        _logger.warning('Executing %r took %.3f seconds', task, elapsed / 1e6)


def set_slow_callback_threshold(milliseconds):
    """Warns about task steps and callbacks slower than `milliseconds`
    (0 turns it off), in C and in Python coroutines alike."""
    global _slow_step_us
    Gaio.set_slow_callback_threshold(milliseconds)
    _slow_step_us = milliseconds * 1000


_export(set_slow_callback_threshold, 'set_slow_callback_threshold')


# Running.

def run(main, *, debug=None):
    """Runs a coroutine (or waits for a future) on the thread-default GLib
    main context and returns its result or raises its exception, like
    asyncio.run(). Tasks still pending at the end are cancelled."""
    loop = _get_loop()
    if loop.running:
        raise RuntimeError('Gaio.run() cannot be called from a running Gaio loop')
    if asyncio._get_running_loop() is not None:
        raise RuntimeError('Gaio.run() cannot be called from a running asyncio event loop')
    if debug:
        set_slow_callback_threshold(100)
    context = loop.context
    previous = _local.active
    _local.active = loop
    loop.running += 1
    try:
        task = ensure_future(main)
        while not task.done():
            context.iteration(True)
        _cancel_leftovers(context)
    finally:
        loop.running -= 1
        _local.active = previous
    return task.result()


_export(run)


def _cancel_leftovers(context):
    leftovers = [task for task in all_tasks() if task._loop.context == context]
    for task in leftovers:
        task.cancel()
    deadline = GLib.get_monotonic_time() + 1000000
    while any(not task.done() for task in leftovers) and GLib.get_monotonic_time() < deadline:
        context.iteration(False)
    for task in leftovers:
        if task.done() and not task.cancelled():
            task._retrieved()


class _GaioLoop:
    """The few asyncio loop methods the tutorials use (get_running_loop()
    .create_future(), .run_in_executor(), .time()), on Gaio."""

    def create_future(self):
        return _py_future()

    def create_task(self, coro, *, name=None):
        return _PyTask(coro, name=name)

    def run_in_executor(self, executor, func, *args):
        if executor is not None:
            return wrap_future(executor.submit(func, *args))
        return to_thread(func, *args)

    def call_soon(self, callback, *args):
        _get_loop().call_soon(callback, *args)

    def call_soon_threadsafe(self, callback, *args):
        _get_loop().call_soon_threadsafe(callback, *args)

    def time(self):
        return GLib.get_monotonic_time() / 1e6

    def is_running(self):
        return True


def get_running_loop():
    return _GaioLoop()


_export(get_running_loop)
get_event_loop = get_running_loop
_export(get_event_loop, 'get_event_loop')


# Time.

async def sleep(delay, result=None):
    """Sleeps for @delay seconds, like asyncio.sleep()."""
    if delay <= 0:
        await _yield_once()
        return result
    await Gaio.sleep(_milliseconds(delay))
    return result


_export(sleep)


class _YieldOnce:
    def __await__(self):
        yield


def _yield_once():
    return _YieldOnce()


async def wait_for(aw, timeout):
    """Waits for @aw for at most @timeout seconds; on timeout cancels it and
    raises TimeoutError, like asyncio.wait_for(). Built on gaio_timeout()."""
    future = ensure_future(aw)
    if timeout is None:
        return await future
    return await _timeout(future, _milliseconds(timeout))


_export(wait_for)


# Threads.

def wrap_future(concurrent_future):
    """A Gaio future following a concurrent.futures.Future."""
    future = Future()
    loop = future._loop

    def copy(cf):
        if future.done():
            return
        if cf.cancelled():
            future.cancel()
        elif cf.exception() is not None:
            future.set_exception(cf.exception())
        else:
            future.set_result(cf.result())

    concurrent_future.add_done_callback(lambda cf: loop.call_soon_threadsafe(copy, cf))
    return future


_export(wrap_future)


# GIO's _async/_finish pairs.

def call_async(method, *args, finish=None):
    """Calls a GIO-style `name_async(..., cancellable, callback)` function
    and returns a future of what `name_finish` returns.

    `method` is a bound or unbound introspected `_async` function; its
    `_finish` twin is found by name on the same class or namespace, or given
    as @finish. Pass the arguments that come before the callback; a `None`
    cancellable is replaced by the future's own, so cancelling the future
    cancels the operation:

        contents = await Gaio.call_async(file.load_contents_async, None)
    """
    future = Future()
    # Through Gaio.Future's materializing wrappers, to the introspected method.
    info = getattr(getattr(method, '__func__', method), '__wrapped__', method)
    name = getattr(info, '__name__', '')
    if finish is None:
        if not name.endswith('_async'):
            raise ValueError('%s is not an _async function; pass finish=' % name)
        finish = _find_finish(info, name[:-len('_async')] + '_finish')
    else:
        explicit = finish
        finish = lambda source, result: explicit(result)  # noqa: E731

    args = list(args)
    try:
        index = [a.get_name() for a in info.get_arguments()].index('cancellable')
        if index < len(args) and args[index] is None:
            args[index] = future.get_cancellable()
        elif index == len(args):
            args.append(future.get_cancellable())
    except (AttributeError, ValueError):
        pass

    def callback(source, result, *unused):
        try:
            value = finish(source, result)
        except BaseException as exc:
            if not future.done():
                future.set_exception(exc)
        else:
            # A cancelled future drops the value; finishing still freed it.
            if not future.done():
                future.set_result(value)

    method(*args, callback)
    return future


_export(call_async)


def _find_finish(info, finish_name):
    namespace = importlib.import_module('gi.repository.' + info.get_namespace())
    container = info.get_container() if hasattr(info, 'get_container') else None
    owner = getattr(namespace, container.get_name()) if container is not None else namespace
    finish = getattr(owner, finish_name, None)
    if finish is None:
        raise ValueError('no %s next to %s' % (finish_name, info.__name__))
    finish = getattr(finish, '__wrapped__', finish)
    if finish.is_method():
        return finish
    return lambda source, result: finish(result)


# Synchronisation primitives: asyncio's classes on the C ones.

class QueueEmpty(Exception):
    pass


class QueueFull(Exception):
    pass


_export(QueueEmpty)
_export(QueueFull)


# Gathering, task groups, synchronisation and threads are the C objects
# (GaioGatherer, GaioTaskGroup, GaioSemaphore, ..., gaio_run_in_thread) with
# asyncio's names, so names, cancellation and the task list behave the same in
# C, Python, GJS and Vala.

def _queue_item(item):
    """The GValue a queue stores for @item: a queue item must be a value,
    so None, which _gvalue_for() leaves as no value, is stored as a
    PyObject (it comes back as None all the same)."""
    value = _gvalue_for(item)
    return value if value is not None else GObject.Value(GObject.TYPE_PYOBJECT, None)


def _outcome(future):
    """A settled child's result, or its exception (CancelledError for a
    cancelled one), for return_exceptions-style slots."""
    if future.cancelled():
        return CancelledError()
    exc = future.exception()
    return exc if exc is not None else future.result()


class Gatherer(Gaio.Gatherer):
    """GaioGatherer with gather()'s result: awaiting a gatherer in ALL
    mode gives the list of results (with exceptions in their slots when
    return-errors is set), read from the children themselves, so Python
    values and exceptions come back as the same objects."""

    def result(self):
        try:
            value = Future.result(self)
        except BaseException:
            # The C gatherer retrieved its children's errors; say so on
            # the Python side too, as asyncio.gather() does.
            for i in range(self.get_n_futures()):
                child = self.get_future(i)
                if child._py_driven and child._state == 2:
                    child._observed = True
            raise
        if self.is_wait() or self.get_mode() not in (Gaio.GatherMode.ALL,
                                                     Gaio.GatherMode.ALL_SETTLED):
            return value
        return [_outcome(self.get_future(i)) for i in range(self.get_n_futures())]

Gatherer = override(Gatherer)
_export(Gatherer)
_c_gatherer_new = Gatherer.new
_c_gatherer_new_wait = Gatherer.new_wait


def _gatherer_new(mode, futures):
    return _c_gatherer_new(mode, [_c_arg(f) for f in futures])


def _gatherer_new_wait(mode, timeout_ms, futures):
    return _c_gatherer_new_wait(mode, timeout_ms, [_c_arg(f) for f in futures])


Gatherer.new = staticmethod(_gatherer_new)
Gatherer.new_wait = staticmethod(_gatherer_new_wait)

def gather(*aws, return_exceptions=False):
    """Waits for all of @aws and returns their results in order, like
    asyncio.gather(), on a GaioGatherer. The first exception propagates
    and, Gaio's rule in every language, cancels the children still
    running; with @return_exceptions, exceptions take their result slots
    instead. Cancelling the gather cancels the children."""
    children = [ensure_future(aw) for aw in aws]
    gatherer = Gatherer.new(Gaio.GatherMode.ALL, children)
    gatherer.set_return_errors(bool(return_exceptions))
    return gatherer

_export(gather)

_WAIT_MODES = {
    FIRST_COMPLETED: Gaio.WaitMode.FIRST_COMPLETED,
    FIRST_EXCEPTION: Gaio.WaitMode.FIRST_ERROR,
    ALL_COMPLETED: Gaio.WaitMode.ALL_COMPLETED,
}

async def wait(aws, *, timeout=None, return_when=ALL_COMPLETED):
    """Waits for the futures in @aws until @return_when or @timeout,
    returning the sets (done, pending), like asyncio.wait(), on a
    GaioGatherer wait. Never raises TimeoutError, never cancels."""
    if not aws:
        raise ValueError('Set of Tasks/Futures is empty.')
    if return_when not in _WAIT_MODES:
        raise ValueError('Invalid return_when value: %s' % return_when)
    futures = {ensure_future(aw) for aw in aws}
    timeout_ms = -1 if timeout is None else min(_milliseconds(timeout), 0x7fffffff)
    waiter = Gatherer.new_wait(_WAIT_MODES[return_when], timeout_ms, list(futures))
    await waiter
    done = {f for f in futures if f.done()}
    return done, futures - done

_export(wait)

def as_completed(aws, *, timeout=None):
    """Yields awaitables giving the results of @aws in completion order,
    like asyncio.as_completed(), from a GaioGatherer's next_completed();
    raises TimeoutError when @timeout passes first."""
    futures = [ensure_future(aw) for aw in aws]
    if not futures:
        return
    gatherer = Gatherer.new_wait(Gaio.WaitMode.ALL_COMPLETED, -1, futures)
    deadline = None if timeout is None else GLib.get_monotonic_time() + timeout * 1e6

    async def next_result():
        nxt = gatherer.next_completed()
        if deadline is not None:
            left = max(0, (deadline - GLib.get_monotonic_time()) / 1e6)
            nxt = _timeout(nxt, _milliseconds(left))
        completed = await nxt
        return await completed

    for _ in range(len(futures)):
        yield next_result()

_export(as_completed)


class TaskGroup(Gaio.TaskGroup):
    """asyncio.TaskGroup on GaioTaskGroup: `async with Gaio.TaskGroup()
    as tg:` spawns children with tg.create_task(); the first child
    failure cancels the other children (the C group's abort) and the
    body; the errors come out as an ExceptionGroup."""

    def __new__(cls, *args, **kwargs):
        return GObject.Object.__new__(cls)

    def __init__(self):
        GObject.Object.__init__(self)
        self._entered = False
        self._parent_task = None
        self._parent_cancelled = False
        self._body_done = False

    async def __aenter__(self):
        if self._entered:
            raise RuntimeError('TaskGroup has already been entered')
        self._entered = True
        self._parent_task = current_task()
        if self._parent_task is None:
            raise RuntimeError('TaskGroup cannot determine the parent task')
        return self

    def create_task(self, coro, *, name=None):
        if not self._entered:
            raise RuntimeError('TaskGroup %r has not been entered' % self)
        if self.is_closed() and self.done():
            raise RuntimeError('TaskGroup %r is finished' % self)
        task = _PyTask(coro, name=name)
        self.add(task)
        task.add_done_callback(self._child_done)
        return task

    def add(self, future):
        Gaio.TaskGroup.add(self, _c_arg(future))

    def _child_done(self, task):
        if task.cancelled() or task.exception() is None:
            return
        # The C group aborts its children; asyncio also cancels the body.
        if not self._body_done and not self._parent_task.done():
            self._parent_cancelled = True
            self._parent_task.cancel()

    async def __aexit__(self, et, exc, tb):
        self._body_done = True
        body_error = exc if et is not None and not issubclass(et, CancelledError) else None
        if body_error is not None:
            self.cancel()
        self.close()
        try:
            await _shielded(self)
        except CancelledError:
            # The body's task was cancelled while waiting: asyncio's
            # TaskGroup then still waits for the children.
            while not self.done():
                try:
                    await _shielded(self)
                except CancelledError:
                    pass
        _c_get_error(self)      # the group's own error is the children's
        # get_nth_error, not get_errors: PyGObject 3.42 frees a returned
        # GPtrArray's elements twice when the array has a free function.
        errors = [_exception_from_error(self.get_nth_error(i))
                  for i in range(self.get_n_errors())]
        errors = [e for e in errors if not isinstance(e, CancelledError)]
        if body_error is not None and body_error not in errors:
            errors.insert(0, body_error)
        if errors:
            raise BaseExceptionGroup('unhandled errors in a TaskGroup', errors)
        if et is not None and issubclass(et, CancelledError) and not self._parent_cancelled:
            return False
        if et is not None and issubclass(et, CancelledError):
            return True
        return None

TaskGroup = override(TaskGroup)
_export(TaskGroup)

async def _shielded(future):
    """Waits for @future without cancelling it when the waiting task is
    cancelled (the wait ends with CancelledError instead)."""
    waiter = Future()

    def copy(unused):
        if not waiter.done():
            waiter.set_result(None)
    future.add_done_callback(copy)
    await waiter


def _acquire_cm(cls):
    c_acquire = cls.acquire

    async def acquire(self):
        """Waits for a permit; a coroutine returning True, as in asyncio."""
        await c_acquire(self)
        return True

    async def __aenter__(self):
        await self.acquire()
        return None

    async def __aexit__(self, et, exc, tb):
        self.release()

    cls.acquire = acquire
    cls.__aenter__ = __aenter__
    cls.__aexit__ = __aexit__
    return cls


@_acquire_cm
class Semaphore(Gaio.Semaphore):
    """asyncio.Semaphore on GaioSemaphore: `async with sem:` or
    `await sem.acquire()` / `sem.release()`."""

    def __new__(cls, value=1):
        if value < 0:
            raise ValueError('Semaphore initial value must be >= 0')
        return cls.new(value)

    def __init__(self, value=1):
        pass

    def locked(self):
        return self.is_locked()

Semaphore = override(Semaphore)
_export(Semaphore)


class BoundedSemaphore(Semaphore):
    """asyncio.BoundedSemaphore: a GaioSemaphore whose release() beyond the
    initial value raises ValueError."""

    def __new__(cls, value=1):
        self = Semaphore.__new__(Semaphore, value)
        self.__class__ = cls
        return self

    def __init__(self, value=1):
        self._bound = value

    def release(self):
        if self.get_value() >= self._bound:
            raise ValueError('BoundedSemaphore released too many times')
        Gaio.Semaphore.release(self)


_export(BoundedSemaphore)


@_acquire_cm
class Lock(Gaio.Lock):
    """asyncio.Lock on GaioLock."""

    def __new__(cls):
        return cls.new()

    def __init__(self):
        pass

    def locked(self):
        return self.is_locked()

Lock = override(Lock)
_export(Lock)


class Event(Gaio.Event):
    """asyncio.Event on GaioEvent: set(), clear(), is_set(), await
    wait()."""

    def __new__(cls):
        return cls.new()

    def __init__(self):
        pass

    async def wait(self):
        """Waits until the event is set; a coroutine returning True."""
        await Gaio.Event.wait(self)
        return True

Event = override(Event)
_export(Event)


class Queue(Gaio.Queue):
    """asyncio.Queue on GaioQueue. Items are GValues on the C side, by
    the rules of set_result(): any Python object goes through."""

    def __new__(cls, maxsize=0):
        return cls.new(maxsize)

    def __init__(self, maxsize=0):
        self._unfinished = 0
        self._finished = None

    @property
    def maxsize(self):
        return self.get_maxsize()

    def qsize(self):
        return self.get_size()

    def empty(self):
        return self.is_empty()

    def full(self):
        return self.is_full()

    async def put(self, item):
        # Counted before waiting: C may hand the item to a getter, which
        # may call task_done(), before this coroutine resumes.
        self._added()
        try:
            await Gaio.Queue.put(self, _queue_item(item))
        except BaseException:
            self._unfinished -= 1
            raise

    def put_nowait(self, item):
        if not self.try_put(_queue_item(item)):
            raise QueueFull
        self._added()

    def _added(self):
        self._unfinished += 1

    async def get(self):
        return await Gaio.Queue.get(self)

    def get_nowait(self):
        if self.is_empty():
            raise QueueEmpty
        return self.try_get()

    def task_done(self):
        if self._unfinished <= 0:
            raise ValueError('task_done() called too many times')
        self._unfinished -= 1
        if self._unfinished == 0 and self._finished is not None:
            self._finished.set()

    async def join(self):
        if self._unfinished > 0:
            if self._finished is None or self._finished.is_set():
                self._finished = Event()
            await self._finished.wait()

Queue = override(Queue)
_export(Queue)


def to_thread(func, *args, **kwargs):
    """Runs a blocking @func on Gaio's bounded thread pool
    (gaio_run_in_thread) and returns a future of its result, like
    asyncio.to_thread()."""
    def body(future, cancellable, *unused):
        try:
            value = func(*args, **kwargs)
        except BaseException as exc:
            future.reject(_error_from_exception(exc))
        else:
            _resolve_c(future, value)

    return Gaio.run_in_thread(body)

_export(to_thread)


# HTTP (GaioHttpClient, GaioHttpResponse) and files.

class _Headers(collections.abc.Mapping):
    """A response's headers as a read-only, case-insensitive mapping; a
    header that appears more than once is joined with ', ' (HTTP's rule)."""

    def __init__(self, soup_headers):
        self._items = {}
        self._names = {}
        soup_headers.foreach(self._add)

    def _add(self, name, value, *unused):
        key = name.lower()
        if key in self._items:
            self._items[key] += ', ' + value
        else:
            self._items[key] = value
            self._names[key] = name

    def __getitem__(self, name):
        return self._items[name.lower()]

    def __iter__(self):
        return iter(self._names.values())

    def __len__(self):
        return len(self._items)

    def __repr__(self):
        return '<Headers %r>' % dict(self.items())


class HttpClient(Gaio.HttpClient):
    """aiohttp.ClientSession's shape on GaioHttpClient:

        async with Gaio.HttpClient(limit=100, limit_per_host=10, timeout=30) as client:
            response = await client.get(url)

    limit and limit_per_host cap connections (total and per host; 0
    keeps Gaio's defaults), timeout is the whole request's deadline in
    seconds. Other GaioHttpClient properties may be given by name."""

    def __init__(self, *, limit=None, limit_per_host=None, timeout=None, **properties):
        GObject.Object.__init__(self, **properties)
        if limit:
            self.set_max_connections(limit)
        if limit_per_host:
            self.set_max_connections_per_host(limit_per_host)
        if timeout is not None:
            self.set_timeout(float(timeout))

    async def __aenter__(self):
        return self

    async def __aexit__(self, et, exc, tb):
        self.close()

    def close(self):
        """Nothing to release eagerly: connections close with the client."""

HttpClient = override(HttpClient)
_export(HttpClient)

class HttpResponse(Gaio.HttpResponse):
    """aiohttp.ClientResponse's shape on GaioHttpResponse: status, reason,
    url, headers (a case-insensitive mapping), text(), json(), read()
    (bytes) and raise_for_status(). The body is already read."""

    @property
    def status(self):
        return self.get_status()

    @property
    def reason(self):
        return self.get_reason()

    @property
    def url(self):
        return self.get_url()

    @property
    def headers(self):
        return _Headers(self.get_headers())

    @property
    def content_type(self):
        return self.get_content_type()

    def read(self):
        body = self.get_body()
        return body.get_data() if body is not None else b''

    def text(self):
        return self.get_text()

    def json(self):
        import json
        return json.loads(self.get_text())

    def raise_for_status(self):
        """Raises GLib.Error (GAIO_HTTP_ERROR, code = status) naming the
        URL when the status is 400 or more."""
        status = self.get_status()
        if status >= 400:
            raise GLib.Error.new_literal(Gaio.http_error_quark(),
                                         '%d %s for %s' % (status, self.get_reason(),
                                                           self.get_url()),
                                         status)

HttpResponse = override(HttpResponse)
_export(HttpResponse)


async def write_file(path, data, *, fsync=False):
    """Replaces the file at @path with @data (bytes, or str written as
    UTF-8) atomically: a temporary file in the same folder, renamed over
    @path once complete; nothing changes on error or cancellation."""
    if isinstance(data, str):
        data = data.encode('utf-8')
    flags = Gaio.FileWriteFlags.FSYNC if fsync else Gaio.FileWriteFlags.NONE
    await Gaio.file_write_path(str(path), GLib.Bytes.new(bytes(data)), flags)

_export(write_file)

async def read_file(path):
    """Reads the whole file at @path; returns bytes."""
    contents = await Gaio.file_read_path(str(path))
    return contents.get_data() if contents is not None else b''

_export(read_file)


_FILE_MODES = {
    'r': Gaio.FileMode.READ, 'w': Gaio.FileMode.WRITE, 'a': Gaio.FileMode.APPEND,
}


class AsyncFile:
    """An open file, as `Gaio.open()` returns it: aiofiles' shape on a
    Gaio.FileHandle. Text modes read and write str (UTF-8), binary modes
    bytes. `async for line in f` and `readline()` give lines without their
    newline (None from readline() at the end). A file opened for writing
    replaces the old one atomically on close(); leaving an `async with`
    block with an exception drops the new version instead."""

    def __init__(self, path, mode='r', *, fsync=False):
        if mode not in ('r', 'w', 'a', 'rb', 'wb', 'ab'):
            raise ValueError('mode must be one of r, w, a, rb, wb, ab, not %r' % (mode,))
        self.name = str(path)
        self.mode = mode
        self._binary = mode.endswith('b')
        self._fsync = fsync
        self._handle = None

    async def _open(self):
        if self._handle is None:
            flags = Gaio.FileWriteFlags.FSYNC if self._fsync else Gaio.FileWriteFlags.NONE
            self._handle = await Gaio.FileHandle.open(self.name, _FILE_MODES[self.mode.rstrip('b')],
                                                      flags)
        return self

    def __await__(self):
        return self._open().__await__()

    async def __aenter__(self):
        return await self._open()

    async def __aexit__(self, exc_type, exc, tb):
        if exc_type is None:
            await self.close()
        else:
            await self._handle.abort()

    def _check_open(self):
        if self._handle is None:
            raise ValueError('%s is not open yet: await Gaio.open(...)' % self.name)

    async def read(self, size=-1):
        self._check_open()
        if size == 0:
            return b'' if self._binary else ''
        if size is None or size < 0:
            future = self._handle.read_all()
        else:
            future = self._handle.read(size)
        # The GLib.Bytes that the await gives borrows the future's value:
        # copy it out while the future is alive.
        data = (await future).get_data() or b''
        del future
        return data if self._binary else data.decode('utf-8')

    async def readline(self):
        self._check_open()
        return await self._handle.read_line()

    def __aiter__(self):
        return self

    async def __anext__(self):
        line = await self.readline()
        if line is None:
            raise StopAsyncIteration
        return line

    async def write(self, data):
        self._check_open()
        if isinstance(data, str):
            if self._binary:
                raise TypeError('write() of a binary file takes bytes, not str')
            data = data.encode('utf-8')
        elif not isinstance(data, (bytes, bytearray, memoryview)):
            raise TypeError('write() takes str or bytes, not %s' % type(data).__name__)
        await self._handle.write(GLib.Bytes.new(bytes(data)))
        return len(data)

    async def seek(self, offset, whence=0):
        self._check_open()
        if whence not in (0, 1, 2):
            raise ValueError('whence must be 0, 1 or 2, not %r' % (whence,))
        types = (GLib.SeekType.SET, GLib.SeekType.CUR, GLib.SeekType.END)
        return await self._handle.seek(offset, types[whence])

    def tell(self):
        self._check_open()
        return self._handle.tell()

    async def flush(self):
        self._check_open()
        await self._handle.flush()

    async def close(self):
        if self._handle is not None:
            await self._handle.close()

_export(AsyncFile)


def open(path, mode='r', *, fsync=False):
    """Opens a file the way aiofiles.open() does: `async with
    Gaio.open(path, 'w') as f: await f.write(...)`, or `f = await
    Gaio.open(path)`. The blocking calls run on Gaio's file worker pool."""
    return AsyncFile(path, mode, fsync=fsync)

_export(open)


# asyncio interoperability: Gaio futures awaited from an asyncio task.
#
# asyncio's Task accepts any object with `_asyncio_future_blocking`,
# `get_loop()` and `add_done_callback()`, so `await gaio_future` works in an
# asyncio coroutine as it is. The callbacks, though, run when the GLib main
# context is iterated, and asyncio does not iterate it: while Gaio futures are
# awaited, a pump iterates the default context from the asyncio loop, every
# millisecond when GLib has nothing ready (see doc/bindings.md for limits).

class _Pump:
    INTERVAL = 0.001

    def __init__(self, loop):
        self.loop = loop
        self.waiting = 0
        self.handle = None

    def hold(self):
        self.waiting += 1
        if self.handle is None:
            self.handle = self.loop.call_soon(self._run)

    def release(self):
        self.waiting -= 1

    def _run(self):
        self.handle = None
        if self.loop.is_closed():
            return
        context = GLib.MainContext.default()
        for _ in range(1000):
            if not context.iteration(False):
                break
        if self.waiting > 0:
            self.handle = self.loop.call_later(self.INTERVAL, self._run)


_pumps = weakref.WeakKeyDictionary()


def _pump_for(loop):
    pump = _pumps.get(loop)
    if pump is None:
        pump = _pumps[loop] = _Pump(loop)
    return pump


def _under_asyncio():
    """The running asyncio loop, when Gaio code runs inside one (and not
    inside Gaio.run())."""
    active = _local.active
    if active is not None and active.running:
        return None
    loop = asyncio._get_running_loop()
    if loop is None or _get_loop().running:
        return None
    return loop


def _asyncio_callback(fn, context):
    """Wraps a callback that asyncio code adds to a Gaio future: it runs on
    the asyncio loop, and the pump iterates GLib until it has."""
    loop = asyncio._get_running_loop()
    pump = _pump_for(loop)
    pump.hold()

    def done(fut):
        pump.release()
        loop.call_soon(fn, fut, context=context)

    return done, None


def _hold_pump_for_task(task):
    loop = _under_asyncio()
    if loop is not None:
        pump = _pump_for(loop)
        pump.hold()
        task._callbacks = [lambda unused: pump.release()]
