//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import ContentLibraryAPI
import ContentLibraryServices
import ContentLibraryStorage
import Foundation
import Testing

/// The contract of `MetadataStore`: every test runs against each store (`StoreKind.available`),
/// so SQLite and PostgreSQL answer the services alike. Each test starts from library `lib-1`
/// holding item `item-1` (`StoreFixture`).
@Suite struct MetadataStoreContractTests {
    // MARK: One ACTIVE session per item

    @Test(arguments: StoreKind.available) func aSecondActiveSessionOnAnItemIsBusy(_ kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { fixture async throws in
            let store = fixture.store
            #expect(try await store.createSession(Records.session("s1", item: "item-1"), files: []) == .created)
            let second = try await store.createSession(Records.session("s2", item: "item-1", owner: "bob"), files: [])
            #expect(second == .busy("s1"))
            #expect(try await store.session(id: "s2") == nil)
        }
    }

    @Test(arguments: StoreKind.available) func aNewSessionMayOpenOnceTheActiveOneHasEnded(_ kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { fixture async throws in
            let store = fixture.store
            var first = Records.session("s1", item: "item-1")
            #expect(try await store.createSession(first, files: []) == .created)
            first.state = .canceled
            first.finishedTime = Records.time
            #expect(try await store.updateSession(first, expectedState: .active))
            #expect(try await store.createSession(Records.session("s2", item: "item-1"), files: []) == .created)
        }
    }

    @Test(arguments: StoreKind.available) func sessionsOnDifferentItemsDoNotConflict(_ kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { fixture async throws in
            let store = fixture.store
            #expect(try await store.insertItem(Records.item("item-2")))
            #expect(try await store.createSession(Records.session("s1", item: "item-1"), files: []) == .created)
            #expect(try await store.createSession(Records.session("s2", item: "item-2"), files: []) == .created)
        }
    }

    @Test(arguments: StoreKind.available) func snapshotFilesAreStoredWithTheSession(_ kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { fixture async throws in
            let store = fixture.store
            let files = [
                Records.sessionFile("a.iso", session: "s1", blob: "blob-a", sequence: 0),
                Records.sessionFile("b.txt", session: "s1", blob: "blob-b", sequence: 1),
            ]
            #expect(try await store.createSession(Records.session("s1", item: "item-1"), files: files) == .created)
            #expect(try await store.sessionFiles(sessionID: "s1").map(\.name) == ["a.iso", "b.txt"])
        }
    }

    // MARK: Client tokens

    @Test(arguments: StoreKind.available) func theSameClientTokenReturnsTheExistingSession(_ kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { fixture async throws in
            let store = fixture.store
            let token = "7c9e6679-7425-40de-944b-e07fc1f90ae7"
            #expect(try await store.createSession(Records.session("s1", item: "item-1", token: token), files: []) == .created)
            let again = try await store.createSession(Records.session("s2", item: "item-1", token: token), files: [])
            #expect(again == .existing("s1"))
            #expect(try await store.session(id: "s2") == nil)
        }
    }

    @Test(arguments: StoreKind.available) func aClientTokenIsScopedToItsOwner(_ kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { fixture async throws in
            let store = fixture.store
            let token = "7c9e6679-7425-40de-944b-e07fc1f90ae7"
            #expect(try await store.insertItem(Records.item("item-2")))
            #expect(try await store.createSession(Records.session("s1", item: "item-1", token: token), files: []) == .created)
            let other = try await store.createSession(Records.session("s2", item: "item-2", owner: "bob", token: token), files: [])
            #expect(other == .created)
        }
    }

    // MARK: Complete

    @Test(arguments: StoreKind.available) func completeSwapsTheItemFilesAndEndsTheSession(_ kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { fixture async throws in
            let store = fixture.store
            var item = try #require(try await store.item(id: "item-1"))
            var seed = Records.session("s0", item: "item-1")
            #expect(try await store.createSession(seed, files: []) == .created)
            seed.state = .done
            #expect(try await store.completeSession(seed, item: item, files: [Records.itemFile("old.txt", item: "item-1", blob: "blob-old")]))

            let session = Records.session("s1", item: "item-1")
            #expect(try await store.createSession(session, files: []) == .created)
            var done = session
            done.state = .done
            done.finishedTime = Records.time
            item.contentVersion = 7
            let newFiles = [
                Records.itemFile("a.iso", item: "item-1", blob: "blob-a", size: 10),
                Records.itemFile("b.txt", item: "item-1", blob: "blob-b", size: 5, version: 2),
            ]
            #expect(try await store.completeSession(done, item: item, files: newFiles))

            #expect(try await store.itemFiles(itemID: "item-1") == newFiles)
            #expect(try await store.item(id: "item-1")?.contentVersion == 7)
            #expect(try await store.session(id: "s1")?.state == .done)
        }
    }

