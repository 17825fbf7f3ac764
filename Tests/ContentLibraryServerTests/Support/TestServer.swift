//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryServer
import ContentLibraryServices
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import StandardAdapters

/// A folder under the system temporary directory, removed when the last reference goes.
final class TemporaryFolder: Sendable {
    let path: String

    init() throws {
        self.path = NSTemporaryDirectory() + "content-library-server-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: self.path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: self.path) }
}

/// A server on a temporary data folder, with a hand-moved clock and the administrator password
/// `secret`, driven through the router without a socket.
struct TestServer: Sendable {
    static let administrator = UserDirectory.administrator
    static let password = "secret"

    let folder: TemporaryFolder
    let clock: TestClock
    let server: ContentLibraryServer

    /// Builds a server; `users` are written to its store first, as `content-library user add` would.
    init(
        folder: TemporaryFolder? = nil, clock: TestClock = TestClock(),
        users: [(name: String, privileges: Set<Privilege>)] = [], adapters: AdapterRegistry = .standard(),
        fetcher: (any SourceFetcher)? = nil, reaperInterval: TimeInterval = 5, servesMetrics: Bool = true,
        trustsForwardedHeaders: Bool = false, externalURL: String? = nil
    ) throws {
        let folder = try folder ?? TemporaryFolder()
        var logger = Logger(label: "content-library-tests")
        logger.logLevel = .error
        self.folder = folder
        self.clock = clock
        var settings = ServerSettings(port: 0, dataFolder: folder.path, reaperInterval: reaperInterval)
        settings.servesMetrics = servesMetrics
        settings.trustsForwardedHeaders = trustsForwardedHeaders
        settings.externalURL = externalURL
        self.server = try ContentLibraryServer(
            settings: settings,
            adapters: adapters,
            adminPassword: Self.password,
            logger: logger,
            fetcher: fetcher,
            now: { [clock] in clock.now }
        )
        self.users = users
    }

    /// The users `run` adds before serving.
    let users: [(name: String, privileges: Set<Privilege>)]

    /// The domain services, for what HTTP cannot trigger (the reaper).
    var services: Services { self.server.services }

    /// Runs `body` against the application with an anonymous client.
    func run<Value: Sendable>(_ body: @Sendable (APIClient) async throws -> Value) async throws -> Value {
        for user in self.users {
            try await self.services.context.metadata.saveUser(
                UserAccount(name: user.name, passwordHash: try PasswordHash.make(Self.password), privileges: user.privileges)
            )
        }
        let app = try await self.server.application()
        return try await app.test(.router) { client in
            try await body(APIClient(client: client, token: nil))
        }
    }
}
