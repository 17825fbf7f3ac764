# SPDX-License-Identifier: Apache-2.0
"""Shared fixtures of the conformance suite: a real server started from the built binary.

Each test module gets its own server on a free port with a fresh data folder, so the suite needs
nothing but the `content-library` executable (CONTENT_LIBRARY_BIN, else .build/debug).
"""
import os
import shutil
import socket
import subprocess
import tempfile
import time

import pytest
import requests

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FIXTURES = os.path.join(ROOT, "fixtures")
ADMIN = "administrator@vsphere.local"
PASSWORD = "conformance-secret"


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A running content-library server: its base URL, data folder and admin credentials."""

    def __init__(self, binary, data, port, process, log):
        self.binary = binary
        self.data = data
        self.port = port
        self.process = process
        self.log = log
        self.base = f"http://127.0.0.1:{port}"
        self.admin = ADMIN
        self.password = PASSWORD

    def add_user(self, name, password, privileges=()):
        """Adds a user to the data folder (read by the server at start: call before starting)."""
        env = dict(os.environ, CONFORMANCE_USER_PASSWORD=password)
        args = [self.binary, "user", "add", name, "--password-env", "CONFORMANCE_USER_PASSWORD", "--data", self.data]
        for p in privileges:
            args += ["--privilege", p]
        subprocess.run(args, check=True, env=env, capture_output=True)


def start_server(binary, data, users=(), extra_args=()):
    """Starts the server on a free port; `users` is a list of (name, password, privileges);
    `extra_args` are more `serve` options (e.g. `--import-root DIR`, a short `--session-timeout`)."""
    os.makedirs(data, exist_ok=True)
    for name, password, privileges in users:
        Server(binary, data, 0, None, None).add_user(name, password, privileges)
    port = _free_port()
    log = open(os.path.join(data, "server.log"), "w")
    env = dict(os.environ, CONTENT_LIBRARY_ADMIN_PASSWORD=PASSWORD)
    process = subprocess.Popen(
        [binary, "serve", "--host", "127.0.0.1", "--port", str(port), "--data", data, *extra_args],
        stdout=log, stderr=subprocess.STDOUT, env=env,
    )
    deadline = time.time() + 30
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}; see {log.name}")
        try:
            if requests.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return Server(binary, data, port, process, log)
        except requests.ConnectionError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("server did not answer /health within 30 s")


def stop_server(server):
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
    server.log.close()


@pytest.fixture(scope="session")
def binary():
    path = os.environ.get("CONTENT_LIBRARY_BIN") or os.path.join(ROOT, ".build", "debug", "content-library")
    if not os.access(path, os.X_OK):
        pytest.fail(f"no content-library executable at {path}: run `swift build` first")
    return path


@pytest.fixture(scope="module")
def server(binary):
    """A server for one test module, with a second user without ContentLibrary.UpdateSession
    (`reader@vsphere.local` / `reader-secret`) and one with every privilege (`alice@vsphere.local` / `alice-secret`)."""
    data = tempfile.mkdtemp(prefix="content-library-conformance-")
    users = [
        ("reader@vsphere.local", "reader-secret",
         ["ContentLibrary.TypeIntrospection", "ContentLibrary.ReadStorage"]),
        ("alice@vsphere.local", "alice-secret", []),
    ]
    running = start_server(binary, data, users)
    yield running
    stop_server(running)
    shutil.rmtree(data, ignore_errors=True)


def fixture_path(*parts):
    """A path under the repository's fixtures/ folder."""
    return os.path.join(FIXTURES, *parts)
