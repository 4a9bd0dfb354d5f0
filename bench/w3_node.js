// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright 2026 The Gaio authors
//
// W3 anchor on node's http module: one keep-alive http.Agent with
// maxSockets = concurrency; every GET is started at once (the agent queues
// them). Prints the same one JSON line as the other programs.
'use strict';

const fs = require('fs');
const http = require('http');

function parseArgs(argv) {
  const options = { n: 10000, concurrency: 100 };
  for (let i = 2; i < argv.length; i++) {
    const [key, inline] = argv[i].split('=', 2);
    const value = inline !== undefined ? inline : argv[++i];
    if (key === '-n' || key === '--n') options.n = parseInt(value, 10);
    else if (key === '-c' || key === '--concurrency') options.concurrency = parseInt(value, 10);
    else if (key === '--url-base') options.urlBase = value;
    else if (key === '--url-list') options.urlList = value;
    else throw new Error(`unknown option ${key}`);
  }
  return options;
}

function rssKb(key) {
  const status = fs.readFileSync('/proc/self/status', 'utf8');
  const m = status.match(new RegExp(`^${key}:\\s+(\\d+)`, 'm'));
  return m ? parseInt(m[1], 10) : -1;
}

function cpuSeconds() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

function main() {
  const options = parseArgs(process.argv);
  const paths = fs.readFileSync(options.urlList, 'utf8').split('\n').filter((l) => l);
  const urls = [];
  for (let i = 0; i < options.n; i++) urls.push(options.urlBase + paths[i % paths.length]);

  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  let done = 0;
  let bytes = 0;
  let errors = 0;
  const cpu0 = cpuSeconds();
  const t0 = process.hrtime.bigint();

  function finish() {
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const cpu = cpuSeconds() - cpu0;
    const n = options.n;
    process.stdout.write(JSON.stringify({
      workload: `W3/c${options.concurrency}`,
      impl: 'node-http',
      n,
      seconds,
      per_op_ns: (seconds * 1e9) / n,
      cpu_seconds: cpu,
      cpu_per_op_ns: (cpu * 1e9) / n,
      bytes,
      errors,
      peak_rss_kb: rssKb('VmHWM'),
    }) + '\n');
    agent.destroy();
    process.exitCode = errors ? 1 : 0;
  }

  function completed() {
    if (++done === options.n) finish();
  }

  for (const url of urls) {
    const req = http.get(url, { agent }, (res) => {
      let size = 0;
      res.on('data', (chunk) => { size += chunk.length; });
      res.on('end', () => {
        if (res.statusCode !== 200) {
          process.stderr.write(`w3_node: status ${res.statusCode}\n`);
          errors++;
        } else {
          bytes += size;
        }
        completed();
      });
    });
    req.on('error', (e) => {
      process.stderr.write(`w3_node: ${e}\n`);
      errors++;
      completed();
    });
  }
}

main();
