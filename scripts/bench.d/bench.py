#!/usr/bin/env python3
# ===----------------------------------------------------------------------===
#
# This source file is part of the ContentLibrary project.
# SPDX-License-Identifier: Apache-2.0
#
# ===----------------------------------------------------------------------===
"""The benchmarks of `scripts/bench` (not tests: nothing here runs in CI or asserts a time).

Usage: bench.py BINARY BENCHMARK...   (scripts/bench builds the release binary and calls it)

Each benchmark measures a figure against a reference taken in the same run on the same
machine, prints it next to its goal with PASS or MISS, and the run (the machine described) is
written into the "Last run of scripts/bench" section of docs/performance.md.

  upload    a SIZE_MIB (1024) PUT with a SHA-256 checksum_info until READY / openssl dgst -sha256,
            UPLOAD_ROUNDS (3) rounds, each pair back to back; the median ratio
  api       GET of an update session under wrk (64 connections) against GET /health
  complete  `complete` of an OVF with a COMPLETE_DISK_MIB (4096) sparse disk / sha256 of the disk
  memory    the server's peak RSS during a MEMORY_SIZE_MIB (8192) upload
  parallel  8 parallel PARALLEL_SIZE_MIB (256) uploads, aggregate rate / one stream's rate
  validate  scripts/bench.d/validate.sh: a 1 MB descriptor in process / xmllint
  download  a DOWNLOAD_MIB (1024) GET from a download session's URL / cp of the same file, and the
            server's peak RSS during a DOWNLOAD_MEMORY_MIB (8192) download

Environment: the sizes above, API_SECONDS (15) for each wrk run.
"""
import datetime
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "Tests", "Conformance"))
sys.path.insert(0, os.path.join(ROOT, "fixtures"))
from harness import ADMIN, PASSWORD, start_server, stop_server  # noqa: E402
import ovfkit  # noqa: E402

MIB = 1 << 20
BEGIN = "<!-- scripts/bench: begin -->"
END = "<!-- scripts/bench: end -->"


class Figure:
    """One measured figure, its reference and its goal."""

    def __init__(self, name, value, text, reference, goal, passed):
        self.name, self.value, self.text, self.reference, self.goal, self.passed = name, value, text, reference, goal, passed

    def line(self):
        verdict = "PASS" if self.passed else "MISS"
        return f"{verdict}  {self.name:<34} {self.text:<26} goal {self.goal:<22} reference: {self.reference}"


class RestClient:
    """REST `/api` at one base URL, logged in as the administrator."""

    def __init__(self, base):
        self.base = base
        self.token = None
        self.token = self.call("POST", "/api/session", basic=True)

    def call(self, method, path, body=None, basic=False):
        headers = {"Content-Type": "application/json"}
        if basic:
            import base64
            headers["Authorization"] = "Basic " + base64.b64encode(f"{ADMIN}:{PASSWORD}".encode()).decode()
        else:
            headers["vmware-api-session-id"] = self.token
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=headers)
        with urllib.request.urlopen(request, timeout=600) as answer:
            text = answer.read()
            return json.loads(text) if text else None


class API(RestClient):
    """The REST API of one server started by the benchmark."""

    def __init__(self, server):
        self.server = server
        super().__init__(f"http://127.0.0.1:{server.port}")

    def session(self, item_type=None):
        """A new library, an item in it and an update session on the item: (item, session)."""
        library = self.call("POST", "/api/content/local-library", {
            "name": f"bench-{time.monotonic_ns()}", "storage_backings": [{"type": "DATASTORE", "datastore_id": "datastore-1"}]})
        spec = {"name": f"item-{time.monotonic_ns()}", "library_id": library}
        if item_type:
            spec["type"] = item_type
        item = self.call("POST", "/api/content/library/item", spec)
        return item, self.call("POST", "/api/content/library/item/update-session", {"library_item_id": item})

    def push(self, session, name, size, sha256=None):
        """Adds a PUSH file; its upload URL."""
        spec = {"name": name, "source_type": "PUSH", "size": size}
        if sha256:
            spec["checksum_info"] = {"algorithm": "SHA256", "checksum": sha256}
        info = self.call("POST", f"/api/content/library/item/update-session/{session}/file", spec)
        return info["upload_endpoint"]["uri"]

    def file_status(self, session, name):
        return self.call("GET", f"/api/content/library/item/update-session/{session}/file/{name}")["status"]


