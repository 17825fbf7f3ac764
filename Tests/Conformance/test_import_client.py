# SPDX-License-Identifier: Apache-2.0
"""`content-library import` (the Swift client) against a real server: whole update sessions from
an OVF folder, an OVA (members sent from the archive), an ISO, warnings and validation problems,
exit statuses, a connection cut mid-upload and resumed, and PULL from a local http.server."""
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
import uuid

import pytest
import requests

from conftest import FIXTURES, fixture_path, start_server, stop_server
from harness import Proxy, Source

sys.path.insert(0, FIXTURES)
import ovfkit  # noqa: E402

API = "/api"


# MARK: helpers

class Api:
    """Just enough REST /api to set up libraries and read items back."""

    def __init__(self, server):
        self.base = server.base
        token = requests.post(self.base + API + "/session", auth=(server.admin, server.password)).json()
        self.headers = {"vmware-api-session-id": token}

    def library(self, name=None):
        name = name or "import-" + uuid.uuid4().hex[:8]
        response = requests.post(self.base + API + "/content/local-library", headers=self.headers, json={
            "name": name, "storage_backings": [{"type": "DATASTORE", "datastore_id": "datastore-1"}]})
        assert response.status_code == 201, response.text
        return name, response.json()

    def item_named(self, library_id, name):
        ids = requests.post(self.base + API + "/content/library/item", params={"action": "find"}, headers=self.headers,
                            json={"name": name, "library_id": library_id}).json()
        assert len(ids) == 1, ids
        return requests.get(f"{self.base}{API}/content/library/item/{ids[0]}", headers=self.headers).json()

    def files(self, item_id):
        response = requests.get(f"{self.base}{API}/content/library/item/{item_id}/file", headers=self.headers)
        assert response.status_code == 200, response.text
        return {f["name"]: f for f in response.json()}

    def sessions(self, item_id):
        ids = requests.get(self.base + API + "/content/library/item/update-session", headers=self.headers,
                           params={"library_item_id": item_id}).json()
        return [requests.get(f"{self.base}{API}/content/library/item/update-session/{i}", headers=self.headers).json() for i in ids]


def run_import(server, library, *args, base=None, password=None, timeout=180):
    """Runs `content-library import` with the admin's password in CONTENT_LIBRARY_PASSWORD (not a TTY)."""
    env = dict(os.environ, CONTENT_LIBRARY_PASSWORD=password or server.password)
    command = [server.binary, "import", "--server", base or server.base, "--user", server.admin, "--library", library, *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)


def random_file(folder, name, size):
    """Writes `size` random bytes to `folder/name`; returns (path, bytes)."""
    path = os.path.join(folder, name)
    data = os.urandom(size)
    with open(path, "wb") as f:
        f.write(data)
    return path, data


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def read(path):
    with open(path, "rb") as f:
        return f.read()


def make_ova(folder, names, destination):
    """A plain ustar .ova of `names` from `folder`, in that order (descriptor first)."""
    with tarfile.open(destination, "w", format=tarfile.USTAR_FORMAT) as archive:
        for name in names:
            archive.add(os.path.join(folder, name), arcname=name)
    return destination


@pytest.fixture
def workdir():
    path = tempfile.mkdtemp(prefix="content-library-import-")
    yield path
    shutil.rmtree(path, ignore_errors=True)


# MARK: whole imports

def test_ovf_folder_import_creates_the_item_and_a_second_import_bumps_content_version(server):
    api = Api(server)
    library, library_id = api.library()
    folder = fixture_path("ovf", "minimal")
    result = run_import(server, library, folder)
    assert result.returncode == 0, result.stderr
    assert "DONE: item minimal" in result.stdout
    item = api.item_named(library_id, "minimal")
    assert item["type"] == "ovf"
    files = api.files(item["id"])
    assert sorted(files) == ["disk1.vmdk", "minimal.ovf"]
    for name in files:
        data = read(os.path.join(folder, name))
        assert files[name]["size"] == len(data)
        assert files[name]["checksum_info"]["checksum"] == sha256(data)
    first_version = int(item["content_version"])
    # Plain progress lines (stderr is not a terminal): a start and an end line per file.
    for name in files:
        assert f"{name}: started" in result.stderr and f"{name}: done" in result.stderr, result.stderr

    again = run_import(server, library, folder)
    assert again.returncode == 0, again.stderr
    assert "updated" in again.stdout
    assert int(api.item_named(library_id, "minimal")["content_version"]) > first_version


