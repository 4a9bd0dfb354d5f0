# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""Whole-file reads and atomic writes (Gaio's C file I/O) as coroutines, and
files opened with Gaio.open() (aiofiles' shape on Gaio.FileHandle)."""

from __future__ import annotations

import os
from typing import Any, Generator, Union

from gi.repository import GLib

from . import _checks
from ._gi import Gaio

__all__ = ['AsyncFile', 'open', 'read_file', 'write_file']

PathLike = Union[str, bytes, os.PathLike]


async def write_file(path: PathLike, data: bytes | bytearray | memoryview | str, *,
                     fsync: bool = False) -> None:
    """Replaces the file at @path with @data (bytes, or str written as
    UTF-8) atomically: a temporary file in the same folder, renamed over
    @path once complete; nothing changes on error or cancellation."""
    path = _checks.path('path', path)
    if isinstance(data, str):
        data = data.encode('utf-8')
    elif not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError('data must be bytes or str, not %s' % type(data).__name__)
    flags = Gaio.FileWriteFlags.FSYNC if fsync else Gaio.FileWriteFlags.NONE
    await Gaio.file_write_path(path, GLib.Bytes.new(bytes(data)), flags)


async def read_file(path: PathLike) -> bytes:
    """Reads the whole file at @path."""
    contents = await Gaio.file_read_path(_checks.path('path', path))
    return contents.get_data() if contents is not None else b''


_FILE_MODES = {
    'r': Gaio.FileMode.READ, 'w': Gaio.FileMode.WRITE, 'a': Gaio.FileMode.APPEND,
}


class AsyncFile:
    """An open file, as `Gaio.open()` returns it: aiofiles' shape on a
    Gaio.FileHandle. Text modes read and write str (UTF-8), binary modes
    bytes. `async for line in f` and `readline()` give lines without their
    newline (None from readline() at the end). A file opened for writing
    replaces the old one atomically on close(); leaving an `async with`
    block with an exception drops the new version instead."""

    def __init__(self, path: PathLike, mode: str = 'r', *, fsync: bool = False) -> None:
        if mode not in ('r', 'w', 'a', 'rb', 'wb', 'ab'):
            raise ValueError('mode must be one of r, w, a, rb, wb, ab, not %r' % (mode,))
        self.name = _checks.path('path', path)
        self.mode = mode
        self._binary = mode.endswith('b')
        self._fsync = fsync
        self._handle: Any = None

    async def _open(self) -> AsyncFile:
        if self._handle is None:
            flags = Gaio.FileWriteFlags.FSYNC if self._fsync else Gaio.FileWriteFlags.NONE
            self._handle = await Gaio.FileHandle.open(self.name, _FILE_MODES[self.mode.rstrip('b')],
                                                      flags)
        return self

    def __await__(self) -> Generator[Any, None, AsyncFile]:
        return self._open().__await__()

    async def __aenter__(self) -> AsyncFile:
        return await self._open()

    async def __aexit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        if exc_type is None:
            await self.close()
        elif self._handle is not None:
            await self._handle.abort()

    def _check_open(self) -> None:
        if self._handle is None:
            raise ValueError('%s is not open yet: await Gaio.open(...)' % self.name)

    async def read(self, size: int = -1) -> bytes | str:
        """Reads at most @size bytes (at most 1 MiB at once), or all the
        rest when @size is negative."""
        self._check_open()
        if size == 0:
            return b'' if self._binary else ''
        future = self._handle.read_all() if size < 0 else self._handle.read(size)
        # The GLib.Bytes that the await gives borrows the future's value:
        # copy it out while the future is alive.
        data = (await future).get_data() or b''
        del future
        return data if self._binary else data.decode('utf-8')

    async def readline(self) -> str | None:
        self._check_open()
        line: str | None = await self._handle.read_line()
        return line

    def __aiter__(self) -> AsyncFile:
        return self

    async def __anext__(self) -> str:
        line = await self.readline()
        if line is None:
            raise StopAsyncIteration
        return line

    async def write(self, data: bytes | bytearray | memoryview | str) -> int:
        self._check_open()
        if isinstance(data, str):
            if self._binary:
                raise TypeError('write() of a binary file takes bytes, not str')
            data = data.encode('utf-8')
        elif not isinstance(data, (bytes, bytearray, memoryview)):
            raise TypeError('write() takes str or bytes, not %s' % type(data).__name__)
        await self._handle.write(GLib.Bytes.new(bytes(data)))
        return len(data)

    async def seek(self, offset: int, whence: int = 0) -> int:
        self._check_open()
        if whence not in (0, 1, 2):
            raise ValueError('whence must be 0, 1 or 2, not %r' % (whence,))
        types = (GLib.SeekType.SET, GLib.SeekType.CUR, GLib.SeekType.END)
        position: int = await self._handle.seek(offset, types[whence])
        return position

    def tell(self) -> int:
        self._check_open()
        position: int = self._handle.tell()
        return position

    async def flush(self) -> None:
        self._check_open()
        await self._handle.flush()

    async def close(self) -> None:
        if self._handle is not None:
            await self._handle.close()


def open(path: PathLike, mode: str = 'r', *, fsync: bool = False) -> AsyncFile:
    """Opens a file the way aiofiles.open() does: `async with
    Gaio.open(path, 'w') as f: await f.write(...)`, or `f = await
    Gaio.open(path)`. The blocking calls run on Gaio's file worker pool."""
    return AsyncFile(path, mode, fsync=fsync)
