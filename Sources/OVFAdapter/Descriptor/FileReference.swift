//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// A `References/File` entry of an OVF descriptor: what the package says a file is.
struct FileReference: Hashable, Sendable {
    /// `ovf:id`.
    var id: String
    /// `ovf:href`: the session file name (or, when chunked, the base of the part names).
    var href: String
    /// `ovf:size`, in bytes as stored (compressed size when compressed, whole size when chunked).
    var size: Int64?
    /// `ovf:compression` (`gzip`, `identity`), when present and not empty.
    var compression: String?
    /// `ovf:chunkSize`, when the file is split into `href.000000000`, `href.000000001`, ….
    var chunkSize: Int64?
    /// The line of the element in the descriptor.
    var line: Int?

    /// The part names a chunked file is expected under, given the names present; `[href]` when not chunked.
    func expectedPartNames(present: Set<String>) -> [String] {
        guard self.chunkSize != nil else { return [self.href] }
        var parts: [String] = []
        var index = 0
        while true {
            let name = Self.partName(self.href, index)
            if !present.contains(name) && index > 0 { break }
            parts.append(name)
            if !present.contains(name) { break }
            index += 1
        }
        return parts
    }

    /// The name of part `index` of a chunked file: `href.%09d`.
    static func partName(_ href: String, _ index: Int) -> String {
        let digits = String(index)
        return href + "." + String(repeating: "0", count: max(0, 9 - digits.count)) + digits
    }
}
