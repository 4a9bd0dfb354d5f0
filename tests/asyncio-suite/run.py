#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""Runs CPython's own test_asyncio (Debian's libpython3.X-testsuite) on
Gaio's event loop, or on asyncio's default loop for the baseline, and
prints one TAP line per test.

    /usr/bin/python3 tests/asyncio-suite/run.py [--loop gaio|default] [-j N]
        [--timeout SECONDS] [--json FILE] [MODULE[.Class[.test]] ...]
    /usr/bin/python3 tests/asyncio-suite/run.py --compare DEFAULT.json GAIO.json

With --loop gaio, before the tests are loaded, Gaio's loop replaces
asyncio's everywhere a test asks for one: Gaio.EventLoopPolicy becomes the
default policy (asyncio.new_event_loop(), asyncio.run(), asyncio.Runner and
the policy tests), and asyncio.SelectorEventLoop builds a Gaio loop (the
test classes that build a selector loop, whatever selector they pass:
test_events' Select/Poll/EPoll variants, test_sendfile, test_sock_lowlevel,
test_server, test_buffered_proto, test_unix_events...). Tests that build a
virtual-time TestLoop or a mocked BaseEventLoop keep them; the summary says
how many tests ran on which loop, counted from the loops each test created.

Tests tied to the selector loop's internals are listed, each with its
reason, in excluded.txt beside this file; they are reported as SKIP. An
entry that matches no test is itself a failure, so the list cannot rot.

Each test module runs in its own process (-j of them at a time), with
regrtest's defaults (no optional resources: no Internet, no 'cpu' tests).
A test that runs longer than --timeout seconds is killed with its process,
reported as failed with the stacks faulthandler dumped just before, and
the module goes on in a new process after it; a crash likewise.
"""

import argparse
import fnmatch
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
EXCLUDED = os.path.join(HERE, 'excluded.txt')
PACKAGE = 'test.test_asyncio'
SKIP_EXIT = 77  # meson's code for a test that cannot run


# Worker: runs the tests of one module in this process ------------------------

def stand_in():
    """A namespace with Gaio's loop names whose loop is asyncio's own, under
    another class name: to check this harness's substitution before Gaio
    has a loop, or where it is broken (--stand-in)."""
    import asyncio.unix_events
    import types

    class StandInEventLoop(asyncio.unix_events._UnixSelectorEventLoop):
        def __init__(self):
            super().__init__()

    class StandInEventLoopPolicy(asyncio.unix_events._UnixDefaultEventLoopPolicy):
        _loop_factory = StandInEventLoop

    return types.SimpleNamespace(EventLoop=StandInEventLoop,
                                 EventLoopPolicy=StandInEventLoopPolicy,
                                 new_event_loop=StandInEventLoop)


def install_gaio_loop(use_stand_in=False):
    """Makes every loop asyncio builds for a test a Gaio loop. Returns the
    class whose instances count as Gaio's."""
    import asyncio
    import asyncio.unix_events
    if use_stand_in:
        Gaio = stand_in()
    else:
        import gi
        gi.require_version('Gaio', '1.0')
        from gi.repository import Gaio

    class GaioSelectorEventLoop(Gaio.EventLoop):
        """Gaio's loop under asyncio's class names, so isinstance() checks
        against asyncio.SelectorEventLoop (or 3.13's asyncio.EventLoop) hold."""

        def __init__(self, selector=None):
            # Gaio's loop polls through GLib: the selector a test picked
            # (select, poll, epoll) has no part in it.
            if selector is not None:
                selector.close()
            super().__init__()

    for module in (asyncio, asyncio.unix_events):
        module.SelectorEventLoop = GaioSelectorEventLoop
        if hasattr(module, 'EventLoop'):  # Python 3.13
            module.EventLoop = GaioSelectorEventLoop
        module.DefaultEventLoopPolicy = Gaio.EventLoopPolicy
    asyncio.set_event_loop_policy(None)  # the next lookup creates Gaio's
    return Gaio.EventLoop


