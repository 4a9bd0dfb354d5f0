# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""Gaio's Python package: asyncio on the GLib main loop.

Programs use it through `from gi.repository import Gaio` (the override in
gi/overrides/Gaio.py is a facade over this package). The modules follow
asyncio's layout:

- events: EventLoop (asyncio's selector loop on a GMainContext),
  EventLoopPolicy, new_event_loop(), attach()
- selector: GLibSelector, the selector that waits in GLib
- runners: run() and Runner (asyncio.run on EventLoop)
- futures: C futures as asyncio futures and back (to_gaio)
- watcher: GLib iterated from loops that do not iterate it
- http, files, gio: the libsoup client, atomic files, call_async()
- gtk: hold_task() and run_application() for GApplication programs
"""

from .events import EventLoop, EventLoopPolicy, attach, get_attached_loop, new_event_loop
from .runners import Runner, run

__all__ = ['EventLoop', 'EventLoopPolicy', 'Runner', 'attach', 'get_attached_loop',
           'new_event_loop', 'run']
