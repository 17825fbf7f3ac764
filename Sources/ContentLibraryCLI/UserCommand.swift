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

/// `content-library user add|remove|list`: the users who may log in, in the metadata store.
///
/// It writes to the store the servers read, so it works while they run: a user added can log in
/// at once on every replica, and a user removed loses their API sessions at once (within a few
/// seconds on replicas that had the token in memory: `APISessionCache.lifetime`).
public struct UserCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage the users who may log in.",
        subcommands: [Add.self, Remove.self, List.self]
    )

    public init() {}

    /// Where the users are: the server's data folder (and, later, its database).
    struct StoreOptions: ParsableArguments {
        @Option(name: .customLong("data"), help: "The server's data folder.")
        var dataFolder = "./content-library-data"

        func open() throws -> any MetadataStore {
            try MetadataStores.open(ServerSettings(dataFolder: self.dataFolder))
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
            try await self.store.open().saveUser(UserAccount(name: self.name, passwordHash: try PasswordHash.make(password), privileges: granted))
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
            guard try await self.store.open().deleteUser(name: self.name) else {
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
            for user in try await self.store.open().users() {
                let privileges = user.privileges == Set(Privilege.allCases) ? "all privileges" : user.privileges.map(\.rawValue).sorted().joined(separator: ", ")
                print("\(user.name)\t\(privileges.isEmpty ? "no privileges" : privileges)")
            }
        }
    }
}
