//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// A vAPI JSON-RPC client over the test router that builds requests the way the Python SDK does
/// (`invoke`, `operation-input`, a security context) and returns replies as JSON objects.
struct JSONRPCTestClient: Sendable {
    let client: any TestClientProtocol
    /// The session token put in `securityCtx`, once logged in.
    var token: String?

    /// Posts a raw body to `/api`; the reply must be HTTP 200 JSON.
    func post(_ body: String) async throws -> [String: Any] {
        let response = try await self.client.execute(
            uri: "/api", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: body)
        )
        #expect(response.status == .ok, "JSON-RPC replies are always 200: \(String(buffer: response.body))")
        #expect(response.headers[.contentType] == "application/json")
        return try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
    }

    /// Invokes an operation; `input` is the JSON text of the `operation-input` fields.
    func invoke(
        _ service: String, _ operation: String, input: String = "{}", id: String = "1", security: String? = nil
    ) async throws -> [String: Any] {
        let context = security ?? self.token.map { #"{"schemeId":"com.vmware.vapi.std.security.session_id","sessionId":"\#($0)"}"# } ?? "{}"
        let body = #"""
            {"jsonrpc":"2.0","method":"invoke","id":"\#(id)","params":{"serviceId":"\#(service)","operationId":"\#(operation)",
            "input":{"STRUCTURE":{"operation-input":\#(input)}},"ctx":{"appCtx":{"opId":"test"},"securityCtx":\#(context)}}}
            """#
        let reply = try await self.post(body)
        #expect(reply["jsonrpc"] as? String == "2.0")
        #expect(reply["id"] as? String == id, "the reply must echo the request id")
        return reply
    }

    /// The `result.output` of a successful call; records an issue for an error.
    func output(_ service: String, _ operation: String, input: String = "{}") async throws -> Any {
        let reply = try await self.invoke(service, operation, input: input)
        let result = try #require(reply["result"] as? [String: Any], "no result in \(reply)")
        #expect(result["error"] == nil, "\(service).\(operation) failed: \(result)")
        return try #require(result["output"], "no output in \(result)")
    }

    /// Logs in with a user_pass security context and returns a client that sends the token.
    func login(_ user: String = TestServer.administrator, password: String = TestServer.password) async throws -> JSONRPCTestClient {
        let context = #"{"schemeId":"com.vmware.vapi.std.security.user_pass","userName":"\#(user)","password":"\#(password)"}"#
        let reply = try await self.invoke("com.vmware.cis.session", "create", security: context)
        let output = try #require((reply["result"] as? [String: Any])?["output"] as? [String: Any], "login failed: \(reply)")
        return JSONRPCTestClient(client: self.client, token: try #require(output["SECRET"] as? String))
    }

    /// The fields of `{"STRUCTURE":{"<id>":{fields}}}`, checking the structure id.
    static func structure(_ value: Any?, _ id: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let tagged = try #require(value as? [String: Any], sourceLocation: sourceLocation)
        let structure = try #require(tagged["STRUCTURE"] as? [String: Any], "not a STRUCTURE: \(tagged)", sourceLocation: sourceLocation)
        #expect(Array(structure.keys) == [id], sourceLocation: sourceLocation)
        return try #require(structure[id] as? [String: Any], sourceLocation: sourceLocation)
    }

    /// The value inside `{"OPTIONAL": v}` (`nil` for null); records an issue for a bare value.
    static func optional(_ value: Any?, sourceLocation: SourceLocation = #_sourceLocation) throws -> Any? {
        let tagged = try #require(value as? [String: Any], "not an OPTIONAL: \(String(describing: value))", sourceLocation: sourceLocation)
        #expect(Array(tagged.keys) == ["OPTIONAL"], sourceLocation: sourceLocation)
        let inner = tagged["OPTIONAL"]
        return inner is NSNull ? nil : inner
    }
}

extension TestServer {
    /// Runs `body` against the application with an anonymous JSON-RPC client.
    func runJSONRPC<Value: Sendable>(_ body: @Sendable (JSONRPCTestClient) async throws -> Value) async throws -> Value {
        try await self.run { api in try await body(JSONRPCTestClient(client: api.client, token: nil)) }
    }
}
