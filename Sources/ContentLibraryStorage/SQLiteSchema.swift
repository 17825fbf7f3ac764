//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import GRDB

/// The tables of the embedded store, as migrations so an existing data folder upgrades in place.
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE library (
                    id TEXT PRIMARY KEY, name TEXT NOT NULL, description TEXT NOT NULL, type TEXT NOT NULL,
                    datastore_id TEXT NOT NULL, creation_time REAL NOT NULL, last_modified_time REAL NOT NULL,
                    version INTEGER NOT NULL);
                CREATE TABLE item (
                    id TEXT PRIMARY KEY, library_id TEXT NOT NULL REFERENCES library(id) ON DELETE CASCADE,
                    name TEXT NOT NULL, name_key TEXT NOT NULL, description TEXT NOT NULL, type TEXT NOT NULL,
                    content_version INTEGER NOT NULL, metadata_version INTEGER NOT NULL, version INTEGER NOT NULL,
                    creation_time REAL NOT NULL, last_modified_time REAL NOT NULL, source_id TEXT,
                    UNIQUE (library_id, name_key));
                CREATE TABLE item_file (
                    item_id TEXT NOT NULL REFERENCES item(id) ON DELETE CASCADE, name TEXT NOT NULL,
                    size INTEGER NOT NULL, blob TEXT NOT NULL, digests TEXT NOT NULL, checksum TEXT,
                    version INTEGER NOT NULL, PRIMARY KEY (item_id, name));
                CREATE TABLE session (
                    id TEXT PRIMARY KEY, item_id TEXT NOT NULL REFERENCES item(id) ON DELETE CASCADE,
                    owner TEXT NOT NULL, client_token TEXT, state TEXT NOT NULL,
                    item_content_version INTEGER NOT NULL, client_progress INTEGER NOT NULL, error_message TEXT,
                    warning_behavior TEXT NOT NULL, creation_time REAL NOT NULL, last_activity REAL NOT NULL,
                    finished_time REAL);
                CREATE UNIQUE INDEX session_one_active_per_item ON session(item_id) WHERE state = 'ACTIVE';
                CREATE UNIQUE INDEX session_client_token ON session(owner, client_token) WHERE client_token IS NOT NULL;
                CREATE INDEX session_owner ON session(owner, item_id);
                CREATE TABLE session_file (
                    session_id TEXT NOT NULL REFERENCES session(id) ON DELETE CASCADE, name TEXT NOT NULL,
                    source_type TEXT NOT NULL, status TEXT NOT NULL, declared_size INTEGER, declared_checksum TEXT,
                    bytes_transferred INTEGER NOT NULL, blob TEXT, digests TEXT NOT NULL, upload_token TEXT UNIQUE,
                    source_endpoint TEXT, error_message TEXT, item_file_version INTEGER, sequence INTEGER NOT NULL,
                    PRIMARY KEY (session_id, name));
                CREATE TABLE api_session (
                    token_hash TEXT PRIMARY KEY, user TEXT NOT NULL, created_time REAL NOT NULL,
                    last_accessed_time REAL NOT NULL);
                """)
        }
        // v2: `complete` with pulls in flight is remembered, so it still settles after a restart.
        migrator.registerMigration("v2-completion-requested") { db in
            try db.execute(sql: "ALTER TABLE session ADD COLUMN completion_requested INTEGER NOT NULL DEFAULT 0")
        }
        // v3: library security policies, and how an item's signature was verified under one.
        migrator.registerMigration("v3-security-policies") { db in
            try db.execute(sql: """
                ALTER TABLE library ADD COLUMN security_policy_id TEXT;
                ALTER TABLE item ADD COLUMN certificate_verification TEXT;
                """)
        }
        // v4: download sessions and their files, each file pinned to the blob it serves.
        migrator.registerMigration("v4-download-sessions") { db in
            try db.execute(sql: """
                CREATE TABLE download_session (
                    id TEXT PRIMARY KEY, item_id TEXT NOT NULL REFERENCES item(id) ON DELETE CASCADE,
                    owner TEXT NOT NULL, client_token TEXT, state TEXT NOT NULL,
                    item_content_version INTEGER NOT NULL, client_progress INTEGER NOT NULL, error_message TEXT,
                    creation_time REAL NOT NULL, last_activity REAL NOT NULL, finished_time REAL);
                CREATE UNIQUE INDEX download_session_client_token ON download_session(owner, client_token)
                    WHERE client_token IS NOT NULL;
                CREATE INDEX download_session_owner ON download_session(owner, item_id);
                CREATE INDEX download_session_item ON download_session(item_id, state);
                CREATE TABLE download_file (
                    session_id TEXT NOT NULL REFERENCES download_session(id) ON DELETE CASCADE, name TEXT NOT NULL,
                    size INTEGER NOT NULL, blob TEXT NOT NULL, digests TEXT NOT NULL, checksum TEXT, status TEXT NOT NULL,
                    download_token TEXT UNIQUE, bytes_transferred INTEGER NOT NULL, sequence INTEGER NOT NULL,
                    PRIMARY KEY (session_id, name));
                """)
        }
        // v5: what several replicas share: transfer leases with their heartbeat, and the users.
        migrator.registerMigration("v5-replicas") { db in
            try db.execute(sql: """
                CREATE TABLE transfer_lease (
                    session_id TEXT NOT NULL REFERENCES session(id) ON DELETE CASCADE, name TEXT NOT NULL,
                    holder TEXT NOT NULL, bytes INTEGER NOT NULL, expiry REAL NOT NULL,
                    PRIMARY KEY (session_id, name));
                CREATE TABLE user_account (
                    name TEXT PRIMARY KEY, password_hash TEXT NOT NULL, privileges TEXT NOT NULL);
                CREATE TABLE store_flag (name TEXT PRIMARY KEY);
                """)
        }
        return migrator
    }
}
