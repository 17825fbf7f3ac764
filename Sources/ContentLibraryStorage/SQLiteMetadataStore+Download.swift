//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import ContentLibraryAPI
package import ContentLibraryServices
package import Foundation
import GRDB

/// Download sessions in SQLite: each method one transaction, like the rest of the store.
extension SQLiteMetadataStore {
    package func createDownloadSession(_ session: DownloadSessionRecord, files: [DownloadFileRecord]) async throws -> SessionCreation {
        try await self.pool.write { db -> SessionCreation in
            if let token = session.clientToken,
                let existing = try String.fetchOne(
                    db, sql: "SELECT id FROM download_session WHERE owner = ? AND client_token = ?", arguments: [session.owner, token]
                )
            {
                return .existing(existing)
            }
            try db.execute(
                sql: "INSERT INTO download_session VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                arguments: [
                    session.id, session.itemID, session.owner, session.clientToken, session.state.rawValue,
                    session.itemContentVersion, session.clientProgress, ColumnText.optionalJSON(session.errorMessage),
                    session.creationTime.timeIntervalSince1970, session.lastActivity.timeIntervalSince1970,
                    session.finishedTime?.timeIntervalSince1970,
                ]
            )
            for file in files { try Self.save(file, db) }
            return .created
        }
    }

    package func downloadSession(id: String) async throws -> DownloadSessionRecord? {
        try await self.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM download_session WHERE id = ?", arguments: [id]).map(SQLiteRows.downloadSession)
        }
    }

    package func downloadSessions(owner: String, itemID: String?) async throws -> [DownloadSessionRecord] {
        try await self.pool.read { db in
            if let itemID {
                return try Row.fetchAll(
                    db, sql: "SELECT * FROM download_session WHERE owner = ? AND item_id = ? ORDER BY creation_time, id",
                    arguments: [owner, itemID]
                ).map(SQLiteRows.downloadSession)
            }
            return try Row.fetchAll(db, sql: "SELECT * FROM download_session WHERE owner = ? ORDER BY creation_time, id", arguments: [owner])
                .map(SQLiteRows.downloadSession)
        }
    }

    package func downloadSessions(state: DownloadSessionState) async throws -> [DownloadSessionRecord] {
        try await self.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM download_session WHERE state = ? ORDER BY creation_time, id", arguments: [state.rawValue])
                .map(SQLiteRows.downloadSession)
        }
    }

    package func downloadSessions(finishedBefore time: Date) async throws -> [DownloadSessionRecord] {
        try await self.pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM download_session WHERE state != 'ACTIVE' AND finished_time < ?",
                arguments: [time.timeIntervalSince1970]
            ).map(SQLiteRows.downloadSession)
        }
    }

    package func updateDownloadSession(_ session: DownloadSessionRecord, expectedState: DownloadSessionState) async throws -> Bool {
        try await self.pool.write { db in
            try db.execute(
                sql: """
                    UPDATE download_session SET state = ?, client_progress = ?, error_message = ?, last_activity = MAX(last_activity, ?),
                    finished_time = ? WHERE id = ? AND state = ?
                    """,
                arguments: [
                    session.state.rawValue, session.clientProgress, ColumnText.optionalJSON(session.errorMessage),
                    session.lastActivity.timeIntervalSince1970, session.finishedTime?.timeIntervalSince1970, session.id,
                    expectedState.rawValue,
                ]
            )
            return db.changesCount > 0
        }
    }

    package func touchDownloadSession(id: String, at time: Date) async throws {
        try await self.pool.write { db in
            try db.execute(
                sql: "UPDATE download_session SET last_activity = MAX(last_activity, ?) WHERE id = ? AND state = 'ACTIVE'",
                arguments: [time.timeIntervalSince1970, id]
            )
        }
    }

    package func deleteDownloadSession(id: String) async throws {
        try await self.pool.write { db in try db.execute(sql: "DELETE FROM download_session WHERE id = ?", arguments: [id]) }
    }

    package func downloadFiles(sessionID: String) async throws -> [DownloadFileRecord] {
        try await self.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM download_file WHERE session_id = ? ORDER BY sequence, name", arguments: [sessionID])
                .map(SQLiteRows.downloadFile)
        }
    }

    package func downloadFile(token: String) async throws -> DownloadFileRecord? {
        try await self.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM download_file WHERE download_token = ?", arguments: [token]).map(SQLiteRows.downloadFile)
        }
    }

    package func saveDownloadFile(_ file: DownloadFileRecord) async throws {
        try await self.pool.write { db in try Self.save(file, db) }
    }

    package func recordDownload(sessionID: String, name: String, bytes: Int64, at time: Date) async throws {
        try await self.pool.write { db in
            try db.execute(
                sql: "UPDATE download_file SET bytes_transferred = MAX(bytes_transferred, ?) WHERE session_id = ? AND name = ?",
                arguments: [bytes, sessionID, name]
            )
            try db.execute(
                sql: "UPDATE download_session SET last_activity = MAX(last_activity, ?) WHERE id = ? AND state = 'ACTIVE'",
                arguments: [time.timeIntervalSince1970, sessionID]
            )
        }
    }

    private static func save(_ file: DownloadFileRecord, _ db: Database) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO download_file VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            arguments: [
                file.sessionID, file.name, file.size, file.blob, ColumnText.digests(file.digests), ColumnText.optionalJSON(file.checksum),
                file.status.rawValue, file.downloadToken, file.bytesTransferred, file.sequence,
            ]
        )
    }
}
