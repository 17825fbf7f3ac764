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

/// PUSH uploads through the services: pieces and resumption, failures, and which blobs are
/// collected when — a replaced upload's, a removed file's, an ended session's, and never one
/// that a session ending mid-upload would leave behind.
@Suite struct SessionFileUploadTests {
    let content = Array((0..<100).map { UInt8(truncatingIfNeeded: $0 &* 7) })
    var sha256: String { StreamingHasher.digest(self.content, algorithm: .sha256) }

    struct Reset: Error {}

    // MARK: Pieces

    @Test func piecesResumeWhereTheServerCopyEnds() async throws {
        let fixture = try ServiceFixture()
        let (_, session) = try await fixture.newSession()
        let file = try await fixture.push(session, name: "a.bin", size: 100)
        let first = try await fixture.upload(file, [Array(self.content[..<40])], piece: .range(start: 0, end: 39, total: 100))
        #expect(first.status == .transferring)
        #expect(first.bytesTransferred == 40)
        #expect(first.size == nil)
        let token = try #require(file.uploadEndpoint?.uri.split(separator: "/").dropLast().last.map(String.init))
        let offset = try await fixture.services.sessionFiles.uploadOffset(token: token, name: "a.bin")
        #expect(offset.offset == 40)
        #expect(offset.running == false)

        do {
            _ = try await fixture.upload(file, [Array(self.content[50...])], piece: .range(start: 50, end: 99, total: 100))
            Issue.record("a piece after a gap is refused")
        } catch let conflict as UploadOffsetConflict {
            #expect(conflict.offset == 40)
            #expect(conflict.error.kind == .concurrentChange)
        }

        let last = try await fixture.upload(file, [Array(self.content[40...])], piece: .range(start: 40, end: 99, total: 100))
        #expect(last.status == .ready)
        #expect(last.size == 100)
        #expect(last.checksumInfo == ChecksumInfo(algorithm: .sha256, checksum: self.sha256), "the digest runs across pieces")
        #expect(fixture.blobs().count == 1)
    }

    @Test func aCutUploadKeepsItsBytesForTheNextPiece() async throws {
        let fixture = try ServiceFixture()
        let (_, session) = try await fixture.newSession()
        let file = try await fixture.push(session, name: "a.bin")
        let token = try #require(file.uploadEndpoint?.uri.split(separator: "/").dropLast().last.map(String.init))
        let gate = Gate()
        gate.open()
        let cut = try await fixture.services.sessionFiles.upload(
            token: token, name: "a.bin", body: Chunks([Array(self.content[..<30]), []], gate: gate, then: SourceFetchError(.connection, "connection reset")),
            piece: .whole(length: 100)
        )
        #expect(cut.status == .transferring)
        #expect(cut.bytesTransferred == 30)
        let rest = try await fixture.upload(file, [Array(self.content[30...])], piece: .range(start: 30, end: 99, total: 100))
        #expect(rest.status == .ready)
        #expect(rest.checksumInfo == ChecksumInfo(algorithm: .sha256, checksum: self.sha256))
    }

    @Test func aFileOfTheWrongSizeFailsAndMayBeUploadedAgain() async throws {
        let fixture = try ServiceFixture()
        let (_, session) = try await fixture.newSession()
        let file = try await fixture.push(session, name: "a.bin", size: 100)
        let short = try await fixture.upload(file, [Array(self.content[..<60])], piece: .whole(length: nil))
        #expect(short.status == .error)
        #expect(short.errorMessage?.defaultMessage == "a.bin: the declared size is 100 bytes but 60 bytes were received.")
        #expect(fixture.blobs().isEmpty, "a failed upload keeps no bytes")
        let again = try await fixture.upload(file, [self.content])
        #expect(again.status == .ready)
        #expect(again.errorMessage == nil)
    }

    // MARK: Garbage

    @Test func anUploadFromTheStartReplacesTheEarlierBlob() async throws {
        let fixture = try ServiceFixture()
        let (_, session) = try await fixture.newSession()
        let file = try await fixture.pushAndUpload(session, name: "a.bin", self.content)
        let first = fixture.blobs()
        #expect(first.count == 1)
        let replaced = try await fixture.upload(file, [Array(self.content.reversed())])
        #expect(replaced.status == .ready)
        let second = fixture.blobs()
        #expect(second.count == 1, "the earlier upload's blob is collected")
        #expect(second != first)

        // Over a partial upload too.
        try await fixture.upload(file, [Array(self.content[..<10])], piece: .range(start: 0, end: 9, total: 100))
        try await fixture.upload(file, [self.content])
        #expect(fixture.blobs().count == 1)
    }

