//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import ContentLibraryPostgres
import Foundation
import Logging
import PostgresNIO

/// A fresh PostgreSQL database for one test: created with a random name on the server of
/// `CONTENT_LIBRARY_TEST_POSTGRES_URL` (password from `CONTENT_LIBRARY_DATABASE_PASSWORD` or
/// `PGPASSWORD`, as for the server), dropped by `drop()`.
///
/// Without the variable, tests that need PostgreSQL skip on a developer machine
/// (`PostgresTestDatabase.isEnabled` is false) and fail in CI (`CI=true`): there the store
/// must be tested, and `create()` throws a message saying what is missing.
package struct PostgresTestDatabase: Sendable {
    /// The variable naming the test server, e.g. `postgres://cl@127.0.0.1:55432/postgres`.
    package static let urlVariable = "CONTENT_LIBRARY_TEST_POSTGRES_URL"

    /// Why a PostgreSQL test could not get its database.
    package struct Unavailable: Error, CustomStringConvertible {
        package var description: String
    }

    /// The configured URL, if any.
    package static let url: String? = ProcessInfo.processInfo.environment[urlVariable].flatMap { $0.isEmpty ? nil : $0 }

    /// Whether CI runs these tests: there a missing server is a failure, not a skip.
    package static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

    /// Whether tests that need PostgreSQL run: a server is configured, or this is CI (where
    /// they then fail with `Unavailable`). One line says so when they are skipped.
    package static let isEnabled: Bool = {
        if url != nil || isCI { return true }
        print("note: PostgreSQL tests skipped: \(urlVariable) is unset (scripts/postgres starts a throwaway server and prints its URL)")
        return false
    }()

    /// The fresh database.
    package let location: PostgresLocation
    /// The server it lives on (the database `CREATE DATABASE` ran in).
    let server: PostgresLocation

    /// Creates a database named `content_library_test_<random>` on the configured server.
    package static func create() async throws -> PostgresTestDatabase {
        guard let url else {
            throw Unavailable(description: "\(urlVariable) is unset\(isCI ? " and CI=true: CI must test the PostgreSQL store" : "")")
        }
        let server: PostgresLocation
        do {
            server = try PostgresLocation(url: url)
        } catch {
            throw Unavailable(description: "\(urlVariable): \(error)")
        }
        let name = "content_library_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await Self.administer(server, "CREATE DATABASE \(unescaped: name)")
        return PostgresTestDatabase(location: server.with(database: name), server: server)
    }

    /// Drops the database, ending any connection still open to it.
    package func drop() async throws {
        try await Self.administer(self.server, "DROP DATABASE IF EXISTS \(unescaped: self.location.database) WITH (FORCE)")
    }

    /// Runs one statement on the server's own database, with a client that lives for that call.
    private static func administer(_ server: PostgresLocation, _ statement: PostgresQuery) async throws {
        var logger = Logger(label: "postgres-test-database")
        logger.logLevel = .error
        let client = PostgresClient(configuration: server.clientConfiguration, backgroundLogger: logger)
        let runner = Task { await client.run() }
        do {
            _ = try await client.query(statement, logger: logger).collect()
        } catch {
            runner.cancel()
            await runner.value
            throw Unavailable(description: "PostgreSQL at \(server.redactedURL): \(PostgresStoreError.detail(of: error))")
        }
        runner.cancel()
        await runner.value
    }
}
