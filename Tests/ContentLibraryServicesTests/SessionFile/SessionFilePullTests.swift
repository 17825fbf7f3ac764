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

/// PULL files through the services with a fake fetcher: background pulls, `complete` while they
/// run (contract §7.4), failures, cancel, and restart.
@Suite struct SessionFilePullTests {
    let content = Array((0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
    var sha256: String { StreamingHasher.digest(self.content, algorithm: .sha256) }

    @Test func aPulledFileBecomesReadyWithItsDigest() async throws {
        let fixture = try ServiceFixture(["https://src/a.iso": .bytes(self.content)])
        let (_, session) = try await fixture.newSession()
        let added = try await fixture.pull(session, name: "a.iso", uri: "https://src/a.iso", size: 100_000)
        #expect(added.sourceType == .pull)
        #expect(added.sourceEndpoint?.uri == "https://src/a.iso")
        #expect(added.uploadEndpoint == nil)
        await fixture.services.pulls.waitForAll()
        let file = try await fixture.file(session, "a.iso")
        #expect(file.status == .ready)
        #expect(file.size == 100_000)
        #expect(file.bytesTransferred == 100_000)
        #expect(file.checksumInfo == ChecksumInfo(algorithm: .sha256, checksum: self.sha256))
        try await fixture.services.updateSessions.complete(session, caller: fixture.admin)
        #expect(try await fixture.session(session).state == .done)
    }

    @Test func completeWhilePullingStaysActiveThenBecomesDone() async throws {
        let gate = Gate()
        let fixture = try ServiceFixture(["https://src/a.iso": .gated(first: Array(self.content[..<40_000]), rest: Array(self.content[40_000...]), gate: gate)])
        let (item, session) = try await fixture.newSession()
        try await fixture.pull(session, name: "a.iso", uri: "https://src/a.iso", checksum: ChecksumInfo(algorithm: .sha256, checksum: self.sha256))
        // Wait until the first bytes are in: bytes_transferred is live while pulling.
        var file = try await fixture.file(session, "a.iso")
        for _ in 0..<200 where file.bytesTransferred < 40_000 {
            try await Task.sleep(for: .milliseconds(10))
            file = try await fixture.file(session, "a.iso")
        }
        #expect(file.status == .transferring)
        #expect(file.bytesTransferred == 40_000)
        #expect(file.size == nil)

        try await fixture.services.updateSessions.complete(session, caller: fixture.admin)
        #expect(try await fixture.session(session).state == .active)
        // While completing, the files cannot change.
        await #expect(throws: APIError.self) { try await fixture.pull(session, name: "b.iso", uri: "https://src/a.iso") }

        gate.open()
        await fixture.services.pulls.waitForAll()
        let done = try await fixture.session(session)
        #expect(done.state == .done)
        #expect(done.errorMessage == nil)
        let stored = try await fixture.services.items.files(item, caller: fixture.admin)
        #expect(stored.map(\.name) == ["a.iso"])
        #expect(stored.first?.size == 100_000)
    }

    @Test func aFailedPullDuringAPendingCompleteEndsTheSessionInErrorNamingTheFile() async throws {
        let gate = Gate()
        let wrong = String(repeating: "0", count: 64)
        let fixture = try ServiceFixture([
            "https://src/a.iso": .gated(first: Array(self.content[..<10]), rest: Array(self.content[10...]), gate: gate),
            "https://src/b.iso": .bytes([1, 2, 3]),
        ])
        let (_, session) = try await fixture.newSession()
        try await fixture.pull(session, name: "a.iso", uri: "https://src/a.iso", checksum: ChecksumInfo(algorithm: .sha256, checksum: wrong))
        try await fixture.pull(session, name: "b.iso", uri: "https://src/b.iso")
        try await fixture.services.updateSessions.complete(session, caller: fixture.admin)
        gate.open()
        await fixture.services.pulls.waitForAll()

        let file = try await fixture.file(session, "a.iso")
        #expect(file.status == .error)
        let fileMessage = "a.iso: the SHA256 checksum is \(self.sha256) but \(wrong) was declared."
        #expect(file.errorMessage?.defaultMessage == fileMessage)
        let ended = try await fixture.session(session)
        #expect(ended.state == .error)
        #expect(ended.errorMessage?.id == "com.vmware.content.library.item.update_session.pull_failed")
        #expect(ended.errorMessage?.defaultMessage == "The update session \(session) failed: a.iso was not received correctly (\(fileMessage)).")
        #expect(fixture.blobs().isEmpty, "nothing is stored: \(fixture.blobs())")
    }

    @Test func aSourceThatCannotBeReadPutsTheFileInError() async throws {
        let fixture = try ServiceFixture([
            "https://src/cert.iso": .failure(SourceFetchError(.certificate, "The certificate of https://src/cert.iso does not match.")),
        ])
        let (_, session) = try await fixture.newSession()
        try await fixture.pull(session, name: "missing.iso", uri: "https://src/missing.iso")
        try await fixture.pull(session, name: "cert.iso", uri: "https://src/cert.iso")
        await fixture.services.pulls.waitForAll()
        let missing = try await fixture.file(session, "missing.iso")
        #expect(missing.status == .error)
        #expect(missing.errorMessage?.id == "com.vmware.content.library.item.updatesession.file.pull_failed")
        #expect(missing.errorMessage?.defaultMessage == "missing.iso: https://src/missing.iso answered HTTP 404 Not Found.")
        #expect(try await fixture.file(session, "cert.iso").errorMessage?.defaultMessage == "cert.iso: The certificate of https://src/cert.iso does not match.")
        // Without pulls in flight, complete refuses as for any file not received, and the session stays ACTIVE.
        await #expect(throws: APIError.self) { try await fixture.services.updateSessions.complete(session, caller: fixture.admin) }
        #expect(try await fixture.session(session).state == .active)
    }

    @Test func aBodyThatBreaksPutsTheFileInError() async throws {
        let gate = Gate()
        let fixture = try ServiceFixture([
            "https://src/a.iso": .gated(first: [1, 2, 3], rest: [4], gate: gate, then: SourceFetchError(.timedOut, "https://src/a.iso sent no data for 60 s.")),
        ])
        let (_, session) = try await fixture.newSession()
        try await fixture.pull(session, name: "a.iso", uri: "https://src/a.iso")
        gate.open()
        await fixture.services.pulls.waitForAll()
        let file = try await fixture.file(session, "a.iso")
        #expect(file.status == .error)
        #expect(file.errorMessage?.defaultMessage == "a.iso: the transfer broke after 3 bytes: https://src/a.iso sent no data for 60 s..")
        #expect(fixture.blobs().isEmpty)
    }

    @Test(arguments: ["cancel", "fail", "remove"])
    func endingTheSessionOrRemovingTheFileAbortsThePull(how: String) async throws {
        let gate = Gate()
        let fixture = try ServiceFixture(["https://src/a.iso": .gated(first: Array(self.content[..<50_000]), rest: Array(self.content[50_000...]), gate: gate)])
        let (_, session) = try await fixture.newSession()
        try await fixture.pull(session, name: "a.iso", uri: "https://src/a.iso")
        for _ in 0..<200 where try await fixture.file(session, "a.iso").bytesTransferred < 50_000 {
            try await Task.sleep(for: .milliseconds(10))
        }
        switch how {
        case "cancel": try await fixture.services.updateSessions.cancel(session, caller: fixture.admin)
        case "fail": try await fixture.services.updateSessions.fail(session, message: "client gave up", caller: fixture.admin)
        default: try await fixture.services.sessionFiles.remove(sessionID: session, name: "a.iso", caller: fixture.admin)
        }
        // The gate never opens: only cancellation can end the pull.
        await fixture.services.pulls.waitForAll()
        #expect(fixture.services.pulls.running == 0)
        #expect(fixture.blobs().isEmpty, "partial bytes removed: \(fixture.blobs())")
        let state = try await fixture.session(session).state
        #expect(state == (how == "cancel" ? .canceled : how == "fail" ? .error : .active))
        if how == "remove" {
            await #expect(throws: APIError.self) { try await fixture.file(session, "a.iso") }
        }
    }

    @Test func restartedPullsStartOverAndSettleAPendingComplete() async throws {
        let gate = Gate()
        let fixture = try ServiceFixture(["https://src/a.iso": .gated(first: Array(self.content[..<10]), rest: Array(self.content[10...]), gate: gate)])
        let (item, session) = try await fixture.newSession()
        try await fixture.pull(session, name: "a.iso", uri: "https://src/a.iso")
        try await fixture.services.updateSessions.complete(session, caller: fixture.admin)
        // A second process on the same folder, as after a crash, once the first one's lease has
        // lapsed: the first one's pull is still parked at its gate and its file is TRANSFERRING.
        let later = fixture.now.addingTimeInterval(fixture.services.context.configuration.transferLease + 1)
        let restarted = try ServiceFixture.services(
            folder: fixture.folder, fetcher: FakeFetcher(["https://src/a.iso": .bytes(self.content)]), now: { later }
        )
        try await restarted.updateSessions.recoverAfterRestart()
        try await restarted.sessionFiles.restartInterruptedPulls()
        await restarted.pulls.waitForAll()
        #expect(try await restarted.updateSessions.get(session, caller: fixture.admin).state == .done)
        #expect(try await restarted.items.files(item, caller: fixture.admin).first?.size == 100_000)
        fixture.services.pulls.cancelAll()
        await fixture.services.pulls.waitForAll()
    }

    @Test func fileSourcesNeedAnImportRootAndReadStorage() async throws {
        let root = NSTemporaryDirectory() + "content-library-import-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let fixture = try ServiceFixture(["file://\(root)/a.iso": .bytes([1, 2, 3])], importRoots: [root])
        let (_, session) = try await fixture.newSession()
        do {
            try await fixture.pull(session, name: "p", uri: "file:///etc/passwd")
            Issue.record("a file outside the import roots was accepted")
        } catch let error as APIError {
            #expect(error.kind == .unauthorized)
        }
        let reader = Caller(user: fixture.admin.user, privileges: Set(Privilege.allCases).subtracting([.readStorage]))
        do {
            _ = try await fixture.services.sessionFiles.add(
                sessionID: session, SessionFileAddSpec(name: "a.iso", sourceType: .pull, sourceEndpoint: TransferEndpoint(uri: "file://\(root)/a.iso")),
                uploadBase: "", caller: reader
            )
            Issue.record("a file source was accepted without ContentLibrary.ReadStorage")
        } catch let error as APIError {
            #expect(error.kind == .unauthorized)
            #expect(error.messages.first?.defaultMessage.contains("ContentLibrary.ReadStorage") == true)
        }
        try await fixture.pull(session, name: "a.iso", uri: "file://\(root)/a.iso")
        await fixture.services.pulls.waitForAll()
        #expect(try await fixture.file(session, "a.iso").status == .ready)
    }

    @Test func expiryAbortsThePull() async throws {
        let gate = Gate()
        let fixture = try ServiceFixture(["https://src/a.iso": .gated(first: [1], rest: [2], gate: gate)])
        let (_, session) = try await fixture.newSession()
        try await fixture.pull(session, name: "a.iso", uri: "https://src/a.iso")
        fixture.advance(by: 3600)
        #expect(try await fixture.services.updateSessions.reap().expired == 1)
        await fixture.services.pulls.waitForAll()
        #expect(try await fixture.session(session).state == .error)
        #expect(fixture.blobs().isEmpty)
    }
}
