# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""aiohttp's request arguments (headers=, params=, data=, json=, timeout=,
auth=, ...) turned into a Gaio.HttpRequestOptions, with TypeError and
ValueError for bad ones before any request starts."""

from __future__ import annotations

import collections.abc
import io
import json
import os
from typing import Any

from gi.repository import Gio, GLib

from . import _checks
from ._gi import Gaio

__all__ = ['request_options', 'pairs', 'check_auth', 'basic_credentials']


def pairs(name: str, value: Any) -> list[tuple[str, str]]:
    """A mapping or an iterable of (name, value) pairs as str pairs; ints
    and floats become str, as aiohttp's params do."""
    if value is None:
        return []
    items = value.items() if isinstance(value, collections.abc.Mapping) else value
    if isinstance(items, (str, bytes)) or not isinstance(items, collections.abc.Iterable):
        raise TypeError('%s must be a mapping or (name, value) pairs, not %s'
                        % (name, type(value).__name__))
    result = []
    for item in items:
        if not isinstance(item, (tuple, list)) or len(item) != 2:
            raise TypeError('%s must be a mapping or (name, value) pairs' % name)
        key, val = item
        if not isinstance(key, str):
            raise TypeError('%s names must be str, not %s' % (name, type(key).__name__))
        if isinstance(val, bool) or not isinstance(val, (str, int, float)):
            raise TypeError('%s[%r] must be a str, int or float, not %s'
                            % (name, key, type(val).__name__))
        text = str(val)
        if '\r' in text or '\n' in text or '\0' in text or (name == 'headers' and not key):
            raise ValueError('%s[%r] must not be empty or contain a line break or NUL'
                             % (name, key))
        result.append((key, text))
    return result


def check_auth(auth: Any) -> None:
    """auth is None, a str (a Bearer token) or Basic credentials."""
    if isinstance(auth, str):
        if '\r' in auth or '\n' in auth:
            raise ValueError('auth must not contain a line break')
    elif auth is not None:
        basic_credentials(auth)


def basic_credentials(auth: Any) -> tuple[str, str]:
    """(login, password) from a pair or an aiohttp.BasicAuth-like object."""
    if isinstance(auth, tuple) and len(auth) == 2:
        login, password = auth
    elif hasattr(auth, 'login') and hasattr(auth, 'password'):
        login, password = auth.login, auth.password
    else:
        raise TypeError('auth must be a (login, password) pair or a str token, not %s'
                        % type(auth).__name__)
    if not isinstance(login, str) or not isinstance(password, str):
        raise TypeError('auth login and password must be str')
    return login, password


def _is_file_object(value: Any) -> bool:
    return isinstance(value, io.IOBase) or callable(getattr(value, 'read', None))


def _read_bytes(name: str, value: Any) -> bytes:
    data = value.read()
    if isinstance(data, str):
        data = data.encode()
    if not isinstance(data, (bytes, bytearray)):
        raise TypeError('%s: the file object must read bytes or str' % name)
    return bytes(data)


def _file_stream(value: Any) -> tuple[Any, int]:
    """A file object as a Gio.InputStream and its length: a real file is
    read from (a copy of) its descriptor as the body is sent, from its
    current position; anything else (io.BytesIO, ...) is read now."""
    try:
        fd = value.fileno()
        size = os.fstat(fd).st_size
        position = value.tell()
    except (OSError, AttributeError, ValueError):
        data = _read_bytes('data', value)
        return Gio.MemoryInputStream.new_from_bytes(GLib.Bytes.new(data)), len(data)
    copy = os.dup(fd)
    os.lseek(copy, position, os.SEEK_SET)
    return Gio.UnixInputStream.new(copy, True), max(size - position, 0)


