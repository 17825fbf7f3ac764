//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryModel
import ContentLibraryAPI
import ContentLibraryServices
import Foundation
import Testing

/// The life of an update session through the services (contract §7.1, §7.2): complete, cancel,
/// fail, delete, one ACTIVE session per item, client tokens, expiry and the expiration time.
@Suite struct UpdateSessionLifecycleTests {
    let bytes = Array("hello, library".utf8)

    @Test func aSessionUploadsAndCompletesIntoTheItem() async throws {
        let fixture = try ServiceFixture()
        let (item, session) = try await fixture.newSession()
        let before = try await fixture.services.items.get(item, caller: fixture.admin)
        let created = try await fixture.session(session)
        #expect(created.state == .active)
        #expect(created.libraryItemContentVersion == before.contentVersion)
        #expect(created.previewInfo?.state == .unavailable)

        let added = try await fixture.push(session, name: "a.txt", size: Int64(self.bytes.count))
        #expect(added.status == .waitingForTransfer)
        #expect(added.bytesTransferred == 0)
        let uploaded = try await fixture.upload(added, [Array(self.bytes[..<5]), Array(self.bytes[5...])])
        #expect(uploaded.status == .ready)
        #expect(uploaded.size == Int64(self.bytes.count))
        #expect(uploaded.checksumInfo == ChecksumInfo(algorithm: .sha256, checksum: StreamingHasher.digest(self.bytes, algorithm: .sha256)))
        // Nothing is visible in the item before complete.
        #expect(try await fixture.services.items.files(item, caller: fixture.admin).isEmpty)

        try await fixture.services.updateSessions.complete(session, caller: fixture.admin)
        let done = try await fixture.session(session)
        #expect(done.state == .done)
        #expect(done.errorMessage == nil)
        #expect(done.previewInfo == nil, "preview_info only while ACTIVE")
        let after = try await fixture.services.items.get(item, caller: fixture.admin)
        #expect(try #require(after.contentVersion) > before.contentVersion!)
        #expect(after.version == before.version, "content changes leave the metadata version")
        #expect(try await fixture.services.items.files(item, caller: fixture.admin).map(\.name) == ["a.txt"])
        #expect(try await fixture.services.items.files(item, caller: fixture.admin).first?.size == Int64(self.bytes.count))
        #expect(fixture.blobs().count == 1)

        // The next session starts from the new content.
        let next = try await fixture.services.updateSessions.create(UpdateSessionModel(libraryItemID: item), clientToken: nil, caller: fixture.admin)
        #expect(try await fixture.session(next).libraryItemContentVersion == after.contentVersion)
        let snapshot = try await fixture.services.sessionFiles.list(sessionID: next, uploadBase: "http://localhost", caller: fixture.admin)
        #expect(snapshot.map(\.name) == ["a.txt"])
        #expect(snapshot.first?.sourceType == SourceType.none)
        #expect(snapshot.first?.status == .ready)
    }

    @Test func cancelEndsTheSessionAndDiscardsItsUploads() async throws {
        let fixture = try ServiceFixture()
        let (item, session) = try await fixture.newSession()
        let file = try await fixture.pushAndUpload(session, name: "a.txt", self.bytes)
        #expect(fixture.blobs().count == 1)
        try await fixture.services.updateSessions.cancel(session, caller: fixture.admin)
        let canceled = try await fixture.session(session)
        #expect(canceled.state == .canceled)
        #expect(canceled.errorMessage == nil)
        #expect(try await fixture.services.items.files(item, caller: fixture.admin).isEmpty)
        #expect(fixture.blobs().isEmpty, "what a canceled session uploaded is deleted")
        await expectAPIError(.notFound, "its upload URL is dead") { try await fixture.upload(file, [self.bytes]) }
    }

    @Test func failEndsTheSessionInErrorWithTheClientsMessage() async throws {
        let fixture = try ServiceFixture()
        let (_, session) = try await fixture.newSession()
        try await fixture.pushAndUpload(session, name: "a.txt", self.bytes)
        try await fixture.services.updateSessions.fail(session, message: "disk full on the client", caller: fixture.admin)
        let failed = try await fixture.session(session)
        #expect(failed.state == .error)
        #expect(failed.errorMessage?.defaultMessage == "disk full on the client")
        #expect(fixture.blobs().isEmpty)
    }

