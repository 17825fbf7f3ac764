# SPDX-License-Identifier: Apache-2.0
"""Access over all three dialects (REST `/api`, vAPI JSON-RPC through the official SDK, legacy
`/rest`): an update session belongs to the user who created it, upload URLs die with their
session, logout kills a token, and tokens expire after an idle time.

To another user, even one with every privilege, a session does not exist: every operation on it
answers NotFound (the convention of `UpdateSessionOwnershipTests.swift`, which does not reveal
whether the id exists), lists leave it out, and nothing the intruder tries changes it. Upload URLs
need no token by design (VMware's samples POST to them bare): they are capabilities, so the checks
are that another user cannot obtain one, a guessed one leads nowhere, and every one stops working
when its session ends."""
import os
import shutil
import tempfile
import time
import uuid

import pytest
import requests
from com.vmware.cis_client import Session
from com.vmware.content.library.item.updatesession_client import File as SessionFile
from com.vmware.content.library.item.updatesession_client import WarningBehavior, WarningType
from com.vmware.content.library.item.downloadsession_client import File as DownloadFile
from com.vmware.content.library.item_client import DownloadSession, DownloadSessionModel, UpdateSession, UpdateSessionModel
from com.vmware.vapi.std.errors_client import NotFound, Unauthenticated
from harness import start_server, stop_server
from test_sdk_jsonrpc import login as sdk_login
from test_sdk_jsonrpc import stub_config
from vmware.vapi.security.session import create_session_security_context

API = "/api"
SESSIONS = API + "/content/library/item/update-session"
LEGACY = "/rest/com/vmware"
LEGACY_SESSIONS = LEGACY + "/content/library/item/update-session"
LEGACY_FILES = LEGACY + "/content/library/item/updatesession/file"
INTRUDER = ("alice@vsphere.local", "alice-secret")  # every privilege, but not the owner


# MARK: clients

def rest_login(server, user, password):
    response = requests.post(server.base + API + "/session", auth=(user, password), timeout=10)
    assert response.status_code == 201, response.text
    return response.json()


