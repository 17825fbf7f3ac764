//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// A user who may log in, with the privileges granted.
public struct UserAccount: Hashable, Codable, Sendable {
    /// The login name, e.g. `administrator@vsphere.local`.
    public var name: String
    /// The password's PBKDF2 hash (`pbkdf2-sha256$rounds$salt$hash`); the password is never stored.
    public var passwordHash: String
    /// The privileges granted.
    public var privileges: Set<Privilege>

    /// Creates an account.
    public init(name: String, passwordHash: String, privileges: Set<Privilege>) {
        self.name = name
        self.passwordHash = passwordHash
        self.privileges = privileges
    }

    enum CodingKeys: String, CodingKey {
        case name
        case passwordHash = "password_hash"
        case privileges
    }
}
