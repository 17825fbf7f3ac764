# SPDX-License-Identifier: Apache-2.0
"""Interop with the unmodified govc 0.24.2: its vSphere SOAP login and inventory lookups go to
`/sdk`, its library commands to legacy `/rest`, its uploads and downloads to the transfer URLs.

govc is `GOVC=/path/to/govc` when set; else it is built once into .build-conformance/govc by
`../shared/tools/govc/build.sh` (beside the repository). Without either the module is skipped
with one line saying how to run it, except under CI (`CI=true`), where that is a failure, as is
a govc that cannot be built."""
import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.request

import pytest
from harness import ADMIN, FIXTURES, PASSWORD, ROOT, Source, certificate_authority, server_certificate, start_server, stop_server

BUILD_SCRIPT = os.path.join(ROOT, "..", "shared", "tools", "govc", "build.sh")
HOW = "govc interop skipped: set GOVC=/path/to/govc (govc 0.24.2) to run Tests/Conformance/test_govc.py"


def locate_govc():
    given = os.environ.get("GOVC")
    if given:
        if not os.access(given, os.X_OK):
            pytest.fail(f"GOVC={given} is not an executable")
        return given
    built = os.path.join(ROOT, ".build-conformance", "govc")
    if os.access(built, os.X_OK):
        return built
    if not os.path.exists(BUILD_SCRIPT):
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs govc: no GOVC and no {BUILD_SCRIPT}")
        sys.__stderr__.write(HOW + "\n")
        pytest.skip(HOW, allow_module_level=True)
    os.makedirs(os.path.dirname(built), exist_ok=True)
    result = subprocess.run(["bash", BUILD_SCRIPT, built], capture_output=True, text=True)
    if result.returncode != 0 or not os.access(built, os.X_OK):
        pytest.fail(f"govc could not be built with {BUILD_SCRIPT}:\n{result.stdout}\n{result.stderr}")
    return built


@pytest.fixture(scope="module")
def govc_binary():
    return locate_govc()


