#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""W3s: 1,000 GETs one after another over HTTPS to a local nginx whose
certificate comes from a CA this script makes (openssl), against aiohttp
(one ClientSession, each GET awaited) and curl's connection reuse (one
process, many URLs, no --parallel). nginx logs each request's connection
serial number, so the table also gives the TLS handshakes (connections)
each client used. Not a test: run it by hand.

    /usr/bin/python3 bench/w3s.py [--build _build] [-n 1000] [--rounds 3]
"""

import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
NGINX = "/usr/sbin/nginx"

AIOHTTP = r'''
import asyncio, ssl, sys, time, aiohttp
base, listfile, n, ca = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
paths = [l.strip() for l in open(listfile) if l.strip()]
urls = [base + paths[i % len(paths)] for i in range(n)]
async def main():
    ctx = ssl.create_default_context(cafile=ca)
    errors = 0
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(ssl=ctx)) as session:
        start = time.perf_counter()
        for url in urls:
            async with session.get(url) as r:
                await r.read()
                errors += r.status != 200
        print(time.perf_counter() - start, errors)
asyncio.run(main())
'''


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_ca(prefix):
    def run(*args):
        subprocess.run(["openssl", *args], check=True, capture_output=True, cwd=prefix)
    run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca-key.pem", "-out", "ca.pem",
        "-days", "2", "-subj", "/CN=Gaio bench CA")
    with open(os.path.join(prefix, "server.ext"), "w") as f:
        f.write("subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n")
    run("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server-key.pem", "-out", "server.csr",
        "-subj", "/CN=127.0.0.1")
    run("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem",
        "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "server.ext")


def start_nginx(prefix, port, tls=True):
    www = os.path.join(prefix, "www")
    os.makedirs(os.path.join(www, "p"))
    paths = []
    for i in range(100):
        path = f"p/{i:03d}.html"
        with open(os.path.join(www, path), "wb") as f:
            f.write(bytes(ord("a") + (i + j) % 26 for j in range(2048 + 180 * i)))
        paths.append(path)
    with open(os.path.join(prefix, "urls.txt"), "w") as f:
        f.write("\n".join(paths) + "\n")
    conf = os.path.join(prefix, "nginx.conf")
    with open(conf, "w") as f:
        f.write(f"""
worker_processes 1; daemon off; master_process off;
pid {prefix}/nginx.pid; error_log {prefix}/error.log warn;
events {{ worker_connections 1024; }}
http {{
  log_format conn '$connection';
  access_log {"%s/access.log conn" % prefix if tls else "off"};
  keepalive_requests 1000000; keepalive_timeout 60s;
  client_body_temp_path {prefix}; proxy_temp_path {prefix}; fastcgi_temp_path {prefix};
  uwsgi_temp_path {prefix}; scgi_temp_path {prefix};
  server {{
    listen 127.0.0.1:{port}{" ssl" if tls else ""};
    {f"ssl_certificate {prefix}/server.pem; ssl_certificate_key {prefix}/server-key.pem;" if tls else ""}
    root {www};
  }}
}}
""")
    proc = subprocess.Popen([NGINX, "-p", prefix, "-c", conf, "-e", os.path.join(prefix, "error.log")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    for _ in range(500):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc
        except OSError:
            time.sleep(0.02)
    proc.kill()
    sys.exit("nginx did not start")


def connections_since(log, offset):
    with open(log) as f:
        f.seek(offset)
        lines = [l for l in f.read().split("\n") if l]
    return len(set(lines)), len(lines)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=os.path.join(ROOT, "_build"))
    parser.add_argument("-n", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    prefix = tempfile.mkdtemp(prefix="gaio-w3s-")
    os.chmod(prefix, 0o755)
    make_ca(prefix)
    port = free_port()
    proc = start_nginx(prefix, port)
    base = f"https://127.0.0.1:{port}/"
    urls_txt = os.path.join(prefix, "urls.txt")
    ca = os.path.join(prefix, "ca.pem")
    log = os.path.join(prefix, "access.log")
    with open(urls_txt) as f:
        paths = [l.strip() for l in f if l.strip()]
    curl_config = os.path.join(prefix, "curl.cfg")
    with open(curl_config, "w") as f:
        for i in range(args.n):
            f.write(f'url = "{base}{paths[i % len(paths)]}"\noutput = "/dev/null"\n')

    def gaio():
        out = subprocess.run([os.path.join(args.build, "bench", "bench-w3s-gaio"), "-n", str(args.n),
                              "--url-base", base, "--url-list", urls_txt],
                             env=dict(os.environ, GAIO_BENCH_CA_FILE=ca),
                             capture_output=True, text=True, check=True)
        import json
        result = json.loads(out.stdout.strip().splitlines()[-1])
        return result["seconds"]

    def aiohttp():
        out = subprocess.run(["/usr/bin/python3", "-c", AIOHTTP, base, urls_txt, str(args.n), ca],
                             capture_output=True, text=True, check=True)
        seconds, errors = out.stdout.split()
        assert errors == "0", out.stdout
        return float(seconds)

    def curl():
        start = time.perf_counter()
        subprocess.run(["curl", "-sS", "--fail", "--cacert", ca, "--config", curl_config],
                       check=True)
        return time.perf_counter() - start  # includes curl's start, about 10 ms

    impls = {"gaio": gaio, "aiohttp": aiohttp, "curl (one process)": curl}
    times = {name: [] for name in impls}
    conns = {}
    try:
        for r in range(args.rounds):
            for name, run in impls.items():
                offset = os.path.getsize(log) if os.path.exists(log) else 0
                times[name].append(run())
                time.sleep(0.05)  # nginx logs after it answers
                conns[name] = connections_since(log, offset)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait()
        shutil.rmtree(prefix, ignore_errors=True)

    print(f"W3s: {args.n} sequential HTTPS GETs, {args.rounds} rounds, "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load {os.getloadavg()[0]:.1f}")
    print("| client | median s | min-max s | per GET us | connections (TLS handshakes) | ratio vs gaio |")
    print("|---|---|---|---|---|---|")
    g = statistics.median(times["gaio"])
    for name in impls:
        m = statistics.median(times[name])
        c, n = conns[name]
        print(f"| {name} | {m:.3f} | {min(times[name]):.3f}-{max(times[name]):.3f} | "
              f"{m / args.n * 1e6:.0f} | {c} for {n} requests | {m / g:.2f} |")


if __name__ == "__main__":
    main()
