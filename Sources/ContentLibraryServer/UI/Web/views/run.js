// One import's update session, once the form has given its item and files: each file added
// and its bytes moved (an upload streamed from disk with progress per file and in total,
// resumed from the server's Upload-Offset when the connection breaks; or the server's PULL,
// polled), the session kept alive meanwhile, Cancel at any time, then the validation panel.

import * as api from "../api.js";
import { h, replace, say, showError } from "../dom.js";
import { bytes, duration, rate } from "../format.js";
import { upload } from "../upload.js";
import { showValidation } from "./validation.js";

/** One import: the session, its transfers, the keep-alive, cancel, then validation. */
export class ImportRun {
  constructor(progress, panel, context) {
    this.progress = progress;
    this.panel = panel;
    this.abort = new AbortController();
    this.timer = null;
    context.onLeave(() => this.stop());
  }

  stop() {
    clearInterval(this.timer);
    this.timer = null;
    this.abort.abort();
  }

  async start(itemID, sources) {
    this.itemID = itemID;
    this.sessionID = await api.updateSessions.create(itemID);
    const session = await api.updateSessions.get(this.sessionID);
    this.keepAlive(session.expiration_time);
    this.rows = sources.map((source) => this.row(source));
    const total = sources.reduce((sum, source) => sum + (source.size ?? 0), 0);
    this.totals = { sent: 0, total, started: performance.now() };
    this.totalBar = h("progress", { id: "import-total-bar", max: Math.max(total, 1), value: 0, "aria-label": "Total progress" });
    this.totalText = h("span", { id: "import-total-text" });
    this.cancelButton = h("button", { type: "button", id: "import-cancel", class: "danger", onclick: () => this.cancel() }, "Cancel import");
    replace(this.progress,
      h("h2", {}, "Transfer"),
      h("p", { class: "muted" }, "Session ", h("code", { id: "import-session" }, this.sessionID)),
      h("ul", { class: "transfers" }, this.rows.map((row) => row.element)),
      h("div", { class: "total" }, h("label", { for: "import-total-bar" }, "Total"), this.totalBar, this.totalText),
      this.cancelButton);
    this.progress.hidden = false;
    say("Import started.");
    try {
      for (const [index, source] of sources.entries()) {
        if (this.abort.signal.aborted) return;
        await this.transfer(source, this.rows[index]);
      }
    } catch (error) {
      if (this.abort.signal.aborted) return;
      this.stop();
      await this.failSession(error);
      this.showFailure(error);
      throw error;
    }
    // Stopped (cancelled, or the user left the view): the session is no longer this page's.
    if (this.abort.signal.aborted) return;
    // The transfers are done: the session's client progress says so at once.
    await api.updateSessions.keepAlive(this.sessionID, 100).catch(() => {});
    // From here on the validation panel offers Cancel beside Complete.
    this.cancelButton.hidden = true;
    say("All files transferred; validating.");
    await showValidation(this.panel, this);
  }

  row(source) {
    const bar = h("progress", { max: Math.max(source.size ?? 1, 1), value: 0, "aria-label": `Progress of ${source.name}` });
    const text = h("span", { class: "file-state" }, "waiting");
    const element = h("li", { class: "transfer", dataset: { name: source.name } }, h("span", { class: "file-name" }, source.name), bar, text);
    return { bar, text, element, sent: 0 };
  }

  /** Adds one file to the session and moves its bytes (an upload, or the server's pull). */
  async transfer(source, row) {
    const spec = source.uri
      ? { name: source.name, source_type: "PULL", source_endpoint: { uri: source.uri, ssl_certificate_thumbprint: source.thumbprint || undefined } }
      : { name: source.name, source_type: "PUSH", size: source.size };
    const info = await api.sessionFiles.add(this.sessionID, spec);
    row.text.textContent = "transferring";
    if (source.uri) return this.pull(source, row);
    await upload(info.upload_endpoint.uri, source.file, {
      signal: this.abort.signal,
      onProgress: (sent) => this.report(row, sent, source.size),
      onResume: (offset) => {
        row.element.dataset.resumedAt = String(offset);
        say(`${source.name}: the connection broke; resuming at ${bytes(offset)}.`);
      },
    });
    const done = await this.settled(source.name);
    if (done.status === "ERROR") throw new Error(done.error_message?.default_message ?? `${source.name} failed.`);
    row.text.textContent = "done";
    row.element.classList.add("done");
  }

