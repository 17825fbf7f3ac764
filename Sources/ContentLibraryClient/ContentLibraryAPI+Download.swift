//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ContentLibraryAPI
import Foundation
import NIOHTTP1

/// The download-session calls of `export`, over REST `/api`.
extension ContentLibraryAPI {
    private static let downloads = "/api/content/library/item/download-session"

    /// `DownloadSession.create` on an item's current content; returns the session id.
    public func createDownloadSession(itemID: String) async throws(ClientError) -> String {
        try await self.json(
            String.self, .POST, Self.downloads, query: [("client_token", UUID().uuidString.lowercased())],
            body: Self.encode(DownloadSessionModel(libraryItemID: itemID)), operation: "create a download session"
        )
    }

    /// `DownloadSession.get`.
    public func downloadSession(_ id: String) async throws(ClientError) -> DownloadSessionModel {
        try await self.json(DownloadSessionModel.self, .GET, "\(Self.downloads)/\(Self.escape(id))", operation: "get the download session")
    }

    /// `DownloadSession.keep_alive`, with the client's progress in percent.
    public func keepAlive(download id: String, progress: Int64?) async throws(ClientError) {
        try await self.call(
            .POST, "\(Self.downloads)/\(Self.escape(id))", query: [("action", "keep-alive")],
            body: Self.encode(DownloadKeepAliveBody(progress: progress)), operation: "keep the download session alive"
        )
    }

    /// `DownloadSession.delete`: ends the session; its download URLs die.
    public func deleteDownloadSession(_ id: String) async throws(ClientError) {
        try await self.call(.DELETE, "\(Self.downloads)/\(Self.escape(id))", operation: "delete the download session")
    }

    /// `downloadsession.File.list`.
    public func downloadFiles(session id: String) async throws(ClientError) -> [DownloadFileInfo] {
        try await self.json([DownloadFileInfo].self, .GET, "\(Self.downloads)/\(Self.escape(id))/file", operation: "list the files to download")
    }

    /// `downloadsession.File.get`.
    public func downloadFile(session id: String, name: String) async throws(ClientError) -> DownloadFileInfo {
        try await self.json(
            DownloadFileInfo.self, .GET, "\(Self.downloads)/\(Self.escape(id))/file", query: [("file_name", name)],
            operation: "get the status of \(name)"
        )
    }

    /// `downloadsession.File.prepare` with an HTTPS endpoint.
    public func prepare(download id: String, name: String) async throws(ClientError) -> DownloadFileInfo {
        try await self.json(
            DownloadFileInfo.self, .POST, "\(Self.downloads)/\(Self.escape(id))/file", query: [("action", "prepare")],
            body: Self.encode(PrepareBody(fileName: name, endpointType: .https)), operation: "prepare \(name)"
        )
    }
}

/// The body of a download session's `keep_alive`.
struct DownloadKeepAliveBody: Encodable {
    var progress: Int64?
}

/// The body of `prepare`.
struct PrepareBody: Encodable {
    var fileName: String
    var endpointType: DownloadEndpointType

    enum CodingKeys: String, CodingKey {
        case fileName = "file_name"
        case endpointType = "endpoint_type"
    }
}
