//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import ContentLibraryModel
package import ContentLibraryAPI
import Foundation
package import NIOCore

/// The files of download sessions (`com.vmware.content.library.item.downloadsession.file`) and
/// the bytes behind their download URLs.
///
/// `prepare` gives a file an unguessable capability URL (like an upload URL) that serves the
/// blob the session pinned at create; the URL dies with the session. The bytes are streamed from
/// the content store in chunks (memory stays flat whatever the size); bytes served count as the
/// session's activity and show in `bytes_transferred`, recorded at most every `progressStep`
/// bytes and at the end of each response.
package struct DownloadFileService: Sendable {
    let context: ServiceContext
    let sessions: DownloadSessionService

    /// Bytes served between two records of progress and activity.
    static let progressStep: Int64 = 16 << 20

    /// Creates the service.
    package init(context: ServiceContext, sessions: DownloadSessionService) {
        self.context = context
        self.sessions = sessions
    }

    /// `list`: the files of the caller's session.
    package func list(sessionID: String, downloadBase: String, caller: Caller) async throws -> [DownloadFileInfo] {
        _ = try await self.sessions.session(sessionID, caller: caller)
        return try await self.context.metadata.downloadFiles(sessionID: sessionID).map { self.info($0, base: downloadBase) }
    }

    /// `get`: one file of the caller's session.
    package func get(sessionID: String, name: String, downloadBase: String, caller: Caller) async throws -> DownloadFileInfo {
        _ = try await self.sessions.session(sessionID, caller: caller)
        return self.info(try await self.file(sessionID: sessionID, name: name), base: downloadBase)
    }

    /// `prepare`: makes a file downloadable. HTTPS only (DIRECT, a datastore URL, is
    /// `Unsupported`); the file's blob is already on this server's storage, so it is PREPARED at
    /// once, or ERROR when its bytes are gone. Preparing a prepared file answers it as it is.
    package func prepare(
        sessionID: String, name: String, endpointType: DownloadEndpointType?, downloadBase: String, caller: Caller
    ) async throws -> DownloadFileInfo {
        let session = try await self.sessions.session(sessionID, caller: caller)
        if endpointType == .direct {
            throw APIError(
                .unsupported, id: "com.vmware.content.library.item.downloadsession.file.direct_unsupported",
                "DIRECT endpoints are not offered: this server's storage is not reachable by clients. Prepare with endpoint_type HTTPS.",
                args: [name]
            )
        }
        _ = try DownloadSessionStateMachine.transition(.prepare, from: session.state, session: sessionID)
        var file = try await self.file(sessionID: sessionID, name: name)
        guard file.status != .prepared else { return self.info(file, base: downloadBase) }
        let location = try await self.location(of: session)
        if await self.context.content.size(of: file.blob, in: location) == file.size {
            file.status = .prepared
            file.downloadToken = CapabilityToken.make()
        } else {
            file.status = .error
        }
        try await self.context.metadata.saveDownloadFile(file)
        try await self.context.metadata.touchDownloadSession(id: sessionID, at: self.context.now())
        return self.info(file, base: downloadBase)
    }

    /// The file behind a download URL, or `NotFound` for a malformed or unknown token, another
    /// name, an unprepared file or a session that is not ACTIVE: a dead URL says nothing more.
    package func download(token: String, name: String) async throws -> DownloadTarget {
        guard CapabilityToken.isWellFormed(token), let file = try await self.context.metadata.downloadFile(token: token), file.name == name,
            file.status == .prepared, let session = try await self.context.metadata.downloadSession(id: file.sessionID),
            DownloadSessionStateMachine.target(of: .download, from: session.state) != nil
        else {
            throw APIError(.notFound, id: "com.vmware.content.library.item.downloadsession.file.not_found", "No file is served at this URL.")
        }
        return DownloadTarget(file: file, location: try await self.location(of: session))
    }

    /// Streams the bytes `range` of the file to `body`, recording progress and activity as it
    /// goes; `bytes_transferred` becomes at least the end of what was sent, and the end of the
    /// range is recorded before its last buffer is handed to `body`.
    package func serve(_ target: DownloadTarget, range: Range<Int64>, _ body: (ByteBuffer) async throws -> Void) async throws {
        let (sessionID, name) = (target.file.sessionID, target.file.name)
        var sent = range.lowerBound
        var recorded = sent
        do {
            try await self.context.content.read(target.file.blob, in: target.location, range: range) { buffer in
                let end = sent + Int64(buffer.readableBytes)
                if end == range.upperBound {
                    // The count is recorded before the last buffer leaves, so a client that holds
                    // every byte finds it recorded, whichever replica it asks next.
                    recorded = end
                    try await self.context.metadata.recordDownload(sessionID: sessionID, name: name, bytes: end, at: self.context.now())
                }
                try await body(buffer)
                sent = end
                if sent - recorded >= Self.progressStep {
                    recorded = sent
                    try await self.context.metadata.recordDownload(sessionID: sessionID, name: name, bytes: sent, at: self.context.now())
                }
            }
        } catch {
            // A client that went away still made progress worth recording.
            try? await self.context.metadata.recordDownload(sessionID: sessionID, name: name, bytes: sent, at: self.context.now())
            throw error
        }
        try await self.context.metadata.recordDownload(sessionID: sessionID, name: name, bytes: sent, at: self.context.now())
    }

    // MARK: Helpers

    private func file(sessionID: String, name: String) async throws -> DownloadFileRecord {
        guard let file = try await self.context.metadata.downloadFiles(sessionID: sessionID).first(where: { $0.name == name }) else {
            throw APIError(
                .notFound, id: "com.vmware.content.library.item.downloadsession.file.not_found",
                "The download session \(sessionID) has no file \(name).", args: [sessionID, name]
            )
        }
        return file
    }

    private func location(of session: DownloadSessionRecord) async throws -> ItemLocation {
        let items = ItemService(context: self.context)
        return try await items.location(of: try await items.record(session.itemID))
    }

    /// The wire model; the checksum is the SHA-256 recorded at upload (never recomputed), or the
    /// item file's own checksum when no SHA-256 was recorded.
    func info(_ file: DownloadFileRecord, base: String) -> DownloadFileInfo {
        DownloadFileInfo(
            name: file.name, size: file.size, bytesTransferred: file.bytesTransferred, status: file.status,
            downloadEndpoint: file.status == .prepared
                ? file.downloadToken.map { TransferEndpoint(uri: CapabilityToken.url(.download, base: base, token: $0, name: file.name)) } : nil,
            checksumInfo: file.digests[.sha256].map { ChecksumInfo(algorithm: .sha256, checksum: $0) } ?? file.checksum,
            errorMessage: file.status == .error
                ? LocalizableMessage(
                    id: "com.vmware.content.library.item.downloadsession.file.missing",
                    defaultMessage: "The bytes of \(file.name) are not on the server's storage.", args: [file.name]
                ) : nil
        )
    }
}

/// A file a download URL serves: its record (size, digests) and the folder of its blob.
package struct DownloadTarget: Sendable {
    /// The file as the session pinned it.
    package var file: DownloadFileRecord
    /// Where its blob lives.
    package var location: ItemLocation
}
