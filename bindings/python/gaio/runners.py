# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""asyncio.run() and asyncio.Runner on Gaio's event loop."""

from __future__ import annotations

import asyncio
from typing import Any, Coroutine, TypeVar

from .events import new_event_loop

__all__ = ['Runner', 'run']

_T = TypeVar('_T')


class Runner(asyncio.Runner):
    """asyncio.Runner whose loop is a Gaio EventLoop (unless another
    @loop_factory is given)."""

    def __init__(self, *, debug: bool | None = None, loop_factory: Any = None) -> None:
        super().__init__(debug=debug, loop_factory=loop_factory or new_event_loop)


def run(main: Coroutine[Any, Any, _T], *, debug: bool | None = None) -> _T:
    """Runs the coroutine @main on a new Gaio EventLoop and returns its
    result: asyncio.run() (tasks left are cancelled, async generators
    finalized, the default executor shut down, then the loop closed)."""
    if asyncio._get_running_loop() is not None:
        raise RuntimeError('Gaio.run() cannot be called from a running event loop')
    if not asyncio.iscoroutine(main):
        raise TypeError('a coroutine was expected, got {!r}'.format(main))
    with Runner(debug=debug) as runner:
        return runner.run(main)
