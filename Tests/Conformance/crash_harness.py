# SPDX-License-Identifier: Apache-2.0
"""Crash-consistency trials, standard library only, shared by `test_crash_consistency.py` and
`scripts/crash-test`.

One `CrashWorld` is a data folder, a PULL source and a running server. Each trial drives a random
mix of update sessions against it (PUSH uploads streamed slowly so they are in flight, validate,
complete, PULL from the source, plain or slow), kills the server with SIGKILL after a random
delay, restarts it on the same data folder and checks what a user relies on:

- every item's files are exactly one completed version: each file's bytes carry a version tag
  and are the bytes that version uploaded, all files of an item carry the same tag, and the item
  holds exactly that version's file names (never a mix of old and new content);
- no DONE session is lost: a `complete` that answered success (or a session seen DONE) before the
  kill is DONE after the restart, and the item holds its version or a later one;
- a session never completed is never DONE;
- ACTIVE sessions' files are sane: READY only with the exact bytes (size and SHA-256, through the
  API and on disk), a PUSH file TRANSFERRING holds a correct prefix that `HEAD` reports and that
  resumes to READY; nothing READY with wrong bytes;
- after the sessions end (cancel, complete, or expiry by the reaper), no blob lies in the
  datastore folder that no item file or ACTIVE session file references (orphans).

Blobs map to files like this: an item's files are `GET .../item/{id}/storage` `storage_uris`
(`file://<datastore>/<library>/<item>/<blob>`); the blobs of session files are only in the
metadata (`session_file.blob` in `metadata.sqlite`), read here read-only.
"""
import base64
import hashlib
import http.client
import json
import os
import random
import shutil
import signal
import sqlite3
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import harness

API = "/api"
SESSIONS = API + "/content/library/item/update-session"
NAMES = ("disk1.bin", "disk2.bin", "notes.txt")
SESSION_TIMEOUT = 4  # seconds: short, so that abandoned sessions expire within a trial chain
REAPER_INTERVAL = 5  # the server's fixed sweep interval


class Failure(AssertionError):
    """An invariant broken after a restart; the message names the trial, the item and the evidence."""


# MARK: content that names its version

def content(tag, name, size):
    """The bytes version `tag` uploads as `name`: a header naming both, then bytes seeded by them,
    so any file read back tells which version wrote it and whether it is whole."""
    header = f"crash-version {tag} {name}\n".encode()
    body = random.Random(f"{tag}/{name}").randbytes(max(0, size - len(header)))
    return header + body


def tag_of(data):
    """The version tag a file's bytes start with, or None."""
    line = data[:80].split(b"\n", 1)[0].decode(errors="replace").split(" ")
    return line[1] if len(line) == 3 and line[0] == "crash-version" else None


# MARK: a small HTTP client

class Client:
    """REST `/api` calls with a token; every call has a time-out, since the server may die under it."""

    def __init__(self, base, user, password):
        self.base = base
        self.user, self.password = user, password
        self.token = None
        self.login()

    def login(self):
        request = urllib.request.Request(self.base + API + "/session", method="POST")
        request.add_header("Authorization", "Basic " + base64.b64encode(f"{self.user}:{self.password}".encode()).decode())
        with urllib.request.urlopen(request, timeout=10) as answer:
            self.token = json.loads(answer.read())

    def sharing(self):
        """Another client with the same token (one per job thread), without logging in again."""
        other = Client.__new__(Client)
        other.base, other.user, other.password, other.token = self.base, self.user, self.password, self.token
        return other

    def call(self, method, path, body=None, timeout=15):
        """Returns (status, parsed JSON or None); raises OSError when the connection fails."""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("vmware-api-session-id", self.token)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as answer:
                raw = answer.read()
                return answer.status, (json.loads(raw) if raw else None)
        except urllib.error.HTTPError as error:
            raw = error.read()
            try:
                return error.code, json.loads(raw)
            except ValueError:
                return error.code, raw.decode(errors="replace")

    def ok(self, method, path, body=None, expect=(200, 201, 204)):
        status, value = self.call(method, path, body)
        if status not in expect:
            raise Failure(f"{method} {path}: {status} {value}")
        return value


