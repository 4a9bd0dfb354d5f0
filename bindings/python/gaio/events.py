# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""Gaio's asyncio event loop: asyncio's own selector loop on a GMainContext.

EventLoop is asyncio's SelectorEventLoop with a GLibSelector, so asyncio's
transports, TLS, subprocesses, datagrams, Unix sockets, getaddrinfo,
executors, signal handlers, async generator finalization, the exception
handler and debug mode are asyncio's own code. What changes is the wait:
the loop sleeps in the GMainContext's poll(), so GLib sources (Gaio's C
scheduler, GTK, D-Bus, GIO callbacks) run on the same thread in the same
loop. The loop iterates GLib itself (run_forever, asyncio.run) or rides on
someone else's iteration (attach(): GLib.MainLoop.run(), Gtk/Gio
Application.run()). See doc/asyncio.md for why this design.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import math
import os
import sys
import threading
from typing import Any, Callable, Iterator

from gi.repository import GLib

from .selector import GLibSelector, release_address, thread_default_address

__all__ = ['EventLoop', 'EventLoopPolicy', 'new_event_loop', 'attach', 'get_attached_loop']

_attached: dict[int, 'EventLoop'] = {}  # thread id -> its attached loop


class EventLoop(asyncio.SelectorEventLoop):
    """An asyncio event loop running on a GLib main context.

    @context is the GMainContext to run on, by default the calling
    thread's thread-default one. Every asyncio API works as on asyncio's
    default loop; Gaio's C futures and tasks, and any GLib source attached
    to the context, run while the loop runs.

    asyncio's ready queue and timer heap stay in Python: a call_soon() is
    a deque append, not a GSource. With GAIO_DEBUG=tasks (or all), its
    tasks also appear by name in C's task list (futures.ListedTask). When GLib has nothing ready, waiting
    costs one poll() like asyncio's own select().
    """

    def __init__(self, context: GLib.MainContext | None = None) -> None:
        address = None
        self._own_context = False
        if context is None and _needs_own_context():
            # A worker thread with no context of its own would share the
            # global default one, which the main thread's loop owns
            # (asyncio.run() inside asyncio.to_thread()): like a GLib
            # thread, the loop gets a context and makes it the thread's
            # default while it runs, so C futures made there are its own.
            context = GLib.MainContext.new()
            self._own_context = True
        if context is None:
            address = thread_default_address()
            context = GLib.MainContext.ref_thread_default()
        self._glib_context = context
        self._address = address
        self._source: _LoopSource | None = None
        self._old_agen_hooks: Any = None
        super().__init__(GLibSelector(context, address))
        if _list_tasks():
            from .futures import listed_task_factory
            self.set_task_factory(listed_task_factory)

    @property
    def context(self) -> GLib.MainContext:
        """The GMainContext the loop runs on."""
        return self._glib_context

    # PyGObject 3.50+ duck-types a running loop by its `_context`: an
    # awaitable GIO `_async` call made without a callback needs one that
    # iterates the thread-default context, and its GLib.MainLoop.run(),
    # Gio.Application.run() and MainContext.iteration() overrides call the
    # loop's running() and paused() around themselves.

    @property
    def _context(self) -> GLib.MainContext:
        return self._glib_context

    @contextlib.contextmanager
    def paused(self) -> Iterator[None]:
        """Around a MainContext.iteration() made by Python code: nothing
        to do, as the loop's sources run in whatever iterates the context."""
        yield

    @contextlib.contextmanager
    def running(self, quit_func: Callable[[], None]) -> Iterator[None]:
        """Around GLib.MainLoop.run() or Gio.Application.run() on this
        loop's context: they run as without an asyncio loop, with
        PyGObject's own signal wakeup (attach() is how the loop runs
        inside them)."""
        try:
            from gi._ossighelper import DummyEventLoop
        except ImportError:
            yield
            return
        with DummyEventLoop.running(quit_func):
            yield

    def run_forever(self) -> None:
        if not self._glib_context.acquire():
            raise RuntimeError('the GLib main context of this loop is owned by another thread')
        if self._own_context:
            self._glib_context.push_thread_default()
        try:
            super().run_forever()
        finally:
            if self._own_context:
                self._glib_context.pop_thread_default()
            self._glib_context.release()

    def set_debug(self, enabled: bool) -> None:
        super().set_debug(enabled)
        from . import _gi  # C steps are timed against the same threshold
        _gi.Gaio.set_slow_callback_threshold(
            math.ceil(self.slow_callback_duration * 1000) if enabled else 0)

    def close(self) -> None:
        if self._source is not None:
            self.detach()
        super().close()
        release_address(self._address)
        self._address = None

    # Riding on someone else's iteration.

    def attach(self) -> None:
        """Makes the loop run whenever its context is iterated by someone
        else (GLib.MainLoop.run(), Gio.Application.run(), GTK): from now on
        it is this thread's running loop, so asyncio code in a signal
        handler (create_task, get_running_loop, aiohttp) just works. No
        nested iteration: the loop's work is one GSource of the context.
        detach() (or close()) undoes it."""
        self._check_closed()
        if self._source is not None:
            return
        if self.is_running() or asyncio._get_running_loop() is not None:
            raise RuntimeError('cannot attach a loop while an event loop is running')
        self._running_setup()
        self._selector.iterating = False
        self._source = _LoopSource(self)
        self._source.attach(self._glib_context)
        _attached[threading.get_ident()] = self

    def detach(self) -> None:
        """Stops riding on the context's iteration (see attach())."""
        if self._source is None:
            return
        self._source.destroy()
        self._source = None
        self._selector.iterating = True
        _attached.pop(threading.get_ident(), None)
        self._running_cleanup()

    def is_attached(self) -> bool:
        """Whether attach() is in effect."""
        return self._source is not None

    def _running_setup(self) -> None:
        # What run_forever() does before its first iteration (3.12 names
        # it _run_forever_setup; 3.11 has it inline).
        self._set_coroutine_origin_tracking(self._debug)
        self._old_agen_hooks = sys.get_asyncgen_hooks()
        self._thread_id = threading.get_ident()
        sys.set_asyncgen_hooks(firstiter=self._asyncgen_firstiter_hook,
                               finalizer=self._asyncgen_finalizer_hook)
        asyncio.events._set_running_loop(self)

    def _running_cleanup(self) -> None:
        self._stopping = False
        self._thread_id = None
        asyncio.events._set_running_loop(None)
        self._set_coroutine_origin_tracking(False)
        if self._old_agen_hooks is not None:
            sys.set_asyncgen_hooks(*self._old_agen_hooks)
            self._old_agen_hooks = None

    def _next_timeout(self) -> int:
        """GLib's prepare() timeout for an attached loop: 0 when callbacks
        or descriptor events wait, -1 with no timer, else milliseconds
        until the next timer."""
        if self._ready or self._selector.has_events():
            return 0
        scheduled = self._scheduled
        while scheduled and scheduled[0]._cancelled:
            # _run_once() pops these too; a cancelled head must not wake us.
            self._timer_cancelled_count -= 1
            heapq.heappop(scheduled)._scheduled = False
        if not scheduled:
            return -1
        return max(0, math.ceil((scheduled[0]._when - self.time()) * 1000))

    def _dispatch_attached(self) -> None:
        try:
            self._run_once()
        finally:
            self._stopping = False