    @Test(arguments: StoreKind.available) func completeRefusesASessionThatIsNoLongerActive(_ kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { fixture async throws in
            let store = fixture.store
            let item = try #require(try await store.item(id: "item-1"))
            var session = Records.session("s1", item: "item-1")
            #expect(try await store.createSession(session, files: []) == .created)
            session.state = .canceled
            #expect(try await store.updateSession(session, expectedState: .active))

            var done = session
            done.state = .done
            var changed = item
            changed.contentVersion = 2
            let completed = try await store.completeSession(done, item: changed, files: [Records.itemFile("a", item: "item-1", blob: "b")])
            #expect(!completed)
            #expect(try await store.itemFiles(itemID: "item-1").isEmpty)
            #expect(try await store.item(id: "item-1")?.contentVersion == 1)
            #expect(try await store.session(id: "s1")?.state == .canceled)
        }
    }

    @Test(arguments: StoreKind.available) func updateSessionChecksTheExpectedState(_ kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { fixture async throws in
            let store = fixture.store
            var session = Records.session("s1", item: "item-1")
            #expect(try await store.createSession(session, files: []) == .created)
            session.clientProgress = 40
            #expect(!(try await store.updateSession(session, expectedState: .done)))
            #expect(try await store.session(id: "s1")?.clientProgress == 0)
            #expect(try await store.updateSession(session, expectedState: .active))
            #expect(try await store.session(id: "s1")?.clientProgress == 40)
        }
    }

    // MARK: Delete

    @Test(arguments: StoreKind.available) func deleteItemIsRefusedWhileASessionIsActive(_ kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { fixture async throws in
            let store = fixture.store
            var session = Records.session("s1", item: "item-1")
            #expect(try await store.createSession(session, files: []) == .created)
            #expect(!(try await store.deleteItem(id: "item-1")))
            #expect(try await store.item(id: "item-1") != nil)

            session.state = .canceled
            #expect(try await store.updateSession(session, expectedState: .active))
            #expect(try await store.deleteItem(id: "item-1"))
            #expect(try await store.item(id: "item-1") == nil)
            #expect(try await store.session(id: "s1") == nil)
        }
    }

    @Test(arguments: StoreKind.available) func deleteLibraryIsRefusedWhileOneOfItsItemsHasAnActiveSession(_ kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { fixture async throws in
            let store = fixture.store
            #expect(try await store.createSession(Records.session("s1", item: "item-1"), files: []) == .created)
            #expect(try await store.deleteLibrary(id: "lib-1") == nil)
            try await store.deleteSession(id: "s1")
            #expect(try await store.deleteLibrary(id: "lib-1") == ["item-1"])
            #expect(try await store.item(id: "item-1") == nil)
        }
    }

    // MARK: Names

    @Test(arguments: StoreKind.available) func itemNamesAreUniqueInALibraryIgnoringCase(_ kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { fixture async throws in
            let store = fixture.store
            #expect(!(try await store.insertItem(Records.item("item-2", name: "ITEM ITEM-1"))))
            try await store.insertLibrary(Records.library("lib-2"))
            #expect(try await store.insertItem(Records.item("item-3", library: "lib-2", name: "item item-1")))
        }
    }

    @Test(arguments: StoreKind.available) func renamingAnItemToATakenNameIsRefused(_ kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { fixture async throws in
            let store = fixture.store
            #expect(try await store.insertItem(Records.item("item-2", name: "Second")))
            var second = try #require(try await store.item(id: "item-2"))
            second.name = "item ITEM-1"
            #expect(!(try await store.updateItem(second)))
            second.name = "SECOND"
            #expect(try await store.updateItem(second))
            #expect(try await store.item(id: "item-2")?.name == "SECOND")
        }
    }

    // MARK: Files and blobs

    @Test(arguments: StoreKind.available) func sessionFilesAreFoundByUploadTokenAndReplacedByName(_ kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { fixture async throws in
            let store = fixture.store
            #expect(try await store.createSession(Records.session("s1", item: "item-1"), files: []) == .created)
            var file = Records.sessionFile("a.iso", session: "s1", blob: nil, status: .waitingForTransfer)
            file.uploadToken = String(repeating: "a", count: 32)
            try await store.saveSessionFile(file)
            file.status = .ready
            file.blob = "blob-a"
            try await store.saveSessionFile(file)
            #expect(try await store.sessionFile(uploadToken: file.uploadToken!) == file)
            #expect(try await store.sessionFiles(sessionID: "s1").count == 1)
            try await store.deleteSessionFile(sessionID: "s1", name: "a.iso")
            #expect(try await store.sessionFile(sessionID: "s1", name: "a.iso") == nil)
        }
    }

    @Test(arguments: StoreKind.available) func anUploadingFileIsUpdatedOnlyWhileItIsStillThere(_ kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { fixture async throws in
            let store = fixture.store
            #expect(try await store.createSession(Records.session("s1", item: "item-1"), files: []) == .created)
            var file = Records.sessionFile("a.iso", session: "s1", blob: nil, status: .waitingForTransfer)
            file.uploadToken = String(repeating: "a", count: 32)
            try await store.saveSessionFile(file)
            file.status = .transferring
            #expect(try await store.updateUploadingFile(file))
            #expect(try await store.sessionFile(sessionID: "s1", name: "a.iso")?.status == .transferring)

            var readded = file
            readded.uploadToken = String(repeating: "b", count: 32)
            readded.status = .waitingForTransfer
            try await store.saveSessionFile(readded)
            file.status = .ready
            #expect(!(try await store.updateUploadingFile(file)), "added again with a new token")
            #expect(try await store.sessionFile(sessionID: "s1", name: "a.iso") == readded)

            try await store.deleteSessionFile(sessionID: "s1", name: "a.iso")
            #expect(!(try await store.updateUploadingFile(readded)), "removed")
            #expect(try await store.sessionFile(sessionID: "s1", name: "a.iso") == nil)
        }
    }

