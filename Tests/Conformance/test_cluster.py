# SPDX-License-Identifier: Apache-2.0
"""Two replicas, one PostgreSQL, one content root, nginx in front (issue 16; docs/scale-out.md).

Every process is real and started here (cluster_harness.py: scripts/postgres, the built binary
twice, scripts/nginx over deploy/nginx.conf). Replica A and B are also reached directly, to
choose which one serves a request; the rest goes through nginx, as clients do.

Nothing is timed: where the test waits (a dead replica's upload lease to lapse, the reaper to
sweep), it waits for the state it needs and fails only if that state never comes within a
deadline far above its normal time.
"""
import hashlib
import http.client
import random
import shutil
import tempfile
import threading
import time
import urllib.parse

import pytest
import requests

from cluster_harness import Cluster, metric
from harness import ADMIN, PASSWORD

API = "/api"
SESSIONS = API + "/content/library/item/update-session"
LEASE_SECONDS = 2


class Rest:
    """REST `/api` as one user on one base URL (a replica or nginx)."""

    def __init__(self, base, token=None, user=ADMIN, password=PASSWORD):
        self.base = base
        if token is None:
            response = requests.post(base + API + "/session", auth=(user, password), timeout=30)
            assert response.status_code == 201, response.text
            token = response.json()
        self.token = token

    def on(self, base):
        """The same token sent to another base URL."""
        return Rest(base, self.token)

    def raw(self, method, path, body=None, **params):
        return requests.request(method, self.base + path, json=body, params=params or None,
                                headers={"vmware-api-session-id": self.token}, timeout=60)

    def call(self, method, path, body=None, expect=(200, 201, 204), **params):
        response = self.raw(method, path, body, **params)
        assert response.status_code in expect, f"{method} {self.base}{path}: {response.status_code} {response.text}"
        return response.json() if response.content else None


def new_item(client, name):
    library = client.call("POST", API + "/content/local-library", {
        "name": f"{name}-{random.randrange(1 << 30)}", "storage_backings": [{"type": "DATASTORE", "datastore_id": "datastore-1"}]})
    return client.call("POST", API + "/content/library/item", {"library_id": library, "name": name})


def rebase(url, base):
    """`url` with its scheme and host replaced by `base`'s: the same upload URL on another replica."""
    parts, target = urllib.parse.urlsplit(url), urllib.parse.urlsplit(base)
    return urllib.parse.urlunsplit((target.scheme, target.netloc, parts.path, parts.query, ""))


def head(url):
    """`HEAD` of an upload URL: (status, Upload-Offset, Upload-Active)."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request("HEAD", parts.path)
        answer = connection.getresponse()
        answer.read()
        return answer.status, int(answer.getheader("Upload-Offset") or -1), answer.getheader("Upload-Active")
    finally:
        connection.close()


def wait_for(condition, what, seconds=60):
    """Polls `condition` until it returns a true value, which is returned; fails after `seconds`."""
    deadline = time.time() + seconds
    while True:
        value = condition()
        if value:
            return value
        assert time.time() < deadline, f"never happened within {seconds} s: {what}"
        time.sleep(0.1)


def cluster_args():
    """A short transfer lease, so that a dead replica's upload lapses quickly."""
    return ["--transfer-lease", str(LEASE_SECONDS)]


@pytest.fixture(scope="module")
def cluster(binary):
    folder = tempfile.mkdtemp(prefix="content-library-cluster-")
    running = Cluster(binary, folder, replicas=2, extra_args=cluster_args())
    yield running
    running.stop()
    shutil.rmtree(folder, ignore_errors=True)


def test_an_upload_begun_on_b_and_cut_by_its_death_is_resumed_through_a(cluster):
    a, b = cluster.replicas
    admin = Rest(a.base)
    item = new_item(admin, "resumed")
    session = admin.call("POST", SESSIONS, {"library_item_id": item})
    content = random.Random(16).randbytes(8 << 20)
    info = admin.call("POST", f"{SESSIONS}/{session}/file", {
        "name": "disk.bin", "source_type": "PUSH", "size": len(content),
        "checksum_info": {"algorithm": "SHA256", "checksum": hashlib.sha256(content).hexdigest()}})
    url = info["upload_endpoint"]["uri"]
    on_b, on_a = rebase(url, b.base), rebase(url, a.base)

    # Half the bytes to B, on a connection left open: B is uploading when it dies.
    sent = len(content) // 2
    parts = urllib.parse.urlsplit(on_b)
    upload = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    upload.putrequest("PUT", parts.path)
    upload.putheader("Content-Length", str(len(content)))
    upload.endheaders()
    upload.send(content[:sent])
    wait_for(lambda: head(on_b)[1] >= sent, "B has received the first half")
    # Every replica tells the truth about a running upload: A, through B's lease and heartbeat,
    # and A refuses a second upload of the file while B's runs.
    wait_for(lambda: head(on_a)[1:] == (sent, "?1"), "A sees B's upload running with the first half", seconds=30)
    assert put_rest(on_a, content, sent).status_code == 409
    cluster.kill(1)
    upload.close()
    try:
        resume_through_a(cluster, admin, item, session, content, sent, on_a)
    finally:
        cluster.restart(1)


def put_rest(url, content, offset):
    """PUTs `content` from `offset` on as the last piece of the file."""
    return requests.put(url, data=content[offset:], timeout=60, headers={
        "Content-Range": f"bytes {offset}-{len(content) - 1}/{len(content)}"})


