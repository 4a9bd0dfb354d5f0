# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""Makes every error that PyGObject or GLib would only log fail the test:
exceptions raised in callbacks (PyGObject prints them through
sys.excepthook), unraisable exceptions, exceptions in threads, and GLib
warnings or criticals from Gaio."""

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


sys.excepthook = _excepthook
sys.unraisablehook = _unraisablehook
threading.excepthook = _threadhook
for _domain in ('Gaio', 'GLib', 'GLib-GObject', 'GLib-GIO', 'libsoup'):
    GLib.log_set_handler(_domain,
                         GLib.LogLevelFlags.LEVEL_WARNING | GLib.LogLevelFlags.LEVEL_CRITICAL,
                         _log_handler, None)


@pytest.fixture(autouse=True)
def fail_on_logged_errors():
    """Fails the test when anything was only logged while it ran."""
    del _problems[:]
    yield
    import gc
    gc.collect()
    problems = list(_problems)
    del _problems[:]
    if problems:
        pytest.fail('errors only logged during the test:\n  ' + '\n  '.join(problems))
