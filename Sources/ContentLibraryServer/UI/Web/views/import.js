// Import into a new or existing item: files dropped or picked (a folder or several files),
// or a URL the server pulls. It runs a whole update session the way the server requires:
// the manifest and certificate are added first, then the descriptor, then the rest; each file
// is uploaded as it is added, streamed from disk with progress per file and in total, resumed
// from the server's Upload-Offset when the connection breaks; the session is kept alive
// meanwhile. Then the validation panel (validation.js) decides whether Complete is offered.

import * as api from "../api.js";
import { field, h, replace, say, showError } from "../dom.js";
import { bytes, duration, rate } from "../format.js";
import { href } from "../router.js";
import { upload } from "../upload.js";
import { showValidation } from "./validation.js";

/** Extensions whose item type is known, if the server registers that type. */
const typeByExtension = { ovf: "ovf", ova: "ovf", mf: "ovf", cert: "ovf", iso: "iso", qcow2: "qcow2" };

export async function render(view, { library, item: itemID }, context) {
  const [lib, itemIDs, types] = await Promise.all([api.libraries.get(library), api.items.list(library), api.types.list()]);
  const items = await Promise.all(itemIDs.map((id) => api.items.get(id)));
  let picked = [];

  const newName = h("input", { id: "import-item-name", name: "itemName", autocomplete: "off" });
  const existing = h("select", { id: "import-item", name: "item" },
    h("option", { value: "" }, "(a new item)"),
    items.map((item) => h("option", { value: item.id, selected: item.id === itemID }, `${item.name} (${item.type ?? "no type"})`)));
  const typeSelect = h("select", { id: "import-type", name: "type" },
    h("option", { value: "" }, "(none)"),
    types.map((type) => h("option", { value: type.type }, type.type)));
  const filesInput = h("input", { id: "import-files", type: "file", multiple: true });
  const folderInput = h("input", { id: "import-folder", type: "file", webkitdirectory: true, multiple: true });
  const pickedList = h("ul", { id: "import-picked", class: "picked", "aria-live": "polite" });
  const urlInput = h("input", { id: "import-url", type: "url", name: "url", placeholder: "https://host/path/file.iso" });
  const thumbprint = h("input", { id: "import-thumbprint", name: "thumbprint", placeholder: "AB:CD:…", autocomplete: "off" });
  const start = h("button", { type: "submit", class: "primary", id: "import-start" }, "Start import");
  const progress = h("section", { id: "import-progress", "aria-label": "Transfer progress", hidden: true });
  const panel = h("section", { id: "import-validation", "aria-label": "Validation", hidden: true });

  const usePicked = (files) => {
    picked = Array.from(files).filter((file) => !file.name.startsWith("."));
    replace(pickedList, picked.map((file) => h("li", {}, `${file.webkitRelativePath || file.name} (${bytes(file.size)})`)));
    guessType(picked.map((file) => file.name));
  };
  const guessType = (names) => {
    if (existing.value) return;
    for (const name of names) {
      const type = typeByExtension[name.split(".").pop().toLowerCase()];
      if (type && types.some((t) => t.type === type)) {
        typeSelect.value = type;
        return;
      }
    }
  };
  filesInput.addEventListener("change", () => usePicked(filesInput.files));
  folderInput.addEventListener("change", () => usePicked(folderInput.files));
  urlInput.addEventListener("change", () => guessType([new URL(urlInput.value, location.href).pathname]));
  existing.addEventListener("change", () => {
    newName.disabled = Boolean(existing.value);
    typeSelect.disabled = Boolean(existing.value);
  });
  newName.disabled = Boolean(itemID);
  typeSelect.disabled = Boolean(itemID);

  const drop = h("div", { class: "drop", id: "import-drop" },
    h("p", {}, "Drop files or a folder here, or choose them:"),
    h("div", { class: "field" }, h("label", { for: "import-files" }, "Files"), filesInput),
    h("div", { class: "field" }, h("label", { for: "import-folder" }, "A folder"), folderInput),
    pickedList);
  drop.addEventListener("dragover", (event) => {
    event.preventDefault();
    drop.classList.add("over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", async (event) => {
    event.preventDefault();
    drop.classList.remove("over");
    usePicked(await droppedFiles(event.dataTransfer));
  });

  const form = h("form", { class: "card", id: "import-form" },
    h("fieldset", {}, h("legend", {}, "Into"),
      h("div", { class: "field" }, h("label", { for: "import-item" }, "Item"), existing),
      h("div", { class: "field" }, h("label", { for: "import-item-name" }, "New item name"), newName),
      h("div", { class: "field" }, h("label", { for: "import-type" }, "New item type"), typeSelect)),
    h("fieldset", {}, h("legend", {}, "Content from this computer"), drop),
    h("fieldset", {}, h("legend", {}, "Or from a URL the server pulls"),
      h("div", { class: "field" }, h("label", { for: "import-url" }, "URL"), urlInput),
      h("div", { class: "field" }, h("label", { for: "import-thumbprint" }, "Certificate thumbprint (https, optional)"), thumbprint)),
    start);

  const summary = h("p", { id: "import-summary", hidden: true });
  const run = new ImportRun(progress, panel, context);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    showError(null);
    const pull = urlInput.value.trim();
    if (!pull && picked.length === 0) return showError(new Error("Choose files or a folder, or give a URL."));
    if (!existing.value && !newName.value.trim()) return showError(new Error("Name the new item, or choose an existing one."));
    if (pull && !typeSelect.value) guessType([new URL(pull, location.href).pathname]);
    start.disabled = true;
    form.querySelectorAll("input, select").forEach((input) => { input.disabled = true; });
    try {
      const target = existing.value || await api.items.create(library, newName.value.trim(), typeSelect.value);
      const sources = pull ? [pullSource(pull, thumbprint.value.trim())] : ordered(picked).map(pushSource);
      const name = existing.value ? existing.selectedOptions[0].textContent : newName.value.trim();
      // The form has done its part: the page now follows the run.
      form.hidden = true;
      replace(summary, `Importing ${sources.length} file${sources.length === 1 ? "" : "s"} into ${name}.`);
      summary.hidden = false;
      await run.start(target, sources);
    } catch (error) {
      showError(error);
      if (!run.sessionID) {
        form.hidden = false;
        summary.hidden = true;
        start.disabled = false;
        form.querySelectorAll("input, select").forEach((input) => { input.disabled = false; });
      }
    }
  });

  replace(view,
    h("p", { class: "crumbs" }, h("a", { href: "#/libraries" }, "Libraries"), " / ", h("a", { href: href("library", library) }, lib.name), " / import"),
    h("h1", {}, `Import into ${lib.name}`),
    form, summary, progress, panel);
}

