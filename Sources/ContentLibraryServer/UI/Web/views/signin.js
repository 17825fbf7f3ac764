// Sign in: user and password to Session.create (POST /api/session, HTTP Basic).

import * as api from "../api.js";
import { field, h, replace, showError } from "../dom.js";
import { go } from "../router.js";

export async function render(view) {
  const form = h("form", { class: "card narrow", id: "signin-form" },
    field("User", { id: "signin-user", name: "user", autocomplete: "username", required: true, value: "administrator@vsphere.local" }),
    field("Password", { id: "signin-password", name: "password", type: "password", autocomplete: "current-password", required: true }),
    h("button", { type: "submit", class: "primary" }, "Sign in"));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = form.querySelector("button");
    button.disabled = true;
    try {
      await api.signIn(form.querySelector("#signin-user").value, form.querySelector("#signin-password").value);
      go("/libraries");
    } catch (error) {
      showError(error);
      form.querySelector("#signin-password").focus();
    } finally {
      button.disabled = false;
    }
  });
  replace(view, h("h1", {}, "Sign in"), form);
}
