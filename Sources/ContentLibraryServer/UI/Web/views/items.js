// The items of one library: name, type, size, content version, last change and security
// compliance; create an empty item; delete one; start an import.

import * as api from "../api.js";
import { confirmButton, field, h, replace, say, showError, table } from "../dom.js";
import { bytes, compliance, time, version } from "../format.js";
import { go, href } from "../router.js";

export async function render(view, { id }) {
  const [library, itemIDs, types] = await Promise.all([api.libraries.get(id), api.items.list(id), api.types.list()]);
  const items = await Promise.all(itemIDs.map((itemID) => api.items.get(itemID)));
  items.sort((a, b) => a.name.localeCompare(b.name));
  const rows = items.map((item) => [
    h("a", { href: href("item", item.id) }, item.name),
    item.type ?? "—",
    bytes(item.size),
    version(item.content_version),
    time(item.last_modified_time),
    compliance(item),
    confirmButton("Delete", `Confirm delete ${item.name}`, async () => {
      try {
        await api.items.delete(item.id);
        say(`Item ${item.name} deleted.`);
        go(`/library/${id}`);
      } catch (error) {
        showError(error);
      }
    }, `Delete item ${item.name}`),
  ]);
  const typeSelect = h("select", { id: "item-type", name: "type" },
    h("option", { value: "" }, "(none)"),
    types.map((type) => h("option", { value: type.type }, type.type)));
  const form = h("form", { class: "card", id: "item-form" },
    h("h2", {}, "New empty item"),
    field("Name", { id: "item-name", name: "name", required: true }),
    h("div", { class: "field" }, h("label", { for: "item-type" }, "Type"), typeSelect),
    h("button", { type: "submit", class: "primary" }, "Create item"));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const name = form.querySelector("#item-name").value.trim();
      await api.items.create(id, name, typeSelect.value);
      say(`Item ${name} created.`);
      go(`/library/${id}`);
    } catch (error) {
      showError(error);
    }
  });
  replace(view,
    h("p", { class: "crumbs" }, h("a", { href: "#/libraries" }, "Libraries"), " / ", library.name),
    h("h1", {}, `Library ${library.name}`),
    h("p", {}, h("a", { class: "button primary", href: href("import", id), id: "import-link" }, "Import…")),
    rows.length
      ? table(["Name", "Type", "Size", "Content version", "Last modified", "Security compliance", ""], rows, { id: "items" })
      : h("p", {}, "No item yet."),
    form);
}
