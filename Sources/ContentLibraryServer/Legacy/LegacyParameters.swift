//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import Foundation

/// The parameters of a legacy `/rest` request. The body is a JSON object that wraps each
/// parameter under its name (`{"create_spec": {…}, "client_token": "…"}`); simple parameters may
/// also come in the query (`?library_item_id=…`). An empty body means no parameters, as govc
/// sends for `complete`, `fail` and `keep-alive`.
struct LegacyParameters: Sendable {
    private let body: [String: JSONValue]
    private let query: [String: String]

    /// Parses a request body (empty, or a JSON object) and the query parameters.
    init(body: Data, query: [String: String]) throws {
        self.query = query
        guard body.contains(where: { !Self.isWhitespace($0) }) else {
            self.body = [:]
            return
        }
        do {
            self.body = try JSONDecoder().decode([String: JSONValue].self, from: body)
        } catch {
            throw APIError(
                .invalidArgument, id: "com.vmware.vapi.rest.badRequest",
                "The request body must be a JSON object of named parameters: \(RESTResponder.describe(error))."
            )
        }
    }

    /// The parameter `name` of the body decoded as `type`; `nil` when absent or `null`.
    func optional<T: Decodable>(_ type: T.Type, _ name: String) throws -> T? {
        guard let raw = self.body[name], raw != .null else { return nil }
        do {
            return try raw.decode(T.self)
        } catch {
            throw APIError(
                .invalidArgument, id: "com.vmware.vapi.rest.badRequest",
                "The parameter '\(name)' is not valid: \(RESTResponder.describe(error)).", args: [name]
            )
        }
    }

    /// The parameter `name` of the body decoded as `type`; `InvalidArgument` when absent.
    func required<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
        guard let value = try self.optional(type, name) else {
            throw APIError(
                .invalidArgument, id: "com.vmware.vapi.rest.missingParameter", "The request needs the parameter '\(name)'.", args: [name]
            )
        }
        return value
    }

    /// A string parameter from the body, else from the query.
    func string(_ name: String) throws -> String? {
        try self.optional(String.self, name) ?? self.query[name]
    }

    /// A string parameter from the body or the query; `InvalidArgument` when absent.
    func requiredString(_ name: String) throws -> String {
        guard let value = try self.string(name) else {
            throw APIError(
                .invalidArgument, id: "com.vmware.vapi.rest.missingParameter", "The request needs the parameter '\(name)'.", args: [name]
            )
        }
        return value
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}
