#!/usr/bin/env python3
# ===----------------------------------------------------------------------===
#
# This source file is part of the ContentLibrary project.
# SPDX-License-Identifier: Apache-2.0
#
# ===----------------------------------------------------------------------===
"""The benchmark of `scripts/bench-cluster` (not a test: nothing here runs in CI or asserts a time).

Usage: cluster.py BINARY   (scripts/bench-cluster builds the release binary and calls it)

Four configurations: SQLite with one server (the embedded default), on a fresh data folder;
then one cluster of two replicas on a fresh PostgreSQL, reached three ways:

  PostgreSQL, 1 replica           replica 0 reached directly (replica 1 idles)
  PostgreSQL, 1 replica, nginx    replica 0 behind an nginx of its own
  PostgreSQL, 2 replicas, nginx   both replicas behind the cluster's nginx (round-robin)

Each is measured under wrk (64 connections, BENCH_SECONDS each, default 10): GET /health (the
reference: the HTTP path with no store behind it), GET of an update session and its keep-alive
(POST, a write), each spread over 64 sessions, with the share of the machine's CPU busy
meanwhile; and the aggregate rate of 4 parallel uploads of UPLOAD_MIB / 4 (default 512 MiB in
all). The goal "two replicas serve at least as many as one" is then measured again in
alternation (1, 2; 2, 1; 1, 2), since a shared machine's speed drifts by more than the effect
over a minute; its figure is the median of the three ratios. Last, one UPLOAD_MIB upload
straight to a replica and the same through nginx, three pairs back to back. Figures are ratios
between configurations of the same run; the run is written into docs/performance.md between
the scripts/bench-cluster markers of "Scale-out (issue 16)".
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "Tests", "Conformance"))
sys.path.insert(0, HERE)
from bench import MIB, Figure, RestClient, load, machine, random_file, wrk  # noqa: E402
from cluster_harness import Cluster, Nginx  # noqa: E402
from harness import start_server, stop_server  # noqa: E402

BEGIN = "<!-- scripts/bench-cluster: begin -->"
END = "<!-- scripts/bench-cluster: end -->"
LUA = os.path.join(HERE, "sessions.lua")
SESSIONS = "/api/content/library/item/update-session"


class API(RestClient):
    """REST `/api` on one base URL (a replica or nginx), as the administrator."""

    def sessions(self, count):
        """`count` update sessions, each on an item of its own."""
        library = self.call("POST", "/api/content/local-library", {
            "name": f"bench-{time.monotonic_ns()}", "storage_backings": [{"type": "DATASTORE", "datastore_id": "datastore-1"}]})
        ids = []
        for n in range(count):
            item = self.call("POST", "/api/content/library/item", {"name": f"item-{n}-{time.monotonic_ns()}", "library_id": library})
            ids.append(self.call("POST", SESSIONS, {"library_item_id": item}))
        return ids

    def upload_url(self, session, size):
        info = self.call("POST", f"{SESSIONS}/{session}/file", {"name": "payload.bin", "source_type": "PUSH", "size": size})
        return info["upload_endpoint"]["uri"]


def rebase(url, base):
    parts, target = urllib.parse.urlsplit(url), urllib.parse.urlsplit(base)
    return urllib.parse.urlunsplit((target.scheme, target.netloc, parts.path, parts.query, ""))


def uploads(api, base, payload, streams):
    """Uploads `payload` `streams` times at once through `base`; MiB/s of all of them together."""
    size = os.path.getsize(payload)
    sessions = api.sessions(streams)
    urls = [rebase(api.upload_url(session, size), base) for session in sessions]
    subprocess.run(["sync"])
    start = time.monotonic()
    curls = [subprocess.Popen(["curl", "-sSf", "-o", "/dev/null", "-T", payload, url]) for url in urls]
    failed = [c for c in curls if c.wait() != 0]
    took = time.monotonic() - start
    if failed:
        raise RuntimeError(f"{len(failed)} of {streams} uploads failed")
    for session in sessions:
        status = api.call("GET", f"{SESSIONS}/{session}/file/payload.bin")["status"]
        if status != "READY":
            raise RuntimeError(f"an upload ended {status}")
        api.call("POST", f"{SESSIONS}/{session}?action=cancel")
    return streams * size / MIB / took


def cpu_ticks():
    """The machine's CPU time since boot from /proc/stat: (busy, all), in clock ticks."""
    with open("/proc/stat") as f:
        fields = [int(v) for v in f.readline().split()[1:9]]  # user nice system idle iowait irq softirq steal
    return sum(fields) - fields[3] - fields[4], sum(fields)