    @Test(arguments: StoreKind.available) func referencedBlobsAreTheItemsAndThoseOfActiveSessions(_ kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { fixture async throws in
            let store = fixture.store
            let item = try #require(try await store.item(id: "item-1"))
            var first = Records.session("s0", item: "item-1")
            #expect(try await store.createSession(first, files: [Records.sessionFile("x", session: "s0", blob: "blob-x")]) == .created)
            first.state = .done
            #expect(try await store.completeSession(first, item: item, files: [Records.itemFile("x", item: "item-1", blob: "blob-x")]))
            var canceled = Records.session("s1", item: "item-1")
            #expect(try await store.createSession(canceled, files: [Records.sessionFile("y", session: "s1", blob: "blob-y")]) == .created)
            canceled.state = .canceled
            #expect(try await store.updateSession(canceled, expectedState: .active))
            let files = [Records.sessionFile("z", session: "s2", blob: "blob-z"), Records.sessionFile("w", session: "s2", blob: nil, sequence: 1)]
            #expect(try await store.createSession(Records.session("s2", item: "item-1"), files: files) == .created)

            #expect(try await store.referencedBlobs(itemID: "item-1") == ["blob-x", "blob-z"])
        }
    }

    // MARK: Persistence

    @Test(arguments: StoreKind.available) func reopeningTheDatabaseKeepsEverything(_ kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { fixture async throws in
            let store = fixture.store
            let token = "7c9e6679-7425-40de-944b-e07fc1f90ae7"
            var session = Records.session("s1", item: "item-1", token: token)
            session.warningBehavior = [WarningBehavior(type: .selfSignedCertificate, ignored: true)]
            session.errorMessage = LocalizableMessage(id: "x", defaultMessage: "y", args: ["z"])
            let file = Records.sessionFile("a.iso", session: "s1", blob: "blob-a")
            #expect(try await store.createSession(session, files: [file]) == .created)
            try await store.insertAPISession(
                APISessionRecord(tokenHash: "hash", user: "alice", createdTime: Records.time, lastAccessedTime: Records.time)
            )

            let reopened = try await fixture.openAnother()
            #expect(try await reopened.libraries() == [Records.library()])
            #expect(try await reopened.item(id: "item-1") == Records.item("item-1"))
            #expect(try await reopened.session(id: "s1") == session)
            #expect(try await reopened.sessionFiles(sessionID: "s1") == [file])
            #expect(try await reopened.sessions(owner: "alice", itemID: nil).map(\.id) == ["s1"])
            #expect(try await reopened.apiSession(tokenHash: "hash")?.user == "alice")
            #expect(try await reopened.createSession(Records.session("s2", item: "item-1", token: token), files: []) == .existing("s1"))
        }
    }

    // MARK: API sessions

    @Test(arguments: StoreKind.available) func apiSessionsAreUsedAndDeleted(_ kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { fixture async throws in
            let store = fixture.store
            try await store.insertAPISession(
                APISessionRecord(tokenHash: "hash", user: "alice", createdTime: Records.time, lastAccessedTime: Records.time)
            )
            let later = Records.time.addingTimeInterval(60)
            try await store.touchAPISession(tokenHash: "hash", at: later)
            try await store.touchAPISession(tokenHash: "hash", at: Records.time)
            #expect(try await store.apiSession(tokenHash: "hash")?.lastAccessedTime == later, "never moved back")
            #expect(try await store.apiSession(tokenHash: "other") == nil)
            #expect(try await store.deleteAPISession(tokenHash: "hash"))
            #expect(!(try await store.deleteAPISession(tokenHash: "hash")))
        }
    }

    @Test(arguments: StoreKind.available) func anAPISessionIdlePastTheCutoffIsGone(_ kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { fixture async throws in
            let store = fixture.store
            try await store.insertAPISession(
                APISessionRecord(tokenHash: "idle", user: "alice", createdTime: Records.time, lastAccessedTime: Records.time)
            )
            try await store.insertAPISession(
                APISessionRecord(tokenHash: "busy", user: "bob", createdTime: Records.time, lastAccessedTime: Records.time.addingTimeInterval(100))
            )
            let cutoff = Records.time.addingTimeInterval(50)
            #expect(try await store.deleteAPISessions(idleBefore: cutoff) == 1)
            #expect(try await store.apiSession(tokenHash: "idle") == nil, "reaped")
            #expect(try await store.apiSession(tokenHash: "busy")?.user == "bob")
        }
    }
}