/** The manifest and certificate first, then the descriptor, then the rest (docs/api.md). */
function ordered(files) {
  const rank = (file) => {
    const extension = file.name.split(".").pop().toLowerCase();
    return extension === "mf" || extension === "cert" ? 0 : extension === "ovf" ? 1 : 2;
  };
  return [...files].sort((a, b) => rank(a) - rank(b));
}

function pushSource(file) {
  return { name: file.name, size: file.size, file };
}

function pullSource(uri, thumbprint) {
  const name = decodeURIComponent(new URL(uri).pathname.split("/").pop() || "file");
  return { name, size: undefined, uri, thumbprint };
}

/** Every file of a drop, folders walked (webkitGetAsEntry), without the folder names. */
async function droppedFiles(transfer) {
  const entries = Array.from(transfer.items ?? []).map((item) => item.webkitGetAsEntry?.()).filter(Boolean);
  if (entries.length === 0) return Array.from(transfer.files);
  const files = [];
  const walk = async (entry) => {
    if (entry.isFile) files.push(await new Promise((resolve, reject) => entry.file(resolve, reject)));
    else if (entry.isDirectory) {
      const reader = entry.createReader();
      for (;;) {
        const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
        if (batch.length === 0) break;
        for (const child of batch) await walk(child);
      }
    }
  };
  for (const entry of entries) await walk(entry);
  return files;
}

/** One import: the session, its transfers, the keep-alive, cancel, then validation. */
class ImportRun {
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
    const interval = Math.min(Math.max(lifetime / 3, 5_000), 60_000);
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

  /** A transfer that cannot go on fails the session, with the reason the server gave. */
  async failSession(error) {
    try {
      await api.updateSessions.fail(this.sessionID, error.message);
    } catch {
      // The session may already have ended (expired, canceled elsewhere): the error shown is the transfer's.
    }
  }
}
