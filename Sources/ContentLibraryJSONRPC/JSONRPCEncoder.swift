//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import ContentLibraryAPI
package import ContentLibraryOperations
import Foundation

/// Encodes a model straight into the vAPI typed JSON of JSON-RPC, in one pass over its
/// `Encodable` conformance:
///
/// - a model that is a `VAPIStructure` becomes `{"STRUCTURE": {"<id>": {fields}}}`;
/// - a field written with `encode` is required and bare; one written with `encodeIfPresent`
///   (every Swift optional) is `{"OPTIONAL": value}`; a field of `CaseIterable` coding keys that
///   was not written at all is `{"OPTIONAL": null}`;
/// - lists are arrays, dates vAPI date-times, enums and other single values bare;
/// - a map (`[String: Value]`) is a list of `map-entry` structures with `key` and `value`, by key.
///
/// A keyed value whose type names no binding type is an error: no model can reach a client with
/// a structure the SDK cannot read.
package struct JSONRPCEncoder {
    /// An encoder; it holds no state.
    package init() {}

    /// The typed JSON of `value`.
    package func encode(_ value: some Encodable) throws -> JSONValue {
        try Self.typed(value, codingPath: [])
    }

    static func typed<T: Encodable>(_ value: T, codingPath: [any CodingKey]) throws -> JSONValue {
        if let date = value as? Date { return .string(VAPIJSON.format(date)) }
        if let json = value as? JSONValue { return json }
        if let map = value as? [String: any Encodable] {
            return .array(try map.keys.sorted().map { key in
                let entry: JSONValue = .object(["key": .string(key), "value": try typedField(map[key]!, at: codingPath)])
                return .object(["STRUCTURE": .object(["map-entry": entry])])
            })
        }
        let encoder = TypedEncoder(codingPath: codingPath, structureID: (T.self as? any VAPIStructure.Type)?.vapiStructureID, type: T.self)
        try value.encode(to: encoder)
        return try encoder.result()
    }
}

/// Where an encoded value ends up: a value, or a nested encoder resolved at the end.
private enum Slot {
    case value(JSONValue)
    case nested(TypedEncoder)

    func resolve() throws -> JSONValue {
        switch self {
        case .value(let value): value
        case .nested(let encoder): try encoder.result()
        }
    }
}

/// The fields written so far of one keyed value.
private final class FieldsBox {
    var fields: [String: Slot] = [:]
    let allKeys: [String]

    init(allKeys: [String]) { self.allKeys = allKeys }
}

/// The elements written so far of one list.
private final class ElementsBox {
    var elements: [Slot] = []
}

private final class TypedEncoder: Encoder {
    let codingPath: [any CodingKey]
    let structureID: String?
    let type: Any.Type
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    private enum Content {
        case single(JSONValue)
        case keyed(FieldsBox)
        case unkeyed(ElementsBox)
    }

    private var content: Content?

