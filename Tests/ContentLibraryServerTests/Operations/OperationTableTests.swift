//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

@testable import ContentLibraryOperations
import ContentLibraryServer
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// The operation table is the only place an operation exists, and every dialect serves it with
/// the same authentication.
@Suite struct OperationTableTests {
    static let bogusToken = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

    @Test func theTableListsEveryOperationOnce() throws {
        let server = try TestServer()
        let table = OperationTable(services: server.services)
        let names = table.operations.map(\.qualifiedName)
        #expect(Set(names).count == names.count, "an operation is declared twice")
        let expected: [String: [String]] = [
            "com.vmware.cis.session": ["create", "get", "delete"],
            "com.vmware.content.library": ["get", "list", "find", "update"],
            "com.vmware.content.local_library": ["create", "get", "list", "update", "delete"],
            "com.vmware.content.type": ["list"],
            "com.vmware.content.security_policies": ["list"],
            "com.vmware.content.library.item": ["create", "get", "list", "find", "update", "delete", "copy"],
            "com.vmware.content.library.item.file": ["get", "list"],
            "com.vmware.content.library.item.storage": ["get", "list"],
            "com.vmware.content.library.item.update_session": [
                "create", "get", "list", "update", "delete", "complete", "keep_alive", "cancel", "fail",
            ],
            "com.vmware.content.library.item.updatesession.file": ["add", "get", "list", "remove", "validate", "probe"],
            "com.vmware.content.library.item.download_session": ["create", "get", "list", "delete", "keep_alive", "cancel", "fail"],
            "com.vmware.content.library.item.downloadsession.file": ["list", "get", "prepare"],
        ]
        #expect(Set(names) == Set(expected.flatMap { service, operations in operations.map { service + "." + $0 } }))
        // Only the login goes without a session.
        #expect(table.operations.filter { !$0.requiresSession }.map(\.qualifiedName) == ["com.vmware.cis.session.create"])
        // Every REST path parameter names a declared parameter, and every identifier is required.
        for operation in table.operations {
            let declared = Set(operation.parameters.map(\.name))
            for name in operation.rest?.pathParameters ?? [] {
                #expect(declared.contains(name), "\(operation.qualifiedName): {\(name)} is not a parameter")
            }
            if case .parameter(let body) = operation.rest?.body {
                #expect(declared.contains(body), "\(operation.qualifiedName): the body \(body) is not a parameter")
            }
        }
    }

    @Test func everyOperationButLoginRefusesAMissingOrBogusTokenInEveryDialect() async throws {
        let server = try TestServer()
        let operations = OperationTable(services: server.services).operations.filter(\.requiresSession)
        try await server.run { client in
            for token in [nil, Self.bogusToken] {
                var headers: HTTPFields = [:]
                if let token { headers[APIClient.sessionHeader] = token }
                for operation in operations {
                    // JSON-RPC: the session context names no session, or an unknown one.
                    let context = token.map { #"{"schemeId":"com.vmware.vapi.std.security.session_id","sessionId":"\#($0)"}"# } ?? "{}"
                    let rpc = JSONRPCTestClient(client: client.client, token: nil)
                    let reply = try await rpc.invoke(operation.service, operation.name, input: "{}", security: context)
                    let error = (reply["result"] as? [String: Any])?["error"] as? [String: Any]
                    #expect(
                        error?["ERROR"].flatMap { ($0 as? [String: Any])?["com.vmware.vapi.std.errors.unauthenticated"] } != nil,
                        "JSON-RPC \(operation.qualifiedName) with token \(token ?? "none"): \(reply)"
                    )

                    // Legacy /rest: the derived path, the object as `id:`, the operation as `~action`.
                    let id = operation.identifier == nil ? "" : "/id:x"
                    let legacy = try await client.send(.post, "/rest/com/vmware/\(operation.legacyResource)\(id)?~action=\(operation.legacyAction)", headers: headers)
                    expectLegacyError(legacy, .unauthorized, "unauthenticated")

                    // REST /api, where the 8.0.2 API has the operation.
                    guard let rest = operation.rest else { continue }
                    var path = "/api/" + rest.path.split(separator: "/").map { $0.hasPrefix("{") ? "x" : String($0) }.joined(separator: "/")
                    var query: [String] = []
                    if let action = rest.action { query.append("action=\(action)") }
                    if let selector = rest.selector { query.append("\(selector)=x") }
                    if !query.isEmpty { path += "?" + query.joined(separator: "&") }
                    let response = try await client.send(HTTPRequest.Method(rest.method.rawValue)!, path, headers: headers)
                    expectError(response, .unauthorized, "UNAUTHENTICATED")
                }
            }
        }
    }

    @Test func pathsNoOperationServesAnswerAVAPIErrorInTheirDialect() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            for (method, path) in [(HTTPRequest.Method.get, "/api/content/nothing"), (.put, "/api/session"), (.get, "/api/content/library/item/x/y/z")] {
                let response = try await admin.send(method, path)
                expectError(response, .notFound, "OPERATION_NOT_FOUND")
                #expect(response.headers[.contentType] == "application/json")
            }
            expectLegacyError(try await admin.legacy(.get, "/rest/com/vmware/content/nothing"), .notFound, "operation_not_found")
        }
    }

    @Test func probeIsServedByJSONRPCAndLegacy() async throws {
        try await TestServer().runJSONRPC { rpc in
            let admin = try await rpc.login()
            let output = try await admin.output(
                "com.vmware.content.library.item.updatesession.file", "probe",
                input: #"{"source_endpoint":{"STRUCTURE":{"com.vmware.content.library.item.transfer_endpoint":{"uri":"ftp://nowhere/x"}}}}"#
            )
            let fields = try JSONRPCTestClient.structure(output, "com.vmware.content.library.item.updatesession.file.probe_result")
            #expect(fields["status"] as? String == "INVALID_URL")
        }
    }
}
