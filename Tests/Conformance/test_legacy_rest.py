# SPDX-License-Identifier: Apache-2.0
"""The legacy `/rest/com/vmware/...` dialect over plain HTTP, exactly as govc/govmomi speak it
(contract §4): Basic login, `{"value": ...}` envelopes, `/id:{id}` paths, `?~action=`, wrapped
parameters, HTTP 200 for every success, and `{"type", "value"}` errors."""
import hashlib
import os
import uuid

import requests

from conftest import fixture_bytes

PREFIX = "/rest/com/vmware"
SESSIONS = PREFIX + "/content/library/item/update-session"
FILES = PREFIX + "/content/library/item/updatesession/file"


class Govc:
    """A client that sends what govmomi's `rest.Client.Do` sends: JSON accept, a JSON content
    type on POST/PATCH even with no body, and the session header."""

    def __init__(self, server, user=None, password=None):
        self.base = server.base
        self.http = requests.Session()
        response = self.http.post(
            self.base + PREFIX + "/cis/session",
            auth=(user or server.admin, password or server.password),
            headers={"vmware-use-header-authn": "true"},
        )
        assert response.status_code == 200, response.text
        self.token = response.json()["value"]
        assert isinstance(self.token, str) and self.token

    def call(self, method, path, body=None, expect=200):
        headers = {"Accept": "application/json", "vmware-api-session-id": self.token}
        if method in ("POST", "PATCH"):
            headers["Content-Type"] = "application/json"
        response = self.http.request(method, self.base + path, json=body, headers=headers)
        assert response.status_code == expect, f"{method} {path}: {response.status_code} {response.text}"
        return response

    def value(self, method, path, body=None):
        response = self.call(method, path, body)
        return response.json()["value"]

    def void(self, method, path, body=None):
        response = self.call(method, path, body)
        assert response.content == b"", response.text
        return response


def assert_error(response, status, name):
    assert response.status_code == status, response.text
    body = response.json()
    assert body["type"] == "com.vmware.vapi.std.errors." + name, body
    assert body["value"]["error_type"] == name.upper()
    assert body["value"]["messages"], body
    for message in body["value"]["messages"]:
        assert isinstance(message["id"], str) and isinstance(message["default_message"], str)
        assert isinstance(message["args"], list)


def create_library(client, name):
    return client.value("POST", PREFIX + "/content/local-library", {
        "create_spec": {"name": name, "type": "LOCAL",
                        "storage_backings": [{"type": "DATASTORE", "datastore_id": "datastore-1"}]},
        "client_token": str(uuid.uuid4()),
    })


def create_item(client, library, name, item_type):
    # govc always sends description and type, possibly "".
    return client.value("POST", PREFIX + "/content/library/item", {
        "create_spec": {"name": name, "description": "", "library_id": library, "type": item_type},
    })


def push(client, session, name, data, checksum=None):
    """`file.add` then the PUT govc makes to the upload endpoint."""
    spec = {"name": name, "source_type": "PUSH", "size": len(data)}
    if checksum:
        spec["checksum_info"] = checksum
    info = client.value("POST", f"{FILES}/id:{session}?~action=add", {"file_spec": spec})
    assert info["status"] != "ERROR", info
    assert info["source_type"] == "PUSH" and "source_endpoint" not in info
    uri = info["upload_endpoint"]["uri"]
    response = requests.put(uri, data=data, headers={
        "Content-Type": "application/octet-stream", "vmware-api-session-id": client.token,
    })
    assert response.status_code == 200, response.text
    return info


def test_legacy_govc_ovf_import_with_manifest(server):
    client = Govc(server)
    library = create_library(client, "legacy-ovf")
    item = create_item(client, library, "minimal", "ovf")
    session = client.value("POST", SESSIONS, {"create_spec": {"library_item_id": item}})

    # govc reads the .mf and passes each digest as checksum_info; the .mf itself is not uploaded.
    ovf = fixture_bytes("ovf", "minimal", "minimal.ovf")
    disk = fixture_bytes("ovf", "minimal", "disk1.vmdk")
    manifest = {name: hashlib.sha256(data).hexdigest() for name, data in (("minimal.ovf", ovf), ("disk1.vmdk", disk))}
    push(client, session, "minimal.ovf", ovf, {"algorithm": "SHA256", "checksum": manifest["minimal.ovf"]})
    push(client, session, "disk1.vmdk", disk, {"algorithm": "SHA256", "checksum": manifest["disk1.vmdk"]})

    files = client.value("GET", f"{FILES}?update_session_id={session}")
    assert sorted(f["name"] for f in files) == ["disk1.vmdk", "minimal.ovf"]
    assert all(f["status"] == "READY" and f["bytes_transferred"] == f["size"] for f in files), files
    one = client.value("POST", f"{FILES}/id:{session}?~action=get", {"file_name": "disk1.vmdk"})
    assert one["checksum_info"]["checksum"] == manifest["disk1.vmdk"]
    validation = client.value("POST", f"{FILES}/id:{session}?~action=validate")
    assert validation == {"has_errors": False, "missing_files": [], "invalid_files": []}

    client.void("POST", f"{SESSIONS}/id:{session}?~action=complete")
    state = client.value("GET", f"{SESSIONS}/id:{session}")
    assert state["state"] == "DONE" and "preview_info" not in state

    stored = client.value("GET", f"{PREFIX}/content/library/item/file?library_item_id={item}")
    assert sorted(f["name"] for f in stored) == ["disk1.vmdk", "minimal.ovf"]
    got = client.value("GET", f"{PREFIX}/content/library/item/id:{item}")
    assert got["type"] == "ovf" and got["size"] == len(ovf) + len(disk) and got["id"] == item