def stream_upload(uri, data, start=0, total=None, chunk=256 << 10, pause=0.0, timeout=30):
    """PUTs `data` (from byte `start` of a file of `total` bytes when resuming) in chunks, pausing
    between them so the upload is still running when the server is killed. Returns the status."""
    parts = urllib.parse.urlsplit(uri)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.putrequest("PUT", parts.path)
        connection.putheader("Content-Type", "application/octet-stream")
        connection.putheader("Content-Length", str(len(data)))
        if total is not None:
            connection.putheader("Content-Range", f"bytes {start}-{start + len(data) - 1}/{total}")
        connection.endheaders()
        for offset in range(0, len(data), chunk):
            connection.send(data[offset:offset + chunk])
            if pause:
                time.sleep(pause)
        answer = connection.getresponse()
        answer.read()
        return answer.status
    finally:
        connection.close()


def head_offset(uri):
    """The `Upload-Offset` a `HEAD` on the upload URL answers, and its status."""
    parts = urllib.parse.urlsplit(uri)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request("HEAD", parts.path)
        answer = connection.getresponse()
        answer.read()
        return answer.status, answer.getheader("Upload-Offset")
    finally:
        connection.close()


# MARK: what the client did before the kill

class Job:
    """One update session driven by one thread, and what the server answered, so the checks know
    what was promised: `completed` is set when `complete` answered success with no pull pending
    (or the session was seen DONE), `complete_sent` when `complete` was sent at all."""

    def __init__(self, item, tag, files, pull_names):
        self.item = item
        self.tag = tag
        self.files = files  # name -> bytes
        self.pull_names = pull_names
        self.session = None
        self.uris = {}
        self.complete_sent = False
        self.completed = False
        self.error = None
        self.stage = "create"  # what the job was doing when the server died
        self.abandoned = False


# MARK: the world

