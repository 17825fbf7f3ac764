//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import ContentLibraryServices
import Foundation

/// The users who may log in, kept in `<data>/users.json` with hashed passwords.
///
/// The administrator `administrator@vsphere.local` always exists. Its password comes from
/// `CONTENT_LIBRARY_ADMIN_PASSWORD` when set; otherwise one is generated on first start and
/// written to `<data>/initial-admin-password`, readable by the server's user only (as Jenkins
/// does): a server started as a service has no terminal to show it on, and a log must never hold
/// a password.
package struct UserDirectory: Sendable {
    /// The administrator's name.
    package static let administrator = "administrator@vsphere.local"

    /// The file of users.
    package let path: String
    /// Where a generated administrator password is written.
    package let initialPasswordPath: String

    /// Creates a directory over `<dataFolder>/users.json`.
    package init(dataFolder: String) {
        self.path = dataFolder + "/users.json"
        self.initialPasswordPath = dataFolder + "/initial-admin-password"
    }

    /// The users, after making sure the administrator exists, and whether its password was
    /// generated just now (then it is in `initialPasswordPath`).
    package func load(adminPassword: String?) throws -> (users: [UserAccount], generatedPassword: Bool) {
        var users = try self.read()
        if let adminPassword, !adminPassword.isEmpty {
            if let index = users.firstIndex(where: { $0.name == Self.administrator }) {
                if !PasswordHash.verify(adminPassword, against: users[index].passwordHash) {
                    users[index].passwordHash = try PasswordHash.make(adminPassword)
                    try self.write(users)
                }
            } else {
                users.append(UserAccount(name: Self.administrator, passwordHash: try PasswordHash.make(adminPassword), privileges: Set(Privilege.allCases)))
                try self.write(users)
            }
        } else if !users.contains(where: { $0.name == Self.administrator }) {
            var generator = SystemRandomNumberGenerator()
            let password = (0..<2).map { _ in String(generator.next() as UInt64, radix: 36) }.joined(separator: "-")
            try self.writeInitialPassword(password)
            users.append(UserAccount(name: Self.administrator, passwordHash: try PasswordHash.make(password), privileges: Set(Privilege.allCases)))
            try self.write(users)
            return (users, true)
        }
        // The administrator holds every privilege, including those a newer version added.
        if let index = users.firstIndex(where: { $0.name == Self.administrator }), users[index].privileges != Set(Privilege.allCases) {
            users[index].privileges = Set(Privilege.allCases)
            try self.write(users)
        }
        return (users, false)
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

    /// Adds or replaces a user.
    package func save(user name: String, password: String, privileges: Set<Privilege>) throws {
        var users = try self.read().filter { $0.name != name }
        users.append(UserAccount(name: name, passwordHash: try PasswordHash.make(password), privileges: privileges))
        try self.write(users)
    }

    private func read() throws -> [UserAccount] {
        guard FileManager.default.fileExists(atPath: self.path) else { return [] }
        return try JSONDecoder().decode([UserAccount].self, from: Data(contentsOf: URL(fileURLWithPath: self.path)))
    }

    private func write(_ users: [UserAccount]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(users.sorted { $0.name < $1.name })
        try data.write(to: URL(fileURLWithPath: self.path), options: .atomic)
        _ = chmod(self.path, 0o600)
    }
}
