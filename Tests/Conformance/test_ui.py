# SPDX-License-Identifier: Apache-2.0
"""The browser UI (/ui/) end to end in a real browser: Debian's chromium, headless, driven by
chromium-driver through Selenium, against a server started from the built binary.

Flows: sign in and out; libraries; an upload cut by a proxy and resumed; a signed OVF folder whose self-signed certificate blocks
complete until its warnings are switched to ignored; an OVF with a broken reference, which
names the rule and offers no complete; an ISO pulled from a URL, then again into the same item; a running import cancelled; a
narrow window without sideways scrolling.
Every test saves a screenshot of its last screen to .build-conformance/screenshots/<test>.png,
pass or fail (the `page` fixture). With CONTENT_LIBRARY_UI_SCREENSHOT=PATH the signed-OVF test
also saves the import view, validation shown, to PATH (docs/images/ui-import.png is made so)."""
import hashlib
import http.server
import os
import shutil
import tempfile
import threading
import time
import uuid

import pytest
import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import start_server, stop_server
from harness import FIXTURES, ROOT, Proxy, Source
from ui_page import Page, chromium, quit_browser

SCREENSHOTS = os.path.join(ROOT, ".build-conformance", "screenshots")
SIGNED = [os.path.join(FIXTURES, "cert", "self-signed", name) for name in ("pkg.ovf", "disk1.vmdk", "pkg.mf", "pkg.cert")]


class TrickleHandler(http.server.BaseHTTPRequestHandler):
    """`/trickle/NAME` sends NAME 1 KiB at a time every 50 ms: a source still running when the
    test cancels. Stops when the reader goes away."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = os.path.join(self.server.folder, os.path.basename(self.path))
        data = open(path, "rb").read()
        self.send_response(200)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        try:
            for start in range(0, len(data), 1024):
                self.wfile.write(data[start:start + 1024])
                self.wfile.flush()
                time.sleep(0.05)
        except OSError:
            return


@pytest.fixture(scope="module")
def world(binary):
    """A server, an http source with the ISO fixture, and a trickling one."""
    base = tempfile.mkdtemp(prefix="content-library-ui-")
    folder = os.path.join(base, "source")
    os.makedirs(folder)
    shutil.copy(os.path.join(FIXTURES, "iso", "plain.iso"), folder)
    source = Source(folder)
    trickle = http.server.ThreadingHTTPServer(("127.0.0.1", 0), TrickleHandler)
    trickle.daemon_threads = True
    trickle.folder = folder
    threading.Thread(target=trickle.serve_forever, daemon=True).start()
    server = start_server(binary, os.path.join(base, "data"))
    yield {"server": server, "source": source, "trickle": f"http://127.0.0.1:{trickle.server_address[1]}", "base": base}
    stop_server(server)
    source.stop()
    trickle.shutdown()
    trickle.server_close()
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="module")
def browser():
    driver = chromium()
    yield driver
    quit_browser(driver)


@pytest.fixture
def page(browser, world, request):
    """The UI opened afresh and signed out; its last screen is saved whatever the outcome."""
    page = Page(browser, world["server"].base)
    page.open()
    try:
        yield page
    finally:
        page.screenshot(os.path.join(SCREENSHOTS, f"{request.node.name}.png"))
    # Nothing the UI ships may trip its own Content-Security-Policy.
    violations = [line for line in page.console(limit=None) if "Content Security Policy" in line]
    assert not violations, violations


def signed_in(page, world):
    server = world["server"]
    page.sign_in(server.admin, server.password)
    return page


def new_library(page):
    name = "ui-" + uuid.uuid4().hex[:8]
    page.create_library(name)
    return name


def api(world, token):
    """A REST call with the browser's own token, to check what the UI did."""
    base = world["server"].base

    def call(method, path, **kwargs):
        return requests.request(method, base + "/api" + path, headers={"vmware-api-session-id": token}, timeout=10, **kwargs)
    return call


