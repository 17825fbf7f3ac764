# SPDX-License-Identifier: Apache-2.0
"""Upload transport details real clients depend on, checked on a real socket."""
import json
import socket

import requests


def _session_with_push_file(server, name):
    """Logs in, creates a library, item and session, adds a PUSH file; returns (auth, upload uri)."""
    token = requests.post(f"{server.base}/api/session", auth=(server.admin, server.password)).json()
    auth = {"vmware-api-session-id": token}
    api = f"{server.base}/api"
    library = requests.post(f"{api}/content/local-library", headers=auth, json={
        "name": f"transport-{name}", "storage_backings": [{"type": "DATASTORE", "datastore_id": "datastore-1"}]}).json()
    item = requests.post(f"{api}/content/library/item", headers=auth, json={"name": name, "library_id": library}).json()
    session = requests.post(f"{api}/content/library/item/update-session", headers=auth, json={"library_item_id": item}).json()
    info = requests.post(f"{api}/content/library/item/update-session/{session}/file", headers=auth,
                         json={"name": name, "source_type": "PUSH"}).json()
    return auth, info["upload_endpoint"]["uri"]


def test_expect_100_continue_is_answered_before_the_body(server):
    """curl sends `Expect: 100-continue` for bodies over 1 MiB and waits for the interim answer;
    the server must send `100 Continue` before it has any byte of the body."""
    _, uri = _session_with_push_file(server, "expect.bin")
    path = uri.split(str(server.port), 1)[1]
    body = b"x" * (2 << 20)
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as conn:
        conn.sendall((f"PUT {path} HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
                      f"Content-Length: {len(body)}\r\nExpect: 100-continue\r\n\r\n").encode())
        interim = conn.recv(64)
        assert interim.startswith(b"HTTP/1.1 100"), interim
        conn.sendall(body)
        final = b""
        while b"\r\n\r\n" not in final:
            final += conn.recv(4096)
        assert final.startswith(b"HTTP/1.1 200"), final


def test_upload_by_post_with_no_session_header_verifies_the_checksum(server):
    """VMware's sample uploads by POST with no session header and `Content-Type: text/ovf`."""
    auth, uri = _session_with_push_file(server, "sample.ovf")
    data = b"<Envelope/>" * 100
    reply = requests.post(uri, data=data, headers={"Content-Type": "text/ovf"})
    assert reply.status_code == 200, reply.text
    assert json.loads(reply.text) == {"name": "sample.ovf", "size": len(data), "status": "READY"}
