# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""The task graph across languages: asyncio tasks in C's drawing.

gaio_task_dump_graph() draws the tasks the C library knows, each under
the task awaiting it (asyncio 3.14's `pstree` shape). asyncio tasks join
it as bare GaioTasks: the mirror every task of Gaio's loop has under
GAIO_DEBUG=tasks (futures.ListedTask), or one made for the length of the
dump. Just before C draws, each gets the await chain read from its
asyncio task as asyncio.capture_call_graph() (3.14) reads it: the
coroutine stack down `cr_await`, outermost first, and what the task waits
on (`task._fut_waiter`): a C future (which C then describes: a sleep, a
semaphore, a gatherer, a fiber task...), another asyncio task, or the
children of asyncio.gather(). The chains are dropped again after the
dump, so they cost nothing between dumps.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from typing import Any, Iterator

from gi.repository import GLib

from ._gi import Gaio
from . import futures

__all__ = ['dump_graph', 'print_graph', 'install_dump_signal']


def _frames(task: asyncio.Task) -> list[str]:
    """The coroutine stack of @task, outermost first, as `name file:line`:
    coroutines only, so a future's own __await__ is not a frame."""
    frames = []
    coro: Any = task.get_coro()
    while len(frames) < 64:
        frame = getattr(coro, 'cr_frame', None)
        if frame is None:
            break
        code = frame.f_code
        name = getattr(code, 'co_qualname', code.co_name)
        frames.append('%s %s:%d' % (name, os.path.basename(code.co_filename), frame.f_lineno))
        coro = coro.cr_await
    return frames


class _Mirrors:
    """The bare GaioTask standing for each asyncio task during a dump."""

    def __init__(self) -> None:
        self.made: dict[asyncio.Task, Gaio.Task] = {}
        self.chained: list[Gaio.Task] = []

    def of(self, task: asyncio.Task) -> Gaio.Task:
        mirror = getattr(task, '_gaio_mirror', None) or self.made.get(task)
        if mirror is None:
            mirror = futures._mirror_class()()
            mirror._target = task
            Gaio.Future.set_name(mirror, task.get_name())
            self.made[task] = mirror
        return mirror

    def awaited(self, waiter: Any) -> list[Gaio.Future]:
        """The C futures standing for what a task waits on."""
        if waiter is None:
            return []
        if isinstance(waiter, Gaio.Future):
            return [waiter]
        if isinstance(waiter, asyncio.Task):
            return [self.of(waiter)]
        children = getattr(waiter, '_children', None)  # asyncio.gather()
        if children is not None:
            return [c for child in children if not child.done() for c in self.awaited(child)]
        return []

    def chain(self, task: asyncio.Task) -> None:
        mirror = self.of(task)
        Gaio.Task.set_await_chain(mirror, _frames(task),
                                  self.awaited(getattr(task, '_fut_waiter', None)))
        self.chained.append(mirror)

    def drop(self) -> None:
        for mirror in self.chained:
            Gaio.Task.set_await_chain(mirror, None, [])
        self.chained.clear()
        self.made.clear()


@contextlib.contextmanager
def _chained() -> Iterator[None]:
    """The asyncio tasks of the running (or attached) loop carry their
    await chains while the block runs."""
    loop = futures._running_loop()
    mirrors = _Mirrors()
    try:
        if loop is not None:
            for task in list(asyncio.all_tasks(loop)):
                if not task.done():
                    mirrors.chain(task)
        yield
    finally:
        mirrors.drop()


def dump_graph() -> str:
    """gaio_task_dump_graph() with the asyncio tasks of the running (or
    attached) loop drawn among the C tasks, with their coroutine stacks."""
    with _chained():
        return Gaio.Task.dump_graph()


def print_graph() -> None:
    """Prints dump_graph() to stderr, as gaio_task_print_graph() does."""
    text = dump_graph()
    if text:
        sys.stderr.write('Gaio: live tasks and what they await:\n' + text)
    else:
        sys.stderr.write('Gaio: no live tasks\n')
    sys.stderr.flush()


def install_dump_signal(signum: int) -> int:
    """Prints the graph (print_graph()) whenever the process receives
    @signum (SIGUSR1, SIGUSR2, SIGHUP, SIGINT, SIGTERM or SIGWINCH), from
    the GLib main context; returns the GLib source id. The Python side of
    gaio_task_install_dump_signal(): the handler runs Python, so asyncio
    tasks are drawn with their chains."""
    def handler(*args: Any) -> bool:
        print_graph()
        return GLib.SOURCE_CONTINUE

    if signum not in (signal.SIGUSR1, signal.SIGUSR2, signal.SIGHUP, signal.SIGINT,
                      signal.SIGTERM, signal.SIGWINCH):
        raise ValueError('install_dump_signal(signum): SIGUSR1, SIGUSR2, SIGHUP, SIGINT, '
                         'SIGTERM or SIGWINCH was expected, got %r' % (signum,))
    return GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signum, handler)
