//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAPI
import ContentLibraryModel
import ContentLibraryServices
import Foundation
import PostgresNIO

/// The statements every polled call runs, prepared once per pooled connection.
///
/// A `GET` of an update session authenticates its token and reads the session snapshot; a
/// `keep-alive` authenticates, reads the session and updates it: statements run thousands of
/// times a second by clients that poll. As plain queries each is parsed and planned by
/// PostgreSQL on every call; prepared (postgres-nio prepares a statement on a connection the
/// first time it runs there and reuses it after), the server only binds and executes them
/// (`docs/performance.md`, "Scale-out": GET went from 0.46x to 0.5x–0.6x of SQLite's rate).
/// Rows come back as they are and the store's decoders (`PostgresRows`) read them, as they read
/// the rows of every other statement. The rest of the store's statements are plain queries:
/// they run once per user action, where parsing costs nothing a user would notice.
enum PostgresHotStatements {
    /// The text of a statement whose one parameter, `$1`, is a key: a token hash or an id.
    protocol KeyedText {
        /// The name the statement is prepared under, unique among the store's statements.
        static var name: String { get }
        /// The statement, with `$1` for the key.
        static var sql: String { get }
    }

    /// A statement of `Text` for one key, answering its rows as they are.
    struct Keyed<Text: KeyedText>: PostgresPreparedStatement {
        static var name: String { Text.name }
        static var sql: String { Text.sql }
        typealias Row = PostgresRow

        /// The value of `$1`.
        var key: String

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 1)
            bindings.append(self.key)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
    }

    /// An API session token with its user (`apiSessionWithUser`): every authenticated call.
    enum APISessionWithUser: KeyedText {
        static let name = "content_library_api_session_with_user"
        static let sql = """
            SELECT api_session.*, user_account.name, user_account.password_hash, user_account.privileges FROM api_session
            JOIN user_account ON user_account.name = api_session.user_name WHERE api_session.token_hash = $1
            """
    }

    /// A session with its item, library and files (`sessionSnapshot`): every `get` of a session.
    enum SessionSnapshot: KeyedText {
        static let name = "content_library_session_snapshot"
        static let sql = PostgresRows.sessionSnapshotSQL
    }

    /// One session row (`session(id:)`): every call on a session that changes it.
    enum SessionByID: KeyedText {
        static let name = "content_library_session_by_id"
        static let sql = "SELECT * FROM session WHERE id = $1"
    }

    /// A token's session and user with one update session's snapshot
    /// (`apiSessionWithUser(tokenHash:snapshotOf:)`): every `get` of a session or of its files.
    struct APISessionWithSnapshot: PostgresPreparedStatement {
        static let name = "content_library_api_session_with_snapshot"
        static let sql = PostgresRows.apiSessionWithSnapshotSQL
        typealias Row = PostgresRow

        /// The SHA-256 of the token, as the table keeps it.
        var tokenHash: String
        /// The update session's id.
        var sessionID: String

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 2)
            bindings.append(self.tokenHash)
            bindings.append(self.sessionID)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
    }

    /// The conditional update of a session's mutable columns (`updateSession`, and the first
    /// statement of `completeSession`): it changes the row only if the session is still in the
    /// state it was read in, and answers the id when it did.
    struct UpdateSession: PostgresPreparedStatement {
        static let name = "content_library_update_session"
        static let sql = """
            UPDATE session SET state = $1, client_progress = $2, error_message = $3, warning_behavior = $4, last_activity = $5,
            finished_time = $6, completion_requested = $7 WHERE id = $8 AND state = $9 RETURNING id
            """
        typealias Row = PostgresRow

        /// The session as it is to be written.
        var session: SessionRecord
        /// The state the caller read it in.
        var expectedState: UpdateSessionState

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 9)
            bindings.append(self.session.state.rawValue)
            bindings.append(self.session.clientProgress)
            bindings.append(ColumnText.optionalJSON(self.session.errorMessage))
            bindings.append(ColumnText.json(self.session.warningBehavior))
            bindings.append(self.session.lastActivity.timeIntervalSince1970)
            bindings.append(self.session.finishedTime?.timeIntervalSince1970)
            bindings.append(self.session.completionRequested)
            bindings.append(self.session.id)
            bindings.append(self.expectedState.rawValue)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
    }
}
