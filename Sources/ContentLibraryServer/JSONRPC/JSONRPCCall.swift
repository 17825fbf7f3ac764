//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import ContentLibraryServices

/// One parsed `invoke` request: which operation, its plain input, and the security context.
struct JSONRPCCall: Sendable {
    /// The request `id`, echoed in the reply.
    var id: JSONValue
    /// e.g. `com.vmware.content.library.item.update_session`.
    var serviceID: String
    /// e.g. `keep_alive`.
    var operationID: String
    /// The operation input without its tags.
    var input: [String: JSONValue]
    /// `params.ctx.securityCtx` without its tags.
    var security: [String: JSONValue]
    /// The base of upload URLs for this request.
    var uploadBase: String

    /// Parses a request body: a fault for anything that is not a JSON-RPC 2.0 `invoke` with a
    /// tagged `operation-input`.
    /// - Returns: the id to echo (`.null` when there is none) and the parsed call or its fault.
    static func parse(_ body: JSONValue, uploadBase: String) -> (id: JSONValue, call: Result<JSONRPCCall, JSONRPCFault>) {
        guard let envelope = body.object else { return (.null, .failure(.invalidRequest("the body is not a JSON object"))) }
        let id = envelope["id"] ?? .null
        return (id, Result { try Self.parse(envelope, id: id, uploadBase: uploadBase) }.mapError { $0 as? JSONRPCFault ?? .invalidParams("\($0)") })
    }

    private static func parse(_ envelope: [String: JSONValue], id: JSONValue, uploadBase: String) throws -> JSONRPCCall {
        guard envelope["jsonrpc"] == .string("2.0") else { throw JSONRPCFault.invalidRequest("jsonrpc must be \"2.0\"") }
        guard envelope["method"] == .string("invoke") else { throw JSONRPCFault.invalidRequest("the only method is \"invoke\"") }
        switch id {
        case .string, .integer, .null: break
        default: throw JSONRPCFault.invalidRequest("id must be a string or an integer")
        }
        guard let params = envelope["params"]?.object else { throw JSONRPCFault.invalidRequest("params must be an object") }
        guard let service = params["serviceId"]?.string, let operation = params["operationId"]?.string else {
            throw JSONRPCFault.invalidParams("params needs the strings serviceId and operationId")
        }
        let input = try self.input(params["input"])
        let security = params["ctx"]?.object?["securityCtx"]
        let plainSecurity = try security.map { try JSONRPCCodec.plain($0).object ?? [:] } ?? [:]
        return JSONRPCCall(
            id: id, serviceID: service, operationID: operation, input: input, security: plainSecurity, uploadBase: uploadBase
        )
    }

    /// The fields of `{"STRUCTURE":{"operation-input":{…}}}`, untagged.
    private static func input(_ value: JSONValue?) throws -> [String: JSONValue] {
        guard let value, let structure = value.singleMember, structure.key == "STRUCTURE",
            let fields = structure.value.singleMember, fields.key == "operation-input", fields.value.object != nil
        else {
            throw JSONRPCFault.invalidParams("input must be {\"STRUCTURE\":{\"operation-input\":{…}}}")
        }
        do {
            return try JSONRPCCodec.plain(value).object ?? [:]
        } catch {
            throw JSONRPCFault.invalidParams("input: \(error)")
        }
    }

    // MARK: Input fields

    /// A required input field decoded as `type`; missing or mistyped is -32602.
    func required<T: Decodable>(_ name: String, _ type: T.Type = T.self) throws -> T {
        guard let value = try self.optional(name, type) else {
            throw JSONRPCFault.invalidParams("\(self.serviceID).\(self.operationID) needs the input field \(name)")
        }
        return value
    }

    /// An optional input field decoded as `type`.
    func optional<T: Decodable>(_ name: String, _ type: T.Type = T.self) throws -> T? {
        guard let value = self.input[name], value != .null else { return nil }
        do {
            return try value.decode(T.self)
        } catch {
            throw JSONRPCFault.invalidParams("the input field \(name) is not a valid \(T.self): \(error)")
        }
    }

    // MARK: Security context

    /// The session token of a `com.vmware.vapi.std.security.session_id` context.
    var sessionToken: String? { self.security["sessionId"]?.string }

    /// The user and password of a `com.vmware.vapi.std.security.user_pass` context.
    var userPassword: (user: String, password: String)? {
        guard let user = self.security["userName"]?.string, let password = self.security["password"]?.string else { return nil }
        return (user, password)
    }

    /// The caller of the session the security context names; `Unauthenticated` otherwise.
    func caller(_ services: Services) async throws -> Caller {
        try await services.auth.authenticate(token: self.sessionToken)
    }
}