class Govc:
    """Runs govc against one server, with its own HOME (govc keeps its session cache there)."""

    def __init__(self, binary, base, home):
        self.binary = binary
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": home,
            "GOVC_URL": base,
            "GOVC_USERNAME": ADMIN,
            "GOVC_PASSWORD": PASSWORD,
            "GOVC_INSECURE": "1",
        }
        os.makedirs(home, exist_ok=True)

    def run(self, *args, check=True, timeout=120):
        result = subprocess.run([self.binary, *args], env=self.env, capture_output=True, text=True, timeout=timeout)
        if check and result.returncode != 0:
            pytest.fail(f"govc {' '.join(args)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
        return result

    def out(self, *args):
        return self.run(*args).stdout

    def json(self, *args):
        return json.loads(self.run(*args[:1], "-json", *args[1:]).stdout)


@pytest.fixture(scope="module")
def world(binary, govc_binary):
    folder = tempfile.mkdtemp(prefix="content-library-govc-")
    data = os.path.join(folder, "data")
    server = start_server(binary, data, extra_args=["--datacenter", "dc1"])
    source_folder = os.path.join(folder, "source")
    os.makedirs(source_folder)
    shutil.copy(os.path.join(FIXTURES, "iso", "plain.iso"), os.path.join(source_folder, "pulled.iso"))
    source = Source(source_folder)
    govc = Govc(govc_binary, server.base, os.path.join(folder, "home"))
    yield {"server": server, "govc": govc, "folder": folder, "source": source, "data": data}
    source.stop()
    stop_server(server)
    shutil.rmtree(folder, ignore_errors=True)


def ovf_folder(parent, name, digest_of=None):
    """fixtures/ovf/minimal copied to parent/name with a SHA-256 manifest (`digest_of` gets a wrong digest)."""
    target = os.path.join(parent, name)
    shutil.copytree(os.path.join(FIXTURES, "ovf", "minimal"), target)
    lines = []
    for file in ("minimal.ovf", "disk1.vmdk"):
        digest = hashlib.sha256(open(os.path.join(target, file), "rb").read()).hexdigest()
        if file == digest_of:
            digest = "0" * 64
        lines.append(f"SHA256({file})= {digest}\n")
    with open(os.path.join(target, "minimal.mf"), "w") as f:
        f.writelines(lines)
    return os.path.join(target, "minimal.ovf")


def test_about_names_this_server(world):
    out = world["govc"].out("about")
    guid = open(os.path.join(world["data"], "server-guid")).read().strip()
    assert "ContentLibrary" in out
    assert "VirtualCenter" in out
    assert guid in out


def test_ls_shows_the_datacenter_its_folders_and_the_datastore(world):
    govc = world["govc"]
    assert govc.out("ls", "/").split() == ["/dc1"]
    folders = ["/dc1/vm", "/dc1/host", "/dc1/datastore", "/dc1/network"]
    assert govc.out("ls").split() == folders  # the one datacenter is the default
    assert govc.out("ls", "/dc1").split() == folders
    assert govc.out("ls", "/dc1/datastore").split() == ["/dc1/datastore/datastore-1"]
    assert govc.out("ls", "/dc1/vm").split() == []


def test_datastore_info_is_the_real_file_system(world):
    info = world["govc"].json("datastore.info", "datastore-1")["Datastores"][0]
    folder = os.path.join(world["data"], "datastores", "datastore-1")
    stat = os.statvfs(folder)
    assert info["Summary"]["Name"] == "datastore-1"
    assert info["Summary"]["Capacity"] == stat.f_blocks * stat.f_frsize
    assert abs(info["Summary"]["FreeSpace"] - stat.f_bavail * stat.f_frsize) < 1 << 30
    assert info["Info"]["Url"].startswith("ds://")


def test_library_create_on_a_datastore_and_imports(world):
    govc, folder = world["govc"], world["folder"]
    library_id = govc.out("library.create", "-ds", "datastore-1", "govc-lib").strip()
    assert library_id
    # An OVF folder whose manifest has SHA-256 digests (govc sends them with each file).
    govc.run("library.import", "-m", "govc-lib", ovf_folder(folder, "ovf-ok"))
    govc.run("library.import", "govc-lib", os.path.join(FIXTURES, "ova", "good-ustar.ova"))
    govc.run("library.import", "govc-lib", os.path.join(FIXTURES, "iso", "plain.iso"))
    govc.run("library.import", "-pull", "govc-lib", world["source"].url("/pulled.iso"))
    names = sorted(govc.out("library.ls", "govc-lib/*").split())
    assert names == ["/govc-lib/good-ustar", "/govc-lib/minimal", "/govc-lib/plain", "/govc-lib/pulled"]


def content_version(server, govc, path):
    """The item's content_version over REST /api (govc prints only the metadata version)."""
    item_id = [line.split()[-1] for line in govc.out("library.info", path).splitlines() if line.strip().startswith("ID:")][0]
    auth = base64.b64encode(f"{ADMIN}:{PASSWORD}".encode()).decode()
    login = urllib.request.Request(server.base + "/api/session", method="POST", headers={"Authorization": "Basic " + auth})
    token = json.loads(urllib.request.urlopen(login).read())
    get = urllib.request.Request(server.base + f"/api/content/library/item/{item_id}", headers={"vmware-api-session-id": token})
    return int(json.loads(urllib.request.urlopen(get).read())["content_version"])


def test_import_into_an_existing_item_grows_its_content_version(world):
    govc = world["govc"]
    before = content_version(world["server"], govc, "govc-lib/plain")
    newer = os.path.join(world["folder"], "newer")
    os.makedirs(newer)
    shutil.copy(os.path.join(FIXTURES, "iso", "joliet.iso"), os.path.join(newer, "plain.iso"))
    govc.run("library.import", "govc-lib/plain", os.path.join(newer, "plain.iso"))
    assert content_version(world["server"], govc, "govc-lib/plain") > before


def test_library_info_long_names_the_datastore(world):
    out = world["govc"].out("library.info", "-l", "govc-lib")
    assert "datastore-1" in out
    assert "Datastore Path:" in out


def test_a_wrong_manifest_digest_fails_naming_the_file(world):
    result = world["govc"].run("library.import", "-n", "bad", "govc-lib", ovf_folder(world["folder"], "ovf-bad", "disk1.vmdk"), check=False)
    assert result.returncode != 0
    # govc prints the upload's progress line with the error, then the HTTP status alone.
    assert "Uploading disk1.vmdk... Error: 400 Bad Request" in result.stdout + result.stderr


def test_export_and_session_ls(world):
    govc, folder = world["govc"], world["folder"]
    target = os.path.join(folder, "export")
    os.makedirs(target)
    govc.run("library.export", "govc-lib/minimal", target)
    source = os.path.join(folder, "ovf-ok")
    for name in ("minimal.ovf", "disk1.vmdk"):
        assert open(os.path.join(target, name), "rb").read() == open(os.path.join(source, name), "rb").read()
    sessions = govc.out("library.session.ls")
    assert "govc-lib" in sessions or "minimal" in sessions


def test_library_rm(world):
    govc = world["govc"]
    govc.run("library.rm", "govc-lib/good-ustar")
    assert "/govc-lib/good-ustar" not in govc.out("library.ls", "govc-lib/*").split()
    govc.run("library.create", "-ds", "datastore-1", "govc-doomed")
    govc.run("library.rm", "govc-doomed")
    assert "/govc-doomed" not in govc.out("library.ls").split()


def test_session_ls_and_rm(world):
    govc = world["govc"]
    other = Govc(govc.binary, world["server"].base, os.path.join(world["folder"], "home-other"))
    other.run("about")
    mine = govc.json("session.ls")
    current = mine["CurrentSession"]["Key"]
    keys = [s["Key"] for s in mine["SessionList"]]
    assert current in keys and len(keys) >= 2
    victim = [k for k in keys if k != current][0]
    govc.run("session.rm", victim)
    assert victim not in [s["Key"] for s in govc.json("session.ls")["SessionList"]]
    # The other client's cached SOAP session is gone; govc logs in again.
    other.run("ls")


@pytest.fixture(scope="module")
def tls_world(binary, govc_binary):
    folder = tempfile.mkdtemp(prefix="content-library-govc-tls-")
    ca = certificate_authority(folder)
    cert, key = server_certificate(folder, ca)
    server = start_server(binary, os.path.join(folder, "data"), tls_ca=ca[0], extra_args=["--tls-certificate", cert, "--tls-key", key])
    govc = Govc(govc_binary, server.base, os.path.join(folder, "home"))
    yield {"server": server, "govc": govc, "folder": folder}
    stop_server(server)
    shutil.rmtree(folder, ignore_errors=True)


def test_the_same_over_https(tls_world):
    govc, folder = tls_world["govc"], tls_world["folder"]
    assert tls_world["server"].base.startswith("https://")
    assert "VirtualCenter" in govc.out("about")
    assert govc.out("ls", "/").split() == ["/dc1"]
    govc.run("library.create", "-ds", "datastore-1", "tls-lib")
    govc.run("library.import", "-m", "tls-lib", ovf_folder(folder, "ovf"))
    govc.run("library.import", "tls-lib", os.path.join(FIXTURES, "iso", "plain.iso"))
    assert sorted(govc.out("library.ls", "tls-lib/*").split()) == ["/tls-lib/minimal", "/tls-lib/plain"]
    target = os.path.join(folder, "export")
    os.makedirs(target)
    govc.run("library.export", "tls-lib/plain", target)
    assert open(os.path.join(target, "plain.iso"), "rb").read() == open(os.path.join(FIXTURES, "iso", "plain.iso"), "rb").read()
    govc.run("library.rm", "tls-lib")
