//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ArgumentParser
import ContentLibraryServer
import ContentLibraryServices
import Foundation
import Logging

/// `content-library user add|remove|list`: the users who may log in, in the metadata store.
///
/// It writes to the store the servers read, so it works while they run: a user added can log in
/// at once on every replica, and a user removed loses their API sessions at once, everywhere.
public struct UserCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage the users who may log in.",
        subcommands: [Add.self, Remove.self, List.self]
    )

    public init() {}

    /// Where the users are: the server's data folder, or its PostgreSQL database (`--database`
    /// or `CONTENT_LIBRARY_DATABASE_URL`, as for `serve`).
    struct StoreOptions: ParsableArguments {
        @Option(name: .customLong("data"), help: "The server's data folder.")
        var dataFolder = "./content-library-data"

        @Option(
            name: .customLong("database"),
            help: "The server's PostgreSQL database, postgres://user@host:port/database (default: SQLite in the data folder; env \(ServeCommand.databaseURLVariable)); the password from CONTENT_LIBRARY_DATABASE_PASSWORD or PGPASSWORD."
        )
        var database: String?

        /// Runs `body` on the store, closing it afterwards.
        func withStore<Result>(_ body: (any MetadataStore) async throws -> Result) async throws -> Result {
            var settings = ServerSettings(dataFolder: self.dataFolder)
            settings.databaseURL = ServeCommand.databaseURL(flag: self.database, environment: ProcessInfo.processInfo.environment)
            var logger = Logger(label: "content-library-user")
            logger.logLevel = .warning
            let (store, close) = try await MetadataStores.connect(settings, logger: logger)
            do {
                let result = try await body(store)
                await close()
                return result
            } catch {
                await close()
                throw error
            }
        }
    }

    /// `user add NAME`.
    public struct Add: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(abstract: "Add or replace a user.")

        @Argument(help: "The user name, e.g. alice@vsphere.local.")
        var name: String

        @Option(help: "The environment variable holding the password.")
        var passwordEnv: String

        @Option(name: .customLong("privilege"), help: "A privilege to grant (repeatable); default all. One of: \(Privilege.allCases.map(\.rawValue).joined(separator: ", ")).")
        var privileges: [String] = []

        @OptionGroup var store: StoreOptions

        public init() {}

        public func run() async throws {
            guard let password = ProcessInfo.processInfo.environment[self.passwordEnv], !password.isEmpty else {
                throw ValidationError("the environment variable \(self.passwordEnv) is not set")
            }
            var granted = Set(Privilege.allCases)
            if !self.privileges.isEmpty {
                granted = []
                for name in self.privileges {
                    guard let privilege = Privilege(rawValue: name) else { throw ValidationError("unknown privilege '\(name)'") }
                    granted.insert(privilege)
                }
            }
            let account = UserAccount(name: self.name, passwordHash: try PasswordHash.make(password), privileges: granted)
            try await self.store.withStore { try await $0.saveUser(account) }
            print("saved \(self.name) with \(granted.count) privileges")
        }
    }

    /// `user remove NAME`.
    public struct Remove: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(abstract: "Remove a user and end their API sessions.")

        @Argument(help: "The user name.")
        var name: String

        @OptionGroup var store: StoreOptions

        public init() {}

        public func run() async throws {
            guard try await self.store.withStore({ try await $0.deleteUser(name: self.name) }) else {
                throw ValidationError("there is no user '\(self.name)'")
            }
            print("removed \(self.name)")
        }
    }

    /// `user list`.
    public struct List: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(abstract: "List the users and their privileges.")

        @OptionGroup var store: StoreOptions

        public init() {}

        public func run() async throws {
            for user in try await self.store.withStore({ try await $0.users() }) {
                let privileges = user.privileges == Set(Privilege.allCases) ? "all privileges" : user.privileges.map(\.rawValue).sorted().joined(separator: ", ")
                print("\(user.name)\t\(privileges.isEmpty ? "no privileges" : privileges)")
            }
        }
    }
}
