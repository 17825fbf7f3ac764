// Uploads a File or Blob to an upload URL with XMLHttpRequest (whose upload progress events
// fetch lacks). The browser streams the Blob from disk: nothing here reads it into memory.
// A broken upload is resumed where the server stopped: HEAD on the upload URL answers the
// bytes it holds in Upload-Offset, and a PUT with Content-Range: bytes N-(TOTAL-1)/TOTAL
// appends the rest (docs/uploads.md).

import { APIError, sleep } from "./api.js";

/** Whether a failed attempt may be tried again (the connection broke, or the offset moved). */
class TransferError extends Error {
  constructor(message, retriable) {
    super(message);
    this.retriable = retriable;
  }
}

/** One PUT of `blob` from `offset` on; `onProgress(bytesHeldByServer)` while it goes. */
function put(url, blob, offset, onProgress, signal) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", url);
    if (offset > 0) xhr.setRequestHeader("Content-Range", `bytes ${offset}-${blob.size - 1}/${blob.size}`);
    xhr.upload.onprogress = (event) => onProgress(offset + event.loaded);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) return resolve();
      let body;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      const messages = (body?.messages ?? []).map((m) => m.default_message);
      if (xhr.status === 409) return reject(new TransferError(messages.join(" ") || "The upload offset moved.", true));
      reject(new APIError(xhr.status, body?.error_type, messages));
    };
    xhr.onerror = () => reject(new TransferError("The connection broke during the upload.", true));
    xhr.ontimeout = xhr.onerror;
    xhr.onabort = () => reject(new TransferError("The upload was stopped.", false));
    if (signal.aborted) return reject(new TransferError("The upload was stopped.", false));
    signal.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(offset > 0 ? blob.slice(offset) : blob);
  });
}

/** The bytes the server holds for the upload URL, and whether an upload of it still runs. */
export async function uploadOffset(url) {
  const response = await fetch(url, { method: "HEAD" });
  if (!response.ok) throw new APIError(response.status, "NOT_FOUND", [`The upload URL answered HTTP ${response.status}.`]);
  return {
    offset: Number(response.headers.get("Upload-Offset") ?? 0),
    active: response.headers.get("Upload-Active") === "?1",
  };
}

/**
 * Uploads the whole of `file`, resuming after a broken connection up to `retries` times in a
 * row without progress. `onProgress(bytes)` reports the bytes sent so far (including those the
 * server had already). `onResume(offset)` is told when an attempt starts again.
 */
export async function upload(url, file, { onProgress, onResume = () => {}, signal, retries = 5 }) {
  let offset = 0;
  let failures = 0;
  for (;;) {
    try {
      await put(url, file, offset, onProgress, signal);
      onProgress(file.size);
      return;
    } catch (error) {
      if (!(error instanceof TransferError) || !error.retriable || signal.aborted) throw error;
      failures += 1;
      if (failures > retries) throw error;
      await sleep(500 * failures);
      // The server may not have noticed the broken connection yet: wait until it lets go.
      let state = await uploadOffset(url);
      for (let waited = 0; state.active && waited < 40 && !signal.aborted; waited += 1) {
        await sleep(250);
        state = await uploadOffset(url);
      }
      if (state.offset > offset) failures = 0;
      offset = state.offset;
      if (offset >= file.size) return;
      onResume(offset);
    }
  }
}
