//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import ContentLibraryServices
import Foundation
package import Logging

/// The users at start: they live in the metadata store, so every replica sees a change at once
/// (`content-library user add|remove|list` writes there while servers run).
///
/// Two things happen when a server starts:
/// - A `<data>/users.json` written by an earlier version is imported, once per store; the file is
///   then renamed `users.json.imported`, so no one edits a file that is no longer read.
/// - The administrator `administrator@vsphere.local` exists with every privilege. Its password
///   comes from `CONTENT_LIBRARY_ADMIN_PASSWORD` when set; otherwise one is generated on the
///   store's first start and written to `<data>/initial-admin-password`, readable by the
///   server's user only (as Jenkins does): a server started as a service has no terminal to show
///   it on, and a log must never hold a password.
package struct UserDirectory: Sendable {
    /// The administrator's name.
    package static let administrator = "administrator@vsphere.local"

    /// The user file of earlier versions.
    package let legacyPath: String
    /// Where a generated administrator password is written.
    package let initialPasswordPath: String

    /// Creates a directory over a data folder.
    package init(dataFolder: String) {
        self.legacyPath = dataFolder + "/users.json"
        self.initialPasswordPath = dataFolder + "/initial-admin-password"
    }

    /// Imports the legacy file once and makes sure the administrator exists; returns whether its
    /// password was generated just now (it is then in `initialPasswordPath`).
    package func prepare(_ store: any MetadataStore, adminPassword: String?, logger: Logger) async throws -> Bool {
        let legacy = try self.readLegacy()
        var generated: (password: String, account: UserAccount)?
        var imports = legacy
        if adminPassword?.isEmpty ?? true, !legacy.contains(where: { $0.name == Self.administrator }) {
            let password = Self.generatePassword()
            let account = UserAccount(name: Self.administrator, passwordHash: try PasswordHash.make(password), privileges: Set(Privilege.allCases))
            generated = (password, account)
            imports.append(account)
        }
        if try await store.importUsers(imports), !legacy.isEmpty {
            logger.notice("imported \(legacy.count) users from \(self.legacyPath) into the metadata store; the file is no longer read")
            _ = rename(self.legacyPath, self.legacyPath + ".imported")
        }
        var administrator = try await store.user(name: Self.administrator)
        if let adminPassword, !adminPassword.isEmpty {
            if administrator.map({ !PasswordHash.verify(adminPassword, against: $0.passwordHash) }) ?? true {
                administrator = UserAccount(name: Self.administrator, passwordHash: try PasswordHash.make(adminPassword), privileges: Set(Privilege.allCases))
                try await store.saveUser(administrator!)
            }
        } else if administrator == nil {
            // Removed since the first start: a new password, as on a first start.
            let password = Self.generatePassword()
            let account = UserAccount(name: Self.administrator, passwordHash: try PasswordHash.make(password), privileges: Set(Privilege.allCases))
            generated = (password, account)
            try await store.saveUser(account)
            administrator = account
        }
        // The administrator holds every privilege, including those a newer version added.
        if var account = administrator, account.privileges != Set(Privilege.allCases) {
            account.privileges = Set(Privilege.allCases)
            try await store.saveUser(account)
        }
        // Only the start whose generated password is the one stored tells it.
        guard let generated, administrator?.passwordHash == generated.account.passwordHash else { return false }
        try self.writeInitialPassword(generated.password)
        return true
    }

    private static func generatePassword() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in String(generator.next() as UInt64, radix: 36) }.joined(separator: "-")
    }

    /// Writes the generated password, created with mode 0600 so no other user can read it at any moment.
    private func writeInitialPassword(_ password: String) throws {
        _ = unlink(self.initialPasswordPath)
        let descriptor = open(self.initialPasswordPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: self.initialPasswordPath])
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        try handle.write(contentsOf: Data((password + "\n").utf8))
        try handle.close()
    }

    private func readLegacy() throws -> [UserAccount] {
        guard FileManager.default.fileExists(atPath: self.legacyPath) else { return [] }
        return try JSONDecoder().decode([UserAccount].self, from: Data(contentsOf: URL(fileURLWithPath: self.legacyPath)))
    }
}
