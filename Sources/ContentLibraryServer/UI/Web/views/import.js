// Import into a new or existing item: files dropped or picked (a folder or several files),
// or a URL the server pulls. This module is the form: it picks the files, guesses the item
// type, creates the item when it is new, and orders the files the way the server requires
// (the manifest and certificate first, then the descriptor, then the rest). run.js then runs
// the update session, and validation.js decides whether Complete is offered.

import * as api from "../api.js";
import { h, replace, showError } from "../dom.js";
import { bytes } from "../format.js";
import { href } from "../router.js";
import { ImportRun } from "./run.js";

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
  urlInput.addEventListener("change", () => {
    if (URL.canParse(urlInput.value)) guessType([new URL(urlInput.value).pathname]);
  });
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
    try {
      usePicked(await droppedFiles(event.dataTransfer));
    } catch (error) {
      showError(new Error(`The dropped files could not be read (${error.message ?? error}).`));
    }
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
    if (pull && picked.length > 0) return showError(new Error("Import either the chosen files or the URL: clear one of them."));
    if (pull && !URL.canParse(pull)) return showError(new Error(`${pull} is no URL: give one like https://host/path/file.iso.`));
    if (!existing.value && !newName.value.trim()) return showError(new Error("Name the new item, or choose an existing one."));
    if (pull && !typeSelect.value) guessType([new URL(pull).pathname]);
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
        existing.dispatchEvent(new Event("change"));
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
