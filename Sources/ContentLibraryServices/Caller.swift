//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import ContentLibraryModel

/// The authenticated user an operation runs for.
package struct Caller: Sendable {
    /// The user name, e.g. `administrator@vsphere.local`.
    package var user: String
    /// The privileges granted to the user.
    package var privileges: Set<Privilege>
    /// An update session's snapshot read in the same store round trip as the caller's token, for
    /// an operation whose service reads it first (`APIOperation.prefetch`): the service takes it
    /// instead of reading again.
    package var prefetched: PrefetchedSnapshot?

    /// A snapshot read ahead: the session id asked for, and what the store held (`nil`: no such
    /// session).
    package struct PrefetchedSnapshot: Sendable {
        /// The update session asked for.
        package var sessionID: String
        /// Its snapshot, unchecked against the caller.
        package var snapshot: SessionSnapshot?
    }

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
