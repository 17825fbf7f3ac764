//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import ContentLibraryAPI
package import ContentLibraryServices
import PostgresNIO

/// The users who may log in, with their password hashes and privileges: in the database, so
/// every replica sees a change at once.
extension PostgresMetadataStore {
    package func users() async throws -> [UserAccount] {
        try await self.rows("SELECT * FROM user_account ORDER BY name").map(PostgresRows.user)
    }

    package func user(name: String) async throws -> UserAccount? {
        try await self.rows("SELECT * FROM user_account WHERE name = \(name)").first.map(PostgresRows.user)
    }

    package func apiSessionWithUser(tokenHash: String) async throws -> (session: APISessionRecord, user: UserAccount)? {
        let rows = try await self.rows(PostgresHotStatements.Keyed<PostgresHotStatements.APISessionWithUser>(key: tokenHash))
        guard let row = rows.first?.makeRandomAccess() else { return nil }
        return (try PostgresRows.apiSession(row), try PostgresRows.user(row))
    }

    package func apiSessionWithUser(tokenHash: String, snapshotOf sessionID: String) async throws
        -> (session: APISessionRecord, user: UserAccount, snapshot: SessionSnapshot?)?
    {
        // One statement, so one round trip for what a polled `get` reads: the token, its user and
        // the session snapshot.
        let rows = try await self.rows(PostgresHotStatements.APISessionWithSnapshot(tokenHash: tokenHash, sessionID: sessionID))
            .map { $0.makeRandomAccess() }
        guard let row = rows.first else { return nil }
        return (try PostgresRows.apiSession(row), try PostgresRows.user(row), try PostgresRows.sessionSnapshot(rows))
    }

    package func saveUser(_ user: UserAccount) async throws {
        try await self.rows(
            """
            INSERT INTO user_account (name, password_hash, privileges)
            VALUES (\(user.name), \(user.passwordHash), \(UserAccount.privilegeList(user.privileges)))
            ON CONFLICT (name) DO UPDATE SET password_hash = EXCLUDED.password_hash, privileges = EXCLUDED.privileges
            """
        )
    }

    package func deleteUser(name: String) async throws -> Bool {
        try await self.transaction { connection -> Bool in
            let deleted = try await !connection.rows("DELETE FROM user_account WHERE name = \(name) RETURNING name", self.logger).isEmpty
            try await connection.rows("DELETE FROM api_session WHERE user_name = \(name)", self.logger)
            return deleted
        }
    }

    package func importUsers(_ users: [UserAccount]) async throws -> Bool {
        try await self.transaction { connection -> Bool in
            // The flag's insert is the once: a second replica importing at the same time waits on
            // the first's uncommitted row, then finds it and imports nothing.
            let first = try await connection.rows(
                "INSERT INTO store_flag (name) VALUES ('users-imported') ON CONFLICT DO NOTHING RETURNING name", self.logger
            )
            guard !first.isEmpty else { return false }
            for user in users {
                try await connection.rows(
                    """
                    INSERT INTO user_account (name, password_hash, privileges)
                    VALUES (\(user.name), \(user.passwordHash), \(UserAccount.privilegeList(user.privileges)))
                    ON CONFLICT (name) DO NOTHING
                    """,
                    self.logger
                )
            }
            return true
        }
    }
}
