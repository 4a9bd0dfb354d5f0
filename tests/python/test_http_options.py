# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""Request options in aiohttp's shapes: headers=, params=, data= (bytes,
str, form, multipart, file objects), json=, timeout=, auth=, base_url,
against a local SoupServer that decodes what it receives."""

import hashlib
import io
import json

import pytest
from gi.repository import Gaio, GLib, Gio, Soup

needs_http = pytest.mark.skipif(not hasattr(Gaio, 'HttpRequestOptions'),
                                reason='libgaio without request options')


def _reply(message, payload):
    message.set_status(200, None)
    message.set_response('application/json', Soup.MemoryUse.COPY, json.dumps(payload).encode())


@pytest.fixture
def server():
    def handler(server, message, path, query, *unused):
        headers = message.get_request_headers()
        body = message.get_request_body().flatten()
        data = body.get_data() or b''
        seen = {
            'method': message.get_method(),
            'path': path,
            'query': message.get_uri().get_query(),
            'type': headers.get_content_type()[0],
            'authorization': headers.get_one('Authorization'),
            'x-app': headers.get_one('X-App'),
            'x-request': headers.get_one('X-Request'),
            'length': len(data),
            'sha256': hashlib.sha256(data).hexdigest(),
        }
        if path == '/form':
            seen['form'] = Soup.form_decode(data.decode())
        elif path == '/multipart':
            multipart = Soup.Multipart.new_from_message(headers, body)
            parts = []
            for i in range(multipart.get_length()):
                ok, part_headers, part_body = multipart.get_part(i)
                params = part_headers.get_content_disposition()[-1]
                content = part_body.get_data() or b''
                parts.append([params.get('name'), params.get('filename'),
                              part_headers.get_content_type()[0], len(content),
                              hashlib.sha256(content).hexdigest()])
            seen['parts'] = parts
        elif path == '/slow':
            # Answers in 2 s unless the client leaves first (then the timer
            # goes, so nothing touches the message once it is gone).
            def answer():
                pending.discard(source)
                _reply(message, seen)
                message.unpause()
                return False

            def gone(*unused):
                if source in pending:
                    pending.discard(source)
                    GLib.source_remove(source)

            message.pause()
            source = GLib.timeout_add(2000, answer)
            pending.add(source)
            message.connect('disconnected', gone)
            return
        elif path == '/json':
            seen['json'] = json.loads(data)
        _reply(message, seen)

    pending = set()
    soup = Soup.Server()
    soup.add_handler(None, handler)
    soup.listen_local(0, Soup.ServerListenOptions.IPV4_ONLY)
    yield 'http://127.0.0.1:%d' % soup.get_uris()[0].get_port()
    for source in pending:
        GLib.source_remove(source)
    soup.disconnect()


def fetch(make):
    async def main():
        async with Gaio.HttpClient() as client:
            response = await make(client)
            return response.json()
    return Gaio.run(main())


@needs_http
def test_headers_params_json(server):
    seen = fetch(lambda c: c.post(server + '/json?a=1', json={'name': 'gaio', 'n': [1, 2]},
                                  headers={'X-Request': 'yes'}, params={'q': 'x y', 'n': 2}))
    assert seen['json'] == {'name': 'gaio', 'n': [1, 2]}
    assert seen['type'] == 'application/json'
    assert seen['x-request'] == 'yes'
    assert seen['query'] == 'a=1&q=x+y&n=2'


@needs_http
def test_data_shapes(server):
    seen = fetch(lambda c: c.post(server + '/echo', b'\x00raw'))
    assert (seen['type'], seen['length']) == ('application/octet-stream', 4)
    seen = fetch(lambda c: c.post(server + '/echo', 'héllo'))
    assert seen['type'] == 'text/plain' and seen['length'] == len('héllo'.encode())
    seen = fetch(lambda c: c.post(server + '/form', {'a': 'b c', 'd': '&=é'}))
    assert seen['type'] == 'application/x-www-form-urlencoded'
    assert seen['form'] == {'a': 'b c', 'd': '&=é'}
    seen = fetch(lambda c: c.put(server + '/echo', io.BytesIO(b'from a file object'),
                                 headers={'Content-Type': 'text/x-mine'}))
    assert (seen['method'], seen['type'], seen['length']) == ('PUT', 'text/x-mine', 18)


@needs_http
def test_file_object_is_streamed(server, tmp_path):
    path = tmp_path / 'upload.bin'
    content = bytes(range(256)) * 4000
    path.write_bytes(content)
    with open(path, 'rb') as f:
        f.read(1000)  # aiohttp sends from the current position
        seen = fetch(lambda c: c.post(server + '/echo', f))
    assert seen['length'] == len(content) - 1000
    assert seen['sha256'] == hashlib.sha256(content[1000:]).hexdigest()
    seen = fetch(lambda c: c.post(server + '/echo', Gio.File.new_for_path(str(path))))
    assert seen['sha256'] == hashlib.sha256(content).hexdigest()


@needs_http
def test_multipart(server, tmp_path):
    path = tmp_path / 'photo.jpg'
    path.write_bytes(b'\xff\xd8' * 5000)
    with open(path, 'rb') as f:
        seen = fetch(lambda c: c.post(server + '/multipart',
                                      {'title': 'Hello', 'photo': f,
                                       'memo': io.BytesIO(b'in memory')}))
    assert seen['parts'] == [
        ['title', None, None, 5, hashlib.sha256(b'Hello').hexdigest()],
        ['photo', 'photo.jpg', 'application/octet-stream', 10000,
         hashlib.sha256(b'\xff\xd8' * 5000).hexdigest()],
        ['memo', 'memo', 'application/octet-stream', 9, hashlib.sha256(b'in memory').hexdigest()],
    ]


@needs_http
def test_client_options(server):
    async def main():
        async with Gaio.HttpClient(base_url=server + '/api', headers={'X-App': 'gaio'},
                                   auth=('u', 'pw')) as client:
            first = (await client.get('items', params={'q': '1'})).json()
            second = (await client.get('items', auth='tok3n',
                                       headers={'X-App': 'mine'})).json()
            with pytest.raises(GLib.Error) as info:
                await client.get('//evil.host/x')
            return first, second, info.value
    first, second, error = Gaio.run(main())
    assert first['path'] == '/api/items' and first['query'] == 'q=1'
    assert first['authorization'] == 'Basic dTpwdw==' and first['x-app'] == 'gaio'
    assert second['authorization'] == 'Bearer tok3n' and second['x-app'] == 'mine'
    assert error.matches(Gaio.error_quark(), Gaio.Error.INVALID_URL)
    assert 'tok3n' not in error.message and 'pw' not in error.message


@needs_http
def test_timeout_override(server):
    async def main():
        async with Gaio.HttpClient(timeout=30) as client:
            with pytest.raises(TimeoutError) as info:
                await client.get(server + '/slow', timeout=0.2)
            return str(info.value)
    assert '0.2 s' in Gaio.run(main())


@pytest.mark.parametrize('kwargs, exception, words', [
    ({'data': b'x', 'json': {}}, ValueError, 'data and json'),
    ({'data': 42}, TypeError, 'data'),
    ({'headers': 'X-A: b'}, TypeError, 'headers'),
    ({'headers': {'X-A': 'b\r\nX-Evil: 1'}}, ValueError, 'headers'),
    ({'params': {'a': None}}, TypeError, 'params'),
    ({'params': {'a': True}}, TypeError, 'params'),
    ({'timeout': -1}, ValueError, 'timeout'),
    ({'timeout': 'soon'}, TypeError, 'timeout'),
    ({'auth': ('u',)}, TypeError, 'auth'),
    ({'auth': 'a\nb'}, ValueError, 'auth'),
    ({'allow_redirects': 'no'}, TypeError, 'allow_redirects'),
    ({'max_redirects': -1}, ValueError, 'max_redirects'),
    ({'raise_for_status': 1}, TypeError, 'raise_for_status'),
])
@needs_http
def test_bad_arguments(kwargs, exception, words):
    client = Gaio.HttpClient()
    with pytest.raises(exception) as info:
        client.get('http://127.0.0.1:1/', **kwargs)
    assert words in str(info.value)


@needs_http
def test_bad_client_arguments():
    with pytest.raises(ValueError):
        Gaio.HttpClient(base_url='ftp://example.org/')
    with pytest.raises(TypeError):
        Gaio.HttpClient(base_url=42)
    with pytest.raises(ValueError):
        Gaio.HttpClient(proxy='not a url')
    with pytest.raises(TypeError):
        Gaio.HttpClient(auth=42)
