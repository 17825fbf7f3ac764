# SPDX-License-Identifier: Apache-2.0
"""Download sessions over plain HTTP: the download URL's GET/HEAD/Range/If-Range/416 on a raw
wire, version pinning across a `complete`, and the legacy `/rest` sequence govc's
`library.export` and `library.session.ls` send."""
import hashlib
import os
import random
import time

import pytest
import requests

API = "/api"
LEGACY = "/rest/com/vmware"


class Client:
    """REST `/api` calls with the administrator's token."""

    def __init__(self, server):
        self.server = server
        self.token = requests.post(f"{server.base}{API}/session", auth=(server.admin, server.password)).json()
        self.headers = {"vmware-api-session-id": self.token}

    def call(self, method, path, body=None, expect=(200, 201, 204), **params):
        response = requests.request(method, self.server.base + API + path, json=body, params=params or None,
                                    headers=self.headers, timeout=30)
        assert response.status_code in expect, f"{method} {path}: {response.status_code} {response.text}"
        return response.json() if response.content else None

    def item_with(self, library, name, content):
        """A new item whose one file `name` holds `content`."""
        item = self.call("POST", "/content/library/item", {"name": f"dl-{random.randrange(1 << 30)}", "library_id": library})
        self.replace(item, name, content)
        return item

    def replace(self, item, name, content):
        """Uploads `content` as file `name` of `item` in an update session and completes it."""
        session = self.call("POST", "/content/library/item/update-session", {"library_item_id": item})
        info = self.call("POST", f"/content/library/item/update-session/{session}/file",
                         {"name": name, "source_type": "PUSH", "size": len(content)})
        assert requests.put(info["upload_endpoint"]["uri"], data=content).status_code == 200
        self.call("POST", f"/content/library/item/update-session/{session}", action="complete")
        deadline = time.time() + 20
        while self.call("GET", f"/content/library/item/update-session/{session}")["state"] == "ACTIVE":
            assert time.time() < deadline
            time.sleep(0.05)

    def prepared(self, item, name):
        """A new download session on `item` and the prepared info of its file `name`."""
        session = self.call("POST", "/content/library/item/download-session", {"library_item_id": item})
        info = self.call("POST", f"/content/library/item/download-session/{session}/file", {"file_name": name}, action="prepare")
        assert info["status"] == "PREPARED", info
        return session, info


@pytest.fixture(scope="module")
def client(server):
    return Client(server)


@pytest.fixture(scope="module")
def library(client):
    return client.call("POST", "/content/local-library", {
        "name": "downloads", "storage_backings": [{"type": "DATASTORE", "datastore_id": "datastore-1"}]})


CONTENT = random.Random(7).randbytes(300_000)
ETAG = '"' + hashlib.sha256(CONTENT).hexdigest() + '"'


@pytest.fixture(scope="module")
def uri(client, library):
    item = client.item_with(library, "payload.bin", CONTENT)
    _, info = client.prepared(item, "payload.bin")
    return info["download_endpoint"]["uri"]


def test_head_answers_size_etag_and_ranges_without_a_body(uri):
    response = requests.head(uri)
    assert response.status_code == 200
    assert response.headers["Content-Length"] == str(len(CONTENT))
    assert response.headers["ETag"] == ETAG
    assert response.headers["Accept-Ranges"] == "bytes"
    assert response.content == b""


def test_get_streams_the_whole_file(uri):
    response = requests.get(uri)
    assert response.status_code == 200 and response.content == CONTENT


@pytest.mark.parametrize("header,start,end", [
    ("bytes=10-19", 10, 20),
    ("bytes=299990-", 299990, 300000),
    ("bytes=-5", 299995, 300000),
    ("bytes=250000-999999999", 250000, 300000),
])
def test_one_range_is_206_with_its_content_range(uri, header, start, end):
    response = requests.get(uri, headers={"Range": header})
    assert response.status_code == 206, response.text
    assert response.headers["Content-Range"] == f"bytes {start}-{end - 1}/{len(CONTENT)}"
    assert response.headers["Content-Length"] == str(end - start)
    assert response.content == CONTENT[start:end]


def test_a_range_past_the_end_is_416(uri):
    response = requests.get(uri, headers={"Range": f"bytes={len(CONTENT)}-"})
    assert response.status_code == 416
    assert response.headers["Content-Range"] == f"bytes */{len(CONTENT)}"


def test_if_range_resumes_only_the_same_content(uri):
    same = requests.get(uri, headers={"Range": "bytes=100-", "If-Range": ETAG})
    assert same.status_code == 206 and same.content == CONTENT[100:]
    changed = requests.get(uri, headers={"Range": "bytes=100-", "If-Range": '"0000"'})
    assert changed.status_code == 200 and changed.content == CONTENT


