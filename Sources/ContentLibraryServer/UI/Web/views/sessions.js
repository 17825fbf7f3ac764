// Sessions: the signed-in user's update sessions (Update session list and get) with state,
// client progress and expiry; cancel or fail an ACTIVE one.

import * as api from "../api.js";
import { h, replace, say, showError, table } from "../dom.js";
import { time } from "../format.js";
import { go, href } from "../router.js";

export async function render(view) {
  const ids = await api.updateSessions.list();
  const sessions = await Promise.all(ids.map((id) => api.updateSessions.get(id)));
  const names = await itemNames(sessions.map((session) => session.library_item_id));
  const rows = sessions.map((session) => [
    h("code", {}, session.id),
    names.has(session.library_item_id)
      ? h("a", { href: href("item", session.library_item_id) }, names.get(session.library_item_id))
      : h("span", { title: "The item no longer exists" }, session.library_item_id),
    h("span", { class: `state state-${session.state}` }, session.state),
    progress(session.client_progress),
    time(session.expiration_time),
    session.error_message?.default_message ?? "",
    session.state === "ACTIVE"
      ? h("span", { class: "actions" },
        action("Cancel", session, () => api.updateSessions.cancel(session.id)),
        action("Fail", session, () => api.updateSessions.fail(session.id, "Failed from the browser UI.")))
      : "",
  ]);
  replace(view, h("h1", {}, "Update sessions"),
    h("p", {}, h("button", { type: "button", onclick: () => go("/sessions") }, "Refresh")),
    rows.length
      ? table(["Session", "Item", "State", "Progress", "Expires", "Error", ""], rows, { id: "sessions" })
      : h("p", {}, "You have no update session."));
}

/** The names of the items, by id; an item deleted since is left out. */
async function itemNames(ids) {
  const names = new Map();
  await Promise.all([...new Set(ids)].map(async (id) => {
    try {
      names.set(id, (await api.items.get(id)).name);
    } catch {
      // A deleted item: its session still shows, by id.
    }
  }));
  return names;
}

function progress(percent) {
  const value = Number(percent ?? 0);
  return h("span", { class: "progress-cell" },
    h("progress", { max: 100, value, "aria-label": `Client progress ${value}%` }), ` ${value}%`);
}

function action(label, session, run) {
  return h("button", {
    type: "button", class: label === "Fail" ? "danger" : undefined, "aria-label": `${label} session ${session.id}`,
    onclick: async () => {
      try {
        await run();
        say(`Session ${session.id}: ${label.toLowerCase()}ed.`);
        go("/sessions");
      } catch (error) {
        showError(error);
      }
    },
  }, label);
}
