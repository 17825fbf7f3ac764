# SPDX-License-Identifier: Apache-2.0
"""Limits reached through the HTTP routes a client uses, not only through the services."""
import shutil
import socket
import tempfile
import time

import pytest
import requests
from harness import start_server, stop_server

SIZE = 1 << 20


@pytest.fixture(scope="module")
def one_upload_server(binary):
    """A server that lets one upload at a time run into an update session."""
    data = tempfile.mkdtemp(prefix="content-library-limits-")
    running = start_server(binary, data, extra_args=["--max-uploads-per-session", "1"])
    yield running
    stop_server(running)
    shutil.rmtree(data, ignore_errors=True)


def session_with_files(server, names):
    """Logs in, creates a library, an item, a session and one PUSH file of SIZE bytes per name;
    returns (auth headers, session URL, {name: upload URI})."""
    token = requests.post(f"{server.base}/api/session", auth=(server.admin, server.password)).json()
    auth = {"vmware-api-session-id": token}
    api = f"{server.base}/api"
    library = requests.post(f"{api}/content/local-library", headers=auth, json={
        "name": "limits", "storage_backings": [{"type": "DATASTORE", "datastore_id": "datastore-1"}]}).json()
    item = requests.post(f"{api}/content/library/item", headers=auth, json={"name": "limits", "library_id": library}).json()
    session = requests.post(f"{api}/content/library/item/update-session", headers=auth, json={"library_item_id": item}).json()
    url = f"{api}/content/library/item/update-session/{session}"
    uris = {}
    for name in names:
        info = requests.post(f"{url}/file", headers=auth, json={"name": name, "source_type": "PUSH", "size": SIZE})
        assert info.status_code == 201, info.text
        uris[name] = info.json()["upload_endpoint"]["uri"]
    return auth, url, uris


def test_an_upload_past_the_concurrent_limit_is_refused_naming_it_and_the_running_one_goes_on(one_upload_server):
    server = one_upload_server
    auth, url, uris = session_with_files(server, ["a.bin", "b.bin"])
    path = uris["a.bin"].split(str(server.port), 1)[1]
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as running:
        # a.bin's upload starts and stalls half-way: it holds the session's only upload slot.
        running.sendall((f"PUT {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {SIZE}\r\n\r\n").encode())
        running.sendall(b"a" * (SIZE // 2))
        deadline = time.time() + 10
        while requests.head(uris["a.bin"]).headers.get("Upload-Active") != "?1":
            assert time.time() < deadline, "a.bin's upload never showed as running"
            time.sleep(0.05)

        refused = requests.put(uris["b.bin"], data=b"b" * SIZE)
        assert refused.status_code == 400, refused.text
        error = refused.json()
        assert error["error_type"] == "UNABLE_TO_ALLOCATE_RESOURCE"
        message = error["messages"][0]
        assert message["id"] == "com.vmware.content.limit.max_concurrent_uploads_per_session"
        assert "max_concurrent_uploads_per_session is 1" in message["default_message"]

        # The running upload was not disturbed: it ends READY.
        running.sendall(b"a" * (SIZE - SIZE // 2))
        reply = b""
        while b"\r\n\r\n" not in reply:
            reply += running.recv(4096)
        assert reply.startswith(b"HTTP/1.1 200"), reply

    # With the slot free again, b.bin goes in.
    accepted = requests.put(uris["b.bin"], data=b"b" * SIZE)
    assert accepted.status_code == 200, accepted.text
    files = {f["name"]: f["status"] for f in requests.get(f"{url}/file", headers=auth).json()}
    assert files == {"a.bin": "READY", "b.bin": "READY"}