class CrashWorld:
    """A data folder, a PULL source and a server that is killed and restarted on that folder."""

    def __init__(self, binary, items=4, seed=None, max_size=3 << 20, log=print):
        self.binary = binary
        self.random = random.Random(seed)
        self.seed = seed
        self.max_size = max_size
        self.log = log
        self.base = tempfile.mkdtemp(prefix="content-library-crash-")
        self.data = os.path.join(self.base, "data")
        self.source_folder = os.path.join(self.base, "source")
        os.makedirs(self.source_folder)
        self.source = harness.Source(self.source_folder)
        # A pull cut by the kill breaks the source's pipe: expected, not worth a traceback.
        self.source.httpd.handle_error = lambda request, address: None
        self.server = None
        self.start()
        self.client = Client(self.server.base, self.server.admin, self.server.password)
        library = self.client.ok("POST", API + "/content/local-library", {
            "name": "crash", "storage_backings": [{"type": "DATASTORE", "datastore_id": "datastore-1"}]})
        self.library = library
        self.items = [self.client.ok("POST", API + "/content/library/item", {"library_id": library, "name": f"item-{i}"})
                      for i in range(items)]
        self.versions = {}  # tag -> {name: bytes}
        self.promised = {item: [] for item in self.items}  # item -> tags whose complete succeeded, in order
        self.sent = {item: [] for item in self.items}  # item -> tags whose complete was sent, in order
        self.never_completed = set()  # sessions `complete` was never sent to
        self.sessions = {}  # session id -> Job
        self.counter = 0
        self.trials = 0
        self.kills = []  # (trial, seconds after the jobs started)
        self.killed_at = None
        self.resumed = 0  # uploads resumed from the offset kept across a kill

    # server life

    def start(self):
        self.server = harness.start_server(
            self.binary, self.data, extra_args=["--session-timeout", str(SESSION_TIMEOUT), "--import-root", self.source_folder])

    def kill(self):
        os.kill(self.server.process.pid, signal.SIGKILL)
        self.server.process.wait()
        self.server.log.close()
        # Each start overwrites server.log: keep the killed process's log for a post-mortem.
        self.killed_at = time.time()
        os.replace(os.path.join(self.data, "server.log"), os.path.join(self.data, f"server-{self.trials}.log"))

    def restart(self):
        self.start()
        self.client.base = self.server.base
        self.client.login()

    def close(self):
        if self.server and self.server.process.poll() is None:
            harness.stop_server(self.server)
        self.source.stop()

    def remove(self):
        shutil.rmtree(self.base, ignore_errors=True)

    # one trial

    def trial(self):
        """Drives jobs, kills the server at a random moment, restarts it and checks everything."""
        self.trials += 1
        busy = self.active_items()
        jobs = [self.new_job(item) for item in self.items if item not in busy]
        threads = [threading.Thread(target=self.run_job, args=(job,), daemon=True) for job in jobs]
        started = time.time()
        for thread in threads:
            thread.start()
        delay = self.random.uniform(0.05, 2.0)
        time.sleep(delay)
        self.kills.append((self.trials, round(delay, 2)))
        self.kill()
        self.stages = [job.stage for job in jobs]
        for thread in threads:
            thread.join(timeout=30)
        self.restart()
        self.check_items()
        self.check_sessions()
        self.finish_some_sessions()
        self.check_orphans(allow_active=True)
        return time.time() - started

    def new_job(self, item):
        self.counter += 1
        tag = f"v{self.counter}"
        names = [n for n in NAMES if self.random.random() < 0.7] or [NAMES[0]]
        files = {name: content(tag, name, self.random.randint(64, self.max_size)) for name in names}
        pull = [n for n in names if self.random.random() < 0.3]
        for name in pull:
            with open(os.path.join(self.source_folder, f"{tag}-{name}"), "wb") as f:
                f.write(files[name])
        self.versions[tag] = files
        return Job(item, tag, files, pull)

    def run_job(self, job):
        """create → remove what the new version drops → add and send every file → (validate) →
        complete → wait for DONE. Stops silently at the first failed connection (the kill)."""
        client = self.client.sharing()
        rng = random.Random(f"{self.seed}/{job.tag}")
        try:
            job.session = client.ok("POST", SESSIONS, {"library_item_id": job.item})
            self.sessions[job.session] = job
            self.never_completed.add(job.session)
            for old in client.ok("GET", f"{SESSIONS}/{job.session}/file"):
                if old["name"] not in job.files:
                    client.ok("DELETE", f"{SESSIONS}/{job.session}/file/{old['name']}")
            job.stage = "add"
            for name, data in job.files.items():
                spec = {"name": name, "size": len(data)}
                if rng.random() < 0.5:
                    spec["checksum_info"] = {"algorithm": "SHA256", "checksum": hashlib.sha256(data).hexdigest()}
                if name in job.pull_names:
                    path = f"/slow/{job.tag}-{name}" if rng.random() < 0.5 else f"/{job.tag}-{name}"
                    spec.update(source_type="PULL", source_endpoint={"uri": self.source.url(path)})
                    client.ok("POST", f"{SESSIONS}/{job.session}/file", spec)
                else:
                    spec["source_type"] = "PUSH"
                    info = client.ok("POST", f"{SESSIONS}/{job.session}/file", spec)
                    job.uris[name] = info["upload_endpoint"]["uri"]
            job.stage = "upload"
            for name in job.uris:
                pause = rng.choice((0.0, 0.01, 0.04, 0.08))
                status = stream_upload(job.uris[name], job.files[name], chunk=128 << 10, pause=pause)
                if status == 404:
                    return  # the session expired under a slow machine: nothing was promised
                if status != 200:
                    raise Failure(f"upload of {name} answered {status}")
            if rng.random() < 0.5:
                job.stage = "validate"
                client.call("POST", f"{SESSIONS}/{job.session}/file?action=validate")
            if rng.random() < 0.15:
                job.stage = "left active"
                return  # left ACTIVE, never completed: it must recover or expire
            self.never_completed.discard(job.session)
            job.complete_sent = True
            self.sent[job.item].append(job.tag)
            job.stage = "complete"
            status, value = client.call("POST", f"{SESSIONS}/{job.session}?action=complete", timeout=30)
            if status != 204:
                if job.pull_names and status == 400:
                    return  # e.g. a file not READY yet: a legitimate refusal
                raise Failure(f"complete answered {status} {value}")
            job.stage = "wait for DONE"
            while True:
                _, model = client.call("GET", f"{SESSIONS}/{job.session}")
                if model["state"] == "DONE":
                    job.stage = "done"
                    job.completed = True
                    self.promised[job.item].append(job.tag)
                    return
                if model["state"] != "ACTIVE":
                    return
                time.sleep(0.05)
        except (OSError, http.client.HTTPException, ValueError, TypeError):
            return  # the server died under the call
        except Failure as failure:
            job.error = str(failure)

    # checks

    def active_items(self):
        """Items with an ACTIVE session now (after restart), so the next trial leaves them alone."""
        db = self.metadata()
        try:
            return {row[0] for row in db.execute("SELECT item_id FROM session WHERE state = 'ACTIVE'")}
        finally:
            db.close()

    def state(self, db, session, job):
        """A session's state: through the API, except for sessions left to the reaper, which
        are read from the metadata, since a `get` would count as activity and keep them alive."""
        if job.abandoned:
            row = db.execute("SELECT state FROM session WHERE id = ?", (session,)).fetchone()
            return row[0] if row else None
        status, model = self.client.call("GET", f"{SESSIONS}/{session}")
        return model["state"] if status == 200 else None

    def live(self, uri):
        """An upload URL handed out before a restart, on the restarted server's port."""
        parts = urllib.parse.urlsplit(uri)
        return self.server.base + parts.path

    def fail(self, message):
        raise Failure(f"trial {self.trials} (seed {self.seed}, data {self.data}): {message}")

    def check_items(self):
        """Every item holds exactly one version, completed, and no older than the last promised."""
        for job in self.sessions.values():
            if job.error:
                self.fail(f"session {job.session}: {job.error}")
        for item in self.items:
            # A `complete` that waited for pulls may settle while this reads (and collect the
            # replaced blobs): read the item again when a blob vanishes under the reading.
            for attempt in range(5):
                try:
                    self.check_item(item)
                    break
                except FileNotFoundError:
                    time.sleep(0.2)
            else:
                self.fail(f"item {item}: its blobs kept vanishing while read")

    def check_item(self, item):
        # One storage listing: every path of the same content version.
        storage = self.client.ok("GET", f"{API}/content/library/item/{item}/storage")
        if not storage:
            if self.promised[item]:
                self.fail(f"item {item} is empty but {self.promised[item][-1]} was completed")
            return
        tags, names = set(), set()
        for f in storage:
            path = urllib.parse.urlsplit(f["storage_uris"][0]).path
            with open(path, "rb") as blob:
                data = blob.read()
            tag = tag_of(data)
            if tag is None or tag not in self.versions or self.versions[tag].get(f["name"]) != data:
                self.fail(f"item {item} file {f['name']} holds bytes of no version (tag {tag}, {len(data)} bytes)")
            if f["size"] != len(data):
                self.fail(f"item {item} file {f['name']} says {f['size']} bytes, its blob has {len(data)}")
            tags.add(tag)
            names.add(f["name"])
        if len(tags) != 1:
            self.fail(f"item {item} mixes versions {sorted(tags)}")
        tag = tags.pop()
        if names != set(self.versions[tag]):
            self.fail(f"item {item} has files {sorted(names)}, version {tag} had {sorted(self.versions[tag])}")
        if tag not in self.sent[item]:
            self.fail(f"item {item} holds {tag}, whose complete was never sent")
        if self.promised[item] and self.sent[item].index(tag) < self.sent[item].index(self.promised[item][-1]):
            self.fail(f"item {item} holds {tag}, older than {self.promised[item][-1]} whose complete succeeded (DONE lost)")

    def check_sessions(self):
        """Sessions keep their promises and their files' bytes are right, in the API and on disk."""
        db = self.metadata()
        try:
            for session, job in self.sessions.items():
                state = self.state(db, session, job)
                if state is None:
                    continue  # deleted after the retention period: not in these short runs
                if job.completed and state != "DONE":
                    self.fail(f"session {session} was DONE before the kill and is {state} now (DONE lost)")
                if session in self.never_completed and state == "DONE":
                    self.fail(f"session {session} is DONE though complete was never sent")
                if state == "ACTIVE" and not job.abandoned:
                    try:
                        self.check_active_files(db, session, job)
                    except Failure:
                        # The reaper's first sweep after the start may expire it meanwhile (its
                        # blobs go): only a session still ACTIVE can be wrong.
                        if self.state(db, session, job) == "ACTIVE":
                            raise
        finally:
            db.close()

    def check_active_files(self, db, session, job):
        folder = os.path.join(self.data, "datastores", "datastore-1", self.library, job.item)
        blobs = dict(db.execute("SELECT name, blob FROM session_file WHERE session_id = ?", (session,)).fetchall())
        for info in self.client.ok("GET", f"{SESSIONS}/{session}/file"):
            name, status = info["name"], info["status"]
            if name not in job.files or info.get("source_type") == "NONE":
                # The item's previous version, not yet removed or replaced when the server died:
                # READY with that version's bytes.
                self.check_snapshot_file(db, folder, session, info)
                continue
            expected = job.files[name]
            on_disk = None
            if blobs.get(name) and os.path.exists(os.path.join(folder, blobs[name])):
                with open(os.path.join(folder, blobs[name]), "rb") as f:
                    on_disk = f.read()
            if status == "READY":
                checksum = (info.get("checksum_info") or {}).get("checksum")
                if info.get("bytes_transferred") != len(expected) or on_disk != expected:
                    self.fail(f"session {session} file {name} is READY with wrong bytes "
                              f"({info.get('bytes_transferred')} of {len(expected)}; on disk {None if on_disk is None else len(on_disk)})")
                if checksum is not None and checksum != hashlib.sha256(expected).hexdigest() and info["checksum_info"]["algorithm"] == "SHA256":
                    self.fail(f"session {session} file {name} is READY with the checksum {checksum} of other bytes")
            elif status == "TRANSFERRING" and name in job.uris:
                held = info.get("bytes_transferred", 0)
                if not 0 <= held <= len(expected):
                    self.fail(f"session {session} file {name} holds {held} of {len(expected)} bytes")
                if on_disk is not None and on_disk[:held] != expected[:held]:
                    self.fail(f"session {session} file {name} holds a wrong prefix of {held} bytes")
                code, offset = head_offset(self.live(job.uris[name]))
                if code != 200 or int(offset) != held:
                    self.fail(f"session {session} file {name}: HEAD answered {code} offset {offset}, the file says {held}")
            elif status not in ("WAITING_FOR_TRANSFER", "TRANSFERRING", "VALIDATING", "ERROR"):
                self.fail(f"session {session} file {name} has status {status}")

    def check_snapshot_file(self, db, folder, session, info):
        name = info["name"]
        row = db.execute("SELECT blob FROM session_file WHERE session_id = ? AND name = ?", (session, name)).fetchone()
        if info["status"] != "READY" or row is None:
            self.fail(f"session {session} file {name} of the previous version is {info['status']}")
        with open(os.path.join(folder, row[0]), "rb") as f:
            data = f.read()
        tag = tag_of(data)
        if tag not in self.versions or self.versions[tag].get(name) != data:
            self.fail(f"session {session} file {name} of the previous version holds bytes of no version")

    def finish_some_sessions(self):
        """Ends the ACTIVE sessions at random: resume their uploads and complete, cancel, or leave
        them to the reaper. A resumed upload must end READY: the bytes before the kill were kept."""
        for session, job in list(self.sessions.items()):
            if job.abandoned:
                continue
            status, model = self.client.call("GET", f"{SESSIONS}/{session}")
            if status != 200 or model["state"] != "ACTIVE":
                continue
            choice = self.random.choice(("resume", "cancel", "expire"))
            if choice == "expire":
                job.abandoned = True  # no call touches it again: the reaper must end it
            elif choice == "cancel":
                self.client.ok("POST", f"{SESSIONS}/{session}?action=cancel")
            elif choice == "resume":
                self.resume(session, job)

    def resume(self, session, job):
        for info in self.client.ok("GET", f"{SESSIONS}/{session}/file"):
            name = info["name"]
            if name not in job.uris or info["status"] == "READY":
                continue
            data = job.files[name]
            code, offset = head_offset(self.live(job.uris[name]))
            offset = int(offset)
            if info["status"] == "TRANSFERRING" and 0 < offset < len(data):
                self.resumed += 1
                status = stream_upload(self.live(job.uris[name]), data[offset:], start=offset, total=len(data))
            else:
                status = stream_upload(self.live(job.uris[name]), data)
            if status != 200 and self.client.ok("GET", f"{SESSIONS}/{session}")["state"] != "ACTIVE":
                return  # expired meanwhile: its upload URLs are dead, rightly
            if status != 200:
                self.fail(f"session {session} file {name}: resuming from {offset} answered {status}")
            after = self.client.ok("GET", f"{SESSIONS}/{session}/file/{name}")
            if after["status"] != "READY":
                self.fail(f"session {session} file {name} is {after['status']} after resuming from {offset}")
        # Pulls restart by themselves; wait a little for them, then complete.
        deadline = time.time() + 10
        while time.time() < deadline:
            files = self.client.ok("GET", f"{SESSIONS}/{session}/file")
            if all(f["status"] in ("READY", "ERROR") for f in files):
                break
            time.sleep(0.1)
        state = self.client.ok("GET", f"{SESSIONS}/{session}")["state"]
        if state != "ACTIVE":
            # A `complete` sent before the kill while pulls ran settles by itself once they end.
            if state == "DONE" and not job.complete_sent:
                self.fail(f"session {session} became DONE though complete was never sent")
            return
        if any(f["status"] != "READY" for f in files):
            self.client.ok("POST", f"{SESSIONS}/{session}?action=cancel")
            return
        names = {f["name"] for f in files if f.get("source_type") != "NONE"}
        if names != set(job.files) or len(files) != len(names):
            self.client.ok("POST", f"{SESSIONS}/{session}?action=cancel")  # removal of an old file was cut short
            return
        self.never_completed.discard(session)
        if not job.complete_sent:
            job.complete_sent = True
            self.sent[job.item].append(job.tag)
        status, value = self.client.call("POST", f"{SESSIONS}/{session}?action=complete")
        if status != 204 and self.client.ok("GET", f"{SESSIONS}/{session}")["state"] == "DONE":
            return  # its own earlier `complete` settled meanwhile
        if status != 204:
            self.fail(f"session {session}: complete after resuming answered {status} {value}")
        if self.client.ok("GET", f"{SESSIONS}/{session}")["state"] != "DONE":
            self.fail(f"session {session} did not end DONE after its files were resumed")
        job.completed = True
        self.promised[job.item].append(job.tag)

    def metadata(self):
        return sqlite3.connect(f"file:{os.path.join(self.data, 'metadata.sqlite')}?mode=ro", uri=True, timeout=10)

    def orphans(self):
        """Blobs under the datastore folder that no item file and no ACTIVE session file references,
        and the items with an ACTIVE session."""
        root = os.path.join(self.data, "datastores", "datastore-1")
        # The folder first, then the metadata: a blob's record is saved before its file is made,
        # so every blob seen on disk has its reference in the metadata read after.
        on_disk = [(os.path.basename(dirpath), os.path.join(dirpath, name))
                   for dirpath, _, names in os.walk(root) for name in names]
        db = self.metadata()
        try:
            referenced = {row[0] for row in db.execute("SELECT blob FROM item_file")}
            referenced |= {row[0] for row in db.execute(
                "SELECT session_file.blob FROM session_file JOIN session ON session.id = session_file.session_id "
                "WHERE session.state = 'ACTIVE' AND session_file.blob IS NOT NULL")}
            active = {row[0] for row in db.execute("SELECT item_id FROM session WHERE state = 'ACTIVE'")}
        finally:
            db.close()
        # The API agrees with the metadata on the item files' paths (read again after the
        # listing, for a completion settling meanwhile).
        listings = {item: self.client.ok("GET", f"{API}/content/library/item/{item}/storage") for item in self.items}
        known = referenced | self.item_blobs()
        for item, storages in listings.items():
            for storage in storages:
                for uri in storage["storage_uris"]:
                    if os.path.basename(urllib.parse.urlsplit(uri).path) not in known:
                        self.fail(f"item {item} storage {uri} is not an item file blob")
        return [(item, path) for item, path in on_disk if os.path.basename(path) not in referenced], active

    def item_blobs(self):
        db = self.metadata()
        try:
            return {row[0] for row in db.execute("SELECT blob FROM item_file")}
        finally:
            db.close()

    def check_orphans(self, allow_active):
        """No orphan blob; with `allow_active`, orphans in the folder of an item whose session is
        still ACTIVE are tolerated (they go when that session ends)."""
        for attempt in range(2):
            found, active = self.orphans()
            bad = [path for item, path in found
                   if not (allow_active and item in active)]
            # A session ending while the folder was walked collects its blobs a moment later.
            bad = [path for path in bad if os.path.exists(path)]
            if not bad:
                break
            time.sleep(0.5)
        if bad:
            db = self.metadata()
            try:
                owners = [db.execute(
                    "SELECT session.id, session.state, session.completion_requested, session_file.name, session_file.source_type "
                    "FROM session_file JOIN session ON session.id = session_file.session_id WHERE session_file.blob = ?",
                    (os.path.basename(path),)).fetchall() for path in bad]
            finally:
                db.close()
            self.fail(f"{len(bad)} orphan blob(s) (last kill at {time.strftime('%H:%M:%S', time.gmtime(self.killed_at))}"
                      f".{int(self.killed_at % 1 * 1000):03d}): "
                      + "; ".join(f"{path} (session files naming it: {rows})" for path, rows in zip(bad, owners)))

    def settle(self):
        """Waits until the reaper has expired every ACTIVE session (and pulls have ended), then
        checks items, sessions and orphans once more, strictly."""
        deadline = time.time() + SESSION_TIMEOUT + REAPER_INTERVAL * 2 + 10
        while time.time() < deadline:
            db = self.metadata()
            try:
                active = db.execute("SELECT count(*) FROM session WHERE state = 'ACTIVE'").fetchone()[0]
            finally:
                db.close()
            if active == 0:
                break
            time.sleep(0.5)
        else:
            self.fail("sessions still ACTIVE long after their time-out")
        self.check_items()
        self.check_sessions()
        db = self.metadata()
        try:
            for session, job in self.sessions.items():
                if job.abandoned and not job.complete_sent:
                    row = db.execute("SELECT state, error_message FROM session WHERE id = ?", (session,)).fetchone()
                    if row[0] != "ERROR" or "expired" not in (row[1] or ""):
                        self.fail(f"session {session} left to the reaper ended {row[0]} ({row[1]}), not expired")
        finally:
            db.close()
        self.check_orphans(allow_active=False)


