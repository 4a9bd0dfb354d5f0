# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""GLib's main context driven from an asyncio loop that does not iterate it.

When a C future is awaited on asyncio's default loop (or uvloop), its
callbacks need the GMainContext iterated. A GLibWatcher runs GLib's own
iteration protocol from that loop: prepare and query give GLib's file
descriptors and next timeout, which become the loop's add_reader /
add_writer / call_later; when one fires, check and dispatch run the ready
sources. So the loop sleeps until GLib has work, exactly as GLib would:
no fixed-interval timer, no busy loop. Loops that iterate GLib themselves
(Gaio's EventLoop, PyGObject's gi.events) need no watcher.
"""

from __future__ import annotations

import asyncio
import ctypes
import select
import weakref
from typing import Any

__all__ = ['hold', 'release', 'iterates_glib']


class _PollFD(ctypes.Structure):
    _fields_ = [('fd', ctypes.c_int), ('events', ctypes.c_ushort), ('revents', ctypes.c_ushort)]


_G_IO_IN, _G_IO_OUT, _G_IO_PRI, _G_IO_ERR, _G_IO_HUP = 1, 4, 2, 8, 16

_lib = ctypes.PyDLL('libglib-2.0.so.0')
_ctx = ctypes.c_void_p
for _name, _res, _args in (
        ('g_main_context_ref_thread_default', _ctx, ()),
        ('g_main_context_unref', None, (_ctx,)),
        ('g_main_context_acquire', ctypes.c_int, (_ctx,)),
        ('g_main_context_release', None, (_ctx,)),
        ('g_main_context_prepare', ctypes.c_int, (_ctx, ctypes.POINTER(ctypes.c_int))),
        ('g_main_context_query', ctypes.c_int,
         (_ctx, ctypes.c_int, ctypes.POINTER(ctypes.c_int), ctypes.POINTER(_PollFD), ctypes.c_int)),
        ('g_main_context_check', ctypes.c_int,
         (_ctx, ctypes.c_int, ctypes.POINTER(_PollFD), ctypes.c_int)),
        ('g_main_context_dispatch', None, (_ctx,))):
    _func = getattr(_lib, _name)
    _func.restype = _res
    _func.argtypes = _args


def iterates_glib(loop: asyncio.AbstractEventLoop) -> bool:
    """Whether @loop iterates the GLib main context itself."""
    from .events import EventLoop
    return isinstance(loop, EventLoop) or type(loop).__module__.startswith('gi.events')


class GLibWatcher:
    """Iterates the thread-default GMainContext from an asyncio loop."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.holds = 0
        self.address = _lib.g_main_context_ref_thread_default()
        self.fds = (_PollFD * 8)()
        self.n_fds = 0
        self.priority = 0
        self.watched: dict[int, int] = {}   # fd -> G_IO events given to the loop
        self.handle: asyncio.Handle | None = None

    def __del__(self, unref: Any = _lib.g_main_context_unref) -> None:
        # (unref is bound early: module globals may be gone at exit.)
        unref(self.address)

    def start(self) -> None:
        self.n_fds = 0
        self._schedule(0)

    def stop(self) -> None:
        if self.handle is not None:
            self.handle.cancel()
            self.handle = None
        if not self.loop.is_closed():
            self._watch({})

    def _schedule(self, timeout_ms: int) -> None:
        if self.handle is not None:
            self.handle.cancel()
        if timeout_ms == 0:
            self.handle = self.loop.call_soon(self._step)
        elif timeout_ms > 0:
            self.handle = self.loop.call_later(timeout_ms / 1000, self._step)
        else:
            self.handle = None

    def _wake(self) -> None:
        self._schedule(0)

    def _step(self) -> None:
        self.handle = None
        if self.holds <= 0:
            return
        address = self.address
        if not _lib.g_main_context_acquire(address):
            # Another thread iterates this context: it runs the sources.
            self._watch({})
            return
        try:
            self._check_and_dispatch()
            priority = ctypes.c_int(0)
            ready = _lib.g_main_context_prepare(address, ctypes.byref(priority))
            timeout = ctypes.c_int(-1)
            while True:
                n_fds = _lib.g_main_context_query(address, priority.value, ctypes.byref(timeout),
                                                  self.fds, len(self.fds))
                if n_fds <= len(self.fds):
                    break
                self.fds = (_PollFD * n_fds)()
            self.priority = priority.value
            self.n_fds = n_fds
        finally:
            _lib.g_main_context_release(address)
        if self.holds <= 0:
            return
        self._watch({self.fds[i].fd: self.fds[i].events for i in range(n_fds)})
        self._schedule(0 if ready else timeout.value)

    def _check_and_dispatch(self) -> None:
        n_fds = self.n_fds
        if n_fds == 0 and self.handle is None and not self.watched:
            # The first step: nothing was prepared yet.
            return
        fds = self.fds
        poller = select.poll()
        for i in range(n_fds):
            fds[i].revents = 0
            poller.register(fds[i].fd, fds[i].events)
        index = {fds[i].fd: i for i in range(n_fds)}
        for fd, revents in poller.poll(0):
            fds[index[fd]].revents = revents
        if _lib.g_main_context_check(self.address, self.priority, fds, n_fds):
            _lib.g_main_context_dispatch(self.address)

    def _watch(self, wanted: dict[int, int]) -> None:
        loop = self.loop
        for fd, events in list(self.watched.items()):
            if wanted.get(fd) != events:
                if events & (_G_IO_IN | _G_IO_PRI | _G_IO_HUP | _G_IO_ERR):
                    loop.remove_reader(fd)
                if events & _G_IO_OUT:
                    loop.remove_writer(fd)
                del self.watched[fd]
        for fd, events in wanted.items():
            if fd in self.watched:
                continue
            if events & (_G_IO_IN | _G_IO_PRI | _G_IO_HUP | _G_IO_ERR):
                loop.add_reader(fd, self._wake)
            if events & _G_IO_OUT:
                loop.add_writer(fd, self._wake)
            self.watched[fd] = events


_watchers: weakref.WeakKeyDictionary[Any, GLibWatcher] = weakref.WeakKeyDictionary()


def hold(loop: asyncio.AbstractEventLoop) -> bool:
    """Keeps GLib iterated from @loop until release(); returns False (and
    holds nothing) when @loop iterates GLib itself."""
    if iterates_glib(loop):
        return False
    watcher = _watchers.get(loop)
    if watcher is None:
        watcher = _watchers[loop] = GLibWatcher(loop)
    watcher.holds += 1
    if watcher.holds == 1:
        watcher.start()
    return True


def release(loop: asyncio.AbstractEventLoop) -> None:
    """Undoes one hold()."""
    watcher = _watchers.get(loop)
    if watcher is None:
        return
    watcher.holds -= 1
    if watcher.holds == 0:
        watcher.stop()
