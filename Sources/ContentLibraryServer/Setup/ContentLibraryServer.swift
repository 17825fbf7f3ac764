//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ContentLibraryAdapters
package import ContentLibraryServices
import ContentLibraryFetch
import ContentLibrarySOAP
import ContentLibraryStorage
public import Foundation
package import Hummingbird
import HummingbirdCore
public import Logging
import Prometheus

/// Assembles the server: the metadata store (SQLite in the data folder, or PostgreSQL), the
/// content on the datastore folders, the services, and the HTTP application.
///
/// ```swift
/// let server = try ContentLibraryServer(settings: ServerSettings(port: 8080), adapters: .standard())
/// try await server.run()
/// ```
///
/// With `settings.databaseURL` set, open it with `ContentLibraryServer.open(settings:adapters:)`
/// instead: connecting to PostgreSQL and migrating its schema are asynchronous.
public struct ContentLibraryServer: Sendable {
    /// The settings it runs with.
    public let settings: ServerSettings
    /// The domain services, for tests and tools that drive them directly.
    package let services: Services
    /// This server's metrics, which `GET /metrics` shows: a registry per instance, so that
    /// servers in one process (tests) never share counts and nothing uses the global `MetricsSystem`.
    let metricsRegistry: PrometheusCollectorRegistry
    /// The administrator's password to set at start, if any (`UserDirectory`).
    let adminPassword: String?
    /// This process's slot among those sharing the data folder: its lease holder id, held while it lives.
    let replicaSlot: ReplicaSlot
    let logger: Logger
    /// Releases the metadata store's resources (PostgreSQL's connection pool); nothing for SQLite.
    private let closeMetadata: @Sendable () async -> Void

    /// Opens (or creates) the data folder and builds the services, on SQLite.
    ///
    /// - Throws: `ContentLibraryServer.SetupError.databaseNeedsAsyncOpen` when `settings.databaseURL`
    ///   is set: a PostgreSQL store is opened by `open(settings:adapters:adminPassword:logger:)`.
    /// - Parameters:
    ///   - settings: how to run.
    ///   - adapters: the type adapters; `AdapterRegistry.standard()` plus any custom ones.
    ///   - adminPassword: the administrator's password; `nil` reads `CONTENT_LIBRARY_ADMIN_PASSWORD`.
    ///   - logger: where the server logs.
    public init(
        settings: ServerSettings,
        adapters: AdapterRegistry,
        adminPassword: String? = ProcessInfo.processInfo.environment["CONTENT_LIBRARY_ADMIN_PASSWORD"],
        logger: Logger = Logger(label: "content-library")
    ) throws {
        try self.init(
            settings: settings, adapters: adapters, adminPassword: adminPassword, logger: logger,
            fetcher: nil, now: { Date() }
        )
    }

    /// The same, with the seams tests replace: `fetcher` reads PULL sources (`nil` means
    /// `HTTPSourceFetcher`: http, https, file) and `now` is the clock that ages sessions.
    package init(
        settings: ServerSettings,
        adapters: AdapterRegistry,
        adminPassword: String?,
        logger: Logger,
        fetcher: (any SourceFetcher)?,
        now: @escaping @Sendable () -> Date
    ) throws {
        let metadata = try MetadataStores.open(settings)
        try self.init(
            settings: settings, adapters: adapters, adminPassword: adminPassword, logger: logger, fetcher: fetcher, now: now,
            metadata: metadata, closeMetadata: {}, registry: PrometheusCollectorRegistry()
        )
    }

    /// Opens the server on the metadata store `settings` name: SQLite in the data folder as
    /// `init` does, or the PostgreSQL database of `settings.databaseURL`, connected and migrated
    /// before this returns. `run()` closes the store when the server stops.
    ///
    /// - Throws: a message naming the problem when the URL is malformed or carries a password,
    ///   or when the database is unreachable or refuses the login.
    public static func open(
        settings: ServerSettings,
        adapters: AdapterRegistry,
        adminPassword: String? = ProcessInfo.processInfo.environment["CONTENT_LIBRARY_ADMIN_PASSWORD"],
        logger: Logger = Logger(label: "content-library")
    ) async throws -> ContentLibraryServer {
        try await Self.open(settings: settings, adapters: adapters, adminPassword: adminPassword, logger: logger, fetcher: nil, now: { Date() })
    }

