# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""aiohttp's shapes on Gaio's libsoup client: the Python side of
GaioHttpClient and GaioHttpResponse (the override binds them)."""

from __future__ import annotations

import collections.abc
import json
from typing import Any, Iterator

from gi.repository import GLib, GObject

from . import _checks
from ._gi import Gaio

__all__ = ['Headers', 'HttpClientMixin', 'HttpResponseMixin']


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


class HttpClientMixin:
    """aiohttp.ClientSession's shape on GaioHttpClient:

        async with Gaio.HttpClient(limit=100, limit_per_host=10, timeout=30) as client:
            response = await client.get(url)

    @limit and @limit_per_host cap connections (total and per host; 0
    keeps Gaio's defaults), @timeout is the whole request's deadline in
    seconds. Other GaioHttpClient properties may be given by name. Bad
    values raise TypeError or ValueError naming the argument."""

    def __init__(self, *, limit: int | None = None, limit_per_host: int | None = None,
                 timeout: float | None = None, **properties: Any) -> None:
        limit = None if limit is None else _checks.count('limit', limit)
        limit_per_host = (None if limit_per_host is None
                          else _checks.count('limit_per_host', limit_per_host))
        timeout = _checks.seconds('timeout', timeout)
        GObject.Object.__init__(self, **properties)
        if limit:
            self.set_max_connections(limit)
        if limit_per_host:
            self.set_max_connections_per_host(limit_per_host)
        if timeout is not None:
            self.set_timeout(timeout)

    async def __aenter__(self) -> 'HttpClientMixin':
        return self

    async def __aexit__(self, et: Any, exc: Any, tb: Any) -> None:
        self.close()

    def close(self) -> None:
        """Nothing to release eagerly: connections close with the client."""


class HttpResponseMixin:
    """aiohttp.ClientResponse's shape on GaioHttpResponse: status, reason,
    url, headers (a case-insensitive mapping), text(), json(), read()
    (bytes) and raise_for_status(). The body is already read."""

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