def seconds(args):
    start = time.monotonic()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    return time.monotonic() - start


def sha256(path):
    out = subprocess.run(["openssl", "dgst", "-sha256", "-r", path], check=True, capture_output=True, text=True).stdout
    return out.split()[0]


def random_file(path, mib):
    with open(path, "wb") as out, open("/dev/urandom", "rb") as source:
        for _ in range(mib):
            out.write(source.read(MIB))


def upload(url, path):
    subprocess.run(["curl", "-sSf", "-o", "/dev/null", "-T", path, url], check=True)


class Run:
    """A fresh server on a fresh data folder for one benchmark."""

    def __init__(self, binary, work, name):
        self.data = os.path.join(work, name)
        self.server = start_server(binary, self.data)
        self.api = API(self.server)

    def peak_rss_mib(self):
        with open(f"/proc/{self.server.process.pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return 0.0

    def stop(self, keep_data=False):
        stop_server(self.server)
        if not keep_data:
            shutil.rmtree(self.data, ignore_errors=True)


# MARK: benchmarks

def bench_upload(binary, work):
    mib = int(os.environ.get("SIZE_MIB", "1024"))
    rounds = int(os.environ.get("UPLOAD_ROUNDS", "3"))
    payload = os.path.join(work, "payload.bin")
    random_file(payload, mib)
    digest = sha256(payload)
    run = Run(binary, work, "upload")
    results = []  # (upload s, openssl s, status), one per round, each pair measured back to back
    try:
        for _ in range(rounds):
            _, session = run.api.session()
            url = run.api.push(session, "payload.bin", mib * MIB, digest)
            subprocess.run(["sync"])
            took = seconds(["curl", "-sSf", "-o", "/dev/null", "-T", payload, url])
            status = run.api.file_status(session, "payload.bin")
            results.append((took, seconds(["openssl", "dgst", "-sha256", payload]), status))
        subprocess.run(["sync"])
        copy = seconds(["cp", payload, payload + ".copy"])
    finally:
        run.stop()
        for path in (payload, payload + ".copy"):
            if os.path.exists(path):
                os.remove(path)
    for took, reference, status in results:
        print(f"  upload of {mib} MiB with SHA-256: {took:.2f} s ({status}); openssl dgst -sha256 {reference:.2f} s; ratio {took / reference:.2f}")
    print(f"  cp of the same file: {copy:.2f} s")
    took, reference, status = sorted(results, key=lambda r: r[0] / r[1])[len(results) // 2]
    ratio = took / reference
    ready = all(r[2] == "READY" for r in results)
    return [Figure("upload / openssl dgst -sha256", ratio, f"{ratio:.2f}x ({took:.2f} s, median of {rounds})",
                   f"openssl {reference:.2f} s, cp {copy:.2f} s, {mib} MiB", "<= 1.25x", ratio <= 1.25 and ready)]


def wrk(url, token, duration, script=None, script_args=()):
    """wrk with 64 connections on `url` (with `script`, a Lua file given `script_args`): the rate,
    p50 and p99 in ms, and the count of answers that were not 2xx or 3xx."""
    args = ["wrk", "-t2", "-c64", f"-d{duration}s", "--latency", url]
    if token:
        args[1:1] = ["-H", f"vmware-api-session-id: {token}"]
    if script:
        args[1:1] = ["-s", script]
        args += ["--", *script_args]
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)

    def ms(label):
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    return rate, ms("50"), ms("99"), int(non_2xx.group(1)) if non_2xx else 0


def bench_api(binary, work):
    if not shutil.which("wrk"):
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, stdout=subprocess.DEVNULL)
    duration = int(os.environ.get("API_SECONDS", "15"))
    run = Run(binary, work, "api")
    try:
        _, session = run.api.session()
        base = run.api.base
        health = wrk(f"{base}/health", None, duration)
        get = wrk(f"{base}/api/content/library/item/update-session/{session}", run.api.token, duration)
    finally:
        run.stop()
    for name, (rate, p50, p99, bad) in (("GET /health", health), ("GET update-session/{id}", get)):
        print(f"  {name:<26} {rate:>9,.0f} req/s  p50 {p50:6.2f} ms  p99 {p99:6.2f} ms  non-2xx {bad}")
    rate, p50, p99, bad = get
    reference = f"/health {health[0]:,.0f} req/s, p99 {health[2]:.2f} ms"
    return [
        Figure("update-session GET rate", rate, f"{rate:,.0f} req/s ({rate / health[0]:.2f} of /health)", reference,
               ">= 10,000 req/s", rate >= 10_000 and bad == 0),
        Figure("update-session GET p99", p99, f"{p99:.2f} ms (p50 {p50:.2f} ms)", reference, "< 10 ms", p99 < 10),
    ]


