//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryPostgres
import ContentLibraryPostgresTesting
import ContentLibraryServices
import Foundation
import Logging
import PostgresNIO
import Testing

/// Opening the PostgreSQL store: the URL and its password rule, unreachable servers, and
/// migrations that run once when replicas start together.
@Suite struct PostgresStoreOpeningTests {
    // MARK: The URL

    @Test func aURLGivesHostPortUserAndDatabase() throws {
        let location = try PostgresLocation(url: "postgres://cl@db.example.com:55432/library?sslmode=require", environment: [:])
        #expect(location == PostgresLocation(host: "db.example.com", port: 55432, username: "cl", password: nil, database: "library", tls: .require))
        let defaults = try PostgresLocation(url: "postgresql://cl@127.0.0.1", environment: [:])
        #expect(defaults.port == 5432 && defaults.database == "cl" && defaults.tls == .prefer)
        #expect(defaults.redactedURL == "postgres://cl@127.0.0.1:5432/cl")
    }

    @Test func thePasswordComesFromTheEnvironmentOnly() throws {
        let both = ["CONTENT_LIBRARY_DATABASE_PASSWORD": "ours", "PGPASSWORD": "libpq"]
        #expect(try PostgresLocation(url: "postgres://cl@h/db", environment: both).password == "ours")
        #expect(try PostgresLocation(url: "postgres://cl@h/db", environment: ["PGPASSWORD": "libpq"]).password == "libpq")
        for url in ["postgres://cl:secret@h/db", "postgres://cl:@h/db", "postgres://cl@h/db?password=secret"] {
            let error = #expect(throws: PostgresStoreError.self) { try PostgresLocation(url: url, environment: [:]) }
            #expect(error == .passwordInURL)
            #expect(error.map { "\($0)" }?.contains("CONTENT_LIBRARY_DATABASE_PASSWORD") == true)
            #expect(error.map { "\($0)" }?.contains("secret") == false, "the message never repeats the password")
        }
    }

    @Test(arguments: [
        "127.0.0.1:5432/db", "mysql://cl@h/db", "postgres:///db", "postgres://h/db", "postgres://cl@h:99999/db",
        "postgres://cl@h/db/extra", "postgres://cl@h/db?sslmode=maybe", "postgres://cl@h/db?application=x",
    ])
    func aMalformedURLIsRefusedWithItsReason(_ url: String) throws {
        let error = #expect(throws: PostgresStoreError.self) { try PostgresLocation(url: url, environment: [:]) }
        guard case .malformedURL(let text, let reason) = error else {
            Issue.record("expected malformedURL, got \(String(describing: error))")
            return
        }
        #expect(text == url && !reason.isEmpty)
    }

    @Test func anUnreachableServerIsAClearError() async throws {
        // A port nothing listens on: refused at once on loopback.
        let location = PostgresLocation(host: "127.0.0.1", port: 1, username: "cl", password: nil, database: "db", tls: .disable)
        let error = await #expect(throws: PostgresStoreError.self) {
            try await PostgresMetadataStore.connect(to: location, logger: Logger(label: "test"))
        }
        guard case .unreachable(let url, let detail) = error else {
            Issue.record("expected unreachable, got \(String(describing: error))")
            return
        }
        #expect(url == "postgres://cl@127.0.0.1:1/db?sslmode=disable")
        #expect(detail.lowercased().contains("refused"), "\(detail)")
    }

    // MARK: Migrations

    @Test(.enabled(if: PostgresTestDatabase.isEnabled)) func twoStoresOpeningTogetherMigrateOnce() async throws {
        let database = try await PostgresTestDatabase.create()
        let logger = StoreFixture.logger
        do {
            let stores = try await withThrowingTaskGroup(of: PostgresMetadataStore.self) { group in
                for _ in 0..<2 { group.addTask { try await PostgresMetadataStore.connect(to: database.location, logger: logger) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // Both work, on the same tables.
            try await stores[0].insertLibrary(Records.library())
            #expect(try await stores[1].libraries() == [Records.library()])
            // Every migration recorded exactly once.
            let rows = try await stores[0].client.query("SELECT version, COUNT(*) FROM schema_migrations GROUP BY version ORDER BY version").collect()
            let recorded = try rows.map { try $0.decode((Int, Int64).self) }
            #expect(recorded.map(\.0) == PostgresSchema.migrations.map(\.version))
            #expect(recorded.allSatisfy { $0.1 == 1 })
            // A third opening finds nothing to do.
            #expect(try await PostgresSchema.migrate(stores[0].client, logger: logger).isEmpty)
            for store in stores { await store.close() }
        } catch {
            try? await database.drop()
            throw error
        }
        try await database.drop()
    }
}
