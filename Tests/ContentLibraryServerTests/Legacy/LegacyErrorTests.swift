//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import ContentLibraryAPI
import ContentLibraryServices
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// Legacy `/rest` login, session tokens by header or cookie, and the error envelope
/// `{"type": "com.vmware.vapi.std.errors.<name>", "value": {…}}` with 404/401/403/503, else 400.
@Suite struct LegacyErrorTests {
    static let reader = "reader@vsphere.local"

    @Test func loginGetAndLogoutWithTheCookie() async throws {
        try await TestServer().run { client in
            let credentials = Data("\(TestServer.administrator):secret".utf8).base64EncodedString()
            let login = try await client.send(.post, "/rest/com/vmware/cis/session", headers: [.authorization: "Basic \(credentials)"])
            #expect(login.status == .ok)
            let token = try login.legacyValue(String.self)
            #expect(login.text == #"{"value":"\#(token)"}"#)
            #expect(login.headers[.setCookie]?.hasPrefix("vmware-api-session-id=\(token)") == true)

            let cookie: HTTPFields = [.cookie: "vmware-api-session-id=\(token)"]
            let info = try await client.send(.post, "/rest/com/vmware/cis/session?~action=get", headers: cookie)
            #expect(info.status == .ok, "\(info.text)")
            #expect(try info.legacyValue(APISessionInfo.self).user == TestServer.administrator)

            let logout = try await client.send(.delete, "/rest/com/vmware/cis/session", headers: cookie)
            #expect(logout.status == .ok && logout.body.readableBytes == 0)
            expectLegacyError(try await client.send(.post, "/rest/com/vmware/cis/session?~action=get", headers: cookie), .unauthorized, "unauthenticated")
        }
    }

    @Test func headerAuthenticationSetsNoCookie() async throws {
        try await TestServer().run { client in
            let credentials = Data("\(TestServer.administrator):secret".utf8).base64EncodedString()
            let login = try await client.send(
                .post, "/rest/com/vmware/cis/session",
                headers: [.authorization: "Basic \(credentials)", HTTPField.Name("vmware-use-header-authn")!: "true"]
            )
            #expect(login.status == .ok)
            #expect(login.headers[.setCookie] == nil)
            let wrong = Data("\(TestServer.administrator):wrong".utf8).base64EncodedString()
            expectLegacyError(
                try await client.send(.post, "/rest/com/vmware/cis/session", headers: [.authorization: "Basic \(wrong)"]), .unauthorized, "unauthenticated"
            )
        }
    }

    @Test func errorShapesAndStatuses() async throws {
        try await TestServer(users: [(Self.reader, [.addLibraryItem])]).run { client in
            let admin = try await client.legacyLogin()
            expectLegacyError(try await client.legacy(.get, "/rest/com/vmware/content/library"), .unauthorized, "unauthenticated")
            expectLegacyError(try await admin.legacy(.get, APIClient.legacy + "/id:nope"), .notFound, "not_found")
            expectLegacyError(try await admin.legacy(.post, APIClient.legacy + "/id:nope?~action=explode"), .notFound, "operation_not_found")
            expectLegacyError(try await admin.legacy(.get, "/rest/com/vmware/content/nothing"), .notFound, "operation_not_found")
            expectLegacyError(try await admin.legacy(.post, APIClient.legacy, json: #"{"spec":{}}"#), .badRequest, "invalid_argument")
            expectLegacyError(try await admin.legacy(.post, APIClient.legacy, json: #"["not an object"]"#), .badRequest, "invalid_argument")

            let (_, item) = try await LegacyImportTests.libraryAndItem(admin, type: "")
            let first = try await admin.legacy(.post, APIClient.legacy, json: #"{"create_spec":{"library_item_id":"\#(item)"}}"#)
            #expect(first.status == .ok)
            let busy = try await admin.legacy(.post, APIClient.legacy, json: #"{"create_spec":{"library_item_id":"\#(item)"}}"#)
            expectLegacyError(busy, .badRequest, "resource_busy")
            let duplicate = try await admin.legacy(
                .post, "/rest/com/vmware/content/library/item",
                json: #"{"create_spec":{"name":"Image","library_id":"\#(try await admin.legacy(.get, "/rest/com/vmware/content/library").legacyValue([String].self)[0])"}}"#
            )
            expectLegacyError(duplicate, .badRequest, "already_exists")

            let reader = try await client.legacyLogin(Self.reader)
            expectLegacyError(
                try await reader.legacy(.post, APIClient.legacy, json: #"{"create_spec":{"library_item_id":"\#(item)"}}"#), .forbidden, "unauthorized"
            )
            expectLegacyError(
                try await admin.legacy(.post, "/rest/com/vmware/content/library/item/id:\(item)?~action=copy", json: #"{"destination_create_spec":{}}"#),
                .badRequest, "unsupported"
            )
            expectLegacyError(
                try await admin.legacy(.post, APIClient.legacyFiles + "?~action=probe", json: #"{}"#), .badRequest, "invalid_argument"
            )
        }
    }
}