def bench_complete(binary, work):
    mib = int(os.environ.get("COMPLETE_DISK_MIB", "4096"))
    size = mib * MIB
    disk = os.path.join(work, "disk1.vmdk")
    with open(disk, "wb") as out:
        out.write(ovfkit.vmdk())
        out.truncate(size)
    descriptor = ovfkit.descriptor([("disk1.vmdk", size)], vid="bench").encode()
    ovf = os.path.join(work, "bench.ovf")
    with open(ovf, "wb") as out:
        out.write(descriptor)
    digest = sha256(disk)
    run = Run(binary, work, "complete")
    try:
        _, session = run.api.session(item_type="ovf")
        upload(run.api.push(session, "bench.ovf", len(descriptor)), ovf)
        upload(run.api.push(session, "disk1.vmdk", size, digest), disk)
        start = time.monotonic()
        run.api.call("POST", f"/api/content/library/item/update-session/{session}?action=complete")
        took = time.monotonic() - start
        state = run.api.call("GET", f"/api/content/library/item/update-session/{session}")["state"]
        reference = seconds(["openssl", "dgst", "-sha256", disk])
    finally:
        run.stop()
        os.remove(disk)
    ratio = took / reference
    print(f"  complete of an OVF with a {mib} MiB disk: {took * 1000:.1f} ms ({state}); openssl dgst -sha256 of the disk {reference:.2f} s")
    return [Figure("complete / sha256 of the disk", ratio, f"{ratio:.4f} ({took * 1000:.1f} ms, {state})",
                   f"openssl {reference:.2f} s, {mib} MiB sparse disk", "<= 0.05", ratio <= 0.05 and state == "DONE")]


def bench_memory(binary, work):
    mib = int(os.environ.get("MEMORY_SIZE_MIB", "8192"))
    payload = os.path.join(work, "large.bin")
    with open(payload, "wb") as out:
        out.truncate(mib * MIB)
    run = Run(binary, work, "memory")
    try:
        _, session = run.api.session()
        before = run.peak_rss_mib()
        upload(run.api.push(session, "large.bin", mib * MIB), payload)
        status = run.api.file_status(session, "large.bin")
        peak = run.peak_rss_mib()
    finally:
        run.stop()
        os.remove(payload)
    print(f"  peak RSS during a {mib} MiB upload: {peak:.1f} MiB (after start-up and login: {before:.1f} MiB; {status})")
    return [Figure("peak server RSS, upload", peak, f"{peak:.1f} MiB ({mib} MiB, {status})",
                   f"{before:.1f} MiB before the upload", "<= 64 MiB", peak <= 64 and status == "READY")]


def bench_parallel(binary, work, streams=8):
    mib = int(os.environ.get("PARALLEL_SIZE_MIB", "256"))
    payload = os.path.join(work, "parallel.bin")
    random_file(payload, mib)
    run = Run(binary, work, "parallel")
    try:
        urls = []
        for _ in range(streams + 1):
            _, session = run.api.session()
            urls.append(run.api.push(session, "parallel.bin", mib * MIB))
        upload(urls[0], payload)  # warm the page cache and the server
        _, session = run.api.session()
        single = seconds(["curl", "-sSf", "-o", "/dev/null", "-T", payload, run.api.push(session, "parallel.bin", mib * MIB)])
        threads = [threading.Thread(target=upload, args=(url, payload)) for url in urls[1:]]
        start = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        together = time.monotonic() - start
    finally:
        run.stop()
        os.remove(payload)
    one = mib / single
    aggregate = streams * mib / together
    ratio = aggregate / one
    print(f"  one stream {one:.0f} MiB/s ({single:.2f} s); {streams} streams {aggregate:.0f} MiB/s together ({together:.2f} s)")
    return [Figure(f"{streams} parallel uploads / one", ratio, f"{ratio:.2f} ({aggregate:.0f} vs {one:.0f} MiB/s)",
                   f"one stream of {mib} MiB, {single:.2f} s", ">= 0.9", ratio >= 0.9)]


