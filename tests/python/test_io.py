# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""Gaio.HttpClient against a local SoupServer, and atomic file I/O."""

import json
import os

import pytest
from gi.repository import Gaio, GLib, Gio, Soup

needs_http = pytest.mark.skipif(not hasattr(Gaio, 'HttpClient'), reason='libgaio without HTTP')
needs_files = pytest.mark.skipif(not hasattr(Gaio, 'file_write_path'), reason='libgaio without files')


@pytest.fixture
def server():
    def handler(server, message, path, query, *unused):
        if path == '/json':
            message.set_status(200, None)
            message.get_response_headers().append('X-Thing', 'one')
            message.get_response_headers().append('X-Thing', 'two')
            message.set_response('application/json', Soup.MemoryUse.COPY,
                                 json.dumps({'answer': 42}).encode())
        elif path == '/echo':
            body = message.get_request_body().flatten().get_data()
            kind = message.get_request_headers().get_content_type()[0]
            message.set_status(200, None)
            message.set_response('text/plain', Soup.MemoryUse.COPY,
                                 ('%s %s ' % (message.get_method(), kind)).encode() + body)
        elif path == '/moved':
            message.set_redirect(302, '/hello')
        elif path == '/missing':
            message.set_status(404, None)
            message.set_response('text/plain', Soup.MemoryUse.COPY, b'no')
        else:
            message.set_status(200, None)
            message.set_response('text/plain; charset=utf-8', Soup.MemoryUse.COPY,
                                 'héllo'.encode())

    soup = Soup.Server()
    soup.add_handler(None, handler)
    soup.listen_local(0, Soup.ServerListenOptions.IPV4_ONLY)
    yield 'http://127.0.0.1:%d' % soup.get_uris()[0].get_port()
    soup.disconnect()


@needs_http
def test_http_get_text_and_bytes(server):
    async def main():
        async with Gaio.HttpClient(limit=100, limit_per_host=10, timeout=30) as client:
            assert client.get_max_connections() == 100
            assert client.get_max_connections_per_host() == 10
            response = await client.get(server + '/hello')
            return response
    response = Gaio.run(main())
    assert isinstance(response, Gaio.HttpResponse)
    assert response.status == 200
    assert response.url == server + '/hello'
    assert response.text() == 'héllo'
    assert response.read() == 'héllo'.encode()
    assert response.headers['content-type'].startswith('text/plain')
    response.raise_for_status()


@needs_http
def test_http_json_and_headers(server):
    async def main():
        async with Gaio.HttpClient() as client:
            return await client.get(server + '/json')
    response = Gaio.run(main())
    assert response.json() == {'answer': 42}
    assert response.headers['x-thing'] == 'one, two'
    assert response.headers['X-THING'] == 'one, two'
    assert 'Content-Type' in response.headers


@needs_http
def test_http_post(server):
    async def main():
        async with Gaio.HttpClient() as client:
            return await client.post(server + '/echo', b'the body',
                                     headers={'Content-Type': 'application/x-thing'})
    response = Gaio.run(main())
    assert response.status == 200
    assert response.read() == b'POST application/x-thing the body'


@needs_http
def test_http_raise_for_status_names_the_url(server):
    async def main():
        async with Gaio.HttpClient() as client:
            return await client.get(server + '/missing')
    response = Gaio.run(main())
    assert response.status == 404
    with pytest.raises(GLib.Error) as info:
        response.raise_for_status()
    assert info.value.code == 404 and '/missing' in info.value.message


@needs_http
def test_http_connection_error_names_the_url():
    # A port nothing listens on: bind one, then close it.
    import socket
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        port = sock.getsockname()[1]
    url = 'http://127.0.0.1:%d/nothing' % port

    async def main():
        async with Gaio.HttpClient(timeout=5) as client:
            await client.get(url)
    with pytest.raises(GLib.Error) as info:
        Gaio.run(main())
    assert url in info.value.message or '127.0.0.1:%d' % port in info.value.message


@needs_http
def test_http_many_concurrent_with_gather(server):
    async def main():
        async with Gaio.HttpClient(limit=10, limit_per_host=4) as client:
            responses = await Gaio.gather(*(client.get(server + '/r%d' % i) for i in range(20)))
            return [r.status for r in responses]
    assert Gaio.run(main()) == [200] * 20


@needs_files
def test_write_and_read_file(tmp_path):
    path = tmp_path / 'out.bin'

    async def main():
        await Gaio.write_file(path, b'\x00\x01binary')
        first = await Gaio.read_file(path)
        await Gaio.write_file(str(path), 'text é')
        return first, await Gaio.read_file(str(path))
    first, second = Gaio.run(main())
    assert first == b'\x00\x01binary'
    assert second == 'text é'.encode()
    assert os.listdir(tmp_path) == ['out.bin']     # no temporary files left


