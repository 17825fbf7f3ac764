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

@Suite struct SQLiteMetadataStoreTests {
    let folder: TemporaryFolder
    let store: SQLiteMetadataStore

    init() async throws {
        self.folder = try TemporaryFolder()
        self.store = try SQLiteMetadataStore(path: self.folder.path + "/metadata.sqlite")
        try await self.store.insertLibrary(Records.library())
        #expect(try await self.store.insertItem(Records.item("item-1")))
    }

    // MARK: One ACTIVE session per item

    @Test func aSecondActiveSessionOnAnItemIsBusy() async throws {
        #expect(try await self.store.createSession(Records.session("s1", item: "item-1"), files: []) == .created)
        let second = try await self.store.createSession(Records.session("s2", item: "item-1", owner: "bob"), files: [])
        #expect(second == .busy("s1"))
        #expect(try await self.store.session(id: "s2") == nil)
    }

    @Test func aNewSessionMayOpenOnceTheActiveOneHasEnded() async throws {
        var first = Records.session("s1", item: "item-1")
        #expect(try await self.store.createSession(first, files: []) == .created)
        first.state = .canceled
        first.finishedTime = Records.time
        #expect(try await self.store.updateSession(first, expectedState: .active))
        #expect(try await self.store.createSession(Records.session("s2", item: "item-1"), files: []) == .created)
    }

    @Test func sessionsOnDifferentItemsDoNotConflict() async throws {
        #expect(try await self.store.insertItem(Records.item("item-2")))
        #expect(try await self.store.createSession(Records.session("s1", item: "item-1"), files: []) == .created)
        #expect(try await self.store.createSession(Records.session("s2", item: "item-2"), files: []) == .created)
    }

    @Test func snapshotFilesAreStoredWithTheSession() async throws {
        let files = [
            Records.sessionFile("a.iso", session: "s1", blob: "blob-a", sequence: 0),
            Records.sessionFile("b.txt", session: "s1", blob: "blob-b", sequence: 1),
        ]
        #expect(try await self.store.createSession(Records.session("s1", item: "item-1"), files: files) == .created)
        #expect(try await self.store.sessionFiles(sessionID: "s1").map(\.name) == ["a.iso", "b.txt"])
    }

    // MARK: Client tokens

    @Test func theSameClientTokenReturnsTheExistingSession() async throws {
        let token = "7c9e6679-7425-40de-944b-e07fc1f90ae7"
        #expect(try await self.store.createSession(Records.session("s1", item: "item-1", token: token), files: []) == .created)
        let again = try await self.store.createSession(Records.session("s2", item: "item-1", token: token), files: [])
        #expect(again == .existing("s1"))
        #expect(try await self.store.session(id: "s2") == nil)
    }

    @Test func aClientTokenIsScopedToItsOwner() async throws {
        let token = "7c9e6679-7425-40de-944b-e07fc1f90ae7"
        #expect(try await self.store.insertItem(Records.item("item-2")))
        #expect(try await self.store.createSession(Records.session("s1", item: "item-1", token: token), files: []) == .created)
        let other = try await self.store.createSession(Records.session("s2", item: "item-2", owner: "bob", token: token), files: [])
        #expect(other == .created)
    }

    // MARK: Complete

    @Test func completeSwapsTheItemFilesAndEndsTheSession() async throws {
        var item = try #require(try await self.store.item(id: "item-1"))
        var seed = Records.session("s0", item: "item-1")
        #expect(try await self.store.createSession(seed, files: []) == .created)
        seed.state = .done
        #expect(try await self.store.completeSession(seed, item: item, files: [Records.itemFile("old.txt", item: "item-1", blob: "blob-old")]))

        let session = Records.session("s1", item: "item-1")
        #expect(try await self.store.createSession(session, files: []) == .created)
        var done = session
        done.state = .done
        done.finishedTime = Records.time
        item.contentVersion = 7
        let newFiles = [
            Records.itemFile("a.iso", item: "item-1", blob: "blob-a", size: 10),
            Records.itemFile("b.txt", item: "item-1", blob: "blob-b", size: 5, version: 2),
        ]
        #expect(try await self.store.completeSession(done, item: item, files: newFiles))

        #expect(try await self.store.itemFiles(itemID: "item-1") == newFiles)
        #expect(try await self.store.item(id: "item-1")?.contentVersion == 7)
        #expect(try await self.store.session(id: "s1")?.state == .done)
    }

