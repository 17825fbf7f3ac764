// One item: its details and files (name, size, SHA-256), each with a download through a
// download session (create, prepare the file, poll until PREPARED, then link its URL).

import * as api from "../api.js";
import { h, replace, showError, table } from "../dom.js";
import { bytes, compliance, time, version } from "../format.js";
import { href } from "../router.js";

export async function render(view, { id }) {
  const item = await api.items.get(id);
  const [library, files] = await Promise.all([api.libraries.get(item.library_id), api.items.files(id)]);
  const details = h("dl", { class: "details", id: "item-details" },
    entry("Type", item.type ?? "—"),
    entry("Size", bytes(item.size)),
    entry("Content version", version(item.content_version), "item-version"),
    entry("Created", time(item.creation_time)),
    entry("Last modified", time(item.last_modified_time)),
    entry("Security compliance", compliance(item)),
    entry("Description", item.description ?? ""));
  const rows = files.map((file) => [
    file.name,
    bytes(file.size),
    h("code", { class: "digest" }, file.checksum_info?.checksum ?? "—"),
    downloadCell(item.id, file.name),
  ]);
  replace(view,
    h("p", { class: "crumbs" },
      h("a", { href: "#/libraries" }, "Libraries"), " / ",
      h("a", { href: href("library", library.id ?? item.library_id) }, library.name), " / ", item.name),
    h("h1", {}, `Item ${item.name}`),
    details,
    h("p", {}, h("a", { class: "button primary", id: "update-link", href: `${href("import", item.library_id)}?item=${encodeURIComponent(item.id)}` }, "Update content…")),
    h("h2", {}, "Files"),
    rows.length ? table(["Name", "Size", "SHA-256", "Download"], rows, { id: "files" }) : h("p", {}, "No file yet."));
}

function entry(term, value, id) {
  return [h("dt", {}, term), h("dd", { id }, value)];
}

/** A button that prepares the file for download; once PREPARED it becomes the download link. */
function downloadCell(itemID, name) {
  const cell = h("span", { class: "download" });
  const button = h("button", { type: "button", "aria-label": `Prepare ${name} for download` }, "Prepare download");
  button.addEventListener("click", async () => {
    button.disabled = true;
    button.textContent = "Preparing…";
    try {
      const session = await api.downloadSessions.create(itemID);
      let file = await api.downloadSessions.prepare(session, name);
      const deadline = Date.now() + 60_000;
      while (file.status === "PREPARING" && Date.now() < deadline) {
        await api.sleep(500);
        file = await api.downloadSessions.file(session, name);
      }
      if (file.status !== "PREPARED") throw new Error(`The server could not prepare ${name} (${file.status}).`);
      replace(cell, h("a", { href: file.download_endpoint.uri, download: name, class: "button" }, `Download ${name}`));
    } catch (error) {
      button.disabled = false;
      button.textContent = "Prepare download";
      showError(error);
    }
  });
  cell.append(button);
  return cell;
}