def record_loops(classes, created):
    """Wraps __init__ of @classes so that every loop built appends the name
    of its class to @created."""
    for cls in classes:
        original = cls.__init__

        def __init__(self, *args, __original=original, **kwargs):
            kind = type(self)
            created.add('%s.%s' % (kind.__module__, kind.__qualname__))
            __original(self, *args, **kwargs)
        cls.__init__ = __init__


def short_id(test):
    name = test.id()
    prefix = PACKAGE + '.'
    return name[len(prefix):] if name.startswith(prefix) else name


def flatten(suite):
    for item in suite:
        if hasattr(item, '__iter__'):
            yield from flatten(item)
        else:
            yield item


def worker(args):
    import faulthandler
    import unittest
    from test import support

    events = os.fdopen(args.events_fd, 'w', buffering=1)

    def send(**event):
        events.write(json.dumps(event) + '\n')

    support.use_resources = []  # regrtest's default: no optional resources
    support.verbose = 0
    faulthandler.enable(all_threads=True)

    import asyncio.base_events
    created = set()
    classes = [asyncio.base_events.BaseEventLoop]
    if args.loop == 'gaio':
        try:
            gaio_class = install_gaio_loop(args.stand_in)
        except (ImportError, ValueError, AttributeError) as error:
            send(event='unavailable', reason='Gaio has no event loop: %s' % error)
            return
        if not issubclass(gaio_class, asyncio.base_events.BaseEventLoop):
            classes.append(gaio_class)
    record_loops(classes, created)

    skip = set(args.skip)
    loader = unittest.TestLoader()
    module = args.unit.split('.')[0]
    try:
        suite = loader.loadTestsFromName('%s.%s' % (PACKAGE, module))
    except unittest.SkipTest as skipped:  # the module refuses this platform
        send(event='result', id=module, outcome='skipped', detail=str(skipped), loops=[])
        send(event='done')
        return
    wanted = unittest.TestSuite(
        test for test in flatten(suite)
        if short_id(test) not in skip
        and (short_id(test) + '.').startswith(args.unit + '.'))

    class Result(unittest.TestResult):
        """Sends each test's start and outcome to the parent at once."""

        def startTest(self, test):
            super().startTest(test)
            created.clear()
            self.outcome, self.detail = 'ok', ''
            self.began = time.monotonic()
            send(event='start', id=short_id(test))
            faulthandler.dump_traceback_later(max(args.timeout - 2, 1), exit=False)

        def stopTest(self, test):
            faulthandler.cancel_dump_traceback_later()
            super().stopTest(test)
            send(event='result', id=short_id(test), outcome=self.outcome,
                 detail=self.detail, loops=sorted(created),
                 seconds=round(time.monotonic() - self.began, 3))

        def _fail(self, test, err, outcome='failed'):
            text = self._exc_info_to_string(err, test) if err else ''
            if not hasattr(test, '_testMethodName'):
                # setUpModule, setUpClass or their tearDown: no startTest.
                send(event='result', id=short_id(test) or str(test), outcome=outcome,
                     detail=text, loops=[])
                return
            self.outcome = outcome
            self.detail += text

        def addError(self, test, err):
            super().addError(test, err)
            self._fail(test, err)

        def addFailure(self, test, err):
            super().addFailure(test, err)
            self._fail(test, err)

        def addSubTest(self, test, subtest, err):
            super().addSubTest(test, subtest, err)
            if err is not None:
                self._fail(test, err)

        def addSkip(self, test, reason):
            super().addSkip(test, reason)
            if not hasattr(test, '_testMethodName'):
                send(event='result', id=str(test), outcome='skipped', detail=reason, loops=[])
                return
            self.outcome, self.detail = 'skipped', reason

        def addExpectedFailure(self, test, err):
            super().addExpectedFailure(test, err)
            self.outcome = 'ok'  # unittest's "expected failure" is a pass

        def addUnexpectedSuccess(self, test):
            super().addUnexpectedSuccess(test)
            self.outcome, self.detail = 'failed', 'unexpected success'

    wanted.run(Result())
    send(event='done')


# Parent: schedules the modules, enforces timeouts, prints TAP ------------------

