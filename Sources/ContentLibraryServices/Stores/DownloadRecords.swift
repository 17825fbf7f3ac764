//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import ContentLibraryModel
package import ContentLibraryAPI
package import Foundation

/// A download session as stored.
package struct DownloadSessionRecord: Hashable, Codable, Sendable {
    package var id: String
    package var itemID: String
    /// The user who created it: the only one who may see or act on it.
    package var owner: String
    package var clientToken: String?
    package var state: DownloadSessionState
    /// The item's content version when the session was created: the content it serves.
    package var itemContentVersion: Int64
    package var clientProgress: Int64
    package var errorMessage: LocalizableMessage?
    package var creationTime: Date
    /// The last call, keep-alive or byte served; expiry counts from here.
    package var lastActivity: Date
    /// When it left ACTIVE.
    package var finishedTime: Date?

    /// Creates a record.
    package init(
        id: String, itemID: String, owner: String, clientToken: String?, state: DownloadSessionState, itemContentVersion: Int64,
        clientProgress: Int64, errorMessage: LocalizableMessage?, creationTime: Date, lastActivity: Date, finishedTime: Date?
    ) {
        self.id = id
        self.itemID = itemID
        self.owner = owner
        self.clientToken = clientToken
        self.state = state
        self.itemContentVersion = itemContentVersion
        self.clientProgress = clientProgress
        self.errorMessage = errorMessage
        self.creationTime = creationTime
        self.lastActivity = lastActivity
        self.finishedTime = finishedTime
    }
}

/// A file of a download session: the item's file as it was when the session was created (its
/// blob stays referenced, so a later `complete` cannot collect it while the session is ACTIVE).
package struct DownloadFileRecord: Hashable, Codable, Sendable {
    package var sessionID: String
    package var name: String
    package var size: Int64
    /// The blob holding the bytes in the item's folder.
    package var blob: String
    /// Digests computed when the bytes were uploaded, algorithm → hex.
    package var digests: [ChecksumAlgorithm: String]
    /// The checksum the item file shows (the algorithm it was uploaded with).
    package var checksum: ChecksumInfo?
    package var status: DownloadPrepareStatus
    /// The capability token of the download URL, set when the file is prepared.
    package var downloadToken: String?
    /// Bytes served so far.
    package var bytesTransferred: Int64
    /// Order in the item, for stable listings.
    package var sequence: Int64

    /// Creates a record.
    package init(
        sessionID: String, name: String, size: Int64, blob: String, digests: [ChecksumAlgorithm: String], checksum: ChecksumInfo?,
        status: DownloadPrepareStatus, downloadToken: String?, bytesTransferred: Int64, sequence: Int64
    ) {
        self.sessionID = sessionID
        self.name = name
        self.size = size
        self.blob = blob
        self.digests = digests
        self.checksum = checksum
        self.status = status
        self.downloadToken = downloadToken
        self.bytesTransferred = bytesTransferred
        self.sequence = sequence
    }
}
