// Reads the validity period of an X.509 certificate (PEM) with a minimal DER walk: the
// server's preview shows issuer, subject and self-signed, and the certificate itself, whose
// tbsCertificate holds notBefore and notAfter.

/** {notBefore, notAfter} as Dates, or null when the PEM cannot be read. */
export function validity(pem) {
  try {
    const base64 = pem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "");
    const der = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const certificate = children(der, read(der, 0));
    const tbs = children(der, certificate[0]);
    // version [0] is optional; then serialNumber, signature, issuer, validity.
    const start = der[tbs[0].start] === 0xa0 ? 1 : 0;
    const [notBefore, notAfter] = children(der, tbs[start + 3]).map((node) => date(der, node));
    return { notBefore, notAfter };
  } catch {
    return null;
  }
}

function read(der, start) {
  let length = der[start + 1];
  let header = 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    length = 0;
    for (let i = 0; i < count; i += 1) length = length * 256 + der[start + 2 + i];
    header += count;
  }
  return { start, body: start + header, end: start + header + length };
}

function children(der, node) {
  const list = [];
  for (let at = node.body; at < node.end;) {
    const child = read(der, at);
    list.push(child);
    at = child.end;
  }
  return list;
}

function date(der, node) {
  const text = String.fromCharCode(...der.slice(node.body, node.end));
  // UTCTime YYMMDDhhmmssZ (years 1950-2049) or GeneralizedTime YYYYMMDDhhmmssZ.
  const full = der[node.start] === 0x17 ? (Number(text.slice(0, 2)) >= 50 ? "19" : "20") + text : text;
  return new Date(Date.UTC(+full.slice(0, 4), +full.slice(4, 6) - 1, +full.slice(6, 8), +full.slice(8, 10), +full.slice(10, 12), +full.slice(12, 14)));
}