@needs_files
def test_read_missing_file_names_the_path(tmp_path):
    path = tmp_path / 'missing.txt'
    with pytest.raises(GLib.Error) as info:
        Gaio.run(Gaio.read_file(path))
    assert info.value.matches(Gio.io_error_quark(), Gio.IOErrorEnum.NOT_FOUND)
    assert 'missing.txt' in info.value.message


@needs_files
def test_write_into_missing_folder_fails_cleanly(tmp_path):
    path = tmp_path / 'no' / 'such' / 'dir' / 'f'
    with pytest.raises(GLib.Error) as info:
        Gaio.run(Gaio.write_file(path, b'x'))
    assert 'dir' in info.value.message


def test_filename_takes_the_extension_from_the_content_type():
    url = 'https://example.com/docs/'
    plain = Gaio.filename_for_url(url)
    assert Gaio.filename_for_url_with_type(url, 'text/html; charset=utf-8') == plain + '.html'
    assert Gaio.filename_for_url_with_type(url, None) == plain
    # The URL's own extension wins.
    assert Gaio.filename_for_url_with_type('https://example.com/a.txt', 'text/html').endswith('.txt')
    assert Gaio.filename_extension_for_type('application/json') == '.json'
    assert Gaio.filename_extension_for_type('application/x-unknown') is None
    with pytest.raises(GLib.Error):
        Gaio.filename_for_url_with_type('not a url', 'text/html')


@needs_files
def test_open_like_aiofiles(tmp_path):
    path = tmp_path / 'lines.txt'
    path.write_text('old')

    async def main():
        async with Gaio.open(path, 'w') as f:
            assert await f.write('one\ntwo\n') == 8
            await f.write('thrée')
            assert f.tell() == len('one\ntwo\nthrée'.encode())
            assert path.read_text() == 'old'   # replaced on close only
        lines = []
        async with Gaio.open(path) as f:
            async for line in f:
                lines.append(line)
        assert lines == ['one', 'two', 'thrée']

        f = await Gaio.open(path, 'rb')
        assert await f.read(3) == b'one'
        assert await f.seek(-2, 2) == len('one\ntwo\nthrée'.encode()) - 2
        assert await f.read() == 'ée'.encode()[-2:]
        await f.close()

        # An exception in the block drops the new version.
        with pytest.raises(ZeroDivisionError):
            async with Gaio.open(path, 'w') as f:
                await f.write('never kept')
                1 / 0
        assert path.read_text() == 'one\ntwo\nthrée'

        async with Gaio.open(path, 'a') as f:
            await f.write('\nfour')
        assert path.read_text().endswith('thrée\nfour')

    Gaio.run(main())


@needs_files
def test_open_errors(tmp_path):
    with pytest.raises(ValueError):
        Gaio.open(tmp_path / 'x', 'rw')

    async def main():
        with pytest.raises(GLib.Error) as info:
            await Gaio.open(tmp_path / 'missing.txt')
        assert info.value.matches(Gio.io_error_quark(), Gio.IOErrorEnum.NOT_FOUND)
        assert 'missing.txt' in info.value.message
        async with Gaio.open(tmp_path / 'b', 'wb') as f:
            with pytest.raises(TypeError):
                await f.write('text into a binary file')

    Gaio.run(main())


@pytest.fixture
def ws_server():
    """libsoup's WebSocket server: echoes, and closes with 4000 "bye" on
    the text "close"."""
    connections = []

    def on_message(connection, kind, data):
        if kind == Soup.WebsocketDataType.TEXT and data.get_data() == b'close':
            connection.close(4000, 'bye')
        else:
            connection.send_message(kind, data)

    def on_websocket(server, message, path, connection, *unused):
        connections.append(connection)
        connection.connect('message', on_message)

    soup = Soup.Server()
    soup.add_websocket_handler('/ws', None, None, on_websocket)
    soup.listen_local(0, Soup.ServerListenOptions.IPV4_ONLY)
    yield 'ws://127.0.0.1:%d/ws' % soup.get_uris()[0].get_port()
    soup.disconnect()


@needs_http
def test_websocket_echo_iterate_and_server_close(ws_server):
    async def main():
        async with Gaio.HttpClient() as client:
            async with client.ws_connect(ws_server) as ws:
                await ws.send_str('héllo')
                await ws.send_bytes(b'\x00\xff')
                # A receive given up loses nothing.
                pending = ws.receive()
                pending.cancel()
                first = await ws.receive()
                second = await ws.receive()
                await ws.send_str('close')
                rest = [msg async for msg in ws]
                return first, second, rest, ws.closed, ws.close_code
    first, second, rest, closed, code = Gaio.run(main())
    assert first.type == Gaio.WebSocketMessageType.TEXT and first.data == 'héllo'
    assert second.type == Gaio.WebSocketMessageType.BINARY and second.data == b'\x00\xff'
    assert rest == [] and closed and code == 4000


