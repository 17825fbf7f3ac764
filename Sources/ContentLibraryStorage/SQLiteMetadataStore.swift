//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import ContentLibraryModel
package import ContentLibraryAPI
package import ContentLibraryServices
package import Foundation
import GRDB

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The embedded metadata store: one SQLite database in WAL mode.
///
/// Each method is one transaction. The rules the database can hold itself, it holds: one ACTIVE
/// session per item and one session per (owner, client token) are unique indexes, so two
/// racing creates cannot both win.
///
/// Queries run through each connection's statement cache (`cachedStatement`): compiling a
/// statement (SQLite's parser, and GRDB's authorizer that works out the tables it reads) took
/// more time than running it, on every read of every poll.
package final class SQLiteMetadataStore: MetadataStore {
    let pool: DatabasePool

    /// Opens (creating and migrating when needed) the database at `path`.
    ///
    /// Processes on one machine may share the database (replicas started together): the opening
    /// and the migrations run under an exclusive lock on `<path>.lock`, so one of them migrates
    /// and the others find the schema done.
    package init(path: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        let lock = open(path + ".lock", O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard lock >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path + ".lock"]) }
        defer { close(lock) }
        while flock(lock, LOCK_EX) != 0 && errno == EINTR {}
        self.pool = try DatabasePool(path: path, configuration: configuration)
        try SQLiteSchema.migrator.migrate(self.pool)
    }

    // MARK: Libraries

    package func insertLibrary(_ library: LibraryRecord) async throws {
        try await self.pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO library (id, name, description, type, datastore_id, creation_time, last_modified_time, version,
                    security_policy_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    library.id, library.name, library.description, library.type.rawValue, library.datastoreID,
                    library.creationTime.timeIntervalSince1970, library.lastModifiedTime.timeIntervalSince1970, library.version,
                    library.securityPolicyID,
                ]
            )
        }
    }

    package func library(id: String) async throws -> LibraryRecord? {
        try await self.pool.read { db in try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM library WHERE id = ?"), arguments: [id]).map(SQLiteRows.library) }
    }

    package func libraries() async throws -> [LibraryRecord] {
        try await self.pool.read { db in try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM library ORDER BY creation_time, id")).map(SQLiteRows.library) }
    }

    package func updateLibrary(_ library: LibraryRecord) async throws {
        try await self.pool.write { db in
            try db.execute(
                sql: "UPDATE library SET name = ?, description = ?, last_modified_time = ?, version = ?, security_policy_id = ? WHERE id = ?",
                arguments: [
                    library.name, library.description, library.lastModifiedTime.timeIntervalSince1970, library.version,
                    library.securityPolicyID, library.id,
                ]
            )
        }
    }

    package func deleteLibrary(id: String) async throws -> [String]? {
        try await self.pool.write { db -> [String]? in
            let busy = try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM session JOIN item ON item.id = session.item_id WHERE item.library_id = ? AND session.state = 'ACTIVE')"),
                arguments: [id]
            ) ?? false
            if busy { return nil }
            let items = try String.fetchAll(db.cachedStatement(sql: "SELECT id FROM item WHERE library_id = ?"), arguments: [id])
            try db.execute(sql: "DELETE FROM library WHERE id = ?", arguments: [id])
            return items
        }
    }

    // MARK: Items

    package func insertItem(_ item: ItemRecord) async throws -> Bool {
        try await self.pool.write { db in
            do {
                try db.execute(
                    sql: """
                        INSERT INTO item (id, library_id, name, name_key, description, type, content_version, metadata_version,
                        version, creation_time, last_modified_time, source_id, certificate_verification)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        item.id, item.libraryID, item.name, item.name.lowercased(), item.description, item.type,
                        item.contentVersion, item.metadataVersion, item.version, item.creationTime.timeIntervalSince1970,
                        item.lastModifiedTime.timeIntervalSince1970, item.sourceID, ColumnText.optionalJSON(item.certificateVerification),
                    ]
                )
                return true
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                return false
            }
        }
    }

    package func item(id: String) async throws -> ItemRecord? {
        try await self.pool.read { db in try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM item WHERE id = ?"), arguments: [id]).map(SQLiteRows.item) }
    }

    package func items(libraryID: String?) async throws -> [ItemRecord] {
        try await self.pool.read { db in
            if let libraryID {
                return try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM item WHERE library_id = ? ORDER BY creation_time, id"), arguments: [libraryID])
                    .map(SQLiteRows.item)
            }
            return try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM item ORDER BY creation_time, id")).map(SQLiteRows.item)
        }
    }

    package func updateItem(_ item: ItemRecord) async throws -> Bool {
        try await self.pool.write { db in
            do {
                try db.execute(
                    sql: """
                        UPDATE item SET name = ?, name_key = ?, description = ?, type = ?, metadata_version = ?, version = ?,
                        last_modified_time = ? WHERE id = ?
                        """,
                    arguments: [
                        item.name, item.name.lowercased(), item.description, item.type, item.metadataVersion, item.version,
                        item.lastModifiedTime.timeIntervalSince1970, item.id,
                    ]
                )
                return true
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                return false
            }
        }
    }

    package func deleteItem(id: String) async throws -> Bool {
        try await self.pool.write { db in
            let busy = try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM session WHERE item_id = ? AND state = 'ACTIVE')"), arguments: [id]
            ) ?? false
            if busy { return false }
            try db.execute(sql: "DELETE FROM item WHERE id = ?", arguments: [id])
            return true
        }
    }

    package func itemFiles(itemID: String) async throws -> [ItemFileRecord] {
        try await self.pool.read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM item_file WHERE item_id = ? ORDER BY name"), arguments: [itemID]).map(SQLiteRows.itemFile)
        }
    }

    // MARK: Sessions

    package func createSession(_ session: SessionRecord, files: [SessionFileRecord]) async throws -> SessionCreation {
        try await self.pool.write { db -> SessionCreation in
            if let token = session.clientToken,
                let existing = try String.fetchOne(db.cachedStatement(sql: "SELECT id FROM session WHERE owner = ? AND client_token = ?"), arguments: [session.owner, token]
                )
            {
                return .existing(existing)
            }
            if let active = try String.fetchOne(db.cachedStatement(sql: "SELECT id FROM session WHERE item_id = ? AND state = 'ACTIVE'"), arguments: [session.itemID]
            ) {
                return .busy(active)
            }
            try Self.insert(session, db)
            for file in files { try Self.save(file, db) }
            return .created
        }
    }

    package func session(id: String) async throws -> SessionRecord? {
        try await self.pool.read { db in try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM session WHERE id = ?"), arguments: [id]).map(SQLiteRows.session) }
    }

    package func sessionSnapshot(id: String) async throws -> SessionSnapshot? {
        try await self.pool.read { db -> SessionSnapshot? in
            guard let session = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM session WHERE id = ?"), arguments: [id]).map(SQLiteRows.session) else {
                return nil
            }
            let item = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM item WHERE id = ?"), arguments: [session.itemID]).map(SQLiteRows.item)
            let library = try item.flatMap { item in
                try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM library WHERE id = ?"), arguments: [item.libraryID]).map(SQLiteRows.library)
            }
            let files = try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM session_file WHERE session_id = ? ORDER BY sequence, name"), arguments: [id])
                .map(SQLiteRows.sessionFile)
            return SessionSnapshot(session: session, item: item, library: library, files: files)
        }
    }

    package func sessions(owner: String, ofItem itemID: String) async throws -> [SessionRecord]? {
        try await self.pool.read { db -> [SessionRecord]? in
            guard try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM item WHERE id = ?)"), arguments: [itemID]) == true else { return nil }
            return try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM session WHERE owner = ? AND item_id = ? ORDER BY creation_time, id"), arguments: [owner, itemID]
            ).map(SQLiteRows.session)
        }
    }

    package func sessions(owner: String, itemID: String?) async throws -> [SessionRecord] {
        try await self.pool.read { db in
            if let itemID {
                return try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM session WHERE owner = ? AND item_id = ? ORDER BY creation_time, id"), arguments: [owner, itemID]
                ).map(SQLiteRows.session)
            }
            return try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM session WHERE owner = ? ORDER BY creation_time, id"), arguments: [owner])
                .map(SQLiteRows.session)
        }
    }

    package func sessions(state: UpdateSessionState) async throws -> [SessionRecord] {
        try await self.pool.read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM session WHERE state = ? ORDER BY creation_time, id"), arguments: [state.rawValue])
                .map(SQLiteRows.session)
        }
    }

    package func sessions(finishedBefore time: Date) async throws -> [SessionRecord] {
        try await self.pool.read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM session WHERE state != 'ACTIVE' AND finished_time < ?"), arguments: [time.timeIntervalSince1970]
            ).map(SQLiteRows.session)
        }
    }

    package func updateSession(_ session: SessionRecord, expectedState: UpdateSessionState) async throws -> Bool {
        try await self.pool.write { db in
            try Self.update(session, expectedState: expectedState, db)
        }
    }

    package func touchSession(id: String, at time: Date) async throws {
        try await self.pool.write { db in
            try db.execute(
                sql: "UPDATE session SET last_activity = MAX(last_activity, ?) WHERE id = ? AND state = 'ACTIVE'",
                arguments: [time.timeIntervalSince1970, id]
            )
        }
    }

    package func deleteSession(id: String) async throws {
        try await self.pool.write { db in try db.execute(sql: "DELETE FROM session WHERE id = ?", arguments: [id]) }
    }

    package func completeSession(_ session: SessionRecord, item: ItemRecord, files: [ItemFileRecord]) async throws -> Bool {
        try await self.pool.write { db in
            guard try Self.update(session, expectedState: .active, db) else { return false }
            try db.execute(sql: "DELETE FROM item_file WHERE item_id = ?", arguments: [item.id])
            for file in files {
                try db.execute(
                    sql: "INSERT INTO item_file VALUES (?, ?, ?, ?, ?, ?, ?)",
                    arguments: [
                        file.itemID, file.name, file.size, file.blob, ColumnText.digests(file.digests),
                        ColumnText.optionalJSON(file.checksum), file.version,
                    ]
                )
            }
            try db.execute(
                sql: "UPDATE item SET content_version = ?, last_modified_time = ?, certificate_verification = ? WHERE id = ?",
                arguments: [
                    item.contentVersion, item.lastModifiedTime.timeIntervalSince1970,
                    ColumnText.optionalJSON(item.certificateVerification), item.id,
                ]
            )
            return true
        }
    }

    // MARK: Session files

    package func sessionFiles(sessionID: String) async throws -> [SessionFileRecord] {
        try await self.pool.read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM session_file WHERE session_id = ? ORDER BY sequence, name"), arguments: [sessionID])
                .map(SQLiteRows.sessionFile)
        }
    }

    package func sessionFile(sessionID: String, name: String) async throws -> SessionFileRecord? {
        try await self.pool.read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM session_file WHERE session_id = ? AND name = ?"), arguments: [sessionID, name])
                .map(SQLiteRows.sessionFile)
        }
    }

    package func sessionFile(uploadToken: String) async throws -> SessionFileRecord? {
        try await self.pool.read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM session_file WHERE upload_token = ?"), arguments: [uploadToken]).map(SQLiteRows.sessionFile)
        }
    }

    package func saveSessionFile(_ file: SessionFileRecord) async throws {
        try await self.pool.write { db in try Self.save(file, db) }
    }

    package func updateUploadingFile(_ file: SessionFileRecord) async throws -> Bool {
        try await self.pool.write { db in
            guard let token = file.uploadToken,
                try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM session_file WHERE session_id = ? AND name = ? AND upload_token = ?)"),
                    arguments: [file.sessionID, file.name, token]
                ) == true
            else { return false }
            try Self.save(file, db)
            return true
        }
    }

    package func deleteSessionFile(sessionID: String, name: String) async throws {
        try await self.pool.write { db in
            try db.execute(sql: "DELETE FROM session_file WHERE session_id = ? AND name = ?", arguments: [sessionID, name])
            try db.execute(sql: "DELETE FROM transfer_lease WHERE session_id = ? AND name = ?", arguments: [sessionID, name])
        }
    }

    package func referencedBlobs(itemID: String) async throws -> Set<String> {
        try await self.pool.read { db in
            let itemBlobs = try String.fetchAll(db.cachedStatement(sql: "SELECT blob FROM item_file WHERE item_id = ?"), arguments: [itemID])
            let sessionBlobs = try String.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT session_file.blob FROM session_file JOIN session ON session.id = session_file.session_id
                        WHERE session.item_id = ? AND session.state = 'ACTIVE' AND session_file.blob IS NOT NULL
                        """
                ),
                arguments: [itemID]
            )
            let downloadBlobs = try String.fetchAll(
                db,
                sql: """
                    SELECT download_file.blob FROM download_file JOIN download_session ON download_session.id = download_file.session_id
                    WHERE download_session.item_id = ? AND download_session.state = 'ACTIVE'
                    """,
                arguments: [itemID]
            )
            return Set(itemBlobs + sessionBlobs + downloadBlobs)
        }
    }

    // MARK: API sessions

    package func insertAPISession(_ session: APISessionRecord) async throws {
        try await self.pool.write { db in
            try db.execute(
                sql: "INSERT INTO api_session VALUES (?, ?, ?, ?)",
                arguments: [session.tokenHash, session.user, session.createdTime.timeIntervalSince1970, session.lastAccessedTime.timeIntervalSince1970]
            )
        }
    }

    package func apiSession(tokenHash: String) async throws -> APISessionRecord? {
        try await self.pool.read { db -> APISessionRecord? in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM api_session WHERE token_hash = ?"), arguments: [tokenHash]).map { row in
                APISessionRecord(
                    tokenHash: row["token_hash"], user: row["user"], createdTime: SQLiteRows.date(row, "created_time"),
                    lastAccessedTime: SQLiteRows.date(row, "last_accessed_time")
                )
            }
        }
    }

    package func touchAPISession(tokenHash: String, at time: Date) async throws {
        try await self.pool.write { db in
            try db.execute(
                sql: "UPDATE api_session SET last_accessed_time = MAX(last_accessed_time, ?) WHERE token_hash = ?",
                arguments: [time.timeIntervalSince1970, tokenHash]
            )
        }
    }

    package func deleteAPISessions(idleBefore cutoff: Date) async throws -> Int {
        try await self.pool.write { db in
            try db.execute(sql: "DELETE FROM api_session WHERE last_accessed_time < ?", arguments: [cutoff.timeIntervalSince1970])
            return db.changesCount
        }
    }

    package func deleteAPISession(tokenHash: String) async throws -> Bool {
        try await self.pool.write { db in
            try db.execute(sql: "DELETE FROM api_session WHERE token_hash = ?", arguments: [tokenHash])
            return db.changesCount > 0
        }
    }

    // MARK: Statements

    private static func insert(_ session: SessionRecord, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO session (id, item_id, owner, client_token, state, item_content_version, client_progress,
                error_message, warning_behavior, creation_time, last_activity, finished_time, completion_requested)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                session.id, session.itemID, session.owner, session.clientToken, session.state.rawValue,
                session.itemContentVersion, session.clientProgress, ColumnText.optionalJSON(session.errorMessage),
                ColumnText.json(session.warningBehavior), session.creationTime.timeIntervalSince1970,
                session.lastActivity.timeIntervalSince1970, session.finishedTime?.timeIntervalSince1970,
                session.completionRequested,
            ]
        )
    }

    private static func update(_ session: SessionRecord, expectedState: UpdateSessionState, _ db: Database) throws -> Bool {
        try db.execute(
            sql: """
                UPDATE session SET state = ?, client_progress = ?, error_message = ?, warning_behavior = ?, last_activity = ?,
                finished_time = ?, completion_requested = ? WHERE id = ? AND state = ?
                """,
            arguments: [
                session.state.rawValue, session.clientProgress, ColumnText.optionalJSON(session.errorMessage),
                ColumnText.json(session.warningBehavior), session.lastActivity.timeIntervalSince1970,
                session.finishedTime?.timeIntervalSince1970, session.completionRequested, session.id, expectedState.rawValue,
            ]
        )
        return db.changesCount > 0
    }

    private static func save(_ file: SessionFileRecord, _ db: Database) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO session_file VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            arguments: [
                file.sessionID, file.name, file.sourceType.rawValue, file.status.rawValue, file.declaredSize,
                ColumnText.optionalJSON(file.declaredChecksum), file.bytesTransferred, file.blob,
                ColumnText.digests(file.digests), file.uploadToken, ColumnText.optionalJSON(file.sourceEndpoint),
                ColumnText.optionalJSON(file.errorMessage), file.itemFileVersion, file.sequence,
            ]
        )
    }
}
