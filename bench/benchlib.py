# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""What every Python benchmark program shares: options, timing, memory and
the one-line JSON report (the same keys as bench-common.c)."""

import argparse
import json
import resource
import sys
import time


def parse_options(default_n, extra=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", "--n", type=int, default=default_n)
    parser.add_argument("-c", "--concurrency", type=int, default=100)
    parser.add_argument("--url-base")
    parser.add_argument("--url-list")
    parser.add_argument("--dir")
    parser.add_argument("--size", type=int, default=8192)
    if extra:
        extra(parser)
    return parser.parse_args()


def rss_kb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def peak_rss_kb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class Timer:
    def start(self):
        self.start_cpu = cpu_seconds()
        self.start_ns = time.perf_counter_ns()

    def stop(self):
        self.seconds = (time.perf_counter_ns() - self.start_ns) / 1e9
        self.cpu_seconds = cpu_seconds() - self.start_cpu


def report(workload, impl, n, timer, **extra):
    out = {
        "workload": workload,
        "impl": impl,
        "n": n,
        "seconds": round(timer.seconds, 6),
        "per_op_ns": round(timer.seconds * 1e9 / n, 3),
        "cpu_seconds": round(timer.cpu_seconds, 6),
        "cpu_per_op_ns": round(timer.cpu_seconds * 1e9 / n, 3),
    }
    for key, value in extra.items():
        out[key] = round(value, 6) if isinstance(value, float) else value
    out["peak_rss_kb"] = peak_rss_kb()
    sys.stdout.write(json.dumps(out) + "\n")
    sys.stdout.flush()


def bytes_per_pending(baseline_kb, pending_kb, n):
    return (pending_kb - baseline_kb) * 1024.0 / n
