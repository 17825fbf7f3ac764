//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ContentLibraryModel

/// How a session file's bytes arrive.
public enum SourceType: String, Hashable, Codable, Sendable {
    /// Not being changed: a file of the item's snapshot.
    case none = "NONE"
    /// The client uploads to `upload_endpoint`.
    case push = "PUSH"
    /// The server fetches `source_endpoint`.
    case pull = "PULL"
}

/// Where a session file's bytes are transferred.
public enum TransferStatus: String, Hashable, Codable, Sendable {
    /// Added; no byte received yet.
    case waitingForTransfer = "WAITING_FOR_TRANSFER"
    /// Bytes are arriving.
    case transferring = "TRANSFERRING"
    /// Received; checksums and type adapters running.
    case validating = "VALIDATING"
    /// Received and verified.
    case ready = "READY"
    /// The transfer failed; `error_message` says why.
    case error = "ERROR"
}

/// A URL to transfer from or to, with optional certificate pinning.
public struct TransferEndpoint: Hashable, Codable, Sendable {
    /// The URL.
    public var uri: String
    /// SHA-256 (or legacy SHA-1) thumbprint of the server certificate, colon-separated hex.
    public var sslCertificateThumbprint: String?
    /// The server certificate in PEM.
    public var sslCertificate: String?

    /// Creates an endpoint.
    public init(uri: String, sslCertificateThumbprint: String? = nil, sslCertificate: String? = nil) {
        self.uri = uri
        self.sslCertificateThumbprint = sslCertificateThumbprint
        self.sslCertificate = sslCertificate
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case uri
        case sslCertificateThumbprint = "ssl_certificate_thumbprint"
        case sslCertificate = "ssl_certificate"
    }
}

/// `File.AddSpec`: a file to add to an update session.
public struct SessionFileAddSpec: Hashable, Codable, Sendable {
    /// The file name in the item.
    public var name: String
    /// PUSH or PULL.
    public var sourceType: SourceType
    /// Where to pull from; required exactly for PULL.
    public var sourceEndpoint: TransferEndpoint?
    /// The size the server must receive, when given.
    public var size: Int64?
    /// The checksum the server must compute, when given.
    public var checksumInfo: ChecksumInfo?

    /// Creates an add spec.
    public init(
        name: String, sourceType: SourceType, sourceEndpoint: TransferEndpoint? = nil, size: Int64? = nil,
        checksumInfo: ChecksumInfo? = nil
    ) {
        self.name = name
        self.sourceType = sourceType
        self.sourceEndpoint = sourceEndpoint
        self.size = size
        self.checksumInfo = checksumInfo
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name
        case sourceType = "source_type"
        case sourceEndpoint = "source_endpoint"
        case size
        case checksumInfo = "checksum_info"
    }
}

/// `File.Info` of a session file.
///
/// Union rules: `upload_endpoint` exactly for PUSH, `source_endpoint` exactly for PULL.
public struct SessionFileInfo: Hashable, Codable, Sendable {
    /// The file name.
    public var name: String
    /// How its bytes arrive.
    public var sourceType: SourceType
    /// Its size; set once READY.
    public var size: Int64?
    /// The checksum declared or computed.
    public var checksumInfo: ChecksumInfo?
    /// Where the server pulls from (PULL only).
    public var sourceEndpoint: TransferEndpoint?
    /// Where the client uploads to (PUSH only).
    public var uploadEndpoint: TransferEndpoint?
    /// Bytes received so far.
    public var bytesTransferred: Int64
    /// The transfer status.
    public var status: TransferStatus
    /// Why the transfer failed.
    public var errorMessage: LocalizableMessage?
    /// `false` for files not kept in the item after complete (OVF manifest and certificate).
    public var keepInStorage: Bool?

    /// Creates file info.
    public init(
        name: String, sourceType: SourceType, size: Int64? = nil, checksumInfo: ChecksumInfo? = nil,
        sourceEndpoint: TransferEndpoint? = nil, uploadEndpoint: TransferEndpoint? = nil, bytesTransferred: Int64,
        status: TransferStatus, errorMessage: LocalizableMessage? = nil, keepInStorage: Bool? = nil
    ) {
        self.name = name
        self.sourceType = sourceType
        self.size = size
        self.checksumInfo = checksumInfo
        self.sourceEndpoint = sourceEndpoint
        self.uploadEndpoint = uploadEndpoint
        self.bytesTransferred = bytesTransferred
        self.status = status
        self.errorMessage = errorMessage
        self.keepInStorage = keepInStorage
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name
        case sourceType = "source_type"
        case size
        case checksumInfo = "checksum_info"
        case sourceEndpoint = "source_endpoint"
        case uploadEndpoint = "upload_endpoint"
        case bytesTransferred = "bytes_transferred"
        case status
        case errorMessage = "error_message"
        case keepInStorage = "keep_in_storage"
    }
}

extension TransferEndpoint: VAPIStructure {
    /// The binding type on the vAPI wire.
    public static let vapiStructureID = "com.vmware.content.library.item.transfer_endpoint"
}

extension SessionFileAddSpec: VAPIStructure {
    /// The binding type on the vAPI wire.
    public static let vapiStructureID = "com.vmware.content.library.item.updatesession.file.add_spec"
}

extension SessionFileInfo: VAPIStructure {
    /// The binding type on the vAPI wire.
    public static let vapiStructureID = "com.vmware.content.library.item.updatesession.file.info"
}