def test_sign_in_shows_the_libraries_and_sign_out_ends_the_session(page, world):
    page.fill("#signin-user", world["server"].admin)
    page.fill("#signin-password", "wrong password")
    page.clickable("#signin-form button[type=submit]").click()
    page.wait(lambda d: page.error_text() != "", message="a refused sign-in is shown")
    assert "Libraries" not in page.find("main h1").text
    # By keyboard alone: the user field, Tab to the password, Enter submits.
    page.fill("#signin-user", world["server"].admin)
    page.find("#signin-user").send_keys(Keys.TAB)
    assert page.driver.switch_to.active_element.get_attribute("id") == "signin-password"
    password = page.driver.switch_to.active_element
    password.clear()
    password.send_keys(world["server"].password)
    assert password.get_attribute("value") == world["server"].password
    password.send_keys(Keys.ENTER)
    page.heading("Libraries")
    assert page.driver.switch_to.active_element.tag_name == "h1", "focus moves to the new view"
    token = page.token()
    assert token and api(world, token)("GET", "/session").status_code == 200
    # Adapters: the registered types (Type.list).
    page.clickable("#nav a[href='#/adapters']").click()
    page.heading("Adapters")
    page.text_in("#adapters", "OVF templates and OVA archives")
    page.text_in("#adapters", "iso")
    page.text_in("#adapters", "SELF_SIGNED_CERTIFICATE (blocks complete by default)")
    page.clickable("#signout").click()
    page.find("#signin-form")
    assert page.token() is None
    assert api(world, token)("GET", "/session").status_code == 401, "the server ended the session"


def test_a_narrow_window_needs_no_sideways_scrolling(page, world):
    signed_in(page, world)
    library = new_library(page)
    size = page.driver.get_window_size()
    page.driver.set_window_size(390, 900)
    try:
        for fragment, heading in (("#/libraries", "Libraries"), ("#/adapters", "Adapters")):
            page.go(fragment)
            page.heading(heading)
            assert page.driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1"), fragment
        page.open_library(library)
        page.clickable("#import-link").click()
        page.heading(f"Import into {library}")
        assert page.driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")
    finally:
        page.screenshot(os.path.join(SCREENSHOTS, "narrow-import.png"))
        page.driver.set_window_size(size["width"], size["height"])


def test_create_and_delete_a_library(page, world):
    signed_in(page, world)
    name = new_library(page)
    row = page.text_in("#libraries", name).find_element(By.XPATH, f".//tr[td/a[text()='{name}']]")
    assert "datastore-1" in row.text and f"{name} from the browser" in row.text
    assert row.find_elements(By.TAG_NAME, "td")[3].text == "0"
    delete = row.find_element(By.TAG_NAME, "button")
    delete.click()
    page.wait(lambda d: delete.text.startswith("Confirm"), message="delete asks again")
    delete.click()
    page.wait(lambda d: name not in d.find_element(By.TAG_NAME, "main").text, message="library gone")


def test_a_self_signed_ovf_is_blocked_until_its_warnings_are_ignored(page, world):
    signed_in(page, world)
    library = new_library(page)
    page.start_import(library, "signed", files=SIGNED)
    page.find("#validation-warnings", timeout=30)
    assert page.find("#state-SELF_SIGNED_CERTIFICATE").text == "blocks complete"
    assert not page.find("#import-complete").is_enabled()
    assert page.find("#certificate-self-signed").text == "yes"
    assert not page.driver.find_element(By.ID, "import-cancel").is_displayed(), "one Cancel once validation shows"
    assert "CN=" in page.find("#validation-certificate").text
    # The manifest and the certificate were added before the descriptor.
    names = [li.get_attribute("data-name") for li in page.driver.find_elements(By.CSS_SELECTOR, "#import-progress li")]
    assert names.index("pkg.mf") < names.index("pkg.ovf") and names.index("pkg.cert") < names.index("pkg.ovf")
    if os.environ.get("CONTENT_LIBRARY_UI_SCREENSHOT"):
        page.screenshot(os.environ["CONTENT_LIBRARY_UI_SCREENSHOT"])
    # A self-signed signer is also untrusted: both block until switched to ignored.
    # By keyboard: Space on the focused switch; focus stays on it after the panel is redrawn.
    for warning in [w.get_attribute("id")[len("state-"):] for w in page.driver.find_elements(By.CSS_SELECTOR, "[id^=state-]")]:
        page.clickable(f"#ignore-{warning}").send_keys(Keys.SPACE)
        page.text_in(f"#state-{warning}", "ignored")
        page.wait(lambda d: d.switch_to.active_element.get_attribute("id") == f"ignore-{warning}", message="focus kept")
    page.wait(lambda d: d.find_element(By.ID, "import-complete").is_enabled(), message="complete offered")
    page.clickable("#import-complete").click()
    page.text_in("#import-outcome", "content version 2", timeout=30)
    page.clickable("#import-item-link").click()
    page.heading("Item signed")
    assert page.find("#item-version").text == "2"
    files = page.find("#files").text
    assert "pkg.ovf" in files and "disk1.vmdk" in files
    # A download link through a download session.
    row = page.driver.find_element(By.XPATH, "//table[@id='files']//tr[td[text()='disk1.vmdk']]")
    row.find_element(By.TAG_NAME, "button").click()
    link = page.wait(lambda d: row.find_elements(By.TAG_NAME, "a"), message="download link")[0]
    assert "/cls/download/" in link.get_attribute("href")
    assert requests.get(link.get_attribute("href"), timeout=10).content == open(SIGNED[1], "rb").read()


