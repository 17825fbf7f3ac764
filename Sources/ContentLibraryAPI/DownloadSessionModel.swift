//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import Foundation
public import ContentLibraryModel

/// A download session (`com.vmware.content.library.item.download_session_model`): the twin of
/// the update session, through which a client reads an item's files as they were when the
/// session was created.
public struct DownloadSessionModel: Hashable, Codable, Sendable {
    /// The session id.
    public var id: String?
    /// The item being read; required at create.
    public var libraryItemID: String?
    /// The item's `content_version` when the session was created: the content it serves.
    public var libraryItemContentVersion: String?
    /// Why the session failed; set in state ERROR.
    public var errorMessage: LocalizableMessage?
    /// The client's progress, 0 to 100.
    public var clientProgress: Int64?
    /// The state.
    public var state: DownloadSessionState?
    /// The session does not expire before this time.
    public var expirationTime: Date?

    /// Creates a download session model.
    public init(
        id: String? = nil, libraryItemID: String? = nil, libraryItemContentVersion: String? = nil,
        errorMessage: LocalizableMessage? = nil, clientProgress: Int64? = nil, state: DownloadSessionState? = nil,
        expirationTime: Date? = nil
    ) {
        self.id = id
        self.libraryItemID = libraryItemID
        self.libraryItemContentVersion = libraryItemContentVersion
        self.errorMessage = errorMessage
        self.clientProgress = clientProgress
        self.state = state
        self.expirationTime = expirationTime
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id
        case libraryItemID = "library_item_id"
        case libraryItemContentVersion = "library_item_content_version"
        case errorMessage = "error_message"
        case clientProgress = "client_progress"
        case state
        case expirationTime = "expiration_time"
    }
}

/// The life of a download session: ACTIVE until the client cancels or fails it, or it expires.
public enum DownloadSessionState: String, Hashable, Codable, Sendable, CaseIterable {
    /// Open: files may be prepared and downloaded.
    case active = "ACTIVE"
    /// Canceled by the client.
    case canceled = "CANCELED"
    /// Failed by the client, or expired.
    case error = "ERROR"
}

extension DownloadSessionModel: VAPIStructure {
    /// The binding type on the vAPI wire.
    public static let vapiStructureID = "com.vmware.content.library.item.download_session_model"
}
