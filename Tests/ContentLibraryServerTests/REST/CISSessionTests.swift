//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import ContentLibraryAPI
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// `com.vmware.cis.session` over `/api/session`, and the token every other call needs.
@Suite struct CISSessionTests {
    @Test func loginWithBasicReturnsATokenAsAJSONString() async throws {
        try await TestServer().run { client in
            let credentials = Data("\(TestServer.administrator):secret".utf8).base64EncodedString()
            let response = try await client.send(.post, "/api/session", headers: [.authorization: "Basic \(credentials)"])
            #expect(response.status == .created)
            #expect(response.headers[.contentType] == "application/json")
            let token = try response.decode(String.self)
            #expect(token.count >= 32)
            #expect(response.text == "\"\(token)\"")
        }
    }

    @Test func aWrongPasswordIsUnauthenticated() async throws {
        try await TestServer().run { client in
            let credentials = Data("\(TestServer.administrator):wrong".utf8).base64EncodedString()
            let response = try await client.send(.post, "/api/session", headers: [.authorization: "Basic \(credentials)"])
            expectError(response, .unauthorized, "UNAUTHENTICATED")
            let unknown = Data("nobody:secret".utf8).base64EncodedString()
            let other = try await client.send(.post, "/api/session", headers: [.authorization: "Basic \(unknown)"])
            expectError(other, .unauthorized, "UNAUTHENTICATED")
            #expect(other.errorText == response.errorText, "the error must not tell which user names exist")
        }
    }

    @Test func loginWithoutCredentialsIsUnauthenticated() async throws {
        try await TestServer().run { client in
            expectError(try await client.send(.post, "/api/session"), .unauthorized, "UNAUTHENTICATED")
            let garbage = try await client.send(.post, "/api/session", headers: [.authorization: "Basic !!!"])
            expectError(garbage, .unauthorized, "UNAUTHENTICATED")
        }
    }

    @Test func getShowsTheUserAndTimes() async throws {
        let server = try TestServer()
        try await server.run { client in
            let admin = try await client.login()
            server.clock.advance(by: 10)
            let response = try await admin.send(.get, "/api/session")
            #expect(response.status == .ok)
            let object = try response.object()
            #expect(Set(object.keys) == ["user", "created_time", "last_accessed_time"])
            let info = try response.decode(APISessionInfo.self)
            #expect(info.user == TestServer.administrator)
            #expect(info.lastAccessedTime > info.createdTime)
            let created = try #require(object["created_time"] as? String)
            #expect(created.hasSuffix("Z") && created.split(separator: ".").last?.count == 4, "three fraction digits and Z: \(created)")
        }
    }

    /// A token unused for `apiSessionTimeout` (30 minutes by default) is gone; using it keeps it alive.
    @Test func anIdleTokenExpires() async throws {
        let server = try TestServer()
        try await server.run { client in
            let admin = try await client.login()
            server.clock.advance(by: 1700)
            #expect(try await admin.send(.get, "/api/content/library").status == .ok, "used within the timeout")
            server.clock.advance(by: 1700)
            #expect(try await admin.send(.get, "/api/content/library").status == .ok, "each use restarts the timeout")
            server.clock.advance(by: 1801)
            expectError(try await admin.send(.get, "/api/content/library"), .unauthorized, "UNAUTHENTICATED")
            server.clock.advance(by: -1801)
            expectError(try await admin.send(.get, "/api/session"), .unauthorized, "UNAUTHENTICATED", containing: "log in again")
        }
    }

    @Test func deleteEndsTheSession() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            #expect(try await admin.send(.delete, "/api/session").status == .noContent)
            expectError(try await admin.send(.get, "/api/session"), .unauthorized, "UNAUTHENTICATED")
            expectError(try await admin.send(.get, "/api/content/library"), .unauthorized, "UNAUTHENTICATED")
            expectError(try await admin.send(.delete, "/api/session"), .unauthorized, "UNAUTHENTICATED")
        }
    }

    @Test func callsWithoutOrWithABadTokenAreUnauthenticated() async throws {
        try await TestServer().run { client in
            expectError(try await client.send(.get, "/api/content/library"), .unauthorized, "UNAUTHENTICATED")
            expectError(try await client.send(.get, "/api/session"), .unauthorized, "UNAUTHENTICATED")
            expectError(try await client.send(.delete, "/api/session"), .unauthorized, "UNAUTHENTICATED")
            let forged = APIClient(client: client.client, token: String(repeating: "0", count: 64))
            expectError(try await forged.send(.get, "/api/content/library"), .unauthorized, "UNAUTHENTICATED")
            expectError(try await forged.send(.post, APIClient.sessions, json: "{}"), .unauthorized, "UNAUTHENTICATED")
            expectError(try await forged.send(.get, "/api/content/type"), .unauthorized, "UNAUTHENTICATED")
        }
    }

    @Test func theTokenIsAlsoAcceptedAsACookie() async throws {
        try await TestServer().run { client in
            let token = try #require(try await client.login().token)
            let response = try await client.send(.get, "/api/content/library", headers: [.cookie: "other=1; vmware-api-session-id=\(token)"])
            #expect(response.status == .ok)
        }
    }

    @Test func eachLoginIsItsOwnSession() async throws {
        try await TestServer().run { client in
            let first = try await client.login()
            let second = try await client.login()
            #expect(first.token != second.token)
            #expect(try await first.send(.delete, "/api/session").status == .noContent)
            #expect(try await second.send(.get, "/api/session").status == .ok)
        }
    }
}
