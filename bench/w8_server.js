// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright 2026 The Gaio authors
//
// W8's echo server, on node's `ws` package (npm; bench/npm pins it): every
// message goes back as it came, text or binary. Listens on 127.0.0.1 at a
// port the OS picks and prints {"port": N} once listening. No compression,
// as no client here asks for it.
'use strict';

const { WebSocketServer } = require('ws');

const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false,
                                     backlog: 4096, maxPayload: 1 << 20 });
server.on('connection', (socket) => {
  socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
});
server.on('listening', () => {
  process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n');
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