    init(codingPath: [any CodingKey], structureID: String?, type: Any.Type) {
        self.codingPath = codingPath
        self.structureID = structureID
        self.type = type
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let box: FieldsBox
        if case .keyed(let existing) = self.content {
            box = existing
        } else {
            box = FieldsBox(allKeys: Self.names(of: Key.self) + ((self.type as? any VAPIStructure.Type)?.vapiUnsetFields ?? []))
            self.content = .keyed(box)
        }
        return KeyedEncodingContainer(Fields<Key>(box: box, codingPath: self.codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let box: ElementsBox
        if case .unkeyed(let existing) = self.content {
            box = existing
        } else {
            box = ElementsBox()
            self.content = .unkeyed(box)
        }
        return Elements(box: box, codingPath: self.codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { Single(encoder: self) }

    func setSingle(_ value: JSONValue) { self.content = .single(value) }

    func result() throws -> JSONValue {
        switch self.content {
        case nil:
            return .null
        case .single(let value):
            return value
        case .unkeyed(let box):
            return .array(try box.elements.map { try $0.resolve() })
        case .keyed(let box):
            var fields = try box.fields.mapValues { try $0.resolve() }
            for key in box.allKeys where fields[key] == nil { fields[key] = .object(["OPTIONAL": .null]) }
            guard let id = self.structureID else {
                throw EncodingError.invalidValue(
                    self.type, .init(codingPath: self.codingPath, debugDescription: "\(self.type) is not a VAPIStructure: it has no binding type.")
                )
            }
            return .object(["STRUCTURE": .object([id: .object(fields)])])
        }
    }

    /// The wire names of coding keys that are `CaseIterable`, else none.
    private static func names<Key: CodingKey>(of type: Key.Type) -> [String] {
        guard let iterable = type as? any CaseIterable.Type else { return [] }
        return Self.allCases(of: iterable)
    }

    private static func allCases<C: CaseIterable>(of type: C.Type) -> [String] {
        C.allCases.compactMap { ($0 as? any CodingKey)?.stringValue }
    }
}

/// A primitive as JSON.
private func primitive(_ value: some Encodable) -> JSONValue? {
    switch value {
    case let value as Bool: .bool(value)
    case let value as String: .string(value)
    case let value as Int: .integer(Int64(value))
    case let value as Int64: .integer(value)
    case let value as Int32: .integer(Int64(value))
    case let value as Int16: .integer(Int64(value))
    case let value as Int8: .integer(Int64(value))
    case let value as UInt8: .integer(Int64(value))
    case let value as UInt16: .integer(Int64(value))
    case let value as UInt32: .integer(Int64(value))
    case let value as UInt: .integer(Int64(clamping: value))
    case let value as UInt64: .integer(Int64(clamping: value))
    case let value as Double: .double(value)
    case let value as Float: .double(Double(value))
    default: nil
    }
}

private func typedField<T: Encodable>(_ value: T, at codingPath: [any CodingKey]) throws -> JSONValue {
    if let primitive = primitive(value) { return primitive }
    return try JSONRPCEncoder.typed(value, codingPath: codingPath)
}

private struct Fields<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: FieldsBox
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { self.box.fields[key.stringValue] = .value(.object(["OPTIONAL": .null])) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        self.box.fields[key.stringValue] = .value(try typedField(value, at: self.codingPath + [key]))
    }

    private mutating func encode<T: Encodable>(_ value: T, generic key: Key) throws {
        self.box.fields[key.stringValue] = .value(try typedField(value, at: self.codingPath + [key]))
    }
    mutating func encode(_ value: Bool, forKey key: Key) throws { try self.encode(value, generic: key) }
    mutating func encode(_ value: String, forKey key: Key) throws { try self.encode(value, generic: key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try self.encode(value, generic: key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try self.encode(value, generic: key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { try self.encode(value, generic: key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try self.encode(value, generic: key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try self.encode(value, generic: key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try self.encode(value, generic: key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try self.encode(value, generic: key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try self.encode(value, generic: key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try self.encode(value, generic: key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try self.encode(value, generic: key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try self.encode(value, generic: key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try self.encode(value, generic: key) }

    private mutating func optional<T: Encodable>(_ value: T?, forKey key: Key) throws {
        let inner = try value.map { try typedField($0, at: self.codingPath + [key]) } ?? .null
        self.box.fields[key.stringValue] = .value(.object(["OPTIONAL": inner]))
    }

    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { try self.optional(value, forKey: key) }
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try self.optional(value, forKey: key) }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try self.optional(value, forKey: key) }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try self.optional(value, forKey: key) }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try self.optional(value, forKey: key) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try self.optional(value, forKey: key) }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try self.optional(value, forKey: key) }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try self.optional(value, forKey: key) }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try self.optional(value, forKey: key) }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try self.optional(value, forKey: key) }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try self.optional(value, forKey: key) }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try self.optional(value, forKey: key) }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try self.optional(value, forKey: key) }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try self.optional(value, forKey: key) }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try self.optional(value, forKey: key) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        self.nested(key).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { self.nested(key).unkeyedContainer() }
    mutating func superEncoder() -> any Encoder { self.nested(Index("super")) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { self.nested(key) }

    private func nested(_ key: any CodingKey) -> TypedEncoder {
        let encoder = TypedEncoder(codingPath: self.codingPath + [key], structureID: nil, type: Any.self)
        self.box.fields[key.stringValue] = .nested(encoder)
        return encoder
    }
}

private struct Elements: UnkeyedEncodingContainer {
    let box: ElementsBox
    let codingPath: [any CodingKey]
    var count: Int { self.box.elements.count }

    mutating func encodeNil() throws { self.box.elements.append(.value(.null)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        self.box.elements.append(.value(try typedField(value, at: self.codingPath + [Index("\(self.count)")])))
    }

    mutating func encode(_ value: Bool) throws { self.box.elements.append(.value(primitive(value)!)) }
    mutating func encode(_ value: String) throws { self.box.elements.append(.value(primitive(value)!)) }
    mutating func encode(_ value: Double) throws { self.box.elements.append(.value(primitive(value)!)) }
    mutating func encode(_ value: Float) throws { self.box.elements.append(.value(primitive(value)!)) }
    mutating func encode(_ value: Int) throws { self.box.elements.append(.value(primitive(value)!)) }
    mutating func encode(_ value: Int8) throws { self.box.elements.append(.value(primitive(value)!)) }
    mutating func encode(_ value: Int16) throws { self.box.elements.append(.value(primitive(value)!)) }
    mutating func encode(_ value: Int32) throws { self.box.elements.append(.value(primitive(value)!)) }
    mutating func encode(_ value: Int64) throws { self.box.elements.append(.value(primitive(value)!)) }
    mutating func encode(_ value: UInt) throws { self.box.elements.append(.value(primitive(value)!)) }
    mutating func encode(_ value: UInt8) throws { self.box.elements.append(.value(primitive(value)!)) }
    mutating func encode(_ value: UInt16) throws { self.box.elements.append(.value(primitive(value)!)) }
    mutating func encode(_ value: UInt32) throws { self.box.elements.append(.value(primitive(value)!)) }
    mutating func encode(_ value: UInt64) throws { self.box.elements.append(.value(primitive(value)!)) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        self.nested().container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { self.nested().unkeyedContainer() }
    mutating func superEncoder() -> any Encoder { self.nested() }

    private func nested() -> TypedEncoder {
        let encoder = TypedEncoder(codingPath: self.codingPath + [Index("\(self.count)")], structureID: nil, type: Any.self)
        self.box.elements.append(.nested(encoder))
        return encoder
    }
}

private struct Single: SingleValueEncodingContainer {
    let encoder: TypedEncoder
    var codingPath: [any CodingKey] { self.encoder.codingPath }

    mutating func encodeNil() throws { self.encoder.setSingle(.null) }
    mutating func encode<T: Encodable>(_ value: T) throws { self.encoder.setSingle(try typedField(value, at: self.codingPath)) }
    mutating func encode(_ value: Bool) throws { self.encoder.setSingle(primitive(value)!) }
    mutating func encode(_ value: String) throws { self.encoder.setSingle(primitive(value)!) }
    mutating func encode(_ value: Double) throws { self.encoder.setSingle(primitive(value)!) }
    mutating func encode(_ value: Float) throws { self.encoder.setSingle(primitive(value)!) }
    mutating func encode(_ value: Int) throws { self.encoder.setSingle(primitive(value)!) }
    mutating func encode(_ value: Int8) throws { self.encoder.setSingle(primitive(value)!) }
    mutating func encode(_ value: Int16) throws { self.encoder.setSingle(primitive(value)!) }
    mutating func encode(_ value: Int32) throws { self.encoder.setSingle(primitive(value)!) }
    mutating func encode(_ value: Int64) throws { self.encoder.setSingle(primitive(value)!) }
    mutating func encode(_ value: UInt) throws { self.encoder.setSingle(primitive(value)!) }
    mutating func encode(_ value: UInt8) throws { self.encoder.setSingle(primitive(value)!) }
    mutating func encode(_ value: UInt16) throws { self.encoder.setSingle(primitive(value)!) }
    mutating func encode(_ value: UInt32) throws { self.encoder.setSingle(primitive(value)!) }
    mutating func encode(_ value: UInt64) throws { self.encoder.setSingle(primitive(value)!) }

}

/// A coding-path component that is not a field: a list position or `super`.
private struct Index: CodingKey {
    let stringValue: String
    var intValue: Int? { Int(self.stringValue) }
    init(_ text: String) { self.stringValue = text }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { self.stringValue = String(intValue) }
}
