# SPDX-License-Identifier: Apache-2.0
"""`GET /metrics` (README "Metrics"): the Prometheus text exposition format 0.0.4 without a login,
and counters that move when a real upload goes through the REST API; `--no-metrics` turns it off."""
import re
import shutil
import tempfile
import time

import requests

from harness import start_server, stop_server
from test_download import Client as DownloadClient
from test_rest_api import SESSIONS, Rest, create_item, create_library, create_session, upload

NAME = r"[a-zA-Z_:][a-zA-Z0-9_:]*"
SAMPLE = re.compile(rf'^({NAME})(?:\{{((?:{NAME}="(?:[^"\\]|\\.)*",?)*)\}})? (\S+)$')
LABEL = re.compile(rf'({NAME})="((?:[^"\\]|\\.)*)"')
COMMENT = re.compile(rf"^# (?:TYPE {NAME} (?:counter|gauge|histogram|summary|untyped)|HELP {NAME} .*)$")


def scrape(server):
    """Every sample of a scrape as {(name, frozenset(labels)): value}; any malformed line fails."""
    response = requests.get(server.base + "/metrics")
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"].startswith("text/plain; version=0.0.4")
    samples = {}
    for line in response.text.splitlines():
        if not line:
            continue
        if line.startswith("#"):
            assert COMMENT.match(line), line
            continue
        match = SAMPLE.match(line)
        assert match, line
        name, labels, value = match.groups()
        samples[(name, frozenset(LABEL.findall(labels or "")))] = float(value)
    return samples


def value(samples, name, **labels):
    return samples.get((name, frozenset(labels.items())), 0.0)


def scrape_until(server, check, seconds=5):
    """Scrapes until `check(samples)` holds: a request is counted once its answer is written,
    a moment after the client has read it."""
    deadline = time.time() + seconds
    while True:
        samples = scrape(server)
        if check(samples) or time.time() > deadline:
            return samples
        time.sleep(0.05)


def test_metrics_move_with_a_rest_upload(server):
    before = scrape(server)
    client = Rest(server)
    library = create_library(client, "metrics")
    item = create_item(client, library, "metrics-item")
    session = create_session(client, item)
    data = b"metrics " * 4096
    upload(client, session, "data.bin", data)
    client.void("POST", f"{SESSIONS}/{session}", action="complete")

    create = dict(operation="com.vmware.content.library.item.update_session.create", method="POST", status="201")
    after = scrape_until(server, lambda s: value(s, "content_library_http_requests_total", **create) > value(before, "content_library_http_requests_total", **create))
    assert value(after, "content_library_http_requests_total", **create) == value(before, "content_library_http_requests_total", **create) + 1
    complete = "com.vmware.content.library.item.update_session.complete"
    assert value(after, "content_library_http_request_duration_seconds_count", operation=complete) >= 1
    received = value(after, "content_library_received_bytes_total", kind="push") - value(before, "content_library_received_bytes_total", kind="push")
    assert received == len(data)
    assert value(after, "content_library_transfers_in_flight", kind="push") == 0
    assert value(after, "content_library_validation_duration_seconds_count", type="generic") >= 1
    assert value(after, "content_library_update_sessions", state="DONE") >= 1
    # Ids never become labels: the session id is nowhere in the scrape.
    assert not any(session in str(key) for key in after)
    # The first reaper sweep runs at start.
    assert value(after, "content_library_reaper_runs_total", outcome="ok") >= 1


def test_a_download_counts_the_bytes_served(server):
    downloads = DownloadClient(server)
    library = downloads.call("POST", "/content/local-library", {
        "name": "metrics-downloads", "storage_backings": [{"type": "DATASTORE", "datastore_id": "datastore-1"}]})
    content = b"served " * 10_000
    item = downloads.item_with(library, "payload.bin", content)
    _, info = downloads.prepared(item, "payload.bin")
    before = scrape(server)
    response = requests.get(info["download_endpoint"]["uri"])
    assert response.status_code == 200 and response.content == content
    ranged = requests.get(info["download_endpoint"]["uri"], headers={"Range": "bytes=0-99"})
    assert ranged.status_code == 206
    served = lambda s: value(s, "content_library_served_bytes_total") - value(before, "content_library_served_bytes_total")  # noqa: E731
    after = scrape_until(server, lambda s: served(s) >= len(content) + 100)
    assert served(after) == len(content) + 100
    route = "/cls/download/{token}/{name}"
    assert value(after, "content_library_http_requests_total", operation=route, method="GET", status="200") >= 1
    assert value(after, "content_library_http_requests_total", operation=route, method="GET", status="206") >= 1


def test_no_metrics_turns_the_route_off(binary):
    data = tempfile.mkdtemp(prefix="content-library-conformance-")
    running = start_server(binary, data, extra_args=["--no-metrics"])
    try:
        assert requests.get(running.base + "/metrics").status_code == 404
    finally:
        stop_server(running)
        shutil.rmtree(data, ignore_errors=True)