def run(binary, trials, seed=None, log=print, keep_on_failure=False):
    """Runs `trials` trials on one world, then lets the reaper end every session and checks once
    more. Returns a summary dictionary; raises Failure at the first broken invariant (keeping the
    data folder when `keep_on_failure`)."""
    world = CrashWorld(binary, seed=seed, log=log)
    started = time.time()
    failed = False
    try:
        for n in range(trials):
            seconds = world.trial()
            log(f"trial {n + 1}/{trials}: killed after {world.kills[-1][1]} s during {', '.join(world.stages) or 'nothing'}; "
                f"checked in {seconds:.1f} s")
        world.settle()
        states = {}
        db = world.metadata()
        try:
            for session, job in world.sessions.items():
                state = world.state(db, session, job) or "deleted"
                states[state] = states.get(state, 0) + 1
        finally:
            db.close()
        expired = sum(1 for job in world.sessions.values() if job.abandoned)
        return {"resumed": world.resumed, "expired": expired,
                "trials": trials, "seconds": round(time.time() - started, 1), "sessions": len(world.sessions),
                "states": states, "completed": sum(len(t) for t in world.promised.values()), "data": world.data}
    except BaseException:
        failed = True
        raise
    finally:
        world.close()
        if not (failed and keep_on_failure):
            world.remove()
