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
/// printed once.
package struct UserDirectory: Sendable {
    /// The administrator's name.
    package static let administrator = "administrator@vsphere.local"

    /// The file of users.
    package let path: String

    /// Creates a directory over `<dataFolder>/users.json`.
    package init(dataFolder: String) {
        self.path = dataFolder + "/users.json"
    }

    /// The users, after making sure the administrator exists.
    /// - Parameter announce: called with the generated administrator password, the only time it is known.
    package func load(adminPassword: String?, announce: (String) -> Void) throws -> [UserAccount] {
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
            users.append(UserAccount(name: Self.administrator, passwordHash: try PasswordHash.make(password), privileges: Set(Privilege.allCases)))
            try self.write(users)
            announce(password)
        }
        return users
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
