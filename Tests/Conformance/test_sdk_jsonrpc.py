# SPDX-License-Identifier: Apache-2.0
"""The official VMware Python SDK in its default dialect, vAPI JSON-RPC 2.0 at `POST /api`.

Every call goes through the unchanged 9.1.1 bindings, so a response the bindings reject (a missing
tag, a union rule broken, a wrong error class) fails the test with the SDK's own exception.
"""
import hashlib
import os
import shutil
import tempfile
import time
import urllib.request
import uuid

import pytest
import requests
from com.vmware.cis_client import Session
from com.vmware.content.library.item.downloadsession_client import File as DownloadFile
from com.vmware.content.library.item.updatesession_client import File as SessionFile
from com.vmware.content.library.item.updatesession_client import PreviewInfo, WarningBehavior, WarningType
from com.vmware.content.library.item_client import TransferEndpoint
from com.vmware.content.library.item_client import File as ItemFile
from com.vmware.content.library.item_client import DownloadSession, DownloadSessionModel
from com.vmware.content.library.item_client import Storage, UpdateSession, UpdateSessionModel
from com.vmware.content.library_client import Item, ItemModel, StorageBacking
from com.vmware.content.library.item_client import CertVerificationStatus
from com.vmware.content_client import Library, LibraryModel, LocalLibrary, SecurityPolicies, SecurityRuleType, Type
from com.vmware.vapi.std.errors_client import (
    AlreadyExists, InvalidArgument, NotAllowedInCurrentState, NotFound, ResourceBusy, Unauthenticated, Unauthorized)
from conftest import fixture_path
from harness import Source, self_signed_certificate
from vmware.vapi.lib.connect import get_requests_connector
from vmware.vapi.security.client.security_context_filter import LegacySecurityContextFilter
from vmware.vapi.security.session import create_session_security_context
from vmware.vapi.security.user_password import create_user_password_security_context
from vmware.vapi.stdlib.client.factories import StubConfigurationFactory

SELF_SIGNED = ("pkg.mf", "pkg.cert", "pkg.ovf", "disk1.vmdk")


def stub_config(server, security_context):
    """A stub configuration speaking JSON-RPC (the SDK default) to the server's `/api`."""
    connector = get_requests_connector(
        session=requests.Session(), msg_protocol="json", url=server.base + "/api",
        provider_filter_chain=[LegacySecurityContextFilter(security_context=security_context)])
    return StubConfigurationFactory.new_std_configuration(connector)


def login(server, user, password):
    """Logs in with a user/password context and returns (token, a session-id stub configuration)."""
    token = Session(stub_config(server, create_user_password_security_context(user, password))).create()
    return token, stub_config(server, create_session_security_context(token))


