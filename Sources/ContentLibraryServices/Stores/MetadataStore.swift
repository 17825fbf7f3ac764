//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import ContentLibraryModel
package import ContentLibraryAPI
package import Foundation

/// Where the server keeps its metadata: libraries, items, sessions, files, API sessions.
///
/// Each mutating method is one atomic step of the domain, so that a store may be SQLite in one
/// process or PostgreSQL behind several replicas: the services never hold a transaction open
/// across an `await`.
package protocol MetadataStore: Sendable {
    // MARK: Libraries

    /// Inserts a library.
    func insertLibrary(_ library: LibraryRecord) async throws
    /// The library with this id.
    func library(id: String) async throws -> LibraryRecord?
    /// Every library, oldest first.
    func libraries() async throws -> [LibraryRecord]
    /// Replaces a library's properties.
    func updateLibrary(_ library: LibraryRecord) async throws
    /// Deletes a library and its items; returns the deleted items' ids. Refused (returns `nil`) when
    /// one of its items has an ACTIVE session.
    func deleteLibrary(id: String) async throws -> [String]?

    // MARK: Items

    /// Inserts an item; `false` when an item of the same name (case-insensitive) exists in the library.
    func insertItem(_ item: ItemRecord) async throws -> Bool
    /// The item with this id.
    func item(id: String) async throws -> ItemRecord?
    /// The items of a library, or of every library when `libraryID` is nil.
    func items(libraryID: String?) async throws -> [ItemRecord]
    /// Replaces an item's properties; `false` when the new name is taken in its library.
    func updateItem(_ item: ItemRecord) async throws -> Bool
    /// Deletes an item and its files' records; refused (`false`) while it has an ACTIVE session.
    func deleteItem(id: String) async throws -> Bool
    /// The files of an item.
    func itemFiles(itemID: String) async throws -> [ItemFileRecord]

    // MARK: Update sessions

    /// Creates a session with its snapshot files, unless the owner already created one with the
    /// same client token (idempotent create) or the item already has an ACTIVE session.
    func createSession(_ session: SessionRecord, files: [SessionFileRecord]) async throws -> SessionCreation
    /// The session with this id.
    func session(id: String) async throws -> SessionRecord?
    /// A session with its item, the item's library and its files, read in one transaction.
    func sessionSnapshot(id: String) async throws -> SessionSnapshot?
    /// The sessions of an owner, optionally of one item.
    func sessions(owner: String, itemID: String?) async throws -> [SessionRecord]
    /// The sessions of an owner on one item, read in one transaction with the item's existence:
    /// `nil` when there is no such item.
    func sessions(owner: String, ofItem itemID: String) async throws -> [SessionRecord]?
    /// Sessions in a state, for the reaper and start-up recovery.
    func sessions(state: UpdateSessionState) async throws -> [SessionRecord]
    /// Sessions that left ACTIVE before a time, for the retention sweep.
    func sessions(finishedBefore time: Date) async throws -> [SessionRecord]
    /// Replaces a session's mutable fields if it is still in `expectedState`; `false` otherwise.
    func updateSession(_ session: SessionRecord, expectedState: UpdateSessionState) async throws -> Bool
    /// Records activity on an ACTIVE session until `time`, never moving it back.
    ///
    /// A call that changes the session records its own time; a read records a time
    /// `UpdateSessionService.activityGranularity` ahead, so the reads before that time need not
    /// write (the session then expires up to that much later than its timeout after the read).
    func touchSession(id: String, at time: Date) async throws
    /// Deletes a session and its file records.
    func deleteSession(id: String) async throws

    /// Promotes an ACTIVE session's files into its item in one transaction: the item's files become
    /// `files`, the item becomes `item`, and the session becomes DONE. `false` when the session
    /// was no longer ACTIVE (nothing changed).
    func completeSession(_ session: SessionRecord, item: ItemRecord, files: [ItemFileRecord]) async throws -> Bool

    // MARK: Session files

    /// The files of a session in the order they were added.
    func sessionFiles(sessionID: String) async throws -> [SessionFileRecord]
    /// One file of a session.
    func sessionFile(sessionID: String, name: String) async throws -> SessionFileRecord?
    /// The file an upload token belongs to.
    func sessionFile(uploadToken: String) async throws -> SessionFileRecord?
    /// Inserts or replaces a session file by name.
    func saveSessionFile(_ file: SessionFileRecord) async throws
    /// Replaces a session file only while the session still holds it under the same upload token;
    /// `false` (nothing changed) when it was removed or added again meanwhile, so an upload
    /// cannot bring back a file removed while its bytes were arriving.
    func updateUploadingFile(_ file: SessionFileRecord) async throws -> Bool
    /// Removes a session file and its transfer lease, if any.
    func deleteSessionFile(sessionID: String, name: String) async throws
    /// Every blob the item, its ACTIVE update sessions or its ACTIVE download sessions reference,
    /// for garbage collection.
    func referencedBlobs(itemID: String) async throws -> Set<String>

    // MARK: Download sessions

    /// Creates a download session with its files (the item's as they are now), unless the owner
    /// already created one with the same client token (idempotent create); never `.busy`.
    func createDownloadSession(_ session: DownloadSessionRecord, files: [DownloadFileRecord]) async throws -> SessionCreation
    /// The download session with this id.
    func downloadSession(id: String) async throws -> DownloadSessionRecord?
    /// The download sessions of an owner, optionally of one item, oldest first.
    func downloadSessions(owner: String, itemID: String?) async throws -> [DownloadSessionRecord]
    /// Download sessions in a state, for the reaper.
    func downloadSessions(state: DownloadSessionState) async throws -> [DownloadSessionRecord]
    /// Download sessions that left ACTIVE before a time, for the retention sweep.
    func downloadSessions(finishedBefore time: Date) async throws -> [DownloadSessionRecord]
    /// Replaces a download session's mutable fields if it is still in `expectedState`; `false` otherwise.
    func updateDownloadSession(_ session: DownloadSessionRecord, expectedState: DownloadSessionState) async throws -> Bool
    /// Records activity on an ACTIVE download session (never moving it back).
    func touchDownloadSession(id: String, at time: Date) async throws
    /// Deletes a download session and its files.
    func deleteDownloadSession(id: String) async throws
    /// The files of a download session in the item's order.
    func downloadFiles(sessionID: String) async throws -> [DownloadFileRecord]
    /// The file a download token belongs to.
    func downloadFile(token: String) async throws -> DownloadFileRecord?
    /// Replaces a download session's file by name.
    func saveDownloadFile(_ file: DownloadFileRecord) async throws
    /// Raises a file's `bytes_transferred` to at least `bytes` and the session's last activity to
    /// at least `time`: what serving bytes records, coarsely, while a download runs.
    func recordDownload(sessionID: String, name: String, bytes: Int64, at time: Date) async throws

    // MARK: API sessions

    /// Inserts an API session.
    func insertAPISession(_ session: APISessionRecord) async throws
    /// The API session of a token hash, read only.
    func apiSession(tokenHash: String) async throws -> APISessionRecord?
    /// The API session of a token hash with its user, in one read: what every authenticated call
    /// checks. `nil` when the token is unknown or its user is gone.
    func apiSessionWithUser(tokenHash: String) async throws -> (session: APISessionRecord, user: UserAccount)?
    /// The same, and the snapshot of the update session `sessionID` (`nil` when there is no such
    /// session), read with it: for the calls whose service reads that snapshot first (`get` of a
    /// session, of its files), so a store across the network answers both in one round trip.
    /// The snapshot is not checked against the token's user: the service does that.
    func apiSessionWithUser(tokenHash: String, snapshotOf sessionID: String) async throws
        -> (session: APISessionRecord, user: UserAccount, snapshot: SessionSnapshot?)?
    /// Records that a token was used at `time` (never moving its last access back).
    func touchAPISession(tokenHash: String, at time: Date) async throws
    /// Deletes the API sessions last used before `cutoff`; returns how many.
    func deleteAPISessions(idleBefore cutoff: Date) async throws -> Int
    /// Deletes an API session; `false` when there was none.
    func deleteAPISession(tokenHash: String) async throws -> Bool

    // MARK: Transfer leases

    /// Takes the lease on a file's transfer, in one transaction: a lease of the file that expired
    /// at `now` is dropped first; an unexpired one is reported (`.held`), as is a session that
    /// already has `limit` unexpired leases (`.sessionFull`).
    func acquireTransferLease(_ lease: TransferLease, now: Date, limit: Int) async throws -> LeaseAcquisition
    /// The heartbeat: moves the lease's expiry and bytes forward if `lease.holder` still holds it;
    /// `false` when it does not (released by a cancel, a removal, or lapsed and taken), and the
    /// transfer must stop.
    func renewTransferLease(_ lease: TransferLease) async throws -> Bool
    /// Releases a file's lease: the one `holder` holds, or whatever holds it when `holder` is nil.
    func releaseTransferLease(sessionID: String, name: String, holder: String?) async throws
    /// Releases every lease of a session (cancel, fail, expiry, complete).
    func releaseTransferLeases(sessionID: String) async throws
    /// The leases of a session that are unexpired at `now`, by file name.
    func transferLeases(sessionID: String, at now: Date) async throws -> [TransferLease]

    // MARK: Users

    /// Every user, by name.
    func users() async throws -> [UserAccount]
    /// The user with this name.
    func user(name: String) async throws -> UserAccount?
    /// Adds a user, or replaces the one of the same name.
    func saveUser(_ user: UserAccount) async throws
    /// Removes a user and ends their API sessions, in one transaction; `false` when there was none.
    func deleteUser(name: String) async throws -> Bool
    /// Adds the users of an earlier `users.json` once: the first call on a store adds those not
    /// there yet and returns `true`; every later call changes nothing and returns `false`, so
    /// a user removed since is not brought back.
    func importUsers(_ users: [UserAccount]) async throws -> Bool
}

/// What `createSession` did.
package enum SessionCreation: Hashable, Sendable {
    /// The session was created.
    case created
    /// The owner already created a session with this client token; here is its id.
    case existing(String)
    /// The item already has an ACTIVE session; here is its id.
    case busy(String)
}

extension MetadataStore {
    /// Two reads, one after the other: what an embedded store, where a read costs no round trip,
    /// needs no more than.
    package func apiSessionWithUser(tokenHash: String, snapshotOf sessionID: String) async throws
        -> (session: APISessionRecord, user: UserAccount, snapshot: SessionSnapshot?)?
    {
        guard let (session, user) = try await self.apiSessionWithUser(tokenHash: tokenHash) else { return nil }
        return (session, user, try await self.sessionSnapshot(id: sessionID))
    }
}
