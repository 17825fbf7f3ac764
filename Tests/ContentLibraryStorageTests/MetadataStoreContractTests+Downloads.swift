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

/// Download sessions, activity that never moves back, and values that come back exactly as
/// written (times to the bit, JSON fields, absent optionals).
extension MetadataStoreContractTests {
    static func downloadSession(_ id: String, token: String? = nil) -> DownloadSessionRecord {
        DownloadSessionRecord(
            id: id, itemID: "item-1", owner: "alice", clientToken: token, state: .active, itemContentVersion: 1, clientProgress: 0,
            errorMessage: nil, creationTime: Records.time, lastActivity: Records.time, finishedTime: nil
        )
    }

    static func downloadFile(_ name: String, session: String, blob: String, sequence: Int64 = 0) -> DownloadFileRecord {
        DownloadFileRecord(
            sessionID: session, name: name, size: 3, blob: blob, digests: [.sha256: "abc"], checksum: nil, status: .unprepared,
            downloadToken: nil, bytesTransferred: 0, sequence: sequence
        )
    }

    @Test(arguments: StoreKind.available) func downloadSessionsAreIdempotentAndPinTheirBlobs(_ kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { fixture async throws in
            let store = fixture.store
            let files = [Self.downloadFile("a", session: "d1", blob: "blob-a"), Self.downloadFile("b", session: "d1", blob: "blob-b", sequence: 1)]
            #expect(try await store.createDownloadSession(Self.downloadSession("d1", token: "t"), files: files) == .created)
            #expect(try await store.createDownloadSession(Self.downloadSession("d2", token: "t"), files: []) == .existing("d1"))
            #expect(try await store.createDownloadSession(Self.downloadSession("d3"), files: []) == .created, "never busy")
            #expect(try await store.downloadFiles(sessionID: "d1") == files)
            #expect(try await store.downloadSessions(owner: "alice", itemID: "item-1").map(\.id) == ["d1", "d3"])
            #expect(try await store.referencedBlobs(itemID: "item-1") == ["blob-a", "blob-b"])

            var prepared = files[0]
            prepared.status = .prepared
            prepared.downloadToken = String(repeating: "d", count: 32)
            try await store.saveDownloadFile(prepared)
            #expect(try await store.downloadFile(token: prepared.downloadToken!) == prepared)
            try await store.recordDownload(sessionID: "d1", name: "a", bytes: 2, at: Records.time.addingTimeInterval(5))
            try await store.recordDownload(sessionID: "d1", name: "a", bytes: 1, at: Records.time.addingTimeInterval(1))
            #expect(try await store.downloadFile(token: prepared.downloadToken!)?.bytesTransferred == 2, "never moved back")
            #expect(try await store.downloadSession(id: "d1")?.lastActivity == Records.time.addingTimeInterval(5))

            var ended = try #require(try await store.downloadSession(id: "d1"))
            ended.state = .canceled
            ended.finishedTime = Records.time.addingTimeInterval(6)
            #expect(!(try await store.updateDownloadSession(ended, expectedState: .canceled)))
            #expect(try await store.updateDownloadSession(ended, expectedState: .active))
            #expect(try await store.referencedBlobs(itemID: "item-1").isEmpty, "an ended download pins nothing")
            #expect(try await store.downloadSessions(state: .canceled).map(\.id) == ["d1"])
            #expect(try await store.downloadSessions(finishedBefore: Records.time.addingTimeInterval(7)).map(\.id) == ["d1"])
            #expect(try await store.downloadSessions(finishedBefore: Records.time.addingTimeInterval(6)).isEmpty)
            try await store.deleteDownloadSession(id: "d1")
            #expect(try await store.downloadFiles(sessionID: "d1").isEmpty)
        }
    }

    @Test(arguments: StoreKind.available) func touchingASessionNeverMovesItBack(_ kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { fixture async throws in
            let store = fixture.store
            var session = Records.session("s1", item: "item-1")
            #expect(try await store.createSession(session, files: []) == .created)
            try await store.touchSession(id: "s1", at: Records.time.addingTimeInterval(20))
            try await store.touchSession(id: "s1", at: Records.time.addingTimeInterval(10))
            #expect(try await store.session(id: "s1")?.lastActivity == Records.time.addingTimeInterval(20))
            session.state = .canceled
            #expect(try await store.updateSession(session, expectedState: .active))
            try await store.touchSession(id: "s1", at: Records.time.addingTimeInterval(30))
            #expect(try await store.session(id: "s1")?.lastActivity == Records.time, "only an ACTIVE session is touched")
        }
    }

    @Test(arguments: StoreKind.available) func recordsComeBackExactlyAsWritten(_ kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { fixture async throws in
            let store = fixture.store
            // A time with every bit of its fraction used, as `Date()` gives.
            let now = Date(timeIntervalSince1970: 1_733_190_000.123_456_7)
            var library = Records.library("lib-2")
            library.creationTime = now
            library.securityPolicyID = "6f1cdd3c-25d9-4a3e-8d77-1d5b7c2b9e01"
            try await store.insertLibrary(library)
            #expect(try await store.library(id: "lib-2") == library)
            var session = Records.session("s1", item: "item-1", token: "token")
            session.lastActivity = now
            session.finishedTime = nil
            session.completionRequested = true
            session.warningBehavior = [WarningBehavior(type: .selfSignedCertificate, ignored: true)]
            var file = Records.sessionFile("a.ovf", session: "s1", blob: "blob", sequence: 3)
            file.declaredSize = 1 << 40
            file.declaredChecksum = ChecksumInfo(algorithm: .sha256, checksum: "abc")
            file.itemFileVersion = 2
            file.digests = [.sha256: "abc", .sha1: "def"]
            #expect(try await store.createSession(session, files: [file]) == .created)
            #expect(try await store.session(id: "s1") == session)
            #expect(try await store.sessionFile(sessionID: "s1", name: "a.ovf") == file)
            #expect(try await store.sessions(owner: "alice", ofItem: "item-1")?.map(\.id) == ["s1"])
            #expect(try await store.sessions(owner: "alice", ofItem: "nothing") == nil)
            let snapshot = try #require(try await store.sessionSnapshot(id: "s1"))
            #expect(snapshot.session == session && snapshot.files == [file])
            #expect(snapshot.item == Records.item("item-1") && snapshot.library == Records.library())
        }
    }
}
