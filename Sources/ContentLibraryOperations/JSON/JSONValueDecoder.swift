//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import ContentLibraryAPI
import Foundation

/// Decodes `Decodable` models straight from a `JSONValue` tree, the one conversion every dialect
/// uses for its input (as Hummingbird's URL-encoded form decoder works on its node tree).
///
/// - vAPI typed values are read through: `{"STRUCTURE": {"<id>": {fields}}}` is the object of
///   fields, `{"OPTIONAL": v}` and `{"SECRET": v}` are `v`. A JSON-RPC input therefore decodes
///   without a separate untagging pass, and a plain REST body decodes the same way.
/// - Dates are vAPI date-times (RFC 3339, any fraction, any zone).
/// - Numbers and booleans also decode from their text, since legacy `/rest` and REST query
///   parameters arrive as strings.
package struct JSONValueDecoder: Sendable {
    /// Creates a decoder.
    package init() {}

    /// Decodes `type` from `value`.
    package func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try Node(value: value, codingPath: []).decode(T.self)
    }
}

extension JSONValue {
    /// The value under its vAPI tags: a structure's fields, an optional's or a secret's value.
    package var untagged: JSONValue {
        guard let (tag, inner) = self.singleMember else { return self }
        switch tag {
        case "STRUCTURE", "ERROR":
            if let fields = inner.singleMember?.value, fields.object != nil { return fields }
            return self
        case "OPTIONAL", "SECRET":
            return inner.untagged
        default:
            return self
        }
    }
}

/// One position in the tree being decoded.
private struct Node: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(value: JSONValue, codingPath: [any CodingKey]) {
        self.value = value.untagged
        self.codingPath = codingPath
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == Date.self {
            let text = try self.singleValueContainer().decode(String.self)
            guard let date = VAPIJSON.parse(text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: self.codingPath, debugDescription: "'\(text)' is not an RFC 3339 date-time with a zone"))
            }
            return date as! T
        }
        if T.self == JSONValue.self { return self.value as! T }
        return try T(from: self)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = self.value else { throw self.mismatch([String: JSONValue].self) }
        if members.count == 1, let tag = members.keys.first, tag == "STRUCTURE" || tag == "ERROR" {
            throw DecodingError.dataCorrupted(
                .init(codingPath: self.codingPath, debugDescription: "A \(tag) value needs exactly one structure id with an object of fields.")
            )
        }
        return KeyedDecodingContainer(Keyed<Key>(members: members, codingPath: self.codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = self.value else { throw self.mismatch([JSONValue].self) }
        return Unkeyed(elements: elements, codingPath: self.codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    func mismatch(_ expected: Any.Type) -> DecodingError {
        DecodingError.typeMismatch(expected, .init(codingPath: self.codingPath, debugDescription: "Expected \(expected), found \(self.value.kindName)."))
    }
}

extension Node: SingleValueDecodingContainer {
    func decodeNil() -> Bool { self.value == .null }

    func decode(_ type: Bool.Type) throws -> Bool {
        switch self.value {
        case .bool(let value): return value
        case .string("true"): return true
        case .string("false"): return false
        default: throw self.mismatch(type)
        }
    }

    func decode(_ type: String.Type) throws -> String {
        guard case .string(let text) = self.value else { throw self.mismatch(type) }
        return text
    }

    func decode(_ type: Double.Type) throws -> Double {
        switch self.value {
        case .double(let value): return value
        case .integer(let value): return Double(value)
        case .string(let text): if let value = Double(text) { return value }
        default: break
        }
        throw self.mismatch(type)
    }

    func decode(_ type: Float.Type) throws -> Float { Float(try self.decode(Double.self)) }

    func decode<I: BinaryInteger & FixedWidthInteger>(integer type: I.Type) throws -> I {
        let wide: Int64
        switch self.value {
        case .integer(let value): wide = value
        case .string(let text): guard let value = Int64(text) else { throw self.mismatch(type) }; wide = value
        case .double(let value) where value.rounded() == value && abs(value) < 9e18: wide = Int64(value)
        default: throw self.mismatch(type)
        }
        guard let value = I(exactly: wide) else {
            throw DecodingError.dataCorrupted(.init(codingPath: self.codingPath, debugDescription: "\(wide) does not fit in \(type)."))
        }
        return value
    }

    func decode(_ type: Int.Type) throws -> Int { try self.decode(integer: type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try self.decode(integer: type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try self.decode(integer: type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try self.decode(integer: type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try self.decode(integer: type) }
    func decode(_ type: UInt.Type) throws -> UInt { try self.decode(integer: type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try self.decode(integer: type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try self.decode(integer: type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try self.decode(integer: type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try self.decode(integer: type) }
}

/// The fields of an object.
private struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [String: JSONValue]
    let codingPath: [any CodingKey]

    var allKeys: [Key] { self.members.keys.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { self.members[key.stringValue] != nil }

    func decodeNil(forKey key: Key) throws -> Bool { (self.members[key.stringValue]?.untagged ?? .null) == .null }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        guard let value = self.members[key.stringValue] else {
            throw DecodingError.keyNotFound(key, .init(codingPath: self.codingPath, debugDescription: "No value for the field '\(key.stringValue)'."))
        }
        let node = Node(value: value, codingPath: self.codingPath + [key])
        if node.value == .null, !(T.self is any ExpressibleByNilLiteral.Type) {
            throw DecodingError.valueNotFound(type, .init(codingPath: node.codingPath, debugDescription: "The field '\(key.stringValue)' is null."))
        }
        return try node.decode(T.self)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try Node(value: self.members[key.stringValue] ?? .null, codingPath: self.codingPath + [key]).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try Node(value: self.members[key.stringValue] ?? .null, codingPath: self.codingPath + [key]).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { Node(value: .object(self.members), codingPath: self.codingPath) }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        Node(value: self.members[key.stringValue] ?? .null, codingPath: self.codingPath + [key])
    }
}

/// The elements of an array.
private struct Unkeyed: UnkeyedDecodingContainer {
    let elements: [JSONValue]
    let codingPath: [any CodingKey]
    var currentIndex = 0

    init(elements: [JSONValue], codingPath: [any CodingKey]) {
        self.elements = elements
        self.codingPath = codingPath
    }

    var count: Int? { self.elements.count }
    var isAtEnd: Bool { self.currentIndex >= self.elements.count }

    private mutating func next() throws -> Node {
        guard !self.isAtEnd else {
            throw DecodingError.valueNotFound(JSONValue.self, .init(codingPath: self.codingPath, debugDescription: "The list has no more elements."))
        }
        defer { self.currentIndex += 1 }
        return Node(value: self.elements[self.currentIndex], codingPath: self.codingPath + [Index(self.currentIndex)])
    }

    mutating func decodeNil() throws -> Bool {
        guard !self.isAtEnd, self.elements[self.currentIndex].untagged == .null else { return false }
        self.currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try self.next().decode(T.self) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try self.next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try self.next().unkeyedContainer() }

    mutating func superDecoder() throws -> any Decoder { try self.next() }
}

/// A list position in a coding path.
struct Index: CodingKey {
    let intValue: Int?
    var stringValue: String { "[\(self.intValue ?? 0)]" }
    init(_ index: Int) { self.intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

extension JSONValue {
    /// What kind of value this is, for error messages.
    package var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .integer, .double: "a number"
        case .string: "a string"
        case .array: "a list"
        case .object: "an object"
        }
    }
}
