//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAPI
import ContentLibraryModel
import ContentLibraryServices
import Crypto
import Foundation
import Testing

/// Tokens: an authenticated read does not write each time; idle tokens expire; logout is at once.
@Suite struct APISessionTests {
    static func hash(_ token: String) -> String {
        SHA256.hash(data: Array(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    @Test func lastAccessIsRecordedCoarselyNotOnEveryRead() async throws {
        let fixture = try ServiceFixture()
        try await fixture.services.context.metadata.saveUser(UserAccount(name: "alice", passwordHash: try PasswordHash.make("pw"), privileges: []))
        let auth = AuthService(context: fixture.services.context)
        let token = try await auth.login(user: "alice", password: "pw")
        let stored = { try await fixture.services.context.metadata.apiSession(tokenHash: Self.hash(token))?.lastAccessedTime }
        let loggedIn = try #require(try await stored())

        fixture.advance(by: 1)
        _ = try await auth.authenticate(token: token)
        fixture.advance(by: 1)
        _ = try await auth.authenticate(token: token)
        #expect(try await stored() == loggedIn, "reads within the interval do not write")
        #expect(try await auth.info(token: token).lastAccessedTime == fixture.now, "but the access is known")

        fixture.advance(by: APISessionCache.persistInterval)
        _ = try await auth.authenticate(token: token)
        let written = try #require(try await stored())
        #expect(abs(written.timeIntervalSince(fixture.now)) < 0.001, "written once the interval passed (SQLite keeps seconds as a double)")
    }

    @Test func logoutEndsTheTokenAtOnceAndIdleTokensExpire() async throws {
        let fixture = try ServiceFixture()
        try await fixture.services.context.metadata.saveUser(UserAccount(name: "alice", passwordHash: try PasswordHash.make("pw"), privileges: []))
        let auth = AuthService(context: fixture.services.context)
        let first = try await auth.login(user: "alice", password: "pw")
        _ = try await auth.authenticate(token: first)
        try await auth.logout(token: first)
        await expectAPIError(.unauthenticated) { try await auth.authenticate(token: first) }

        let second = try await auth.login(user: "alice", password: "pw")
        _ = try await auth.authenticate(token: second)
        fixture.advance(by: fixture.services.context.configuration.apiSessionTimeout + 1)
        await expectAPIError(.unauthenticated) { try await auth.authenticate(token: second) }
        #expect(try await fixture.services.context.metadata.apiSession(tokenHash: Self.hash(second)) == nil, "an expired token is deleted")
    }
}
