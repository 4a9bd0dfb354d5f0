# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""A `selectors` selector whose file descriptors are GLib sources.

asyncio's selector event loop asks its selector which file descriptors are
ready. GLibSelector answers from GLib: each registered descriptor is a
GUnixFDSource on the loop's GMainContext, and select() iterates that
context, so every other GLib source (Gaio's C scheduler, GTK, D-Bus) runs
in the same poll() as asyncio's sockets, pipes and signal wakeup fd.
"""

from __future__ import annotations

import ctypes
import math
import selectors
from typing import Any, Mapping

from gi.repository import GLib

__all__ = ['GLibSelector']

_READ = GLib.IOCondition.IN | GLib.IOCondition.HUP | GLib.IOCondition.ERR
_WRITE = GLib.IOCondition.OUT | GLib.IOCondition.ERR


class _FdMap(Mapping):
    """The read-only fd -> SelectorKey view that get_map() returns."""

    def __init__(self, keys: dict[int, selectors.SelectorKey]) -> None:
        self._keys = keys

    def __len__(self) -> int:
        return len(self._keys)

    def __getitem__(self, fileobj: Any) -> selectors.SelectorKey:
        return self._keys[selectors._fileobj_to_fd(fileobj)]

    def __iter__(self):
        return iter(self._keys)


class GLibSelector(selectors.BaseSelector):
    """The selector of Gaio's event loop.

    `select(timeout)` runs one iteration of @context (blocking at most
    @timeout seconds) and returns the asyncio descriptors GLib found
    ready. While the context is iterated by someone else (an attached
    loop: GLib.MainLoop.run() or Gio.Application.run()), select() never
    iterates: it returns what the descriptors' sources collected.
    """

    def __init__(self, context: GLib.MainContext, address: int | None = None) -> None:
        self.context = context
        self._iterate_now = _fast_iteration(address) or _slow_iteration(context)
        self.iterating = True     # False while someone else iterates
        self._keys: dict[int, selectors.SelectorKey] = {}
        self._sources: dict[tuple[int, int], GLib.Source] = {}
        self._ready: dict[int, int] = {}
        self._map = _FdMap(self._keys)

    # Registration.

    def register(self, fileobj: Any, events: int, data: Any = None) -> selectors.SelectorKey:
        if not events or events & ~(selectors.EVENT_READ | selectors.EVENT_WRITE):
            raise ValueError('Invalid events: %r' % events)
        fd = selectors._fileobj_to_fd(fileobj)
        if fd in self._keys:
            raise KeyError('%r (FD %d) is already registered' % (fileobj, fd))
        key = selectors.SelectorKey(fileobj, fd, events, data)
        self._keys[fd] = key
        self._watch(fd, events)
        return key

    def unregister(self, fileobj: Any) -> selectors.SelectorKey:
        fd = selectors._fileobj_to_fd(fileobj)
        key = self._keys.pop(fd)
        self._unwatch(fd, key.events)
        self._ready.pop(fd, None)
        return key

    def modify(self, fileobj: Any, events: int, data: Any = None) -> selectors.SelectorKey:
        fd = selectors._fileobj_to_fd(fileobj)
        old = self._keys.get(fd)
        if old is None:
            raise KeyError('%r is not registered' % (fileobj,))
        if not events or events & ~(selectors.EVENT_READ | selectors.EVENT_WRITE):
            raise ValueError('Invalid events: %r' % events)
        key = selectors.SelectorKey(old.fileobj, fd, events, data)
        self._keys[fd] = key
        self._unwatch(fd, old.events & ~events)
        self._watch(fd, events & ~old.events)
        if fd in self._ready:
            self._ready[fd] &= events
        return key

    def get_key(self, fileobj: Any) -> selectors.SelectorKey:
        return self._map[fileobj]

    def get_map(self) -> Mapping[Any, selectors.SelectorKey]:
        return self._map

    def close(self) -> None:
        for source in self._sources.values():
            source.destroy()
        self._sources.clear()
        self._keys.clear()
        self._ready.clear()

    # One GUnixFDSource per descriptor and direction: its callback knows
    # which event it stands for (PyGObject does not pass the condition).

    def _watch(self, fd: int, events: int) -> None:
        for event, condition in ((selectors.EVENT_READ, _READ),
                                 (selectors.EVENT_WRITE, _WRITE)):
            if events & event:
                source = GLib.unix_fd_source_new(fd, condition)
                source.set_callback(self._fd_ready, (fd, event))
                source.attach(self.context)
                self._sources[fd, event] = source

    def _unwatch(self, fd: int, events: int) -> None:
        for event in (selectors.EVENT_READ, selectors.EVENT_WRITE):
            if events & event:
                self._sources.pop((fd, event)).destroy()

    def _fd_ready(self, fd_event: tuple[int, int]) -> bool:
        fd, event = fd_event
        self._ready[fd] = self._ready.get(fd, 0) | event
        return GLib.SOURCE_CONTINUE

    # Waiting.

    def has_events(self) -> bool:
        """Whether descriptors were found ready since the last select()."""
        return bool(self._ready)

    def select(self, timeout: float | None = None) -> list[tuple[selectors.SelectorKey, int]]:
        if self.iterating:
            if timeout is not None and timeout <= 0:
                self._iterate_now()
            else:
                self._iterate(timeout)
        ready = self._ready
        if not ready:
            return []
        self._ready = {}
        keys = self._keys
        return [(keys[fd], events) for fd, events in ready.items() if fd in keys]

    def _iterate(self, timeout: float | None) -> None:
        context = self.context
        # A blocking iteration returns once any source dispatched; a
        # timeout source ends it when asyncio's next timer is due.
        timer = None
        if timeout is not None:
            timer = GLib.timeout_source_new(min(math.ceil(timeout * 1000), 0x7fffffff))
            timer.set_callback(_no_op)
            timer.attach(context)
        try:
            context.iteration(True)
        finally:
            if timer is not None:
                timer.destroy()


def _no_op(*unused: Any) -> bool:
    return GLib.SOURCE_REMOVE


# A non-blocking iteration is what asyncio asks for between every two
# batches of ready callbacks (each `await asyncio.sleep(0)`), so it is
# called without PyGObject's argument marshalling and without releasing
# the GIL (it does not block; callbacks into Python take the GIL back
# through PyGILState_Ensure, which the holding thread may call). This is
# what keeps Gaio's loop within reach of asyncio's own select(0).

try:
    _libglib = ctypes.PyDLL('libglib-2.0.so.0')
    _libglib.g_main_context_iteration.argtypes = (ctypes.c_void_p, ctypes.c_int)
    _libglib.g_main_context_iteration.restype = ctypes.c_int
    _libglib.g_main_context_ref_thread_default.restype = ctypes.c_void_p
    _libglib.g_main_context_unref.argtypes = (ctypes.c_void_p,)
except (OSError, AttributeError):    # not glibc-style shared libraries
    _libglib = None


def thread_default_address() -> int | None:
    """The address of the thread-default GMainContext (a new reference,
    released with release_address()), or None without ctypes access."""
    if _libglib is None:
        return None
    return _libglib.g_main_context_ref_thread_default()


def release_address(address: int | None) -> None:
    if address is not None:
        _libglib.g_main_context_unref(address)


def _fast_iteration(address: int | None):
    if address is None or _libglib is None:
        return None
    iteration = _libglib.g_main_context_iteration
    return lambda: iteration(address, 0)


def _slow_iteration(context: GLib.MainContext):
    iteration = context.iteration
    return lambda: iteration(False)