    @Test func anActiveSessionCannotBeDeleted() async throws {
        let fixture = try ServiceFixture()
        let (_, session) = try await fixture.newSession()
        let error = await expectAPIError(.notAllowedInCurrentState) { try await fixture.services.updateSessions.delete(session, caller: fixture.admin) }
        #expect(error?.messages.first?.defaultMessage.contains("ACTIVE") == true)
        #expect(try await fixture.session(session).state == .active)
    }

    /// Contract §7.1: once a session left ACTIVE, reads and delete work; everything else is refused.
    @Test(arguments: ["complete", "cancel", "fail"])
    func finishedSessionsRefuseChangesButMayBeReadAndDeleted(ending: String) async throws {
        let fixture = try ServiceFixture()
        let (item, session) = try await fixture.newSession()
        try await fixture.pushAndUpload(session, name: "a.txt", self.bytes)
        let sessions = fixture.services.updateSessions
        let files = fixture.services.sessionFiles
        let admin = fixture.admin
        switch ending {
        case "complete": try await sessions.complete(session, caller: admin)
        case "cancel": try await sessions.cancel(session, caller: admin)
        default: try await sessions.fail(session, message: "x", caller: admin)
        }
        let refused: [(String, @Sendable () async throws -> Void)] = [
            ("complete", { try await sessions.complete(session, caller: admin) }),
            ("cancel", { try await sessions.cancel(session, caller: admin) }),
            ("fail", { try await sessions.fail(session, message: "y", caller: admin) }),
            ("keep_alive", { try await sessions.keepAlive(session, clientProgress: 50, caller: admin) }),
            ("update", { try await sessions.update(session, UpdateSessionModel(warningBehavior: []), caller: admin) }),
            ("file.add", { _ = try await fixture.push(session, name: "b.txt") }),
            ("file.remove", { try await files.remove(sessionID: session, name: "a.txt", caller: admin) }),
            ("file.validate", { _ = try await files.validate(sessionID: session, caller: admin) }),
        ]
        for (name, call) in refused {
            let error = await expectAPIError(.notAllowedInCurrentState, "\(name) after \(ending)") { try await call() }
            #expect(error?.messages.first?.args.first == name, "\(name) after \(ending)")
        }
        #expect(try await fixture.session(session).id == session)
        #expect(try await sessions.list(itemID: item, caller: admin) == [session])
        #expect(try await files.list(sessionID: session, uploadBase: "", caller: admin).map(\.name) == ["a.txt"])
        _ = try await fixture.file(session, "a.txt")
        try await sessions.delete(session, caller: admin)
        await expectAPIError(.notFound) { try await fixture.session(session) }
        #expect(try await sessions.list(itemID: nil, caller: admin) == [])
    }

    @Test func anItemHasOneActiveSessionAtATime() async throws {
        let fixture = try ServiceFixture()
        let (item, first) = try await fixture.newSession()
        let spec = UpdateSessionModel(libraryItemID: item)
        let busy = await expectAPIError(.resourceBusy) {
            try await fixture.services.updateSessions.create(spec, clientToken: nil, caller: fixture.admin)
        }
        #expect(busy?.messages.first?.args == [item, first])
        try await fixture.services.updateSessions.complete(first, caller: fixture.admin)
        let second = try await fixture.services.updateSessions.create(spec, clientToken: nil, caller: fixture.admin)
        #expect(second != first)
        // Another user is refused too: the rule is per item, not per user.
        await expectAPIError(.resourceBusy) { try await fixture.services.updateSessions.create(spec, clientToken: nil, caller: fixture.other) }
        try await fixture.services.updateSessions.cancel(second, caller: fixture.admin)
        _ = try await fixture.services.updateSessions.create(spec, clientToken: nil, caller: fixture.other)
    }

