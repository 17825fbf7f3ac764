//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import ContentLibraryModel

/// The authenticated user an operation runs for.
package struct Caller: Hashable, Sendable {
    /// The user name, e.g. `administrator@vsphere.local`.
    package var user: String
    /// The privileges granted to the user.
    package var privileges: Set<Privilege>

    /// Creates a caller.
    package init(user: String, privileges: Set<Privilege>) {
        self.user = user
        self.privileges = privileges
    }

    /// Throws `Unauthorized` unless the caller holds `privilege`.
    package func require(_ privilege: Privilege) throws(APIError) {
        guard self.privileges.contains(privilege) else {
            throw APIError(
                .unauthorized,
                id: "vapi.security.authorization.invalid",
                "User \(self.user) does not have the privilege \(privilege.rawValue).",
                args: [self.user, privilege.rawValue]
            )
        }
    }
}

/// The vCenter privileges the content library checks.
package enum Privilege: String, Hashable, Codable, Sendable, CaseIterable {
    case createLocalLibrary = "ContentLibrary.CreateLocalLibrary"
    case updateLocalLibrary = "ContentLibrary.UpdateLocalLibrary"
    case deleteLocalLibrary = "ContentLibrary.DeleteLocalLibrary"
    case addLibraryItem = "ContentLibrary.AddLibraryItem"
    case updateLibraryItem = "ContentLibrary.UpdateLibraryItem"
    case deleteLibraryItem = "ContentLibrary.DeleteLibraryItem"
    case updateSession = "ContentLibrary.UpdateSession"
    case readStorage = "ContentLibrary.ReadStorage"
    case typeIntrospection = "ContentLibrary.TypeIntrospection"
    case downloadSession = "ContentLibrary.DownloadSession"
}