def test_a_download_cut_and_resumed_with_range_is_byte_exact(uri):
    """A client reads part of the body, drops the connection, and fetches the rest by Range."""
    with requests.get(uri, stream=True) as response:
        first = response.raw.read(123_457)
    rest = requests.get(uri, headers={"Range": f"bytes={len(first)}-", "If-Range": ETAG})
    assert rest.status_code == 206
    assert hashlib.sha256(first + rest.content).hexdigest() == hashlib.sha256(CONTENT).hexdigest()


def test_unknown_and_malformed_urls_are_404(server, uri):
    assert requests.get(uri.rsplit("/", 1)[0] + "/other.bin").status_code == 404
    assert requests.get(f"{server.base}/cls/download/{'0' * 32}/payload.bin").status_code == 404
    assert requests.head(f"{server.base}/cls/download/nothex/payload.bin").status_code == 404


def blobs(server):
    """Every blob file under the default datastore's folder."""
    root = os.path.join(server.data, "datastores", "datastore-1")
    assert os.path.isdir(root)
    return {os.path.join(d, f) for d, _, files in os.walk(root) for f in files}


def test_a_session_serves_its_version_while_a_newer_one_completes_and_frees_it_at_its_end(server, client, library):
    old, new = b"old content " * 1000, b"new content " * 2000
    item = client.item_with(library, "pinned.bin", old)
    session, info = client.prepared(item, "pinned.bin")
    version = client.call("GET", f"/content/library/item/download-session/{session}")["library_item_content_version"]
    client.replace(item, "pinned.bin", new)
    assert client.call("GET", f"/content/library/item/{item}")["content_version"] != version
    # The session still serves the bytes of its version; a new session serves the new ones.
    assert requests.get(info["download_endpoint"]["uri"]).content == old
    _, fresh = client.prepared(item, "pinned.bin")
    assert requests.get(fresh["download_endpoint"]["uri"]).content == new
    before = blobs(server)
    client.call("POST", f"/content/library/item/download-session/{session}", action="cancel")
    assert requests.get(info["download_endpoint"]["uri"]).status_code == 404
    after = blobs(server)
    assert len(before - after) == 1, "the old version's blob was not collected when its session ended"


def test_direct_endpoints_are_unsupported_and_a_missing_file_is_not_found(client, library):
    item = client.item_with(library, "a.bin", b"a")
    session = client.call("POST", "/content/library/item/download-session", {"library_item_id": item})
    path = f"/content/library/item/download-session/{session}/file"
    unsupported = client.call("POST", path, {"file_name": "a.bin", "endpoint_type": "DIRECT"}, expect=(400,), action="prepare")
    assert unsupported["error_type"] == "UNSUPPORTED"
    missing = client.call("POST", path, {"file_name": "b.bin"}, expect=(404,), action="prepare")
    assert missing["error_type"] == "NOT_FOUND"
    assert client.call("GET", path, file_name="a.bin")["status"] == "UNPREPARED"


def test_legacy_rest_sequence_of_govc_export(server, client, library):
    """What govc 0.24's library.export and library.session.ls send over /rest."""
    item = client.item_with(library, "govc.iso", CONTENT)
    headers = {"vmware-api-session-id": client.token, "Accept": "application/json"}

    def legacy(method, path, body=None):
        response = requests.request(method, server.base + LEGACY + path, json=body, headers=headers, timeout=30)
        assert response.status_code == 200, f"{method} {path}: {response.status_code} {response.text}"
        return response.json().get("value") if response.content else None

    session = legacy("POST", "/content/library/item/download-session", {"create_spec": {"library_item_id": item}})
    assert session in legacy("GET", "/content/library/item/download-session")
    files = legacy("GET", f"/content/library/item/downloadsession/file?download_session_id={session}")
    assert [f["name"] for f in files] == ["govc.iso"]
    legacy("POST", f"/content/library/item/downloadsession/file/id:{session}?~action=prepare",
           {"file_name": "govc.iso", "endpoint_type": "HTTPS"})
    info = legacy("POST", f"/content/library/item/downloadsession/file/id:{session}?~action=get", {"file_name": "govc.iso"})
    assert info["status"] == "PREPARED"
    assert requests.get(info["download_endpoint"]["uri"]).content == CONTENT
    legacy("DELETE", f"/content/library/item/download-session/id:{session}")
    assert session not in legacy("GET", "/content/library/item/download-session")
