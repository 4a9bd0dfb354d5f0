# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""The task graph from Python: asyncio tasks on Gaio's loop are drawn among
the C tasks with their coroutine stacks (asyncio 3.14's pstree shape), and
what they await in C (a semaphore, a gatherer, a sleep) is drawn by C."""

import asyncio
import os
import re
import signal
import subprocess
import sys
import textwrap

import pytest
from gi.repository import Gaio
from gaio._gi import Gaio as C  # the C API, without the override


def _tree(dump):
    """The dump as (depth, text) pairs, line numbers and addresses blanked."""
    nodes = []
    for line in dump.splitlines():
        match = re.match(r'^((?:    |│   )*)[└├]── (.*)$', line)
        assert match, 'not a tree line: %r' % line
        text = re.sub(r':\d+', ':N', re.sub(r'0x[0-9a-f]+', '0x', match.group(2)))
        nodes.append((len(match.group(1)) // 4, text))
    return nodes


def _children(nodes, index):
    depth = nodes[index][0]
    out = []
    for d, text in nodes[index + 1:]:
        if d <= depth:
            break
        if d == depth + 1:
            out.append(text)
    return out


def _find(nodes, text):
    return next(i for i, (_, t) in enumerate(nodes) if t == text)


async def _wait_event(event):
    await event.wait()


async def _wait_permit(semaphore):
    await semaphore.acquire()


async def _gather_c(future):
    await Gaio.Gatherer.new(Gaio.GatherMode.ALL, [future])


async def _parent(children):
    await asyncio.gather(*children)


def test_graph_draws_asyncio_tasks_among_c_futures():
    async def main():
        event = asyncio.Event()
        semaphore = C.Semaphore.new(0)  # Gaio.Semaphore is asyncio.Semaphore
        sleep = C.sleep(3600 * 1000)  # Gaio.sleep is asyncio.sleep
        leaf = asyncio.create_task(_wait_event(event), name='leaf')
        permit = asyncio.create_task(_wait_permit(semaphore), name='permit')
        gatherer = asyncio.create_task(_gather_c(sleep), name='c-gather')
        parent = asyncio.create_task(_parent([leaf, permit]), name='parent')
        for _ in range(5):
            await asyncio.sleep(0)
        dump = Gaio.Task.dump_graph()
        for task in (parent, leaf, permit, gatherer):
            task.cancel()
        await asyncio.gather(parent, leaf, permit, gatherer, return_exceptions=True)
        after = Gaio.Task.dump_graph()
        return dump, after, '(T) ' + asyncio.current_task().get_name()

    dump, after, me = Gaio.run(main())
    nodes = _tree(dump)
    # The main task runs the dump: its stack only.
    main = _find(nodes, me)
    assert _children(nodes, main) == [' test_graph_draws_asyncio_tasks_among_c_futures.<locals>.main '
                                      'test_graph.py:N']
    # parent -> its stack -> the two tasks asyncio.gather() waits on.
    parent = _find(nodes, '(T) parent')
    assert _children(nodes, parent) == [' _parent test_graph.py:N']
    assert _children(nodes, parent + 1) == ['(T) leaf', '(T) permit']
    leaf = _find(nodes, '(T) leaf')
    assert _children(nodes, leaf) == [' _wait_event test_graph.py:N']
    assert _children(nodes, leaf + 1) == [' Event.wait locks.py:N']
    # A C future awaited from Python is drawn by C.
    permit = _find(nodes, '(T) permit')
    assert _children(nodes, permit) == [' _wait_permit test_graph.py:N']
    assert _children(nodes, permit + 1) == ['Semaphore.acquire']
    gatherer = _find(nodes, '(T) c-gather')
    assert _children(nodes, gatherer + 1) == ['gather (0 of 1 done)']
    assert _children(nodes, gatherer + 2) == ['sleep']
    # Roots (in no set order, as asyncio.all_tasks() has none): the
    # tasks nobody awaits; the awaited ones are drawn only under parent.
    assert sorted(t for d, t in nodes if d == 0) == sorted([me, '(T) c-gather', '(T) parent'])
    assert [t for _, t in nodes].count('(T) leaf') == 1
    # Once the others ended, only the main task is left.
    assert [t for d, t in _tree(after) if d == 0] == [me]


def test_graph_is_empty_without_tasks():
    assert Gaio.Task.dump_graph() == ''


def test_graph_signal_prints_python_tasks():
    """The opt-in signal prints asyncio tasks with their chains (stderr of
    a child interpreter, which signals itself)."""
    code = textwrap.dedent('''
        import asyncio, os, signal
        import gi
        gi.require_version('Gaio', '1.0')
        from gi.repository import Gaio
        import gaio.graph

        printed = []
        print_graph = gaio.graph.print_graph
        gaio.graph.print_graph = lambda: (print_graph(), printed.append(True))

        async def stuck():
            await asyncio.Event().wait()

        async def main():
            Gaio.Task.install_dump_signal(signal.SIGUSR1)
            task = asyncio.create_task(stuck(), name='stuck')
            await asyncio.sleep(0)
            os.kill(os.getpid(), signal.SIGUSR1)
            while not printed:
                await asyncio.sleep(0.01)
            task.cancel()

        Gaio.run(main())
    ''')
    result = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True,
                            timeout=60, env=os.environ)
    assert result.returncode == 0, result.stderr
    assert 'Gaio: live tasks and what they await:\n' in result.stderr
    nodes = _tree(result.stderr.split('what they await:\n', 1)[1])
    stuck = _find(nodes, '(T) stuck')
    assert _children(nodes, stuck) == [' stuck <string>:N']
    assert _children(nodes, stuck + 1) == [' Event.wait locks.py:N']


def test_graph_signal_rejects_other_signals():
    with pytest.raises(ValueError):
        Gaio.Task.install_dump_signal(signal.SIGKILL)


def test_graph_listed_tasks_keep_no_chain(monkeypatch):
    """Under GAIO_DEBUG=tasks, asyncio tasks have lasting mirrors; their
    chains exist only during a dump."""
    monkeypatch.setenv('GAIO_DEBUG', 'tasks')

    async def main():
        event = asyncio.Event()
        task = asyncio.create_task(_wait_event(event), name='listed')
        await asyncio.sleep(0)
        dump = Gaio.Task.dump_graph()
        bare = C.Task.dump_graph()
        event.set()
        await task
        return dump, bare

    dump, bare = Gaio.run(main())
    nodes = _tree(dump)
    listed = _find(nodes, '(T) listed')
    assert _children(nodes, listed) == [' _wait_event test_graph.py:N']
    # The C dump alone names the mirror, without the chain Python hands over.
    bare_nodes = _tree(bare)
    assert _children(bare_nodes, _find(bare_nodes, '(T) listed')) == []
