//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import ContentLibraryModel
package import ContentLibraryAPI
import Foundation

/// The text form of the structured columns every metadata store keeps (messages, checksums,
/// endpoints, digests, warning behaviour): JSON with sorted keys, one definition for SQLite and
/// PostgreSQL, so that a row reads the same whichever store wrote it.
package enum ColumnText {
    /// A value as JSON; `null` if it cannot be encoded.
    package static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: (try? encoder.encode(value)) ?? Data("null".utf8), as: UTF8.self)
    }

    /// An optional value as JSON, or no text.
    package static func optionalJSON<T: Encodable>(_ value: T?) -> String? { value.map { json($0) } }

    /// A value read back; `nil` for no text, `null`, or text that does not decode.
    package static func decode<T: Decodable>(_ type: T.Type, _ text: String?) -> T? {
        // Most optional fields are absent: no decoder for them (rows are read on every poll).
        guard let text, text != "null" else { return nil }
        return try? JSONDecoder().decode(T.self, from: Data(text.utf8))
    }

    /// Digests by algorithm name.
    package static func digests(_ value: [ChecksumAlgorithm: String]) -> String {
        json(Dictionary(uniqueKeysWithValues: value.map { ($0.key.rawValue, $0.value) }))
    }

    /// Digests read back; algorithms this version does not know are dropped.
    package static func digests(_ text: String?) -> [ChecksumAlgorithm: String] {
        guard let text, text != "{}" else { return [:] }
        let raw = decode([String: String].self, text) ?? [:]
        return Dictionary(uniqueKeysWithValues: raw.compactMap { key, value in ChecksumAlgorithm(rawValue: key).map { ($0, value) } })
    }

    /// A session's warning behaviour read back.
    package static func warningBehavior(_ text: String?) -> [WarningBehavior] {
        guard let text, text != "[]" else { return [] }
        return decode([WarningBehavior].self, text) ?? []
    }
}
