// The check before complete, for an import whose files have all arrived: File.validate's
// result as a table, the files still missing, the signing certificate from preview_info, and
// each warning with its effective state and a switch that ignores it (PATCH warning_behavior).
// Complete is offered only when nothing blocks it; otherwise the panel says what to do.

import * as api from "../api.js";
import { h, replace, say, showError, table } from "../dom.js";
import { ruleID, time, version } from "../format.js";
import { href } from "../router.js";
import { validity } from "../x509.js";

/** Renders the panel for `run` (an ImportRun: sessionID, itemID, stop(), cancel()). */
export async function showValidation(panel, run) {
  const session = await settledPreview(run.sessionID);
  const result = await api.sessionFiles.validate(run.sessionID);
  const warnings = session.preview_info?.warnings ?? [];
  const blocking = warnings.filter((warning) => !warning.ignored);
  const missing = result.missing_files ?? [];
  const invalid = result.invalid_files ?? [];
  const canComplete = !result.has_errors && missing.length === 0 && blocking.length === 0;

  const completeButton = h("button", { type: "button", class: "primary", id: "import-complete", disabled: !canComplete }, "Complete");
  completeButton.addEventListener("click", () => complete(panel, run, completeButton));
  const advice = [];
  if (invalid.length) advice.push("Correct the files named in the table and import them again (Cancel, then start a new import).");
  if (missing.length) advice.push("Add the missing files: cancel and import again with them included.");
  if (blocking.length) advice.push("Each warning still blocking must be switched to ignored before Complete, if you accept it.");

  replace(panel,
    h("h2", {}, "Validation"),
    h("p", { id: "import-verdict", class: canComplete ? "ok" : "blocked" },
      canComplete ? "Nothing blocks: the import can be completed." : "The import cannot be completed yet."),
    advice.length ? h("ul", { id: "import-advice" }, advice.map((text) => h("li", {}, text))) : null,
    invalid.length
      ? [table(["File", "Severity", "Rule", "Line", "Message"],
        invalid.map((entry) => [entry.name, "error", ruleID(entry.error_message), line(entry.error_message), entry.error_message?.default_message ?? ""]),
        { id: "validation-errors" }),
      h("p", { class: "muted" },
        "File.validate reports each file's first error; content-library validate on the package shows every finding.")]
      : h("p", {}, "No file has errors."),
    missing.length ? h("div", { id: "validation-missing" }, h("h3", {}, "Missing files"), h("ul", {}, missing.map((name) => h("li", {}, name)))) : null,
    certificate(session.preview_info?.certificate_info),
    warnings.length ? warningTable(warnings, run, panel) : null,
    h("div", { class: "actions" }, completeButton,
      h("button", { type: "button", class: "danger", id: "import-cancel-session", onclick: () => run.cancel() }, "Cancel import")));
  panel.hidden = false;
  say(canComplete ? "Validation passed." : "Validation found problems.");
}

/** The line of a finding, from its message's parameters (`params.line.i`), or a dash when the
 *  adapter knows none. */
function line(message) {
  const value = message?.params?.line?.i;
  return value === undefined || value === null ? "—" : String(value);
}

/** The session once its preview has left PREPARING (the server still reading metadata). */
async function settledPreview(sessionID) {
  for (let i = 0; i < 150; i += 1) {
    const session = await api.updateSessions.get(sessionID);
    if (session.state !== "ACTIVE" || session.preview_info?.state !== "PREPARING") return session;
    await api.sleep(200);
  }
  return api.updateSessions.get(sessionID);
}

function certificate(info) {
  if (!info) return null;
  const period = info.x509 ? validity(info.x509) : null;
  return h("section", { id: "validation-certificate", "aria-labelledby": "certificate-title" },
    h("h3", { id: "certificate-title" }, "Signing certificate"),
    h("dl", { class: "details" },
      h("dt", {}, "Subject"), h("dd", {}, info.subject ?? "—"),
      h("dt", {}, "Issuer"), h("dd", {}, info.issuer ?? "—"),
      h("dt", {}, "Valid"), h("dd", {}, period ? `${time(period.notBefore.toISOString())} to ${time(period.notAfter.toISOString())}` : "—"),
      h("dt", {}, "Self-signed"), h("dd", { id: "certificate-self-signed" }, info.self_signed ? "yes" : "no")));
}

/** One row per warning type: its messages, its effective state, and a switch to ignore it. */
function warningTable(warnings, run, panel) {
  const rows = warnings.map((warning) => {
    const id = `ignore-${warning.type}`;
    const toggle = h("input", { type: "checkbox", role: "switch", id, checked: warning.ignored, "aria-checked": String(Boolean(warning.ignored)) });
    toggle.addEventListener("change", async () => {
      toggle.disabled = true;
      try {
        const behavior = warnings.map((w) => ({ type: w.type, ignored: w.type === warning.type ? toggle.checked : Boolean(w.ignored) }));
        await api.updateSessions.update(run.sessionID, { warning_behavior: behavior });
        say(`${warning.type} is now ${toggle.checked ? "ignored" : "blocking"}.`);
        await showValidation(panel, run);
        // The panel was drawn anew: keyboard users stay on the switch they used.
        document.getElementById(id)?.focus();
      } catch (error) {
        toggle.disabled = false;
        showError(error);
      }
    });
    return [
      h("code", {}, warning.type),
      warning.message?.default_message ?? "",
      h("span", { class: warning.ignored ? "state-ignored" : "state-blocking", id: `state-${warning.type}` }, warning.ignored ? "ignored" : "blocks complete"),
      h("span", { class: "switch" }, toggle, h("label", { for: id }, `Ignore ${warning.type}`)),
    ];
  });
  return h("section", { "aria-labelledby": "warnings-title" }, h("h3", { id: "warnings-title" }, "Warnings"),
    table(["Warning", "Message", "State", ""], rows, { id: "validation-warnings" }));
}

/** Complete, then wait for the session to end (pulls may still run) and show the outcome. */
async function complete(panel, run, button) {
  button.disabled = true;
  try {
    await api.updateSessions.complete(run.sessionID);
    let session = await api.updateSessions.get(run.sessionID);
    for (let i = 0; session.state === "ACTIVE" && i < 600; i += 1) {
      await api.sleep(300);
      session = await api.updateSessions.get(run.sessionID);
    }
    run.stop();
    if (session.state !== "DONE") {
      throw new Error(session.error_message?.default_message ?? `The session ended ${session.state}.`);
    }
    const item = await api.items.get(run.itemID);
    replace(panel,
      h("h2", {}, "Done"),
      h("p", { id: "import-outcome", class: "outcome ok" },
        `Imported into ${item.name}: content version ${version(item.content_version)}. `,
        h("a", { href: href("item", item.id), id: "import-item-link" }, "Open the item")));
    say(`Import complete: content version ${version(item.content_version)}.`);
  } catch (error) {
    button.disabled = false;
    showError(error);
  }
}
