//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import Foundation
public import ContentLibraryModel

/// A library item (`com.vmware.content.library.item_model`), with the wire field names.
public struct ItemModel: Hashable, Codable, Sendable {
    /// The item id.
    public var id: String?
    /// The library holding it.
    public var libraryID: String?
    /// Increases with every content change (a decimal counter).
    public var contentVersion: String?
    /// When it was created.
    public var creationTime: Date?
    /// A description (at most 2000 characters).
    public var description: String?
    /// When its properties or content last changed.
    public var lastModifiedTime: Date?
    /// When it last synchronised; never set for local items.
    public var lastSyncTime: Date?
    /// Increases with every metadata change.
    public var metadataVersion: String?
    /// Its name, unique in its library (1 to 80 characters).
    public var name: String?
    /// Whether its content is on this server's storage.
    public var cached: Bool?
    /// The sum of its file sizes.
    public var size: Int64?
    /// The item type (`ovf`, `iso`, …); empty or unknown means generic files.
    public var type: String?
    /// The optimistic-concurrency version of its metadata.
    public var version: String?
    /// The item it was copied from.
    public var sourceID: String?
    /// Whether it complies with the library's security policy (always, in a library without one).
    public var securityCompliance: Bool?
    /// For an OVF item of a library with a security policy: how its signing certificate was verified.
    public var certificateVerificationInfo: CertificateVerificationInfo?

    /// Creates an item model.
    public init(
        id: String? = nil, libraryID: String? = nil, contentVersion: String? = nil, creationTime: Date? = nil,
        description: String? = nil, lastModifiedTime: Date? = nil, lastSyncTime: Date? = nil,
        metadataVersion: String? = nil, name: String? = nil, cached: Bool? = nil, size: Int64? = nil,
        type: String? = nil, version: String? = nil, sourceID: String? = nil, securityCompliance: Bool? = nil,
        certificateVerificationInfo: CertificateVerificationInfo? = nil
    ) {
        self.certificateVerificationInfo = certificateVerificationInfo
        self.id = id
        self.libraryID = libraryID
        self.contentVersion = contentVersion
        self.creationTime = creationTime
        self.description = description
        self.lastModifiedTime = lastModifiedTime
        self.lastSyncTime = lastSyncTime
        self.metadataVersion = metadataVersion
        self.name = name
        self.cached = cached
        self.size = size
        self.type = type
        self.version = version
        self.sourceID = sourceID
        self.securityCompliance = securityCompliance
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id
        case libraryID = "library_id"
        case contentVersion = "content_version"
        case creationTime = "creation_time"
        case description
        case lastModifiedTime = "last_modified_time"
        case lastSyncTime = "last_sync_time"
        case metadataVersion = "metadata_version"
        case name, cached, size, type, version
        case sourceID = "source_id"
        case securityCompliance = "security_compliance"
        case certificateVerificationInfo = "certificate_verification_info"
    }
}

/// `Item.FindSpec`: every field optional, at least one needed.
public struct ItemFindSpec: Hashable, Codable, Sendable {
    /// The name, compared without case.
    public var name: String?
    /// The library.
    public var libraryID: String?
    /// The source item.
    public var sourceID: String?
    /// The type, compared without case.
    public var type: String?
    /// Whether cached.
    public var cached: Bool?

    /// Creates a find spec.
    public init(name: String? = nil, libraryID: String? = nil, sourceID: String? = nil, type: String? = nil, cached: Bool? = nil) {
        self.name = name
        self.libraryID = libraryID
        self.sourceID = sourceID
        self.type = type
        self.cached = cached
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name
        case libraryID = "library_id"
        case sourceID = "source_id"
        case type, cached
    }
}

/// A file stored in an item (`com.vmware.content.library.item.file.info`).
public struct ItemFileInfo: Hashable, Codable, Sendable {
    /// The checksum computed when it was received.
    public var checksumInfo: ChecksumInfo?
    /// Its name.
    public var name: String
    /// Its size in bytes.
    public var size: Int64
    /// Whether its bytes are on this server.
    public var cached: Bool
    /// Increases each time a new copy is uploaded.
    public var version: String

    /// Creates item file info.
    public init(checksumInfo: ChecksumInfo?, name: String, size: Int64, cached: Bool, version: String) {
        self.checksumInfo = checksumInfo
        self.name = name
        self.size = size
        self.cached = cached
        self.version = version
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case checksumInfo = "checksum_info"
        case name, size, cached, version
    }
}

/// Where an item file is stored (`com.vmware.content.library.item.storage.info`).
public struct StorageInfo: Hashable, Codable, Sendable {
    /// The library's backing that holds it.
    public var storageBacking: StorageBacking
    /// URIs of the stored bytes.
    public var storageURIs: [String]
    /// The checksum computed when it was received.
    public var checksumInfo: ChecksumInfo?
    /// Its name.
    public var name: String
    /// Its size in bytes.
    public var size: Int64
    /// Whether its bytes are on this server.
    public var cached: Bool
    /// Increases each time a new copy is uploaded.
    public var version: String

    /// Creates storage info.
    public init(
        storageBacking: StorageBacking, storageURIs: [String], checksumInfo: ChecksumInfo?, name: String, size: Int64,
        cached: Bool, version: String
    ) {
        self.storageBacking = storageBacking
        self.storageURIs = storageURIs
        self.checksumInfo = checksumInfo
        self.name = name
        self.size = size
        self.cached = cached
        self.version = version
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case storageBacking = "storage_backing"
        case storageURIs = "storage_uris"
        case checksumInfo = "checksum_info"
        case name, size, cached, version
    }
}

extension ItemModel: VAPIStructure {
    /// The binding type on the vAPI wire.
    public static let vapiStructureID = "com.vmware.content.library.item_model"
}

extension ItemFindSpec: VAPIStructure {
    /// The binding type on the vAPI wire.
    public static let vapiStructureID = "com.vmware.content.library.item.find_spec"
}

extension ItemFileInfo: VAPIStructure {
    /// The binding type on the vAPI wire.
    public static let vapiStructureID = "com.vmware.content.library.item.file.info"
}

extension StorageInfo: VAPIStructure {
    /// The binding type on the vAPI wire.
    public static let vapiStructureID = "com.vmware.content.library.item.storage.info"
}
