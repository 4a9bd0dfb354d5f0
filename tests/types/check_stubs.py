# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""Never run: mypy checks that Gaio.pyi gives what an IDE should complete."""

from typing import Any, assert_type

import gi
gi.require_version('Gaio', '1.0')
from gi.repository import Gaio  # noqa: E402


async def fetch(client: Gaio.HttpClient, url: str) -> None:
    response = await client.get(url)
    assert_type(response, Gaio.HttpResponse)
    assert_type(response.get_status(), int)
    assert_type(await Gaio.sleep(0.1, 'slept'), str)


async def work() -> int:
    return 1


def tasks() -> None:
    task = Gaio.create_task(work(), name='work')
    assert_type(task, Gaio.Task[int])
    assert_type(Gaio.run(work()), int)
    assert_type(Gaio.gather(task), Gaio.Future[list[Any]])


async def aiohttp_shapes(client: Gaio.HttpClient, url: str) -> None:
    async with client.get(url, params={'q': '1'}) as streamed:
        assert_type(streamed, Gaio.HttpResponse)
        assert_type(streamed.status, int)
        assert_type(streamed.http_version, tuple[int, int])
    posted = await client.post(url, json={'a': 1})
    assert_type(posted, Gaio.HttpResponse)
    assert_type(posted.text(), str)
    socket = await client.ws_connect(url)
    assert_type(socket, Gaio.WebSocket)
