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
import Crypto
import Foundation
import NIOCore
import Synchronization
import Testing

/// One transfer per file across replicas: two `Services` on one store and one content root, as
/// two server processes behind a load balancer, each with its own replica id and transfers.
@Suite struct TransferLeaseTests {
    /// The upload token and name of a PUSH file's URL.
    static func address(_ file: SessionFileInfo) throws -> (token: String, name: String) {
        let parts = try #require(file.uploadEndpoint?.uri).split(separator: "/")
        return (String(parts[parts.count - 2]), String(parts[parts.count - 1]))
    }

    /// Polls `condition` until it holds (at most about 10 s, then the expectation fails).
    static func eventually(_ what: Comment, _ condition: () async throws -> Bool) async throws {
        for _ in 0..<200 {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("never happened: \(what)")
    }

    @Test func aFileUploadingThroughOneReplicaIsBusyOnTheOtherUntilItEnds() async throws {
        let fixture = try ServiceFixture()
        let other = try fixture.replica()
        let (_, session) = try await fixture.newSession()
        let file = try await fixture.push(session, name: "a.bin", size: 2000)
        let (token, name) = try Self.address(file)
        let (body, feed) = AsyncStream.makeStream(of: ByteBuffer.self)
        let upload = Task { try await fixture.services.sessionFiles.upload(token: token, name: name, body: body, piece: .whole(length: 2000)) }
        feed.yield(ByteBuffer(bytes: [UInt8](repeating: 1, count: 1000)))
        try await Self.eventually("the first replica receives") {
            try await fixture.services.sessionFiles.uploadOffset(token: token, name: name) == (1000, true)
        }

        #expect(try await other.sessionFiles.uploadOffset(token: token, name: name).running, "HEAD through the other replica says Upload-Active")
        await #expect(throws: UploadOffsetConflict.self, "a second upload through the other replica is refused") {
            try await other.sessionFiles.upload(token: token, name: name, body: Chunks([[UInt8](repeating: 1, count: 2000)]))
        }
        await #expect(throws: APIError.self, "so is replacing the file") {
            try await other.sessionFiles.add(
                sessionID: session, SessionFileAddSpec(name: "a.bin", sourceType: .push), uploadBase: "http://localhost", caller: fixture.admin
            )
        }