def test_modules():
    import importlib
    package = importlib.import_module(PACKAGE)
    directory = os.path.dirname(package.__file__)
    return sorted(name[:-3] for name in os.listdir(directory)
                  if name.startswith('test_') and name.endswith('.py'))


def plan(names, split_above=80):
    """The units to run, longest first: a module, or each class of a module
    with more than @split_above tests, so that the two processes finish
    together. Test counts stand for durations, and test_ssl's slow
    handshakes for more."""
    import unittest
    loader = unittest.TestLoader()
    sized = []
    for name in names:
        if '.' in name:
            sized.append((0, name))
            continue
        try:
            tests = [short_id(test) for test in
                     flatten(loader.loadTestsFromName('%s.%s' % (PACKAGE, name)))]
        except unittest.SkipTest:
            sized.append((0, name))
            continue
        classes = {}
        for test_id in tests:
            key = '.'.join(test_id.split('.')[:2])
            classes[key] = classes.get(key, 0) + 1
        if len(tests) > split_above and len(classes) > 1:
            sized.extend((count, key) for key, count in classes.items())
        else:
            sized.append((len(tests) * (4 if name == 'test_ssl' else 1), name))
    return [name for size, name in sorted(sized, key=lambda item: -item[0])]


def read_excluded(path):
    """[(pattern, reason)] from excluded.txt: a test id or an fnmatch
    pattern, white space, the reason. # starts a comment line."""
    entries = []
    with open(path) as lines:
        for number, line in enumerate(lines, 1):
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            pattern, _, reason = line.partition(' ')
            if not reason.strip():
                raise SystemExit('%s:%d: %s has no reason' % (path, number, pattern))
            entries.append((pattern, reason.strip()))
    return entries


class Unit:
    """One module (or Module.Class) and what ran of it so far."""

    def __init__(self, name):
        self.name = name
        self.done = []          # ids with a result
        self.current = None     # id of the test running
        self.started = None     # when it started (monotonic)
        self.finished = False
        self.process = None
        self.events = None
        self.log = None
        self.buffer = ''


