//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel

/// `WEAK_DIGEST`, declared by the OVF adapter; spelled here so this file does not depend on it.
private let weakDigestWarning = WarningType(rawValue: "WEAK_DIGEST")
/// `OVF_COMPATIBILITY`, declared by the OVF adapter.
private let compatibilityWarning = WarningType(rawValue: "OVF_COMPATIBILITY")
/// `OVF_PACKAGE_CONTENT`, declared by the OVF adapter.
private let packageContentWarning = WarningType(rawValue: "OVF_PACKAGE_CONTENT")

/// Reads the lines of a manifest into entries, applying the rules that need nothing but the
/// manifest itself: MF-002 to MF-006 and MF-011 to MF-013.
///
/// Only entries that pass every one of those rules are returned, each file once, so the
/// coverage and digest rules that follow never see a name they could not trust.
struct ManifestParser: Sendable {
    /// The parsed entries and the findings about the manifest's own lines.
    struct Result: Sendable {
        /// Valid entries, in line order, one per file name.
        var entries: [ManifestEntry] = []
        /// Findings, all on the manifest; errors carry their line.
        var findings: [Finding] = []
    }

    /// The manifest's session file name, used in findings and for MF-012.
    var manifestName: String

    /// The certificate that would sign this manifest (`<base>.cert`), which must not be listed either.
    var certificateName: String {
        ManifestCheck.baseName(of: self.manifestName) + ".cert"
    }

    /// Parses the manifest bytes (UTF-8; invalid sequences become U+FFFD and fail the name rules).
    func parse(_ bytes: [UInt8]) -> Result {
        var result = Result()
        var nonCanonicalLines: [Int] = []
        var sha1Lines: [Int] = []
        var firstByName: [String: ManifestEntry] = [:]
        let text = String(decoding: bytes, as: UTF8.self)
        for (index, rawLine) in ManifestLine.lines(of: text).enumerated() {
            let line = index + 1
            let parts: ManifestLine.Parts
            switch ManifestLine.parse(rawLine) {
            case .blank:
                continue
            case .unparsable:
                result.findings.append(
                    .error(
                        "MF-002", file: self.manifestName, line: line,
                        "\(self.manifestName) line \(line) is not a manifest entry of the form "
                            + "ALG(file name)= hex digest: "
                            + "\"\(Self.excerpt(rawLine))\""
                    )
                )
                continue
            case .entry(let entryParts):
                parts = entryParts
            }
            guard let algorithm = Self.algorithm(parts.algorithm) else {
                result.findings.append(
                    .error(
                        "MF-004", file: self.manifestName, line: line,
                        "\(self.manifestName) line \(line) uses the digest algorithm \"\(parts.algorithm)\" for "
                            + "\(parts.fileName); only SHA1, SHA256 and SHA512 are valid in a manifest"
                    )
                )
                continue
            }
            guard parts.digest.count == algorithm.hexLength, parts.digest.allSatisfy({ $0.isASCII && $0.isHexDigit })
            else {
                result.findings.append(
                    .error(
                        "MF-005", file: self.manifestName, line: line,
                        "\(self.manifestName) line \(line): the \(algorithm.rawValue) digest of \(parts.fileName) "
                            + "must be "
                            + "\(algorithm.hexLength) hex digits, but it is \"\(Self.excerpt(parts.digest[...]))\" "
                            + "(\(parts.digest.count) characters)"
                    )
                )
                continue
            }
            if parts.fileName.contains("/") || parts.fileName.contains("..") {
                result.findings.append(
                    .error(
                        "MF-013", file: self.manifestName, line: line,
                        "\(self.manifestName) line \(line) names \"\(parts.fileName)\": manifest file names must not "
                            + "contain \"/\" or \"..\""
                    )
                )
                continue
            }
            if !parts.isCanonical { nonCanonicalLines.append(line) }
            if algorithm == .sha1 { sha1Lines.append(line) }
            let entry = ManifestEntry(
                algorithm: algorithm, fileName: parts.fileName, digest: parts.digest.lowercased(), line: line
            )
            if let first = firstByName[entry.fileName] {
                result.findings.append(self.duplicate(entry, of: first))
                continue
            }
            firstByName[entry.fileName] = entry
            if entry.fileName == self.manifestName || entry.fileName == self.certificateName {
                result.findings.append(
                    .warning(
                        "MF-012", type: packageContentWarning, file: self.manifestName, line: line,
                        "\(self.manifestName) line \(line) lists \(entry.fileName), which a manifest cannot list "
                            + "consistently (the manifest and certificate are never listed); the entry is ignored"
                    )
                )
                continue
            }
            result.entries.append(entry)
        }
        if let first = nonCanonicalLines.first {
            result.findings.append(
                .warning(
                    "MF-003", type: compatibilityWarning, file: self.manifestName, line: first,
                    "\(self.manifestName) has \(Self.lines(nonCanonicalLines)) not in the canonical form "
                        + "ALG(file name)= lower-case hex (extra spaces or upper-case hex); ESXi/vSphere import "
                        + "rejects this form. The entries were accepted."
                )
            )
        }
        if let first = sha1Lines.first {
            result.findings.append(
                .warning(
                    "MF-006", type: weakDigestWarning, file: self.manifestName, line: first,
                    "\(self.manifestName) uses SHA1 on \(Self.lines(sha1Lines)); SHA1 is a weak digest that no "
                        + "longer protects against tampering. Use SHA256 or SHA512."
                )
            )
        }
        return result
    }

    /// MF-011: a second entry for the same file; an error unless it repeats the first exactly.
    private func duplicate(_ entry: ManifestEntry, of first: ManifestEntry) -> Finding {
        if entry.algorithm == first.algorithm && entry.digest == first.digest {
            return .warning(
                "MF-011", type: packageContentWarning, file: self.manifestName, line: entry.line,
                "\(self.manifestName) lists \(entry.fileName) twice (lines \(first.line) and \(entry.line)) with the "
                    + "same digest"
            )
        }
        return .error(
            "MF-011", file: self.manifestName, line: entry.line,
            "\(self.manifestName) lists \(entry.fileName) twice with different digests: \(first.algorithm.rawValue) "
                + "\(first.digest) on line \(first.line) and \(entry.algorithm.rawValue) \(entry.digest) on line "
                + "\(entry.line)"
        )
    }

    /// The manifest algorithm for a token; MD5 is a ChecksumAlgorithm but not a manifest algorithm (MF-004).
    static func algorithm(_ token: String) -> ChecksumAlgorithm? {
        switch token {
        case "SHA1": .sha1
        case "SHA256": .sha256
        case "SHA512": .sha512
        default: nil
        }
    }

    /// "line 3" or "3 lines (3, 5, 8)", for messages.
    private static func lines(_ numbers: [Int]) -> String {
        guard numbers.count > 1 else { return "line \(numbers[0])" }
        let shown = numbers.prefix(5).map(String.init).joined(separator: ", ")
        return "\(numbers.count) lines (\(shown)\(numbers.count > 5 ? ", …" : ""))"
    }

    /// At most 80 characters of a line, so one bad line cannot flood a message.
    static func excerpt(_ text: Substring) -> String {
        var text = text
        if text.last == "\r" { text = text.dropLast() }
        return text.count <= 80 ? String(text) : String(text.prefix(80)) + "…"
    }
}