def _list_tasks() -> bool:
    """Whether GAIO_DEBUG asks for asyncio tasks in C's task list."""
    flags = os.environ.get('GAIO_DEBUG', '')
    return 'tasks' in flags or 'all' in flags


class _LoopSource(GLib.Source):
    """The one GSource of an attached loop: ready when asyncio has
    callbacks, descriptor events or a due timer; dispatching runs one
    asyncio iteration (without polling: GLib just did)."""

    def __init__(self, loop: EventLoop) -> None:
        super().__init__()
        self._loop = loop
        self.set_name('Gaio asyncio loop')

    def prepare(self) -> tuple[bool, int]:
        timeout = self._loop._next_timeout()
        return timeout == 0, timeout

    def check(self) -> bool:
        return self._loop._next_timeout() == 0

    def dispatch(self, callback: Any, args: Any) -> bool:
        self._loop._dispatch_attached()
        return GLib.SOURCE_CONTINUE


def new_event_loop() -> EventLoop:
    """A new EventLoop on the thread-default GMainContext; the
    `loop_factory` of asyncio.run() and asyncio.Runner."""
    return EventLoop()


def _needs_own_context() -> bool:
    """True in a thread other than the main one that pushed no context."""
    return (threading.current_thread() is not threading.main_thread()
            and GLib.MainContext.get_thread_default() is None)


def attach(context: GLib.MainContext | None = None) -> EventLoop:
    """The EventLoop attached to @context (the thread-default one by
    default) for the calling thread, made and attached on first use.
    Call it before GLib.MainLoop.run() or Gio.Application.run()."""
    loop = _attached.get(threading.get_ident())
    if loop is None or loop.is_closed():
        loop = EventLoop(context)
        loop.attach()
    elif context is not None and loop.context != context:
        raise RuntimeError('this thread already has a loop attached to another context')
    return loop


def get_attached_loop() -> EventLoop | None:
    """The calling thread's attached EventLoop, or None."""
    return _attached.get(threading.get_ident())


class EventLoopPolicy(asyncio.DefaultEventLoopPolicy):
    """An asyncio event loop policy whose loops are Gaio EventLoops, for
    code that sets policies (`asyncio.set_event_loop_policy(
    Gaio.EventLoopPolicy())`). On Python 3.12+ prefer
    `asyncio.run(main(), loop_factory=Gaio.new_event_loop)` or Gaio.run().
    """

    _loop_factory = EventLoop
