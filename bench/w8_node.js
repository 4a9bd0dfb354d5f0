// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright 2026 The Gaio authors
//
// W8 anchor on node's `ws` package: --concurrency sockets opened at once,
// then each makes n / concurrency round trips of a 64-byte binary message
// (send, wait for the echo). Prints the same one JSON line as the others.
'use strict';

const fs = require('fs');
const WebSocket = require('ws');

function parseArgs(argv) {
  const options = { n: 100000, concurrency: 1 };
  for (let i = 2; i < argv.length; i++) {
    const [key, inline] = argv[i].split('=', 2);
    const value = inline !== undefined ? inline : argv[++i];
    if (key === '-n' || key === '--n') options.n = parseInt(value, 10);
    else if (key === '-c' || key === '--concurrency') options.concurrency = parseInt(value, 10);
    else if (key === '--url-base') options.url = value;
    else throw new Error(`unknown option ${key}`);
  }
  return options;
}

function cpuSeconds() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

function peakRssKb() {
  const m = fs.readFileSync('/proc/self/status', 'utf8').match(/^VmHWM:\s+(\d+)/m);
  return m ? parseInt(m[1], 10) : -1;
}

function open(url) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

async function echo(socket, roundTrips, payload, totals) {
  let pending = null;
  socket.on('message', (data) => {
    totals.bytes += data.length;
    const resolve = pending;
    pending = null;
    resolve();
  });
  for (let i = 0; i < roundTrips; i++) {
    await new Promise((resolve) => {
      pending = resolve;
      socket.send(payload, { binary: true });
    });
  }
}

async function main() {
  const options = parseArgs(process.argv);
  const roundTrips = Math.floor(options.n / options.concurrency);
  const payload = Buffer.alloc(64, 'x');
  const totals = { bytes: 0 };

  let start = process.hrtime.bigint();
  const sockets = await Promise.all(Array.from({ length: options.concurrency }, () => open(options.url)));
  const connectSeconds = Number(process.hrtime.bigint() - start) / 1e9;

  start = process.hrtime.bigint();
  const cpuStart = cpuSeconds();
  await Promise.all(sockets.map((socket) => echo(socket, roundTrips, payload, totals)));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = cpuSeconds() - cpuStart;
  const n = roundTrips * options.concurrency;

  await Promise.all(sockets.map((socket) => new Promise((resolve) => {
    socket.once('close', resolve);
    socket.close(1000);
  })));
  process.stdout.write(JSON.stringify({
    workload: `W8/c${options.concurrency}`, impl: 'node-ws', n, seconds,
    per_op_ns: seconds * 1e9 / n, cpu_seconds: cpu, cpu_per_op_ns: cpu * 1e9 / n,
    peak_rss_kb: peakRssKb(), connect_seconds: connectSeconds, bytes: totals.bytes, errors: 0,
  }) + '\n');
}

main().catch((e) => {
  process.stderr.write(`w8_node: ${e.stack || e}\n`);
  process.exit(1);
});
