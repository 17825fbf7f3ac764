# SPDX-License-Identifier: Apache-2.0
"""Shared fixtures of the conformance suite: a real server started from the built binary.

Each test module gets its own server on a free port with a fresh data folder, so the suite needs
nothing but the `content-library` executable (CONTENT_LIBRARY_BIN, else .build/debug).

With CONTENT_LIBRARY_TEST_CLUSTER=1 the `server` fixture is a cluster instead: two replicas on one
PostgreSQL and one data folder behind nginx (cluster_harness.py), reached through nginx. The
modules that only use `server.base`, `server.admin` and `server.password` run unchanged against
it; scripts/test runs test_sdk_jsonrpc.py and test_rest_api.py that way (scripts/conformance --cluster).
"""
import os
import shutil
import tempfile

import pytest

from cluster_harness import Cluster
from harness import ADMIN, FIXTURES, PASSWORD, ROOT, Server, start_server, stop_server  # noqa: F401


@pytest.fixture(scope="session")
def binary():
    path = os.environ.get("CONTENT_LIBRARY_BIN") or os.path.join(ROOT, ".build", "debug", "content-library")
    if not os.access(path, os.X_OK):
        pytest.fail(f"no content-library executable at {path}: run `swift build` first")
    return path


@pytest.fixture(scope="module")
def server(binary):
    """A server for one test module, with a second user without ContentLibrary.UpdateSession
    (`reader@vsphere.local` / `reader-secret`) and one with every privilege (`alice@vsphere.local` / `alice-secret`).
    It trusts the fixtures' private CA (`--trusted-ca`), as an operator trusts the CA signing their templates."""
    data = tempfile.mkdtemp(prefix="content-library-conformance-")
    users = [
        ("reader@vsphere.local", "reader-secret",
         ["ContentLibrary.TypeIntrospection", "ContentLibrary.ReadStorage"]),
        ("alice@vsphere.local", "alice-secret", []),
    ]
    extra_args = ["--trusted-ca", os.path.join(FIXTURES, "cert", "private-ca.pem")]
    if os.environ.get("CONTENT_LIBRARY_TEST_CLUSTER") == "1":
        running = Cluster(binary, data, replicas=2, extra_args=extra_args, users=users)
        yield running
        running.stop()
    else:
        running = start_server(binary, data, users, extra_args=extra_args)
        yield running
        stop_server(running)
    shutil.rmtree(data, ignore_errors=True)


def fixture_path(*parts):
    """A path under the repository's fixtures/ folder."""
    return os.path.join(FIXTURES, *parts)


def fixture_bytes(*parts):
    """The bytes of a file under fixtures/."""
    with open(fixture_path(*parts), "rb") as f:
        return f.read()