    @Test func completeRefusesASessionThatIsNoLongerActive() async throws {
        let item = try #require(try await self.store.item(id: "item-1"))
        var session = Records.session("s1", item: "item-1")
        #expect(try await self.store.createSession(session, files: []) == .created)
        session.state = .canceled
        #expect(try await self.store.updateSession(session, expectedState: .active))

        var done = session
        done.state = .done
        var changed = item
        changed.contentVersion = 2
        let completed = try await self.store.completeSession(done, item: changed, files: [Records.itemFile("a", item: "item-1", blob: "b")])
        #expect(!completed)
        #expect(try await self.store.itemFiles(itemID: "item-1").isEmpty)
        #expect(try await self.store.item(id: "item-1")?.contentVersion == 1)
        #expect(try await self.store.session(id: "s1")?.state == .canceled)
    }

    @Test func updateSessionChecksTheExpectedState() async throws {
        var session = Records.session("s1", item: "item-1")
        #expect(try await self.store.createSession(session, files: []) == .created)
        session.clientProgress = 40
        #expect(!(try await self.store.updateSession(session, expectedState: .done)))
        #expect(try await self.store.session(id: "s1")?.clientProgress == 0)
        #expect(try await self.store.updateSession(session, expectedState: .active))
        #expect(try await self.store.session(id: "s1")?.clientProgress == 40)
    }

    // MARK: Delete

    @Test func deleteItemIsRefusedWhileASessionIsActive() async throws {
        var session = Records.session("s1", item: "item-1")
        #expect(try await self.store.createSession(session, files: []) == .created)
        #expect(!(try await self.store.deleteItem(id: "item-1")))
        #expect(try await self.store.item(id: "item-1") != nil)

        session.state = .canceled
        #expect(try await self.store.updateSession(session, expectedState: .active))
        #expect(try await self.store.deleteItem(id: "item-1"))
        #expect(try await self.store.item(id: "item-1") == nil)
        #expect(try await self.store.session(id: "s1") == nil)
    }

    @Test func deleteLibraryIsRefusedWhileOneOfItsItemsHasAnActiveSession() async throws {
        #expect(try await self.store.createSession(Records.session("s1", item: "item-1"), files: []) == .created)
        #expect(try await self.store.deleteLibrary(id: "lib-1") == nil)
        try await self.store.deleteSession(id: "s1")
        #expect(try await self.store.deleteLibrary(id: "lib-1") == ["item-1"])
        #expect(try await self.store.item(id: "item-1") == nil)
    }

    // MARK: Names

    @Test func itemNamesAreUniqueInALibraryIgnoringCase() async throws {
        #expect(!(try await self.store.insertItem(Records.item("item-2", name: "ITEM ITEM-1"))))
        try await self.store.insertLibrary(Records.library("lib-2"))
        #expect(try await self.store.insertItem(Records.item("item-3", library: "lib-2", name: "item item-1")))
    }

    @Test func renamingAnItemToATakenNameIsRefused() async throws {
        #expect(try await self.store.insertItem(Records.item("item-2", name: "Second")))
        var second = try #require(try await self.store.item(id: "item-2"))
        second.name = "item ITEM-1"
        #expect(!(try await self.store.updateItem(second)))
        second.name = "SECOND"
        #expect(try await self.store.updateItem(second))
        #expect(try await self.store.item(id: "item-2")?.name == "SECOND")
    }

    // MARK: Files and blobs

    @Test func sessionFilesAreFoundByUploadTokenAndReplacedByName() async throws {
        #expect(try await self.store.createSession(Records.session("s1", item: "item-1"), files: []) == .created)
        var file = Records.sessionFile("a.iso", session: "s1", blob: nil, status: .waitingForTransfer)
        file.uploadToken = String(repeating: "a", count: 32)
        try await self.store.saveSessionFile(file)
        file.status = .ready
        file.blob = "blob-a"
        try await self.store.saveSessionFile(file)
        #expect(try await self.store.sessionFile(uploadToken: file.uploadToken!) == file)
        #expect(try await self.store.sessionFiles(sessionID: "s1").count == 1)
        try await self.store.deleteSessionFile(sessionID: "s1", name: "a.iso")
        #expect(try await self.store.sessionFile(sessionID: "s1", name: "a.iso") == nil)
    }

    @Test func anUploadingFileIsUpdatedOnlyWhileItIsStillThere() async throws {
        #expect(try await self.store.createSession(Records.session("s1", item: "item-1"), files: []) == .created)
        var file = Records.sessionFile("a.iso", session: "s1", blob: nil, status: .waitingForTransfer)
        file.uploadToken = String(repeating: "a", count: 32)
        try await self.store.saveSessionFile(file)
        file.status = .transferring
        #expect(try await self.store.updateUploadingFile(file))
        #expect(try await self.store.sessionFile(sessionID: "s1", name: "a.iso")?.status == .transferring)

        var readded = file
        readded.uploadToken = String(repeating: "b", count: 32)
        readded.status = .waitingForTransfer
        try await self.store.saveSessionFile(readded)
        file.status = .ready
        #expect(!(try await self.store.updateUploadingFile(file)), "added again with a new token")
        #expect(try await self.store.sessionFile(sessionID: "s1", name: "a.iso") == readded)

        try await self.store.deleteSessionFile(sessionID: "s1", name: "a.iso")
        #expect(!(try await self.store.updateUploadingFile(readded)), "removed")
        #expect(try await self.store.sessionFile(sessionID: "s1", name: "a.iso") == nil)
    }