def _set_multipart(options: Any, items: list[Any]) -> None:
    for item in items:
        if not isinstance(item, (tuple, list)) or len(item) != 2 or not isinstance(item[0], str):
            raise TypeError('data must be a mapping or (name, value) pairs')
        name, value = item
        if isinstance(value, Gio.File):
            options.add_multipart_file(name, value, None, None)
        elif _is_file_object(value):
            path = getattr(value, 'name', None)
            if isinstance(path, str) and os.path.isfile(path) and value.tell() == 0:
                # Streamed from disk as the body is sent, never loaded.
                options.add_multipart_file(name, Gio.File.new_for_path(path), None, None)
            else:
                filename = os.path.basename(path) if isinstance(path, str) else name
                options.add_multipart_bytes(name, filename, None,
                                            GLib.Bytes.new(_read_bytes('data', value)))
        else:
            for key, text in pairs('data', [(name, value)]):
                options.add_multipart_field(key, text)


def _set_data(options: Any, data: Any) -> None:
    if isinstance(data, (bytes, bytearray, memoryview)):
        options.set_body_bytes('application/octet-stream', GLib.Bytes.new(bytes(data)))
    elif isinstance(data, str):
        options.set_body_text(None, data)
    elif isinstance(data, Gio.File):
        options.set_body_file('application/octet-stream', data)
    elif isinstance(data, Gio.InputStream):
        options.set_body_stream('application/octet-stream', data, -1)
    elif _is_file_object(data):
        stream, length = _file_stream(data)
        options.set_body_stream('application/octet-stream', stream, length)
    elif isinstance(data, (collections.abc.Mapping, list, tuple)):
        items = list(data.items() if isinstance(data, collections.abc.Mapping) else data)
        values = [item[1] for item in items if isinstance(item, (tuple, list)) and len(item) == 2]
        if any(isinstance(v, Gio.File) or _is_file_object(v) for v in values):
            _set_multipart(options, items)
        else:
            for name, value in pairs('data', items):
                options.add_form_field(name, value)
    else:
        raise TypeError('data must be bytes, str, a dict or pairs, a file object, '
                        'a Gio.File or a Gio.InputStream, not %s' % type(data).__name__)


def request_options(*, headers: Any = None, params: Any = None, data: Any = None,
                    json: Any = None, timeout: Any = None, auth: Any = None,
                    allow_redirects: bool = True, max_redirects: int | None = None,
                    raise_for_status: bool | None = None) -> Any:
    """A Gaio.HttpRequestOptions from aiohttp's request arguments.

    @headers and @params are a mapping or (name, value) pairs; @data is
    bytes, str, a dict or pairs (a urlencoded form, or multipart/form-data
    when a value is a file object or a Gio.File), a file object, a Gio.File
    or a Gio.InputStream (streamed); @json anything json.dumps takes;
    @timeout seconds (0: none) or an object with `total`; @auth a (login,
    password) pair or an aiohttp.BasicAuth (Basic), or a str (Bearer)."""
    options = Gaio.HttpRequestOptions.new()
    for name, value in pairs('headers', headers):
        options.add_header(name, value)
    for name, value in pairs('params', params):
        options.add_query_param(name, value)
    if data is not None and json is not None:
        raise ValueError('data and json cannot be given together')
    if json is not None:
        options.set_body_bytes('application/json', GLib.Bytes.new(_dumps(json).encode()))
    elif data is not None:
        _set_data(options, data)
    if timeout is not None:
        total = getattr(timeout, 'total', timeout)
        options.set_timeout(_checks.seconds('timeout', total) if total is not None else 0)
    check_auth(auth)
    if isinstance(auth, str):
        options.set_bearer_token(auth)
    elif auth is not None:
        options.set_basic_auth(*basic_credentials(auth))
    if not isinstance(allow_redirects, bool):
        raise TypeError('allow_redirects must be a bool')
    if max_redirects is not None:
        options.set_max_redirects(_checks.count('max_redirects', max_redirects,
                                                maximum=(1 << 31) - 1))
    if not allow_redirects:
        options.set_max_redirects(0)
    if raise_for_status is not None:
        if not isinstance(raise_for_status, bool):
            raise TypeError('raise_for_status must be a bool')
        options.set_raise_for_status(raise_for_status)
    return options


_dumps = json.dumps
