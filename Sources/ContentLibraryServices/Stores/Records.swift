//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ContentLibraryModel
public import Foundation

/// A library as stored.
public struct LibraryRecord: Hashable, Codable, Sendable {
    public var id: String
    public var name: String
    public var description: String
    public var type: LibraryType
    /// The datastore holding its content.
    public var datastoreID: String
    public var creationTime: Date
    public var lastModifiedTime: Date
    /// Bumped on every metadata change; the optimistic-concurrency token.
    public var version: Int64

    /// Creates a record.
    public init(
        id: String, name: String, description: String, type: LibraryType, datastoreID: String, creationTime: Date,
        lastModifiedTime: Date, version: Int64
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.type = type
        self.datastoreID = datastoreID
        self.creationTime = creationTime
        self.lastModifiedTime = lastModifiedTime
        self.version = version
    }
}

/// An item as stored.
public struct ItemRecord: Hashable, Codable, Sendable {
    public var id: String
    public var libraryID: String
    public var name: String
    public var description: String
    /// The item type; empty for generic items.
    public var type: String
    /// Bumped by every successful `complete`.
    public var contentVersion: Int64
    /// Bumped by every metadata change.
    public var metadataVersion: Int64
    /// The optimistic-concurrency token of `update`.
    public var version: Int64
    public var creationTime: Date
    public var lastModifiedTime: Date
    public var sourceID: String?

    /// Creates a record.
    public init(
        id: String, libraryID: String, name: String, description: String, type: String, contentVersion: Int64,
        metadataVersion: Int64, version: Int64, creationTime: Date, lastModifiedTime: Date, sourceID: String? = nil
    ) {
        self.id = id
        self.libraryID = libraryID
        self.name = name
        self.description = description
        self.type = type
        self.contentVersion = contentVersion
        self.metadataVersion = metadataVersion
        self.version = version
        self.creationTime = creationTime
        self.lastModifiedTime = lastModifiedTime
        self.sourceID = sourceID
    }
}

/// A file of an item: its name and the server-chosen blob that holds its bytes.
public struct ItemFileRecord: Hashable, Codable, Sendable {
    public var itemID: String
    public var name: String
    public var size: Int64
    /// The server-chosen name of the bytes in the item's storage folder.
    public var blob: String
    /// Digests computed when the bytes were received, algorithm → hex.
    public var digests: [ChecksumAlgorithm: String]
    /// The checksum shown in `checksum_info`.
    public var checksum: ChecksumInfo?
    /// Bumped each time a new copy is uploaded.
    public var version: Int64

    /// Creates a record.
    public init(
        itemID: String, name: String, size: Int64, blob: String, digests: [ChecksumAlgorithm: String],
        checksum: ChecksumInfo?, version: Int64
    ) {
        self.itemID = itemID
        self.name = name
        self.size = size
        self.blob = blob
        self.digests = digests
        self.checksum = checksum
        self.version = version
    }
}

/// An update session as stored.
public struct SessionRecord: Hashable, Codable, Sendable {
    public var id: String
    public var itemID: String
    /// The user who created it: the only one who may see or act on it.
    public var owner: String
    public var clientToken: String?
    public var state: UpdateSessionState
    /// The item's content version when the session was created.
    public var itemContentVersion: Int64
    public var clientProgress: Int64
    public var errorMessage: LocalizableMessage?
    public var warningBehavior: [WarningBehavior]
    public var creationTime: Date
    /// The last call, keep-alive or upload byte; expiry counts from here.
    public var lastActivity: Date
    /// When it left ACTIVE.
    public var finishedTime: Date?
    /// `complete` was called while pulls were running: the session completes (or fails) when they end.
    public var completionRequested: Bool

    /// Creates a record.
    public init(
        id: String, itemID: String, owner: String, clientToken: String?, state: UpdateSessionState,
        itemContentVersion: Int64, clientProgress: Int64, errorMessage: LocalizableMessage?,
        warningBehavior: [WarningBehavior], creationTime: Date, lastActivity: Date, finishedTime: Date?,
        completionRequested: Bool = false
    ) {
        self.id = id
        self.itemID = itemID
        self.owner = owner
        self.clientToken = clientToken
        self.state = state
        self.itemContentVersion = itemContentVersion
        self.clientProgress = clientProgress
        self.errorMessage = errorMessage
        self.warningBehavior = warningBehavior
        self.creationTime = creationTime
        self.lastActivity = lastActivity
        self.finishedTime = finishedTime
        self.completionRequested = completionRequested
    }
}

/// A file of an update session: either a file of the item's snapshot (source NONE) or one being
/// replaced or added.
public struct SessionFileRecord: Hashable, Codable, Sendable {
    public var sessionID: String
    public var name: String
    public var sourceType: SourceType
    public var status: TransferStatus
    /// The size the client declared.
    public var declaredSize: Int64?
    /// The checksum the client declared.
    public var declaredChecksum: ChecksumInfo?
    public var bytesTransferred: Int64
    /// The blob holding the bytes: the item's blob for snapshot files, a new blob otherwise.
    public var blob: String?
    /// Digests computed while receiving, algorithm → hex.
    public var digests: [ChecksumAlgorithm: String]
    /// The capability token of the upload URL (PUSH only).
    public var uploadToken: String?
    public var sourceEndpoint: TransferEndpoint?
    public var errorMessage: LocalizableMessage?
    /// For snapshot files: the item file's version, kept if the file is not replaced.
    public var itemFileVersion: Int64?
    /// Order of addition, for stable listings.
    public var sequence: Int64

    /// Creates a record.
    public init(
        sessionID: String, name: String, sourceType: SourceType, status: TransferStatus, declaredSize: Int64?,
        declaredChecksum: ChecksumInfo?, bytesTransferred: Int64, blob: String?, digests: [ChecksumAlgorithm: String],
        uploadToken: String?, sourceEndpoint: TransferEndpoint?, errorMessage: LocalizableMessage?,
        itemFileVersion: Int64?, sequence: Int64
    ) {
        self.sessionID = sessionID
        self.name = name
        self.sourceType = sourceType
        self.status = status
        self.declaredSize = declaredSize
        self.declaredChecksum = declaredChecksum
        self.bytesTransferred = bytesTransferred
        self.blob = blob
        self.digests = digests
        self.uploadToken = uploadToken
        self.sourceEndpoint = sourceEndpoint
        self.errorMessage = errorMessage
        self.itemFileVersion = itemFileVersion
        self.sequence = sequence
    }
}

/// An API session (login token).
public struct APISessionRecord: Hashable, Codable, Sendable {
    /// SHA-256 of the token: the token itself is never stored.
    public var tokenHash: String
    public var user: String
    public var createdTime: Date
    public var lastAccessedTime: Date

    /// Creates a record.
    public init(tokenHash: String, user: String, createdTime: Date, lastAccessedTime: Date) {
        self.tokenHash = tokenHash
        self.user = user
        self.createdTime = createdTime
        self.lastAccessedTime = lastAccessedTime
    }
}
