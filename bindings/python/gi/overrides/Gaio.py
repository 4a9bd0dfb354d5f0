# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""asyncio on the GLib main loop, over the Gaio C library.

`from gi.repository import Gaio` loads this override, a facade over the
`gaio` package (bindings/python/gaio). Programs written for asyncio run
unchanged on Gaio's loop:

    async def main():
        task = asyncio.create_task(work(), name='work')   # or Gaio.create_task
        print(await asyncio.gather(task, Gaio.read_file('notes.txt')))

    Gaio.run(main())    # asyncio.run() on Gaio.EventLoop

The asyncio names Gaio exports (gather, wait, sleep, TaskGroup, Queue,
...) are asyncio's own objects. Gaio adds what asyncio lacks: the loop on
GLib, C futures and tasks awaitable on any loop (Gaio.Future), the libsoup
HTTP client, atomic files, gatherers as list models, call_async() for any
GIO pair, and GApplication helpers. See doc/bindings.md.
"""

import asyncio

from gi.module import get_introspection_module
from gi.overrides import override

from gi.repository import GLib

# First: the C library checks for this quark when Gaio.Future's type is
# registered, and warns that the override is missing without it.
GLib.quark_from_string('gaio-python-override')

from gaio import events, files, futures, gio, graph, gtk, http, runners  # noqa: E402
from gaio.futures import FutureMixin, to_gaio  # noqa: E402

Gaio = get_introspection_module('Gaio')

__all__ = []


def _export(obj, name=None):
    name = name or obj.__name__
    globals()[name] = obj
    __all__.append(name)
    return obj


# asyncio's own names: `Gaio.gather is asyncio.gather`.
for _name in ('gather', 'wait', 'wait_for', 'as_completed', 'timeout', 'timeout_at', 'shield',
              'TaskGroup', 'Semaphore', 'BoundedSemaphore', 'Lock', 'Event', 'Condition',
              'Barrier', 'BrokenBarrierError', 'Queue', 'PriorityQueue', 'LifoQueue',
              'QueueEmpty', 'QueueFull', 'to_thread', 'current_task', 'all_tasks', 'sleep',
              'create_task', 'ensure_future', 'wrap_future', 'isfuture', 'iscoroutine',
              'get_running_loop', 'get_event_loop', 'run_coroutine_threadsafe',
              'CancelledError', 'InvalidStateError', 'TimeoutError',
              'FIRST_COMPLETED', 'FIRST_EXCEPTION', 'ALL_COMPLETED'):
    _export(getattr(asyncio, _name), _name)

# The loop and its entry points.
for _obj in (events.EventLoop, events.EventLoopPolicy, events.new_event_loop, events.attach,
             runners.Runner, runners.run, gtk.hold_task, gtk.run_application,
             files.read_file, files.write_file, files.open, files.AsyncFile,
             gio.call_async, http.TraceConfig, to_gaio):
    _export(_obj)


@override
class Future(FutureMixin, Gaio.Future):
    """A Gaio (C) future with asyncio.Future's API: `await` works on it in
    any asyncio task, on Gaio's loop, on gi.events and on asyncio's default
    loop. `Gaio.Future()` makes a pending C future to settle from Python;
    futures C code returns (HTTP requests, file reads, C tasks) are the
    same class."""


__all__.append('Future')


@override
class Task(Gaio.Task):
    """A C task (GaioTask) as an asyncio future. Python coroutines become
    asyncio Tasks (Gaio.create_task is asyncio.create_task); list_live()
    and dump_live() show both kinds."""

    @staticmethod
    def list_live():
        """The live C tasks, then the pending asyncio tasks of the running
        (or attached) loop."""
        tasks = list(Gaio.Task.list_live())
        loop = futures._running_loop()
        if loop is not None:
            tasks.extend(t for t in asyncio.all_tasks(loop) if not t.done())
        return tasks

    @staticmethod
    def dump_live():
        """gaio_task_dump_live(), followed by one line per pending asyncio
        task of the running (or attached) loop with its name."""
        text = Gaio.Task.dump_live() or ''
        loop = futures._running_loop()
        if loop is not None:
            for task in asyncio.all_tasks(loop):
                if not task.done():
                    text += '%s (asyncio task): %r\n' % (task.get_name(), task.get_coro())
        return text

    @staticmethod
    def dump_graph():
        """gaio_task_dump_graph() with the pending asyncio tasks of the
        running (or attached) loop drawn among the C tasks, each with its
        coroutine stack and what it awaits (see gaio/graph.py)."""
        return graph.dump_graph()

    @staticmethod
    def print_graph():
        """Prints dump_graph() to stderr."""
        graph.print_graph()

    @staticmethod
    def install_dump_signal(signum):
        """Prints the graph, asyncio tasks included, on @signum."""
        return graph.install_dump_signal(signum)


__all__.append('Task')


@override
class Gatherer(Gaio.Gatherer):
    """GaioGatherer (a GListModel of futures) that takes any awaitable:
    asyncio tasks and futures join as C futures (to_gaio). Awaiting one in
    ALL or ALL_SETTLED mode gives the list of results (exceptions in their
    slots with return-errors), the same Python objects."""

    @staticmethod
    def new(mode, futures_):
        return Gaio.Gatherer.new(mode, [to_gaio(f) for f in futures_])

    @staticmethod
    def new_wait(mode, timeout_ms, futures_):
        return Gaio.Gatherer.new_wait(mode, timeout_ms, [to_gaio(f) for f in futures_])

    def add(self, future):
        Gaio.Gatherer.add(self, to_gaio(future))

    def result(self):
        value = FutureMixin.result(self)
        if self.is_wait() or self.get_mode() not in (Gaio.GatherMode.ALL,
                                                     Gaio.GatherMode.ALL_SETTLED):
            return value
        return [_outcome(self.get_future(i)) for i in range(self.get_n_futures())]


__all__.append('Gatherer')


def _outcome(future):
    if future.cancelled():
        return asyncio.CancelledError()
    exc = future.exception()
    return exc if exc is not None else future.result()


@override
class HttpClient(http.HttpClientMixin, Gaio.HttpClient):
    __doc__ = http.HttpClientMixin.__doc__


@override
class HttpResponse(http.HttpResponseMixin, Gaio.HttpResponse):
    __doc__ = http.HttpResponseMixin.__doc__


@override
class WebSocket(http.WebSocketMixin, Gaio.WebSocket):
    __doc__ = http.WebSocketMixin.__doc__


@override
class WebSocketMessage(http.WebSocketMessageMixin, Gaio.WebSocketMessage):
    __doc__ = http.WebSocketMessageMixin.__doc__


__all__ += ['HttpClient', 'HttpResponse', 'WebSocket', 'WebSocketMessage']


def timeout_future(future, milliseconds):
    """gaio_timeout(): a C future that settles as @future does, or rejects
    with TimeoutError after @milliseconds and cancels @future. Any
    awaitable is accepted (see to_gaio); asyncio.timeout() is
    `Gaio.timeout`."""
    from gaio import _checks
    _checks.count('milliseconds', milliseconds)
    return Gaio.timeout(to_gaio(future), milliseconds)


_export(timeout_future)
