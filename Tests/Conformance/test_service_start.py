# SPDX-License-Identifier: Apache-2.0
"""The server started as a service would be: output to a file, no administrator password given."""
import os
import shutil
import stat
import tempfile

import requests
from harness import ADMIN, start_server, stop_server


def test_a_generated_admin_password_is_in_a_private_file_and_never_in_the_log(binary):
    data = tempfile.mkdtemp(prefix="content-library-service-")
    try:
        server = start_server(binary, data, admin_password=None)  # stdout and stderr go to data/server.log
        try:
            path = os.path.join(data, "initial-admin-password")
            assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
            with open(path) as f:
                password = f.read().strip()
            assert password
            token = requests.post(f"{server.base}/api/session", auth=(ADMIN, password))
            assert token.status_code == 201, token.text
            server.log.flush()
            with open(os.path.join(data, "server.log")) as f:
                log = f.read()
            assert path in log, log
            assert password not in log
        finally:
            stop_server(server)
    finally:
        shutil.rmtree(data, ignore_errors=True)


def log_of(binary, host):
    """The log of a server started on `host`, read once it answers."""
    data = tempfile.mkdtemp(prefix="content-library-host-")
    try:
        server = start_server(binary, data, host=host)
        stop_server(server)
        with open(os.path.join(data, "server.log")) as f:
            return f.read()
    finally:
        shutil.rmtree(data, ignore_errors=True)


def test_plain_http_on_a_network_address_warns_that_credentials_cross_readable(binary):
    log = log_of(binary, "0.0.0.0")
    assert "serving plain HTTP on 0.0.0.0" in log, log
    assert "--tls-certificate" in log


def test_plain_http_on_loopback_does_not_warn(binary):
    log = log_of(binary, "127.0.0.1")
    assert "listening" in log, log
    assert "plain HTTP" not in log
