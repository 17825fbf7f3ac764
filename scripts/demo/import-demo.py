#!/usr/bin/env python3
# ===----------------------------------------------------------------------===
#
# This source file is part of the ContentLibrary project.
# SPDX-License-Identifier: Apache-2.0
#
# ===----------------------------------------------------------------------===
"""The import client end to end, at full size (a demonstration and benchmark, not a test):

1. a SIZE_MIB OVA imported with `content-library import` through a TCP proxy that cuts the
   connection once, 40 % into the disk: the client resumes from the server's offset, and the
   bytes the proxy forwarded show that nothing the server had was sent again;
2. a pull from a local HTTPS server with a self-signed certificate, pinned by its SHA-256
   thumbprint (`--pull URL --thumbprint HEX`).

The import's wall time is printed next to `cp` and `openssl dgst -sha256` of the same OVA, measured
in the same run. Usage: import-demo.py BINARY SIZE_MIB (scripts/demo-import builds and calls it).
"""
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Tests", "Conformance"))
from harness import ADMIN, PASSWORD, Proxy, Source, self_signed_certificate, start_server, stop_server  # noqa: E402


def call(server, method, path, body=None, token=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["vmware-api-session-id"] = token
    else:
        headers["Authorization"] = "Basic " + base64.b64encode(f"{ADMIN}:{PASSWORD}".encode()).decode()
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(server.base + path, data=data, method=method, headers=headers)
    with urllib.request.urlopen(request) as answer:
        text = answer.read()
        return json.loads(text) if text else None


def timed(args):
    start = time.monotonic()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    return time.monotonic() - start


def main():
    binary, size_mib = sys.argv[1], int(sys.argv[2])
    work = tempfile.mkdtemp(prefix="content-library-demo-")
    server = None
    try:
        ova = os.path.join(work, "appliance.ova")
        print(f"making a {size_mib} MiB OVA in {work}")
        subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__), "make-ova.py"), ova, str(size_mib)], check=True)
        ova_size = os.path.getsize(ova)
        server = start_server(binary, os.path.join(work, "data"))
        token = call(server, "POST", "/api/session")
        call(server, "POST", "/api/content/local-library", {
            "name": "demo", "type": "LOCAL", "storage_backings": [{"type": "DATASTORE", "datastore_id": "datastore-1"}]
        }, token)
        env = dict(os.environ, CONTENT_LIBRARY_PASSWORD=PASSWORD)

        print(f"\n1. importing {ova_size} bytes through a proxy that cuts the connection once")
        proxy = Proxy(server.port, cut_after=int(ova_size * 0.4))
        start = time.monotonic()
        result = subprocess.run(
            [binary, "import", "--server", f"http://127.0.0.1:{proxy.port}", "--user", ADMIN, "--library", "demo", ova],
            env=env,
        )
        elapsed = time.monotonic() - start
        proxy.close()
        if result.returncode != 0:
            sys.exit(f"import failed with exit status {result.returncode}")
        print(f"   connection cuts: {proxy.cuts}; bytes forwarded to the server: {proxy.forwarded} for an OVA of {ova_size}"
              f" ({proxy.forwarded / ova_size:.4f}x: received bytes were not sent again)")
        copy = timed(["cp", ova, os.path.join(work, "copy.ova")])
        digest = timed(["openssl", "dgst", "-sha256", ova])
        os.remove(os.path.join(work, "copy.ova"))
        print(f"   import {elapsed:.2f} s (login, session, upload with a resume, validation, complete);"
              f" cp {copy:.2f} s (ratio {elapsed / copy:.2f}); openssl dgst -sha256 {digest:.2f} s (ratio {elapsed / digest:.2f})")

        print("\n2. pulling from a local HTTPS server with a self-signed certificate, pinned by SHA-256 thumbprint")
        folder = os.path.join(work, "www")
        os.makedirs(folder)
        with open(os.path.join(folder, "tools.iso"), "wb") as f:
            f.write(os.urandom(64 << 20))
        context, _, sha256, _ = self_signed_certificate(work)
        source = Source(folder, context)
        try:
            url = source.url("/tools.iso")
            args = [binary, "import", "--server", server.base, "--user", ADMIN, "--library", "demo", "--item", "pulled",
                    "--type", "generic", "--pull", url, "--thumbprint", sha256]
            print("   " + " ".join(args[1:]))
            result = subprocess.run(args, env=env)
            if result.returncode != 0:
                sys.exit(f"pull failed with exit status {result.returncode}")
            wrong = subprocess.run(args[:-1] + ["00" + sha256[2:]], env=env, capture_output=True, text=True)
            print(f"   the same pull with a wrong thumbprint: exit {wrong.returncode}: {wrong.stderr.strip().splitlines()[-1]}")
        finally:
            source.stop()
    finally:
        if server is not None:
            stop_server(server)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
