#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""Runs Gaio's benchmarks beside their anchors and prints medians and ratios.

Every implementation is its own process that prints ONE JSON line
({"workload", "impl", "n", "seconds", "per_op_ns", "peak_rss_kb", ...}).
Within a workload, the implementations run interleaved (round-robin, the
order rotating every round), so that a noisy neighbour hurts all of them
alike. The table shows medians, the ratio Gaio/anchor on the workload's
main metric, and each target as met or missed.

    /usr/bin/python3 bench/run.py --build _build [--workload W1,W2] [--rounds 5] [--quick]

These are benchmarks, not tests: nothing here runs in `meson test` or CI.
"""

import argparse
import contextlib
import json
import os
import random
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
PYTHON = "/usr/bin/python3"  # the only interpreter with gi, aiohttp, aiofiles
NODE = "/usr/bin/node"
NGINX = "/usr/sbin/nginx"
WRK = shutil.which("wrk") or "/usr/bin/wrk"

METRIC_LABELS = {
    "seconds": "time",
    "per_op_ns": "time per op",
    "cpu_per_op_ns": "CPU per op",
    "bytes_per_pending": "bytes per pending",
    "cpu_seconds": "CPU seconds",
}


# Implementations ---------------------------------------------------------------

class Impl:
    """One program to run. kind is "c" (a program in <build>/bench), "py" (a
    script in bench/ run by /usr/bin/python3), "gaio-py" (the same, with the
    build's typelib and the Python override on the path), "node" or "wrk"."""

    def __init__(self, name, kind, program, args=(), needs=None, gaio=False, override=True,
                 modules=None, extra_env=None):
        self.override = override  # gaio-py: put bindings/python on PYTHONPATH
        self.extra_env = extra_env or {}  # variables set for this program only
        self.modules = modules  # Python modules it imports that may be missing
        self.name = name
        self.kind = kind
        self.program = program
        self.args = list(args)
        self.needs = needs  # what must be merged for it to exist, for messages
        self.gaio = gaio

    def unavailable(self, ctx):
        """Returns why this implementation cannot run, or None."""
        if self.kind == "c":
            if not os.access(self.binary(ctx), os.X_OK):
                if self.needs:
                    return f"not built: needs {self.needs}"
                return f"not built: {self.binary(ctx)}"
        elif self.kind in ("py", "gaio-py"):
            if not os.access(PYTHON, os.X_OK):
                return f"{PYTHON} missing"
            if not os.path.exists(os.path.join(HERE, self.program)):
                return f"bench/{self.program} missing"
            if self.kind == "gaio-py" and not os.path.exists(
                    os.path.join(ctx.build, "lib", "Gaio-1.0.typelib")):
                return "no Gaio-1.0.typelib in the build (introspection disabled?)"
            for module in (self.modules or {}).items():
                if not python_has(*module):
                    return f"no {module[0]} ({module[1]})"
        elif self.kind == "node":
            if not os.access(NODE, os.X_OK):
                return f"{NODE} missing"
        elif self.kind == "wrk":
            if not os.access(WRK, os.X_OK):
                return "wrk missing"
        return None

    def binary(self, ctx):
        return os.path.join(ctx.build, "bench", "bench-" + self.program)

    def command(self, ctx, n, run_args):
        common = ["-n", str(n)] + self.args + run_args
        if self.kind == "c":
            return [self.binary(ctx)] + common
        if self.kind in ("py", "gaio-py"):
            return [PYTHON, os.path.join(HERE, self.program)] + common
        if self.kind == "node":
            return [NODE, os.path.join(HERE, self.program)] + common
        raise ValueError(self.kind)

    def env(self, ctx):
        env = dict(os.environ)
        env.pop("G_MESSAGES_DEBUG", None)
        env.pop("GAIO_DEBUG", None)
        python_path = [HERE]
        if self.kind == "gaio-py":
            lib = os.path.join(ctx.build, "lib")
            env["GI_TYPELIB_PATH"] = ":".join(filter(None, [lib, env.get("GI_TYPELIB_PATH")]))
            env["LD_LIBRARY_PATH"] = ":".join(filter(None, [lib, env.get("LD_LIBRARY_PATH")]))
            override = os.path.join(ROOT, "bindings", "python")
            if self.override and os.path.isdir(os.path.join(override, "gi", "overrides")):
                python_path.insert(0, override)
        if self.kind == "node" and ctx.node_modules:
            env["NODE_PATH"] = ctx.node_modules
        if self.kind in ("py", "gaio-py"):
            env["PYTHONPATH"] = ":".join(python_path + [env.get("PYTHONPATH", "")]).rstrip(":")
        env.update(self.extra_env)
        return env


# The loops' modules and what provides them.
LOOP_MODULES = {"uvloop": {"uvloop": "python3-uvloop"},
                "gi-events": {"gi.events": "PyGObject 3.50+"}}
_python_has = {}


def python_has(module, provider=None):
    """Whether /usr/bin/python3 can import @module."""
    if module not in _python_has:
        _python_has[module] = subprocess.run(
            [PYTHON, "-c", f"import {module}"], capture_output=True).returncode == 0
    return _python_has[module]


def c(name, program, *args, needs=None, gaio=False, extra_env=None):
    return Impl(name, "c", program, args, needs=needs, gaio=gaio, extra_env=extra_env)


def py(name, script, *args, gaio=False, extra_env=None):
    return Impl(name, "gaio-py" if gaio else "py", script, args, gaio=gaio, extra_env=extra_env)


# glibc (2.35 and later) asks for transparent huge pages for malloc's heap:
# one page fault per 2 MiB instead of per 4 KiB when a program first touches
# the memory of many live objects. The "-thp" rows run with it, anchor and
# Gaio alike; they matter where the kernel's THP mode is "madvise".
MALLOC_HUGE_PAGES = {"GLIBC_TUNABLES": "glibc.malloc.hugetlb=1"}


# Targets ------------------------------------------------------------------------

class Target:
    """A goal on the medians. One of:
    ratio:   med[impl][metric] / med[ref][metric] <= limit   ("<= 1.0x raw idle")
    speedup: med[ref][metric] / med[impl][metric] >= limit   (">= 20x asyncio")
    atmost:  med[impl][metric] <= limit                      ("<= 200 B")"""

    def __init__(self, kind, metric, impl, limit, ref=None, text=None):
        self.kind, self.metric, self.impl, self.limit, self.ref = kind, metric, impl, limit, ref
        self.text = text

    def describe(self):
        if self.text:
            return self.text
        label = METRIC_LABELS.get(self.metric, self.metric)
        if self.kind == "ratio":
            return f"{self.impl} {label} <= {self.limit:g}x {self.ref}"
        if self.kind == "speedup":
            return f"{self.impl} >= {self.limit:g}x faster than {self.ref} ({label})"
        return f"{self.impl} {label} <= {self.limit:g}"

    def evaluate(self, medians):
        """Returns (shown value, True/False, or None when it cannot be judged)."""
        mine = medians.get(self.impl, {}).get(self.metric)
        if mine is None:
            return "n/a", None
        if self.kind == "atmost":
            return fmt_metric(self.metric, mine), mine <= self.limit
        theirs = medians.get(self.ref, {}).get(self.metric)
        if theirs is None or theirs == 0 or mine == 0:
            return "n/a", None
        if self.kind == "ratio":
            ratio = mine / theirs
            return f"{ratio:.2f}x", ratio <= self.limit
        speedup = theirs / mine
        return f"{speedup:.2f}x", speedup >= self.limit


def ratio(metric, impl, ref, limit, text=None):
    return Target("ratio", metric, impl, limit, ref, text)


def speedup(metric, impl, ref, limit, text=None):
    return Target("speedup", metric, impl, limit, ref, text)


def atmost(metric, impl, limit, text=None):
    return Target("atmost", metric, impl, limit, None, text)


# Cases -------------------------------------------------------------------------

class Case:
    """One table: a workload (or one setting of it, like W3 at c100)."""

    def __init__(self, name, title, impls, n, quick_n, metric, targets, args=(),
                 fixture=None, per_run=None, check=None):
        self.name = name
        self.workload = name.split("/")[0]
        self.title = title
        self.impls = impls
        self.n = n
        self.quick_n = quick_n
        self.metric = metric  # the main metric, for the Gaio/anchor column
        self.targets = targets
        self.args = list(args)
        self.fixture = fixture  # context manager factory shared by the workload
        self.per_run = per_run  # context manager factory around every run
        self.check = check  # validates one result against the fixture


# W3: nginx and its pages ---------------------------------------------------------

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def nginx_fixture(ctx, n):
    """Generates static pages of 2-20 KiB, starts nginx on a free port with a
    private prefix and config, and yields what the clients need."""
    if not os.access(NGINX, os.X_OK):
        raise Unavailable(f"{NGINX} missing")
    prefix = tempfile.mkdtemp(prefix="gaio-bench-nginx-")
    os.chmod(prefix, 0o755)  # workers run as nobody
    www = os.path.join(prefix, "www")
    os.makedirs(os.path.join(www, "p"))
    rng = random.Random(1234)
    sizes = {}
    for i in range(100):
        path = f"p/{i:03d}.html"
        size = rng.randint(2 * 1024, 20 * 1024)
        with open(os.path.join(www, path), "wb") as f:
            f.write(bytes(ord("a") + (i + j) % 26 for j in range(size)))
        sizes[path] = size
    paths = sorted(sizes)
    rng.shuffle(paths)
    url_list = os.path.join(prefix, "urls.txt")
    with open(url_list, "w") as f:
        f.write("\n".join(paths) + "\n")
    expected = sum(sizes[paths[i % len(paths)]] for i in range(n))
    for d in ("www", "www/p"):
        os.chmod(os.path.join(prefix, d), 0o755)

    with nginx_serving(ctx, prefix, www) as url_base:
        yield {
            "args": ["--url-base", url_base, "--url-list", url_list],
            "url_base": url_base,
            "url_list": url_list,
            "expected_bytes": expected,
            "prefix": prefix,
        }


@contextlib.contextmanager
def nginx_serving(ctx, prefix, www):
    """Starts nginx on a free port serving @www, with its config and files
    under @prefix (removed afterwards); yields the base URL."""
    port = free_port()
    conf = os.path.join(prefix, "nginx.conf")
    with open(conf, "w") as f:
        f.write(f"""
worker_processes {ctx.nginx_workers};
daemon off;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
worker_rlimit_nofile 16384;
events {{ worker_connections 8192; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_requests 1000000;
    keepalive_timeout 60s;
    types {{ text/html html; }}
    default_type application/octet-stream;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    server {{
        listen 127.0.0.1:{port} backlog=4096;
        root {www};
        location / {{ }}
    }}
}}
""")
    proc = subprocess.Popen([NGINX, "-p", prefix, "-c", conf, "-e", os.path.join(prefix, "error.log")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        deadline = time.monotonic() + 10
        while True:
            if proc.poll() is not None:
                raise Failure(f"nginx exited: {proc.stderr.read().decode(errors='replace')}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise Failure("nginx did not start listening within 10 s")
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.send_signal(signal.SIGQUIT)  # graceful stop
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(prefix, ignore_errors=True)


@contextlib.contextmanager
def nginx_big_file_fixture(ctx, n):
    """W7: nginx serving one sparse file of @n MiB (nothing is written to
    disk; the kernel serves zero pages)."""
    if not os.access(NGINX, os.X_OK):
        raise Unavailable(f"{NGINX} missing")
    prefix = tempfile.mkdtemp(prefix="gaio-bench-nginx-")
    www = os.path.join(prefix, "www")
    os.makedirs(www)
    for d in (prefix, www):
        os.chmod(d, 0o755)  # workers run as nobody
    with open(os.path.join(www, "big.bin"), "wb") as f:
        f.truncate(n << 20)
    with nginx_serving(ctx, prefix, www) as url_base:
        yield {"args": ["--url-base", url_base], "url_base": url_base,
               "expected_bytes": n << 20}


def w7_check(case, impl, result, fixture):
    if result.get("errors"):
        return f"{result['errors']} errors"
    if result.get("bytes") != fixture["expected_bytes"]:
        return f"body bytes {result.get('bytes')} != expected {fixture['expected_bytes']}"
    return None


def w3_check(case, impl, result, fixture):
    errors = result.get("errors")
    if errors:
        return f"{errors} failed or non-200 responses"
    if impl.kind == "wrk":
        return None  # wrk counts header bytes too; its errors are checked above
    expected = fixture["expected_bytes"]
    if result.get("bytes") != expected:
        return f"body bytes {result.get('bytes')} != expected {expected}"
    return None


# W8: node's ws echo server ---------------------------------------------------------

def npm_packages(ctx):
    """Installs the npm packages pinned by bench/npm (node's `ws`) into the
    build folder, once, and returns their node_modules folder."""
    if ctx.node_modules:
        return ctx.node_modules
    npm = shutil.which("npm")
    if npm is None or not os.access(NODE, os.X_OK):
        raise Unavailable("node and npm are needed for the ws echo server")
    target = os.path.join(ctx.build, "bench-npm")
    modules = os.path.join(target, "node_modules")
    lock = os.path.join(HERE, "npm", "package-lock.json")
    installed = os.path.join(target, "package-lock.json")
    if not (os.path.isdir(os.path.join(modules, "ws")) and os.path.exists(installed)
            and open(lock).read() == open(installed).read()):
        os.makedirs(target, exist_ok=True)
        shutil.copy(os.path.join(HERE, "npm", "package.json"), target)
        shutil.copy(lock, target)
        proc = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=target,
                              capture_output=True, text=True, timeout=600)
        if proc.returncode != 0:
            raise Unavailable("npm ci failed: " + (proc.stderr.strip() or proc.stdout.strip())[-300:])
    ctx.node_modules = modules
    return modules


@contextlib.contextmanager
def ws_echo_fixture(ctx, n):
    """Starts node's ws echo server (bench/w8_server.js) on a free port."""
    env = dict(os.environ, NODE_PATH=npm_packages(ctx))
    proc = subprocess.Popen([NODE, os.path.join(HERE, "w8_server.js")], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    try:
        line = proc.stdout.readline()
        if not line:
            raise Failure(f"the ws echo server exited: {proc.stderr.read()[-300:]}")
        url = f"ws://127.0.0.1:{json.loads(line)['port']}/"
        yield {"args": ["--url-base", url], "url_base": url}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def w8_check(case, impl, result, fixture):
    if result.get("errors"):
        return f"{result['errors']} failed sockets"
    if result.get("bytes") != result["n"] * 64:
        return f"echoed {result.get('bytes')} bytes instead of {result['n'] * 64}"
    return None


def run_wrk(ctx, case, n, fixture):
    """wrk is duration-based: it runs for a few seconds at the same
    concurrency and its throughput is turned into the time n requests take."""
    concurrency = int(case.name.split("/c")[1])
    duration = 2 if ctx.quick else 4
    cmd = [WRK, "-t", "2", "-c", str(concurrency), "-d", f"{duration}s", "--timeout", "10s",
           "-s", os.path.join(HERE, "w3_wrk.lua"), fixture["url_base"]]
    env = dict(os.environ, WRK_URL_LIST=fixture["url_list"])
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=duration + 60)
    summary = None
    for line in proc.stdout.splitlines():
        if line.startswith("WRK_JSON "):
            summary = json.loads(line[len("WRK_JSON "):])
    if proc.returncode != 0 or summary is None:
        raise Failure(f"wrk failed ({proc.returncode}): {proc.stderr.strip() or proc.stdout.strip()}")
    rps = summary["requests"] / (summary["duration_us"] / 1e6)
    seconds = n / rps
    # Non-2xx answers fail the run; socket errors are reported only: wrk
    # drops connections mid-request when its duration ends.
    socket_errors = sum(summary[k] for k in summary
                        if k.startswith("errors_") and k != "errors_status")
    return {
        "workload": case.name, "impl": "wrk", "n": n, "seconds": seconds,
        "per_op_ns": seconds * 1e9 / n, "requests": summary["requests"],
        "requests_per_second": rps, "errors": summary["errors_status"],
        "socket_errors": socket_errors, "peak_rss_kb": None,
    }


# W4: a fresh folder on tmpfs for every run ------------------------------------------

@contextlib.contextmanager
def shm_dir_per_run(ctx):
    base = "/dev/shm" if os.path.isdir("/dev/shm") else None
    path = tempfile.mkdtemp(prefix="gaio-bench-w4-", dir=base)
    try:
        yield ["--dir", path]
    finally:
        shutil.rmtree(path, ignore_errors=True)


def w4_check(case, impl, result, fixture):
    if result.get("errors"):
        return f"{result['errors']} writes failed"
    return None


def w4_verify_files(path, n, size):
    names = os.listdir(path)
    finals = [x for x in names if x.startswith("f") and x.endswith(".bin")]
    if len(finals) != n:
        return f"{len(finals)} files written, expected {n} (folder holds {len(names)} entries)"
    bad = [x for x in finals if os.path.getsize(os.path.join(path, x)) != size]
    if bad:
        return f"{len(bad)} files have the wrong size, e.g. {bad[0]}"
    return None


# The workloads ----------------------------------------------------------------------

def build_cases():
    cases = []

    cases.append(Case(
        "W1", "1M futures: create, add a done-callback, resolve, run until all callbacks ran",
        [c("gaio", "w1-gaio", gaio=True), c("glib-idle", "w1-idle"), c("gtask", "w1-gtask"),
         py("asyncio", "w1_asyncio.py")],
        n=1000000, quick_n=200000, metric="per_op_ns",
        targets=[ratio("per_op_ns", "gaio", "glib-idle", 1.0),
                 atmost("bytes_per_pending", "gaio", 200,
                        "gaio <= 200 B per pending future (with a callback)")]))

    cases.append(Case(
        "W2", "100k concurrent 10 ms sleeps with a callback each",
        [c("gaio", "w2-gaio", gaio=True), c("glib-timeout", "w2-timeout"),
         py("asyncio", "w2_asyncio.py"), py("asyncio-call_later", "w2_asyncio.py", "--call-later")],
        n=100000, quick_n=100000, metric="seconds",
        targets=[ratio("seconds", "gaio", "glib-timeout", 1.5),
                 atmost("bytes_per_pending", "gaio", 400, "gaio <= 400 B per pending sleep")]))

    cases.append(Case(
        "W2f", "100k live C fiber tasks, each awaiting a 10 ms sleep",
        [c("gaio-fibers", "w2f-gaio", needs="GaioTask fibers (gaio-task.c)", gaio=True),
         c("gaio-fibers-warm", "w2f-gaio", "--warm", needs="GaioTask fibers (gaio-task.c)",
           gaio=True),
         c("gaio-co", "w2f-gaio", "--coroutines", needs="GaioTask coroutines (gaio-task.c)",
           gaio=True),
         c("glib-timeout", "w2-timeout"),
         py("asyncio", "w2_asyncio.py", "--workload", "W2f")],
        n=100000, quick_n=100000, metric="seconds",
        targets=[atmost("seconds", "gaio-fibers", 1.0, "gaio-fibers completes 100k in <= 1 s "
                        "(vm.max_map_count at its default)"),
                 atmost("bytes_per_pending", "gaio-fibers", 16384,
                        "gaio-fibers <= 16 KiB RSS per fiber"),
                 ratio("seconds", "gaio-co", "glib-timeout", 5),
                 ratio("seconds", "gaio-co", "asyncio", 0.3),
                 ratio("cpu_seconds", "gaio-co", "glib-timeout", 5),
                 ratio("cpu_seconds", "gaio-co", "asyncio", 0.3)]))

    cases.append(Case(
        "W5", "gather over 100k already-resolved futures",
        [c("gaio", "w5-gaio", needs="GaioGatherer (gaio-gatherer.c)", gaio=True),
         c("gtask-count", "w5-gtask"), py("asyncio", "w5_asyncio.py")],
        n=100000, quick_n=100000, metric="seconds",
        targets=[atmost("seconds", "gaio", 0.030, "gaio gather <= 30 ms"),
                 speedup("seconds", "gaio", "asyncio", 20)]))

    cases.append(Case(
        "W6", "100k tasks through a semaphore of 100, each awaiting a 1 ms sleep",
        [c("gaio", "w6-gaio", needs="GaioSemaphore (gaio-semaphore.c)", gaio=True),
         c("gaio-fibers", "w6-gaio-fibers", needs="GaioSemaphore and GaioTask fibers", gaio=True),
         c("gaio-fibers-warm", "w6-gaio-fibers", "--warm",
           needs="GaioSemaphore and GaioTask fibers", gaio=True),
         c("gaio-co", "w6-gaio-fibers", "--coroutines",
           needs="GaioSemaphore and GaioTask coroutines", gaio=True),
         c("gaio-co-warm", "w6-gaio-fibers", "--coroutines", "--warm",
           needs="GaioSemaphore and GaioTask coroutines", gaio=True),
         c("gaio-co-thp", "w6-gaio-fibers", "--coroutines", extra_env=MALLOC_HUGE_PAGES,
           needs="GaioSemaphore and GaioTask coroutines", gaio=True),
         py("asyncio", "w6_asyncio.py"),
         py("asyncio-thp", "w6_asyncio.py", extra_env=MALLOC_HUGE_PAGES)],
        n=100000, quick_n=20000, metric="cpu_per_op_ns",
        targets=[speedup("cpu_per_op_ns", "gaio", "asyncio", 10),
                 speedup("cpu_per_op_ns", "gaio-fibers", "asyncio", 10),
                 speedup("cpu_per_op_ns", "gaio-co", "asyncio", 10),
                 speedup("cpu_per_op_ns", "gaio-co-thp", "asyncio-thp", 10)]))

    # Issue #10: at both concurrencies, at least as fast as node http,
    # aiohttp and the best raw-libsoup arrangement (one session or sharded).
    w3_targets = [speedup("seconds", "gaio", ref, 1.0, f"gaio throughput >= 1x {text}")
                  for ref, text in (("libsoup", "raw libsoup, one session"),
                                    ("libsoup-sharded", "raw libsoup, sharded"),
                                    ("aiohttp", "aiohttp"), ("node-http", "node http"))]
    for concurrency, targets in ((100, w3_targets), (1000, w3_targets)):
        cases.append(Case(
            f"W3/c{concurrency}", f"10k GETs of 2-20 KiB static pages from local nginx, "
            f"concurrency {concurrency}",
            [c("gaio", "w3-gaio", needs="GaioHttpClient (gaio-http-client.c)", gaio=True),
             c("libsoup", "w3-soup"),
             c("libsoup-sharded", "w3-soup", "--sessions", str(max(2, concurrency // 50))),
             py("aiohttp", "w3_aiohttp.py"),
             Impl("node-http", "node", "w3_node.js"), Impl("wrk", "wrk", "wrk")],
            n=10000, quick_n=3000, metric="seconds", targets=targets,
            args=["-c", str(concurrency)], fixture=nginx_fixture, check=w3_check))

    for sockets, n, quick_n in ((1, 100000, 20000), (1000, 100000, 20000)):
        cases.append(Case(
            f"W8/c{sockets}", f"WebSocket echo of 64-byte messages from node's ws server: "
            f"{sockets} socket{'s' if sockets > 1 else ''}, n round trips in all",
            [c("gaio", "w8-gaio", needs="GaioWebSocket (gaio-websocket.c)", gaio=True),
             c("libsoup", "w8-soup"), Impl("node-ws", "node", "w8_node.js"),
             py("websockets", "w8_websockets.py", "--client", "websockets"),
             py("aiohttp", "w8_websockets.py", "--client", "aiohttp")],
            n=n, quick_n=quick_n, metric="seconds",
            targets=[speedup("seconds", "gaio", "node-ws", 1.0, "gaio throughput >= 1x node ws"),
                     speedup("seconds", "gaio", "websockets", 1.0,
                             "gaio throughput >= 1x Python websockets")],
            args=["-c", str(sockets)], fixture=ws_echo_fixture, check=w8_check))

    cases.append(Case(
        "W4", "10k writes of 8 KiB to new files on tmpfs (/dev/shm), all at once",
        [c("gaio", "w4-gaio", needs="Gaio atomic file writes (gaio-file.c)", gaio=True),
         c("gio", "w4-gio"), py("aiofiles", "w4_aiofiles.py")],
        n=10000, quick_n=3000, metric="seconds",
        targets=[speedup("seconds", "gaio", "gio", 0.8, "gaio throughput >= 0.8x raw GIO"),
                 speedup("seconds", "gaio", "aiofiles", 4)],
        args=["--size", "8192"], per_run=shm_dir_per_run, check=w4_check))

    cases.append(Case(
        "W7", "one streamed GET of n MiB (1 GiB) from local nginx, read in 64 KiB chunks",
        [c("gaio", "w7-gaio", needs="streamed responses (gaio_http_client_open)", gaio=True),
         py("curl", "w7_curl.py"), py("aiohttp", "w7_aiohttp.py"),
         Impl("gaio-py", "gaio-py", "w7_aiohttp.py", ["--gaio"], gaio=True)],
        n=1024, quick_n=256, metric="seconds",
        targets=[speedup("seconds", "gaio", "curl", 0.8,
                         "gaio throughput >= 0.8x curl to /dev/null"),
                 speedup("seconds", "gaio", "aiohttp", 1.0,
                         "gaio throughput >= 1x aiohttp iter_chunked"),
                 ratio("cpu_seconds", "gaio", "curl", 1.25,
                       "gaio CPU <= 1.25x curl's (what the wall time means on a busy machine)")],
        fixture=nginx_big_file_fixture, check=w7_check))

    # The Python workloads: the same code (py_loops.py) on Gaio's loop,
    # asyncio's default loop, uvloop and PyGObject's gi.events (3.50+).
    def loop(name, workload, *args, loop_name=None):
        return Impl(name, "gaio-py", "py_loops.py",
                    ["--workload", workload, "--loop", loop_name or name, "--impl", name]
                    + list(args), gaio=name.startswith("gaio"), modules=LOOP_MODULES.get(loop_name or name))

    def loops(workload, *extra):
        return ([loop("gaio", workload)] + list(extra)
                + [loop(name, workload) for name in ("asyncio", "uvloop", "gi-events")])

    cases.append(Case(
        "W1-py", "futures from loop.create_future() with a done-callback, resolved, awaited",
        loops("W1-py", loop("gaio-c-futures", "W1-py", "--c-futures", loop_name="gaio")),
        n=300000, quick_n=100000, metric="per_op_ns",
        targets=[ratio("per_op_ns", "gaio", "asyncio", 1.0,
                       "Gaio's loop at least as fast as asyncio's default loop")]))

    cases.append(Case(
        "W2-py", "100k tasks each awaiting asyncio.sleep(0.01), gathered",
        loops("W2-py", loop("gaio-c-sleep", "W2-py", "--c-sleep", loop_name="gaio")),
        n=100000, quick_n=100000, metric="seconds",
        targets=[ratio("seconds", "gaio", "asyncio", 1.0,
                       "Gaio's loop at least as fast as asyncio's default loop")]))

    cases.append(Case(
        "W9-py", "100k sequential `await asyncio.sleep(0)` (one loop iteration each)",
        loops("W9-py"),
        n=100000, quick_n=100000, metric="per_op_ns",
        targets=[ratio("per_op_ns", "gaio", "asyncio", 1.5,
                       "Gaio's loop at most 1.5x asyncio's default loop")]))

    cases.append(Case(
        "Idle", "CPU burnt while one task awaits a 5 s gaio_sleep() (n = seconds)",
        loops("Idle"),
        n=5, quick_n=5, metric="cpu_seconds",
        targets=[atmost("cpu_seconds", name, 0.01, f"{name}: <= 0.01 s of CPU in 5 s idle")
                 for name in ("gaio", "asyncio", "uvloop", "gi-events")]))

    cases.append(Case(
        "W3-py/c100", "aiohttp and Gaio.HttpClient: 10k GETs of 2-20 KiB static pages from "
        "local nginx, concurrency 100",
        [Impl("aiohttp-gaio", "gaio-py", "w3_aiohttp.py", ["--loop", "gaio"], gaio=True),
         Impl("gaio-httpclient", "gaio-py", "w3_py_gaio.py", gaio=True,
              needs="GaioHttpClient (gaio-http-client.c)"),
         py("aiohttp", "w3_aiohttp.py"),
         Impl("aiohttp-uvloop", "py", "w3_aiohttp.py", ["--loop", "uvloop"],
              modules=LOOP_MODULES["uvloop"])],
        n=10000, quick_n=3000, metric="seconds",
        targets=[speedup("seconds", "aiohttp-gaio", "aiohttp", 0.9,
                         "aiohttp on Gaio's loop >= 0.9x aiohttp on asyncio's (throughput)"),
                 speedup("seconds", "gaio-httpclient", "aiohttp", 1.0,
                         "Gaio.HttpClient from Python >= 1x aiohttp on asyncio's loop")],
        args=["-c", "100"], fixture=nginx_fixture, check=w3_check))
    return cases


# Running -----------------------------------------------------------------------------

class Failure(Exception):
    pass


class Unavailable(Exception):
    pass


class Context:
    def __init__(self, args):
        self.build = os.path.abspath(args.build)
        self.quick = args.quick
        self.rounds = args.rounds
        self.nginx_workers = args.nginx_workers
        self.verbose = args.verbose
        self.timeout = args.timeout
        self.node_modules = None  # set by npm_packages()


def run_one(ctx, case, impl, n, fixture):
    if impl.kind == "wrk":
        return run_wrk(ctx, case, n, fixture)
    run_args = list(case.args)
    if fixture is not None:
        run_args += fixture["args"]
    with contextlib.ExitStack() as stack:
        if case.per_run is not None:
            run_args += stack.enter_context(case.per_run(ctx))
        cmd = impl.command(ctx, n, run_args)
        if ctx.verbose:
            print("  $ " + " ".join(cmd), file=sys.stderr)
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, env=impl.env(ctx),
                                  timeout=ctx.timeout)
        except subprocess.TimeoutExpired:
            raise Failure(f"timed out after {ctx.timeout} s")
        lines = [x for x in proc.stdout.splitlines() if x.startswith("{")]
        if proc.returncode != 0 or len(lines) != 1:
            detail = (proc.stderr.strip() or proc.stdout.strip())[-600:]
            raise Failure(f"exit status {proc.returncode}: {detail}")
        result = json.loads(lines[0])
        if case.workload == "W4":
            problem = w4_verify_files(run_args[run_args.index("--dir") + 1], n,
                                      int(run_args[run_args.index("--size") + 1]))
            if problem:
                raise Failure(problem)
    for key in ("seconds", "per_op_ns", "peak_rss_kb"):
        if key not in result:
            raise Failure(f"the JSON line lacks {key}: {lines[0]}")
    if result.get("n") != n:
        raise Failure(f"ran n={result.get('n')} instead of {n}")
    return result


def fmt_metric(metric, value):
    if value is None:
        return "-"
    if metric == "seconds":
        return f"{value * 1000:.1f} ms" if value < 10 else f"{value:.2f} s"
    if metric == "cpu_seconds":
        return f"{value:.4f} s"
    if metric.endswith("_ns"):
        if value >= 1e6:
            return f"{value / 1e6:.2f} ms"
        if value >= 1e4:
            return f"{value / 1e3:.1f} us"
        return f"{value:.0f} ns"
    if metric == "bytes_per_pending":
        return f"{value:.0f} B"
    if metric == "peak_rss_kb":
        return f"{value / 1024:.1f} MiB"
    return f"{value:g}"


def medians_of(results):
    medians = {}
    for impl, runs in results.items():
        if not runs:
            continue
        keys = set().union(*(r.keys() for r in runs))
        med = {}
        for key in keys:
            values = [r[key] for r in runs if isinstance(r.get(key), (int, float))
                      and not isinstance(r.get(key), bool)]
            if values:
                med[key] = statistics.median(values)
        med["runs"] = len(runs)
        med["spread"] = (min(r["seconds"] for r in runs), max(r["seconds"] for r in runs))
        medians[impl] = med
    return medians


def print_table(case, medians, skipped, failures, n):
    print()
    print(f"== {case.name}: {case.title} (n={n}, medians of {max((m['runs'] for m in medians.values()), default=0)} runs)")
    header = ["impl", "time", "per op", "CPU/op", "B/pending", "peak RSS",
              f"gaio/impl ({METRIC_LABELS.get(case.metric, case.metric)})", "time min-max"]
    rows = []
    gaio_names = [i.name for i in case.impls if i.gaio and i.name in medians]
    for impl in case.impls:
        name = impl.name
        if name in medians:
            med = medians[name]
            ratios = []
            for g in gaio_names:
                mine, theirs = medians[g].get(case.metric), med.get(case.metric)
                if g != name and mine and theirs:
                    ratios.append(f"{mine / theirs:.2f}x" if len(gaio_names) == 1
                                  else f"{g}: {mine / theirs:.2f}x")
            lo, hi = med["spread"]
            rows.append([name, fmt_metric("seconds", med.get("seconds")),
                         fmt_metric("per_op_ns", med.get("per_op_ns")),
                         fmt_metric("cpu_per_op_ns", med.get("cpu_per_op_ns")),
                         fmt_metric("bytes_per_pending", med.get("bytes_per_pending")),
                         fmt_metric("peak_rss_kb", med.get("peak_rss_kb")),
                         ", ".join(ratios) or "-",
                         f"{fmt_metric('seconds', lo)} - {fmt_metric('seconds', hi)}"])
        elif name in failures:
            rows.append([name, "FAILED", failures[name][:60]] + [""] * 5)
        else:
            rows.append([name, "skipped", skipped.get(name, "")] + [""] * 5)
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    # Long skip/failure messages must not widen the table.
    widths[2] = min(widths[2], 12)
    for row in [header] + rows:
        cells = [str(cell).ljust(widths[i]) if i != 2 or len(str(cell)) <= 12 else str(cell)
                 for i, cell in enumerate(row)]
        print("  " + "  ".join(cells).rstrip())
    outcomes = []
    for target in case.targets:
        shown, met = target.evaluate(medians)
        mark = {True: "met", False: "MISSED", None: "n/a"}[met]
        print(f"  target: {target.describe()}: {shown} -> {mark}")
        outcomes.append((case.name, target.describe(), shown, mark))
    return outcomes


def run_case(ctx, case, fixture, record):
    n = case.quick_n if ctx.quick else case.n
    skipped, failures, results = {}, {}, {}
    impls = []
    for impl in case.impls:
        why = impl.unavailable(ctx)
        if why:
            skipped[impl.name] = why
        else:
            impls.append(impl)
            results[impl.name] = []
    print(f"-- {case.name}: {len(impls)} implementations x {ctx.rounds} rounds, n={n}",
          file=sys.stderr, flush=True)
    for rnd in range(ctx.rounds):
        # Rotate the order so that no implementation always runs first.
        order = impls[rnd % len(impls):] + impls[:rnd % len(impls)] if impls else []
        for impl in order:
            if impl.name in failures:
                continue
            try:
                result = run_one(ctx, case, impl, n, fixture)
                if case.check is not None:
                    problem = case.check(case, impl, result, fixture)
                    if problem:
                        raise Failure(problem)
            except Failure as e:
                failures[impl.name] = str(e)
                print(f"   {impl.name}: FAILED: {e}", file=sys.stderr, flush=True)
                continue
            results[impl.name].append(result)
            record.append({"case": case.name, "round": rnd, **result})
            if ctx.verbose:
                print("   " + json.dumps(result), file=sys.stderr, flush=True)
    medians = medians_of(results)
    return print_table(case, medians, skipped, failures, n), failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "_build"),
                        help="the meson build folder (default: _build)")
    parser.add_argument("--workload", default="",
                        help="comma-separated workloads to run: W1,W2,W2f,W5,W6,W3,W4,W1-py,"
                             "W2-py,W9-py,Idle,W3-py,W7,W8 "
                             "(W3/c100 picks one setting); default: all")
    parser.add_argument("--rounds", type=int, default=None,
                        help="rounds per implementation (default 5, 3 with --quick)")
    parser.add_argument("--quick", action="store_true",
                        help="smaller n where it matters and 3 rounds: a smoke run")
    parser.add_argument("--nginx-workers", type=int, default=1,
                        help="nginx worker_processes for W3 (default 1; this machine has 2 cores)")
    parser.add_argument("--timeout", type=int, default=300, help="seconds allowed per run")
    parser.add_argument("--save", help="also write every single result to this JSON file")
    parser.add_argument("--list", action="store_true", help="list the workloads and exit")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    if args.rounds is None:
        args.rounds = 3 if args.quick else 5
    ctx = Context(args)

    cases = build_cases()
    if args.list:
        for case in cases:
            print(f"{case.name:9} {case.title}")
            print(f"{'':9} impls: {', '.join(i.name for i in case.impls)}")
        return 0
    if args.workload:
        wanted = {w.strip().lower() for w in args.workload.split(",") if w.strip()}
        known = {c.name.lower() for c in cases} | {c.workload.lower() for c in cases}
        unknown = wanted - known
        if unknown:
            parser.error(f"unknown workload(s): {', '.join(sorted(unknown))}")
        cases = [c for c in cases if c.name.lower() in wanted or c.workload.lower() in wanted]

    if not os.path.isdir(os.path.join(ctx.build, "bench")):
        parser.error(f"{ctx.build} is not a configured Gaio build folder (no bench/ in it); "
                     "run meson setup and ninja first, or ./dev.sh bench")

    try:
        with open("/proc/sys/vm/max_map_count") as f:
            max_map_count = f.read().strip()
    except OSError:
        max_map_count = "?"
    print(f"Gaio benchmarks, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
          f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}, "
          f"vm.max_map_count {max_map_count}, build {ctx.build}, {ctx.rounds} rounds"
          f"{' (quick)' if ctx.quick else ''}")

    outcomes, record, all_failures = [], [], []
    # Cases of one workload share a fixture (W3's nginx serves both settings).
    by_workload = {}
    for case in cases:
        by_workload.setdefault(case.workload, []).append(case)
    for workload, group in by_workload.items():
        fixture_factory = group[0].fixture
        n = group[0].quick_n if ctx.quick else group[0].n
        try:
            with (fixture_factory(ctx, n) if fixture_factory else contextlib.nullcontext()) as fixture:
                for case in group:
                    case_outcomes, failures = run_case(ctx, case, fixture, record)
                    outcomes += case_outcomes
                    all_failures += [(case.name, k, v) for k, v in failures.items()]
        except Unavailable as e:
            print(f"\n== {workload}: skipped: {e}")
        except Failure as e:
            print(f"\n== {workload}: FAILED: {e}")
            all_failures.append((workload, "fixture", str(e)))

    print("\nSummary of targets:")
    for name, text, shown, mark in outcomes:
        print(f"  {mark:6} {name:8} {text}: {shown}")

    if args.save:
        with open(args.save, "w") as f:
            json.dump(record, f, indent=1)
    if all_failures:
        print("\nFAILED runs:")
        for name, impl, why in all_failures:
            print(f"  {name} {impl}: {why}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