    /// The same, with the seams tests replace (see `init(settings:adapters:adminPassword:logger:fetcher:now:)`).
    package static func open(
        settings: ServerSettings,
        adapters: AdapterRegistry,
        adminPassword: String?,
        logger: Logger,
        fetcher: (any SourceFetcher)?,
        now: @escaping @Sendable () -> Date
    ) async throws -> ContentLibraryServer {
        // The registry exists before the store, so the store's pool reports into it.
        let registry = PrometheusCollectorRegistry()
        let (store, close) = try await MetadataStores.connect(
            settings, metrics: ServiceMetrics(factory: Self.metricsFactory(registry)), logger: logger
        )
        do {
            return try ContentLibraryServer(
                settings: settings, adapters: adapters, adminPassword: adminPassword, logger: logger, fetcher: fetcher, now: now,
                metadata: store, closeMetadata: close, registry: registry
            )
        } catch {
            await close()
            throw error
        }
    }

    /// Builds the services over an open metadata store; `closeMetadata` releases it; every
    /// metric of this server goes into `registry`.
    private init(
        settings: ServerSettings,
        adapters: AdapterRegistry,
        adminPassword: String?,
        logger: Logger,
        fetcher: (any SourceFetcher)?,
        now: @escaping @Sendable () -> Date,
        metadata: any MetadataStore,
        closeMetadata: @escaping @Sendable () async -> Void,
        registry: PrometheusCollectorRegistry
    ) throws {
        try FileManager.default.createDirectory(atPath: settings.dataFolder, withIntermediateDirectories: true)
        let content = try FolderContentStore(datastores: settings.datastores)
        let guid = try Self.serverGUID(settings.dataFolder)
        let slot = try ReplicaSlot(dataFolder: settings.dataFolder)
        let context = ServiceContext(
            metadata: metadata, content: content, adapters: adapters,
            configuration: ServiceConfiguration(
                sessionTimeout: settings.sessionTimeout, finishedSessionRetention: settings.finishedSessionRetention,
                apiSessionTimeout: settings.apiSessionTimeout,
                datastoreIDs: settings.datastores.keys.sorted(), serverGUID: guid,
                importRoots: ImportRoots(settings.importRoots),
                limits: ServiceLimits(
                    maxFileSize: settings.limits.maxFileSize, maxFilesPerSession: settings.limits.maxFilesPerSession,
                    maxActiveSessionsPerUser: settings.limits.maxActiveSessionsPerUser,
                    maxConcurrentUploadsPerSession: settings.limits.maxConcurrentUploadsPerSession
                ),
                replicaID: slot.id,
                transferLease: settings.transferLease
            ),
            fetcher: fetcher ?? HTTPSourceFetcher(),
            now: now,
            logger: logger,
            metrics: ServiceMetrics(factory: Self.metricsFactory(registry))
        )
        self.metricsRegistry = registry
        self.settings = settings
        self.services = Services(context: context)
        self.adminPassword = adminPassword
        self.logger = logger
        self.closeMetadata = closeMetadata
        self.replicaSlot = slot
    }

    /// Serves until the process receives SIGINT or SIGTERM, then shuts down gracefully: ends the
    /// listener, lets running requests finish, stops the reaper, and closes the metadata store.
    public func run() async throws {
        do {
            try await self.application().runService()
        } catch {
            await self.close()
            throw error
        }
        await self.close()
    }

    /// Releases the metadata store (PostgreSQL's pool and its run task); `run()` does it when the
    /// server stops. For tests that drive `application()` themselves. Safe to call twice.
    package func close() async {
        await self.closeMetadata()
    }

