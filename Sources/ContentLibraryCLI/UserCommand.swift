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

/// `content-library user add`: adds or replaces a user of a data folder.
public struct UserCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage the users who may log in.",
        subcommands: [Add.self]
    )

    public init() {}

    /// `user add NAME`.
    public struct Add: ParsableCommand {
        public static let configuration = CommandConfiguration(abstract: "Add or replace a user.")

        @Argument(help: "The user name, e.g. alice@vsphere.local.")
        var name: String

        @Option(help: "The environment variable holding the password.")
        var passwordEnv: String

        @Option(name: .customLong("privilege"), help: "A privilege to grant (repeatable); default all. One of: \(Privilege.allCases.map(\.rawValue).joined(separator: ", ")).")
        var privileges: [String] = []

        @Option(name: .customLong("data"), help: "The data folder.")
        var dataFolder = "./content-library-data"

        public init() {}

        public func run() throws {
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
            try FileManager.default.createDirectory(atPath: self.dataFolder, withIntermediateDirectories: true)
            try UserDirectory(dataFolder: self.dataFolder).save(user: self.name, password: password, privileges: granted)
            print("saved \(self.name) with \(granted.count) privileges")
        }
    }
}
