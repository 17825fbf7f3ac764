//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import PostgresNIO

/// Why the PostgreSQL store could not be opened or used, in words an operator can act on.
///
/// postgres-nio's own `PSQLError` prints a fixed text (it keeps server messages out of logs by
/// default); these cases carry the server's message or the connection failure instead, so
/// `content-library serve` can say "password authentication failed" or "connection refused"
/// rather than a stack or a generic line.
package enum PostgresStoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The database URL cannot be read.
    case malformedURL(String, reason: String)
    /// The database URL carries a password, which belongs in the environment.
    case passwordInURL
    /// The server could not be reached, or refused the login.
    case unreachable(String, detail: String)
    /// A migration failed; the transaction was rolled back, the schema is as it was.
    case migrationFailed(version: Int, name: String, detail: String)
    /// The database holds a schema newer than this program knows.
    case schemaTooNew(applied: Int, known: Int)
    /// An insert collided on a primary key the caller chose (e.g. a session id reused).
    case duplicateKey(String)

    package var description: String {
        switch self {
        case .malformedURL(let url, let reason):
            "malformed database URL '\(url)': \(reason)"
        case .passwordInURL:
            "the database URL must not contain a password (a command line is visible to every user of the machine): "
                + "set it in \(PostgresLocation.passwordVariable) (or \(PostgresLocation.libpqPasswordVariable)) instead"
        case .unreachable(let url, let detail):
            "cannot open the PostgreSQL database \(url): \(detail)"
        case .migrationFailed(let version, let name, let detail):
            "the PostgreSQL schema migration \(version) (\(name)) failed and was rolled back: \(detail)"
        case .schemaTooNew(let applied, let known):
            "the PostgreSQL database has schema version \(applied), newer than this program's \(known): run a newer content-library"
        case .duplicateKey(let what):
            "duplicate key: \(what)"
        }
    }

    /// The most telling words of an error from postgres-nio: the server's message (and
    /// detail) when the server answered, else the connection failure underneath.
    package static func detail(of error: any Error) -> String {
        if let transaction = error as? PostgresTransactionError {
            if let inner = transaction.beginError ?? transaction.closureError ?? transaction.commitError {
                return detail(of: inner)
            }
        }
        guard let error = error as? PSQLError else { return String(describing: error) }
        if let info = error.serverInfo, let message = info[.message] {
            let state = info[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
            let detail = info[.detail].map { ": \($0)" } ?? ""
            return message + detail + state
        }
        if let underlying = error.underlying { return String(describing: underlying) }
        return String(describing: error.code)
    }

    /// The SQLSTATE of a server error, looking through a transaction's wrapping.
    static func sqlState(of error: any Error) -> String? {
        if let transaction = error as? PostgresTransactionError {
            return (transaction.closureError ?? transaction.commitError).flatMap(sqlState(of:))
        }
        return (error as? PSQLError)?.serverInfo?[.sqlState]
    }
}
