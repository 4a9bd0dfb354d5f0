# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""W8 anchors in Python: --concurrency WebSockets opened at once, then each
makes n / concurrency round trips of a 64-byte binary message (send, await
the echo), as a user would write it. --client websockets uses the
`websockets` package (Debian's python3-websockets), --client aiohttp uses
aiohttp's ws_connect; --loop gaio runs the same code on Gaio's loop."""

import asyncio
import sys

import benchlib

PAYLOAD = b"x" * 64


async def open_websockets(url, concurrency):
    import websockets

    sockets = await asyncio.gather(*(websockets.connect(url, compression=None, max_queue=None)
                                     for _ in range(concurrency)))

    async def round_trip(socket):
        await socket.send(PAYLOAD)
        return len(await socket.recv())

    async def close(socket):
        await socket.close()

    return sockets, round_trip, close, None


async def open_aiohttp(url, concurrency):
    import aiohttp

    session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=concurrency))
    sockets = await asyncio.gather(*(session.ws_connect(url, autoping=False)
                                     for _ in range(concurrency)))

    async def round_trip(socket):
        await socket.send_bytes(PAYLOAD)
        return len((await socket.receive()).data)

    async def close(socket):
        await socket.close()

    return sockets, round_trip, close, session


async def run(options, timers, totals):
    opener = open_websockets if options.client == "websockets" else open_aiohttp
    timers["connect"].start()
    sockets, round_trip, close, session = await opener(options.url_base, options.concurrency)
    timers["connect"].stop()
    round_trips = options.n // options.concurrency

    async def echo(socket):
        for _ in range(round_trips):
            # Not `totals["bytes"] += await ...`: that reads the total
            # before the await and loses the other sockets' bytes.
            echoed = await round_trip(socket)
            totals["bytes"] += echoed

    timers["echo"].start()
    await asyncio.gather(*(echo(socket) for socket in sockets))
    timers["echo"].stop()
    await asyncio.gather(*(close(socket) for socket in sockets))
    if session is not None:
        await session.close()


def main():
    def extra(parser):
        parser.add_argument("--client", choices=("websockets", "aiohttp"), default="websockets")
        parser.add_argument("--loop", choices=("asyncio", "gaio"), default="asyncio")

    options = benchlib.parse_options(100000, extra)
    timers = {"connect": benchlib.Timer(), "echo": benchlib.Timer()}
    totals = {"bytes": 0}
    if options.loop == "gaio":
        import gi
        gi.require_version("Gaio", "1.0")
        from gi.repository import Gaio
        Gaio.run(run(options, timers, totals))
    else:
        asyncio.run(run(options, timers, totals))
    n = (options.n // options.concurrency) * options.concurrency
    impl = options.client if options.loop == "asyncio" else f"{options.client}-{options.loop}"
    benchlib.report(f"W8/c{options.concurrency}", impl, n, timers["echo"],
                    connect_seconds=timers["connect"].seconds, bytes=totals["bytes"], errors=0)
    sys.exit(0 if totals["bytes"] == n * len(PAYLOAD) else 1)


if __name__ == "__main__":
    main()
