//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import Foundation
public import ContentLibraryModel

/// A content library (`com.vmware.content.library_model`), with the wire field names.
///
/// Every field is optional, as in the vSphere bindings: create needs `name` and
/// `storage_backings`, update changes what is set, and get fills everything.
public struct LibraryModel: Hashable, Codable, Sendable {
    /// The library id.
    public var id: String?
    /// When it was created.
    public var creationTime: Date?
    /// A description (at most 2000 characters).
    public var description: String?
    /// When its properties last changed.
    public var lastModifiedTime: Date?
    /// When it last synchronised; never set for local libraries.
    public var lastSyncTime: Date?
    /// Its name.
    public var name: String?
    /// Where its content is stored; exactly one for a local library.
    public var storageBackings: [StorageBacking]?
    /// `LOCAL` or `SUBSCRIBED`.
    public var type: LibraryType?
    /// The optimistic-concurrency version of the metadata.
    public var version: String?
    /// The id of the server that owns it.
    public var serverGUID: String?
    /// The security policy applied to it (`SecurityPolicies.list`); unset for an insecure library.
    /// On update, unset leaves the policy as it is.
    public var securityPolicyID: String?
    /// On update only: `true` removes the library's security policy, whatever `security_policy_id` says.
    public var unsetSecurityPolicyID: Bool?

    /// Creates a library model.
    public init(
        id: String? = nil, creationTime: Date? = nil, description: String? = nil, lastModifiedTime: Date? = nil,
        lastSyncTime: Date? = nil, name: String? = nil, storageBackings: [StorageBacking]? = nil,
        type: LibraryType? = nil, version: String? = nil, serverGUID: String? = nil,
        securityPolicyID: String? = nil, unsetSecurityPolicyID: Bool? = nil
    ) {
        self.securityPolicyID = securityPolicyID
        self.unsetSecurityPolicyID = unsetSecurityPolicyID
        self.id = id
        self.creationTime = creationTime
        self.description = description
        self.lastModifiedTime = lastModifiedTime
        self.lastSyncTime = lastSyncTime
        self.name = name
        self.storageBackings = storageBackings
        self.type = type
        self.version = version
        self.serverGUID = serverGUID
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id
        case creationTime = "creation_time"
        case description
        case lastModifiedTime = "last_modified_time"
        case lastSyncTime = "last_sync_time"
        case name
        case storageBackings = "storage_backings"
        case type, version
        case serverGUID = "server_guid"
        case securityPolicyID = "security_policy_id"
        case unsetSecurityPolicyID = "unset_security_policy_id"
    }
}

/// The kind of a library.
public enum LibraryType: String, Hashable, Codable, Sendable {
    /// Content uploaded to this server.
    case local = "LOCAL"
    /// Content synchronised from another library.
    case subscribed = "SUBSCRIBED"
}

/// Where a library stores its content: a datastore, or another storage URI (a union on `type`).
public struct StorageBacking: Hashable, Codable, Sendable {
    /// `DATASTORE` or `OTHER`; optional in the binding, so a client may leave it unset.
    public var type: Kind?
    /// The datastore id; only for `DATASTORE`.
    public var datastoreID: String?
    /// The storage URI; only for `OTHER`.
    public var storageURI: String?

    /// The kind of backing.
    public enum Kind: String, Hashable, Codable, Sendable {
        case datastore = "DATASTORE"
        case other = "OTHER"
    }

    /// Creates a backing.
    public init(type: Kind?, datastoreID: String? = nil, storageURI: String? = nil) {
        self.type = type
        self.datastoreID = datastoreID
        self.storageURI = storageURI
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case type
        case datastoreID = "datastore_id"
        case storageURI = "storage_uri"
    }
}

/// `Library.FindSpec`: every field optional, at least one needed.
public struct LibraryFindSpec: Hashable, Codable, Sendable {
    /// The name, compared without case.
    public var name: String?
    /// The library type.
    public var type: LibraryType?

    /// Creates a find spec.
    public init(name: String? = nil, type: LibraryType? = nil) {
        self.name = name
        self.type = type
    }
}

extension LibraryModel: VAPIStructure {
    /// The binding type on the vAPI wire.
    public static let vapiStructureID = "com.vmware.content.library_model"
}

extension StorageBacking: VAPIStructure {
    /// The binding type on the vAPI wire.
    public static let vapiStructureID = "com.vmware.content.library.storage_backing"
}

extension LibraryFindSpec: VAPIStructure {
    /// The binding type on the vAPI wire.
    public static let vapiStructureID = "com.vmware.content.library.find_spec"
}
