# SPDX-License-Identifier: Apache-2.0
"""A page helper for the browser UI tests (test_ui.py): headless Debian chromium through
chromium-driver, explicit waits with time limits, and the steps a person takes in the UI
(sign in, create a library, start an import), by element id as the UI names them."""
import base64
import os
import shutil
import tempfile

from selenium import webdriver
from selenium.common.exceptions import (
    NoSuchElementException, StaleElementReferenceException, TimeoutException, WebDriverException,
)
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

WAIT = 20  # seconds any one step may take before the test fails (no test waits forever)


def chromium(attempts=3):
    """A headless chromium driven by Debian's chromedriver (both from apt, never downloaded).

    The driver talks to the browser over a pipe (`--remote-debugging-pipe`), not through a port
    the browser announces in a DevToolsActivePort file. Each attempt gets a profile folder of its
    own under /tmp and writes the driver's and the browser's log to a file.
    A browser that does not come up is tried again, with a fresh profile; if none comes up, the
    error carries the end of the last log, so a CI run says why instead of only "session not
    created"."""
    binary = shutil.which("chromium") or "/usr/bin/chromium"
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    failure = None
    for attempt in range(1, attempts + 1):
        profile = tempfile.mkdtemp(prefix="cl-ui-chromium-")
        log = os.path.join(profile, "chromedriver.log")
        options = Options()
        options.binary_location = binary
        for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                         "--window-size=1280,1100", "--no-first-run", "--disable-extensions", "--remote-debugging-pipe",
                         f"--user-data-dir={os.path.join(profile, 'data')}"):
            options.add_argument(argument)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        service = Service(executable_path=driver_path, log_output=log, service_args=["--enable-chrome-logs"])
        try:
            driver = webdriver.Chrome(service=service, options=options)
        except WebDriverException as error:
            failure = f"chromium did not start (attempt {attempt} of {attempts}): {error.msg}; " \
                      f"the end of the driver's and browser's log: {tail(log)}"
            print(failure)
            shutil.rmtree(profile, ignore_errors=True)
            continue
        driver.profile = profile  # removed by quit_browser()
        driver.set_page_load_timeout(WAIT)
        driver.set_script_timeout(WAIT)
        return driver
    raise WebDriverException(failure)


def quit_browser(driver):
    """Ends the browser and removes its profile folder."""
    driver.quit()
    shutil.rmtree(driver.profile, ignore_errors=True)


def tail(path, lines=15):
    """The last lines of a log file on one line, for an error message."""
    try:
        with open(path, errors="replace") as file:
            return " | ".join(line.strip() for line in file.readlines()[-lines:])
    except OSError as error:
        return f"(no log: {error})"


class Page:
    """The UI of one server in one browser."""

    def __init__(self, driver, base):
        self.driver = driver
        self.base = base

    # MARK: finding and waiting

    def wait(self, condition, timeout=WAIT, message=""):
        try:
            # A view re-renders as it loads: an element found a moment ago may be gone.
            ignored = (NoSuchElementException, StaleElementReferenceException)
            return WebDriverWait(self.driver, timeout, poll_frequency=0.1, ignored_exceptions=ignored).until(condition)
        except TimeoutException:
            raise AssertionError(f"timed out after {timeout} s: {message}\nerror area: {self.error_text()!r}\n"
                                 f"console: {self.console()}") from None

    def find(self, css, timeout=WAIT):
        return self.wait(EC.visibility_of_element_located((By.CSS_SELECTOR, css)), timeout, f"{css} visible")

    def clickable(self, css, timeout=WAIT):
        return self.wait(EC.element_to_be_clickable((By.CSS_SELECTOR, css)), timeout, f"{css} clickable")

    def text_in(self, css, text, timeout=WAIT):
        self.wait(EC.text_to_be_present_in_element((By.CSS_SELECTOR, css), text), timeout, f"{text!r} in {css}")
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def heading(self, text, timeout=WAIT):
        return self.text_in("main h1", text, timeout)

    def error_text(self):
        try:
            area = self.driver.find_element(By.ID, "error")
            return area.text if area.is_displayed() else ""
        except Exception:  # noqa: BLE001 - a page without the area has no error to show
            return ""

    def console(self, limit=10):
        """The browser console's messages since the last call (the last `limit` of them)."""
        try:
            messages = [entry["message"] for entry in self.driver.get_log("browser")]
        except Exception:  # noqa: BLE001 - a driver without logs has nothing to show
            return []
        return messages if limit is None else messages[-limit:]

    def fill(self, css, value):
        element = self.find(css)
        element.clear()
        element.send_keys(value)
        return element

    # MARK: steps

    def open(self):
        """Opens the UI afresh, signed out (the token lives in sessionStorage)."""
        self.driver.get(self.base + "/ui/")
        self.driver.execute_script("sessionStorage.clear()")
        self.driver.get(self.base + "/ui/#/signin")
        self.driver.refresh()
        self.find("#signin-form")

    def sign_in(self, user, password):
        self.fill("#signin-user", user)
        self.fill("#signin-password", password)
        self.clickable("#signin-form button[type=submit]").click()
        self.heading("Libraries")

    def token(self):
        return self.driver.execute_script("return sessionStorage.getItem('content-library.token')")

    def create_library(self, name):
        self.go("#/libraries")
        self.heading("Libraries")
        self.fill("#library-name", name)
        self.fill("#library-description", f"{name} from the browser")
        self.clickable("#library-form button[type=submit]").click()
        return self.text_in("#libraries", name)

    def go(self, fragment):
        self.driver.execute_script("location.hash = arguments[0]", fragment)

    def open_library(self, name):
        self.go("#/libraries")
        link = self.wait(EC.element_to_be_clickable((By.LINK_TEXT, name)), message=f"link {name}")
        link.click()
        self.heading(f"Library {name}")

    def start_import(self, library, item_name, files=(), url=None, thumbprint=None):
        """Opens the import of `library` into a new item and starts it with `files` (paths,
        given to the multiple-file picker) or a `url` to pull."""
        self.open_library(library)
        self.clickable("#import-link").click()
        self.heading(f"Import into {library}")
        self.fill("#import-item-name", item_name)
        if files:
            self.driver.find_element(By.ID, "import-files").send_keys("\n".join(os.path.abspath(p) for p in files))
            self.wait(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#import-picked li")) == len(files), message="files picked")
        if url:
            self.fill("#import-url", url)
            if thumbprint:
                self.fill("#import-thumbprint", thumbprint)
        self.clickable("#import-start").click()
        self.find("#import-progress")

    def complete_import(self, version):
        """Waits for validation to let the import complete, completes it, and waits for the
        outcome naming content version `version`."""
        self.text_in("#import-verdict", "Nothing blocks", timeout=30)
        self.clickable("#import-complete").click()
        self.text_in("#import-outcome", f"content version {version}", timeout=30)

    def select(self, css):
        return Select(self.find(css))

    def screenshot(self, path):
        """Saves the whole page, below the fold too (Chrome DevTools' capture beyond the
        viewport), or the viewport when that is not to be had."""
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        try:
            size = self.driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
            shot = self.driver.execute_cdp_cmd("Page.captureScreenshot", {
                "format": "png", "captureBeyondViewport": True,
                "clip": {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], 4000), "scale": 1}})
            with open(path, "wb") as f:
                f.write(base64.b64decode(shot["data"]))
        except Exception:  # noqa: BLE001 - a screenshot must never be why a test fails
            self.driver.save_screenshot(path)
