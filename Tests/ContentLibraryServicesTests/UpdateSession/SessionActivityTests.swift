//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAPI
import ContentLibraryModel
import ContentLibraryServices
import Foundation
import Testing

/// Reads of a session count as activity coarsely: a poll does not write each time, yet the
/// expiration it answers is extended and the reaper never expires a session polled within its
/// timeout (issue 13).
@Suite struct SessionActivityTests {
    /// The session's activity as the store holds it (what another replica's reaper would judge).
    static func stored(_ fixture: ServiceFixture, _ session: String) async throws -> Date {
        try #require(try await fixture.services.context.metadata.session(id: session)).lastActivity
    }

    @Test func aGetWithinTheGranularityDoesNotWriteYetExtendsTheExpiration() async throws {
        let fixture = try ServiceFixture()
        let (_, session) = try await fixture.newSession()
        let granularity = UpdateSessionService.activityGranularity

        fixture.advance(by: 10)
        #expect(try await fixture.session(session).expirationTime == fixture.now.addingTimeInterval(fixture.sessionTimeout))
        let written = try await Self.stored(fixture, session)
        #expect(abs(written.timeIntervalSince(fixture.now) - granularity) < 0.001, "the first read records its time, ahead by the granularity")

        for _ in 0..<3 {
            fixture.advance(by: 1)
            #expect(try await fixture.session(session).expirationTime == fixture.now.addingTimeInterval(fixture.sessionTimeout))
            _ = try await fixture.services.sessionFiles.list(sessionID: session, uploadBase: "", caller: fixture.admin)
            #expect(try await Self.stored(fixture, session) == written, "reads within the granularity do not write")
        }

        fixture.advance(by: granularity)
        _ = try await fixture.session(session)
        #expect(try await Self.stored(fixture, session) > written, "once past it, a read writes again")
    }

    @Test func aPolledSessionStaysAliveAcrossTheReaperAndExpiresWithinTheGranularityAfter() async throws {
        let fixture = try ServiceFixture()
        let (_, session) = try await fixture.newSession()
        let granularity = UpdateSessionService.activityGranularity
        let step = granularity * 0.75
        var polled = 0.0
        while polled < fixture.sessionTimeout * 2 {
            fixture.advance(by: step)
            polled += step
            _ = try await fixture.session(session)
            #expect(try await fixture.services.updateSessions.reap().expired == 0)
        }
        let last = try await fixture.session(session)
        #expect(last.state == .active)

        // Never expired within the timeout of the last read, expired at most the granularity after.
        fixture.advance(by: fixture.sessionTimeout)
        #expect(try await fixture.services.updateSessions.reap().expired == 0)
        fixture.advance(by: granularity + 1)
        #expect(try await fixture.services.updateSessions.reap().expired == 1)
    }

    @Test func aChangeAfterARecordsActivityWithoutMovingItBack() async throws {
        let fixture = try ServiceFixture()
        let (_, session) = try await fixture.newSession()
        fixture.advance(by: 10)
        _ = try await fixture.session(session)
        let ahead = try await Self.stored(fixture, session)
        fixture.advance(by: 1)
        try await fixture.services.updateSessions.keepAlive(session, clientProgress: 10, caller: fixture.admin)
        #expect(try await Self.stored(fixture, session) == ahead, "a keep-alive before the read's mark keeps the mark")
        fixture.advance(by: 10)
        try await fixture.services.updateSessions.keepAlive(session, clientProgress: 20, caller: fixture.admin)
        #expect(abs(try await Self.stored(fixture, session).timeIntervalSince(fixture.now)) < 0.001, "after it, its own time")
    }
}