def test_ova_import_sends_the_members_and_the_item_holds_them_without_the_manifest(server, workdir):
    api = Api(server)
    library, library_id = api.library()
    source = fixture_path("ovf", "minimal")
    package = os.path.join(workdir, "pkg")
    shutil.copytree(source, package)
    with open(os.path.join(package, "minimal.mf"), "w") as mf:
        for name in ("minimal.ovf", "disk1.vmdk"):
            mf.write(f"SHA256({name})= {sha256(read(os.path.join(package, name)))}\n")
    ova = make_ova(package, ["minimal.ovf", "minimal.mf", "disk1.vmdk"], os.path.join(workdir, "appliance.ova"))
    result = run_import(server, library, ova)
    assert result.returncode == 0, result.stderr
    item = api.item_named(library_id, "appliance")
    assert item["type"] == "ovf"
    files = api.files(item["id"])
    assert sorted(files) == ["disk1.vmdk", "minimal.ovf"]
    assert files["disk1.vmdk"]["checksum_info"]["checksum"] == sha256(read(os.path.join(source, "disk1.vmdk")))
    assert "from the manifest, verified by the server" in result.stderr, result.stderr
    # Nothing was unpacked next to the archive.
    assert sorted(os.listdir(workdir)) == ["appliance.ova", "pkg"]


def test_iso_import_with_item_name(server):
    api = Api(server)
    library, library_id = api.library()
    path = fixture_path("iso", "plain.iso")
    result = run_import(server, library, "--item", "Plain image", path)
    assert result.returncode == 0, result.stderr
    item = api.item_named(library_id, "Plain image")
    assert item["type"] == "iso"
    files = api.files(item["id"])
    assert list(files) == ["plain.iso"]
    assert files["plain.iso"]["checksum_info"] == {"algorithm": "SHA256", "checksum": sha256(read(path))}
    assert "SHA256 verified" in result.stderr, result.stderr


def test_reimport_makes_the_item_exactly_the_new_content(server, workdir):
    api = Api(server)
    library, library_id = api.library()
    first = os.path.join(workdir, "bundle")
    os.mkdir(first)
    for name, data in (("a.txt", b"alpha"), ("b.txt", b"beta")):
        with open(os.path.join(first, name), "wb") as f:
            f.write(data)
    assert run_import(server, library, first).returncode == 0
    item = api.item_named(library_id, "bundle")
    assert sorted(api.files(item["id"])) == ["a.txt", "b.txt"]
    os.remove(os.path.join(first, "a.txt"))
    result = run_import(server, library, first)
    assert result.returncode == 0, result.stderr
    assert "removing a.txt" in result.stderr
    assert sorted(api.files(item["id"])) == ["b.txt"]


# MARK: refusals

def test_blocking_warning_fails_with_its_type_then_ignore_warning_imports(server):
    api = Api(server)
    library, library_id = api.library()
    folder = fixture_path("cert", "self-signed")
    refused = run_import(server, library, "--item", "signed", folder)
    assert refused.returncode == 1, refused.stderr
    # A self-signed signer is also untrusted: both types, each with the flag that accepts it.
    for warning in ("SELF_SIGNED_CERTIFICATE", "UNTRUSTED_CERTIFICATE"):
        assert f"warning {warning}: pkg.cert" in refused.stderr, refused.stderr
        assert f"--ignore-warning {warning}" in refused.stderr, refused.stderr
    item = api.item_named(library_id, "signed")
    assert api.files(item["id"]) == {}
    # The refused session was ended, so it does not block the next import.
    assert all(s["state"] != "ACTIVE" for s in api.sessions(item["id"]))

    half = run_import(server, library, "--item", "signed", "--ignore-warning", "SELF_SIGNED_CERTIFICATE", folder)
    assert half.returncode == 1 and "warning UNTRUSTED_CERTIFICATE" in half.stderr, half.stderr
    assert "warning SELF_SIGNED_CERTIFICATE" not in half.stderr, half.stderr

    accepted = run_import(server, library, "--item", "signed", "--ignore-warning", "SELF_SIGNED_CERTIFICATE",
                          "--ignore-warning", "UNTRUSTED_CERTIFICATE", folder)
    assert accepted.returncode == 0, accepted.stderr
    assert sorted(api.files(item["id"])) == ["disk1.vmdk", "pkg.ovf"]  # manifest and certificate are not kept


