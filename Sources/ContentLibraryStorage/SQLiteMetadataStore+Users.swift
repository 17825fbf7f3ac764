//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import ContentLibraryAPI
package import ContentLibraryServices
import GRDB

/// The users who may log in, with their password hashes and privileges.
extension SQLiteMetadataStore {
    package func users() async throws -> [UserAccount] {
        try await self.pool.read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM user_account ORDER BY name")).map(Self.user)
        }
    }

    package func user(name: String) async throws -> UserAccount? {
        try await self.pool.read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM user_account WHERE name = ?"), arguments: [name]).map(Self.user)
        }
    }

    package func apiSessionWithUser(tokenHash: String) async throws -> (session: APISessionRecord, user: UserAccount)? {
        try await self.pool.read { db in
            try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT api_session.*, user_account.password_hash, user_account.privileges FROM api_session
                        JOIN user_account ON user_account.name = api_session.user WHERE api_session.token_hash = ?
                        """
                ),
                arguments: [tokenHash]
            ).map { row in
                (
                    APISessionRecord(
                        tokenHash: row["token_hash"], user: row["user"], createdTime: SQLiteRows.date(row, "created_time"),
                        lastAccessedTime: SQLiteRows.date(row, "last_accessed_time")
                    ),
                    UserAccount(
                        name: row["user"], passwordHash: row["password_hash"], privileges: UserAccount.privileges(fromList: row["privileges"])
                    )
                )
            }
        }
    }

    package func saveUser(_ user: UserAccount) async throws {
        try await self.pool.write { db in try Self.save(user, db) }
    }

    package func deleteUser(name: String) async throws -> Bool {
        try await self.pool.write { db in
            try db.execute(sql: "DELETE FROM user_account WHERE name = ?", arguments: [name])
            let deleted = db.changesCount > 0
            try db.execute(sql: "DELETE FROM api_session WHERE user = ?", arguments: [name])
            return deleted
        }
    }

    package func importUsers(_ users: [UserAccount]) async throws -> Bool {
        try await self.pool.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO store_flag (name) VALUES ('users-imported')")
            guard db.changesCount > 0 else { return false }
            for user in users where try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM user_account WHERE name = ?)", arguments: [user.name]) != true {
                try Self.save(user, db)
            }
            return true
        }
    }

    private static func save(_ user: UserAccount, _ db: Database) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO user_account (name, password_hash, privileges) VALUES (?, ?, ?)",
            arguments: [user.name, user.passwordHash, UserAccount.privilegeList(user.privileges)]
        )
    }

    private static func user(_ row: Row) -> UserAccount {
        UserAccount(name: row["name"], passwordHash: row["password_hash"], privileges: UserAccount.privileges(fromList: row["privileges"]))
    }
}
