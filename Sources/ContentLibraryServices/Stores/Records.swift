//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import ContentLibraryModel
package import ContentLibraryAPI
package import Foundation

/// A library as stored.
package struct LibraryRecord: Hashable, Codable, Sendable {
    package var id: String
    package var name: String
    package var description: String
    package var type: LibraryType
    /// The datastore holding its content.
    package var datastoreID: String
    package var creationTime: Date
    package var lastModifiedTime: Date
    /// Bumped on every metadata change; the optimistic-concurrency token.
    package var version: Int64
    /// The security policy applied to it, if any (`ServiceConfiguration.securityPolicies`).
    package var securityPolicyID: String?

    /// Creates a record.
    package init(
        id: String, name: String, description: String, type: LibraryType, datastoreID: String, creationTime: Date,
        lastModifiedTime: Date, version: Int64, securityPolicyID: String? = nil
    ) {
        self.securityPolicyID = securityPolicyID
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
package struct ItemRecord: Hashable, Codable, Sendable {
    package var id: String
    package var libraryID: String
    package var name: String
    package var description: String
    /// The item type; empty for generic items.
    package var type: String
    /// Bumped by every successful `complete`.
    package var contentVersion: Int64
    /// Bumped by every metadata change.
    package var metadataVersion: Int64
    /// The optimistic-concurrency token of `update`.
    package var version: Int64
    package var creationTime: Date
    package var lastModifiedTime: Date
    package var sourceID: String?
    /// How the content's signature was verified at its last `complete`, when a security rule of
    /// the library covered the item's type; `nil` when none did.
    package var certificateVerification: CertificateVerificationInfo?

    /// Creates a record.
    package init(
        id: String, libraryID: String, name: String, description: String, type: String, contentVersion: Int64,
        metadataVersion: Int64, version: Int64, creationTime: Date, lastModifiedTime: Date, sourceID: String? = nil,
        certificateVerification: CertificateVerificationInfo? = nil
    ) {
        self.certificateVerification = certificateVerification
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
package struct ItemFileRecord: Hashable, Codable, Sendable {
    package var itemID: String
    package var name: String
    package var size: Int64
    /// The server-chosen name of the bytes in the item's storage folder.
    package var blob: String
    /// Digests computed when the bytes were received, algorithm → hex.
    package var digests: [ChecksumAlgorithm: String]
    /// The checksum shown in `checksum_info`.
    package var checksum: ChecksumInfo?
    /// Bumped each time a new copy is uploaded.
    package var version: Int64

    /// Creates a record.
    package init(
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
package struct SessionRecord: Hashable, Codable, Sendable {
    package var id: String
    package var itemID: String
    /// The user who created it: the only one who may see or act on it.
    package var owner: String
    package var clientToken: String?
    package var state: UpdateSessionState
    /// The item's content version when the session was created.
    package var itemContentVersion: Int64
    package var clientProgress: Int64
    package var errorMessage: LocalizableMessage?
    package var warningBehavior: [WarningBehavior]
    package var creationTime: Date
    /// The last call, keep-alive or upload byte; expiry counts from here.
    package var lastActivity: Date
    /// When it left ACTIVE.
    package var finishedTime: Date?
    /// `complete` was called while pulls were running: the session completes (or fails) when they end.
    package var completionRequested: Bool

    /// Creates a record.
    package init(
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
package struct SessionFileRecord: Hashable, Codable, Sendable {
    package var sessionID: String
    package var name: String
    package var sourceType: SourceType
    package var status: TransferStatus
    /// The size the client declared.
    package var declaredSize: Int64?
    /// The checksum the client declared.
    package var declaredChecksum: ChecksumInfo?
    package var bytesTransferred: Int64
    /// The blob holding the bytes: the item's blob for snapshot files, a new blob otherwise.
    package var blob: String?
    /// Digests computed while receiving, algorithm → hex.
    package var digests: [ChecksumAlgorithm: String]
    /// The capability token of the upload URL (PUSH only).
    package var uploadToken: String?
    package var sourceEndpoint: TransferEndpoint?
    package var errorMessage: LocalizableMessage?
    /// For snapshot files: the item file's version, kept if the file is not replaced.
    package var itemFileVersion: Int64?
    /// Order of addition, for stable listings.
    package var sequence: Int64

    /// Creates a record.
    package init(
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
package struct APISessionRecord: Hashable, Codable, Sendable {
    /// SHA-256 of the token: the token itself is never stored.
    package var tokenHash: String
    package var user: String
    package var createdTime: Date
    package var lastAccessedTime: Date

    /// Creates a record.
    package init(tokenHash: String, user: String, createdTime: Date, lastAccessedTime: Date) {
        self.tokenHash = tokenHash
        self.user = user
        self.createdTime = createdTime
        self.lastAccessedTime = lastAccessedTime
    }
}
