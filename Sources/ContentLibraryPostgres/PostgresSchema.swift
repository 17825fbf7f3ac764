//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import Foundation
package import Logging
package import PostgresNIO

/// The tables of the PostgreSQL store, as a versioned list of migrations applied when a store
/// opens.
///
/// The versions follow the SQLite store's (`SQLiteSchema`), so "schema v5" names the same tables
/// in both. Every replica opening the store runs `migrate`: in one transaction it takes
/// `pg_advisory_xact_lock(lockKey)`, reads `schema_migrations`, applies what is missing and
/// records it. Two replicas starting together therefore queue on the lock: the first migrates,
/// the second finds every version recorded and applies nothing. A failed migration rolls back
/// whole (PostgreSQL's DDL is transactional), leaving the schema as it was.
///
/// Text that is sorted or compared for identity (ids, names) is `COLLATE "C"`: byte order, as
/// SQLite sorts, whatever locale the database was created with. Times are `DOUBLE PRECISION`
/// seconds since 1970, SQLite's `REAL`, so a `Date` comes back bit for bit.
package enum PostgresSchema {
    /// One step of the schema: its version, a name saying why, and its statements (one each,
    /// as the extended query protocol takes them).
    package struct Migration: Sendable {
        /// Applied in increasing order; recorded in `schema_migrations`.
        package var version: Int
        /// What the step is for.
        package var name: String
        /// The DDL, one statement per string.
        package var statements: [String]
    }

    /// The key of the advisory lock that serialises migrations across replicas: any constant
    /// of this program's own, here "CLMIGRAT" in ASCII.
    package static let lockKey: Int64 = 0x434C_4D49_4752_4154

    /// Every migration, oldest first.
    package static let migrations: [Migration] = [
        Migration(version: 1, name: "v1", statements: [
            """
            CREATE TABLE library (
                id TEXT COLLATE "C" PRIMARY KEY, name TEXT NOT NULL, description TEXT NOT NULL, type TEXT NOT NULL,
                datastore_id TEXT NOT NULL, creation_time DOUBLE PRECISION NOT NULL,
                last_modified_time DOUBLE PRECISION NOT NULL, version BIGINT NOT NULL)
            """,
            """
            CREATE TABLE item (
                id TEXT COLLATE "C" PRIMARY KEY,
                library_id TEXT COLLATE "C" NOT NULL REFERENCES library(id) ON DELETE CASCADE,
                name TEXT NOT NULL, name_key TEXT COLLATE "C" NOT NULL, description TEXT NOT NULL, type TEXT NOT NULL,
                content_version BIGINT NOT NULL, metadata_version BIGINT NOT NULL, version BIGINT NOT NULL,
                creation_time DOUBLE PRECISION NOT NULL, last_modified_time DOUBLE PRECISION NOT NULL, source_id TEXT,
                UNIQUE (library_id, name_key))
            """,
            """
            CREATE TABLE item_file (
                item_id TEXT COLLATE "C" NOT NULL REFERENCES item(id) ON DELETE CASCADE, name TEXT COLLATE "C" NOT NULL,
                size BIGINT NOT NULL, blob TEXT NOT NULL, digests TEXT NOT NULL, checksum TEXT,
                version BIGINT NOT NULL, PRIMARY KEY (item_id, name))
            """,
            """
            CREATE TABLE session (
                id TEXT COLLATE "C" PRIMARY KEY, item_id TEXT COLLATE "C" NOT NULL REFERENCES item(id) ON DELETE CASCADE,
                owner TEXT COLLATE "C" NOT NULL, client_token TEXT COLLATE "C", state TEXT NOT NULL,
                item_content_version BIGINT NOT NULL, client_progress BIGINT NOT NULL, error_message TEXT,
                warning_behavior TEXT NOT NULL, creation_time DOUBLE PRECISION NOT NULL,
                last_activity DOUBLE PRECISION NOT NULL, finished_time DOUBLE PRECISION)
            """,
            "CREATE UNIQUE INDEX session_one_active_per_item ON session(item_id) WHERE state = 'ACTIVE'",
            "CREATE UNIQUE INDEX session_client_token ON session(owner, client_token) WHERE client_token IS NOT NULL",
            "CREATE INDEX session_owner ON session(owner, item_id)",
            """
            CREATE TABLE session_file (
                session_id TEXT COLLATE "C" NOT NULL REFERENCES session(id) ON DELETE CASCADE, name TEXT COLLATE "C" NOT NULL,
                source_type TEXT NOT NULL, status TEXT NOT NULL, declared_size BIGINT, declared_checksum TEXT,
                bytes_transferred BIGINT NOT NULL, blob TEXT, digests TEXT NOT NULL, upload_token TEXT UNIQUE,
                source_endpoint TEXT, error_message TEXT, item_file_version BIGINT, sequence BIGINT NOT NULL,
                PRIMARY KEY (session_id, name))
            """,
            """
            CREATE TABLE api_session (
                token_hash TEXT PRIMARY KEY, user_name TEXT NOT NULL, created_time DOUBLE PRECISION NOT NULL,
                last_accessed_time DOUBLE PRECISION NOT NULL)
            """,
        ]),
        // `complete` with pulls in flight is remembered, so it still settles after a restart.
        Migration(version: 2, name: "v2-completion-requested", statements: [
            "ALTER TABLE session ADD COLUMN completion_requested BOOLEAN NOT NULL DEFAULT FALSE"
        ]),
        // Library security policies, and how an item's signature was verified under one.
        Migration(version: 3, name: "v3-security-policies", statements: [
            "ALTER TABLE library ADD COLUMN security_policy_id TEXT",
            "ALTER TABLE item ADD COLUMN certificate_verification TEXT",
        ]),
        // Download sessions and their files, each file pinned to the blob it serves.
        Migration(version: 4, name: "v4-download-sessions", statements: [
            """
            CREATE TABLE download_session (
                id TEXT COLLATE "C" PRIMARY KEY, item_id TEXT COLLATE "C" NOT NULL REFERENCES item(id) ON DELETE CASCADE,
                owner TEXT COLLATE "C" NOT NULL, client_token TEXT COLLATE "C", state TEXT NOT NULL,
                item_content_version BIGINT NOT NULL, client_progress BIGINT NOT NULL, error_message TEXT,
                creation_time DOUBLE PRECISION NOT NULL, last_activity DOUBLE PRECISION NOT NULL,
                finished_time DOUBLE PRECISION)
            """,
            """
            CREATE UNIQUE INDEX download_session_client_token ON download_session(owner, client_token)
                WHERE client_token IS NOT NULL
            """,
            "CREATE INDEX download_session_owner ON download_session(owner, item_id)",
            "CREATE INDEX download_session_item ON download_session(item_id, state)",
            """
            CREATE TABLE download_file (
                session_id TEXT COLLATE "C" NOT NULL REFERENCES download_session(id) ON DELETE CASCADE,
                name TEXT COLLATE "C" NOT NULL, size BIGINT NOT NULL, blob TEXT NOT NULL, digests TEXT NOT NULL,
                checksum TEXT, status TEXT NOT NULL, download_token TEXT UNIQUE, bytes_transferred BIGINT NOT NULL,
                sequence BIGINT NOT NULL, PRIMARY KEY (session_id, name))
            """,
        ]),
        // What several replicas share: transfer leases with their heartbeat, and the users.
        Migration(version: 5, name: "v5-replicas", statements: [
            """
            CREATE TABLE transfer_lease (
                session_id TEXT COLLATE "C" NOT NULL REFERENCES session(id) ON DELETE CASCADE,
                name TEXT COLLATE "C" NOT NULL, holder TEXT NOT NULL, bytes BIGINT NOT NULL,
                expiry DOUBLE PRECISION NOT NULL, PRIMARY KEY (session_id, name))
            """,
            """
            CREATE TABLE user_account (
                name TEXT COLLATE "C" PRIMARY KEY, password_hash TEXT NOT NULL, privileges TEXT NOT NULL)
            """,
            "CREATE TABLE store_flag (name TEXT PRIMARY KEY)",
            // The API session lookups of `deleteUser` and of the idle sweep.
            "CREATE INDEX api_session_user ON api_session(user_name)",
        ]),
    ]

    /// Applies the migrations `client`'s database has not recorded, under the advisory lock, in
    /// one transaction; returns the versions it applied (none when another replica was first).
    @discardableResult
    package static func migrate(_ client: PostgresClient, logger: Logger) async throws -> [Int] {
        let known = Self.migrations.last?.version ?? 0
        return try await client.withTransaction(logger: logger) { connection -> [Int] in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: logger)
            try await connection.query(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_time DOUBLE PRECISION NOT NULL)
                """,
                logger: logger
            )
            var applied = Set<Int>()
            for try await version in try await connection.query("SELECT version FROM schema_migrations", logger: logger).decode(Int.self) {
                applied.insert(version)
            }
            if let newest = applied.max(), newest > known { throw PostgresStoreError.schemaTooNew(applied: newest, known: known) }
            var ran: [Int] = []
            for migration in Self.migrations where !applied.contains(migration.version) {
                do {
                    for statement in migration.statements {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    try await connection.query(
                        """
                        INSERT INTO schema_migrations (version, name, applied_time)
                        VALUES (\(migration.version), \(migration.name), \(Date().timeIntervalSince1970))
                        """,
                        logger: logger
                    )
                } catch {
                    throw PostgresStoreError.migrationFailed(
                        version: migration.version, name: migration.name, detail: PostgresStoreError.detail(of: error)
                    )
                }
                logger.info("applied PostgreSQL schema migration \(migration.version) (\(migration.name))")
                ran.append(migration.version)
            }
            return ran
        }
    }
}