def test_validation_errors_are_printed_and_exit_1(server, workdir):
    api = Api(server)
    library, _ = api.library()
    shutil.copy(fixture_path("ovf", "invalid", "OVF-VHS-001.ovf"), os.path.join(workdir, "broken.ovf"))
    shutil.copy(fixture_path("ovf", "minimal", "disk1.vmdk"), workdir)
    result = run_import(server, library, os.path.join(workdir, "broken.ovf"))
    assert result.returncode == 1, result.stderr
    assert "invalid: broken.ovf" in result.stderr, result.stderr
    assert "VirtualHardwareSection" in result.stderr, result.stderr


def test_missing_referenced_file_is_reported_before_any_session(server, workdir):
    api = Api(server)
    library, _ = api.library()
    shutil.copy(fixture_path("ovf", "minimal", "minimal.ovf"), workdir)
    result = run_import(server, library, workdir)
    assert result.returncode == 1
    assert "disk1.vmdk" in result.stderr


def test_usage_and_connection_problems_exit_2(server):
    api = Api(server)
    library, _ = api.library()
    path = fixture_path("iso", "plain.iso")
    unknown = run_import(server, "no-such-library-" + uuid.uuid4().hex[:6], path)
    assert unknown.returncode == 2 and "no library named" in unknown.stderr and library in unknown.stderr, unknown.stderr
    bad_password = run_import(server, library, path, password="wrong")
    assert bad_password.returncode == 2 and "refused the user name or password" in bad_password.stderr, bad_password.stderr
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed_port = s.getsockname()[1]
    unreachable = run_import(server, library, path, base=f"http://127.0.0.1:{closed_port}")
    assert unreachable.returncode == 2 and "cannot reach the server" in unreachable.stderr, unreachable.stderr
    no_path = run_import(server, library)
    assert no_path.returncode == 2
    no_password = subprocess.run([server.binary, "import", "--server", server.base, "--user", server.admin, "--library", library,
                                  "--password-env", "CONTENT_LIBRARY_IMPORT_UNSET", path],
                                 capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
                                 env={k: v for k, v in os.environ.items() if k != "CONTENT_LIBRARY_IMPORT_UNSET"})
    assert no_password.returncode == 2 and "CONTENT_LIBRARY_IMPORT_UNSET" in no_password.stderr, no_password.stderr


# MARK: resume after a broken connection

def test_connection_cut_mid_upload_resumes_without_resending_received_bytes(server, workdir):
    api = Api(server)
    library, library_id = api.library()
    size = 24 << 20
    path, data = random_file(workdir, "big.bin", size)
    proxy = Proxy(server.port, cut_after=8 << 20)
    try:
        result = run_import(server, library, path, base=f"http://127.0.0.1:{proxy.port}")
    finally:
        proxy.close()
    assert result.returncode == 0, result.stderr
    assert proxy.cuts == 1
    assert "resuming" in result.stderr, result.stderr
    item = api.item_named(library_id, "big.bin")
    files = api.files(item["id"])
    assert files["big.bin"]["size"] == size
    assert files["big.bin"]["checksum_info"]["checksum"] == sha256(data)
    assert "SHA256 verified; resumed 1 time from the server's offset" in result.stderr, result.stderr
    # Everything forwarded to the server (API calls included) stays well under twice the file:
    # the bytes the server had received before the cut were not sent again.
    assert size < proxy.forwarded < 2 * size, proxy.forwarded


def test_session_is_kept_alive_while_an_upload_stalls(binary, workdir):
    """A server whose sessions expire after 2 s without activity; the upload's connection is held
    for 8 s mid-file, so only keep-alives (every second here) keep the session from expiring."""
    server = start_server(binary, os.path.join(workdir, "data"), extra_args=["--session-timeout", "2"])
    try:
        api = Api(server)
        library, library_id = api.library()
        path, data = random_file(workdir, "slow.bin", 4 << 20)
        proxy = Proxy(server.port, stall_after=1 << 20, stall_seconds=8)
        try:
            result = run_import(server, library, path, base=f"http://127.0.0.1:{proxy.port}")
        finally:
            proxy.close()
        assert result.returncode == 0, result.stderr
        assert proxy.stalls == 1
        assert proxy.keep_alives >= 4, proxy.keep_alives
        assert api.files(api.item_named(library_id, "slow.bin")["id"])["slow.bin"]["checksum_info"]["checksum"] == sha256(data)
    finally:
        stop_server(server)


