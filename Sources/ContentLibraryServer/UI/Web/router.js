// A hash router: "#/item/ID" runs the route whose pattern is "/item/:id" with {id: "ID"}.
// Hash URLs need nothing from the server beyond /ui/ and keep the back button working.

const routes = [];

/** Adds a route; `pattern` segments starting with ":" are parameters. */
export function route(pattern, handler) {
  routes.push({ parts: pattern.split("/").filter(Boolean), handler });
}

/** The route and parameters of the current hash, or null when none matches. */
export function resolve(hash = location.hash) {
  const [path, search] = hash.replace(/^#/, "").split("?");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  for (const candidate of routes) {
    if (candidate.parts.length !== parts.length) continue;
    const params = Object.fromEntries(new URLSearchParams(search ?? ""));
    const matched = candidate.parts.every((part, index) => {
      if (part.startsWith(":")) {
        params[part.slice(1)] = parts[index];
        return true;
      }
      return part === parts[index];
    });
    if (matched) return { handler: candidate.handler, params };
  }
  return null;
}

/** Goes to a path ("/libraries"); the hashchange event renders it. */
export function go(path) {
  if (location.hash === `#${path}`) window.dispatchEvent(new HashChangeEvent("hashchange"));
  else location.hash = path;
}

/** A link to a route path. */
export function href(...parts) {
  return "#/" + parts.map(encodeURIComponent).join("/");
}
