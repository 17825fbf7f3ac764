//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// The records of a pax extended header (`x` for the next member, `g` for all that follow).
///
/// Python's `tarfile` writes one before members whose names or sizes do not fit the ustar
/// fields, and COT-made OVAs start with one. Only `path` and `size` change how the reader
/// sees a member; other keys are kept but unused.
struct PaxHeader: Sendable {
    /// Why the records cannot be read.
    struct Invalid: Error, Sendable {
        /// What is wrong, for the finding's message.
        let reason: String
    }

    /// The records, key → value; later records of the same key win.
    var records: [String: String] = [:]

    /// An empty set of records.
    init() {}

    /// Parses `<length> <key>=<value>\n` records.
    /// - Throws: Invalid when a record's length or layout is wrong.
    init(data: [UInt8]) throws(Invalid) {
        var index = 0
        while index < data.count {
            if data[index] == 0 { break }  // NUL padding after the last record
            guard let space = data[index...].firstIndex(of: 0x20),
                let length = Int(String(decoding: data[index..<space], as: UTF8.self)), length > 0,
                length <= data.count - index, data[index + length - 1] == 0x0A,
                let equals = data[(space + 1)..<(index + length)].firstIndex(of: 0x3D)
            else { throw Invalid(reason: "a pax extended header record is malformed") }
            let key = String(decoding: data[(space + 1)..<equals], as: UTF8.self)
            let value = String(decoding: data[(equals + 1)..<(index + length - 1)], as: UTF8.self)
            self.records[key] = value
            index += length
        }
    }

    /// The `path` record: the member's full name.
    var path: String? { self.records["path"] }

    /// The `size` record: the member's size when the header field is too small.
    /// - Throws: Invalid when the record is not a decimal number.
    func size() throws(Invalid) -> Int64? {
        guard let text = self.records["size"] else { return nil }
        guard let size = Int64(text), size >= 0 else { throw Invalid(reason: "the pax size record \"\(text)\" is not a size") }
        return size
    }

    /// These records overlaid by `other`'s.
    func merging(_ other: PaxHeader) -> PaxHeader {
        var merged = self
        merged.records.merge(other.records) { _, new in new }
        return merged
    }
}
