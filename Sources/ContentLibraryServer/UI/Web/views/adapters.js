// Adapters: the registered item types, as Type.list (GET /api/content/type) answers them:
// type id, name, description, vendor and version. Type.list carries no warning types (the
// vAPI `com.vmware.content.type.info` has no field for them); an import shows the warnings of
// its own session, and `content-library adapters` lists every type's warning types.

import * as api from "../api.js";
import { h, replace, table } from "../dom.js";

export async function render(view) {
  const types = await api.types.list();
  replace(view, h("h1", {}, "Adapters"),
    h("p", { class: "muted" }, "The item types this server validates, from Type.list."),
    table(["Type", "Name", "Description", "Vendor", "Version"],
      types.map((type) => [h("code", {}, type.type), type.name ?? "", type.description ?? "", type.vendor ?? "", type.version ?? ""]),
      { id: "adapters" }),
    h("p", { class: "muted" },
      "Type.list names no warning types; an import shows the warnings its content raises, each with a switch to ignore it."));
}
