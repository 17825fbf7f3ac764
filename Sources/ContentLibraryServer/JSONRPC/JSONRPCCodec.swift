//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel

/// The vAPI typed-value codec of JSON-RPC, and nothing else: input values lose their tags
/// (`STRUCTURE`, `OPTIONAL`, `SECRET`) and become the plain JSON the Codable models decode;
/// output values are encoded to plain JSON by the models and gain the tags `JSONRPCSchema` says.
enum JSONRPCCodec {
    /// A value the codec cannot read or write.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    // MARK: Input

    /// The plain JSON of a typed input value: `{"STRUCTURE":{"id":{fields}}}` → `{fields}`,
    /// `{"OPTIONAL": v}` → `v`, `{"SECRET": s}` → `s`; unset fields are dropped.
    static func plain(_ typed: JSONValue) throws -> JSONValue {
        switch typed {
        case .array(let elements):
            return .array(try elements.map(self.plain))
        case .object(let members):
            if let member = typed.singleMember {
                let (tag, inner) = member
                switch tag {
                case "STRUCTURE", "ERROR":
                    guard let object = inner.singleMember?.value.object else {
                        throw Failure(description: "a \(tag) value needs exactly one structure id with an object of fields")
                    }
                    return try self.plainObject(object)
                case "OPTIONAL", "SECRET":
                    return try self.plain(inner)
                default:
                    break
                }
            }
            return try self.plainObject(members)
        default:
            return typed
        }
    }

    private static func plainObject(_ members: [String: JSONValue]) throws -> JSONValue {
        var result: [String: JSONValue] = [:]
        for (key, value) in members {
            let plain = try self.plain(value)
            if plain != .null { result[key] = plain }
        }
        return .object(result)
    }

    // MARK: Output

    /// The typed output of a Codable value: encoded by the model, then tagged as `type`.
    static func output(_ value: some Encodable, as type: JSONRPCType) throws -> JSONValue {
        try self.typed(JSONValue(encoding: value), as: type)
    }

    /// Adds the tags of `type` to a plain value.
    static func typed(_ plain: JSONValue, as type: JSONRPCType) throws -> JSONValue {
        switch type {
        case .primitive:
            return plain
        case .secret:
            return .object(["SECRET": plain])
        case .optional(let inner):
            return .object(["OPTIONAL": plain == .null ? .null : try self.typed(plain, as: inner)])
        case .list(let element):
            guard case .array(let elements) = plain else { throw Failure(description: "expected a list, got \(plain)") }
            return .array(try elements.map { try self.typed($0, as: element) })
        case .structure(let id):
            return .object(["STRUCTURE": .object([id: try self.fields(plain, of: id)])])
        }
    }

    /// The typed fields of structure `id` from a plain object: every field of the schema, an
    /// unset optional one as `{"OPTIONAL": null}`.
    static func fields(_ plain: JSONValue, of id: String) throws -> JSONValue {
        guard let schema = JSONRPCSchema.fields(of: id) else { throw Failure(description: "no schema for structure \(id)") }
        guard let object = plain.object else { throw Failure(description: "structure \(id) is not an object: \(plain)") }
        var result: [String: JSONValue] = [:]
        for (name, fieldType) in schema {
            let value = object[name] ?? .null
            if case .optional = fieldType {
                result[name] = try self.typed(value, as: fieldType)
            } else if value == .null {
                throw Failure(description: "structure \(id) lacks its required field \(name)")
            } else {
                result[name] = try self.typed(value, as: fieldType)
            }
        }
        return .object(result)
    }

    /// The JSON-RPC `result.error` of a vAPI error: `{"ERROR":{"com.vmware.vapi.std.errors.<snake>":{…}}}`.
    static func error(_ error: APIError) throws -> JSONValue {
        let plain: JSONValue = .object([
            "messages": try JSONValue(encoding: error.messages),
            "error_type": .string(error.kind.errorType),
        ])
        guard case .object(var fields) = try self.fields(plain, of: JSONRPCSchema.standardError) else {
            throw Failure(description: "error fields are not an object")
        }
        if error.kind == .unauthenticated { fields["challenge"] = .object(["OPTIONAL": .null]) }
        return .object(["ERROR": .object(["com.vmware.vapi.std.errors." + error.kind.className: .object(fields)])])
    }
}
