#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""Asynchronous file writes and reads (aiofiles)."""

import gi
gi.require_version("Gaio", "1.0")
from gi.repository import Gaio  # noqa: E402
from gi.repository import GLib  # noqa: E402

FILES = {"example.txt": "test\ntest\n", "processed_errors.txt": "no errors found\n"}


async def write_file(path, text):
    # Replaces the file atomically: a temporary file, then a rename.
    await Gaio.file_write_path(path, GLib.Bytes.new(text.encode()), Gaio.FileWriteFlags.NONE)


async def read_file(path):
    contents = await Gaio.file_read_path(path)
    return contents.get_data().decode()


async def main():
    await Gaio.gather(*(write_file(path, text) for path, text in FILES.items()))
    print(f"Wrote {len(FILES)} files")
    data = await Gaio.gather(*(read_file(path) for path in FILES))
    for path, text in zip(FILES, data):
        print(f"{path} ({len(text.encode())} bytes):\n{text}", end="")


Gaio.run(main())