def bench_validate(binary, work):
    env = dict(os.environ, CONTENT_LIBRARY_BIN=binary)
    out = subprocess.run(["bash", os.path.join(ROOT, "scripts", "bench.d", "validate.sh")], check=True, capture_output=True, text=True,
                         env=env).stdout
    print("\n".join("  " + line for line in out.splitlines()))
    match = re.search(r"1 MB descriptor vs xmllint\s+([\d.]+) ms\s+reference\s+([\d.]+) ms\s+ratio\s+([\d.]+)", out)
    ours, reference, ratio = float(match.group(1)), float(match.group(2)), float(match.group(3))
    return [Figure("validate 1 MB / xmllint", ratio, f"{ratio:.2f}x ({ours:.1f} ms)", f"xmllint {reference:.1f} ms (in process)",
                   "<= 1.5x", ratio <= 1.5)]



class SendfileServer:
    """A minimal HTTP server in this process that answers every GET with one file through the
    kernel's sendfile (no copy in user space): what serving those bytes over loopback costs at
    least, whatever the server."""

    def __init__(self, path):
        import http.server

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                self.send_response(200)
                self.send_header("Content-Length", str(os.path.getsize(path)))
                self.end_headers()
                with open(path, "rb") as source:
                    self.connection.sendfile(source)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/file"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def bench_download(binary, work):
    """A DOWNLOAD_MIB (1024) GET from a download session's URL / cp of the same file, and the
    server's peak RSS during a DOWNLOAD_MEMORY_MIB (8192) download (a fresh server process on the
    same data folder, so the upload's peak does not count)."""
    mib = int(os.environ.get("DOWNLOAD_MIB", "1024"))
    memory_mib = int(os.environ.get("DOWNLOAD_MEMORY_MIB", "8192"))
    payload = os.path.join(work, "download.bin")
    random_file(payload, mib)
    large = os.path.join(work, "large.bin")
    with open(large, "wb") as out:
        out.truncate(memory_mib * MIB)
    setup = Run(binary, work, "download")
    try:
        items = {}
        for name, path, size in (("download.bin", payload, mib * MIB), ("large.bin", large, memory_mib * MIB)):
            item, session = setup.api.session()
            upload(setup.api.push(session, name, size), path)
            setup.api.call("POST", f"/api/content/library/item/update-session/{session}?action=complete")
            items[name] = item
    finally:
        setup.stop(keep_data=True)
        os.remove(large)
    # A fresh process on the same data folder: its peak RSS is the downloads' alone.
    run = Run(binary, work, "download")
    try:
        def prepared(item, name):
            session = run.api.call("POST", "/api/content/library/item/download-session", {"library_item_id": item})
            info = run.api.call("POST", f"/api/content/library/item/download-session/{session}/file?action=prepare", {"file_name": name})
            return info["download_endpoint"]["uri"]
        url = prepared(items["download.bin"], "download.bin")
        target = os.path.join(work, "downloaded.bin")
        # cp of 1 GiB takes 0.3 s or 2 s on this kind of machine, as the kernel's write-back
        # and ext4's discards of the files just removed fall inside it or not: rounds of a
        # download and a cp back to back, and the median ratio, as the upload benchmark does.
        # The same bytes from a sendfile server, in the same rounds: the floor of the client and
        # the loopback, which no server goes under.
        floor = SendfileServer(payload)
        rounds = []
        expected = sha256(payload)
        for _ in range(int(os.environ.get("DOWNLOAD_ROUNDS", "3"))):
            subprocess.run(["sync"])
            took = seconds(["curl", "-sSf", "-o", target, url])
            verified = sha256(target) == expected
            os.remove(target)
            subprocess.run(["sync"])
            copy = seconds(["cp", payload, target])
            os.remove(target)
            subprocess.run(["sync"])
            sendfile = seconds(["curl", "-sSf", "-o", target, floor.url])
            os.remove(target)
            rounds.append((took, copy, verified, sendfile))
        floor.stop()
        for took, copy, verified, sendfile in rounds:
            print(f"  download of {mib} MiB: {took:.2f} s ({'byte-exact' if verified else 'BYTES DIFFER'}); cp {copy:.2f} s; ratio {took / copy:.2f}; "
                  f"the same file from a sendfile server {sendfile:.2f} s (ratio to cp {sendfile / copy:.2f})")
        took, copy, _, sendfile = sorted(rounds, key=lambda r: r[0] / r[1])[len(rounds) // 2]
        floor_ratio = sorted(r[3] / r[1] for r in rounds)[len(rounds) // 2]
        verified = all(r[2] for r in rounds)
        before = run.peak_rss_mib()
        seconds(["curl", "-sSf", "-o", "/dev/null", prepared(items["large.bin"], "large.bin")])
        peak = run.peak_rss_mib()
    finally:
        run.stop()
        os.remove(payload)
    ratio = took / copy
    print(f"  median ratio to cp of the sendfile server's downloads: {floor_ratio:.2f}")
    print(f"  peak RSS during a {memory_mib} MiB download {peak:.1f} MiB (before: {before:.1f} MiB)")
    return [
        Figure("download / cp", ratio, f"{ratio:.2f}x ({took:.2f} s, median of {len(rounds)})", f"cp {copy:.2f} s, {mib} MiB; sendfile server {floor_ratio:.2f}x cp",
               "<= 1.3x", ratio <= 1.3 and verified),
        Figure("peak server RSS, download", peak, f"{peak:.1f} MiB ({memory_mib} MiB)", f"{before:.1f} MiB before the download",
               "<= 64 MiB", peak <= 64),
    ]

BENCHMARKS = {
    "upload": bench_upload, "api": bench_api, "complete": bench_complete, "memory": bench_memory,
    "parallel": bench_parallel, "validate": bench_validate, "download": bench_download,
}


# MARK: the run

def machine():
    model = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), platform.processor())
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    # This page is rewritten by every run: its own changes do not make the commit's code differ.
    dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no", "--", ".", ":!docs/performance.md"],
                           capture_output=True, text=True).stdout
    return {
        "cpu": model, "cores": os.cpu_count(), "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit + ("+changes" if dirty.strip() else ""), "kernel": platform.release(),
    }