    /// The HTTP application: the three dialects over the operation table, the upload endpoint,
    /// the browser UI at `/ui/` (static files; the UI calls the REST dialect), `/health`,
    /// `/metrics` (unless `servesMetrics` is off), request metrics, and the reaper.
    package func application() async throws -> some ApplicationProtocol {
        let directory = UserDirectory(dataFolder: self.settings.dataFolder)
        if try await directory.prepare(self.services.context.metadata, adminPassword: self.adminPassword, logger: self.logger) {
            self.logger.notice(
                "generated a password for \(UserDirectory.administrator); it is in \(directory.initialPasswordPath), readable by this user only"
            )
        }
        try await self.services.updateSessions.recoverAfterRestart()
        try await self.services.sessionFiles.restartInterruptedPulls()
        let router = Router(context: ServerRequestContext.self)
        router.add(middleware: RequestMetricsMiddleware(factory: self.services.context.metrics.factory))
        router.get("health") { _, _ in HealthStatus(status: "ok") }
        if self.settings.servesMetrics { MetricsRoute(registry: self.metricsRegistry, services: self.services).register(on: router) }
        let identity = try self.settings.tls.map { try TLSIdentity(certificatePath: $0.certificatePath, keyPath: $0.keyPath) }
        if identity == nil, !Self.isLoopback(self.settings.host) {
            self.logger.warning(
                "serving plain HTTP on \(self.settings.host): passwords (HTTP Basic login) and tokens cross the network readable; use --tls-certificate and --tls-key"
            )
        }
        let forwarded = ForwardedHeaders(trusted: self.settings.trustsForwardedHeaders)
        let wire = WireContext(
            services: self.services, externalURL: self.settings.externalURL, forwarded: forwarded, scheme: identity == nil ? "http" : "https",
            maxBody: self.settings.limits.maxJSONBodySize, logger: self.logger
        )
        RESTRoutes(wire: wire).register(on: router)
        JSONRPCRoutes(wire: wire).register(on: router)
        UploadRoutes(wire: wire).register(on: router)
        DownloadRoutes(wire: wire).register(on: router)
        UIRoutes().register(on: router)
        LegacyRoutes(wire: wire).register(on: router)
        SOAPRoutes(endpoint: self.soapEndpoint(), maxBody: self.settings.limits.maxJSONBodySize, secure: identity != nil, forwarded: forwarded)
            .register(on: router)
        let http1 = HTTP1Channel.Configuration(additionalChannelHandlers: [ExpectContinueHandler(), EarlyAnswerHandler()])
        let server: HTTPServerBuilder =
            if let identity {
                HTTPServerBuilder { responder in
                    ReloadableTLSChannel(base: HTTP1Channel(responder: responder, configuration: http1), identity: identity)
                }
            } else {
                .http1(configuration: http1)
            }
        var app = Application(
            router: router,
            server: server,
            configuration: .init(address: .hostname(self.settings.host, port: self.settings.port), serverName: "content-library"),
            onServerRunning: { [logger] channel in
                logger.info("content-library listening on \(channel.localAddress.map { "\($0)" } ?? "?")")
            },
            logger: self.logger
        )
        app.addServices(
            Reaper(
                sessions: self.services.updateSessions, sessionFiles: self.services.sessionFiles, downloads: self.services.downloadSessions, auth: self.services.auth,
                interval: self.settings.reaperInterval, metrics: self.services.context.metrics, logger: self.logger
            )
        )
        if let identity { app.addServices(CertificateReloader(identity: identity, logger: self.logger)) }
        return app
    }

    /// The vim25 SOAP codec of `/sdk`: the inventory from the settings (datacenter name,
    /// datastores, server guid), logins through the vAPI `AuthService`.
    private func soapEndpoint() -> SOAPEndpoint {
        let configuration = self.services.context.configuration
        return SOAPEndpoint(
            configuration: InventoryConfiguration(
                datacenterName: self.settings.datacenterName, datastores: self.settings.datastores, instanceUUID: configuration.serverGUID
            ),
            authenticator: SOAPLogins(auth: self.services.auth), idleTimeout: configuration.apiSessionTimeout, now: self.services.context.now,
            logger: self.logger
        )
    }

    /// The Prometheus backend over `registry`: durations in buckets from 1 ms (a `get`) to
    /// 5 minutes (a large upload or an OVF validation).
    private static func metricsFactory(_ registry: PrometheusCollectorRegistry) -> PrometheusMetricsFactory {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
            .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10), .seconds(30),
            .seconds(60), .seconds(300),
        ]
        return factory
    }

    /// Whether `host` only accepts connections from this machine.
    private static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// A stable id for this data folder, kept in `<data>/server-guid`.
    private static func serverGUID(_ folder: String) throws -> String {
        let path = folder + "/server-guid"
        if let existing = try? String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines), !existing.isEmpty {
            return existing
        }
        let guid = UUID().uuidString.lowercased()
        try guid.write(toFile: path, atomically: true, encoding: .utf8)
        return guid
    }
}

extension ContentLibraryServer {
    /// Why a server could not be set up as asked.
    public enum SetupError: Error, CustomStringConvertible {
        /// `settings.databaseURL` is set but the synchronous `init` was used.
        case databaseNeedsAsyncOpen

        public var description: String {
            switch self {
            case .databaseNeedsAsyncOpen:
                "ServerSettings.databaseURL names a PostgreSQL database: open the server with `try await ContentLibraryServer.open(settings:adapters:)`, which connects and migrates"
            }
        }
    }
}

/// The body of `GET /health`.
struct HealthStatus: ResponseCodable {
    var status: String
}
