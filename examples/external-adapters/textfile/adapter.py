#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""An example external adapter for the item type `textfile`: UTF-8 text files.

Protocol 1 (docs/external-adapters.md): one JSON request on stdin, one JSON report on stdout,
exit status 0. Diagnostics go to stderr, which only the server log sees.

Rules:
  TXT-001  error    the file is not UTF-8 text (invalid UTF-8 or a NUL byte)
  TXT-002  error    the item has no file at all (reported as missing `README.txt`)
  TXT-003  warning  TEXT_LONG_LINE (ignored by default): a line is longer than 200 bytes
  TXT-004  warning  TEXT_TRAILING_WHITESPACE (blocking by default): a line ends in spaces or tabs
  TXT-005  info     the number of lines
"""
import json
import sys

MAX_LINE = 200
MAX_BYTES = 16 << 20


def check(file):
    name, path = file["name"], file["path"]
    with open(path, "rb") as f:
        data = f.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        return [finding("TXT-001", "error", name, f"{name} is larger than {MAX_BYTES} bytes; not a text file.")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return [finding("TXT-001", "error", name, f"{name} is not UTF-8 text (byte {error.start}).")]
    if "\0" in text:
        return [finding("TXT-001", "error", name, f"{name} contains a NUL byte; not a text file.")]
    findings = []
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        if len(line.encode("utf-8")) > MAX_LINE:
            findings.append(finding("TXT-003", "warning", name, f"{name}: line {number} is longer than {MAX_LINE} bytes.",
                                    line=number, warning_type="TEXT_LONG_LINE"))
        if line.rstrip("\r") != line.rstrip("\r").rstrip(" \t"):
            findings.append(finding("TXT-004", "warning", name, f"{name}: line {number} ends in whitespace.",
                                    line=number, warning_type="TEXT_TRAILING_WHITESPACE"))
    findings.append(finding("TXT-005", "info", name, f"{name}: {len(lines)} lines."))
    return findings


def finding(rule, severity, file, message, line=None, warning_type=None, missing=False):
    result = {"rule_id": rule, "severity": severity, "file": file, "message": message}
    if line is not None:
        result["line"] = line
    if warning_type is not None:
        result["warning_type"] = warning_type
    if missing:
        result["missing_file"] = True
    return result


def main():
    request = json.load(sys.stdin)
    if request.get("protocol_version") != 1:
        print(f"unsupported protocol version {request.get('protocol_version')}", file=sys.stderr)
        return 2
    print(f"textfile adapter: checking {len(request['files'])} file(s)", file=sys.stderr)
    findings = []
    for file in request["files"]:
        findings += check(file)
    if not request["files"]:
        findings.append(finding("TXT-002", "error", "README.txt", "The item has no text file.", missing=True))
    json.dump({"protocol_version": 1, "findings": findings}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
