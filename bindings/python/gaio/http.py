# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""aiohttp's shapes on Gaio's libsoup client: the Python side of
GaioHttpClient and GaioHttpResponse (the override binds them)."""

from __future__ import annotations

import asyncio
import collections.abc
import inspect
import json
import types
from typing import Any, AsyncIterator, Callable, Generator, Iterator, NamedTuple

import gi

gi.require_version('Soup', '3.0')

from gi.repository import Gio, GLib, GObject, Soup  # noqa: E402

from . import _checks, requests  # noqa: E402
from ._gi import Gaio  # noqa: E402

__all__ = ['Headers', 'HttpClientMixin', 'HttpResponseMixin', 'Metrics', 'StreamReader',
           'TraceConfig', 'WebSocketMixin', 'WebSocketMessageMixin']


class Headers(collections.abc.Mapping):
    """A response's headers as a read-only, case-insensitive mapping; a
    header that appears more than once is joined with ', ' (HTTP's rule)."""

    def __init__(self, soup_headers: Any) -> None:
        self._items: dict[str, str] = {}
        self._names: dict[str, str] = {}
        soup_headers.foreach(self._add)

    def _add(self, name: str, value: str, *unused: Any) -> None:
        key = name.lower()
        if key in self._items:
            self._items[key] += ', ' + value
        else:
            self._items[key] = value
            self._names[key] = name

    def __getitem__(self, name: str) -> str:
        return self._items[name.lower()]

    def __iter__(self) -> Iterator[str]:
        return iter(self._names.values())

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return '<Headers %r>' % dict(self.items())


class Metrics(NamedTuple):
    """GaioHttpMetrics as a named tuple: when each step of the response's
    last exchange happened, in seconds since the request left the client's
    queue (the origin of elapsed), None for a step that did not happen (no
    DNS, connect or TLS over a reused connection, no TLS over http); and
    the bytes the exchange sent and received."""
    fetch_start: float | None
    dns_end: float | None
    connect_end: float | None
    tls_end: float | None
    request_start: float | None
    response_start: float | None
    response_end: float | None
    bytes_sent: int
    bytes_received: int

    @classmethod
    def _from_gaio(cls, metrics: Any) -> 'Metrics':
        def step(seconds: float) -> float | None:
            return seconds if seconds >= 0 else None
        return cls(step(metrics.get_fetch_start()), step(metrics.get_dns_end()),
                   step(metrics.get_connect_end()), step(metrics.get_tls_end()),
                   step(metrics.get_request_start()), step(metrics.get_response_start()),
                   step(metrics.get_response_end()), metrics.get_bytes_sent(),
                   metrics.get_bytes_received())


class TraceConfig:
    """aiohttp.TraceConfig's shape on the client's trace signals:

        trace = Gaio.TraceConfig()
        trace.on_request_end.append(on_end)   # async def on_end(client, ctx, params)
        async with Gaio.HttpClient(trace_configs=[trace]) as client: ...

    Each list holds callbacks (coroutine functions or plain functions)
    called with the client, the request's context (a fresh
    trace_config_ctx_factory() per request and config, as aiohttp's) and a
    params namespace: on_request_queued and on_request_start (method, url),
    on_request_redirect (method, url, status, new_url), on_request_retry
    (method, url, attempt, reason, delay), on_request_end (method, url,
    response), on_request_exception (method, url, exception). Plain
    functions run at once; coroutines become tasks, started in the order of
    the events."""

    def __init__(self, trace_config_ctx_factory: Callable[[], Any] = types.SimpleNamespace
                 ) -> None:
        self.trace_config_ctx_factory = trace_config_ctx_factory
        self.on_request_queued: list[Callable[..., Any]] = []
        self.on_request_start: list[Callable[..., Any]] = []
        self.on_request_redirect: list[Callable[..., Any]] = []
        self.on_request_retry: list[Callable[..., Any]] = []
        self.on_request_end: list[Callable[..., Any]] = []
        self.on_request_exception: list[Callable[..., Any]] = []

    def _attach(self, client: Any) -> None:
        requests: dict[Any, tuple[Any, str, str]] = {}  # future → (ctx, method, url)

        # The handlers take the client as an argument: one they captured
        # would keep it alive through its own signal connections.
        def dispatch(callbacks: list[Callable[..., Any]], client: Any, request: Any,
                     **params: Any) -> None:
            ctx, method, url = requests[request]
            namespace = types.SimpleNamespace(method=method, url=url, **params)
            for callback in callbacks:
                result = callback(client, ctx, namespace)
                if inspect.isawaitable(result):
                    asyncio.ensure_future(result)

        def queued(c: Any, request: Any, method: str, url: str) -> None:
            if request not in requests:
                requests[request] = (self.trace_config_ctx_factory(), method, url)
            dispatch(self.on_request_queued, c, request)

        def started(c: Any, request: Any, method: str, url: str) -> None:
            dispatch(self.on_request_start, c, request)

        def redirected(c: Any, request: Any, status: int, old: str, new: str) -> None:
            dispatch(self.on_request_redirect, c, request, status=status, new_url=new)

        def retried(c: Any, request: Any, attempt: int, reason: str, delay: float) -> None:
            dispatch(self.on_request_retry, c, request, attempt=attempt, reason=reason, delay=delay)

        def finished(c: Any, request: Any, response: Any, error: Any) -> None:
            if error is None:
                dispatch(self.on_request_end, c, request, response=response)
            else:
                dispatch(self.on_request_exception, c, request, exception=error)
            del requests[request]

        for name, handler in (('request-queued', queued), ('request-started', started),
                              ('request-redirected', redirected),
                              ('request-retried', retried), ('request-finished', finished)):
            client.connect(name, handler)


class HttpClientMixin:
    """aiohttp.ClientSession's shape on GaioHttpClient:

        async with Gaio.HttpClient(limit=100, limit_per_host=10, timeout=30,
                                   base_url='https://api.example.org/v1/',
                                   headers={'Accept': 'application/json'},
                                   auth=('user', 'password')) as client:
            response = await client.get(url)          # the whole body, read
            async with client.get(url) as response:   # the body as it streams
                async for chunk in response.content.iter_chunked(65536):
                    ...
            response = await client.get('items', params={'q': 'gaio'}, timeout=5)
            response = await client.post('items', json={'name': 'x'})

    @limit and @limit_per_host cap connections (total and per host; 0
    keeps Gaio's defaults), @timeout is the whole request's deadline in
    seconds, @trace_configs a list of TraceConfig, @base_url resolves
    relative URLs (which must stay under it), @headers are sent with every
    request, @auth is a (login, password) pair or an aiohttp.BasicAuth
    (Basic) or a str (a Bearer token), @proxy a proxy URL (the
    environment's proxies otherwise). Other GaioHttpClient properties may
    be given by name. Bad values raise TypeError or ValueError naming the
    argument."""

    def __init__(self, *, limit: int | None = None, limit_per_host: int | None = None,
                 timeout: float | None = None, trace_configs: Any = (),
                 base_url: str | None = None, headers: Any = None, auth: Any = None,
                 proxy: str | None = None, **properties: Any) -> None:
        limit = None if limit is None else _checks.count('limit', limit)
        limit_per_host = (None if limit_per_host is None
                          else _checks.count('limit_per_host', limit_per_host))
        timeout = _checks.seconds('timeout', timeout)
        header_pairs = requests.pairs('headers', headers)
        requests.check_auth(auth)
        for name, value in (('base_url', base_url), ('proxy', proxy)):
            if value is not None and not isinstance(value, str):
                raise TypeError('%s must be a str, not %s' % (name, type(value).__name__))
        trace_configs = list(trace_configs)
        for trace_config in trace_configs:
            if not isinstance(trace_config, TraceConfig):
                raise TypeError('trace_configs must hold TraceConfig objects, not %s'
                                % type(trace_config).__name__)
        GObject.Object.__init__(self, **properties)
        if limit:
            self.set_max_connections(limit)
        if limit_per_host:
            self.set_max_connections_per_host(limit_per_host)
        if timeout is not None:
            self.set_timeout(timeout)
        try:
            if base_url is not None:
                self.set_base_url(base_url)
            if proxy is not None:
                self.set_proxy_url(proxy)
        except GLib.Error as error:
            raise ValueError(error.message) from None
        for name, value in header_pairs:
            self.set_default_header(name, value)
        if isinstance(auth, str):
            self.set_bearer_token(auth)
        elif auth is not None:
            self.set_basic_auth(*requests.basic_credentials(auth))
        for trace_config in trace_configs:
            trace_config._attach(self)

    async def __aenter__(self) -> 'HttpClientMixin':
        return self

    async def __aexit__(self, et: Any, exc: Any, tb: Any) -> None:
        self.close()

    def close(self) -> None:
        """Nothing to release eagerly: connections close with the client."""

    def request(self, method: str, url: str, **kwargs: Any) -> '_RequestContextManager':
        """aiohttp's request(): awaited, the response with its whole body
        read (GaioHttpClient.send()); as `async with`, the response as soon
        as its headers arrive, the body read through `response.content`
        and the response closed on leaving the block
        (GaioHttpClient.open()). Keyword arguments apply to this request
        only (see gaio.requests.request_options): headers, params, data,
        json, timeout, auth, allow_redirects, max_redirects,
        raise_for_status."""
        if not isinstance(method, str) or not method:
            raise TypeError('method must be a non-empty str')
        if not isinstance(url, str):
            raise TypeError('url must be a str, not %s' % type(url).__name__)
        return _RequestContextManager(self, method, url, requests.request_options(**kwargs))

    def get(self, url: str, **kwargs: Any) -> '_RequestContextManager':
        return self.request('GET', url, **kwargs)

    def head(self, url: str, **kwargs: Any) -> '_RequestContextManager':
        return self.request('HEAD', url, **kwargs)

    def post(self, url: str, data: Any = None, **kwargs: Any) -> '_RequestContextManager':
        return self.request('POST', url, data=data, **kwargs)

    def put(self, url: str, data: Any = None, **kwargs: Any) -> '_RequestContextManager':
        return self.request('PUT', url, data=data, **kwargs)

    def patch(self, url: str, data: Any = None, **kwargs: Any) -> '_RequestContextManager':
        return self.request('PATCH', url, data=data, **kwargs)

    def delete(self, url: str, **kwargs: Any) -> '_RequestContextManager':
        return self.request('DELETE', url, **kwargs)

    def ws_connect(self, url: str, *, protocols: Any = ()) -> '_WebSocketConnect':
        """aiohttp's ws_connect(): `async with client.ws_connect(url) as ws:`
        or `ws = await client.ws_connect(url)`; @protocols are the
        subprotocols to offer."""
        if not isinstance(url, str):
            raise TypeError('url must be a str, not %s' % type(url).__name__)
        protocols = list(protocols)
        if not all(isinstance(p, str) for p in protocols):
            raise TypeError('protocols must be strings')
        return _WebSocketConnect(self, url, protocols)


class _RequestContextManager:
    """aiohttp's _RequestContextManager: awaiting it makes a whole-body
    request; `async with` opens a streamed one and closes it at the end.
    Nothing starts until one or the other."""

    def __init__(self, client: Any, method: str, url: str, options: Any) -> None:
        self._client = client
        self._method = method
        self._url = url
        self._options = options
        self._response: Any = None

    def __await__(self) -> Generator[Any, None, Any]:
        future = Gaio.HttpClient.send(self._client, self._method, self._url, self._options)
        return future.__await__()

    async def __aenter__(self) -> Any:
        self._response = await Gaio.HttpClient.open(self._client, self._method, self._url,
                                                    self._options)
        return self._response

    async def __aexit__(self, et: Any, exc: Any, tb: Any) -> None:
        self._response.close()


class _WebSocketConnect:
    """Awaitable once, or an async context manager closing the socket."""

    def __init__(self, client: Any, url: str, protocols: list[str]) -> None:
        self._future = client.websocket_connect(url, protocols or None)
        self._ws: Any = None

    def __await__(self) -> Any:
        return self._future.__await__()

    async def __aenter__(self) -> Any:
        self._ws = await self._future
        return self._ws

    async def __aexit__(self, et: Any, exc: Any, tb: Any) -> None:
        await self._ws.close()


class StreamReader:
    """aiohttp's StreamReader over a response's body (`response.content`):

        chunk = await response.content.read(65536)    # b'' at the end
        async for chunk in response.content.iter_chunked(65536): ...
        async for line in response.content: ...       # bytes, with b'\n'

    Each read waits for the network and nothing is read ahead of it. A read
    that is cancelled loses nothing: what arrives goes to the next read.
    The client's body cap and timeout apply; errors are GLib.Error naming
    the URL."""

    _LINE_LIMIT = 2 ** 16

    def __init__(self, response: Any) -> None:
        self._response = response
        self._eof = False

    async def _read(self, future: Any) -> bytes:
        data = (await future).get_data() or b''
        self._eof = not data
        return data

    async def read(self, n: int = -1) -> bytes:
        """At most @n bytes as soon as some have arrived; with @n < 0,
        everything up to the end of the body."""
        if not isinstance(n, int) or isinstance(n, bool):
            raise TypeError('n must be an int, not %s' % type(n).__name__)
        if n == 0:
            return b''
        if n > 0:
            return await self._read(Gaio.HttpResponse.read(self._response, n))
        chunks = []
        while chunk := await self.read(1 << 20):
            chunks.append(chunk)
        return b''.join(chunks)

    async def readline(self) -> bytes:
        """The next line with its ending (b'\n' or b'\r\n', as sent);
        the last one may have none; b'' at the end. A line longer than 64
        KiB comes in pieces."""
        return await self._read(Gaio.HttpResponse.read_line(self._response, self._LINE_LIMIT))

    async def iter_chunked(self, n: int) -> AsyncIterator[bytes]:
        """Chunks of at most @n bytes, until the end of the body."""
        if not isinstance(n, int) or isinstance(n, bool):
            raise TypeError('n must be an int, not %s' % type(n).__name__)
        if n <= 0:
            raise ValueError('n must be positive, not %d' % n)
        while chunk := await self.read(n):
            yield chunk

    async def iter_any(self) -> AsyncIterator[bytes]:
        """Chunks as they arrive, until the end of the body."""
        async for chunk in self.iter_chunked(self._LINE_LIMIT):
            yield chunk

    def at_eof(self) -> bool:
        return self._eof

    def __aiter__(self) -> 'StreamReader':
        return self

    async def __anext__(self) -> bytes:
        line = await self.readline()
        if not line:
            raise StopAsyncIteration
        return line


class HttpResponseMixin:
    """aiohttp.ClientResponse's shape on GaioHttpResponse: status, reason,
    url, headers (a case-insensitive mapping), text(), json(), read()
    (bytes) and raise_for_status() on the body already read;
    http_version and metrics tell how it came; `content`, a StreamReader,
    reads a streamed body (`async with client.get(url)`), where read(),
    text() and json() give the empty body."""

    @property
    def content(self) -> StreamReader:
        reader = self.__dict__.get('_content')
        if reader is None:
            reader = self.__dict__['_content'] = StreamReader(self)
        return reader

    def release(self) -> None:
        """aiohttp's name for close(): the connection is reused if the body
        was read to its end, closed otherwise."""
        self.close()

    @property
    def status(self) -> int:
        return self.get_status()

    @property
    def reason(self) -> str:
        return self.get_reason()

    @property
    def url(self) -> str:
        return self.get_url()

    @property
    def headers(self) -> Headers:
        return Headers(self.get_headers())

    @property
    def content_type(self) -> str | None:
        return self.get_content_type()

    @property
    def http_version(self) -> tuple[int, int]:
        """(1, 1) or (2, 0), as aiohttp's ClientResponse.version."""
        return {Soup.HTTPVersion.HTTP_1_0: (1, 0),
                Soup.HTTPVersion.HTTP_2_0: (2, 0)}.get(self.get_http_version(), (1, 1))

    @property
    def metrics(self) -> Metrics | None:
        """The last exchange's timings and sizes (see Metrics)."""
        metrics = self.get_metrics()
        return Metrics._from_gaio(metrics) if metrics is not None else None

    def read(self) -> bytes:
        body = self.get_body()
        return body.get_data() if body is not None else b''

    def text(self) -> str:
        return self.get_text()

    def json(self) -> Any:
        return json.loads(self.get_text())

    def raise_for_status(self) -> None:
        """Raises GLib.Error (GAIO_HTTP_ERROR, code = status) naming the
        URL when the status is 400 or more."""
        status = self.get_status()
        if status >= 400:
            raise GLib.Error.new_literal(Gaio.http_error_quark(),
                                         '%d %s for %s' % (status, self.get_reason(),
                                                           self.get_url()),
                                         status)


class WebSocketMessageMixin:
    """One message: `type` is Gaio.WebSocketMessageType.TEXT or BINARY,
    `data` is str for text and bytes for binary (aiohttp's WSMessage)."""

    @property
    def type(self) -> Any:
        return self.get_message_type()

    @property
    def data(self) -> str | bytes:
        if self.is_text():
            return self.get_text()
        return self.get_data().get_data() or b''


class WebSocketMixin:
    """aiohttp.ClientWebSocketResponse's shape on GaioWebSocket:

        async with client.ws_connect(url) as ws:
            await ws.send_str('hello')
            async for msg in ws:
                print(msg.data)

    receive() returns a future resolving to a Gaio.WebSocketMessage;
    cancelling it loses no message. Iteration ends when the socket closes
    with a close handshake; other failures raise GLib.Error."""

    async def send_str(self, data: str) -> None:
        if not isinstance(data, str):
            raise TypeError('data must be a str, not %s' % type(data).__name__)
        self.send_text(data)

    async def send_bytes(self, data: bytes) -> None:
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise TypeError('data must be bytes-like, not %s' % type(data).__name__)
        self.send_binary(GLib.Bytes.new(bytes(data)))

    async def close(self, *, code: int = 1000, message: bytes | str = b'') -> None:
        if not isinstance(code, int) or isinstance(code, bool) or not 0 <= code <= 65535:
            raise ValueError('code must be a WebSocket close code, not %r' % (code,))
        if isinstance(message, (bytes, bytearray)):
            message = bytes(message).decode('utf-8')
        await Gaio.WebSocket.close(self, code, message or None)

    @property
    def closed(self) -> bool:
        return self.is_closed()

    @property
    def close_code(self) -> int | None:
        return self.get_close_code() or None

    def __aiter__(self) -> 'WebSocketMixin':
        return self

    async def __anext__(self) -> Any:
        try:
            return await self.receive()
        except GLib.Error as error:
            if error.matches(Gio.io_error_quark(), Gio.IOErrorEnum.CLOSED):
                raise StopAsyncIteration from None
            raise