def busy_while(run):
    """Runs `run()`; its result and the share of the machine's CPU that was busy meanwhile (all
    processes: wrk, nginx, the replicas, PostgreSQL). Near 1.0, the machine is the limit.
    Dirty pages of earlier uploads are written out first (`sync`), so that their writeback does
    not take CPU from this run only."""
    subprocess.run(["sync"])
    busy0, all0 = cpu_ticks()
    result = run()
    busy1, all1 = cpu_ticks()
    return result, (busy1 - busy0) / max(1, all1 - all0)


def measure(name, base, api, duration, payload):
    """The wrk figures and the parallel upload rate of one configuration, printed as they come."""
    ids = api.sessions(64)
    row = {"name": name}
    row["health"] = wrk(f"{base}/health", None, duration)
    row["get"], row["get_busy"] = busy_while(lambda: wrk(base, api.token, duration, LUA, ["GET", *ids]))
    row["keep_alive"], row["keep_alive_busy"] = busy_while(lambda: wrk(base, api.token, duration, LUA, ["POST", *ids]))
    for session in ids:
        api.call("POST", f"{SESSIONS}/{session}?action=cancel")
    row["upload"] = uploads(api, base, payload, 4)
    for label, key in (("GET /health", "health"), ("GET update-session", "get"), ("keep-alive", "keep_alive")):
        rate, p50, p99, bad = row[key]
        busy = f"  CPU busy {row[key + '_busy']:.0%}" if key + "_busy" in row else ""
        print(f"  {name:<30} {label:<20} {rate:>9,.0f} req/s  p50 {p50:6.2f} ms  p99 {p99:6.2f} ms  non-2xx {bad}{busy}")
    print(f"  {name:<30} 4 parallel uploads   {row['upload']:9.1f} MiB/s")
    return row


