//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ArgumentParser
import ContentLibraryAdapters
import ContentLibraryServer
import Foundation
import Hummingbird

/// `content-library serve`: the update-session server on its embedded default (SQLite and a
/// folder), or with its metadata in PostgreSQL (`--database`), shared by replicas.
public struct ServeCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the Content Library server on SQLite (or PostgreSQL) and a local folder."
    )

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0 picks a free one).")
    var port = 8080

    @Option(name: .customLong("data"), help: "The data folder (metadata, users, the default datastore).")
    var dataFolder = "./content-library-data"

    /// The PostgreSQL database of the metadata, instead of SQLite in the data folder.
    @Option(
        name: .customLong("database"),
        help: ArgumentHelp(
            "Keep the metadata in PostgreSQL: postgres://user@host:port/database[?sslmode=disable|prefer|require] (default: SQLite in the data folder; env \(Self.databaseURLVariable)).",
            discussion: "The password is never part of the URL: set CONTENT_LIBRARY_DATABASE_PASSWORD (or PGPASSWORD)."
        )
    )
    var database: String?

    /// The environment variable read when `--database` is not given.
    static let databaseURLVariable = "CONTENT_LIBRARY_DATABASE_URL"

    @Option(help: "Seconds without activity before an update session expires.")
    var sessionTimeout: Double = 300

    @Option(help: "Seconds a finished update session stays readable before it is deleted.")
    var sessionRetention: Double = 3600

    @Option(help: "Seconds without a call before an API session token expires (a new login is needed).")
    var apiSessionTimeout: Double = 1800

    @Option(help: "Base URL of upload links when clients reach the server by another name, e.g. https://cl.example.com.")
    var externalURL: String?

    @Option(name: .customLong("datastore"), help: "A datastore as ID=FOLDER (repeatable); default datastore-1 in the data folder.")
    var datastores: [String] = []

    @Option(name: .customLong("import-root"), help: "A folder whose files file:// PULL sources may read (repeatable); none by default.")
    var importRoots: [String] = []

    /// A JSON file of external adapters (see docs/external-adapters.md).
    @Option(name: .customLong("adapters"), help: "A JSON file declaring external adapters (docs/external-adapters.md).")
    var adaptersConfiguration: String?

    /// PEM files of certificate authorities trusted for OVF signatures besides the system bundle.
    @Option(name: .customLong("trusted-ca"), help: "A PEM file of CA certificates trusted for OVF package signatures, besides the system bundle (repeatable).")
    var trustedCAs: [String] = []

    @Option(help: "The largest session file, declared or received, in bytes (default 1 TiB).")
    var maxFileSize: Int64 = 1 << 40

    @Option(help: "Files one update session may add.")
    var maxFilesPerSession = 1000

    @Option(help: "Active update sessions one user may hold at once.")
    var maxSessionsPerUser = 100

    @Option(help: "Uploads running at once into one update session.")
    var maxUploadsPerSession = 32

    @Option(help: "The largest JSON request body, in bytes (default 4 MiB).")
    var maxJSONBody = 4 << 20

    @Option(help: "The largest OVF descriptor read, in bytes (default 8 MiB); larger ones are refused unread.")
    var maxDescriptorSize = 8 << 20

    @Option(help: "A PEM certificate chain (server certificate first) to serve HTTPS with; needs --tls-key. SIGHUP reloads it.")
    var tlsCertificate: String?

    @Option(help: "The PEM private key of --tls-certificate.")
    var tlsKey: String?

    @Option(name: .customLong("datacenter"), help: "The name of the one datacenter the vSphere SOAP endpoint (/sdk) shows.")
    var datacenterName = "dc1"

    @Option(
        help: "Seconds an upload or pull's lease lasts without its heartbeat: how long the transfers of a replica that died block their files before another replica resumes or restarts them."
    )
    var transferLease: Double = 15

    @Flag(
        name: .customLong("metrics"), inversion: .prefixedNo,
        help: "Serve GET /metrics (Prometheus text format, no login) on the listening port; --no-metrics turns it off."
    )
    var metrics = true

    @Flag(
        name: .customLong("trust-forwarded-headers"),
        help: "Believe X-Forwarded-Proto/-Host (upload and download URLs) and X-Forwarded-For (login throttle): only behind a proxy that sets them."
    )
    var trustForwardedHeaders = false

    public init() {}

    public func run() async throws {
        let adapters = try CommandAdapters.registry(
            configuration: self.adaptersConfiguration, trustedCAs: self.trustedCAs, maxDescriptorSize: self.maxDescriptorSize
        )
        var stores: [String: String]?
        if !self.datastores.isEmpty {
            stores = [:]
            for entry in self.datastores {
                let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                    throw ValidationError("--datastore takes ID=FOLDER, not '\(entry)'")
                }
                stores?[parts[0]] = parts[1]
            }
        }
        guard (self.tlsCertificate == nil) == (self.tlsKey == nil) else {
            throw ValidationError("--tls-certificate and --tls-key go together")
        }
        var settings = ServerSettings(
            host: self.host, port: self.port, dataFolder: self.dataFolder, sessionTimeout: self.sessionTimeout,
            finishedSessionRetention: self.sessionRetention, externalURL: self.externalURL, datastores: stores,
            importRoots: self.importRoots, apiSessionTimeout: self.apiSessionTimeout,
            limits: ServerLimits(
                maxFileSize: self.maxFileSize, maxFilesPerSession: self.maxFilesPerSession,
                maxActiveSessionsPerUser: self.maxSessionsPerUser, maxConcurrentUploadsPerSession: self.maxUploadsPerSession,
                maxJSONBodySize: self.maxJSONBody
            ),
            tls: self.tlsCertificate.flatMap { certificate in self.tlsKey.map { (certificatePath: certificate, keyPath: $0) } },
            datacenterName: self.datacenterName
        )
        settings.servesMetrics = self.metrics
        settings.trustsForwardedHeaders = self.trustForwardedHeaders
        guard self.transferLease >= 0.3 else { throw ValidationError("--transfer-lease takes at least 0.3 seconds") }
        settings.transferLease = self.transferLease
        settings.databaseURL = Self.databaseURL(flag: self.database, environment: ProcessInfo.processInfo.environment)
        let server = try await ContentLibraryServer.open(settings: settings, adapters: adapters)
        try await server.run()
    }

    /// `--database`, else `CONTENT_LIBRARY_DATABASE_URL`; `nil` (SQLite) when neither is set.
    static func databaseURL(flag: String?, environment: [String: String]) -> String? {
        if let flag { return flag }
        guard let url = environment[Self.databaseURLVariable], !url.isEmpty else { return nil }
        return url
    }
}
