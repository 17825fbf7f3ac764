// Small DOM helpers shared by the views: elements built from tag, attributes and children
// (text is always set as text, never parsed as HTML), and the page-wide message areas.

/** Builds an element: h("button", {type: "button", onclick: f}, "Save"). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") element.addEventListener(name.slice(2), value);
    else if (name === "dataset") Object.assign(element.dataset, value);
    else if (value === true) element.setAttribute(name, "");
    else element.setAttribute(name, String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's children. */
export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/** A labelled input: the label names it for screen readers and takes clicks. */
export function field(label, attributes) {
  const input = h(attributes.tag ?? "input", { ...attributes, tag: undefined });
  return h("div", { class: "field" }, h("label", { for: attributes.id }, label), input);
}

/** A table with a caption-less header row; `rows` are arrays of cells (text or nodes). */
export function table(headers, rows, attributes = {}) {
  return h("table", attributes,
    h("thead", {}, h("tr", {}, headers.map((title) => h("th", { scope: "col" }, title)))),
    h("tbody", {}, rows.map((cells) => h("tr", {}, cells.map((cell) => h("td", {}, cell))))));
}

/** Shows an error in the page's alert area (read out by screen readers); `null` clears it. */
export function showError(error) {
  const area = document.getElementById("error");
  if (!error) {
    area.hidden = true;
    area.textContent = "";
    return;
  }
  area.textContent = error.message ?? String(error);
  area.hidden = false;
}

/** Says something in the polite status area (e.g. "Library created"). */
export function say(text) {
  const area = document.getElementById("status");
  area.textContent = text;
  area.dataset.at = String(Date.now());
}

/** Clears the status area unless it was just written (the news of the action that led here). */
export function clearStaleStatus() {
  const area = document.getElementById("status");
  if (Date.now() - Number(area.dataset.at ?? 0) > 1500) area.textContent = "";
}

/**
 * A delete button that asks once more in place: the first press turns it into "Confirm …",
 * the second runs `action`; leaving it (blur) puts it back. `accessibleLabel` names what it
 * deletes for screen readers (a row's "Delete" alone would not).
 */
export function confirmButton(label, confirmLabel, action, accessibleLabel = confirmLabel) {
  const button = h("button", { type: "button", class: "danger", "aria-label": accessibleLabel }, label);
  let armed = false;
  button.addEventListener("click", async () => {
    if (!armed) {
      armed = true;
      button.textContent = confirmLabel;
      button.setAttribute("aria-label", confirmLabel);
      return;
    }
    button.disabled = true;
    try {
      await action();
    } finally {
      button.disabled = false;
    }
  });
  button.addEventListener("blur", () => {
    armed = false;
    button.textContent = label;
    button.setAttribute("aria-label", accessibleLabel);
  });
  return button;
}
