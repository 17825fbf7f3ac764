//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import ContentLibraryAPI
import ContentLibraryServices
import Testing

/// A session belongs to the user who created it (invariant 7): to anyone else it does not exist.
@Suite struct UpdateSessionOwnershipTests {
    @Test func anotherUsersSessionIsNotFoundForEveryOperation() async throws {
        let fixture = try ServiceFixture()
        let (item, session) = try await fixture.newSession()
        try await fixture.pushAndUpload(session, name: "a.txt", Array("abc".utf8))
        let sessions = fixture.services.updateSessions
        let files = fixture.services.sessionFiles
        let other = fixture.other
        let calls: [(String, @Sendable () async throws -> Void)] = [
            ("get", { _ = try await sessions.get(session, caller: other) }),
            ("update", { try await sessions.update(session, UpdateSessionModel(warningBehavior: []), caller: other) }),
            ("keep_alive", { try await sessions.keepAlive(session, clientProgress: nil, caller: other) }),
            ("complete", { try await sessions.complete(session, caller: other) }),
            ("cancel", { try await sessions.cancel(session, caller: other) }),
            ("fail", { try await sessions.fail(session, message: "x", caller: other) }),
            ("delete", { try await sessions.delete(session, caller: other) }),
            ("file.add", {
                _ = try await files.add(sessionID: session, SessionFileAddSpec(name: "b.txt", sourceType: .push), uploadBase: "", caller: other)
            }),
            ("file.get", { _ = try await files.get(sessionID: session, name: "a.txt", uploadBase: "", caller: other) }),
            ("file.list", { _ = try await files.list(sessionID: session, uploadBase: "", caller: other) }),
            ("file.remove", { try await files.remove(sessionID: session, name: "a.txt", caller: other) }),
            ("file.validate", { _ = try await files.validate(sessionID: session, caller: other) }),
        ]
        for (name, call) in calls {
            let error = await expectAPIError(.notFound, "\(name) by another user") { try await call() }
            #expect(error?.messages.first?.args == [session], "\(name) names only the id it was given")
        }
        #expect(try await sessions.list(itemID: nil, caller: other) == [])
        #expect(try await sessions.list(itemID: item, caller: other) == [])

        // None of it touched the session.
        let untouched = try await fixture.session(session)
        #expect(untouched.state == .active)
        #expect(untouched.warningBehavior == [])
        #expect(try await files.list(sessionID: session, uploadBase: "", caller: fixture.admin).map(\.name) == ["a.txt"])
        #expect(try await sessions.list(itemID: nil, caller: fixture.admin) == [session])
    }
}
