# SPDX-License-Identifier: Apache-2.0
"""PULL transfers and the legacy probe (contract §1.2, §2.2, §7.4) against local sources: a
Python http.server, an HTTPS server with a self-signed certificate made by `openssl` here, and
files under a `--import-root`. Only loopback addresses are used."""
import hashlib
import os
import shutil
import tempfile
import time
import uuid

import pytest
import requests

from conftest import start_server, stop_server
from harness import Source, self_signed_certificate

API = "/api"
SESSIONS = API + "/content/library/item/update-session"
LEGACY_FILES = "/rest/com/vmware/content/library/item/updatesession/file"
CONTENT = bytes((i * 7 + 3) % 251 for i in range(300_000))
SHA256 = hashlib.sha256(CONTENT).hexdigest()


@pytest.fixture(scope="module")
def world(binary):
    """A source folder served over http and https, an import root, and a server allowed to read it."""
    base = tempfile.mkdtemp(prefix="content-library-pull-")
    folder = os.path.join(base, "source")
    root = os.path.join(base, "imports")
    os.makedirs(folder)
    os.makedirs(root)
    for directory in (folder, root):
        with open(os.path.join(directory, "disk.bin"), "wb") as f:
            f.write(CONTENT)
    context, pem, sha256, sha1 = self_signed_certificate(base)
    http_source, https_source = Source(folder), Source(folder, context)
    data = os.path.join(base, "data")
    server = start_server(binary, data, extra_args=["--import-root", root])
    yield {
        "server": server, "http": http_source, "https": https_source, "root": root, "base": base, "pem": pem,
        "sha256": sha256, "sha1": sha1,
    }
    stop_server(server)
    http_source.stop()
    https_source.stop()
    shutil.rmtree(base, ignore_errors=True)


