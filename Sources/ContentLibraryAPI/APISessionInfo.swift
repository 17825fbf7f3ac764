//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import Foundation
public import ContentLibraryModel

/// What `cis.session.get` returns about the caller's API session.
public struct APISessionInfo: Hashable, Codable, Sendable {
    /// The user name.
    public var user: String
    /// When the session was created.
    public var createdTime: Date
    /// When it was last used.
    public var lastAccessedTime: Date

    /// Creates session info.
    public init(user: String, createdTime: Date, lastAccessedTime: Date) {
        self.user = user
        self.createdTime = createdTime
        self.lastAccessedTime = lastAccessedTime
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case user
        case createdTime = "created_time"
        case lastAccessedTime = "last_accessed_time"
    }
}

extension APISessionInfo: VAPIStructure {
    /// The binding type on the vAPI wire.
    public static let vapiStructureID = "com.vmware.cis.session.info"
}