    @Test func referencedBlobsAreTheItemsAndThoseOfActiveSessions() async throws {
        let item = try #require(try await self.store.item(id: "item-1"))
        var first = Records.session("s0", item: "item-1")
        #expect(try await self.store.createSession(first, files: [Records.sessionFile("x", session: "s0", blob: "blob-x")]) == .created)
        first.state = .done
        #expect(try await self.store.completeSession(first, item: item, files: [Records.itemFile("x", item: "item-1", blob: "blob-x")]))
        var canceled = Records.session("s1", item: "item-1")
        #expect(try await self.store.createSession(canceled, files: [Records.sessionFile("y", session: "s1", blob: "blob-y")]) == .created)
        canceled.state = .canceled
        #expect(try await self.store.updateSession(canceled, expectedState: .active))
        let files = [Records.sessionFile("z", session: "s2", blob: "blob-z"), Records.sessionFile("w", session: "s2", blob: nil, sequence: 1)]
        #expect(try await self.store.createSession(Records.session("s2", item: "item-1"), files: files) == .created)

        #expect(try await self.store.referencedBlobs(itemID: "item-1") == ["blob-x", "blob-z"])
    }

    // MARK: Persistence

    @Test func reopeningTheDatabaseKeepsEverything() async throws {
        let token = "7c9e6679-7425-40de-944b-e07fc1f90ae7"
        var session = Records.session("s1", item: "item-1", token: token)
        session.warningBehavior = [WarningBehavior(type: .selfSignedCertificate, ignored: true)]
        session.errorMessage = LocalizableMessage(id: "x", defaultMessage: "y", args: ["z"])
        let file = Records.sessionFile("a.iso", session: "s1", blob: "blob-a")
        #expect(try await self.store.createSession(session, files: [file]) == .created)
        try await self.store.insertAPISession(
            APISessionRecord(tokenHash: "hash", user: "alice", createdTime: Records.time, lastAccessedTime: Records.time)
        )

        let reopened = try SQLiteMetadataStore(path: self.folder.path + "/metadata.sqlite")
        #expect(try await reopened.libraries() == [Records.library()])
        #expect(try await reopened.item(id: "item-1") == Records.item("item-1"))
        #expect(try await reopened.session(id: "s1") == session)
        #expect(try await reopened.sessionFiles(sessionID: "s1") == [file])
        #expect(try await reopened.sessions(owner: "alice", itemID: nil).map(\.id) == ["s1"])
        #expect(try await reopened.apiSession(tokenHash: "hash")?.user == "alice")
        #expect(try await reopened.createSession(Records.session("s2", item: "item-1", token: token), files: []) == .existing("s1"))
    }

    // MARK: API sessions

    @Test func apiSessionsAreUsedAndDeleted() async throws {
        try await self.store.insertAPISession(
            APISessionRecord(tokenHash: "hash", user: "alice", createdTime: Records.time, lastAccessedTime: Records.time)
        )
        let later = Records.time.addingTimeInterval(60)
        try await self.store.touchAPISession(tokenHash: "hash", at: later)
        try await self.store.touchAPISession(tokenHash: "hash", at: Records.time)
        #expect(try await self.store.apiSession(tokenHash: "hash")?.lastAccessedTime == later, "never moved back")
        #expect(try await self.store.apiSession(tokenHash: "other") == nil)
        #expect(try await self.store.deleteAPISession(tokenHash: "hash"))
        #expect(!(try await self.store.deleteAPISession(tokenHash: "hash")))
    }

    @Test func anAPISessionIdlePastTheCutoffIsGone() async throws {
        try await self.store.insertAPISession(
            APISessionRecord(tokenHash: "idle", user: "alice", createdTime: Records.time, lastAccessedTime: Records.time)
        )
        try await self.store.insertAPISession(
            APISessionRecord(tokenHash: "busy", user: "bob", createdTime: Records.time, lastAccessedTime: Records.time.addingTimeInterval(100))
        )
        let cutoff = Records.time.addingTimeInterval(50)
        #expect(try await self.store.deleteAPISessions(idleBefore: cutoff) == 1)
        #expect(try await self.store.apiSession(tokenHash: "idle") == nil, "reaped")
        #expect(try await self.store.apiSession(tokenHash: "busy")?.user == "bob")
    }
}
