// Adapters: the registered item types, as Type.list (GET /api/content/type) answers them:
// type id, name, description, vendor and version, and the warning types each adapter may raise
// with their default (`warning_types`, this server's addition to Type.list: docs/api.md).

import * as api from "../api.js";
import { h, replace, table } from "../dom.js";

export async function render(view) {
  const types = await api.types.list();
  replace(view, h("h1", {}, "Adapters"),
    h("p", { class: "muted" }, "The item types this server validates, from Type.list."),
    table(["Type", "Name", "Description", "Vendor", "Version", "Warning types"],
      types.map((type) => [h("code", {}, type.type), type.name ?? "", type.description ?? "", type.vendor ?? "", type.version ?? "",
        warningTypes(type.warning_types ?? [])]),
      { id: "adapters" }),
    h("p", { class: "muted" },
      "A warning that blocks by default stops complete until the import switches it to ignored; one ignored by default never does."));
}

/** The warning types of one adapter, each with its default and what it means. */
function warningTypes(declarations) {
  if (declarations.length === 0) return "none";
  return h("ul", { class: "warning-types" }, declarations.map((declaration) =>
    h("li", {}, h("code", {}, declaration.type), ` (${declaration.ignored_by_default ? "ignored" : "blocks complete"} by default): `,
      declaration.description ?? "")));
}