class Runner:
    def __init__(self, options):
        self.options = options
        self.results = {}       # id -> {"outcome", "detail", "loops"}
        self.order = []
        self.unavailable = None
        self.excluded = read_excluded(EXCLUDED) if options.loop == 'gaio' else []
        self.used_patterns = set()
        self.durations = {}     # unit -> seconds, from its first start

    # TAP output as results arrive; excluded tests are reported as SKIP.
    def report(self, test_id, outcome, detail='', loops=(), seconds=None):
        if test_id in self.results:
            return
        reason = self.exclusion(test_id) if outcome != 'skipped' else None
        if reason:
            outcome, detail = 'excluded', reason
        self.results[test_id] = {'outcome': outcome, 'detail': detail, 'loops': list(loops),
                                 'seconds': seconds}
        self.order.append(test_id)
        number = len(self.order)
        if outcome == 'ok':
            print('ok %d - %s' % (number, test_id))
        elif outcome == 'skipped':
            print('ok %d - %s # SKIP %s' % (number, test_id, one_line(detail)))
        elif outcome == 'excluded':
            print('ok %d - %s # SKIP excluded: %s' % (number, test_id, one_line(detail)))
        else:
            print('not ok %d - %s (%s)' % (number, test_id, outcome))
            for line in detail.rstrip().splitlines()[-60:]:
                print('# ' + line)
        sys.stdout.flush()

    def exclusion(self, test_id):
        for pattern, reason in self.excluded:
            if fnmatch.fnmatchcase(test_id, pattern):
                self.used_patterns.add(pattern)
                return reason
        return None

    def start(self, unit):
        read_fd, write_fd = os.pipe()
        command = [sys.executable, os.path.abspath(__file__), '--worker',
                   '--events-fd', str(write_fd), '--loop', self.options.loop,
                   '--timeout', str(self.options.timeout), unit.name]
        if self.options.stand_in:
            command.append('--stand-in')
        for test_id in unit.done + ([unit.current] if unit.current else []):
            command += ['--skip', test_id]
        unit.current = unit.started = None
        if unit.log:
            unit.log.close()
        unit.log = tempfile.TemporaryFile(mode='w+')
        unit.process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=unit.log, stderr=subprocess.STDOUT,
            pass_fds=(write_fd,), start_new_session=True)
        os.close(write_fd)
        os.set_blocking(read_fd, False)
        unit.events = read_fd
        unit.buffer = ''
        unit.last_event = time.monotonic()

    def log_tail(self, unit, lines=80):
        unit.log.seek(0)
        return ''.join(unit.log.readlines()[-lines:])

    def stop(self, unit):
        try:
            os.killpg(unit.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        unit.process.wait()
        os.close(unit.events)
        unit.events = None

    def handle(self, unit, event):
        kind = event['event']
        if kind == 'start':
            unit.current, unit.started = event['id'], time.monotonic()
        elif kind == 'result':
            self.report(event['id'], event['outcome'], event['detail'], event['loops'],
                        event.get('seconds'))
            unit.done.append(event['id'])
            if event['id'] == unit.current:
                unit.current = unit.started = None
        elif kind == 'done':
            unit.finished = True
            self.durations[unit.name] = time.monotonic() - unit.began
        elif kind == 'unavailable':
            self.unavailable = event['reason']
            unit.finished = True

    def pump(self, unit):
        """Reads the events the worker sent; False once its pipe closed."""
        while True:
            try:
                data = os.read(unit.events, 65536)
            except BlockingIOError:
                return True
            if not data:
                return False
            unit.buffer += data.decode()
            *lines, unit.buffer = unit.buffer.split('\n')
            for line in lines:
                unit.last_event = time.monotonic()
                self.handle(unit, json.loads(line))

    def after_exit(self, unit, why):
        """The worker is gone: blame the running test, or the module, and go
        on with the rest of the module in a new process."""
        if unit.finished:
            return False
        if unit.current is not None:
            self.report(unit.current, why, self.log_tail(unit))
            unit.done.append(unit.current)
            unit.current = None
            return True  # restart after the culprit
        # Died outside any test (import, setUpModule...) without a result.
        self.report(unit.name, why, self.log_tail(unit))
        unit.finished = True
        return False

    def run(self, names):
        pending = [Unit(name) for name in names]
        running = []
        deadline = time.monotonic() + self.options.budget
        while pending or running:
            while pending and len(running) < self.options.jobs:
                unit = pending.pop(0)
                unit.began = time.monotonic()
                self.start(unit)
                running.append(unit)
            time.sleep(0.05)
            now = time.monotonic()
            for unit in list(running):
                alive = self.pump(unit)
                why = None
                if not alive:
                    code = unit.process.wait()
                    why = 'crashed with status %d' % code if code else 'exited early'
                elif now - unit.last_event > self.options.timeout:
                    why = 'timed out after %d s' % self.options.timeout
                elif now > deadline:
                    why = 'stopped: the run took longer than --budget %d s' % self.options.budget
                if why is None:
                    continue
                if alive:
                    self.stop(unit)
                else:
                    os.close(unit.events)
                    unit.events = None
                running.remove(unit)
                if self.after_exit(unit, why) and now <= deadline:
                    self.start(unit)
                    running.append(unit)
                elif not unit.finished:
                    self.report(unit.name, 'not run', why)
            if now > deadline:
                for unit in pending:
                    self.report(unit.name, 'not run', 'the run took longer than --budget')
                pending = []
            if self.unavailable:
                for unit in running:
                    self.stop(unit)
                return

    def check_excluded(self, complete):
        """Every excluded.txt entry must match a test that ran."""
        if not complete:
            return
        for pattern, reason in self.excluded:
            if pattern not in self.used_patterns:
                self.report('excluded.txt:' + pattern, 'failed',
                            'this entry matches no test: remove it (%s)' % reason)

    def summary(self, seconds):
        counts = {}
        for result in self.results.values():
            counts[result['outcome']] = counts.get(result['outcome'], 0) + 1
        passed = [r for r in self.results.values() if r['outcome'] == 'ok']
        loops = {}
        for result in passed:
            for name in result['loops'] or ['(no event loop)']:
                loops[name] = loops.get(name, 0) + 1
        print('1..%d' % len(self.order))
        print('# loop: %s, %d tests in %.0f s' % (self.options.loop, len(self.order), seconds))
        print('# %s' % ', '.join('%d %s' % (n, kind) for kind, n in sorted(counts.items())))
        print('# loops built by the tests that passed (a test may build several):')
        for name, n in sorted(loops.items(), key=lambda item: -item[1]):
            print('#   %6d %s' % (n, name))
        slowest = sorted(self.durations.items(), key=lambda item: -item[1])[:8]
        print('# slowest modules: ' + ', '.join('%s %.0f s' % item for item in slowest))


def compare(baseline_path, gaio_path):
    """Lists the tests whose outcome differs between two --json files (the
    default loop's and Gaio's): a test that passes on the default loop and
    neither passes nor is excluded on Gaio's is a regression. Returns 1
    when there is one."""
    with open(baseline_path) as f:
        baseline = json.load(f)['results']
    with open(gaio_path) as f:
        gaio = json.load(f)['results']
    regressions = 0
    for test_id in sorted(set(baseline) | set(gaio)):
        before = baseline.get(test_id, {}).get('outcome', 'absent')
        after = gaio.get(test_id, {}).get('outcome', 'absent')
        if before == after:
            continue
        regression = before == 'ok' and after not in ('ok', 'excluded')
        regressions += regression
        print('%s %s: %s on the default loop, %s on Gaio\'s'
              % ('REGRESSION' if regression else 'differs', test_id, before, after))
    for name, results in (('default loop', baseline), ("Gaio's loop", gaio)):
        counts = {}
        for result in results.values():
            counts[result['outcome']] = counts.get(result['outcome'], 0) + 1
        print('%s: %s' % (name, ', '.join('%d %s' % (n, kind)
                                          for kind, n in sorted(counts.items()))))
    print('%d regressions' % regressions)
    return 1 if regressions else 0


def one_line(text):
    return ' '.join(text.split())[:200]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--loop', choices=('gaio', 'default'), default='gaio')
    parser.add_argument('-j', '--jobs', type=int, default=2)
    parser.add_argument('--timeout', type=int, default=90,
                        help='seconds one test may run before it is killed')
    parser.add_argument('--json', help='write every result to this file')
    parser.add_argument('--compare', nargs=2, metavar=('DEFAULT_JSON', 'GAIO_JSON'),
                        help='compare two --json files instead of running tests')
    parser.add_argument('--stand-in', action='store_true',
                        help="with --loop gaio: asyncio's own loop under Gaio's names,"
                        " to check the harness itself")
    parser.add_argument('--budget', type=int, default=900,
                        help='seconds after which the tests not run yet are failed')
    parser.add_argument('--worker', action='store_true', help=argparse.SUPPRESS)
    parser.add_argument('--events-fd', type=int, help=argparse.SUPPRESS)
    parser.add_argument('--skip', action='append', default=[], help=argparse.SUPPRESS)
    parser.add_argument('tests', nargs='*', help='modules, Module.Class or Module.Class.test')
    options = parser.parse_args()

    if options.worker:
        try:
            worker(argparse.Namespace(unit=options.tests[0], **vars(options)))
        except BaseException:
            traceback.print_exc()
            raise
        return 0

    if options.compare:
        return compare(*options.compare)
    try:
        modules = test_modules()
    except ImportError as error:
        print('1..0 # SKIP no CPython test suite (%s): install libpython3-testsuite' % error)
        return SKIP_EXIT
    runner = Runner(options)
    print('TAP version 13')
    began = time.monotonic()
    runner.run(plan(options.tests or modules))
    if runner.unavailable:
        print('1..0 # SKIP %s' % runner.unavailable)
        return SKIP_EXIT
    runner.check_excluded(complete=not options.tests)
    runner.summary(time.monotonic() - began)
    if options.json:
        with open(options.json, 'w') as out:
            json.dump({'loop': options.loop, 'results': runner.results}, out, indent=1)
    failed = any(r['outcome'] not in ('ok', 'skipped', 'excluded')
                 for r in runner.results.values())
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
