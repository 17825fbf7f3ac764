//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAPI
import ContentLibraryPostgres
import ContentLibraryPostgresTesting
import ContentLibraryServer
import ContentLibraryServices
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import StandardAdapters
import Synchronization
import Testing

/// The server with `databaseURL` set: its metadata in PostgreSQL, a whole update session over
/// real HTTP, and a second server on the same database (another replica) seeing the result and
/// honouring the first one's login token.
@Suite struct PostgresServerTests {
    @Test(.enabled(if: PostgresTestDatabase.isEnabled)) func anUpdateSessionRunsEndToEndOnPostgreSQL() async throws {
        let database = try await PostgresTestDatabase.create()
        let folder = try TemporaryFolder()
        let servers = ServerList()
        do {
            let replicaA = try await Self.open(database, dataFolder: folder.path + "/a", datastore: folder.path + "/datastore-1")
            servers.add(replicaA)
            let bytes = Array("hello from PostgreSQL\n".utf8)
            let (item, token) = try await replicaA.application().test(.live) { client in
                let admin = try await APIClient(client: client, token: nil).login()
                let library = try await admin.createLibrary("On PostgreSQL")
                let item = try await admin.createItem(library: library, name: "Notes")
                let session = try await admin.createSession(item: item)
                let uploaded = try await admin.addAndUpload(session: session, name: "notes.txt", bytes)
                #expect(uploaded.status == .ready)
                #expect(try await admin.action("complete", session: session).status == .noContent)
                #expect(try await admin.session(session).state == .done)
                #expect(try await admin.itemFiles(item).map(\.name) == ["notes.txt"])
                return (item, try #require(admin.token))
            }
            #expect(!FileManager.default.fileExists(atPath: folder.path + "/a/metadata.sqlite"), "no SQLite beside PostgreSQL")

            // The metadata is in the database: a store opened on it sees the item's file.
            let store = try await PostgresMetadataStore.connect(to: database.location, logger: Logger(label: "check"))
            let files = try await store.itemFiles(itemID: item)
            await store.close()
            #expect(files.map(\.name) == ["notes.txt"] && files.first?.size == Int64(bytes.count))

            // Another replica on the same database and datastore: same item, same token.
            let replicaB = try await Self.open(database, dataFolder: folder.path + "/b", datastore: folder.path + "/datastore-1")
            servers.add(replicaB)
            try await replicaB.application().test(.router) { client async throws in
                let admin = APIClient(client: client, token: token)
                #expect(try await admin.item(item).name == "Notes")
                #expect(try await admin.itemFiles(item).map(\.size) == [Int64(bytes.count)])

                // Its pool reports its use: the limit, nothing left in flight, the statements timed.
                let metrics = try await client.execute(uri: "/metrics", method: .get) { String(buffer: $0.body) }
                let values = Dictionary(
                    metrics.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { line -> (String, Double)? in
                        let parts = line.split(separator: " ")
                        return parts.count == 2 ? (String(parts[0]), Double(parts[1]) ?? -1) : nil
                    },
                    uniquingKeysWith: { first, _ in first }
                )
                #expect(values["content_library_database_pool_connections_max"] == 20)
                // Every call ended but a reaper sweep's, which may be running now.
                #expect(values["content_library_database_calls_in_flight"].map { (0...1).contains($0) } == true)
                #expect((values[#"content_library_database_call_duration_seconds_count{kind="statement"}"#] ?? 0) >= 2)
            }
        } catch {
            await servers.closeAll()
            try? await database.drop()
            throw error
        }
        await servers.closeAll()
        try await database.drop()
    }

    @Test func theSynchronousInitRefersToOpen() throws {
        let folder = try TemporaryFolder()
        var settings = ServerSettings(port: 0, dataFolder: folder.path)
        settings.databaseURL = "postgres://cl@127.0.0.1:5432/db"
        #expect(throws: ContentLibraryServer.SetupError.self) { try ContentLibraryServer(settings: settings, adapters: .standard()) }
    }

    /// A server with the test password on `database`, its own data folder, and a shared datastore.
    static func open(_ database: PostgresTestDatabase, dataFolder: String, datastore: String) async throws -> ContentLibraryServer {
        var settings = ServerSettings(port: 0, dataFolder: dataFolder, datastores: ["datastore-1": datastore])
        settings.databaseURL = database.location.redactedURL
        var logger = Logger(label: "content-library-tests")
        logger.logLevel = .error
        return try await ContentLibraryServer.open(
            settings: settings, adapters: .standard(), adminPassword: TestServer.password, logger: logger, fetcher: nil, now: { Date() }
        )
    }
}

/// The servers a test opened, closed at its end so no connection pool outlives it.
final class ServerList: Sendable {
    private let servers = Mutex<[ContentLibraryServer]>([])

    func add(_ server: ContentLibraryServer) { self.servers.withLock { $0.append(server) } }

    func closeAll() async {
        for server in self.servers.withLock({ $0 }) { await server.close() }
    }
}