def test_an_ovf_with_a_broken_reference_names_the_rule_and_offers_no_complete(page, world):
    folder = os.path.join(world["base"], "broken")
    os.makedirs(folder, exist_ok=True)
    descriptor = open(os.path.join(FIXTURES, "ovf", "minimal", "minimal.ovf")).read()
    assert 'ovf:fileRef="file1"' in descriptor
    with open(os.path.join(folder, "broken.ovf"), "w") as f:
        f.write(descriptor.replace('ovf:fileRef="file1"', 'ovf:fileRef="file9"'))
    shutil.copy(os.path.join(FIXTURES, "ovf", "minimal", "disk1.vmdk"), folder)
    signed_in(page, world)
    library = new_library(page)
    page.start_import(library, "broken", files=[os.path.join(folder, "broken.ovf"), os.path.join(folder, "disk1.vmdk")])
    errors = page.find("#validation-errors", timeout=30)
    cells = [td.text for td in errors.find_elements(By.CSS_SELECTOR, "tbody tr:first-child td")]
    assert cells[0] == "broken.ovf" and cells[1] == "error" and cells[2] == "OVF-DISK-004", cells
    # The line of the Disk element that names the undeclared file (from the message's params).
    broken_line = next(n for n, text in enumerate(open(os.path.join(folder, "broken.ovf")), 1) if 'fileRef="file9"' in text)
    assert cells[3] == str(broken_line), cells
    assert "file9" in cells[4]
    assert not page.find("#import-complete").is_enabled()
    assert "cannot be completed" in page.find("#import-verdict").text
    assert "Correct the files" in page.find("#import-advice").text


def test_an_iso_pulled_from_a_url(page, world):
    signed_in(page, world)
    library = new_library(page)
    page.start_import(library, "pulled", url=world["source"].url("/plain.iso"))
    page.complete_import(2)
    page.clickable("#import-item-link").click()
    assert page.find("#item-version").text == "2"
    assert "iso" in page.find("#item-details").text
    # Once more into the same, existing item: the item page's update link preselects it.
    page.clickable("#update-link").click()
    page.heading(f"Import into {library}")
    assert page.select("#import-item").first_selected_option.text.startswith("pulled")
    page.fill("#import-url", world["source"].url("/plain.iso"))
    page.clickable("#import-start").click()
    page.complete_import(3)


def test_a_running_import_can_be_cancelled(page, world):
    signed_in(page, world)
    library = new_library(page)
    page.start_import(library, "cancelled", url=world["trickle"] + "/trickle/plain.iso")
    session = page.find("#import-session").text
    page.wait(lambda d: "KiB" in d.find_element(By.CSS_SELECTOR, "#import-progress li").text, message="bytes arriving")
    page.clickable("#import-cancel").click()
    page.text_in("#import-outcome", "canceled")
    token = page.token()
    assert api(world, token)("GET", f"/content/library/item/update-session/{session}").json()["state"] == "CANCELED"
    # The Sessions view lists it as such.
    page.clickable("#nav a[href='#/sessions']").click()
    page.heading("Update sessions")
    row = page.text_in("#sessions", session).find_element(By.XPATH, f".//tr[td/code[text()='{session}']]")
    assert "CANCELED" in row.text


def test_a_broken_upload_resumes_from_the_servers_offset(page, world):
    """Through a proxy that cuts the connection once, 1.5 MB into the upload of a 4 MiB file:
    the UI asks the server for Upload-Offset and sends the rest with Content-Range."""
    content = os.urandom(4 << 20)
    path = os.path.join(world["base"], "big.bin")
    with open(path, "wb") as f:
        f.write(content)
    proxy = Proxy(world["server"].port)
    try:
        page.base = f"http://127.0.0.1:{proxy.port}"
        page.open()
        signed_in(page, world)
        library = new_library(page)
        proxy.cut_after = proxy.forwarded + 1_500_000
        page.start_import(library, "resumed", files=[path])
        page.text_in("#import-verdict", "Nothing blocks", timeout=60)
        assert proxy.cuts == 1
        row = page.find("#import-progress li[data-name='big.bin']")
        resumed_at = int(row.get_attribute("data-resumed-at") or 0)
        assert 0 < resumed_at < len(content), "resumed from the server's offset, not from the start"
        page.clickable("#import-complete").click()
        page.text_in("#import-outcome", "content version 2", timeout=30)
        item = page.driver.find_element(By.ID, "import-item-link").get_attribute("href").rsplit("/", 1)[1]
        files = api(world, page.token())("GET", f"/content/library/item/{item}/file").json()
        assert [(f["name"], f["checksum_info"]["checksum"]) for f in files] == [("big.bin", hashlib.sha256(content).hexdigest())]
    finally:
        proxy.close()


