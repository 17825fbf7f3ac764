# SPDX-License-Identifier: Apache-2.0
"""The modern REST `/api` dialect over plain HTTP (contract §1, §2.5): bare JSON, create 201,
void 204, and errors `{"error_type", "messages"}` with the 8.0.2 spec's statuses (ResourceBusy 500).
Uploads are POSTed with no session header, as VMware's `content_update.py` sample does."""
import hashlib
import uuid

import requests

from conftest import fixture_bytes

API = "/api"
SESSIONS = API + "/content/library/item/update-session"


class Rest:
    """A curl-like client: Basic login to `/api/session`, then `vmware-api-session-id`."""

    def __init__(self, server, user=None, password=None):
        self.base = server.base
        response = requests.post(self.base + API + "/session", auth=(user or server.admin, password or server.password))
        assert response.status_code == 201, response.text
        self.token = response.json()
        assert isinstance(self.token, str) and self.token

    def call(self, method, path, body=None, expect=200, **params):
        response = requests.request(
            method, self.base + path, json=body, params=params or None,
            headers={"vmware-api-session-id": self.token},
        )
        assert response.status_code == expect, f"{method} {path}: {response.status_code} {response.text}"
        return response

    def json(self, method, path, body=None, expect=200, **params):
        return self.call(method, path, body, expect, **params).json()

    def void(self, method, path, body=None, **params):
        response = self.call(method, path, body, 204, **params)
        assert response.content == b""


def assert_error(response, status, error_type):
    assert response.status_code == status, response.text
    body = response.json()
    assert body["error_type"] == error_type, body
    assert body["messages"], body
    for message in body["messages"]:
        assert isinstance(message["id"], str) and isinstance(message["default_message"], str)
        assert isinstance(message["args"], list)


def create_library(client, name):
    return client.json("POST", API + "/content/local-library", {
        "name": name, "storage_backings": [{"type": "DATASTORE", "datastore_id": "datastore-1"}],
    }, expect=201, client_token=str(uuid.uuid4()))


def create_item(client, library, name, item_type=None):
    spec = {"library_id": library, "name": name}
    if item_type is not None:
        spec["type"] = item_type
    return client.json("POST", API + "/content/library/item", spec, expect=201)


def create_session(client, item):
    return client.json("POST", SESSIONS, {"library_item_id": item}, expect=201)


def upload(client, session, name, data, content_type="application/octet-stream", checksum=None):
    """`file.add`, then a POST of the bytes with no auth header (VMware's sample)."""
    spec = {"name": name, "source_type": "PUSH", "size": len(data)}
    if checksum:
        spec["checksum_info"] = checksum
    info = client.json("POST", f"{SESSIONS}/{session}/file", spec, expect=201)
    assert info["status"] == "WAITING_FOR_TRANSFER" and info["bytes_transferred"] == 0
    response = requests.post(info["upload_endpoint"]["uri"], data=data, headers={"Content-Type": content_type})
    assert response.status_code == 200, response.text
    return info


def test_rest_api_ovf_import(server):
    client = Rest(server)
    library = create_library(client, "rest-ovf")
    item = create_item(client, library, "minimal", "ovf")
    version = client.json("GET", f"{API}/content/library/item/{item}")["content_version"]
    session = create_session(client, item)
    ovf = fixture_bytes("ovf", "minimal", "minimal.ovf")
    disk = fixture_bytes("ovf", "minimal", "disk1.vmdk")
    upload(client, session, "minimal.ovf", ovf, "text/ovf", {"algorithm": "SHA256", "checksum": hashlib.sha256(ovf).hexdigest()})
    upload(client, session, "disk1.vmdk", disk, checksum={"algorithm": "SHA1", "checksum": hashlib.sha1(disk).hexdigest()})
    client.void("POST", f"{SESSIONS}/{session}", {"client_progress": 90}, action="keep-alive")

    got = client.json("GET", f"{SESSIONS}/{session}/file/disk1.vmdk")
    assert got["status"] == "READY" and got["size"] == len(disk)
    listed = client.json("GET", f"{SESSIONS}/{session}/file")
    assert sorted(f["name"] for f in listed) == ["disk1.vmdk", "minimal.ovf"]
    validation = client.json("POST", f"{SESSIONS}/{session}/file", action="validate")
    assert validation["has_errors"] is False and validation["missing_files"] == []

    state = client.json("GET", f"{SESSIONS}/{session}")
    assert state["state"] == "ACTIVE" and state["client_progress"] == 90
    client.void("POST", f"{SESSIONS}/{session}", action="complete")
    assert client.json("GET", f"{SESSIONS}/{session}")["state"] == "DONE"
    after = client.json("GET", f"{API}/content/library/item/{item}")
    assert after["content_version"] > version
    files = client.json("GET", f"{API}/content/library/item/{item}/file")
    assert sorted(f["name"] for f in files) == ["disk1.vmdk", "minimal.ovf"]


