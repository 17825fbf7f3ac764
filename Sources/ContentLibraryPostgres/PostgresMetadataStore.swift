//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
package import ContentLibraryAPI
package import ContentLibraryServices
package import Foundation
package import Logging
import NIOConcurrencyHelpers
package import PostgresNIO

/// The shared metadata store: PostgreSQL through postgres-nio's connection pool, for several
/// replicas on one database.
///
/// Each method is one statement or one transaction with the semantics of `SQLiteMetadataStore`.
/// Where SQLite's single writer made a check-then-write safe, the database holds the rule across
/// processes here: the partial unique index "one ACTIVE session per item" and the client-token
/// index arbitrate racing creates (`INSERT … ON CONFLICT DO NOTHING`, then the winner is read);
/// conditional updates carry their expected state in the `WHERE`; deletes that are refused
/// while a session is ACTIVE first lock the rows a new session would reference
/// (`SELECT … FOR UPDATE`), so no session can appear between the check and the delete; leases
/// of a session are taken with the session row locked, so the per-session limit counts what
/// every replica holds.
///
/// The store owns its `PostgresClient`: `connect` starts the client's `run()` in a task, checks
/// the server answers and migrates (`PostgresSchema`); `close()` cancels that task and waits for
/// the pool to close its connections. A store that is never closed keeps its connections until
/// the process ends.
package final class PostgresMetadataStore: MetadataStore {
    /// The connection pool, for tools and tests that query the database directly.
    package let client: PostgresClient
    let logger: Logger
    /// The location it was opened on, without the password.
    package let location: PostgresLocation
    /// Where every statement and transaction is counted and timed (`/metrics`).
    let metrics: DatabaseMetrics
    private let runner: NIOLockedValueBox<Task<Void, Never>?>

    private init(client: PostgresClient, runner: Task<Void, Never>, location: PostgresLocation, metrics: DatabaseMetrics, logger: Logger) {
        self.client = client
        self.runner = NIOLockedValueBox(runner)
        self.location = location
        self.metrics = metrics
        self.logger = logger
    }

    /// Connects to `location`, migrates its schema to this version's, and returns the store. Its
    /// calls to the database are reported to `metrics` (`ServiceMetrics.database`).
    ///
    /// - Throws: `PostgresStoreError.unreachable` (with the server's or the network's words)
    ///   when the server cannot be reached or refuses the login; `.migrationFailed` and
    ///   `.schemaTooNew` from the migration. Nothing keeps running after a throw.
    package static func connect(
        to location: PostgresLocation, maximumConnections: Int = 20, metrics: ServiceMetrics = .disabled, logger: Logger
    ) async throws -> PostgresMetadataStore {
        var configuration = location.clientConfiguration
        configuration.options.maximumConnections = maximumConnections
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        let runner = Task { await client.run() }
        let store = PostgresMetadataStore(
            client: client, runner: runner, location: location, metrics: metrics.database(maximumConnections: maximumConnections),
            logger: logger
        )
        do {
            try await store.checkConnection()
            _ = try await Self.unwrapping { try await PostgresSchema.migrate(client, logger: logger) }
        } catch let error as PostgresStoreError {
            await store.close()
            throw error
        } catch {
            await store.close()
            throw PostgresStoreError.unreachable(location.redactedURL, detail: PostgresStoreError.detail(of: error))
        }
        return store
    }

    /// Ends the client's run task: the pool closes its connections; later calls fail. Safe to
    /// call more than once.
    package func close() async {
        let runner = self.runner.withLockedValue { runner in
            defer { runner = nil }
            return runner
        }
        guard let runner else { return }
        runner.cancel()
        await runner.value
    }

    /// One connection of its own, opened and closed, so an unreachable server or a refused login
    /// surfaces at open with its cause (the pool would retry it in the background).
    private func checkConnection() async throws {
        do {
            let connection = try await PostgresConnection.connect(
                configuration: try self.location.connectionConfiguration(), id: 0, logger: self.logger
            )
            try await connection.close()
        } catch {
            throw PostgresStoreError.unreachable(self.location.redactedURL, detail: PostgresStoreError.detail(of: error))
        }
    }

    // MARK: Running statements

    /// Runs one statement on a pooled connection and reads every row it answers.
    @discardableResult
    func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        try await self.metrics.measure(.statement) { try await self.client.query(query, logger: self.logger).collect() }
    }

    /// Runs one of the prepared hot statements (`PostgresHotStatements`) and reads its rows.
    func rows<Statement: PostgresPreparedStatement>(_ statement: Statement) async throws -> [PostgresRow]
    where Statement.Row == PostgresRow {
        try await self.metrics.measure(.statement) {
            var rows: [PostgresRow] = []
            for try await row in try await self.client.execute(statement, logger: self.logger) { rows.append(row) }
            return rows
        }
    }

    /// Runs `body` in one transaction on one pooled connection: committed when it returns,
    /// rolled back when it throws (the error it threw is rethrown as is).
    func transaction<Result: Sendable>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        let logger = self.logger
        return try await self.metrics.measure(.transaction) {
            try await Self.unwrapping {
                try await self.client.withTransaction(logger: logger) { connection in try await body(connection) }
            }
        }
    }

    /// Rethrows the error a transaction's closure threw rather than postgres-nio's wrapper, so
    /// callers see `PostgresStoreError` and server errors as they were raised.
    static func unwrapping<Result: Sendable>(_ body: () async throws -> Result) async throws -> Result {
        do {
            return try await body()
        } catch let error as PostgresTransactionError {
            throw error.closureError ?? error.beginError ?? error.commitError ?? error
        }
    }

    // MARK: Libraries

    package func insertLibrary(_ library: LibraryRecord) async throws {
        try await self.rows(
            """
            INSERT INTO library (id, name, description, type, datastore_id, creation_time, last_modified_time, version,
            security_policy_id) VALUES (\(library.id), \(library.name), \(library.description), \(library.type.rawValue),
            \(library.datastoreID), \(library.creationTime.timeIntervalSince1970), \(library.lastModifiedTime.timeIntervalSince1970),
            \(library.version), \(library.securityPolicyID))
            """
        )
    }

    package func library(id: String) async throws -> LibraryRecord? {
        try await self.rows("SELECT * FROM library WHERE id = \(id)").first.map(PostgresRows.library)
    }

    package func libraries() async throws -> [LibraryRecord] {
        try await self.rows("SELECT * FROM library ORDER BY creation_time, id").map(PostgresRows.library)
    }

    package func updateLibrary(_ library: LibraryRecord) async throws {
        try await self.rows(
            """
            UPDATE library SET name = \(library.name), description = \(library.description),
            last_modified_time = \(library.lastModifiedTime.timeIntervalSince1970), version = \(library.version),
            security_policy_id = \(library.securityPolicyID) WHERE id = \(library.id)
            """
        )
    }

    package func deleteLibrary(id: String) async throws -> [String]? {
        try await self.transaction { connection -> [String]? in
            // The library's row, then its items' rows: a concurrent item insert or session create
            // (whose foreign keys share-lock those rows) waits for this transaction or is seen below.
            try await connection.rows("SELECT id FROM library WHERE id = \(id) FOR UPDATE", self.logger)
            let items = try await connection.rows("SELECT id FROM item WHERE library_id = \(id) ORDER BY id FOR UPDATE", self.logger)
                .map { try $0.decode(String.self) }
            let busy = try await connection.rows(
                """
                SELECT 1 FROM session JOIN item ON item.id = session.item_id
                WHERE item.library_id = \(id) AND session.state = 'ACTIVE' LIMIT 1
                """,
                self.logger
            )
            if !busy.isEmpty { return nil }
            try await connection.rows("DELETE FROM library WHERE id = \(id)", self.logger)
            return items
        }
    }

    // MARK: Items

    package func insertItem(_ item: ItemRecord) async throws -> Bool {
        let inserted = try await self.rows(
            """
            INSERT INTO item (id, library_id, name, name_key, description, type, content_version, metadata_version,
            version, creation_time, last_modified_time, source_id, certificate_verification)
            VALUES (\(item.id), \(item.libraryID), \(item.name), \(item.name.lowercased()), \(item.description), \(item.type),
            \(item.contentVersion), \(item.metadataVersion), \(item.version), \(item.creationTime.timeIntervalSince1970),
            \(item.lastModifiedTime.timeIntervalSince1970), \(item.sourceID), \(ColumnText.optionalJSON(item.certificateVerification)))
            ON CONFLICT DO NOTHING RETURNING id
            """
        )
        return !inserted.isEmpty
    }

    package func item(id: String) async throws -> ItemRecord? {
        try await self.rows("SELECT * FROM item WHERE id = \(id)").first.map(PostgresRows.item)
    }

    package func items(libraryID: String?) async throws -> [ItemRecord] {
        if let libraryID {
            return try await self.rows("SELECT * FROM item WHERE library_id = \(libraryID) ORDER BY creation_time, id").map(PostgresRows.item)
        }
        return try await self.rows("SELECT * FROM item ORDER BY creation_time, id").map(PostgresRows.item)
    }

    package func updateItem(_ item: ItemRecord) async throws -> Bool {
        do {
            try await self.rows(
                """
                UPDATE item SET name = \(item.name), name_key = \(item.name.lowercased()), description = \(item.description),
                type = \(item.type), metadata_version = \(item.metadataVersion), version = \(item.version),
                last_modified_time = \(item.lastModifiedTime.timeIntervalSince1970) WHERE id = \(item.id)
                """
            )
            return true
        } catch where PostgresStoreError.sqlState(of: error) == PostgresError.Code.uniqueViolation.raw {
            return false
        }
    }

    package func deleteItem(id: String) async throws -> Bool {
        try await self.transaction { connection -> Bool in
            // Locked first, so a session created meanwhile (its foreign key share-locks the item)
            // either committed before and is seen below, or waits and then fails on the deleted item.
            try await connection.rows("SELECT id FROM item WHERE id = \(id) FOR UPDATE", self.logger)
            let busy = try await connection.rows("SELECT 1 FROM session WHERE item_id = \(id) AND state = 'ACTIVE' LIMIT 1", self.logger)
            if !busy.isEmpty { return false }
            try await connection.rows("DELETE FROM item WHERE id = \(id)", self.logger)
            return true
        }
    }

    package func itemFiles(itemID: String) async throws -> [ItemFileRecord] {
        try await self.rows("SELECT * FROM item_file WHERE item_id = \(itemID) ORDER BY name").map(PostgresRows.itemFile)
    }

    // MARK: Sessions

    package func createSession(_ session: SessionRecord, files: [SessionFileRecord]) async throws -> SessionCreation {
        try await self.transaction { connection -> SessionCreation in
            if let existing = try await Self.winner(of: session, connection, self.logger) { return existing }
            let inserted = try await connection.rows(
                """
                INSERT INTO session (id, item_id, owner, client_token, state, item_content_version, client_progress,
                error_message, warning_behavior, creation_time, last_activity, finished_time, completion_requested)
                VALUES (\(session.id), \(session.itemID), \(session.owner), \(session.clientToken), \(session.state.rawValue),
                \(session.itemContentVersion), \(session.clientProgress), \(ColumnText.optionalJSON(session.errorMessage)),
                \(ColumnText.json(session.warningBehavior)), \(session.creationTime.timeIntervalSince1970),
                \(session.lastActivity.timeIntervalSince1970), \(session.finishedTime?.timeIntervalSince1970),
                \(session.completionRequested))
                ON CONFLICT DO NOTHING RETURNING id
                """,
                self.logger
            )
            guard !inserted.isEmpty else {
                // A racing create committed first (the insert waited for it, and each statement
                // reads what is committed when it starts): report it as SQLite would have.
                if let existing = try await Self.winner(of: session, connection, self.logger) { return existing }
                throw PostgresStoreError.duplicateKey("update session \(session.id)")
            }
            for file in files { try await connection.rows(Self.save(file), self.logger) }
            return .created
        }
    }

    /// What stops `session` from being created: the owner's session with the same client token
    /// (`.existing`, which wins), else the item's ACTIVE session (`.busy`).
    ///
    /// One statement, so both are read in one snapshot: read apart, a racing create committing
    /// between them would show as `.busy` when it was `.existing` (the contract tests caught it).
    private static func winner(of session: SessionRecord, _ connection: PostgresConnection, _ logger: Logger) async throws
        -> SessionCreation?
    {
        let rows = try await connection.rows(
            """
            SELECT id, COALESCE(owner = \(session.owner) AND client_token = \(session.clientToken), FALSE) AS by_token FROM session
            WHERE (owner = \(session.owner) AND client_token = \(session.clientToken)) OR (item_id = \(session.itemID) AND state = 'ACTIVE')
            ORDER BY by_token DESC LIMIT 1
            """,
            logger
        )
        guard let row = rows.first else { return nil }
        let (id, byToken) = try row.decode((String, Bool).self)
        return byToken ? .existing(id) : .busy(id)
    }

    package func session(id: String) async throws -> SessionRecord? {
        try await self.rows(PostgresHotStatements.Keyed<PostgresHotStatements.SessionByID>(key: id)).first.map(PostgresRows.session)
    }

    package func sessionSnapshot(id: String) async throws -> SessionSnapshot? {
        // One statement sees one snapshot, as SQLite's read transaction does, in one round trip:
        // a `get` is the call clients poll.
        try PostgresRows.sessionSnapshot(
            try await self.rows(PostgresHotStatements.Keyed<PostgresHotStatements.SessionSnapshot>(key: id)).map { $0.makeRandomAccess() }
        )
    }

    package func sessions(owner: String, ofItem itemID: String) async throws -> [SessionRecord]? {
        try await self.transaction { connection -> [SessionRecord]? in
            try await connection.rows("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", self.logger)
            guard try await !connection.rows("SELECT 1 FROM item WHERE id = \(itemID)", self.logger).isEmpty else { return nil }
            return try await connection.rows(
                "SELECT * FROM session WHERE owner = \(owner) AND item_id = \(itemID) ORDER BY creation_time, id", self.logger
            ).map(PostgresRows.session)
        }
    }

    package func sessions(owner: String, itemID: String?) async throws -> [SessionRecord] {
        if let itemID {
            return try await self.rows("SELECT * FROM session WHERE owner = \(owner) AND item_id = \(itemID) ORDER BY creation_time, id")
                .map(PostgresRows.session)
        }
        return try await self.rows("SELECT * FROM session WHERE owner = \(owner) ORDER BY creation_time, id").map(PostgresRows.session)
    }

    package func sessions(state: UpdateSessionState) async throws -> [SessionRecord] {
        try await self.rows("SELECT * FROM session WHERE state = \(state.rawValue) ORDER BY creation_time, id").map(PostgresRows.session)
    }

    package func sessions(finishedBefore time: Date) async throws -> [SessionRecord] {
        try await self.rows("SELECT * FROM session WHERE state <> 'ACTIVE' AND finished_time < \(time.timeIntervalSince1970)")
            .map(PostgresRows.session)
    }

    package func updateSession(_ session: SessionRecord, expectedState: UpdateSessionState) async throws -> Bool {
        try await !self.rows(PostgresHotStatements.UpdateSession(session: session, expectedState: expectedState)).isEmpty
    }

    package func touchSession(id: String, at time: Date) async throws {
        try await self.rows(
            "UPDATE session SET last_activity = GREATEST(last_activity, \(time.timeIntervalSince1970)) WHERE id = \(id) AND state = 'ACTIVE'"
        )
    }

    package func deleteSession(id: String) async throws {
        try await self.rows("DELETE FROM session WHERE id = \(id)")
    }

    package func completeSession(_ session: SessionRecord, item: ItemRecord, files: [ItemFileRecord]) async throws -> Bool {
        try await self.transaction { connection -> Bool in
            // The conditional update locks the session row: a racing cancel or expiry waits, then
            // finds the session no longer ACTIVE.
            let update = PostgresHotStatements.UpdateSession(session: session, expectedState: .active)
            guard try await !connection.rows(update, self.logger).isEmpty else { return false }
            try await connection.rows("DELETE FROM item_file WHERE item_id = \(item.id)", self.logger)
            for file in files {
                try await connection.rows(
                    """
                    INSERT INTO item_file (item_id, name, size, blob, digests, checksum, version)
                    VALUES (\(file.itemID), \(file.name), \(file.size), \(file.blob), \(ColumnText.digests(file.digests)),
                    \(ColumnText.optionalJSON(file.checksum)), \(file.version))
                    """,
                    self.logger
                )
            }
            try await connection.rows(
                """
                UPDATE item SET content_version = \(item.contentVersion), last_modified_time = \(item.lastModifiedTime.timeIntervalSince1970),
                certificate_verification = \(ColumnText.optionalJSON(item.certificateVerification)) WHERE id = \(item.id)
                """,
                self.logger
            )
            return true
        }
    }

    // MARK: Session files

    package func sessionFiles(sessionID: String) async throws -> [SessionFileRecord] {
        try await self.rows("SELECT * FROM session_file WHERE session_id = \(sessionID) ORDER BY sequence, name").map(PostgresRows.sessionFile)
    }

    package func sessionFile(sessionID: String, name: String) async throws -> SessionFileRecord? {
        try await self.rows("SELECT * FROM session_file WHERE session_id = \(sessionID) AND name = \(name)").first.map(PostgresRows.sessionFile)
    }

    package func sessionFile(uploadToken: String) async throws -> SessionFileRecord? {
        try await self.rows("SELECT * FROM session_file WHERE upload_token = \(uploadToken)").first.map(PostgresRows.sessionFile)
    }

    package func saveSessionFile(_ file: SessionFileRecord) async throws {
        try await self.rows(Self.save(file))
    }

    package func updateUploadingFile(_ file: SessionFileRecord) async throws -> Bool {
        guard let token = file.uploadToken else { return false }
        // One conditional statement: the row is replaced only while it still has this token.
        let updated = try await self.rows(
            """
            UPDATE session_file SET source_type = \(file.sourceType.rawValue), status = \(file.status.rawValue),
            declared_size = \(file.declaredSize), declared_checksum = \(ColumnText.optionalJSON(file.declaredChecksum)),
            bytes_transferred = \(file.bytesTransferred), blob = \(file.blob), digests = \(ColumnText.digests(file.digests)),
            source_endpoint = \(ColumnText.optionalJSON(file.sourceEndpoint)), error_message = \(ColumnText.optionalJSON(file.errorMessage)),
            item_file_version = \(file.itemFileVersion), sequence = \(file.sequence)
            WHERE session_id = \(file.sessionID) AND name = \(file.name) AND upload_token = \(token) RETURNING name
            """
        )
        return !updated.isEmpty
    }

    package func deleteSessionFile(sessionID: String, name: String) async throws {
        try await self.transaction { connection in
            try await connection.rows("DELETE FROM session_file WHERE session_id = \(sessionID) AND name = \(name)", self.logger)
            try await connection.rows("DELETE FROM transfer_lease WHERE session_id = \(sessionID) AND name = \(name)", self.logger)
        }
    }

    package func referencedBlobs(itemID: String) async throws -> Set<String> {
        let rows = try await self.rows(
            """
            SELECT blob FROM item_file WHERE item_id = \(itemID)
            UNION SELECT session_file.blob FROM session_file JOIN session ON session.id = session_file.session_id
                WHERE session.item_id = \(itemID) AND session.state = 'ACTIVE' AND session_file.blob IS NOT NULL
            UNION SELECT download_file.blob FROM download_file JOIN download_session ON download_session.id = download_file.session_id
                WHERE download_session.item_id = \(itemID) AND download_session.state = 'ACTIVE'
            """
        )
        return Set(try rows.map { try $0.decode(String.self) })
    }

    // MARK: API sessions

    package func insertAPISession(_ session: APISessionRecord) async throws {
        try await self.rows(
            """
            INSERT INTO api_session (token_hash, user_name, created_time, last_accessed_time)
            VALUES (\(session.tokenHash), \(session.user), \(session.createdTime.timeIntervalSince1970),
            \(session.lastAccessedTime.timeIntervalSince1970))
            """
        )
    }

    package func apiSession(tokenHash: String) async throws -> APISessionRecord? {
        try await self.rows("SELECT * FROM api_session WHERE token_hash = \(tokenHash)").first.map(PostgresRows.apiSession)
    }

    package func touchAPISession(tokenHash: String, at time: Date) async throws {
        try await self.rows(
            """
            UPDATE api_session SET last_accessed_time = GREATEST(last_accessed_time, \(time.timeIntervalSince1970))
            WHERE token_hash = \(tokenHash)
            """
        )
    }

    package func deleteAPISessions(idleBefore cutoff: Date) async throws -> Int {
        try await self.rows("DELETE FROM api_session WHERE last_accessed_time < \(cutoff.timeIntervalSince1970) RETURNING token_hash").count
    }

    package func deleteAPISession(tokenHash: String) async throws -> Bool {
        try await !self.rows("DELETE FROM api_session WHERE token_hash = \(tokenHash) RETURNING token_hash").isEmpty
    }

    // MARK: Statements

    /// Inserts a session file, or replaces every column of the one of the same name.
    private static func save(_ file: SessionFileRecord) -> PostgresQuery {
        """
        INSERT INTO session_file (session_id, name, source_type, status, declared_size, declared_checksum, bytes_transferred,
        blob, digests, upload_token, source_endpoint, error_message, item_file_version, sequence)
        VALUES (\(file.sessionID), \(file.name), \(file.sourceType.rawValue), \(file.status.rawValue), \(file.declaredSize),
        \(ColumnText.optionalJSON(file.declaredChecksum)), \(file.bytesTransferred), \(file.blob), \(ColumnText.digests(file.digests)),
        \(file.uploadToken), \(ColumnText.optionalJSON(file.sourceEndpoint)), \(ColumnText.optionalJSON(file.errorMessage)),
        \(file.itemFileVersion), \(file.sequence))
        ON CONFLICT (session_id, name) DO UPDATE SET source_type = EXCLUDED.source_type, status = EXCLUDED.status,
        declared_size = EXCLUDED.declared_size, declared_checksum = EXCLUDED.declared_checksum,
        bytes_transferred = EXCLUDED.bytes_transferred, blob = EXCLUDED.blob, digests = EXCLUDED.digests,
        upload_token = EXCLUDED.upload_token, source_endpoint = EXCLUDED.source_endpoint, error_message = EXCLUDED.error_message,
        item_file_version = EXCLUDED.item_file_version, sequence = EXCLUDED.sequence
        """
    }
}

extension PostgresConnection {
    /// Runs one statement in this connection's transaction and reads every row it answers.
    @discardableResult
    func rows(_ query: PostgresQuery, _ logger: Logger) async throws -> [PostgresRow] {
        try await self.query(query, logger: logger).collect()
    }

    /// Runs one of the prepared hot statements in this connection's transaction.
    @discardableResult
    func rows<Statement: PostgresPreparedStatement>(_ statement: Statement, _ logger: Logger) async throws -> [PostgresRow]
    where Statement.Row == PostgresRow {
        var rows: [PostgresRow] = []
        for try await row in try await self.execute(statement, logger: logger) { rows.append(row) }
        return rows
    }
}