def resume_through_a(cluster, admin, item, session, content, sent, on_a):
    """After B's death: HEAD through A until B's lease lapsed, the rest through A from the offset
    A answers (a prefix of what B received), `complete` through nginx, the item's bytes checked."""
    def lapsed():
        answer = head(on_a)
        return answer if answer[2] == "?0" else None

    status, offset, _ = wait_for(lapsed, "B's upload lease lapses")
    assert status == 200
    assert 0 < offset <= sent, offset
    answer = put_rest(on_a, content, offset)
    assert answer.status_code == 200, answer.text
    assert answer.json()["status"] == "READY", answer.text

    Rest(cluster.base, admin.token).call("POST", f"{SESSIONS}/{session}", action="complete")

    def finished():
        state = admin.call("GET", f"{SESSIONS}/{session}")["state"]
        return state if state != "ACTIVE" else None

    assert wait_for(finished, "the session leaves ACTIVE") == "DONE"
    storage = admin.call("GET", f"{API}/content/library/item/{item}/storage")
    path = urllib.parse.urlsplit(storage[0]["storage_uris"][0]).path
    with open(path, "rb") as f:
        assert hashlib.sha256(f.read()).hexdigest() == hashlib.sha256(content).hexdigest()


def test_two_clients_racing_on_one_item_through_different_replicas_get_one_session(cluster):
    a, b = cluster.replicas
    admin = Rest(cluster.base)
    for round in range(10):
        item = new_item(admin, f"race-{round}")
        barrier = threading.Barrier(2)
        answers = []

        def open_session(base):
            client = admin.on(base)
            barrier.wait()
            answers.append(client.raw("POST", SESSIONS, {"library_item_id": item}))

        threads = [threading.Thread(target=open_session, args=(replica.base,)) for replica in (a, b)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        statuses = sorted(answer.status_code for answer in answers)
        assert statuses == [201, 500], [answer.text for answer in answers]
        busy = next(answer for answer in answers if answer.status_code == 500).json()
        assert busy["error_type"] == "RESOURCE_BUSY", busy
        sessions = admin.call("GET", SESSIONS, library_item_id=item)
        assert len(sessions) == 1, sessions


def test_a_token_made_on_a_is_valid_on_b_and_a_logout_on_b_ends_it_on_a_at_once(cluster):
    a, b = cluster.replicas
    client = Rest(a.base)
    # Used on both first, so that each replica has seen it (and may have kept it in memory).
    assert client.call("GET", API + "/session")["user"] == ADMIN
    assert client.on(b.base).call("GET", API + "/session")["user"] == ADMIN
    client.on(b.base).call("DELETE", API + "/session")
    for replica in (a, b):
        assert client.on(replica.base).raw("GET", API + "/session").status_code == 401, replica.base


def test_a_user_added_to_the_running_cluster_logs_in_on_both_replicas_at_once(cluster):
    name = f"carol-{random.randrange(1 << 30)}@vsphere.local"
    cluster.user_add(name, "carol-secret")
    barrier = threading.Barrier(2)
    answers = []

    def log_in(base):
        barrier.wait()
        answers.append(requests.post(base + API + "/session", auth=(name, "carol-secret"), timeout=30).status_code)

    threads = [threading.Thread(target=log_in, args=(replica.base,)) for replica in cluster.replicas]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [201, 201]


def test_the_reapers_of_both_replicas_expire_each_session_exactly_once(binary):
    folder = tempfile.mkdtemp(prefix="content-library-cluster-reaper-")
    cluster = Cluster(binary, folder, replicas=2, extra_args=["--session-timeout", "2", *cluster_args()])
    try:
        admin = Rest(cluster.base)
        sessions = [admin.call("POST", SESSIONS, {"library_item_id": new_item(admin, f"idle-{n}")}) for n in range(6)]

        def expired():
            return sum(metric(cluster.metrics(i), "content_library_reaper_removed_total", what="update_session_expired")
                       for i in range(2))

        wait_for(lambda: expired() >= len(sessions), "every idle session is expired")
        # Two more sweeps on each replica: a second expiry of any session would show by then.
        runs = [metric(cluster.metrics(i), "content_library_reaper_runs_total") for i in range(2)]
        wait_for(lambda: all(metric(cluster.metrics(i), "content_library_reaper_runs_total") >= runs[i] + 2 for i in range(2)),
                 "two more sweeps on each replica")
        assert expired() == len(sessions)
        for i in range(2):
            assert metric(cluster.metrics(i), "content_library_update_sessions", state="ERROR") == len(sessions)
        for session in sessions:
            info = admin.call("GET", f"{SESSIONS}/{session}")
            assert info["state"] == "ERROR", info
            assert "expired" in info["error_message"]["default_message"], info
    finally:
        cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)


def test_a_download_served_by_a_shows_its_progress_on_b(cluster):
    a, b = cluster.replicas
    admin = Rest(cluster.base)
    item = new_item(admin, "downloaded")
    session = admin.call("POST", SESSIONS, {"library_item_id": item})
    content = random.Random(17).randbytes(300_000)
    info = admin.call("POST", f"{SESSIONS}/{session}/file", {"name": "payload.bin", "source_type": "PUSH", "size": len(content)})
    assert requests.put(info["upload_endpoint"]["uri"], data=content, timeout=60).status_code == 200
    admin.call("POST", f"{SESSIONS}/{session}", action="complete")
    downloads = API + "/content/library/item/download-session"
    download = admin.call("POST", downloads, {"library_item_id": item})
    prepared = admin.call("POST", f"{downloads}/{download}/file", {"file_name": "payload.bin"}, action="prepare")
    assert prepared["status"] == "PREPARED", prepared
    served = requests.get(rebase(prepared["download_endpoint"]["uri"], a.base), timeout=60)
    assert served.status_code == 200 and served.content == content
    seen = admin.on(b.base).call("GET", f"{downloads}/{download}/file", file_name="payload.bin")
    assert seen["bytes_transferred"] == len(content), seen
