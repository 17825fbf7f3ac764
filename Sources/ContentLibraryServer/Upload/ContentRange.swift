//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import ContentLibraryServices
import Foundation

/// The `Content-Range: bytes N-M/TOTAL` header of a resumed upload (RFC 9110 §14.4), read into
/// the piece of the file the request carries.
enum ContentRange {
    /// The piece a request carries: its `Content-Range`, else the whole file of `Content-Length`
    /// bytes (when given).
    /// - Throws: `InvalidArgument` for a header that is not `bytes N-M/TOTAL` with N ≤ M < TOTAL.
    static func piece(contentRange: String?, contentLength: String?) throws -> UploadPiece {
        guard let contentRange else {
            return .whole(length: contentLength.flatMap { Int64($0.trimmingCharacters(in: .whitespaces)) })
        }
        guard let (start, end, total) = Self.parse(contentRange), start <= end, end < total else {
            throw APIError(
                .invalidArgument, id: "com.vmware.content.library.item.updatesession.file.content_range",
                "The Content-Range header '\(contentRange)' is not of the form 'bytes FIRST-LAST/TOTAL' with FIRST ≤ LAST < TOTAL.",
                args: [contentRange]
            )
        }
        return .range(start: start, end: end, total: total)
    }

    private static func parse(_ header: String) -> (Int64, Int64, Int64)? {
        let text = header.trimmingCharacters(in: .whitespaces)
        guard text.hasPrefix("bytes ") else { return nil }
        let spec = text.dropFirst("bytes ".count).trimmingCharacters(in: .whitespaces)
        let halves = spec.split(separator: "/", omittingEmptySubsequences: false)
        guard halves.count == 2 else { return nil }
        let bounds = halves[0].split(separator: "-", omittingEmptySubsequences: false)
        guard bounds.count == 2, let start = Self.number(bounds[0]), let end = Self.number(bounds[1]), let total = Self.number(halves[1])
        else { return nil }
        return (start, end, total)
    }

    private static func number(_ text: Substring) -> Int64? {
        guard !text.isEmpty, text.utf8.allSatisfy({ (48...57).contains($0) }) else { return nil }
        return Int64(text)
    }
}