# MARK: re-running an interrupted import

def start_import(server, library, *args, base=None):
    """Starts `content-library import` in the background, like run_import."""
    env = dict(os.environ, CONTENT_LIBRARY_PASSWORD=server.password)
    command = [server.binary, "import", "--server", base or server.base, "--user", server.admin, "--library", library, *args]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL)


def kill_during_stall(process, proxy, timeout=60, drop=True):
    """SIGKILLs the import once the proxy holds its upload, then (with `drop`) ends the proxy's
    connections as the killed process's own would end, so the server sees the upload broken off;
    without it the server goes on reading the dead upload until the stall ends."""
    deadline = time.monotonic() + timeout
    while proxy.stalls == 0:
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the upload never reached the stall"
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)
    if drop:
        proxy.drop()
    proxy.close()


@pytest.mark.parametrize("server_sees_the_cut", [True, False], ids=["cut-seen", "old-upload-still-read"])
def test_rerun_after_the_client_was_killed_resumes_its_session_without_resending(server, workdir, server_sees_the_cut):
    """Without `server_sees_the_cut`, the server still reads the killed run's upload for a few
    seconds when the re-run starts: the re-run must wait for it (HEAD says Upload-Active: ?1)
    rather than send bodies the server refuses with 409."""
    api = Api(server)
    library, library_id = api.library()
    size = 24 << 20
    path, data = random_file(workdir, "big.bin", size)
    stalled = Proxy(server.port, stall_after=8 << 20, stall_seconds=60 if server_sees_the_cut else 6)
    kill_during_stall(start_import(server, library, path, base=f"http://127.0.0.1:{stalled.port}"), stalled, drop=server_sees_the_cut)
    item = api.item_named(library_id, "big.bin")
    left = [s for s in api.sessions(item["id"]) if s["state"] == "ACTIVE"]
    assert len(left) == 1, left

    counting = Proxy(server.port)
    try:
        result = run_import(server, library, path, base=f"http://127.0.0.1:{counting.port}")
    finally:
        counting.close()
    assert result.returncode == 0, result.stderr
    assert f"resuming update session {left[0]['id']} left by an earlier run" in result.stderr, result.stderr
    assert "big.bin: continuing at" in result.stderr, result.stderr
    files = api.files(item["id"])
    assert files["big.bin"]["size"] == size
    assert files["big.bin"]["checksum_info"]["checksum"] == sha256(data)
    # The bytes the server had from the killed run were not sent again (API calls included).
    assert counting.forwarded < 0.8 * size, counting.forwarded
    assert all(s["state"] != "ACTIVE" for s in api.sessions(item["id"]))


def test_ctrl_c_says_how_to_continue_and_the_rerun_does(server, workdir):
    """SIGINT during an upload ends the client with 130 and a note that the same command
    continues; the re-run then resumes the session that was left open."""
    api = Api(server)
    library, library_id = api.library()
    path, data = random_file(workdir, "interrupted.bin", 16 << 20)
    stalled = Proxy(server.port, stall_after=4 << 20, stall_seconds=60)
    process = start_import(server, library, path, base=f"http://127.0.0.1:{stalled.port}")
    deadline = time.monotonic() + 60
    while stalled.stalls == 0:
        assert process.poll() is None and time.monotonic() < deadline, process.communicate()
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    stalled.drop()
    stalled.close()
    assert process.returncode == 130, stderr
    assert "interrupted" in stderr and "run the same command again" in stderr, stderr
    result = run_import(server, library, path)
    assert result.returncode == 0, result.stderr
    assert "left by an earlier run" in result.stderr, result.stderr
    item = api.item_named(library_id, "interrupted.bin")
    assert api.files(item["id"])["interrupted.bin"]["checksum_info"]["checksum"] == sha256(data)


