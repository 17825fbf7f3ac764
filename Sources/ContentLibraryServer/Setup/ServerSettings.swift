//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import Foundation

/// How the server is run: where it listens, where it keeps data, and the domain's settings.
public struct ServerSettings: Sendable {
    /// The address to listen on.
    public var host: String
    /// The port; 0 picks a free one.
    public var port: Int
    /// The data folder: `metadata.sqlite` (unless `databaseURL` names PostgreSQL), `users.json`,
    /// and the default datastore.
    public var dataFolder: String
    /// Idle seconds before an ACTIVE update session expires.
    public var sessionTimeout: TimeInterval
    /// Seconds a finished session stays readable.
    public var finishedSessionRetention: TimeInterval
    /// Idle seconds before an API session token expires and its client must log in again.
    public var apiSessionTimeout: TimeInterval
    /// Sizes and counts the server refuses to exceed.
    public var limits: ServerLimits
    /// The PEM certificate chain and private key to serve HTTPS with; `nil` serves plain HTTP.
    public var tls: (certificatePath: String, keyPath: String)?
    /// Base of upload URLs when clients reach the server through another name (e.g. a proxy).
    public var externalURL: String?
    /// Datastore id → folder; by default `datastore-1` inside the data folder.
    public var datastores: [String: String]
    /// Seconds between reaper sweeps.
    public var reaperInterval: TimeInterval
    /// Seconds a transfer lease lasts without its heartbeat (`--transfer-lease`, 15 by default):
    /// how long the upload of a replica that died blocks its file before another replica may
    /// resume it, and how long before another replica takes its pulls over.
    public var transferLease: TimeInterval = 15
    /// Folders whose files `file://` PULL sources may read (`--import-root`); none by default.
    public var importRoots: [String]
    /// The name of the one datacenter `/sdk` shows (`--datacenter`); `dc1` by default.
    public var datacenterName: String
    /// Whether `GET /metrics` answers (Prometheus text format, without a login); `true` by
    /// default, `--no-metrics` turns it off (docs/server.md says why it is open).
    public var servesMetrics = true
    /// Whether a proxy's `X-Forwarded-Proto`, `X-Forwarded-Host` and `X-Forwarded-For` are
    /// believed (`--trust-forwarded-headers`): only for replicas that clients reach through a
    /// proxy that sets them (deploy/nginx.conf), never for a server reached directly. `false` by default.
    public var trustsForwardedHeaders = false
    /// Where the metadata lives: `nil` (the default) keeps it in `metadata.sqlite` in the data
    /// folder; `postgres://user@host:port/database` puts it in that PostgreSQL database, shared
    /// by every replica given the same URL (`--database`). The password is never part of the URL:
    /// it is read from `CONTENT_LIBRARY_DATABASE_PASSWORD`, else `PGPASSWORD`. A server on
    /// PostgreSQL is opened with the async `ContentLibraryServer.open`, which connects and migrates.
    public var databaseURL: String?

    /// Creates settings with the embedded defaults.
    public init(
        host: String = "127.0.0.1", port: Int = 8080, dataFolder: String = "./content-library-data",
        sessionTimeout: TimeInterval = 300, finishedSessionRetention: TimeInterval = 3600, externalURL: String? = nil,
        datastores: [String: String]? = nil, reaperInterval: TimeInterval = 5, importRoots: [String] = [],
        apiSessionTimeout: TimeInterval = 1800, limits: ServerLimits = ServerLimits(),
        tls: (certificatePath: String, keyPath: String)? = nil, datacenterName: String = "dc1"
    ) {
        self.datacenterName = datacenterName
        self.tls = tls
        self.limits = limits
        self.apiSessionTimeout = apiSessionTimeout
        self.host = host
        self.port = port
        self.dataFolder = dataFolder
        self.sessionTimeout = sessionTimeout
        self.finishedSessionRetention = finishedSessionRetention
        self.externalURL = externalURL
        self.datastores = datastores ?? ["datastore-1": dataFolder + "/datastores/datastore-1"]
        self.reaperInterval = reaperInterval
        self.importRoots = importRoots
    }
}
