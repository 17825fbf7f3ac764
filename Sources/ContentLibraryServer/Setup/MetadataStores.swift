//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import ContentLibraryServices
import ContentLibraryPostgres
import ContentLibraryStorage
import Foundation
package import Logging

/// Opens the metadata store a server's settings name, for the server and for the commands that
/// change it beside running servers (`content-library user`).
package enum MetadataStores {
    /// The store of `settings` when it is the embedded SQLite database `<data>/metadata.sqlite`.
    ///
    /// - Throws: `ContentLibraryServer.SetupError.databaseNeedsAsyncOpen` when `settings.databaseURL`
    ///   names PostgreSQL, which `connect` opens.
    package static func open(_ settings: ServerSettings) throws -> any MetadataStore {
        guard settings.databaseURL == nil else { throw ContentLibraryServer.SetupError.databaseNeedsAsyncOpen }
        try FileManager.default.createDirectory(atPath: settings.dataFolder, withIntermediateDirectories: true)
        return try SQLiteMetadataStore(path: settings.dataFolder + "/metadata.sqlite")
    }

    /// The store of `settings`, whichever it is, with what releases it: SQLite as `open` does
    /// (nothing to release), or the PostgreSQL database of `settings.databaseURL`, connected and
    /// migrated (`close` ends its connection pool).
    ///
    /// - Throws: `PostgresStoreError` with a message naming the problem: a malformed URL, a
    ///   password in it, an unreachable server or a refused login, a failed migration.
    package static func connect(_ settings: ServerSettings, metrics: ServiceMetrics = .disabled, logger: Logger) async throws
        -> (store: any MetadataStore, close: @Sendable () async -> Void)
    {
        guard let url = settings.databaseURL else { return (try Self.open(settings), {}) }
        let location = try PostgresLocation(url: url)
        let store = try await PostgresMetadataStore.connect(to: location, metrics: metrics, logger: logger)
        logger.info("metadata in PostgreSQL at \(location.redactedURL)")
        return (store, { await store.close() })
    }
}
