//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryPostgres
import ContentLibraryPostgresTesting
import ContentLibraryServices
import ContentLibraryStorage
import Foundation
import Logging
import Synchronization
import Testing

/// Which `MetadataStore` a contract test runs against.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { self.rawValue }

    /// The stores the contract runs on here: SQLite always; PostgreSQL when
    /// `CONTENT_LIBRARY_TEST_POSTGRES_URL` names a server, or in CI (where a missing one fails).
    static let available: [StoreKind] = PostgresTestDatabase.isEnabled ? [.sqlite, .postgres] : [.sqlite]
}

/// One test's store: an empty database of its kind (a temporary SQLite file, or a fresh
/// PostgreSQL database), with library `lib-1` and item `item-1` in it. `openAnother()` opens a
/// second store on the same database, as a second process or replica would; `tearDown()`
/// closes them all and removes the database.
final class StoreFixture: Sendable {
    let kind: StoreKind
    let store: any MetadataStore
    private let folder: TemporaryFolder?
    private let database: PostgresTestDatabase?
    private let opened: OpenedStores

    private init(kind: StoreKind, store: any MetadataStore, folder: TemporaryFolder?, database: PostgresTestDatabase?, opened: OpenedStores) {
        self.kind = kind
        self.store = store
        self.folder = folder
        self.database = database
        self.opened = opened
    }

    /// Runs `body` with a fresh fixture of `kind`, tearing it down whatever happens.
    static func with(_ kind: StoreKind, seed: Bool = true, _ body: (StoreFixture) async throws -> Void) async throws {
        let fixture = try await StoreFixture.make(kind)
        do {
            if seed {
                try await fixture.store.insertLibrary(Records.library())
                #expect(try await fixture.store.insertItem(Records.item("item-1")))
            }
            try await body(fixture)
        } catch {
            await fixture.tearDown()
            throw error
        }
        await fixture.tearDown()
    }

    private static func make(_ kind: StoreKind) async throws -> StoreFixture {
        let opened = OpenedStores()
        switch kind {
        case .sqlite:
            let folder = try TemporaryFolder()
            let store = try SQLiteMetadataStore(path: folder.path + "/metadata.sqlite")
            return StoreFixture(kind: kind, store: store, folder: folder, database: nil, opened: opened)
        case .postgres:
            let database = try await PostgresTestDatabase.create()
            do {
                let store = try await PostgresMetadataStore.connect(to: database.location, maximumConnections: 8, logger: Self.logger)
                opened.add(store)
                return StoreFixture(kind: kind, store: store, folder: nil, database: database, opened: opened)
            } catch {
                try? await database.drop()
                throw error
            }
        }
    }

    /// Another store on the same database: what a second process (SQLite) or replica
    /// (PostgreSQL) sees.
    func openAnother() async throws -> any MetadataStore {
        switch self.kind {
        case .sqlite:
            return try SQLiteMetadataStore(path: self.folder!.path + "/metadata.sqlite")
        case .postgres:
            let store = try await PostgresMetadataStore.connect(to: self.database!.location, maximumConnections: 8, logger: Self.logger)
            self.opened.add(store)
            return store
        }
    }

    /// Closes every PostgreSQL store opened and drops the database.
    func tearDown() async {
        for store in self.opened.all() { await store.close() }
        try? await self.database?.drop()
    }

    static let logger: Logger = {
        var logger = Logger(label: "store-contract-tests")
        logger.logLevel = .error
        return logger
    }()
}

/// The PostgreSQL stores a fixture opened, closed at tear-down so no pool outlives its test.
final class OpenedStores: Sendable {
    private let stores = Mutex<[PostgresMetadataStore]>([])

    func add(_ store: PostgresMetadataStore) { self.stores.withLock { $0.append(store) } }

    func all() -> [PostgresMetadataStore] { self.stores.withLock { $0 } }
}
