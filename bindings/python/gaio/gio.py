# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""Any GIO `name_async` / `name_finish` pair as an awaitable future."""

from __future__ import annotations

import importlib
from typing import Any, Callable

from ._gi import Gaio

__all__ = ['call_async']


def call_async(method: Callable[..., Any], *args: Any,
               finish: Callable[[Any], Any] | None = None) -> Gaio.Future:
    """Calls a GIO-style `name_async(..., cancellable, callback)` function
    and returns a Gaio future of what `name_finish` returns.

    @method is a bound or unbound introspected `_async` function; its
    `_finish` twin is found by name on the same class or namespace, or given
    as @finish. Pass the arguments that come before the callback; a `None`
    cancellable is replaced by the future's own, so cancelling the future
    cancels the operation:

        contents = await Gaio.call_async(file.load_contents_async, None)
    """
    if not callable(method):
        raise TypeError('method must be an introspected _async function, got %r' % (method,))
    from gi.repository import Gaio as facade
    future = facade.Future()
    info = getattr(getattr(method, '__func__', method), '__wrapped__', method)
    name = getattr(info, '__name__', '')
    if finish is None:
        if not name.endswith('_async'):
            raise ValueError('method %s is not an _async function; pass finish=' % name)
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

    def callback(source: Any, result: Any, *unused: Any) -> None:
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


def _find_finish(info: Any, finish_name: str) -> Callable[[Any, Any], Any]:
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