def upload(uri, path):
    """Uploads a file as VMware's sample does: POST, no session header, Content-Type text/ovf."""
    with open(path, "rb") as f:
        request = urllib.request.Request(uri, data=f.read(), method="POST", headers={"Content-Type": "text/ovf"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert 200 <= response.status < 300


def wait_for(predicate, what, timeout=20.0):
    """Polls `predicate` until it returns a true value; fails after `timeout` seconds."""
    deadline = time.time() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.time() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.05)


@pytest.fixture(scope="module")
def admin(server):
    """A session-id stub configuration of the administrator."""
    return login(server, server.admin, server.password)[1]


@pytest.fixture(scope="module")
def library(admin):
    """A local library on the default datastore."""
    spec = LibraryModel(
        name="jsonrpc-lib-" + uuid.uuid4().hex[:8], description="JSON-RPC conformance", type=LibraryModel.LibraryType.LOCAL,
        storage_backings=[StorageBacking(type=StorageBacking.Type.DATASTORE, datastore_id="datastore-1")])
    return LocalLibrary(admin).create(create_spec=spec, client_token=str(uuid.uuid4()))


def new_item(admin, library, item_type=None):
    """Creates an item with a unique name in `library`."""
    spec = ItemModel(library_id=library, name="item-" + uuid.uuid4().hex[:8], description="", type=item_type)
    return Item(admin).create(create_spec=spec, client_token=str(uuid.uuid4()))


def push(admin, session_id, path):
    """Adds `path` as a PUSH file and uploads its bytes to the returned endpoint."""
    spec = SessionFile.AddSpec(name=os.path.basename(path), source_type=SessionFile.SourceType.PUSH, size=os.path.getsize(path))
    info = SessionFile(admin).add(update_session_id=session_id, file_spec=spec)
    assert info.status == "WAITING_FOR_TRANSFER" and info.upload_endpoint is not None and info.source_endpoint is None
    upload(info.upload_endpoint.uri, path)
    return info


def test_login_returns_a_token_the_session_service_knows(server):
    """Session.create with a user/password context returns the token; get and delete use it."""
    token, config = login(server, server.admin, server.password)
    assert isinstance(token, str) and token
    info = Session(config).get()
    assert info.user == server.admin and info.created_time <= info.last_accessed_time
    Session(config).delete()
    with pytest.raises(Unauthenticated):
        Session(config).get()


def test_libraries_and_items_round_trip(admin, library):
    """LocalLibrary, Library and Item create/get/list/find/update/delete through the bindings."""
    assert library in LocalLibrary(admin).list() and library in Library(admin).list()
    model = LocalLibrary(admin).get(library_id=library)
    assert model.id == library and model.type == LibraryModel.LibraryType.LOCAL
    assert model.storage_backings[0].datastore_id == "datastore-1"
    assert Library(admin).get(library_id=library).name == model.name
    assert Library(admin).find(spec=Library.FindSpec(name=model.name)) == [library]
    LocalLibrary(admin).update(library_id=library, update_spec=LibraryModel(description="changed"))
    assert LocalLibrary(admin).get(library_id=library).description == "changed"
    item = new_item(admin, library, "iso")
    got = Item(admin).get(library_item_id=item)
    assert got.library_id == library and got.type == "iso" and got.cached is not None
    assert item in Item(admin).list(library_id=library)
    assert Item(admin).find(spec=Item.FindSpec(name=got.name, library_id=library)) == [item]
    Item(admin).update(library_item_id=item, update_spec=ItemModel(description="described"))
    assert Item(admin).get(library_item_id=item).description == "described"
    assert ItemFile(admin).list(library_item_id=item) == []
    assert Storage(admin).list(library_item_id=item) == []
    Item(admin).delete(library_item_id=item)
    assert item not in Item(admin).list(library_id=library)


def test_type_list_names_the_adapters(admin):
    """Type.list returns the registered adapters with every required field."""
    types = {t.type: t for t in Type(admin).list()}
    assert {"ovf", "iso"} <= set(types)
    assert all(t.name and t.vendor and t.version for t in types.values())
    # This server's extension, warning_types, reaches the SDK as an extra field it keeps aside.
    ovf_warnings = types["ovf"]._get_extra_fields()["warning_types"].value  # an OptionalValue of a ListValue
    assert "SELF_SIGNED_CERTIFICATE" in {w.get_field("type").value for w in ovf_warnings}


def test_validate_gives_the_line_of_an_invalid_file_as_a_message_parameter(admin, library):
    """An invalid file's message carries its place as the standard vAPI message parameters."""
    item = new_item(admin, library, "ovf")
    session_id = UpdateSession(admin).create(create_spec=UpdateSessionModel(library_item_id=item))
    push(admin, session_id, fixture_path("ovf", "invalid", "OVF-REF-002.ovf"))
    result = wait_for(lambda: (r := SessionFile(admin).validate(update_session_id=session_id)).invalid_files and r,
                      "validate names the invalid descriptor")
    message = result.invalid_files[0].error_message
    assert message.id == "com.vmware.content.library.validation.ovf_ref_002"
    assert message.params["line"].i == 7 and message.params["file"].s == "OVF-REF-002.ovf"
    UpdateSession(admin).cancel(update_session_id=session_id)


def test_signed_ovf_import_with_preview_and_ignored_warnings(admin, library):
    """VMware's content_update sample flow: upload, preview AVAILABLE, ignore warnings, complete."""
    item = new_item(admin, library, "ovf")
    before = int(Item(admin).get(library_item_id=item).content_version)
    sessions = UpdateSession(admin)
    session_id = sessions.create(create_spec=UpdateSessionModel(library_item_id=item), client_token=str(uuid.uuid4()))
    for name in SELF_SIGNED:
        push(admin, session_id, fixture_path("cert", "self-signed", name))
    preview = wait_for(
        lambda: (p := sessions.get(update_session_id=session_id).preview_info) and p.state == PreviewInfo.State.AVAILABLE and p,
        "preview AVAILABLE")
    assert preview.certificate_info is not None and preview.certificate_info.self_signed
    assert {w.type for w in preview.warnings} & {WarningType.SELF_SIGNED_CERTIFICATE, WarningType.UNTRUSTED_CERTIFICATE}
    files = {f.name: f for f in SessionFile(admin).list(update_session_id=session_id)}
    assert set(files) == set(SELF_SIGNED)
    wait_for(lambda: all(f.status == "READY" for f in SessionFile(admin).list(update_session_id=session_id)), "files READY")
    assert SessionFile(admin).get(update_session_id=session_id, file_name="pkg.mf").keep_in_storage is False
    assert not SessionFile(admin).validate(update_session_id=session_id).has_errors
    ignored = [WarningBehavior(type=WarningType.SELF_SIGNED_CERTIFICATE, ignored=True),
               WarningBehavior(type=WarningType.UNTRUSTED_CERTIFICATE, ignored=True)]
    sessions.update(update_session_id=session_id, update_spec=UpdateSessionModel(warning_behavior=ignored))
    sessions.complete(update_session_id=session_id)
    done = wait_for(lambda: (s := sessions.get(update_session_id=session_id)).state != UpdateSessionModel.State.ACTIVE and s,
                    "session finished")
    assert done.state == UpdateSessionModel.State.DONE, done.error_message
    assert done.preview_info is None
    assert sorted(f.name for f in ItemFile(admin).list(library_item_id=item)) == ["disk1.vmdk", "pkg.ovf"]
    assert ItemFile(admin).get(library_item_id=item, name="pkg.ovf").size == os.path.getsize(
        fixture_path("cert", "self-signed", "pkg.ovf"))
    assert int(Item(admin).get(library_item_id=item).content_version) > before
    sessions.delete(update_session_id=session_id)


def test_iso_import(admin, library):
    """A one-file ISO import ends DONE with the file in the item and its storage."""
    item = new_item(admin, library, "iso")
    sessions = UpdateSession(admin)
    session_id = sessions.create(create_spec=UpdateSessionModel(library_item_id=item))
    push(admin, session_id, fixture_path("iso", "plain.iso"))
    sessions.complete(update_session_id=session_id)
    done = wait_for(lambda: (s := sessions.get(update_session_id=session_id)).state != UpdateSessionModel.State.ACTIVE and s,
                    "session finished")
    assert done.state == UpdateSessionModel.State.DONE, done.error_message
    assert [f.name for f in ItemFile(admin).list(library_item_id=item)] == ["plain.iso"]
    stored = Storage(admin).get(library_item_id=item, file_name="plain.iso")
    assert stored and stored[0].storage_backing.datastore_id == "datastore-1" and stored[0].storage_uris


def test_download_session_serves_the_uploaded_bytes(admin, library):
    """A download session through the bindings: create, list the files, prepare one, poll it to
    PREPARED, fetch it from its endpoint; the bytes match the SHA-256 the server reports and the
    one of the uploaded file. Then keep-alive, cancel (the URL dies) and delete."""
    item = new_item(admin, library, "iso")
    sessions = UpdateSession(admin)
    session_id = sessions.create(create_spec=UpdateSessionModel(library_item_id=item))
    path = fixture_path("iso", "plain.iso")
    push(admin, session_id, path)
    sessions.complete(update_session_id=session_id)
    wait_for(lambda: sessions.get(update_session_id=session_id).state == UpdateSessionModel.State.DONE, "session done")

    downloads = DownloadSession(admin)
    download = downloads.create(create_spec=DownloadSessionModel(library_item_id=item), client_token=str(uuid.uuid4()))
    model = downloads.get(download_session_id=download)
    assert model.state == DownloadSessionModel.State.ACTIVE and model.library_item_id == item
    assert model.library_item_content_version == Item(admin).get(library_item_id=item).content_version
    assert download in downloads.list(library_item_id=item)
    files = DownloadFile(admin)
    listed = files.list(download_session_id=download)
    assert [(f.name, f.status) for f in listed] == [("plain.iso", DownloadFile.PrepareStatus.UNPREPARED)]
    assert listed[0].download_endpoint is None
    files.prepare(download_session_id=download, file_name="plain.iso", endpoint_type=DownloadFile.EndpointType.HTTPS)
    info = wait_for(lambda: (f := files.get(download_session_id=download, file_name="plain.iso")).status
                    == DownloadFile.PrepareStatus.PREPARED and f, "file prepared")
    with open(path, "rb") as f:
        expected = hashlib.sha256(f.read()).hexdigest()
    assert info.checksum_info.algorithm == "SHA256" and info.checksum_info.checksum == expected
    assert info.size == os.path.getsize(path)
    with urllib.request.urlopen(info.download_endpoint.uri, timeout=30) as response:
        assert hashlib.sha256(response.read()).hexdigest() == expected
    assert files.get(download_session_id=download, file_name="plain.iso").bytes_transferred == info.size

    downloads.keep_alive(download_session_id=download, progress=100)
    assert downloads.get(download_session_id=download).client_progress == 100
    downloads.cancel(download_session_id=download)
    assert downloads.get(download_session_id=download).state == DownloadSessionModel.State.CANCELED
    assert requests.get(info.download_endpoint.uri).status_code == 404
    with pytest.raises(NotAllowedInCurrentState):
        files.prepare(download_session_id=download, file_name="plain.iso")
    downloads.delete(download_session_id=download)
    with pytest.raises(NotFound):
        downloads.get(download_session_id=download)


def test_pull_from_a_pinned_https_source(admin, library):
    """File.add with source_type PULL and a pinned SHA-256 thumbprint, as the SDK sends it: the
    server fetches the file, bytes_transferred reaches the size, complete ends DONE."""
    folder = tempfile.mkdtemp(prefix="content-library-sdk-pull-")
    try:
        data = os.urandom(3 << 20)
        with open(os.path.join(folder, "tools.iso"), "wb") as f:
            f.write(data)
        context, _, thumbprint, _ = self_signed_certificate(folder)
        source = Source(folder, context)
        try:
            item = new_item(admin, library)
            sessions = UpdateSession(admin)
            session_id = sessions.create(create_spec=UpdateSessionModel(library_item_id=item))
            endpoint = TransferEndpoint(uri=source.url("/tools.iso"), ssl_certificate_thumbprint=thumbprint)
            spec = SessionFile.AddSpec(name="tools.iso", source_type=SessionFile.SourceType.PULL, source_endpoint=endpoint,
                                       size=len(data), checksum_info=None)
            added = SessionFile(admin).add(update_session_id=session_id, file_spec=spec)
            assert added.upload_endpoint is None and added.source_endpoint.uri == endpoint.uri
            ready = wait_for(lambda: (f := SessionFile(admin).get(update_session_id=session_id, file_name="tools.iso"))
                             .status in ("READY", "ERROR") and f, "pull finished")
            assert ready.status == "READY", ready.error_message
            assert ready.bytes_transferred == len(data) and ready.size == len(data)
            assert ready.checksum_info.checksum == hashlib.sha256(data).hexdigest()
            sessions.complete(update_session_id=session_id)
            done = wait_for(lambda: (m := sessions.get(update_session_id=session_id)).state != UpdateSessionModel.State.ACTIVE and m,
                            "session finished")
            assert done.state == UpdateSessionModel.State.DONE, done.error_message
            assert [f.name for f in ItemFile(admin).list(library_item_id=item)] == ["tools.iso"]
        finally:
            source.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_keep_alive_fail_cancel_delete_and_list(admin, library):
    """The session lifecycle operations other than complete, and list by item."""
    item = new_item(admin, library)
    sessions = UpdateSession(admin)
    first = sessions.create(create_spec=UpdateSessionModel(library_item_id=item))
    sessions.keep_alive(update_session_id=first, client_progress=40)
    sessions.keep_alive(update_session_id=first)
    assert sessions.get(update_session_id=first).client_progress == 40
    assert sessions.list(library_item_id=item) == [first]
    sessions.fail(update_session_id=first, client_error_message="disk unreadable")
    failed = sessions.get(update_session_id=first)
    assert failed.state == UpdateSessionModel.State.ERROR and failed.error_message.default_message
    second = sessions.create(create_spec=UpdateSessionModel(library_item_id=item))
    sessions.cancel(update_session_id=second)
    assert sessions.get(update_session_id=second).state == UpdateSessionModel.State.CANCELED
    sessions.delete(update_session_id=first)
    sessions.delete(update_session_id=second)
    assert sessions.list(library_item_id=item) == []


def test_errors_raise_their_own_class(server, admin, library):
    """Each vAPI error arrives as its own exception class with error_type and messages."""
    item = new_item(admin, library)
    sessions = UpdateSession(admin)
    with pytest.raises(NotFound):
        Item(admin).get(library_item_id=str(uuid.uuid4()))
    with pytest.raises(NotFound):
        sessions.get(update_session_id="no-such-session")
    active = sessions.create(create_spec=UpdateSessionModel(library_item_id=item))
    with pytest.raises(ResourceBusy):
        sessions.create(create_spec=UpdateSessionModel(library_item_id=item))
    with pytest.raises(NotAllowedInCurrentState):
        sessions.delete(update_session_id=active)
    with pytest.raises(InvalidArgument):
        Item(admin).create(create_spec=ItemModel(library_id=library, name=""))
    with pytest.raises(InvalidArgument):
        SessionFile(admin).get(update_session_id=active, file_name="missing.vmdk")
    name = Item(admin).get(library_item_id=item).name
    with pytest.raises(AlreadyExists):
        Item(admin).create(create_spec=ItemModel(library_id=library, name=name))
    sessions.cancel(update_session_id=active)
    with pytest.raises(Unauthenticated):
        Session(stub_config(server, create_user_password_security_context(server.admin, "wrong"))).create()
    with pytest.raises(Unauthenticated):
        Item(stub_config(server, create_session_security_context("bogus"))).list(library_id=library)
    _, reader = login(server, "reader@vsphere.local", "reader-secret")
    with pytest.raises(Unauthorized):
        UpdateSession(reader).create(create_spec=UpdateSessionModel(library_item_id=item))
    e = pytest.raises(NotFound, Item(admin).get, library_item_id="x").value
    assert e.error_type == "NOT_FOUND" and e.messages and e.messages[0].default_message


def test_transport_faults_are_json_rpc_errors(server):
    """Requests that cannot be dispatched get JSON-RPC error codes, still with HTTP 200."""
    def invoke(body):
        """Posts a raw body to /api and returns the JSON reply."""
        reply = requests.post(server.base + "/api", data=body, headers={"Content-Type": "application/json"}, timeout=10)
        assert reply.status_code == 200
        return reply.json()

    unknown = invoke('{"jsonrpc":"2.0","method":"invoke","id":"7","params":{"serviceId":"com.vmware.nope",'
                     '"operationId":"get","input":{"STRUCTURE":{"operation-input":{}}}}}')
    assert unknown["id"] == "7" and unknown["error"]["code"] == -32601
    params = invoke('{"jsonrpc":"2.0","method":"invoke","id":"8","params":{"serviceId":"com.vmware.content.type",'
                    '"operationId":"list","input":{"operation-input":{}}}}')
    assert params["error"]["code"] == -32602
    assert invoke('{"jsonrpc":"1.0","method":"invoke","id":"9","params":{}}')["error"]["code"] == -32600


def test_validate_names_a_missing_disk_and_remove_drops_a_file(admin, library):
    """validate returns missing_files as a set; complete is refused until the disk arrives."""
    item = new_item(admin, library, "ovf")
    sessions = UpdateSession(admin)
    session_id = sessions.create(create_spec=UpdateSessionModel(library_item_id=item))
    for name in ("pkg.mf", "pkg.cert", "pkg.ovf"):
        push(admin, session_id, fixture_path("cert", "self-signed", name))
    result = wait_for(lambda: (r := SessionFile(admin).validate(update_session_id=session_id)).missing_files and r,
                      "validate names the disk")
    assert result.has_errors and result.missing_files == {"disk1.vmdk"} and result.invalid_files == []
    with pytest.raises(NotAllowedInCurrentState):
        sessions.complete(update_session_id=session_id)
    push(admin, session_id, fixture_path("iso", "plain.iso"))
    SessionFile(admin).remove(update_session_id=session_id, file_name="plain.iso")
    assert "plain.iso" not in {f.name for f in SessionFile(admin).list(update_session_id=session_id)}
    assert session_id in sessions.list()
    sessions.cancel(update_session_id=session_id)
    sessions.delete(update_session_id=session_id)


def test_a_library_can_be_deleted(admin):
    """LocalLibrary.delete removes the library; Library.get then raises NotFound."""
    spec = LibraryModel(name="doomed-" + uuid.uuid4().hex[:8], storage_backings=[
        StorageBacking(type=StorageBacking.Type.DATASTORE, datastore_id="datastore-1")])
    doomed = LocalLibrary(admin).create(create_spec=spec)
    LocalLibrary(admin).delete(library_id=doomed)
    assert doomed not in LocalLibrary(admin).list()
    with pytest.raises(NotFound):
        Library(admin).get(library_id=doomed)


def strict_library(admin):
    """A library with the policy whose rule for `ovf` is OVF_STRICT_VERIFICATION, found through the SDK."""
    policies = SecurityPolicies(admin).list()
    strict = [p for p in policies if p.item_type_rules.get("ovf") == SecurityRuleType.OVF_STRICT_VERIFICATION]
    assert strict, policies
    spec = LibraryModel(
        name="strict-" + uuid.uuid4().hex[:8], type=LibraryModel.LibraryType.LOCAL, security_policy_id=strict[0].policy,
        storage_backings=[StorageBacking(type=StorageBacking.Type.DATASTORE, datastore_id="datastore-1")])
    library = LocalLibrary(admin).create(create_spec=spec, client_token=str(uuid.uuid4()))
    assert Library(admin).get(library_id=library).security_policy_id == strict[0].policy
    return library


def test_strict_verification_refuses_a_self_signed_package_even_with_its_warnings_ignored(admin):
    """In a library with the strict policy, complete refuses a self-signed OVF whatever warning_behavior says."""
    item = new_item(admin, strict_library(admin), "ovf")
    before = Item(admin).get(library_item_id=item).content_version
    sessions = UpdateSession(admin)
    ignored = [WarningBehavior(type=WarningType.SELF_SIGNED_CERTIFICATE, ignored=True),
               WarningBehavior(type=WarningType.UNTRUSTED_CERTIFICATE, ignored=True)]
    session_id = sessions.create(create_spec=UpdateSessionModel(library_item_id=item, warning_behavior=ignored))
    for name in SELF_SIGNED:
        push(admin, session_id, fixture_path("cert", "self-signed", name))
    wait_for(lambda: all(f.status == "READY" for f in SessionFile(admin).list(update_session_id=session_id)), "files READY")
    with pytest.raises(NotAllowedInCurrentState) as refused:
        sessions.complete(update_session_id=session_id)
    assert "strict verification" in refused.value.messages[0].default_message
    assert Item(admin).get(library_item_id=item).content_version == before
    sessions.cancel(update_session_id=session_id)


def test_strict_verification_accepts_a_package_signed_by_a_trusted_ca(admin):
    """A package signed by the CA given to --trusted-ca completes; the item shows VERIFIED and its chain."""
    item = new_item(admin, strict_library(admin), "ovf")
    sessions = UpdateSession(admin)
    session_id = sessions.create(create_spec=UpdateSessionModel(library_item_id=item))
    for name in SELF_SIGNED:
        push(admin, session_id, fixture_path("cert", "ca-signed", name))
    wait_for(lambda: all(f.status == "READY" for f in SessionFile(admin).list(update_session_id=session_id)), "files READY")
    sessions.complete(update_session_id=session_id)
    done = wait_for(lambda: (s := sessions.get(update_session_id=session_id)).state != UpdateSessionModel.State.ACTIVE and s,
                    "session finished")
    assert done.state == UpdateSessionModel.State.DONE, done.error_message
    model = Item(admin).get(library_item_id=item)
    assert model.security_compliance is True
    assert model.certificate_verification_info.status == CertVerificationStatus.VERIFIED
    assert model.certificate_verification_info.cert_chain
