//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// A user who may log in, with the privileges granted.
package struct UserAccount: Hashable, Codable, Sendable {
    /// The login name, e.g. `administrator@vsphere.local`.
    package var name: String
    /// The password's PBKDF2 hash (`pbkdf2-sha256$rounds$salt$hash`); the password is never stored.
    package var passwordHash: String
    /// The privileges granted.
    package var privileges: Set<Privilege>

    /// Creates an account.
    package init(name: String, passwordHash: String, privileges: Set<Privilege>) {
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

extension UserAccount {
    /// Privileges as stores keep them: their ids, sorted, comma-separated.
    package static func privilegeList(_ privileges: Set<Privilege>) -> String {
        privileges.map(\.rawValue).sorted().joined(separator: ",")
    }

    /// The privileges of a stored list; ids this version does not know are dropped, so a store
    /// written by a newer version grants nothing unknown.
    package static func privileges(fromList list: String) -> Set<Privilege> {
        Set(list.split(separator: ",").compactMap { Privilege(rawValue: String($0)) })
    }
}
