# SPDX-License-Identifier: Apache-2.0
"""Requests the server answers before reading their whole body, on a raw socket.

Many HTTP libraries write the whole body before they read the answer. When the server answers
early (no token, a body over the limit, an unknown upload URL), it must either read the rest of
the body or close the connection, so the client's send ends, and the client must still be able to
read the answer. HTTP libraries hide this, hence raw sockets.
"""
import json
import socket
import threading

import pytest

BODY = 20 << 20


def send_and_read(server, head, size=BODY, timeout=20):
    """Sends `head` then `size` bytes while another thread reads the reply, as a client that
    writes its whole body before it looks at the answer; returns (reply bytes, "finished" or "cut"
    by the server). Fails if the send is still blocked after `timeout` seconds."""
    conn = socket.create_connection(("127.0.0.1", server.port), timeout=timeout)
    outcome = {}
    reply = bytearray()

    def read():
        try:
            while True:
                data = conn.recv(65536)
                if not data:
                    break
                reply.extend(data)
        except OSError:
            pass

    reader = threading.Thread(target=read)
    reader.start()
    try:
        conn.sendall(head.encode())
        chunk = b"x" * (1 << 16)
        sent = 0
        while sent < size:
            conn.sendall(chunk[: min(len(chunk), size - sent)])
            sent += min(len(chunk), size - sent)
        outcome["send"] = "finished"
    except (BrokenPipeError, ConnectionResetError):
        outcome["send"] = "cut"
    except socket.timeout:
        outcome["send"] = "blocked"
    if outcome["send"] == "finished":
        conn.shutdown(socket.SHUT_WR)
    reader.join(timeout)
    conn.close()
    assert outcome["send"] in ("finished", "cut"), f"the client's send never ended: {outcome}"
    return bytes(reply), outcome["send"]


def status_and_body(reply):
    head, _, body = reply.partition(b"\r\n\r\n")
    return int(head.split(b" ")[1]), head.decode(), body


@pytest.mark.parametrize("path", [
    "/api/content/local-library",
    "/rest/com/vmware/content/local-library",
])
def test_a_body_without_a_token_with_connection_close_gets_its_401(server, path):
    """The reproduction of the hang: 20 MB, `Connection: close`, no token."""
    head = (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Content-Length: {BODY}\r\nConnection: close\r\n\r\n")
    reply, _ = send_and_read(server, head)
    status, _, _ = status_and_body(reply)
    assert status in (401, 413), reply[:300]


def test_an_oversized_json_body_is_413_naming_the_limit(server):
    """Over the JSON body limit: 413 with a vAPI error that names the limit, never a 500."""
    token = json.loads(__import__("requests").post(f"{server.base}/api/session", auth=(server.admin, server.password)).text)
    head = (f"POST /api/content/local-library HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"vmware-api-session-id: {token}\r\nContent-Length: {BODY}\r\n\r\n")
    reply, _ = send_and_read(server, head)
    status, head_text, body = status_and_body(reply)
    assert status == 413, reply[:300]
    error = json.loads(body[: body.rindex(b"}") + 1])
    assert error["error_type"] == "INVALID_ARGUMENT"
    assert "bytes" in error["messages"][0]["default_message"]
    assert "NIO" not in body.decode(errors="replace")


def test_an_upload_to_an_unknown_url_is_answered_and_the_send_ends(server):
    head = (f"PUT /cls/data/00000000-0000-0000-0000-000000000000/x.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            f"Content-Length: {BODY}\r\nConnection: close\r\n\r\n")
    reply, _ = send_and_read(server, head)
    status, _, _ = status_and_body(reply)
    assert status == 404, reply[:300]


def test_an_unknown_path_with_a_body_is_answered_and_the_send_ends(server):
    head = f"POST /api/no/such/thing HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {BODY}\r\nConnection: close\r\n\r\n"
    reply, _ = send_and_read(server, head)
    status, _, _ = status_and_body(reply)
    assert status == 404, reply[:300]


def test_a_body_far_over_the_drain_limit_is_cut_after_its_answer(server):
    """Past what the server drains (32 MiB) the connection is closed: the send ends either way,
    and the answer was sent first."""
    head = (f"POST /api/content/local-library HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Content-Length: {80 << 20}\r\n\r\n")
    reply, _ = send_and_read(server, head, size=80 << 20)
    status, _, _ = status_and_body(reply)
    assert status == 413, reply[:300]
