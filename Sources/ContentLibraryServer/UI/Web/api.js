// The one client of the REST dialect (/api/...) that every view uses. It keeps the session
// token in sessionStorage (gone when the tab closes), sends it as vmware-api-session-id, and
// turns vAPI error bodies ({"error_type": …, "messages": [{"default_message": …}]}) into
// APIError, whose message is the server's own text.

const tokenKey = "content-library.token";
const userKey = "content-library.user";
const sessions = "/api/content/library/item/update-session";
const downloads = "/api/content/library/item/download-session";

/** An error answered by the server: its vAPI error type and its messages. */
export class APIError extends Error {
  constructor(status, type, messages) {
    super(messages.length ? messages.join(" ") : `${type ?? "Error"} (HTTP ${status})`);
    this.status = status;
    this.type = type;
  }
}

/** Called when the server no longer knows the token (401): the app shows the sign-in form. */
let onSignedOut = () => {};
export function whenSignedOut(handler) {
  onSignedOut = handler;
}

export function token() {
  return sessionStorage.getItem(tokenKey);
}

export function user() {
  return sessionStorage.getItem(userKey);
}

/** One call: JSON in and out; the error of a non-2xx answer as APIError. */
export async function call(method, path, { body, query } = {}) {
  const url = new URL(path, location.origin);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null) url.searchParams.set(name, value);
  }
  const headers = { Accept: "application/json" };
  if (token()) headers["vmware-api-session-id"] = token();
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (error) {
    throw new APIError(0, "NETWORK", [`The server could not be reached (${error.message}).`]);
  }
  const text = await response.text();
  const value = text ? parse(text) : undefined;
  if (!response.ok) {
    const messages = (value?.messages ?? []).map((m) => m.default_message ?? m.id);
    if (response.status === 401 && path !== "/api/session") {
      sessionStorage.removeItem(tokenKey);
      onSignedOut();
    }
    throw new APIError(response.status, value?.error_type, messages);
  }
  return value;
}

function parse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

// MARK: session

/** Session.create with HTTP Basic; keeps the token for the tab. */
export async function signIn(name, password) {
  const credentials = btoa(String.fromCharCode(...new TextEncoder().encode(`${name}:${password}`)));
  const response = await fetch("/api/session", { method: "POST", headers: { Authorization: `Basic ${credentials}` } });
  const value = parse(await response.text());
  if (!response.ok) {
    throw new APIError(response.status, value?.error_type, (value?.messages ?? []).map((m) => m.default_message));
  }
  sessionStorage.setItem(tokenKey, value);
  sessionStorage.setItem(userKey, name);
}

/** Session.delete, then forgets the token (also when the server had already forgotten it). */
export async function signOut() {
  try {
    await call("DELETE", "/api/session");
  } finally {
    sessionStorage.removeItem(tokenKey);
    sessionStorage.removeItem(userKey);
  }
}

// MARK: libraries and items

export const libraries = {
  list: () => call("GET", "/api/content/library"),
  get: (id) => call("GET", `/api/content/library/${enc(id)}`),
  create: (name, description, datastore) => call("POST", "/api/content/local-library", {
    body: { name, description: description || undefined, storage_backings: [{ type: "DATASTORE", datastore_id: datastore }] },
  }),
  delete: (id) => call("DELETE", `/api/content/local-library/${enc(id)}`),
};

export const items = {
  list: (libraryID) => call("GET", "/api/content/library/item", { query: { library_id: libraryID } }),
  get: (id) => call("GET", `/api/content/library/item/${enc(id)}`),
  create: (libraryID, name, type) => call("POST", "/api/content/library/item", {
    body: { library_id: libraryID, name, type: type || undefined },
  }),
  delete: (id) => call("DELETE", `/api/content/library/item/${enc(id)}`),
  files: (id) => call("GET", `/api/content/library/item/${enc(id)}/file`),
};

export const types = {
  list: () => call("GET", "/api/content/type"),
};

// MARK: update sessions

export const updateSessions = {
  create: (itemID) => call("POST", sessions, { body: { library_item_id: itemID } }),
  get: (id) => call("GET", `${sessions}/${enc(id)}`),
  list: (itemID) => call("GET", sessions, { query: { library_item_id: itemID } }),
  update: (id, spec) => call("PATCH", `${sessions}/${enc(id)}`, { body: spec }),
  complete: (id) => call("POST", `${sessions}/${enc(id)}`, { query: { action: "complete" } }),
  keepAlive: (id, progress) => call("POST", `${sessions}/${enc(id)}`, { query: { action: "keep-alive" }, body: { client_progress: progress } }),
  cancel: (id) => call("POST", `${sessions}/${enc(id)}`, { query: { action: "cancel" } }),
  fail: (id, message) => call("POST", `${sessions}/${enc(id)}`, { query: { action: "fail" }, body: { client_error_message: message } }),
  delete: (id) => call("DELETE", `${sessions}/${enc(id)}`),
};

export const sessionFiles = {
  add: (sessionID, spec) => call("POST", `${sessions}/${enc(sessionID)}/file`, { body: spec }),
  get: (sessionID, name) => call("GET", `${sessions}/${enc(sessionID)}/file/${enc(name)}`),
  list: (sessionID) => call("GET", `${sessions}/${enc(sessionID)}/file`),
  validate: (sessionID) => call("POST", `${sessions}/${enc(sessionID)}/file`, { query: { action: "validate" } }),
};

// MARK: download sessions

export const downloadSessions = {
  create: (itemID) => call("POST", downloads, { body: { library_item_id: itemID } }),
  prepare: (id, name) => call("POST", `${downloads}/${enc(id)}/file`, { query: { action: "prepare" }, body: { file_name: name, endpoint_type: "HTTPS" } }),
  file: (id, name) => call("GET", `${downloads}/${enc(id)}/file`, { query: { file_name: name } }),
  delete: (id) => call("DELETE", `${downloads}/${enc(id)}`),
};

function enc(part) {
  return encodeURIComponent(part);
}

/** Waits `ms` milliseconds. */
export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
