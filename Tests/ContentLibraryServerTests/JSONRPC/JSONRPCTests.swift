//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import Foundation
import Testing

/// vAPI JSON-RPC at `POST /api`: the tags the SDK bindings need on outputs, the vAPI error
/// envelope, and the JSON-RPC transport faults.
@Suite struct JSONRPCTests {
    private static let library = #"""
        {"client_token":{"OPTIONAL":null},"create_spec":{"STRUCTURE":{"com.vmware.content.library_model":{
        "id":{"OPTIONAL":null},"name":{"OPTIONAL":"Lib"},"type":{"OPTIONAL":"LOCAL"},"description":{"OPTIONAL":null},
        "storage_backings":{"OPTIONAL":[{"STRUCTURE":{"com.vmware.content.library.storage_backing":{
        "type":{"OPTIONAL":"DATASTORE"},"datastore_id":{"OPTIONAL":"datastore-1"},"storage_uri":{"OPTIONAL":null}}}}]}}}}}
        """#

    private static func item(library: String, name: String = "Item") -> String {
        #"""
        {"client_token":{"OPTIONAL":"b8a2a2e3-2314-43cd-a871-6ede0f429751"},"create_spec":{"STRUCTURE":{"com.vmware.content.library.item_model":{
        "library_id":{"OPTIONAL":"\#(library)"},"name":{"OPTIONAL":"\#(name)"},"type":{"OPTIONAL":"ovf"},"description":{"OPTIONAL":null}}}}}
        """#
    }

    private static func session(item: String) -> String {
        #"""
        {"client_token":{"OPTIONAL":null},"create_spec":{"STRUCTURE":{"com.vmware.content.library.item.update_session_model":{
        "id":{"OPTIONAL":null},"library_item_id":{"OPTIONAL":"\#(item)"},"state":{"OPTIONAL":null},"preview_info":{"OPTIONAL":null},
        "warning_behavior":{"OPTIONAL":[{"STRUCTURE":{"com.vmware.content.library.item.updatesession.warning_behavior":{
        "type":"SELF_SIGNED_CERTIFICATE","ignored":true}}}]}}}}}
        """#
    }

    @Test func loginReturnsTheTokenAsASecretThatLaterCallsUse() async throws {
        try await TestServer().runJSONRPC { client in
            let admin = try await client.login()
            #expect((admin.token ?? "").count >= 32)
            let info = try JSONRPCTestClient.structure(try await admin.output("com.vmware.cis.session", "get"), "com.vmware.cis.session.info")
            #expect(info["user"] as? String == TestServer.administrator, "a required field is bare")
            #expect(info["created_time"] is String && info["last_accessed_time"] is String)
            #expect(try await admin.output("com.vmware.cis.session", "delete") is NSNull, "void is null")
        }
    }

    @Test func createAndGetCarryTheBindingTags() async throws {
        try await TestServer().runJSONRPC { client in
            let admin = try await client.login()
            let library = try #require(try await admin.output("com.vmware.content.local_library", "create", input: Self.library) as? String)
            let model = try JSONRPCTestClient.structure(
                try await admin.output("com.vmware.content.local_library", "get", input: #"{"library_id":"\#(library)"}"#),
                "com.vmware.content.library_model"
            )
            #expect(try JSONRPCTestClient.optional(model["name"]) as? String == "Lib")
            let backings = try #require(try JSONRPCTestClient.optional(model["storage_backings"]) as? [Any])
            let backing = try JSONRPCTestClient.structure(backings.first, "com.vmware.content.library.storage_backing")
            #expect(try JSONRPCTestClient.optional(backing["datastore_id"]) as? String == "datastore-1")
            #expect(try JSONRPCTestClient.optional(model["last_sync_time"]) == nil, "an unset optional field is {\"OPTIONAL\":null}")

            let created = try await admin.output("com.vmware.content.library.item", "create", input: Self.item(library: library))
            let item = try #require(created as? String)
            let items = try await admin.output("com.vmware.content.library.item", "list", input: #"{"library_id":"\#(library)"}"#)
            #expect(items as? [String] == [item], "a list of ids is a bare array")

            let service = "com.vmware.content.library.item.update_session"
            let id = try #require(try await admin.output(service, "create", input: Self.session(item: item)) as? String)
            let session = try JSONRPCTestClient.structure(
                try await admin.output(service, "get", input: #"{"update_session_id":"\#(id)"}"#),
                "com.vmware.content.library.item.update_session_model"
            )
            #expect(try JSONRPCTestClient.optional(session["state"]) as? String == "ACTIVE")
            #expect(try JSONRPCTestClient.optional(session["library_item_id"]) as? String == item)
            #expect(try JSONRPCTestClient.optional(session["client_progress"]) as? Int == 0)
            let preview = try JSONRPCTestClient.structure(
                try JSONRPCTestClient.optional(session["preview_info"]), "com.vmware.content.library.item.updatesession.preview_info"
            )
            #expect(preview["state"] as? String == "UNAVAILABLE")
            #expect(try JSONRPCTestClient.optional(preview["warnings"]) == nil)
            let behavior = try #require(try JSONRPCTestClient.optional(session["warning_behavior"]) as? [Any])
            let ignored = try JSONRPCTestClient.structure(behavior.first, "com.vmware.content.library.item.updatesession.warning_behavior")
            #expect(ignored["type"] as? String == "SELF_SIGNED_CERTIFICATE" && ignored["ignored"] as? Bool == true)

            let add = #"""
                {"update_session_id":"\#(id)","file_spec":{"STRUCTURE":{"com.vmware.content.library.item.updatesession.file.add_spec":{
                "name":"pkg.ovf","source_type":"PUSH","source_endpoint":{"OPTIONAL":null},"size":{"OPTIONAL":10},"checksum_info":{"OPTIONAL":null}}}}}
                """#
            let file = try JSONRPCTestClient.structure(
                try await admin.output("com.vmware.content.library.item.updatesession.file", "add", input: add),
                "com.vmware.content.library.item.updatesession.file.info"
            )
            #expect(file["bytes_transferred"] as? Int == 0 && file["status"] as? String == "WAITING_FOR_TRANSFER")
            #expect(try JSONRPCTestClient.optional(file["source_endpoint"]) == nil)
            let endpoint = try JSONRPCTestClient.structure(
                try JSONRPCTestClient.optional(file["upload_endpoint"]), "com.vmware.content.library.item.transfer_endpoint"
            )
            #expect((endpoint["uri"] as? String)?.hasPrefix("http") == true)
            let keepAlive = #"{"update_session_id":"\#(id)","client_progress":{"OPTIONAL":5}}"#
            #expect(try await admin.output(service, "keep_alive", input: keepAlive) is NSNull)
        }
    }

    @Test func aVAPIErrorIsAResultErrorWithItsClassAndTags() async throws {
        try await TestServer().runJSONRPC { client in
            let admin = try await client.login()
            let reply = try await admin.invoke(
                "com.vmware.content.library.item.update_session", "get", input: #"{"update_session_id":"nope"}"#, id: "42"
            )
            let result = try #require(reply["result"] as? [String: Any])
            let error = try #require((result["error"] as? [String: Any])?["ERROR"] as? [String: Any])
            let fields = try #require(error["com.vmware.vapi.std.errors.not_found"] as? [String: Any], "\(error)")
            #expect(try JSONRPCTestClient.optional(fields["error_type"]) as? String == "NOT_FOUND")
            #expect(try JSONRPCTestClient.optional(fields["data"]) == nil)
            let messages = try #require(fields["messages"] as? [Any])
            let message = try JSONRPCTestClient.structure(messages.first, "com.vmware.vapi.std.localizable_message")
            #expect(message["id"] is String && message["default_message"] is String && message["args"] is [Any])
            #expect(try JSONRPCTestClient.optional(message["params"]) == nil && JSONRPCTestClient.optional(message["localized"]) == nil)

            let anonymous = try await client.invoke("com.vmware.content.type", "list")
            let denied = try #require(((anonymous["result"] as? [String: Any])?["error"] as? [String: Any])?["ERROR"] as? [String: Any])
            let unauthenticated = try #require(denied["com.vmware.vapi.std.errors.unauthenticated"] as? [String: Any], "\(denied)")
            #expect(try JSONRPCTestClient.optional(unauthenticated["challenge"]) == nil)

            let wrong = #"{"schemeId":"com.vmware.vapi.std.security.user_pass","userName":"\#(TestServer.administrator)","password":"bad"}"#
            let login = try await client.invoke("com.vmware.cis.session", "create", security: wrong)
            let loginError = try #require(((login["result"] as? [String: Any])?["error"] as? [String: Any])?["ERROR"] as? [String: Any])
            #expect(loginError["com.vmware.vapi.std.errors.unauthenticated"] != nil)
        }
    }

    @Test func anUnknownServiceOrOperationIsMethodNotFound() async throws {
        try await TestServer().runJSONRPC { client in
            let admin = try await client.login()
            for (service, operation) in [("com.vmware.nope", "get"), ("com.vmware.content.library.item", "publish")] {
                let reply = try await admin.invoke(service, operation, id: "7")
                #expect((reply["error"] as? [String: Any])?["code"] as? Int == -32601, "\(reply)")
                #expect(reply["result"] == nil)
            }
        }
    }

    @Test func badInputIsInvalidParams() async throws {
        try await TestServer().runJSONRPC { client in
            let admin = try await client.login()
            let service = "com.vmware.content.library.item.update_session"
            let missing = try await admin.invoke(service, "get", input: "{}")
            #expect((missing["error"] as? [String: Any])?["code"] as? Int == -32602, "\(missing)")
            let mistyped = try await admin.invoke(service, "keep_alive", input: #"{"update_session_id":"x","client_progress":{"OPTIONAL":"many"}}"#)
            #expect((mistyped["error"] as? [String: Any])?["code"] as? Int == -32602, "\(mistyped)")
            let untagged = try await admin.post(
                #"{"jsonrpc":"2.0","method":"invoke","id":"3","params":{"serviceId":"\#(service)","operationId":"list","#
                    + #""input":{"library_item_id":null}}}"#
            )
            #expect((untagged["error"] as? [String: Any])?["code"] as? Int == -32602, "\(untagged)")
            #expect(untagged["id"] as? String == "3")
        }
    }

    @Test func aBodyThatIsNotAnInvokeRequestIsInvalidRequest() async throws {
        try await TestServer().runJSONRPC { client in
            for body in [
                #"{"jsonrpc":"1.0","method":"invoke","id":"1","params":{}}"#,
                #"{"jsonrpc":"2.0","method":"call","id":"1","params":{}}"#,
                #"{"jsonrpc":"2.0","method":"invoke","id":"1"}"#,
                #"[1,2]"#,
            ] {
                let reply = try await client.post(body)
                #expect((reply["error"] as? [String: Any])?["code"] as? Int == -32600, "\(body) → \(reply)")
            }
            let garbage = try await client.post("{not json")
            #expect((garbage["error"] as? [String: Any])?["code"] as? Int == -32700)
            #expect(garbage["id"] is NSNull)
        }
    }
}
