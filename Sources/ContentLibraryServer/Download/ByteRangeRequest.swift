//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import Foundation

/// What a download request asks for, from its `Range` and `If-Range` headers (RFC 9110 §14):
/// the whole file, one range of it, or a range outside it.
///
/// One range is served; a request for several, a unit other than `bytes` or a header that does
/// not parse is answered with the whole file, as the RFC lets a server ignore `Range`. An
/// `If-Range` that is not the file's current strong ETag also gets the whole file, so a client
/// resuming against changed content starts over instead of splicing two versions.
enum ByteRangeRequest: Hashable, Sendable {
    /// 200 with every byte.
    case whole
    /// 206 with the bytes `range` of the file.
    case partial(Range<Int64>)
    /// 416: the range starts past the end of the file.
    case unsatisfiable

    /// Reads the headers against a file of `size` bytes whose ETag is `etag`.
    init(range header: String?, ifRange: String?, size: Int64, etag: String) {
        guard let header else {
            self = .whole
            return
        }
        if let ifRange, ifRange.trimmingCharacters(in: .whitespaces) != etag {
            self = .whole
            return
        }
        let text = header.trimmingCharacters(in: .whitespaces)
        guard text.lowercased().hasPrefix("bytes="), !text.contains(",") else {
            self = .whole
            return
        }
        let spec = text.dropFirst("bytes=".count).trimmingCharacters(in: .whitespaces)
        guard let dash = spec.firstIndex(of: "-") else {
            self = .whole
            return
        }
        let first = spec[..<dash].trimmingCharacters(in: .whitespaces)
        let last = spec[spec.index(after: dash)...].trimmingCharacters(in: .whitespaces)
        if first.isEmpty {
            // A suffix: the last N bytes.
            guard let count = Self.number(last) else {
                self = .whole
                return
            }
            guard count > 0, size > 0 else {
                self = .unsatisfiable
                return
            }
            self = .partial(max(0, size - count)..<size)
            return
        }
        guard let start = Self.number(first) else {
            self = .whole
            return
        }
        var end = size - 1
        if !last.isEmpty {
            guard let value = Self.number(last), value >= start else {
                self = .whole
                return
            }
            end = min(value, size - 1)
        }
        self = start < size ? .partial(start..<(end + 1)) : .unsatisfiable
    }

    /// A non-negative decimal without sign, or `nil`.
    private static func number(_ text: String) -> Int64? {
        guard !text.isEmpty, text.utf8.allSatisfy({ (48...57).contains($0) }) else { return nil }
        return Int64(text)
    }
}