        feed.yield(ByteBuffer(bytes: [UInt8](repeating: 2, count: 1000)))
        feed.finish()
        #expect(try await upload.value.status == .ready)
        try await Self.eventually("the lease is released") {
            try await other.sessionFiles.uploadOffset(token: token, name: name) == (2000, false)
        }
    }

    @Test func anUploadLeftByAStalledReplicaIsResumedThroughAnotherOnceItsLeaseLapses() async throws {
        let fixture = try ServiceFixture()
        let other = try fixture.replica()
        let (_, session) = try await fixture.newSession()
        let bytes = (0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let file = try await fixture.push(session, name: "disk.vmdk", size: Int64(bytes.count))
        let (token, name) = try Self.address(file)
        let (body, feed) = AsyncStream.makeStream(of: ByteBuffer.self)
        let stalled = Task {
            try await fixture.services.sessionFiles.upload(token: token, name: name, body: body, piece: .whole(length: Int64(bytes.count)))
        }
        // More than one batch of the receiver (`FileReceiver.batchBytes`), so it is written out.
        feed.yield(ByteBuffer(bytes: bytes[..<2_000_000]))
        try await Self.eventually("the prefix reaches the shared storage") {
            let blob = fixture.blobs().first.map { fixture.folder + "/datastore-1/" + $0 }
            let size = try blob.map { try FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int } ?? nil
            return size == 2_000_000
        }
        // The first replica stops answering (its body stalls, its heartbeat is far off): once its
        // lease lapses, the other replica owns the file and reads its offset from the storage.
        fixture.advance(by: fixture.services.context.configuration.transferLease + 1)
        #expect(try await other.sessionFiles.uploadOffset(token: token, name: name) == (2_000_000, false))
        let resumed = try await other.sessionFiles.upload(
            token: token, name: name, body: Chunks([Array(bytes[2_000_000...])]),
            piece: .range(start: 2_000_000, end: Int64(bytes.count - 1), total: Int64(bytes.count))
        )
        #expect(resumed.status == .ready)
        #expect(resumed.checksumInfo?.checksum == SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined(), "the prefix was hashed again")

        // The stalled replica wakes up: it must not record anything over the resumed file.
        feed.yield(ByteBuffer(bytes: bytes[2_000_000..<2_500_000]))
        feed.finish()
        let error = await #expect(throws: APIError.self) { try await stalled.value }
        #expect(error?.messages.first?.id == "com.vmware.content.library.item.updatesession.file.taken_over")
        let stored = try await fixture.file(session, "disk.vmdk")
        #expect(stored.status == .ready && stored.bytesTransferred == Int64(bytes.count))
    }

    @Test func cancelingThroughOneReplicaStopsAnUploadRunningOnTheOther() async throws {
        // A short lease, so the heartbeat that notices runs within the test.
        let fixture = try ServiceFixture(transferLease: 0.3)
        let other = try fixture.replica(transferLease: 0.3)
        let (_, session) = try await fixture.newSession()
        let file = try await fixture.push(session, name: "a.bin")
        let (token, name) = try Self.address(file)
        let (body, feed) = AsyncStream.makeStream(of: ByteBuffer.self)
        let ended = Atomic(false)
        let upload = Task {
            defer { ended.store(true, ordering: .sequentiallyConsistent) }
            return try await fixture.services.sessionFiles.upload(token: token, name: name, body: body)
        }
        feed.yield(ByteBuffer(bytes: [UInt8](repeating: 1, count: 1000)))
        try await Self.eventually("the upload runs") { try await fixture.services.sessionFiles.uploadOffset(token: token, name: name).running }

        try await other.updateSessions.cancel(session, caller: fixture.admin)
        // The client goes on sending; the upload stops at the heartbeat after the cancel. After
        // 400 pieces (10 s) the body ends, so a transfer that never stops fails the test.
        var sent = 0
        while sent < 400, !ended.load(ordering: .sequentiallyConsistent) {
            feed.yield(ByteBuffer(bytes: [UInt8](repeating: 2, count: 1000)))
            sent += 1
            try await Task.sleep(for: .milliseconds(25))
        }
        feed.finish()
        _ = try? await upload.value
        #expect(sent < 400, "the upload stopped while its client was still sending")
        try await Self.eventually("the canceled session's bytes are collected") { fixture.blobs().isEmpty }
    }

    @Test func aPullOfAReplicaThatDiedIsTakenOverByAnotherOnceItsLeaseLapses() async throws {
        let content = [UInt8](repeating: 9, count: 50_000)
        let gate = Gate()
        let fixture = try ServiceFixture(["https://src/a.iso": .gated(first: Array(content[..<10]), rest: Array(content[10...]), gate: gate)])
        let (item, session) = try await fixture.newSession()
        try await fixture.pull(session, name: "a.iso", uri: "https://src/a.iso")
        try await fixture.services.updateSessions.complete(session, caller: fixture.admin)
        // The other replica reads the same source, which answers at once there.
        let other = try ServiceFixture.services(
            folder: fixture.folder, fetcher: FakeFetcher(["https://src/a.iso": .bytes(content)]), content: fixture.content,
            now: { [fixture] in fixture.now }
        )

        try await other.sessionFiles.restartInterruptedPulls()
        #expect(other.pulls.running == 0, "a pull whose replica is alive is left alone")
        #expect(try await fixture.session(session).state == .active)

        fixture.advance(by: fixture.services.context.configuration.transferLease + 1)
        try await other.sessionFiles.restartInterruptedPulls()
        await other.pulls.waitForAll()
        #expect(try await other.updateSessions.get(session, caller: fixture.admin).state == .done, "taken over, and the waiting complete settled")
        #expect(try await other.items.files(item, caller: fixture.admin).first?.size == 50_000)
        fixture.services.pulls.cancelAll()
        await fixture.services.pulls.waitForAll()
    }
}
