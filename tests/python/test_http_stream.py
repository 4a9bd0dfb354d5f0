# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""Streamed responses in aiohttp's shape: `async with client.get(url) as
response`, then response.content (read, iter_chunked, lines)."""

import pytest
from gi.repository import Gaio, Gio, GLib, Soup

needs_http = pytest.mark.skipif(not hasattr(Gaio.HttpClient, 'open'),
                                reason='libgaio without streamed HTTP')

BODY = bytes(i % 251 for i in range(1 << 20))


@pytest.fixture
def server():
    def handler(server, message, path, query, *unused):
        message.set_status(200, None)
        if path == '/lines':
            headers = message.get_response_headers()
            headers.set_encoding(Soup.Encoding.CHUNKED)
            body = message.get_response_body()
            for piece in (b'a\nb', b'b\r', b'\n\nla', b'st'):
                body.append(piece)
            body.complete()
        else:
            message.set_response('application/octet-stream', Soup.MemoryUse.COPY, BODY)

    soup = Soup.Server()
    soup.add_handler(None, handler)
    soup.listen_local(0, Soup.ServerListenOptions.IPV4_ONLY)
    yield 'http://127.0.0.1:%d' % soup.get_uris()[0].get_port()
    soup.disconnect()


@needs_http
def test_http_stream_chunks_lines_and_whole(server):
    async def main():
        async with Gaio.HttpClient() as client:
            async with client.get(server + '/big') as response:
                assert response.status == 200
                assert response.read() == b''       # the body is not read yet
                first = await response.content.read(10)
                chunks = [first]
                async for chunk in response.content.iter_chunked(65536):
                    assert 0 < len(chunk) <= 65536
                    chunks.append(chunk)
                assert response.content.at_eof()
                assert await response.content.read(10) == b''
            async with client.get(server + '/lines') as lines_response:
                lines = [line async for line in lines_response.content]
            whole = await client.get(server + '/big')   # awaited: the whole body
            # Read to its end, then closed: reads still say "the end".
            after = await response.content.read(10)
            return first, b''.join(chunks), lines, whole.read(), after

    first, streamed, lines, whole, after = Gaio.run(main())
    assert len(first) == 10
    assert streamed == BODY
    assert lines == [b'a\n', b'bb\r\n', b'\n', b'last']
    assert whole == BODY
    assert after == b''


@needs_http
def test_http_stream_cap_and_close(server):
    async def main():
        async with Gaio.HttpClient(max_body_size=100000) as client:
            with pytest.raises(GLib.Error) as too_large:
                async with client.get(server + '/big') as response:
                    pass
            client.set_max_body_size(0)
            async with client.get(server + '/big') as response:
                await response.content.read(100)
            with pytest.raises(GLib.Error) as closed:
                await response.content.read(100)
            with pytest.raises(ValueError):
                async for _ in response.content.iter_chunked(0):
                    pass
            return too_large.value, closed.value

    too_large, closed = Gaio.run(main())
    assert too_large.matches(Gaio.error_quark(), Gaio.Error.BODY_TOO_LARGE)
    assert server in too_large.message
    assert closed.matches(Gio.io_error_quark(), Gio.IOErrorEnum.CLOSED)
