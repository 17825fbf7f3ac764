//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// One line of a manifest (or the signature line of a certificate) split into its parts, before
/// any rule is applied.
///
/// Both the canonical form `ALG(name)= hex` and the lenient form `ALG (name) = hex` that
/// `sha1sum --tag` writes are split here; `isCanonical` tells them apart (MF-002, MF-003).
/// The split anchors on the last `=` (a digest never contains one) and on the first `(` and the
/// last `)` before it, so file names may contain parentheses and `=`.
enum ManifestLine: Hashable, Sendable {
    /// Nothing but whitespace.
    case blank
    /// The line does not have the shape `ALG(name)= digest`.
    case unparsable
    /// A line with the right shape; the parts are not yet checked.
    case entry(Parts)

    /// The parts of a line with the right shape.
    struct Parts: Hashable, Sendable {
        /// The algorithm token as written, e.g. `SHA256` or `SHA2-256`.
        var algorithm: String
        /// The file name between the parentheses, as written.
        var fileName: String
        /// The digest as written (any case).
        var digest: String
        /// Whether the line is exactly `ALG(name)= hex` with lower-case hex (a trailing CR aside).
        var isCanonical: Bool
    }

    /// Splits one line; a trailing CR is dropped first.
    static func parse(_ line: Substring) -> ManifestLine {
        var text = line
        if text.last == "\r" { text = text.dropLast() }
        let trimmed = Self.trimmed(text)
        if trimmed.isEmpty { return .blank }
        guard let equals = trimmed.lastIndex(of: "=") else { return .unparsable }
        let left = Self.trimmed(trimmed[..<equals])
        let digest = Self.trimmed(trimmed[trimmed.index(after: equals)...])
        guard left.last == ")", let open = left.firstIndex(of: "(") else { return .unparsable }
        let algorithm = Self.trimmed(left[..<open])
        let close = left.index(before: left.endIndex)
        guard open < close else { return .unparsable }
        let fileName = left[left.index(after: open)..<close]
        guard !algorithm.isEmpty, !fileName.isEmpty, !digest.isEmpty,
            algorithm.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }),
            !digest.contains(where: { $0 == " " || $0 == "\t" })
        else { return .unparsable }
        let canonical = "\(algorithm)(\(fileName))= \(digest)"
        let isCanonical = text == canonical[...] && !digest.contains(where: { ("A"..."F").contains($0) })
        return .entry(
            Parts(
                algorithm: String(algorithm), fileName: String(fileName), digest: String(digest),
                isCanonical: isCanonical)
        )
    }

    /// The lines of `text`, split at LF and CRLF (Swift sees CRLF as one Character, so a plain
    /// split at "\n" would miss it); a lone trailing CR is left for parse(_:) to drop.
    static func lines(of text: String) -> [Substring] {
        text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
    }

    /// `text` without leading and trailing spaces and tabs.
    private static func trimmed(_ text: Substring) -> Substring {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let first = text.firstIndex(where: { !isBlank($0) }) else { return text[text.endIndex...] }
        let last = text.lastIndex(where: { !isBlank($0) })!
        return text[first...last]
    }
}
