//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ContentLibraryModel

/// A file of a download session (`com.vmware.content.library.item.downloadsession.file.info`).
///
/// `download_endpoint` is set exactly when `status` is PREPARED; `error_message` only in ERROR.
public struct DownloadFileInfo: Hashable, Codable, Sendable {
    /// The file name in the item.
    public var name: String
    /// The size in bytes.
    public var size: Int64?
    /// Bytes the server has sent of this file so far.
    public var bytesTransferred: Int64
    /// How far the file is prepared for download.
    public var status: DownloadPrepareStatus
    /// Where to `GET` the file; only when PREPARED.
    public var downloadEndpoint: TransferEndpoint?
    /// The file's checksum, from the digest recorded when it was uploaded.
    public var checksumInfo: ChecksumInfo?
    /// Why preparing failed; only in ERROR.
    public var errorMessage: LocalizableMessage?

    /// Creates a file info.
    public init(
        name: String, size: Int64? = nil, bytesTransferred: Int64 = 0, status: DownloadPrepareStatus,
        downloadEndpoint: TransferEndpoint? = nil, checksumInfo: ChecksumInfo? = nil, errorMessage: LocalizableMessage? = nil
    ) {
        self.name = name
        self.size = size
        self.bytesTransferred = bytesTransferred
        self.status = status
        self.downloadEndpoint = downloadEndpoint
        self.checksumInfo = checksumInfo
        self.errorMessage = errorMessage
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name
        case size
        case bytesTransferred = "bytes_transferred"
        case status
        case downloadEndpoint = "download_endpoint"
        case checksumInfo = "checksum_info"
        case errorMessage = "error_message"
    }
}

/// `File.PrepareStatus`: how far a file of a download session is prepared.
public enum DownloadPrepareStatus: String, Hashable, Codable, Sendable, CaseIterable {
    /// Not asked for yet.
    case unprepared = "UNPREPARED"
    /// Asked for; preparation not started.
    case prepareRequested = "PREPARE_REQUESTED"
    /// Being prepared.
    case preparing = "PREPARING"
    /// Ready at its `download_endpoint`.
    case prepared = "PREPARED"
    /// Preparation failed.
    case error = "ERROR"
}

/// `File.EndpointType`: the kind of endpoint a client asks `prepare` for.
public enum DownloadEndpointType: String, Hashable, Codable, Sendable, CaseIterable {
    /// An HTTP(S) URL served by this server.
    case https = "HTTPS"
    /// A datastore URL (not offered: the server's storage is not the client's).
    case direct = "DIRECT"
}

extension DownloadFileInfo: VAPIStructure {
    /// The binding type on the vAPI wire.
    public static let vapiStructureID = "com.vmware.content.library.item.downloadsession.file.info"
}
