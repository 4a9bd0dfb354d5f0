# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""Makes every error that PyGObject or GLib would only log fail the test:
exceptions raised in callbacks (PyGObject prints them through
sys.excepthook), unraisable exceptions, exceptions in threads, GLib
warnings or criticals from Gaio, and errors asyncio logs (a task's
exception never retrieved, an exception in a callback)."""

import gc
import logging
import sys
import threading

import gi

gi.require_version('Gaio', '1.0')
gi.require_version('Soup', '3.0')

import pytest  # noqa: E402
from gi.repository import GLib  # noqa: E402

_problems = []


def _excepthook(kind, value, tb):
    _problems.append('uncaught %s: %s' % (kind.__name__, value))
    sys.__excepthook__(kind, value, tb)


def _unraisablehook(unraisable):
    _problems.append('unraisable %r in %r' % (unraisable.exc_value, unraisable.object))
    sys.__unraisablehook__(unraisable)


def _threadhook(args):
    _problems.append('uncaught in thread %s: %r' % (args.thread, args.exc_value))
    threading.__excepthook__(args)


def _log_handler(domain, level, message, *unused):
    _problems.append('GLib %s: %s' % (domain, message))
    sys.stderr.write('%s-%s: %s\n' % (domain, level, message))


class _ProblemHandler(logging.Handler):
    """The override's logged errors ("Future exception was never
    retrieved", ...) as problems."""

    def emit(self, record):
        _problems.append('logged by %s: %s' % (record.name, record.getMessage()))


# asyncio logs a task's exception never retrieved, an exception in a
# callback, a slow callback in debug mode, ... through its logger.
logging.getLogger('Gaio').addHandler(_ProblemHandler(logging.ERROR))
logging.getLogger('asyncio').addHandler(_ProblemHandler(logging.ERROR))


sys.excepthook = _excepthook
sys.unraisablehook = _unraisablehook
threading.excepthook = _threadhook
for _domain in ('Gaio', 'GLib', 'GLib-GObject', 'GLib-GIO', 'libsoup'):
    GLib.log_set_handler(_domain,
                         GLib.LogLevelFlags.LEVEL_WARNING | GLib.LogLevelFlags.LEVEL_CRITICAL,
                         _log_handler, None)


@pytest.fixture
def logged_problems():
    """The list of problems found so far in this test, for a test that
    provokes one on purpose (it checks and clears it)."""
    return _problems


@pytest.fixture(autouse=True)
def fail_on_logged_errors():
    """Fails the test when anything was only logged while it ran."""
    del _problems[:]
    yield
    gc.collect()
    problems = list(_problems)
    del _problems[:]
    if problems:
        pytest.fail('errors only logged during the test:\n  ' + '\n  '.join(problems))