def test_rerun_of_an_ovf_folder_skips_the_manifest_and_descriptor_already_sent(server, workdir):
    api = Api(server)
    library, library_id = api.library()
    folder = os.path.join(workdir, "appliance")
    os.mkdir(folder)
    disk_size = 16 << 20
    disk = ovfkit.vmdk() + os.urandom(disk_size - len(ovfkit.vmdk()))
    descriptor = ovfkit.descriptor([("disk1.vmdk", disk_size)], vid="appliance").encode()
    manifest = f"SHA256(appliance.ovf)= {sha256(descriptor)}\nSHA256(disk1.vmdk)= {sha256(disk)}\n".encode()
    for name, content in (("appliance.ovf", descriptor), ("disk1.vmdk", disk), ("appliance.mf", manifest)):
        with open(os.path.join(folder, name), "wb") as f:
            f.write(content)
    stalled = Proxy(server.port, stall_after=6 << 20, stall_seconds=60)
    kill_during_stall(start_import(server, library, folder, base=f"http://127.0.0.1:{stalled.port}"), stalled)

    result = run_import(server, library, folder)
    assert result.returncode == 0, result.stderr
    assert "resuming update session" in result.stderr, result.stderr
    for name in ("appliance.mf", "appliance.ovf"):
        assert f"{name}: already on the server" in result.stderr, result.stderr
        assert f"{name}: started" not in result.stderr, result.stderr
    files = api.files(api.item_named(library_id, "appliance")["id"])
    assert sorted(files) == ["appliance.ovf", "disk1.vmdk"]
    assert files["disk1.vmdk"]["checksum_info"]["checksum"] == sha256(disk)


def test_an_item_held_by_another_users_session_is_refused_with_its_id(server, workdir):
    api = Api(server)
    library, library_id = api.library()
    path = os.path.join(workdir, "held.bin")
    with open(path, "wb") as f:
        f.write(b"held")
    assert run_import(server, library, path).returncode == 0
    item = api.item_named(library_id, "held.bin")
    alice = {"vmware-api-session-id": requests.post(server.base + API + "/session", auth=("alice@vsphere.local", "alice-secret")).json()}
    sessions = server.base + API + "/content/library/item/update-session"
    held = requests.post(sessions, params={"client_token": str(uuid.uuid4())}, headers=alice, json={"library_item_id": item["id"]})
    assert held.status_code == 201, held.text
    try:
        result = run_import(server, library, path)
        assert result.returncode == 1, result.stderr
        assert f"held by update session {held.json()}" in result.stderr, result.stderr
        assert "expires" in result.stderr and "5 minutes" in result.stderr, result.stderr
    finally:
        requests.post(f"{sessions}/{held.json()}", params={"action": "cancel"}, headers=alice)


# MARK: PULL

@pytest.fixture
def file_server(workdir):
    """A stdlib http.server serving `workdir/www` on a free port; yields (folder, base URL)."""
    folder = os.path.join(workdir, "www")
    os.mkdir(folder)
    source = Source(folder)
    yield folder, source.url("")
    source.stop()


def test_pull_of_a_good_file_is_done(server, workdir, file_server):
    api = Api(server)
    library, library_id = api.library()
    folder, base = file_server
    source = fixture_path("iso", "plain.iso")
    shutil.copy(source, os.path.join(folder, "plain.iso"))
    result = run_import(server, library, "--pull", f"{base}/plain.iso", source)
    assert result.returncode == 0, result.stderr
    item = api.item_named(library_id, "plain.iso")
    assert item["type"] == "iso"
    files = api.files(item["id"])
    assert files["plain.iso"]["size"] == os.path.getsize(source)
    assert files["plain.iso"]["checksum_info"]["checksum"] == sha256(read(source))
    # Without a local copy: one file named after the URL.
    again = run_import(server, library, "--item", "pulled", "--pull", f"{base}/plain.iso")
    assert again.returncode == 0, again.stderr
    assert list(api.files(api.item_named(library_id, "pulled")["id"])) == ["plain.iso"]


def test_pull_with_a_wrong_checksum_exits_1_with_the_servers_message(server, workdir, file_server):
    api = Api(server)
    library, _ = api.library()
    folder, base = file_server
    with open(os.path.join(folder, "image.iso"), "wb") as f:
        f.write(read(fixture_path("iso", "plain.iso"))[:-1] + b"\x01")  # not the local copy's bytes
    result = run_import(server, library, "--pull", f"{base}/image.iso", fixture_path("iso", "plain.iso"))
    assert result.returncode == 1, result.stderr
    # The session file is named after the local copy; the message is the server's.
    assert "could not pull plain.iso" in result.stderr and "checksum" in result.stderr.lower(), result.stderr