@needs_http
def test_websocket_errors_name_the_url(ws_server):
    async def main():
        async with Gaio.HttpClient() as client:
            ws = await client.ws_connect(ws_server)
            await ws.send_str('close')
            with pytest.raises(GLib.Error) as closed:
                await ws.receive()
            with pytest.raises(TypeError):
                await ws.send_str(b'bytes')
            with pytest.raises(GLib.Error) as refused:
                await client.ws_connect(ws_server.replace('/ws', '/nope'))
            return closed.value, refused.value
    closed, refused = Gaio.run(main())
    assert closed.matches(Gio.io_error_quark(), Gio.IOErrorEnum.CLOSED)
    assert ws_server in closed.message and '4000 (bye)' in closed.message
    assert ws_server.replace('/ws', '/nope') in refused.message


@needs_http
def test_http_version_metrics_and_trace_signals(server):
    """The response says how it came; the client's signals tell each
    request's story, in order, connected as any GObject signal."""
    events = []
    futures = []

    requests = []

    # The request's future names it in every signal; queued and started
    # may come before get() returns it.
    def on_step(client, request, method, url, step):
        requests.append(request)
        events.append((step, url))

    def on_retried(client, request, attempt, reason, delay):
        requests.append(request)
        events.append(('retried', attempt, reason))

    def on_finished(client, request, response, error):
        requests.append(request)
        events.append(('finished', response.status if response else None,
                       error.domain if error else None))

    async def main():
        async with Gaio.HttpClient(max_retries=1, retry_delay=0.01) as client:
            client.connect('request-queued', on_step, 'queued')
            client.connect('request-started', on_step, 'started')
            client.connect('request-retried', on_retried)
            client.connect('request-finished', on_finished)
            # send() returns the future itself (get() is aiohttp's
            # awaitable context manager, which makes its future when used).
            futures.append(client.send('GET', server + '/hello', None))
            response = await futures[-1]
            futures.append(client.send('GET', 'http://127.0.0.1:1/', None))
            with pytest.raises(GLib.Error):
                await futures[-1]
            return response
    response = Gaio.run(main())
    assert response.http_version == (1, 1)
    m = response.metrics
    steps = [m.fetch_start, m.dns_end, m.connect_end, m.request_start, m.response_start,
             m.response_end, response.get_elapsed()]
    assert None not in steps and steps == sorted(steps)
    assert m.tls_end is None
    assert m.bytes_sent > 0 and m.bytes_received > len(response.read())
    refused = 'http://127.0.0.1:1/'
    assert events == [
        ('queued', server + '/hello'), ('started', server + '/hello'), ('finished', 200, None),
        ('queued', refused), ('started', refused),
        ('retried', 1, 'Could not connect to %s: Connection refused' % refused),
        ('queued', refused), ('started', refused),
        ('finished', None, 'g-io-error-quark'),
    ]
    assert requests == [futures[0]] * 3 + [futures[1]] * 6
    assert all(r is f for r, f in zip(requests, [futures[0]] * 3 + [futures[1]] * 6))


@needs_http
def test_http_trace_config_like_aiohttp(server):
    """aiohttp's TraceConfig shape: coroutine callbacks with a context per
    request, in the order of events; a bad trace_configs is a TypeError."""
    seen = []

    async def on_start(client, ctx, params):
        ctx.start = client.get_max_connections()
        seen.append(('start', params.method, params.url))

    async def on_redirect(client, ctx, params):
        seen.append(('redirect', params.status, params.url, params.new_url))

    def on_end(client, ctx, params):
        seen.append(('end', ctx.start, params.response.status))

    async def on_exception(client, ctx, params):
        seen.append(('exception', params.url, params.exception.domain))

    trace = Gaio.TraceConfig()
    trace.on_request_start.append(on_start)
    trace.on_request_redirect.append(on_redirect)
    trace.on_request_end.append(on_end)
    trace.on_request_exception.append(on_exception)

    async def main():
        async with Gaio.HttpClient(limit=7, trace_configs=[trace]) as client:
            await client.get(server + '/moved')
            with pytest.raises(GLib.Error):
                await client.get('http://127.0.0.1:1/')
            await Gaio.sleep(0)
    Gaio.run(main())
    assert seen == [('start', 'GET', server + '/moved'),
                    ('redirect', 302, server + '/moved', server + '/hello'),
                    ('end', 7, 200),
                    ('start', 'GET', 'http://127.0.0.1:1/'),
                    ('exception', 'http://127.0.0.1:1/', 'g-io-error-quark')]
    with pytest.raises(TypeError, match='trace_configs'):
        Gaio.HttpClient(trace_configs=[object()])