def test_rest_api_validation_places_and_warning_types(server):
    """An invalid file's message carries its line as vAPI message params; Type.list names each
    adapter's warning types (this server's extension), which is what the browser UI shows."""
    client = Rest(server)
    item = create_item(client, create_library(client, "rest-lines"), "broken", "ovf")
    session = create_session(client, item)
    upload(client, session, "OVF-REF-002.ovf", fixture_bytes("ovf", "invalid", "OVF-REF-002.ovf"), "text/ovf")
    validation = client.json("POST", f"{SESSIONS}/{session}/file", action="validate")
    [invalid] = validation["invalid_files"]
    assert invalid["name"] == "OVF-REF-002.ovf"
    assert invalid["error_message"]["id"] == "com.vmware.content.library.validation.ovf_ref_002"
    assert invalid["error_message"]["params"] == {"file": {"s": "OVF-REF-002.ovf"}, "line": {"i": 7}}
    client.void("POST", f"{SESSIONS}/{session}", action="cancel")

    types = {t["type"]: t for t in client.json("GET", API + "/content/type")}
    ovf = {w["type"]: w for w in types["ovf"]["warning_types"]}
    assert ovf["SELF_SIGNED_CERTIFICATE"]["ignored_by_default"] is False and ovf["SELF_SIGNED_CERTIFICATE"]["description"]


def test_rest_api_iso_import_and_item_views(server):
    client = Rest(server)
    library = create_library(client, "rest-iso")
    item = create_item(client, library, "plain", "iso")
    session = create_session(client, item)
    iso = fixture_bytes("iso", "plain.iso")
    upload(client, session, "plain.iso", iso)
    client.void("POST", f"{SESSIONS}/{session}", action="complete")
    one = client.json("GET", f"{API}/content/library/item/{item}/file", name="plain.iso")
    assert one["size"] == len(iso)
    storage = client.json("GET", f"{API}/content/library/item/{item}/storage", file_name="plain.iso")
    assert storage[0]["name"] == "plain.iso" and storage[0]["storage_uris"]
    assert client.json("GET", API + "/content/library/item", library_id=library) == [item]
    assert client.json("POST", API + "/content/library/item", {"name": "PLAIN"}, action="find") == [item]


def test_rest_api_fail_cancel_delete_and_list_by_item(server):
    client = Rest(server)
    item = create_item(client, create_library(client, "rest-lifecycle"), "life")
    failed = create_session(client, item)
    assert client.json("GET", SESSIONS, library_item_id=item) == [failed]
    client.void("POST", f"{SESSIONS}/{failed}", {"client_error_message": "disk full"}, action="fail")
    state = client.json("GET", f"{SESSIONS}/{failed}")
    assert state["state"] == "ERROR" and "preview_info" not in state
    client.void("DELETE", f"{SESSIONS}/{failed}")

    canceled = create_session(client, item)
    upload(client, canceled, "a.txt", b"abc")
    client.void("DELETE", f"{SESSIONS}/{canceled}/file/a.txt")
    assert client.json("GET", f"{SESSIONS}/{canceled}/file") == []
    client.void("POST", f"{SESSIONS}/{canceled}", action="cancel")
    assert client.json("GET", f"{SESSIONS}/{canceled}")["state"] == "CANCELED"
    client.void("DELETE", f"{SESSIONS}/{canceled}")
    assert client.json("GET", SESSIONS, library_item_id=item) == []


def test_rest_api_errors(server):
    client = Rest(server)
    library = create_library(client, "rest-errors")
    item = create_item(client, library, "busy")

    assert_error(client.call("GET", f"{SESSIONS}/{uuid.uuid4()}", expect=404), 404, "NOT_FOUND")
    session = create_session(client, item)
    assert_error(client.call("POST", SESSIONS, {"library_item_id": item}, expect=500), 500, "RESOURCE_BUSY")
    assert_error(client.call("DELETE", f"{SESSIONS}/{session}", expect=400), 400, "NOT_ALLOWED_IN_CURRENT_STATE")
    assert_error(client.call("POST", f"{SESSIONS}/{session}/file", {"name": "", "source_type": "PUSH"}, expect=400),
                 400, "INVALID_ARGUMENT")
    assert_error(client.call("GET", f"{SESSIONS}/{session}/file/absent.txt", expect=400), 400, "INVALID_ARGUMENT")
    assert_error(client.call("POST", API + "/content/library/item", {"library_id": library, "name": "busy"}, expect=400),
                 400, "ALREADY_EXISTS")
    assert_error(client.call("POST", SESSIONS, {"library_item_id": item}, expect=400, client_token="not-a-uuid"),
                 400, "INVALID_ARGUMENT")
    client.void("POST", f"{SESSIONS}/{session}", action="cancel")
    assert_error(client.call("POST", f"{SESSIONS}/{session}", action="complete", expect=400), 400, "NOT_ALLOWED_IN_CURRENT_STATE")

    assert_error(requests.get(server.base + SESSIONS), 401, "UNAUTHENTICATED")
    assert_error(requests.post(server.base + API + "/session", auth=(server.admin, "wrong")), 401, "UNAUTHENTICATED")
    reader = Rest(server, "reader@vsphere.local", "reader-secret")
    assert_error(reader.call("POST", SESSIONS, {"library_item_id": item}, expect=403), 403, "UNAUTHORIZED")
    # reader can still read what it may: the type list.
    assert any(t["type"] == "iso" for t in reader.json("GET", API + "/content/type"))

    client.void("DELETE", API + "/session")
    assert_error(requests.get(server.base + SESSIONS, headers={"vmware-api-session-id": client.token}), 401, "UNAUTHENTICATED")