def test_files_dropped_on_the_drop_zone_are_imported(page, world):
    """A drop as the browser delivers it (a DataTransfer holding a File), made in the page: the
    file is picked, its type guessed from its name, and imported."""
    signed_in(page, world)
    library = new_library(page)
    page.open_library(library)
    page.clickable("#import-link").click()
    page.heading(f"Import into {library}")
    page.fill("#import-item-name", "dropped")
    page.driver.execute_script("""
        const transfer = new DataTransfer();
        transfer.items.add(new File(["hello from a drop\\n"], "notes.txt", {type: "text/plain"}));
        const zone = document.getElementById("import-drop");
        zone.dispatchEvent(new DragEvent("dragover", {dataTransfer: transfer, bubbles: true, cancelable: true}));
        zone.dispatchEvent(new DragEvent("drop", {dataTransfer: transfer, bubbles: true, cancelable: true}));
    """)
    page.text_in("#import-picked", "notes.txt")
    page.clickable("#import-start").click()
    page.complete_import(2)


def test_the_sessions_view_fails_an_active_session(page, world):
    signed_in(page, world)
    library = new_library(page)
    page.start_import(library, "left", url=world["trickle"] + "/trickle/plain.iso")
    session = page.find("#import-session").text
    # Leaving the import stops the page's polling; the session stays ACTIVE on the server.
    page.clickable("#nav a[href='#/sessions']").click()
    page.heading("Update sessions")
    row = page.text_in("#sessions", session).find_element(By.XPATH, f".//tr[td/code[text()='{session}']]")
    assert "ACTIVE" in row.text
    row.find_element(By.XPATH, ".//button[text()='Fail']").click()
    page.wait(lambda d: "ERROR" in d.find_element(By.XPATH, f"//table[@id='sessions']//tr[td/code[text()='{session}']]").text,
              message="the session shows ERROR")
    state = api(world, page.token())("GET", f"/content/library/item/update-session/{session}").json()
    assert state["state"] == "ERROR" and "browser" in state["error_message"]["default_message"]
    page.text_in("#sessions", "left")  # the item is named, not just its id
    time.sleep(4)  # the trickle ends: the import left behind must not go on to validate
    assert page.error_text() == ""


def test_the_session_is_kept_alive_while_the_import_runs(page, world, binary):
    """A server whose sessions lapse after 6 idle seconds, reached through a proxy that counts
    keep-alive calls: a pull of about 3.5 s sees them."""
    server = start_server(binary, os.path.join(world["base"], "short-sessions"), extra_args=["--session-timeout", "6"])
    proxy = Proxy(server.port)
    try:
        page.base = f"http://127.0.0.1:{proxy.port}"
        page.open()
        page.sign_in(server.admin, server.password)
        library = new_library(page)
        page.start_import(library, "kept", url=world["trickle"] + "/trickle/plain.iso")
        page.text_in("#import-verdict", "Nothing blocks", timeout=30)
        # At least one on the timer (every 2 s here) besides the one that reports 100 % at the end.
        assert proxy.keep_alives >= 2, proxy.keep_alives
        page.clickable("#import-complete").click()
        page.text_in("#import-outcome", "content version 2", timeout=30)
    finally:
        proxy.close()
        stop_server(server)


def test_a_pull_that_fails_says_why_and_offers_a_new_import(page, world):
    signed_in(page, world)
    library = new_library(page)
    page.start_import(library, "missing", url=world["source"].url("/missing.iso"))
    outcome = page.text_in("#import-outcome", "The import failed", timeout=30).text
    assert "404" in outcome, outcome  # the server's own message about the source
    assert page.error_text(), "the error area says it too"
    session = page.find("#import-session").text
    assert api(world, page.token())("GET", f"/content/library/item/update-session/{session}").json()["state"] == "ERROR"
    page.clickable("#import-again").click()
    page.find("#import-form")
