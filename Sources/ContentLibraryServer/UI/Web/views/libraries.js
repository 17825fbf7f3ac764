// Libraries: every library with its description, storage and item count; create one on a
// datastore; delete one.

import * as api from "../api.js";
import { confirmButton, field, h, replace, say, showError, table } from "../dom.js";
import { go, href } from "../router.js";

export async function render(view) {
  const ids = await api.libraries.list();
  const rows = await Promise.all(ids.map(async (id) => {
    const [library, itemIDs] = await Promise.all([api.libraries.get(id), api.items.list(id)]);
    return [
      h("a", { href: href("library", id) }, library.name),
      library.description ?? "",
      (library.storage_backings ?? []).map((b) => b.datastore_id ?? b.storage_uri).join(", "),
      String(itemIDs.length),
      confirmButton("Delete", `Confirm delete ${library.name}`, async () => {
        try {
          await api.libraries.delete(id);
          say(`Library ${library.name} deleted.`);
          go("/libraries");
        } catch (error) {
          showError(error);
        }
      }, `Delete library ${library.name}`),
    ];
  }));
  const form = h("form", { class: "card", id: "library-form" },
    h("h2", {}, "New library"),
    field("Name", { id: "library-name", name: "name", required: true }),
    field("Description", { id: "library-description", name: "description" }),
    field("Datastore", { id: "library-datastore", name: "datastore", required: true, value: "datastore-1" }),
    h("button", { type: "submit", class: "primary" }, "Create library"));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const value = (id) => form.querySelector(`#${id}`).value.trim();
      await api.libraries.create(value("library-name"), value("library-description"), value("library-datastore"));
      say(`Library ${value("library-name")} created.`);
      go("/libraries");
    } catch (error) {
      showError(error);
    }
  });
  replace(view,
    h("h1", {}, "Libraries"),
    rows.length
      ? table(["Name", "Description", "Storage", "Items", ""], rows, { id: "libraries" })
      : h("p", { id: "libraries-empty" }, "No library yet."),
    form);
}
