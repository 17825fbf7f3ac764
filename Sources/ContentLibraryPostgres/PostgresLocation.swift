//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import Foundation
package import PostgresNIO
import NIOSSL

/// Where the PostgreSQL metadata database is, read from a `postgres://user@host:port/database`
/// URL and the environment.
///
/// The password never comes from the URL: a URL is a command-line argument, visible to every
/// user of the machine in the process list, so one that carries a password is refused with a
/// message naming the variable to use instead (`CONTENT_LIBRARY_DATABASE_PASSWORD`, else
/// libpq's `PGPASSWORD`).
package struct PostgresLocation: Hashable, Sendable {
    /// The environment variable that holds the password, checked first.
    package static let passwordVariable = "CONTENT_LIBRARY_DATABASE_PASSWORD"
    /// libpq's variable, checked when `passwordVariable` is unset, so existing setups work.
    package static let libpqPasswordVariable = "PGPASSWORD"

    /// How the connection is encrypted (the URL's `sslmode`, as libpq names it).
    package enum TLSMode: String, Hashable, Sendable {
        /// Plain TCP.
        case disable
        /// TLS when the server offers it (certificate verified against the system trust store), else plain.
        case prefer
        /// TLS, with the server's certificate verified against the system trust store.
        case require
    }

    /// The server's host name or address.
    package var host: String
    /// The server's port.
    package var port: Int
    /// The role to log in as.
    package var username: String
    /// The password, from the environment; `nil` for trust or peer authentication.
    package var password: String?
    /// The database holding the store's tables.
    package var database: String
    /// How the connection is encrypted.
    package var tls: TLSMode

    /// A location from its parts.
    package init(host: String, port: Int = 5432, username: String, password: String?, database: String, tls: TLSMode = .prefer) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.tls = tls
    }

    /// Reads `postgres://user@host[:port][/database][?sslmode=disable|prefer|require]` (or
    /// `postgresql://`), with the password from `environment`.
    ///
    /// The database defaults to the user name and the port to 5432, as with libpq.
    /// - Throws: `PostgresStoreError.malformedURL` or `.passwordInURL`.
    package init(url text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            throw PostgresStoreError.malformedURL(text, reason: "it is not a URL; expected postgres://user@host:port/database")
        }
        guard scheme == "postgres" || scheme == "postgresql" else {
            throw PostgresStoreError.malformedURL(text, reason: "the scheme is \(scheme)://; expected postgres://user@host:port/database")
        }
        if components.percentEncodedPassword != nil || Self.userInfo(of: text)?.contains(":") == true {
            throw PostgresStoreError.passwordInURL
        }
        guard let host = components.host, !host.isEmpty else {
            throw PostgresStoreError.malformedURL(text, reason: "it names no host; expected postgres://user@host:port/database")
        }
        guard let user = components.user, !user.isEmpty else {
            throw PostgresStoreError.malformedURL(text, reason: "it names no user; expected postgres://user@host:port/database")
        }
        if let port = components.port, !(1...65535).contains(port) {
            throw PostgresStoreError.malformedURL(text, reason: "port \(port) is out of range")
        }
        var path = components.path
        if path.hasPrefix("/") { path.removeFirst() }
        guard !path.contains("/") else {
            throw PostgresStoreError.malformedURL(text, reason: "the path must be one database name")
        }
        var tls = TLSMode.prefer
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let value = item.value, let mode = TLSMode(rawValue: value) else {
                    throw PostgresStoreError.malformedURL(text, reason: "sslmode must be disable, prefer or require")
                }
                tls = mode
            case "password":
                throw PostgresStoreError.passwordInURL
            default:
                throw PostgresStoreError.malformedURL(text, reason: "unknown parameter '\(item.name)'; only sslmode is read")
            }
        }
        let password = environment[Self.passwordVariable] ?? environment[Self.libpqPasswordVariable]
        self.init(
            host: host, port: components.port ?? 5432, username: user, password: password, database: path.isEmpty ? user : path, tls: tls
        )
    }

    /// The `user[:password]` part of a URL's authority, read from the text itself.
    private static func userInfo(of text: String) -> Substring? {
        guard let start = text.range(of: "://")?.upperBound else { return nil }
        let authority = text[start...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard let at = authority.lastIndex(of: "@") else { return nil }
        return authority[..<at]
    }

    /// The same server and credentials, another database: what the tests use to make and drop
    /// a fresh database per test.
    package func with(database: String) -> PostgresLocation {
        var copy = self
        copy.database = database
        return copy
    }

    /// The URL of this location, never with the password: what messages and logs show, and
    /// what `init(url:)` reads back into this location.
    package var redactedURL: String {
        let host = self.host.contains(":") ? "[\(self.host)]" : self.host
        let query = self.tls == .prefer ? "" : "?sslmode=\(self.tls.rawValue)"
        return "postgres://\(self.username)@\(host):\(self.port)/\(self.database)\(query)"
    }

    /// postgres-nio's configuration of one connection to this location: what the store's
    /// opening check uses, so a refused connection or login fails at once with its cause
    /// instead of being retried by the pool.
    package func connectionConfiguration() throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS =
            switch self.tls {
            case .disable: .disable
            case .prefer: .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case .require: .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
        return PostgresConnection.Configuration(
            host: self.host, port: self.port, username: self.username, password: self.password, database: self.database, tls: tls
        )
    }

    /// postgres-nio's client configuration for this location.
    package var clientConfiguration: PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS =
            switch self.tls {
            case .disable: .disable
            case .prefer: .prefer(.makeClientConfiguration())
            case .require: .require(.makeClientConfiguration())
            }
        var configuration = PostgresClient.Configuration(
            host: self.host, port: self.port, username: self.username, password: self.password, database: self.database, tls: tls
        )
        configuration.options.connectTimeout = .seconds(10)
        return configuration
    }
}