class Rest:
    def __init__(self, server):
        self.base = server.base
        response = requests.post(self.base + API + "/session", auth=(server.admin, server.password))
        assert response.status_code == 201, response.text
        self.headers = {"vmware-api-session-id": response.json()}

    def call(self, method, path, body=None, expect=200):
        response = requests.request(method, self.base + path, json=body, headers=self.headers)
        assert response.status_code == expect, f"{method} {path}: {response.status_code} {response.text}"
        return response

    def session_on_new_item(self):
        library = self.call("POST", API + "/content/local-library", {
            "name": "pull-" + uuid.uuid4().hex,
            "storage_backings": [{"type": "DATASTORE", "datastore_id": "datastore-1"}]}, expect=201).json()
        item = self.call("POST", API + "/content/library/item", {"library_id": library, "name": "item"}, expect=201).json()
        return item, self.call("POST", SESSIONS, {"library_item_id": item}, expect=201).json()

    def add_pull(self, session, name, endpoint, **spec):
        body = {"name": name, "source_type": "PULL", "source_endpoint": endpoint, **spec}
        return self.call("POST", f"{SESSIONS}/{session}/file", body, expect=201).json()

    def file(self, session, name):
        return self.call("GET", f"{SESSIONS}/{session}/file/{name}").json()

    def wait_file(self, session, name, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            info = self.file(session, name)
            if info["status"] in ("READY", "ERROR"):
                return info
            time.sleep(0.1)
        raise AssertionError(f"{name} still {info['status']} after {timeout} s")

    def wait_session(self, session, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            model = self.call("GET", f"{SESSIONS}/{session}").json()
            if model["state"] != "ACTIVE":
                return model
            time.sleep(0.2)
        raise AssertionError(f"session {session} still ACTIVE after {timeout} s")


def test_pull_over_http_becomes_ready_and_completes(world):
    client = Rest(world["server"])
    item, session = client.session_on_new_item()
    url = world["http"].url("/disk.bin")
    added = client.add_pull(session, "disk.bin", {"uri": url}, size=len(CONTENT))
    # Union rules: source_endpoint for PULL, never upload_endpoint.
    assert added["source_type"] == "PULL" and added["source_endpoint"]["uri"] == url
    assert "upload_endpoint" not in added
    assert added["status"] in ("WAITING_FOR_TRANSFER", "TRANSFERRING", "READY")
    info = client.wait_file(session, "disk.bin")
    assert info["status"] == "READY", info
    assert info["size"] == len(CONTENT) and info["bytes_transferred"] == len(CONTENT)
    assert info["checksum_info"] == {"algorithm": "SHA256", "checksum": SHA256}
    client.call("POST", f"{SESSIONS}/{session}?action=complete", expect=204)
    assert client.wait_session(session)["state"] == "DONE"
    files = client.call("GET", f"{API}/content/library/item/{item}/file").json()
    assert [(f["name"], f["size"]) for f in files] == [("disk.bin", len(CONTENT))]


def test_complete_while_pulling_returns_at_once_and_the_session_finishes_later(world):
    client = Rest(world["server"])
    item, session = client.session_on_new_item()
    client.add_pull(session, "disk.bin", {"uri": world["http"].url("/slow/disk.bin")},
                    checksum_info={"algorithm": "SHA256", "checksum": SHA256})
    time.sleep(0.6)
    live = client.file(session, "disk.bin")
    assert live["status"] == "TRANSFERRING", live
    assert 0 < live["bytes_transferred"] < len(CONTENT)
    started = time.time()
    client.call("POST", f"{SESSIONS}/{session}?action=complete", expect=204)
    assert time.time() - started < 1.0
    assert client.call("GET", f"{SESSIONS}/{session}").json()["state"] == "ACTIVE"
    assert client.wait_session(session)["state"] == "DONE"
    assert client.call("GET", f"{API}/content/library/item/{item}/file").json()[0]["size"] == len(CONTENT)


def test_a_wrong_checksum_puts_the_file_in_error_and_fails_a_pending_complete(world):
    client = Rest(world["server"])
    _, session = client.session_on_new_item()
    wrong = "0" * 64
    client.add_pull(session, "disk.bin", {"uri": world["http"].url("/slow/disk.bin")},
                    checksum_info={"algorithm": "SHA256", "checksum": wrong})
    client.call("POST", f"{SESSIONS}/{session}?action=complete", expect=204)
    ended = client.wait_session(session)
    info = client.file(session, "disk.bin")
    message = f"disk.bin: the SHA256 checksum is {SHA256} but {wrong} was declared."
    assert info["status"] == "ERROR" and info["error_message"]["default_message"] == message
    assert ended["state"] == "ERROR"
    assert ended["error_message"]["default_message"] == \
        f"The update session {session} failed: disk.bin was not received correctly ({message})."


def test_a_missing_source_puts_the_file_in_error(world):
    client = Rest(world["server"])
    _, session = client.session_on_new_item()
    url = world["http"].url("/none.bin")
    client.add_pull(session, "none.bin", {"uri": url})
    info = client.wait_file(session, "none.bin")
    assert info["status"] == "ERROR"
    assert info["error_message"]["id"] == "com.vmware.content.library.item.updatesession.file.pull_failed"
    assert info["error_message"]["default_message"] == f"none.bin: {url} answered HTTP 404 Not Found."
    assert "size" not in info


def test_https_with_a_pinned_thumbprint(world):
    client = Rest(world["server"])
    _, session = client.session_on_new_item()
    url = world["https"].url("/disk.bin")
    client.add_pull(session, "pinned.bin", {"uri": url, "ssl_certificate_thumbprint": world["sha256"]})
    client.add_pull(session, "sha1.bin", {"uri": url, "ssl_certificate_thumbprint": world["sha1"].lower()})
    client.add_pull(session, "pem.bin", {"uri": url, "ssl_certificate": world["pem"]})
    client.add_pull(session, "wrong.bin", {"uri": url, "ssl_certificate_thumbprint": "AB:" * 31 + "AB"})
    client.add_pull(session, "unpinned.bin", {"uri": url})
    for name in ("pinned.bin", "sha1.bin", "pem.bin"):
        info = client.wait_file(session, name)
        assert info["status"] == "READY", info
        assert info["checksum_info"]["checksum"] == SHA256
    wrong = client.wait_file(session, "wrong.bin")
    assert wrong["status"] == "ERROR"
    assert wrong["error_message"]["default_message"] == (
        f"wrong.bin: The certificate of {url} ({world['sha256']}) does not match the pinned SHA-256 thumbprint {'AB:' * 31 + 'AB'}.")
    unpinned = client.wait_file(session, "unpinned.bin")
    assert unpinned["status"] == "ERROR"
    assert "certificate is not trusted" in unpinned["error_message"]["default_message"]


def test_file_sources_only_under_an_import_root(world):
    client = Rest(world["server"])
    _, session = client.session_on_new_item()
    outside = os.path.join(world["base"], "source", "disk.bin")
    response = client.call("POST", f"{SESSIONS}/{session}/file",
                           {"name": "x.bin", "source_type": "PULL", "source_endpoint": {"uri": "file://" + outside}}, expect=403)
    assert response.json()["error_type"] == "UNAUTHORIZED"
    escape = world["root"] + "/../source/disk.bin"
    client.call("POST", f"{SESSIONS}/{session}/file",
                {"name": "x.bin", "source_type": "PULL", "source_endpoint": {"uri": "file://" + escape}}, expect=403)
    client.add_pull(session, "disk.bin", {"uri": "file://" + os.path.join(world["root"], "disk.bin")})
    info = client.wait_file(session, "disk.bin")
    assert info["status"] == "READY" and info["checksum_info"]["checksum"] == SHA256


def test_unsupported_schemes_are_refused_at_add(world):
    client = Rest(world["server"])
    _, session = client.session_on_new_item()
    ds = client.call("POST", f"{SESSIONS}/{session}/file",
                     {"name": "a", "source_type": "PULL", "source_endpoint": {"uri": "ds:///vmfs/volumes/x/a"}}, expect=400).json()
    assert ds["error_type"] == "UNSUPPORTED"
    ftp = client.call("POST", f"{SESSIONS}/{session}/file",
                      {"name": "a", "source_type": "PULL", "source_endpoint": {"uri": "ftp://127.0.0.1/a"}}, expect=400).json()
    assert ftp["error_type"] == "INVALID_ARGUMENT"
    assert ftp["messages"][0]["default_message"] == "The source endpoint scheme 'ftp' is not supported; use http, https or file."


def probe(world, endpoint):
    server = world["server"]
    login = requests.post(server.base + "/rest/com/vmware/cis/session", auth=(server.admin, server.password),
                          headers={"vmware-use-header-authn": "true"})
    token = login.json()["value"]
    response = requests.post(server.base + LEGACY_FILES + "?~action=probe", json={"source_endpoint": endpoint},
                             headers={"vmware-api-session-id": token, "Accept": "application/json"})
    assert response.status_code == 200, response.text
    return response.json()["value"]


def test_legacy_probe_statuses(world):
    assert probe(world, {"uri": world["http"].url("/disk.bin")}) == {"status": "SUCCESS"}
    missing = probe(world, {"uri": world["http"].url("/none.bin")})
    assert missing["status"] == "RESOURCE_NOT_FOUND"
    assert missing["error_messages"][0]["default_message"] == f"{world['http'].url('/none.bin')} answered HTTP 404 Not Found."
    untrusted = probe(world, {"uri": world["https"].url("/disk.bin")})
    assert untrusted["status"] == "CERTIFICATE_ERROR"
    assert untrusted["ssl_thumbprint"] == world["sha1"]  # colon hex, upper case, as govc expects
    assert untrusted["error_messages"]
    pinned = probe(world, {"uri": world["https"].url("/disk.bin"), "ssl_certificate_thumbprint": untrusted["ssl_thumbprint"]})
    assert pinned["status"] == "SUCCESS" and pinned["ssl_thumbprint"] == world["sha1"]
    invalid = probe(world, {"uri": "ftp://127.0.0.1/a"})
    assert invalid["status"] == "INVALID_URL"
    assert invalid["error_messages"][0]["default_message"] == "The source endpoint scheme 'ftp' is not supported; use http, https or file."
    assert probe(world, {"uri": "file://" + os.path.join(world["root"], "none.bin")})["status"] == "RESOURCE_NOT_FOUND"
