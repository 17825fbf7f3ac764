//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import ContentLibraryAPI
package import ContentLibraryServices
package import Foundation
import PostgresNIO

/// Download sessions in PostgreSQL: each method one statement or one transaction, like the rest
/// of the store.
extension PostgresMetadataStore {
    package func createDownloadSession(_ session: DownloadSessionRecord, files: [DownloadFileRecord]) async throws -> SessionCreation {
        try await self.transaction { connection -> SessionCreation in
            if let existing = try await Self.existing(session, connection, self.logger) { return .existing(existing) }
            let inserted = try await connection.rows(
                """
                INSERT INTO download_session (id, item_id, owner, client_token, state, item_content_version, client_progress,
                error_message, creation_time, last_activity, finished_time)
                VALUES (\(session.id), \(session.itemID), \(session.owner), \(session.clientToken), \(session.state.rawValue),
                \(session.itemContentVersion), \(session.clientProgress), \(ColumnText.optionalJSON(session.errorMessage)),
                \(session.creationTime.timeIntervalSince1970), \(session.lastActivity.timeIntervalSince1970),
                \(session.finishedTime?.timeIntervalSince1970))
                ON CONFLICT DO NOTHING RETURNING id
                """,
                self.logger
            )
            guard !inserted.isEmpty else {
                // The same owner and token committed first on another connection.
                if let existing = try await Self.existing(session, connection, self.logger) { return .existing(existing) }
                throw PostgresStoreError.duplicateKey("download session \(session.id)")
            }
            for file in files { try await connection.rows(Self.save(file), self.logger) }
            return .created
        }
    }

    /// The owner's download session created with the same client token, if any.
    private static func existing(_ session: DownloadSessionRecord, _ connection: PostgresConnection, _ logger: Logger) async throws -> String? {
        guard let token = session.clientToken else { return nil }
        return try await connection.rows(
            "SELECT id FROM download_session WHERE owner = \(session.owner) AND client_token = \(token)", logger
        ).first?.decode(String.self)
    }

    package func downloadSession(id: String) async throws -> DownloadSessionRecord? {
        try await self.rows("SELECT * FROM download_session WHERE id = \(id)").first.map(PostgresRows.downloadSession)
    }

    package func downloadSessions(owner: String, itemID: String?) async throws -> [DownloadSessionRecord] {
        if let itemID {
            return try await self.rows(
                "SELECT * FROM download_session WHERE owner = \(owner) AND item_id = \(itemID) ORDER BY creation_time, id"
            ).map(PostgresRows.downloadSession)
        }
        return try await self.rows("SELECT * FROM download_session WHERE owner = \(owner) ORDER BY creation_time, id")
            .map(PostgresRows.downloadSession)
    }

    package func downloadSessions(state: DownloadSessionState) async throws -> [DownloadSessionRecord] {
        try await self.rows("SELECT * FROM download_session WHERE state = \(state.rawValue) ORDER BY creation_time, id")
            .map(PostgresRows.downloadSession)
    }

    package func downloadSessions(finishedBefore time: Date) async throws -> [DownloadSessionRecord] {
        try await self.rows("SELECT * FROM download_session WHERE state <> 'ACTIVE' AND finished_time < \(time.timeIntervalSince1970)")
            .map(PostgresRows.downloadSession)
    }

    package func updateDownloadSession(_ session: DownloadSessionRecord, expectedState: DownloadSessionState) async throws -> Bool {
        try await !self.rows(
            """
            UPDATE download_session SET state = \(session.state.rawValue), client_progress = \(session.clientProgress),
            error_message = \(ColumnText.optionalJSON(session.errorMessage)),
            last_activity = GREATEST(last_activity, \(session.lastActivity.timeIntervalSince1970)),
            finished_time = \(session.finishedTime?.timeIntervalSince1970) WHERE id = \(session.id) AND state = \(expectedState.rawValue)
            RETURNING id
            """
        ).isEmpty
    }

    package func touchDownloadSession(id: String, at time: Date) async throws {
        try await self.rows(
            """
            UPDATE download_session SET last_activity = GREATEST(last_activity, \(time.timeIntervalSince1970))
            WHERE id = \(id) AND state = 'ACTIVE'
            """
        )
    }

    package func deleteDownloadSession(id: String) async throws {
        try await self.rows("DELETE FROM download_session WHERE id = \(id)")
    }

    package func downloadFiles(sessionID: String) async throws -> [DownloadFileRecord] {
        try await self.rows("SELECT * FROM download_file WHERE session_id = \(sessionID) ORDER BY sequence, name").map(PostgresRows.downloadFile)
    }

    package func downloadFile(token: String) async throws -> DownloadFileRecord? {
        try await self.rows("SELECT * FROM download_file WHERE download_token = \(token)").first.map(PostgresRows.downloadFile)
    }

    package func saveDownloadFile(_ file: DownloadFileRecord) async throws {
        try await self.rows(Self.save(file))
    }

    package func recordDownload(sessionID: String, name: String, bytes: Int64, at time: Date) async throws {
        try await self.transaction { connection in
            try await connection.rows(
                """
                UPDATE download_file SET bytes_transferred = GREATEST(bytes_transferred, \(bytes))
                WHERE session_id = \(sessionID) AND name = \(name)
                """,
                self.logger
            )
            try await connection.rows(
                """
                UPDATE download_session SET last_activity = GREATEST(last_activity, \(time.timeIntervalSince1970))
                WHERE id = \(sessionID) AND state = 'ACTIVE'
                """,
                self.logger
            )
        }
    }

    /// Inserts a download file, or replaces every column of the one of the same name.
    private static func save(_ file: DownloadFileRecord) -> PostgresQuery {
        """
        INSERT INTO download_file (session_id, name, size, blob, digests, checksum, status, download_token, bytes_transferred, sequence)
        VALUES (\(file.sessionID), \(file.name), \(file.size), \(file.blob), \(ColumnText.digests(file.digests)),
        \(ColumnText.optionalJSON(file.checksum)), \(file.status.rawValue), \(file.downloadToken), \(file.bytesTransferred), \(file.sequence))
        ON CONFLICT (session_id, name) DO UPDATE SET size = EXCLUDED.size, blob = EXCLUDED.blob, digests = EXCLUDED.digests,
        checksum = EXCLUDED.checksum, status = EXCLUDED.status, download_token = EXCLUDED.download_token,
        bytes_transferred = EXCLUDED.bytes_transferred, sequence = EXCLUDED.sequence
        """
    }
}
