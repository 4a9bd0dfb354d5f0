# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""Whole-file reads and atomic writes (Gaio's C file I/O) as coroutines."""

from __future__ import annotations

import os
from typing import Union

from gi.repository import GLib

from . import _checks
from ._gi import Gaio

__all__ = ['read_file', 'write_file']

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