    @Test func removingOrReplacingAFileCollectsItsBytes() async throws {
        let fixture = try ServiceFixture()
        let (_, session) = try await fixture.newSession()
        try await fixture.pushAndUpload(session, name: "a.bin", self.content)
        try await fixture.pushAndUpload(session, name: "b.bin", self.content)
        #expect(fixture.blobs().count == 2)
        try await fixture.services.sessionFiles.remove(sessionID: session, name: "a.bin", caller: fixture.admin)
        #expect(fixture.blobs().count == 1)
        try await fixture.push(session, name: "b.bin")
        #expect(fixture.blobs().isEmpty, "adding a file again drops the bytes of the one it replaces")
    }

    /// Collection runs when blobs stop being referenced, not after every piece: a stray blob
    /// nobody references survives uploads and goes when the session ends.
    @Test func piecesDoNotCollectButTheEndOfTheSessionDoes() async throws {
        let fixture = try ServiceFixture()
        let (_, session) = try await fixture.newSession()
        try await fixture.pushAndUpload(session, name: "a.bin", self.content)
        let blob = try #require(fixture.blobs().first)
        let folder = fixture.folder + "/datastore-1/" + (blob as NSString).deletingLastPathComponent
        let stray = UUID().uuidString.lowercased()
        #expect(FileManager.default.createFile(atPath: folder + "/" + stray, contents: Data([1])))

        let file = try await fixture.push(session, name: "b.bin", size: 100)
        try await fixture.upload(file, [Array(self.content[..<50])], piece: .range(start: 0, end: 49, total: 100))
        try await fixture.upload(file, [Array(self.content[50...])], piece: .range(start: 50, end: 99, total: 100))
        #expect(fixture.blobs().count == 3)

        try await fixture.services.updateSessions.cancel(session, caller: fixture.admin)
        #expect(fixture.blobs().isEmpty)
    }

    /// A session that ends after an upload began but before its blob exists: the session's own
    /// clean-up found nothing to delete, and the upload, finishing, must not leave its blob behind.
    @Test func aSessionEndingWhileBytesArriveLeavesNoBlob() async throws {
        let fixture = try ServiceFixture()
        let (_, session) = try await fixture.newSession()
        let file = try await fixture.push(session, name: "empty.bin")
        let services = fixture.services
        let admin = fixture.admin
        fixture.content.beforeNextWriter {
            try? await services.updateSessions.cancel(session, caller: admin)
        }
        // An empty body: the upload sees no byte after the cancel, so nothing stops it.
        let info = try await fixture.upload(file, [])
        #expect(info.status == .ready)
        #expect(try await fixture.session(session).state == .canceled)
        #expect(fixture.blobs().isEmpty, "the blob closed after the session ended is collected")
    }

    @Test func aSessionEndingDuringAnUploadStopsIt() async throws {
        let fixture = try ServiceFixture()
        let (_, session) = try await fixture.newSession()
        let file = try await fixture.push(session, name: "a.bin")
        let services = fixture.services
        let admin = fixture.admin
        fixture.content.beforeNextWriter {
            try? await services.updateSessions.fail(session, message: "gone", caller: admin)
        }
        let info = try await fixture.upload(file, [self.content])
        #expect(info.status == .error)
        #expect(info.errorMessage?.defaultMessage.contains("stopped") == true)
        #expect(fixture.blobs().isEmpty)
    }

    @Test func aFileRemovedDuringItsUploadStaysRemoved() async throws {
        let fixture = try ServiceFixture()
        let (_, session) = try await fixture.newSession()
        let file = try await fixture.push(session, name: "a.bin")
        let services = fixture.services
        let admin = fixture.admin
        fixture.content.beforeNextWriter {
            try? await services.sessionFiles.remove(sessionID: session, name: "a.bin", caller: admin)
        }
        let info = try await fixture.upload(file, [self.content])
        #expect(info.status == .error)
        #expect(info.errorMessage?.defaultMessage == "a.bin: the file was removed from the update session during its upload.")
        #expect(try await services.sessionFiles.list(sessionID: session, uploadBase: "", caller: admin).isEmpty)
        #expect(fixture.blobs().isEmpty)
    }
}
