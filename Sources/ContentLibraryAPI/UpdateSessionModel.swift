//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import Foundation
public import ContentLibraryModel

/// An update session (`com.vmware.content.library.item.update_session_model`).
///
/// The union rules of the bindings hold for every value the server builds: `preview_info`
/// only while ACTIVE (see PreviewInfo for its own rules).
public struct UpdateSessionModel: Hashable, Codable, Sendable {
    /// The session id.
    public var id: String?
    /// The item being updated; required at create.
    public var libraryItemID: String?
    /// The item's `content_version` when the session was created.
    public var libraryItemContentVersion: String?
    /// Why the session failed; set in state ERROR.
    public var errorMessage: LocalizableMessage?
    /// The client's progress, 0 to 100.
    public var clientProgress: Int64?
    /// The state.
    public var state: UpdateSessionState?
    /// The session does not expire before this time.
    public var expirationTime: Date?
    /// The preview of the content; only while ACTIVE.
    public var previewInfo: PreviewInfo?
    /// Which warning types the client ignores.
    public var warningBehavior: [WarningBehavior]?

    /// Creates a session model.
    public init(
        id: String? = nil, libraryItemID: String? = nil, libraryItemContentVersion: String? = nil,
        errorMessage: LocalizableMessage? = nil, clientProgress: Int64? = nil, state: UpdateSessionState? = nil,
        expirationTime: Date? = nil, previewInfo: PreviewInfo? = nil, warningBehavior: [WarningBehavior]? = nil
    ) {
        self.id = id
        self.libraryItemID = libraryItemID
        self.libraryItemContentVersion = libraryItemContentVersion
        self.errorMessage = errorMessage
        self.clientProgress = clientProgress
        self.state = state
        self.expirationTime = expirationTime
        self.previewInfo = previewInfo
        self.warningBehavior = warningBehavior
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id
        case libraryItemID = "library_item_id"
        case libraryItemContentVersion = "library_item_content_version"
        case errorMessage = "error_message"
        case clientProgress = "client_progress"
        case state
        case expirationTime = "expiration_time"
        case previewInfo = "preview_info"
        case warningBehavior = "warning_behavior"
    }
}

/// The life of an update session.
public enum UpdateSessionState: String, Hashable, Codable, Sendable, CaseIterable {
    /// Open: files may be added and uploaded.
    case active = "ACTIVE"
    /// Completed: the content is in the item.
    case done = "DONE"
    /// Failed by the client, by validation or by the server.
    case error = "ERROR"
    /// Canceled by the client.
    case canceled = "CANCELED"
}

/// What the server learned of the content so far (`PreviewInfo`).
///
/// Union rules: `warnings` is present (possibly empty) exactly when `state` is AVAILABLE, and
/// `certificate_info` only then.
public struct PreviewInfo: Hashable, Codable, Sendable {
    /// How far the preview is.
    public var state: State
    /// The signing certificate, when AVAILABLE and signed.
    public var certificateInfo: CertificateInfo?
    /// The warnings; present exactly when AVAILABLE.
    public var warnings: [PreviewWarning]?
    /// The signer's chain as base64 DER, when signed.
    public var certChain: [String]?

    /// The preview states.
    public enum State: String, Hashable, Codable, Sendable {
        /// No metadata file yet.
        case unavailable = "UNAVAILABLE"
        /// No metadata files and the client completed the session.
        case notApplicable = "NOT_APPLICABLE"
        /// A metadata file is being uploaded.
        case preparing = "PREPARING"
        /// The metadata files are in; warnings are known.
        case available = "AVAILABLE"
    }

    /// A preview in a state without data.
    public init(state: State) {
        self.state = state
        self.warnings = state == .available ? [] : nil
    }

    /// An AVAILABLE preview.
    public init(warnings: [PreviewWarning], certificateInfo: CertificateInfo?, certChain: [String]?) {
        self.state = .available
        self.warnings = warnings
        self.certificateInfo = certificateInfo
        self.certChain = certChain
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case state
        case certificateInfo = "certificate_info"
        case warnings
        case certChain = "cert_chain"
    }
}

extension UpdateSessionModel: VAPIStructure {
    /// The binding type on the vAPI wire.
    public static let vapiStructureID = "com.vmware.content.library.item.update_session_model"
}

extension PreviewInfo: VAPIStructure {
    /// The binding type on the vAPI wire.
    public static let vapiStructureID = "com.vmware.content.library.item.updatesession.preview_info"
}
