//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import ContentLibraryAPI
package import Foundation

/// Any JSON value, kept exactly: every dialect turns its request into named input fields of this
/// tree, `JSONValueDecoder` decodes each field into its model, and the JSON-RPC encoder writes
/// its tagged output as one.
package enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case integer(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The members of an object, else `nil`.
    package var object: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The text of a string, else `nil`.
    package var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The only member of an object that has exactly one, e.g. `{"STRUCTURE": …}`.
    package var singleMember: (key: String, value: JSONValue)? {
        guard let members = self.object, members.count == 1, let first = members.first else { return nil }
        return (first.key, first.value)
    }

    /// Parses JSON text.
    package init(data: Data) throws {
        self = try JSONDecoder().decode(JSONValue.self, from: data)
    }

    /// Encodes a Codable value with the vAPI coders and reads it back as a tree.
    package init(encoding value: some Encodable) throws {
        self = try JSONValue(data: VAPIJSON.encoder().encode(value))
    }

    /// Decodes a Codable value from this tree (vAPI dates, typed-value tags read through).
    package func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONValueDecoder().decode(T.self, from: self)
    }

    /// The compact JSON text, keys sorted.
    package func data() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

extension JSONValue: Codable {
    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}
