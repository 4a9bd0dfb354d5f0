# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""asyncio in GLib and GTK applications, on the application's own loop.

    app = Gtk.Application(application_id='org.example.App')

    def on_activate(app):
        Gaio.hold_task(app, fetch_and_show(app))    # plain asyncio code

    app.connect('activate', on_activate)
    Gaio.run_application(app, sys.argv)

run_application() attaches Gaio's EventLoop to the thread-default main
context (see EventLoop.attach()) and runs the application: its main loop is
the asyncio loop, so signal handlers may call asyncio.create_task(),
asyncio.get_running_loop() and any asyncio library. hold_task() keeps the
application alive while a task runs and cancels it at shutdown.
"""

from __future__ import annotations

import asyncio
from typing import Any, Awaitable, Sequence

from gi.repository import Gio

from .events import EventLoop, attach

__all__ = ['hold_task', 'run_application']

_HELD = '_gaio_held_tasks'


def hold_task(application: Gio.Application, aw: Awaitable[Any], *,
              name: str | None = None) -> asyncio.Future:
    """Runs @aw as an asyncio task (a coroutine becomes one) while
    @application is held (g_application_hold), so the application does not
    exit before the task ends; the task is cancelled when the application
    shuts down. Returns the task."""
    if not isinstance(application, Gio.Application):
        raise TypeError('application must be a Gio.Application, not %s'
                        % type(application).__name__)
    task = asyncio.ensure_future(aw)
    if name is not None and isinstance(task, asyncio.Task):
        task.set_name(name)
    held = application.__dict__.get(_HELD)
    if held is None:
        held = set()
        setattr(application, _HELD, held)
        application.connect('shutdown', _cancel_held)
    held.add(task)
    application.hold()

    def done(task: asyncio.Future) -> None:
        held.discard(task)
        application.release()

    task.add_done_callback(done)
    return task


def _cancel_held(application: Gio.Application) -> None:
    for task in list(application.__dict__.get(_HELD, ())):
        task.cancel()


def run_application(application: Gio.Application,
                    argv: Sequence[str] | None = None) -> int:
    """Gio.Application.run() with Gaio's EventLoop attached to the main
    context for its duration. Afterwards, tasks still pending are
    cancelled and awaited, async generators finalized and the default
    executor shut down, as asyncio.run() does. Returns the exit status."""
    if not isinstance(application, Gio.Application):
        raise TypeError('application must be a Gio.Application, not %s'
                        % type(application).__name__)
    loop = attach()
    try:
        status = application.run(argv)
    finally:
        _close(loop)
    return status


def _close(loop: EventLoop) -> None:
    loop.detach()
    try:
        tasks = [t for t in asyncio.all_tasks(loop) if not t.done()]
        for task in tasks:
            task.cancel()
        if tasks:
            loop.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))
        loop.run_until_complete(loop.shutdown_asyncgens())
        loop.run_until_complete(loop.shutdown_default_executor())
    finally:
        loop.close()
