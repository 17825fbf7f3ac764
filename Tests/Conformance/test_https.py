# SPDX-License-Identifier: Apache-2.0
"""The server over HTTPS (`serve --tls-certificate --tls-key`), as vCenter is reached: the official
SDK verifies it against a test CA, upload URLs are https, and SIGHUP serves a renewed certificate."""
import os
import shutil
import signal
import ssl
import tempfile
import time
import urllib.request
import uuid

import pytest
import requests
from com.vmware.cis_client import Session
from com.vmware.content.library.item.updatesession_client import File as SessionFile
from com.vmware.content.library.item_client import UpdateSession, UpdateSessionModel
from com.vmware.content.library_client import Item, ItemModel, StorageBacking
from com.vmware.content_client import LibraryModel, LocalLibrary
from harness import ADMIN, PASSWORD, certificate_authority, server_certificate, start_server, stop_server
from vmware.vapi.lib.connect import get_requests_connector
from vmware.vapi.security.client.security_context_filter import LegacySecurityContextFilter
from vmware.vapi.security.session import create_session_security_context
from vmware.vapi.security.user_password import create_user_password_security_context
from vmware.vapi.stdlib.client.factories import StubConfigurationFactory


@pytest.fixture(scope="module")
def tls_server(binary):
    folder = tempfile.mkdtemp(prefix="content-library-tls-")
    ca = certificate_authority(folder)
    cert, key = server_certificate(folder, ca)
    live_cert, live_key = os.path.join(folder, "live.pem"), os.path.join(folder, "live.key.pem")
    shutil.copy(cert, live_cert)
    shutil.copy(key, live_key)
    server = start_server(binary, os.path.join(folder, "data"), tls_ca=ca[0],
                          extra_args=["--tls-certificate", live_cert, "--tls-key", live_key])
    server.ca, server.folder, server.live = ca, folder, (live_cert, live_key)
    yield server
    stop_server(server)
    shutil.rmtree(folder, ignore_errors=True)


def stub(server, context):
    session = requests.Session()
    session.trust_env = False  # REQUESTS_CA_BUNDLE would replace the test CA
    session.verify = server.ca[0]
    connector = get_requests_connector(session=session, msg_protocol="json", url=server.base + "/api",
                                       provider_filter_chain=[LegacySecurityContextFilter(security_context=context)])
    return StubConfigurationFactory.new_std_configuration(connector)


def test_the_sdk_works_over_https_and_upload_urls_are_https(tls_server):
    token = Session(stub(tls_server, create_user_password_security_context(ADMIN, PASSWORD))).create()
    admin = stub(tls_server, create_session_security_context(token))
    library = LocalLibrary(admin).create(create_spec=LibraryModel(
        name="tls-" + uuid.uuid4().hex[:8], type=LibraryModel.LibraryType.LOCAL,
        storage_backings=[StorageBacking(type=StorageBacking.Type.DATASTORE, datastore_id="datastore-1")]))
    item = Item(admin).create(create_spec=ItemModel(library_id=library, name="notes"))
    session_id = UpdateSession(admin).create(create_spec=UpdateSessionModel(library_item_id=item))
    info = SessionFile(admin).add(update_session_id=session_id, file_spec=SessionFile.AddSpec(
        name="notes.txt", source_type=SessionFile.SourceType.PUSH, size=5))
    assert info.upload_endpoint.uri.startswith("https://"), info.upload_endpoint.uri
    reply = requests.put(info.upload_endpoint.uri, data=b"hello", verify=tls_server.ca[0])
    assert reply.status_code == 200, reply.text
    UpdateSession(admin).complete(update_session_id=session_id)


def test_plain_http_is_not_served_on_the_tls_port(tls_server):
    with pytest.raises(Exception):
        urllib.request.urlopen(f"http://127.0.0.1:{tls_server.port}/health", timeout=3).read()


def served_certificate(server):
    return ssl.get_server_certificate(("127.0.0.1", server.port), ca_certs=server.ca[0])


def test_sighup_serves_a_renewed_certificate(tls_server):
    before = served_certificate(tls_server)
    renewed_cert, renewed_key = server_certificate(tls_server.folder, tls_server.ca, prefix="renewed")
    shutil.copy(renewed_cert, tls_server.live[0])
    shutil.copy(renewed_key, tls_server.live[1])
    tls_server.process.send_signal(signal.SIGHUP)
    deadline = time.time() + 10
    while served_certificate(tls_server) == before:
        assert time.time() < deadline, "the renewed certificate was not served after SIGHUP"
        time.sleep(0.1)
    assert ssl.PEM_cert_to_DER_cert(served_certificate(tls_server)) == ssl.PEM_cert_to_DER_cert(open(renewed_cert).read())
    assert requests.get(tls_server.base + "/health", verify=tls_server.ca[0]).status_code == 200
