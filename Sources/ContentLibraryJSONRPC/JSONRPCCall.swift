//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
package import ContentLibraryOperations

/// One parsed `invoke` request: which operation, its input fields, and the security context.
package struct JSONRPCCall: Sendable {
    /// The request `id`, echoed in the reply.
    package var id: JSONValue
    /// e.g. `com.vmware.content.library.item.update_session`.
    package var serviceID: String
    /// e.g. `keep_alive`.
    package var operationID: String
    /// The fields of `operation-input`, still tagged: `JSONValueDecoder` reads through the tags.
    package var input: [String: JSONValue]
    /// `params.ctx.securityCtx` without its tags.
    package var security: [String: JSONValue]

    /// Parses a request body: a fault for anything that is not a JSON-RPC 2.0 `invoke` with a
    /// tagged `operation-input`.
    /// - Returns: the id to echo (`.null` when there is none) and the parsed call or its fault.
    package static func parse(_ body: JSONValue) -> (id: JSONValue, call: Result<JSONRPCCall, JSONRPCFault>) {
        guard let envelope = body.object else { return (.null, .failure(.invalidRequest("the body is not a JSON object"))) }
        let id = envelope["id"] ?? .null
        return (id, Result { try Self.parse(envelope, id: id) }.mapError { $0 as? JSONRPCFault ?? .invalidParams("\($0)") })
    }

    private static func parse(_ envelope: [String: JSONValue], id: JSONValue) throws -> JSONRPCCall {
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
        guard let input = params["input"], let structure = input.singleMember, structure.key == "STRUCTURE",
            let fields = structure.value.singleMember, fields.key == "operation-input", let members = fields.value.object
        else {
            throw JSONRPCFault.invalidParams("input must be {\"STRUCTURE\":{\"operation-input\":{…}}}")
        }
        let security = (params["ctx"]?.object?["securityCtx"]?.untagged.object ?? [:]).mapValues(\.untagged)
        return JSONRPCCall(id: id, serviceID: service, operationID: operation, input: members, security: security)
    }

    // MARK: Security context

    /// The session token of a `com.vmware.vapi.std.security.session_id` context.
    package var sessionToken: String? { self.security["sessionId"]?.string }

    /// The user and password of a `com.vmware.vapi.std.security.user_pass` context.
    package var credentials: Credentials {
        guard let user = self.security["userName"]?.string, let password = self.security["password"]?.string else {
            return .missing(hint: "Log in with a com.vmware.vapi.std.security.user_pass security context.")
        }
        return .given(user: user, password: password)
    }
}