def load():
    return " ".join(open("/proc/loadavg").read().split()[:3])


def write_doc(names, figures, facts, loads):
    path = os.path.join(ROOT, "docs", "performance.md")
    text = open(path).read()
    lines = [
        BEGIN,
        f"`scripts/bench {' '.join(names)}` on {facts['date']}, commit `{facts['commit']}`: {facts['cpu']}, "
        f"{facts['cores']} cores, Linux {facts['kernel']}; load average (1, 5, 15 min) {loads[0]} at the start, "
        f"{loads[1]} at the end. Each figure is a ratio to, or shown next to, a reference measured in the same run.",
        "",
        "| figure | measured | goal | reference (same run) | |",
        "|---|---|---|---|---|",
    ]
    for figure in figures:
        lines.append(f"| {figure.name} | {figure.text} | {figure.goal} | {figure.reference} | {'PASS' if figure.passed else 'MISS'} |")
    lines.append(END)
    block = "\n".join(lines)
    if BEGIN in text and END in text:
        text = text[:text.index(BEGIN)] + block + text[text.index(END) + len(END):]
    else:
        text = text.rstrip() + "\n\n## Last run of `scripts/bench`\n\n" + block + "\n"
    with open(path, "w") as out:
        out.write(text)


def main():
    binary, names = sys.argv[1], sys.argv[2:]
    if not names or names == ["all"]:
        names = list(BENCHMARKS)
    unknown = [name for name in names if name not in BENCHMARKS]
    if unknown:
        sys.exit(f"unknown benchmark: {', '.join(unknown)}; one of {', '.join(BENCHMARKS)} or all")
    facts = machine()
    start_load = load()
    print(f"{facts['cpu']}, {facts['cores']} cores; load average {start_load}; {facts['date']}; commit {facts['commit']}")
    figures = []
    work = tempfile.mkdtemp(prefix="content-library-bench-")
    try:
        for name in names:
            print(f"{name} (load average {load()})")
            figures += BENCHMARKS[name](binary, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    end_load = load()
    print()
    for figure in figures:
        print(figure.line())
    print(f"load average at the end: {end_load}")
    write_doc(names, figures, facts, (start_load, end_load))
    print("written to docs/performance.md (section: Last run of scripts/bench)")


if __name__ == "__main__":
    main()
