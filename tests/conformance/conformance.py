#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""The conformance scenario in Python; conformance.{c,js,vala} print the same
lines (tests/conformance/expected.txt)."""

import asyncio
import os
import sys
import tempfile

import gi

gi.require_version('Gaio', '1.0')
gi.require_version('Soup', '3.0')
from gi.repository import Gaio, Soup  # noqa: E402


async def child(value, delay_ms, fail=False):
    await Gaio.sleep(delay_ms / 1000)
    if fail:
        raise ValueError('child %d failed' % value)
    return value


async def spawn():
    alpha = Gaio.create_task(child(1, 20), name='alpha')
    beta = Gaio.create_task(child(2, 10), name='beta')
    print('spawn: %s -> %d, %s -> %d' % (alpha.get_name(), await alpha,
                                         beta.get_name(), await beta))


async def gather():
    values = await Gaio.gather(child(1, 3), child(2, 1), child(3, 2))
    print('gather: %s' % ' '.join(str(v) for v in values))
    try:
        await Gaio.gather(child(1, 3), child(2, 1, fail=True), child(3, 2))
    except ValueError as error:
        print('gather error: %s' % error)
    slots = await Gaio.gather(child(1, 3), child(2, 1, fail=True), child(3, 2),
                              return_exceptions=True)
    print('gather return-errors: %s' % ' | '.join(
        'error: %s' % s if isinstance(s, BaseException) else str(s) for s in slots))


async def timeout():
    inner = Gaio.create_task(child(0, 10000), name='slow')
    try:
        await Gaio.wait_for(inner, 0.05)
    except TimeoutError:
        await Gaio.sleep(0)
        print('timeout: timed out, inner cancelled: %s' % ('yes' if inner.cancelled() else 'no'))


async def cancel():
    cleaned = []

    async def sleeper():
        try:
            await Gaio.sleep(10)
        except asyncio.CancelledError:
            cleaned.append('cleaned up')
            raise

    task = Gaio.create_task(sleeper(), name='sleeper')
    await Gaio.sleep(0.01)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print('cancel: %s %s, cancelled: %s' % (task.get_name(), cleaned[0],
                                                'yes' if task.cancelled() else 'no'))


def start_server():
    def hello(server, message, path, query, *unused):
        message.set_status(200, None)
        message.set_response('text/plain', Soup.MemoryUse.COPY, b'hello from gaio')

    server = Soup.Server()
    server.add_handler('/hello', hello)
    server.listen_local(0, Soup.ServerListenOptions.IPV4_ONLY)
    return server, 'http://127.0.0.1:%d/hello' % server.get_uris()[0].get_port()


async def http(url):
    async with Gaio.HttpClient(limit=10, limit_per_host=2, timeout=10) as client:
        response = await client.get(url)
        response.raise_for_status()
        print('http: %d %s' % (response.status, response.text()))


async def files(folder):
    path = os.path.join(folder, 'out.txt')
    await Gaio.write_file(path, 'written by gaio')
    data = await Gaio.read_file(path)
    print('file: %d bytes: %s' % (len(data), data.decode()))


async def main():
    await spawn()
    await gather()
    await timeout()
    await cancel()
    server, url = start_server()
    await http(url)
    server.disconnect()
    with tempfile.TemporaryDirectory() as folder:
        await files(folder)
    print('done')

if __name__ == '__main__':
    Gaio.run(main())
    sys.stdout.flush()
