// The entry module: wires the routes to the views, shows the sign-in form when there is no
// token, and renders the view of the current hash into <main id="view">.

import * as api from "./api.js";
import { clearStaleStatus, h, replace, showError } from "./dom.js";
import { go, resolve, route } from "./router.js";
import * as signin from "./views/signin.js";
import * as libraries from "./views/libraries.js";
import * as items from "./views/items.js";
import * as item from "./views/item.js";
import * as importer from "./views/import.js";
import * as sessions from "./views/sessions.js";
import * as adapters from "./views/adapters.js";

route("/signin", signin.render);
route("/libraries", libraries.render);
route("/library/:id", items.render);
route("/item/:id", item.render);
route("/import/:library", importer.render);
route("/sessions", sessions.render);
route("/adapters", adapters.render);

const view = document.getElementById("view");
const nav = document.getElementById("nav");
/** Set by a view that must be stopped before another replaces it (the import's timers). */
let leave = null;

async function render() {
  showError(null);
  clearStaleStatus();
  if (leave) {
    leave();
    leave = null;
  }
  const signedIn = Boolean(api.token());
  nav.hidden = !signedIn;
  document.getElementById("who").textContent = signedIn ? api.user() ?? "" : "";
  if (!signedIn && !location.hash.startsWith("#/signin")) {
    go("/signin");
    return;
  }
  const match = resolve();
  if (!match) {
    go(signedIn ? "/libraries" : "/signin");
    return;
  }
  replace(view, h("p", {}, "Loading…"));
  const context = { onLeave: (f) => { leave = f; } };
  try {
    await match.handler(view, match.params, context);
  } catch (error) {
    replace(view, h("p", {}, "This page could not be shown."));
    showError(error);
  }
  // Moves focus to the new content so keyboard and screen-reader users start there.
  const heading = view.querySelector("h1");
  if (heading) {
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  }
}

// The skip link moves focus to the content; following its "#view" would leave the hash routes.
document.querySelector(".skip").addEventListener("click", (event) => {
  event.preventDefault();
  view.focus();
});
api.whenSignedOut(() => go("/signin"));
document.getElementById("signout").addEventListener("click", async () => {
  try {
    await api.signOut();
  } catch (error) {
    showError(error);
  }
  go("/signin");
});
window.addEventListener("hashchange", render);
render();