    @Test func aClientTokenMakesCreateIdempotent() async throws {
        let fixture = try ServiceFixture()
        let item = try await fixture.newItem()
        let sessions = fixture.services.updateSessions
        let token = UUID().uuidString.lowercased()
        let spec = UpdateSessionModel(libraryItemID: item)
        let first = try await sessions.create(spec, clientToken: token, caller: fixture.admin)
        #expect(try await sessions.create(spec, clientToken: token, caller: fixture.admin) == first)
        await expectAPIError(.resourceBusy, "another token is another request") {
            try await sessions.create(spec, clientToken: UUID().uuidString, caller: fixture.admin)
        }
        let other = try await fixture.newItem()
        let reused = await expectAPIError(.invalidArgument, "the same token for another item is not a retry") {
            try await sessions.create(UpdateSessionModel(libraryItemID: other), clientToken: token, caller: fixture.admin)
        }
        #expect(reused?.messages.first?.defaultMessage.contains("already used") == true)
        await expectAPIError(.invalidArgument, "a token is a UUID") {
            try await sessions.create(UpdateSessionModel(libraryItemID: other), clientToken: "abc", caller: fixture.admin)
        }
        #expect(try await sessions.list(itemID: nil, caller: fixture.admin) == [first])
    }

    @Test func anIdleSessionExpiresInErrorAndItsUploadsGo() async throws {
        let fixture = try ServiceFixture()
        let (item, session) = try await fixture.newSession()
        let file = try await fixture.pushAndUpload(session, name: "a.txt", self.bytes)
        let timeout = fixture.sessionTimeout

        fixture.advance(by: timeout - 1)
        #expect(try await fixture.services.updateSessions.reap().expired == 0)
        fixture.advance(by: 2)
        #expect(try await fixture.services.updateSessions.reap().expired == 1)
        #expect(try await fixture.services.updateSessions.reap().expired == 0, "a session expires once")

        let expired = try await fixture.session(session)
        #expect(expired.state == .error)
        #expect(expired.errorMessage?.id == "com.vmware.content.library.item.update_session.expired")
        #expect(fixture.blobs().isEmpty)
        await expectAPIError(.notFound) { try await fixture.upload(file, [self.bytes]) }
        // The item is free again.
        _ = try await fixture.services.updateSessions.create(UpdateSessionModel(libraryItemID: item), clientToken: nil, caller: fixture.admin)
    }

    @Test func callsOnASessionKeepItAlive() async throws {
        let fixture = try ServiceFixture()
        let (_, session) = try await fixture.newSession()
        let step = fixture.sessionTimeout * 2 / 3
        fixture.advance(by: step)
        try await fixture.services.updateSessions.keepAlive(session, clientProgress: 40, caller: fixture.admin)
        fixture.advance(by: step)
        _ = try await fixture.services.sessionFiles.list(sessionID: session, uploadBase: "", caller: fixture.admin)
        fixture.advance(by: step)
        _ = try await fixture.session(session)
        fixture.advance(by: step)
        try await fixture.services.updateSessions.reap()
        let alive = try await fixture.session(session)
        #expect(alive.state == .active)
        #expect(alive.clientProgress == 40)
    }

    /// `get` extends the session; the expiration it answers is the extended one.
    @Test func getAnswersTheExpirationItSetItself() async throws {
        let fixture = try ServiceFixture()
        let (_, session) = try await fixture.newSession()
        fixture.advance(by: 10)
        #expect(try await fixture.session(session).expirationTime == fixture.now.addingTimeInterval(fixture.sessionTimeout))
        fixture.advance(by: 5)
        #expect(try await fixture.session(session).expirationTime == fixture.now.addingTimeInterval(fixture.sessionTimeout))
    }

    @Test func finishedSessionsAreDeletedAfterTheRetentionPeriod() async throws {
        let fixture = try ServiceFixture()
        let (_, session) = try await fixture.newSession()
        try await fixture.services.updateSessions.cancel(session, caller: fixture.admin)
        let retention = fixture.services.context.configuration.finishedSessionRetention
        fixture.advance(by: retention - 1)
        #expect(try await fixture.services.updateSessions.reap().deleted == 0)
        fixture.advance(by: 2)
        #expect(try await fixture.services.updateSessions.reap().deleted == 1)
        await expectAPIError(.notFound) { try await fixture.session(session) }
    }
}