def test_legacy_govc_iso_import(server):
    client = Govc(server)
    library = create_library(client, "legacy-iso")
    item = create_item(client, library, "plain", "iso")
    session = client.value("POST", SESSIONS, {"create_spec": {"library_item_id": item}})
    assert client.value("GET", f"{SESSIONS}?library_item_id={item}") == [session]
    iso = fixture_bytes("iso", "plain.iso")
    push(client, session, "plain.iso", iso, {"algorithm": "SHA1", "checksum": hashlib.sha1(iso).hexdigest()})
    client.void("POST", f"{SESSIONS}/id:{session}?~action=complete")
    assert client.value("GET", f"{SESSIONS}/id:{session}")["state"] == "DONE"

    one = client.value("POST", f"{PREFIX}/content/library/item/file/id:{item}?~action=get", {"name": "plain.iso"})
    assert one["size"] == len(iso) and one["cached"] is True
    storage = client.value("POST", f"{PREFIX}/content/library/item/storage/id:{item}?~action=get", {"file_name": "plain.iso"})
    assert storage[0]["storage_backing"]["type"] == "DATASTORE"
    assert client.value("GET", f"{PREFIX}/content/library/item?library_id={library}") == [item]
    found = client.value("POST", f"{PREFIX}/content/library/item?~action=find", {"spec": {"name": "PLAIN"}})
    assert found == [item]
    types = client.value("GET", f"{PREFIX}/content/type")
    assert {"ovf", "iso"} <= {t["type"] for t in types}


def test_legacy_fail_and_keep_alive_without_body(server):
    client = Govc(server)
    item = create_item(client, create_library(client, "legacy-fail"), "f", "")
    session = client.value("POST", SESSIONS, {"create_spec": {"library_item_id": item}})
    client.void("POST", f"{SESSIONS}/id:{session}?~action=keep-alive")
    client.void("POST", f"{SESSIONS}/id:{session}?~action=keep-alive", {"client_progress": 30})
    assert client.value("GET", f"{SESSIONS}/id:{session}")["client_progress"] == 30
    client.void("POST", f"{SESSIONS}/id:{session}?~action=fail")
    assert client.value("GET", f"{SESSIONS}/id:{session}")["state"] == "ERROR"
    client.void("DELETE", f"{SESSIONS}/id:{session}")

    other = client.value("POST", SESSIONS, {"create_spec": {"library_item_id": item}})
    client.void("POST", f"{SESSIONS}/id:{other}?~action=cancel")
    assert client.value("GET", f"{SESSIONS}/id:{other}")["state"] == "CANCELED"


def test_legacy_session_get_and_logout(server):
    client = Govc(server)
    info = client.value("POST", PREFIX + "/cis/session?~action=get")
    assert info["user"] == server.admin and info["created_time"].endswith("Z")
    client.void("DELETE", PREFIX + "/cis/session")
    assert_error(client.call("POST", PREFIX + "/cis/session?~action=get", expect=401), 401, "unauthenticated")


def test_legacy_error_shapes(server):
    client = Govc(server)
    item = create_item(client, create_library(client, "legacy-errors"), "e", "")
    assert_error(client.call("GET", f"{SESSIONS}/id:{uuid.uuid4()}", expect=404), 404, "not_found")
    assert_error(client.call("POST", f"{SESSIONS}/id:x?~action=explode", expect=404), 404, "operation_not_found")
    assert_error(client.call("POST", SESSIONS, {"create_spec": {}}, expect=400), 400, "invalid_argument")
    first = client.value("POST", SESSIONS, {"create_spec": {"library_item_id": item}})
    # ResourceBusy is 400 in /rest (the /api spec says 500).
    assert_error(client.call("POST", SESSIONS, {"create_spec": {"library_item_id": item}}, expect=400), 400, "resource_busy")
    client.void("POST", f"{SESSIONS}/id:{first}?~action=complete")
    assert_error(client.call("POST", f"{SESSIONS}/id:{first}?~action=cancel", expect=400), 400, "not_allowed_in_current_state")

    anonymous = requests.get(server.base + PREFIX + "/content/library")
    assert_error(anonymous, 401, "unauthenticated")
    bad_login = requests.post(server.base + PREFIX + "/cis/session", auth=(server.admin, "wrong"))
    assert_error(bad_login, 401, "unauthenticated")
    reader = Govc(server, "reader@vsphere.local", "reader-secret")
    assert_error(reader.call("POST", SESSIONS, {"create_spec": {"library_item_id": item}}, expect=403), 403, "unauthorized")
    assert_error(client.call("POST", f"{FILES}?~action=probe", {}, expect=400), 400, "invalid_argument")


def test_legacy_cookie_session_for_older_scripts(server):
    """Without `vmware-use-header-authn`, login also sets the `vmware-api-session-id` cookie, which
    stands in for the header (as the govmomi simulator does)."""
    browser = requests.Session()
    login = browser.post(server.base + PREFIX + "/cis/session", auth=(server.admin, server.password))
    assert login.status_code == 200, login.text
    assert browser.cookies.get("vmware-api-session-id") == login.json()["value"]
    libraries = browser.get(server.base + PREFIX + "/content/library")
    assert libraries.status_code == 200 and isinstance(libraries.json()["value"], list)
    # The older form: every parameter in the body of `POST <collection>?~action=<op>`.
    types = browser.post(server.base + PREFIX + "/content/type?~action=list")
    assert types.status_code == 200 and types.json()["value"]
    assert browser.delete(server.base + PREFIX + "/cis/session").status_code == 200
    assert_error(browser.get(server.base + PREFIX + "/content/library"), 401, "unauthenticated")
