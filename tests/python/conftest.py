# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""Makes every error that PyGObject or GLib would only log fail the test:
exceptions raised in callbacks (PyGObject prints them through
sys.excepthook), unraisable exceptions, exceptions in threads, GLib
warnings or criticals from Gaio, errors the override logs (a future's
exception never retrieved), and tasks still alive that failed unobserved."""

import gc
import importlib
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


logging.getLogger('Gaio').addHandler(_ProblemHandler(logging.ERROR))


def _unobserved_failed_tasks():
    """Tasks the override still tracks that failed and whose exception
    nobody retrieved; each is marked observed, so it is reported once and
    does not warn again when it is finalized later."""
    override = importlib.import_module('gi.overrides.Gaio')
    found = []
    for task in list(override._all_tasks):
        if task._state == 2 and not task._observed:
            found.append('task %r failed and nobody retrieved its exception %r'
                         % (task.get_name(), task._exception))
            task._retrieved()
    return found


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
    problems = list(_problems) + _unobserved_failed_tasks()
    del _problems[:]
    if problems:
        pytest.fail('errors only logged during the test:\n  ' + '\n  '.join(problems))