def interleaved(one, two, api, duration, rounds=3):
    """The rate of two replicas behind nginx over one replica behind nginx, for a GET and a
    keep-alive, measured in alternation (one, two; then two, one; ...) on the same cluster, so
    that a slower minute of a shared machine weighs on both sides: the median of `rounds` ratios."""
    ids = api.sessions(64)
    ratios = {}
    for key, method in (("get", "GET"), ("keep_alive", "POST")):
        measured = []
        for n in range(rounds):
            order = (one, two) if n % 2 == 0 else (two, one)
            rates = {}
            for base in order:
                (rate, _, _, bad), _ = busy_while(lambda: wrk(base, api.token, duration, LUA, [method, *ids]))
                if bad:
                    raise RuntimeError(f"{bad} answers were not 2xx through {base}")
                rates[base] = rate
            measured.append((rates[two] / rates[one], rates[one], rates[two]))
            print(f"  {method:<4} 1 replica {rates[one]:,.0f}/s, 2 replicas {rates[two]:,.0f}/s: {measured[-1][0]:.2f}x")
        ratios[key] = sorted(measured)[len(measured) // 2]
    for session in ids:
        api.call("POST", f"{SESSIONS}/{session}?action=cancel")
    return ratios


def run(binary, work, duration, upload_mib):
    store = "PostgreSQL"
    quarter = os.path.join(work, "quarter.bin")
    whole = os.path.join(work, "whole.bin")
    random_file(quarter, upload_mib // 4)
    random_file(whole, upload_mib)
    rows = []

    server = start_server(binary, os.path.join(work, "sqlite"))
    try:
        rows.append(measure("SQLite, 1 replica", server.base, API(server.base), duration, quarter))
    finally:
        stop_server(server)
    shutil.rmtree(os.path.join(work, "sqlite"), ignore_errors=True)

    # One cluster of two replicas for every PostgreSQL figure: replica 0 straight, replica 0
    # behind an nginx of its own, both behind the cluster's nginx (the other replica idles).
    two = Cluster(binary, os.path.join(work, "two"), replicas=2)
    one = None
    try:
        one = Nginx(os.path.join(work, "two", "nginx-one"), two.ports[:1])
        direct = two.replicas[0].base
        rows.append(measure(f"{store}, 1 replica", direct, API(direct), duration, quarter))
        rows.append(measure(f"{store}, 1 replica, nginx", one.base, API(one.base), duration, quarter))
        rows.append(measure(f"{store}, 2 replicas, nginx", two.base, API(two.base), duration, quarter))
        api = API(two.base)
        scaling = interleaved(one.base, two.base, api, duration)
        pairs = []
        for _ in range(3):  # back to back, three times: the median pair
            pairs.append((uploads(api, two.replicas[0].base, whole, 1), uploads(api, two.base, whole, 1)))
        for direct_rate, proxied_rate in pairs:
            print(f"  one {upload_mib} MiB upload: straight to a replica {direct_rate:.1f} MiB/s, through nginx {proxied_rate:.1f} MiB/s")
        direct_rate, proxied_rate = sorted(pairs, key=lambda p: p[1] / p[0])[1]
    finally:
        if one:
            one.stop()
        two.stop()
    shutil.rmtree(os.path.join(work, "two"), ignore_errors=True)
    return store, rows, scaling, (direct_rate, proxied_rate)


def table(rows, single, upload_mib):
    lines = [
        "| configuration | GET /health (reference) | GET update session | keep-alive (a write) | 4 parallel uploads |",
        "|---|---|---|---|---|",
    ]
    for row in rows:
        cells = []
        for key in ("health", "get", "keep_alive"):
            rate, p50, p99, bad = row[key]
            busy = f", CPU busy {row[key + '_busy']:.0%}" if key + "_busy" in row else ""
            cells.append(f"{rate:,.0f}/s, p50 {p50:.2f} ms, p99 {p99:.2f} ms{busy}" + (f", {bad} non-2xx" if bad else ""))
        lines.append(f"| {row['name']} | {' | '.join(cells)} | {row['upload']:.0f} MiB/s |")
    lines.append("")
    lines.append(f"One {upload_mib} MiB upload in the 2-replica cluster (median of 3 pairs): straight to a replica "
                 f"{single[0]:.0f} MiB/s, through nginx {single[1]:.0f} MiB/s.")
    return lines


def figures(rows, scaling, single):
    sqlite, one, one_nginx, two_nginx = rows
    result = []
    for key, label in (("get", "GET"), ("keep_alive", "keep-alive")):
        ratio = one[key][0] / sqlite[key][0]
        result.append(Figure(f"1 replica / SQLite, {label}", ratio, f"{ratio:.2f}x", f"SQLite {sqlite[key][0]:,.0f}/s",
                             ">= 0.5x", ratio >= 0.5 and one[key][3] == 0))
        ratio, one_rate, two_rate = scaling[key]
        result.append(Figure(f"2 replicas / 1 (nginx), {label}", ratio, f"{ratio:.2f}x ({two_rate:,.0f}/s, median of 3 alternations)",
                             f"1 replica {one_rate:,.0f}/s", ">= 1.0x", ratio >= 1.0))
    ratio = single[1] / single[0]
    result.append(Figure("upload through nginx / direct", ratio, f"{ratio:.2f}x", f"direct {single[0]:.0f} MiB/s", ">= 0.8x", ratio >= 0.8))
    return result


def write_doc(lines, results, facts, loads, store):
    path = os.path.join(ROOT, "docs", "performance.md")
    text = open(path).read()
    block = "\n".join([
        BEGIN,
        f"`scripts/bench-cluster` on {facts['date']}, commit `{facts['commit']}`: {facts['cpu']}, {facts['cores']} cores, "
        f"Linux {facts['kernel']}; metadata on {store}; load average (1, 5, 15 min) {loads[0]} at the start, {loads[1]} at the end.",
        "",
        *lines,
        "",
        "| goal of the issue | measured | goal | reference (same run) | |",
        "|---|---|---|---|---|",
        *(f"| {f.name} | {f.text} | {f.goal} | {f.reference} | {'PASS' if f.passed else 'MISS'} |" for f in results),
        END,
    ])
    if BEGIN in text and END in text:
        text = text[:text.index(BEGIN)] + block + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n## Scale-out (issue 16)\n\n" + block + "\n"
    with open(path, "w") as f:
        f.write(text)


def main():
    binary = sys.argv[1]
    duration = int(os.environ.get("BENCH_SECONDS", "10"))
    upload_mib = int(os.environ.get("UPLOAD_MIB", "512"))
    facts = machine()
    start_load = load()
    print(f"{facts['cpu']}, {facts['cores']} cores; load average {start_load}; {facts['date']}; commit {facts['commit']}")
    work = tempfile.mkdtemp(prefix="content-library-bench-cluster-")
    os.chmod(work, 0o755)  # as root, PostgreSQL runs as the postgres user, which must get in
    try:
        store, rows, scaling, single = run(binary, work, duration, upload_mib)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    end_load = load()
    lines = table(rows, single, upload_mib)
    print()
    print("\n".join(lines))
    print()
    results = figures(rows, scaling, single)
    for figure in results:
        print(figure.line())
    print(f"load average at the end: {end_load}")
    write_doc(lines, results, facts, (start_load, end_load), store)
    print("written to docs/performance.md (section: Scale-out (issue 16))")


if __name__ == "__main__":
    main()