  async pull(source, row) {
    for (;;) {
      if (this.abort.signal.aborted) return;
      const file = await api.sessionFiles.get(this.sessionID, source.name);
      if (file.size) row.bar.max = file.size;
      this.report(row, file.bytes_transferred ?? 0, file.size);
      if (file.status === "READY") {
        row.text.textContent = "done";
        row.element.classList.add("done");
        return;
      }
      if (file.status === "ERROR") throw new Error(file.error_message?.default_message ?? `${source.name} failed.`);
      await api.sleep(300);
    }
  }

  /** The file once the server has checked what it received (READY or ERROR). */
  async settled(name) {
    for (let i = 0; i < 600; i += 1) {
      const file = await api.sessionFiles.get(this.sessionID, name);
      if (file.status === "READY" || file.status === "ERROR") return file;
      await api.sleep(200);
    }
    throw new Error(`${name} was not checked by the server in time.`);
  }

  report(row, sent, size) {
    this.totals.sent += sent - row.sent;
    row.sent = sent;
    row.bar.value = sent;
    row.text.textContent = size ? `${bytes(sent)} of ${bytes(size)}` : bytes(sent);
    if (this.totals.total === 0 && size) {
      this.totals.total = size;
      this.totalBar.max = size;
    }
    const seconds = (performance.now() - this.totals.started) / 1000;
    const speed = seconds > 0 ? this.totals.sent / seconds : 0;
    const left = speed > 0 ? (this.totals.total - this.totals.sent) / speed : NaN;
    this.totalBar.value = this.totals.sent;
    // Screen readers hear the total in steps of 10 %, not at every progress event.
    const step = this.totals.total ? Math.floor((this.totals.sent * 10) / this.totals.total) : 0;
    if (step > (this.totals.announced ?? 0) && step < 10) {
      this.totals.announced = step;
      say(`Transferred ${step * 10} %.`);
    }
    this.totalText.textContent = `${bytes(this.totals.sent)} of ${bytes(this.totals.total)}, ${rate(speed)}, ${duration(left)} left`;
  }

  /** Keep-alive with the client progress, a few times per expiry period. */
  keepAlive(expiration) {
    const lifetime = expiration ? new Date(expiration).getTime() - Date.now() : 60_000;
    // A third of the session's idle time, between 2 s and a minute (a browser clock far from
    // the server's cannot make it hammer the server, nor let the session lapse for long).
    const interval = Math.min(Math.max(lifetime / 3, 2_000), 60_000);
    this.timer = setInterval(() => {
      const percent = this.totals?.total ? Math.floor((this.totals.sent * 100) / this.totals.total) : 0;
      api.updateSessions.keepAlive(this.sessionID, Math.min(percent, 100)).catch(() => {});
    }, interval);
  }

  /** Cancel: stops the transfers and cancels the session (its bytes are deleted). */
  async cancel() {
    this.stop();
    this.cancelButton.disabled = true;
    try {
      await api.updateSessions.cancel(this.sessionID);
      replace(this.panel, h("p", { id: "import-outcome", class: "outcome" }, "Import canceled: the session is CANCELED and the item is unchanged."));
      this.panel.hidden = false;
      say("Import canceled.");
    } catch (error) {
      showError(error);
    }
  }

  /** The outcome of a failed transfer: what the server said, and a way to start over. */
  showFailure(error) {
    this.cancelButton.hidden = true;
    replace(this.panel,
      h("p", { id: "import-outcome", class: "outcome blocked" },
        `The import failed: ${error.message} The session ended in ERROR and the item is unchanged. `),
      h("button", {
        type: "button", id: "import-again",
        // The same route drawn anew: a fresh form.
        onclick: () => window.dispatchEvent(new HashChangeEvent("hashchange")),
      }, "Start a new import"));
    this.panel.hidden = false;
    say("The import failed.");
  }

  /** A transfer that cannot go on fails the session, with the reason the server gave. */
  async failSession(error) {
    try {
      await api.updateSessions.fail(this.sessionID, error.message);
    } catch {
      // The session may already have ended (expired, canceled elsewhere): the error shown is the transfer's.
    }
  }
}
