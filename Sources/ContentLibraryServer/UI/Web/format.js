// Formatting of sizes, rates, times and durations for display.

const units = ["B", "KiB", "MiB", "GiB", "TiB"];

/** 1536 -> "1.5 KiB"; unknown sizes show as an em dash. */
export function bytes(count) {
  if (count === undefined || count === null) return "—";
  let value = Number(count);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** A rate in bytes per second. */
export function rate(bytesPerSecond) {
  return Number.isFinite(bytesPerSecond) && bytesPerSecond > 0 ? `${bytes(Math.round(bytesPerSecond))}/s` : "—";
}

/** Seconds as "1 h 2 min", "3 min 4 s" or "5 s". */
export function duration(seconds) {
  if (!Number.isFinite(seconds) || seconds < 0) return "—";
  const s = Math.round(seconds);
  if (s >= 3600) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  if (s >= 60) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${s} s`;
}

/** An ISO 8601 time from the API in the browser's locale. */
export function time(text) {
  if (!text) return "—";
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? text : date.toLocaleString();
}

/**
 * The rule id of a validation message: the server names each message
 * `com.vmware.content.library.validation.<rule>` with the rule lower-cased and dashes as
 * underscores (OVF-REF-007 -> ovf_ref_007).
 */
export function ruleID(message) {
  const prefix = "com.vmware.content.library.validation.";
  const id = message?.id ?? "";
  return id.startsWith(prefix) ? id.slice(prefix.length).toUpperCase().replaceAll("_", "-") : id || "—";
}

/** A content version as a number ("0000000002" -> "2"); other forms as they are. */
export function version(text) {
  if (text === undefined || text === null) return "—";
  return /^\d+$/.test(text) ? String(Number(text)) : text;
}

/** An item's security compliance, with the certificate verification status when it has one. */
export function compliance(item) {
  if (item.security_compliance === undefined || item.security_compliance === null) return "—";
  const status = item.certificate_verification_info?.status;
  return `${item.security_compliance ? "compliant" : "not compliant"}${status ? ` (${status})` : ""}`;
}