def legacy_login(server, user, password):
    response = requests.post(server.base + LEGACY + "/cis/session", auth=(user, password),
                             headers={"vmware-use-header-authn": "true"}, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()["value"]


def rest(server, token, method, path, body=None, **params):
    return requests.request(method, server.base + path, json=body, params=params or None,
                            headers={"vmware-api-session-id": token}, timeout=10)


def legacy(server, token, method, path, body=None):
    headers = {"vmware-api-session-id": token, "Accept": "application/json"}
    if method in ("POST", "PATCH"):
        headers["Content-Type"] = "application/json"
    return requests.request(method, server.base + path, json=body, headers=headers, timeout=10)


def sdk(server, token):
    """A session-id stub configuration of the SDK (JSON-RPC) for `token`."""
    return stub_config(server, create_session_security_context(token))


def assert_rest_error(response, status, error_type):
    assert response.status_code == status, f"{response.request.method} {response.url}: {response.status_code} {response.text}"
    assert response.json()["error_type"] == error_type, response.text


def assert_legacy_error(response, status, name):
    assert response.status_code == status, f"{response.request.method} {response.url}: {response.status_code} {response.text}"
    body = response.json()
    assert body["type"] == "com.vmware.vapi.std.errors." + name, body
    assert body["value"]["error_type"] == name.upper(), body


# MARK: a session of the administrator

@pytest.fixture(scope="module")
def owner(server):
    return rest_login(server, server.admin, server.password)


def new_session(server, token, name=None):
    """A library item of the administrator with an ACTIVE session; returns (item, session)."""
    library = rest(server, token, "POST", API + "/content/local-library", {
        "name": name or "access-" + uuid.uuid4().hex[:8],
        "storage_backings": [{"type": "DATASTORE", "datastore_id": "datastore-1"}]}).json()
    item = rest(server, token, "POST", API + "/content/library/item", {"library_id": library, "name": "item"}).json()
    response = rest(server, token, "POST", SESSIONS, {"library_item_id": item})
    assert response.status_code == 201, response.text
    return item, response.json()


@pytest.fixture
def victim(server, owner):
    """An ACTIVE session of the administrator with one PUSH file waiting and client_progress 10."""
    item, session = new_session(server, owner)
    added = rest(server, owner, "POST", f"{SESSIONS}/{session}/file", {"name": "a.bin", "source_type": "PUSH", "size": 3})
    assert added.status_code == 201, added.text
    assert rest(server, owner, "POST", f"{SESSIONS}/{session}", {"client_progress": 10}, action="keep-alive").status_code == 204
    return {"item": item, "session": session, "uri": added.json()["upload_endpoint"]["uri"]}


def assert_untouched(server, owner, victim):
    """The owner still sees the session as it was: ACTIVE, same progress, no warning_behavior,
    its one file still waiting with no bytes, and no file added."""
    model = rest(server, owner, "GET", f"{SESSIONS}/{victim['session']}").json()
    assert model["state"] == "ACTIVE" and model["client_progress"] == 10, model
    assert model.get("warning_behavior", []) == [], model
    files = rest(server, owner, "GET", f"{SESSIONS}/{victim['session']}/file").json()
    assert [(f["name"], f["status"], f["bytes_transferred"]) for f in files] == [("a.bin", "WAITING_FOR_TRANSFER", 0)], files
    assert rest(server, owner, "GET", SESSIONS).json().count(victim["session"]) == 1


def forged(uri):
    """The upload URL with another well-formed 128-bit token: a guess."""
    head, name = uri.rsplit("/", 1)
    return head.rsplit("/", 1)[0] + "/" + uuid.uuid4().hex + "/" + name


def assert_upload_refused(uri):
    """PUT and HEAD on an upload URL answer 404 NOT_FOUND (the URL leads nowhere)."""
    put = requests.put(uri, data=b"abc", timeout=10)
    assert_rest_error(put, 404, "NOT_FOUND")
    assert requests.head(uri, timeout=10).status_code == 404


# MARK: another user's session

def test_rest_another_users_session_does_not_exist(server, owner, victim):
    """REST `/api`: list leaves it out; get, update, keep-alive, complete, cancel, fail, delete and
    every file operation answer 404 NOT_FOUND; the session is unchanged."""
    token = rest_login(server, *INTRUDER)
    session, base = victim["session"], f"{SESSIONS}/{victim['session']}"
    assert session not in rest(server, token, "GET", SESSIONS).json()
    assert rest(server, token, "GET", SESSIONS, library_item_id=victim["item"]).json() == []
    for method, path, body, params in [
        ("GET", base, None, {}),
        ("PATCH", base, {"warning_behavior": [{"type": "SELF_SIGNED_CERTIFICATE", "ignored": True}]}, {}),
        ("POST", base, {"client_progress": 99}, {"action": "keep-alive"}),
        ("POST", base, None, {"action": "complete"}),
        ("POST", base, None, {"action": "cancel"}),
        ("POST", base, {"client_error_message": "no"}, {"action": "fail"}),
        ("DELETE", base, None, {}),
        ("GET", base + "/file", None, {}),
        ("GET", base + "/file/a.bin", None, {}),
        ("POST", base + "/file", {"name": "b.bin", "source_type": "PUSH"}, {}),
        ("DELETE", base + "/file/a.bin", None, {}),
        ("POST", base + "/file", None, {"action": "validate"}),
    ]:
        assert_rest_error(rest(server, token, method, path, body, **params), 404, "NOT_FOUND")
    assert_upload_refused(forged(victim["uri"]))
    assert_untouched(server, owner, victim)


def test_legacy_another_users_session_does_not_exist(server, owner, victim):
    """Legacy `/rest`, as govc sends it: the same operations answer 404 not_found."""
    token = legacy_login(server, *INTRUDER)
    session = victim["session"]
    listed = legacy(server, token, "GET", LEGACY_SESSIONS)
    assert listed.status_code == 200 and session not in listed.json()["value"]
    by_item = legacy(server, token, "GET", f"{LEGACY_SESSIONS}?library_item_id={victim['item']}")
    assert by_item.status_code == 200 and by_item.json()["value"] == []
    one = f"{LEGACY_SESSIONS}/id:{session}"
    files = f"{LEGACY_FILES}/id:{session}"
    for method, path, body in [
        ("GET", one, None),
        ("PATCH", one, {"update_spec": {"warning_behavior": [{"type": "SELF_SIGNED_CERTIFICATE", "ignored": True}]}}),
        ("POST", one + "?~action=keep-alive", {"client_progress": 99}),
        ("POST", one + "?~action=complete", None),
        ("POST", one + "?~action=cancel", None),
        ("POST", one + "?~action=fail", {"client_error_message": "no"}),
        ("DELETE", one, None),
        ("GET", f"{LEGACY_FILES}?update_session_id={session}", None),
        ("POST", files + "?~action=get", {"file_name": "a.bin"}),
        ("POST", files + "?~action=add", {"file_spec": {"name": "b.bin", "source_type": "PUSH"}}),
        ("POST", files + "?~action=remove", {"file_name": "a.bin"}),
        ("POST", files + "?~action=validate", None),
    ]:
        assert_legacy_error(legacy(server, token, method, path, body), 404, "not_found")
    assert_untouched(server, owner, victim)


def test_jsonrpc_another_users_session_does_not_exist(server, owner, victim):
    """JSON-RPC through the official SDK: every call raises NotFound; list leaves it out."""
    _, config = sdk_login(server, *INTRUDER)
    sessions, files, session = UpdateSession(config), SessionFile(config), victim["session"]
    assert session not in sessions.list()
    assert sessions.list(library_item_id=victim["item"]) == []
    ignored = [WarningBehavior(type=WarningType.SELF_SIGNED_CERTIFICATE, ignored=True)]
    for call in [
        lambda: sessions.get(update_session_id=session),
        lambda: sessions.update(update_session_id=session, update_spec=UpdateSessionModel(warning_behavior=ignored)),
        lambda: sessions.keep_alive(update_session_id=session, client_progress=99),
        lambda: sessions.complete(update_session_id=session),
        lambda: sessions.cancel(update_session_id=session),
        lambda: sessions.fail(update_session_id=session, client_error_message="no"),
        lambda: sessions.delete(update_session_id=session),
        lambda: files.list(update_session_id=session),
        lambda: files.get(update_session_id=session, file_name="a.bin"),
        lambda: files.add(update_session_id=session, file_spec=SessionFile.AddSpec(name="b.bin", source_type=SessionFile.SourceType.PUSH)),
        lambda: files.remove(update_session_id=session, file_name="a.bin"),
        lambda: files.validate(update_session_id=session),
    ]:
        with pytest.raises(NotFound):
            call()
    assert_untouched(server, owner, victim)


def test_a_finished_session_of_another_user_cannot_be_read_or_deleted(server, owner):
    """Once ended, the session still belongs to its owner: get and delete answer NotFound to
    anyone else in every dialect, and the owner can still delete it."""
    _, session = new_session(server, owner)
    assert rest(server, owner, "POST", f"{SESSIONS}/{session}", action="cancel").status_code == 204
    assert_rest_error(rest(server, rest_login(server, *INTRUDER), "DELETE", f"{SESSIONS}/{session}"), 404, "NOT_FOUND")
    assert_legacy_error(legacy(server, legacy_login(server, *INTRUDER), "DELETE", f"{LEGACY_SESSIONS}/id:{session}"), 404, "not_found")
    _, config = sdk_login(server, *INTRUDER)
    with pytest.raises(NotFound):
        UpdateSession(config).get(update_session_id=session)
    with pytest.raises(NotFound):
        UpdateSession(config).delete(update_session_id=session)
    assert rest(server, owner, "GET", f"{SESSIONS}/{session}").json()["state"] == "CANCELED"
    assert rest(server, owner, "DELETE", f"{SESSIONS}/{session}").status_code == 204


# MARK: another user's download session

DOWNLOADS = API + "/content/library/item/download-session"
LEGACY_DOWNLOADS = LEGACY + "/content/library/item/download-session"
LEGACY_DOWNLOAD_FILES = LEGACY + "/content/library/item/downloadsession/file"


@pytest.fixture
def download(server, owner):
    """An ACTIVE download session of the administrator on an item with one file, prepared."""
    item, session = new_session(server, owner)
    uri = rest(server, owner, "POST", f"{SESSIONS}/{session}/file", {"name": "a.bin", "source_type": "PUSH", "size": 3}).json()
    assert requests.put(uri["upload_endpoint"]["uri"], data=b"abc").status_code == 200
    assert rest(server, owner, "POST", f"{SESSIONS}/{session}", action="complete").status_code == 204
    created = rest(server, owner, "POST", DOWNLOADS, {"library_item_id": item})
    assert created.status_code == 201, created.text
    prepared = rest(server, owner, "POST", f"{DOWNLOADS}/{created.json()}/file", {"file_name": "a.bin"}, action="prepare").json()
    return {"item": item, "session": created.json(), "uri": prepared["download_endpoint"]["uri"]}


def assert_download_untouched(server, owner, download):
    model = rest(server, owner, "GET", f"{DOWNLOADS}/{download['session']}").json()
    assert model["state"] == "ACTIVE" and model["client_progress"] == 0, model
    assert requests.get(download["uri"], timeout=10).content == b"abc"


def test_another_users_download_session_does_not_exist_in_any_dialect(server, owner, download):
    """REST, legacy `/rest` and JSON-RPC: lists leave it out, every operation answers NotFound,
    and the session and its URL are as they were."""
    session, base = download["session"], f"{DOWNLOADS}/{download['session']}"
    token = rest_login(server, *INTRUDER)
    assert session not in rest(server, token, "GET", DOWNLOADS).json()
    for method, path, body, params in [
        ("GET", base, None, {}),
        ("POST", base, {"progress": 99}, {"action": "keep-alive"}),
        ("POST", base, None, {"action": "cancel"}),
        ("POST", base, {"client_error_message": "no"}, {"action": "fail"}),
        ("DELETE", base, None, {}),
        ("GET", base + "/file", None, {}),
        ("GET", base + "/file", None, {"file_name": "a.bin"}),
        ("POST", base + "/file", {"file_name": "a.bin"}, {"action": "prepare"}),
    ]:
        assert_rest_error(rest(server, token, method, path, body, **params), 404, "NOT_FOUND")
    token = legacy_login(server, *INTRUDER)
    assert session not in legacy(server, token, "GET", LEGACY_DOWNLOADS).json()["value"]
    one, files = f"{LEGACY_DOWNLOADS}/id:{session}", f"{LEGACY_DOWNLOAD_FILES}/id:{session}"
    for method, path, body in [
        ("GET", one, None),
        ("POST", one + "?~action=cancel", None),
        ("DELETE", one, None),
        ("GET", f"{LEGACY_DOWNLOAD_FILES}?download_session_id={session}", None),
        ("POST", files + "?~action=prepare", {"file_name": "a.bin"}),
    ]:
        assert_legacy_error(legacy(server, token, method, path, body), 404, "not_found")
    _, config = sdk_login(server, *INTRUDER)
    sessions, files = DownloadSession(config), DownloadFile(config)
    assert session not in sessions.list()
    for call in [
        lambda: sessions.get(download_session_id=session),
        lambda: sessions.keep_alive(download_session_id=session, progress=99),
        lambda: sessions.cancel(download_session_id=session),
        lambda: sessions.delete(download_session_id=session),
        lambda: files.list(download_session_id=session),
        lambda: files.prepare(download_session_id=session, file_name="a.bin"),
    ]:
        with pytest.raises(NotFound):
            call()
    assert_download_untouched(server, owner, download)


@pytest.mark.parametrize("ending", ["cancel", "fail", "delete"])
def test_download_urls_are_dead_after_the_session_ends(server, owner, download, ending):
    base = f"{DOWNLOADS}/{download['session']}"
    if ending == "delete":
        assert rest(server, owner, "DELETE", base).status_code == 204
    else:
        assert rest(server, owner, "POST", base, {"client_error_message": "done"} if ending == "fail" else None, action=ending).status_code == 204
    assert_rest_error(requests.get(download["uri"], timeout=10), 404, "NOT_FOUND")
    assert requests.head(download["uri"], timeout=10).status_code == 404


# MARK: upload URLs after the session

@pytest.mark.parametrize("ending", ["cancel", "fail", "complete"])
def test_upload_urls_are_dead_after_the_session_ends(server, owner, ending):
    """After cancel, fail or complete, PUT, a resumed piece and HEAD on the session's upload URLs
    answer 404 NOT_FOUND, and nothing they send reaches the item. Each ending is sent in another
    dialect, since all three end the session the same way."""
    item, session = new_session(server, owner)
    add = lambda name: rest(server, owner, "POST", f"{SESSIONS}/{session}/file",  # noqa: E731
                            {"name": name, "source_type": "PUSH", "size": 6}).json()["upload_endpoint"]["uri"]
    done, partial = add("done.bin"), add("partial.bin")
    assert requests.put(done, data=b"v1-abc", timeout=10).status_code == 200
    piece = requests.put(partial, data=b"v1-", headers={"Content-Range": "bytes 0-2/6"}, timeout=10)
    assert piece.status_code == 200 and piece.headers["Upload-Offset"] == "3", piece.text
    if ending == "cancel":
        token = legacy_login(server, server.admin, server.password)
        assert legacy(server, token, "POST", f"{LEGACY_SESSIONS}/id:{session}?~action=cancel").status_code == 200
    elif ending == "fail":
        _, config = sdk_login(server, server.admin, server.password)
        UpdateSession(config).fail(update_session_id=session, client_error_message="given up")
    else:
        assert requests.put(partial, data=b"abc", headers={"Content-Range": "bytes 3-5/6"}, timeout=10).status_code == 200
        assert rest(server, owner, "POST", f"{SESSIONS}/{session}", action="complete").status_code == 204
    state = rest(server, owner, "GET", f"{SESSIONS}/{session}").json()["state"]
    assert state == {"cancel": "CANCELED", "fail": "ERROR", "complete": "DONE"}[ending]
    for uri in (done, partial):
        assert_upload_refused(uri)
        resumed = requests.put(uri, data=b"xyz", headers={"Content-Range": "bytes 3-5/6"}, timeout=10)
        assert_rest_error(resumed, 404, "NOT_FOUND")
    stored = rest(server, owner, "GET", f"{API}/content/library/item/{item}/file").json()
    if ending == "complete":
        assert sorted((f["name"], f["size"]) for f in stored) == [("done.bin", 6), ("partial.bin", 6)]
        for f in rest(server, owner, "GET", f"{API}/content/library/item/{item}/storage").json():
            with open(f["storage_uris"][0][len("file://"):], "rb") as blob:
                assert blob.read() == b"v1-abc"
    else:
        assert stored == []


# MARK: logout and idle tokens

def dialect_checks(server, token):
    """Whether `token` is accepted by REST, legacy and JSON-RPC: a dict of dialect → True, or the
    error kind each answered (401 UNAUTHENTICATED / unauthenticated / Unauthenticated)."""
    result = {}
    answer = rest(server, token, "GET", SESSIONS)
    if answer.status_code == 200:
        result["rest"] = True
    else:
        assert_rest_error(answer, 401, "UNAUTHENTICATED")
        result["rest"] = False
    answer = legacy(server, token, "GET", LEGACY_SESSIONS)
    if answer.status_code == 200:
        result["legacy"] = True
    else:
        assert_legacy_error(answer, 401, "unauthenticated")
        result["legacy"] = False
    try:
        UpdateSession(sdk(server, token)).list()
        result["jsonrpc"] = True
    except Unauthenticated:
        result["jsonrpc"] = False
    return result


ALIVE = {"rest": True, "legacy": True, "jsonrpc": True}
DEAD = {"rest": False, "legacy": False, "jsonrpc": False}


def test_logout_kills_the_token_in_every_dialect(server):
    """Logging out in any dialect ends that token for all three at once; the user's other tokens
    live on."""
    user = INTRUDER
    other = rest_login(server, *user)

    token = rest_login(server, *user)
    assert dialect_checks(server, token) == ALIVE
    assert rest(server, token, "DELETE", API + "/session").status_code == 204
    assert dialect_checks(server, token) == DEAD

    token = legacy_login(server, *user)
    assert dialect_checks(server, token) == ALIVE
    assert legacy(server, token, "DELETE", LEGACY + "/cis/session").status_code == 200
    assert dialect_checks(server, token) == DEAD

    token, config = sdk_login(server, *user)
    assert dialect_checks(server, token) == ALIVE
    Session(config).delete()
    assert dialect_checks(server, token) == DEAD
    with pytest.raises(Unauthenticated):
        Session(config).get()

    assert dialect_checks(server, other) == ALIVE


@pytest.fixture(scope="module")
def idle_server(binary):
    """A server whose API tokens expire after 2 idle seconds (`--api-session-timeout 2`)."""
    data = tempfile.mkdtemp(prefix="content-library-access-")
    running = start_server(binary, os.path.join(data, "data"), users=[(*INTRUDER, [])],
                           extra_args=["--api-session-timeout", "2"])
    yield running
    stop_server(running)
    shutil.rmtree(data, ignore_errors=True)


def test_tokens_expire_after_the_idle_time(idle_server):
    """A token left idle 3 s is refused as Unauthenticated in every dialect, whichever dialect
    made it; a token used every second meanwhile stays alive; a new login works again."""
    server = idle_server
    idle = [rest_login(server, *INTRUDER), legacy_login(server, *INTRUDER), sdk_login(server, *INTRUDER)[0]]
    busy = rest_login(server, *INTRUDER)
    started = time.time()
    while time.time() - started < 3.2:
        assert rest(server, busy, "GET", SESSIONS).status_code == 200
        time.sleep(1)
    for token in idle:
        assert dialect_checks(server, token) == DEAD
    assert dialect_checks(server, busy) == ALIVE
    assert dialect_checks(server, rest_login(server, *INTRUDER)) == ALIVE
