# SPDX-License-Identifier: Apache-2.0
"""`content-library export` (the Swift client) against a real server: an import -> export ->
validate -> import round trip of an OVF with a disk of a few hundred MiB, byte-exact, into a
folder and into an .ova; a re-run that skips what is already there; a download cut once and
resumed with Range, of the OVF's disk and of an ISO."""
import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import uuid

import pytest
import requests
from conftest import FIXTURES
from harness import Proxy

sys.path.insert(0, FIXTURES)
import ovfkit  # noqa: E402

API = "/api"
DISK = 256 << 20


def run(server, command, *args, base=None, timeout=300):
    env = dict(os.environ, CONTENT_LIBRARY_PASSWORD=server.password)
    full = [server.binary, command, "--server", base or server.base, "--user", server.admin, *args]
    return subprocess.run(full, env=env, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)


def digest(path):
    hasher = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(8 << 20):
            hasher.update(chunk)
    return hasher.hexdigest()


@pytest.fixture(scope="module")
def package():
    """An OVF folder: descriptor, SHA-256 manifest and a 256 MiB stream-optimized disk."""
    folder = tempfile.mkdtemp(prefix="content-library-export-src-")
    head = ovfkit.vmdk()
    with open(os.path.join(folder, "disk1.vmdk"), "wb") as f:
        f.write(head)
        left = DISK - len(head)
        while left > 0:
            f.write(os.urandom(min(left, 8 << 20)))
            left -= min(left, 8 << 20)
    with open(os.path.join(folder, "appliance.ovf"), "wb") as f:
        f.write(ovfkit.descriptor([("disk1.vmdk", DISK)], vid="appliance").encode())
    lines = [f"SHA256({name})= {digest(os.path.join(folder, name))}\n" for name in ("appliance.ovf", "disk1.vmdk")]
    with open(os.path.join(folder, "appliance.mf"), "w") as f:
        f.writelines(lines)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def imported(server, package):
    """The package imported into a new library; returns the library name."""
    token = requests.post(f"{server.base}{API}/session", auth=(server.admin, server.password)).json()
    name = "export-" + uuid.uuid4().hex[:8]
    response = requests.post(f"{server.base}{API}/content/local-library", headers={"vmware-api-session-id": token}, json={
        "name": name, "storage_backings": [{"type": "DATASTORE", "datastore_id": "datastore-1"}]})
    assert response.status_code == 201, response.text
    result = run(server, "import", "--library", name, "--item", "appliance", package)
    assert result.returncode == 0, result.stderr
    return name


@pytest.fixture
def workdir():
    path = tempfile.mkdtemp(prefix="content-library-export-")
    yield path
    shutil.rmtree(path, ignore_errors=True)


def test_export_to_a_folder_is_byte_exact_and_a_rerun_skips_what_is_there(server, package, imported, workdir):
    destination = os.path.join(workdir, "out")
    result = run(server, "export", "--library", imported, "--item", "appliance", destination)
    assert result.returncode == 0, result.stderr
    assert "DONE: item appliance" in result.stdout
    # The item keeps the descriptor and the disk; the manifest was checked at import and not kept.
    assert sorted(os.listdir(destination)) == ["appliance.ovf", "disk1.vmdk"]
    for name in os.listdir(destination):
        assert digest(os.path.join(destination, name)) == digest(os.path.join(package, name)), name
    assert "disk1.vmdk: done" in result.stderr and "SHA256 verified" in result.stderr, result.stderr

    again = run(server, "export", "--library", imported, "--item", "appliance", destination)
    assert again.returncode == 0, again.stderr
    assert again.stderr.count("not downloaded again") == 2, again.stderr


def test_export_ova_validates_and_imports_back_byte_exact(server, package, imported, workdir):
    ova = os.path.join(workdir, "appliance.ova")
    result = run(server, "export", "--library", imported, "--item", "appliance", "--ova", ova)
    assert result.returncode == 0, result.stderr
    with tarfile.open(ova) as archive:
        members = archive.getmembers()
        assert [m.name for m in members] == ["appliance.ovf", "disk1.vmdk"], "the descriptor first"
        assert members[1].size == DISK
    validated = subprocess.run([server.binary, "validate", "--type", "ovf", ova], capture_output=True, text=True, timeout=300)
    assert validated.returncode == 0, validated.stdout + validated.stderr
    back = run(server, "import", "--library", imported, "--item", "round-trip", ova)
    assert back.returncode == 0, back.stderr
    folder = os.path.join(workdir, "back")
    assert run(server, "export", "--library", imported, "--item", "round-trip", folder).returncode == 0
    assert digest(os.path.join(folder, "disk1.vmdk")) == digest(os.path.join(package, "disk1.vmdk"))
    assert digest(os.path.join(folder, "appliance.ovf")) == digest(os.path.join(package, "appliance.ovf"))


def export_cut_once(server, library, item, destination, cut):
    """`export` through a proxy that cuts the download stream once after `cut` bytes: (result, proxy)."""
    proxy = Proxy(server.port, cut_download_after=cut)
    try:
        result = run(server, "export", "--library", library, "--item", item, destination, base=f"http://127.0.0.1:{proxy.port}")
    finally:
        proxy.close()
    return result, proxy


def test_an_export_cut_once_resumes_with_range_and_is_byte_exact(server, package, imported, workdir):
    destination = os.path.join(workdir, "cut")
    result, proxy = export_cut_once(server, imported, "appliance", destination, 64 << 20)
    assert result.returncode == 0, result.stderr
    assert proxy.cuts == 1
    assert "resuming" in result.stderr, result.stderr
    assert digest(os.path.join(destination, "disk1.vmdk")) == digest(os.path.join(package, "disk1.vmdk"))
    # What was received before the cut was not fetched again.
    assert proxy.downloaded < DISK + (32 << 20), proxy.downloaded


def test_an_iso_round_trips_byte_exact_through_a_cut(server, imported, workdir):
    """An ISO item (not an OVF): import, then export into a folder through a connection cut once
    inside the image; the client resumes with Range and the file is the one imported."""
    iso = os.path.join(FIXTURES, "iso", "udf-bridge.iso")
    imported_iso = run(server, "import", "--library", imported, "--item", "tools", iso)
    assert imported_iso.returncode == 0, imported_iso.stderr
    destination = os.path.join(workdir, "iso")
    result, proxy = export_cut_once(server, imported, "tools", destination, 300_000)
    assert result.returncode == 0, result.stderr
    assert proxy.cuts == 1 and "resuming" in result.stderr, result.stderr
    assert os.listdir(destination) == ["udf-bridge.iso"]
    assert digest(os.path.join(destination, "udf-bridge.iso")) == digest(iso)


def test_an_unknown_item_is_a_usage_error(server, imported, workdir):
    result = run(server, "export", "--library", imported, "--item", "no-such-item", os.path.join(workdir, "x"))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "no item named no-such-item" in result.stderr
