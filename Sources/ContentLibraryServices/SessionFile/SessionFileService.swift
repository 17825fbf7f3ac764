//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
public import ContentLibraryModel
import Foundation
public import NIOCore

/// The files of an update session: `com.vmware.content.library.item.updatesession.file`, and
/// the uploads to their capability URLs.
public struct SessionFileService: Sendable {
    let context: ServiceContext
    let transfers: TransferRegistry
    let sessions: UpdateSessionService

    /// Creates the service.
    public init(context: ServiceContext, transfers: TransferRegistry) {
        self.context = context
        self.transfers = transfers
        self.sessions = UpdateSessionService(context: context, transfers: transfers)
    }

    /// `add`: adds or replaces a file. PUSH returns an upload URL built on `uploadBase`
    /// (e.g. `https://host:port`): `<base>/cls/data/<128-bit token>/<name>`.
    public func add(sessionID: String, _ spec: SessionFileAddSpec, uploadBase: String, caller: Caller) async throws -> SessionFileInfo {
        let session = try await self.sessions.session(sessionID, caller: caller, touching: true)
        try UpdateSessionStateMachine.check(.addFile, sessionID: sessionID, state: session.state)
        if let reason = FileNameRule.violation(in: spec.name) {
            throw ServiceError.invalidArgument("file.name", "Invalid file name: \(reason).", args: [spec.name])
        }
        if let size = spec.size, size < 0 {
            throw ServiceError.invalidArgument("file.size", "The size of \(spec.name) must not be negative.", args: [spec.name])
        }
        if let checksum = spec.checksumInfo {
            let hex = checksum.checksum.lowercased()
            guard hex.count == checksum.effectiveAlgorithm.hexLength, hex.allSatisfy({ $0.isHexDigit && $0.isASCII }) else {
                throw ServiceError.invalidArgument(
                    "file.checksum", "The \(checksum.effectiveAlgorithm.rawValue) checksum of \(spec.name) must be \(checksum.effectiveAlgorithm.hexLength) hex digits.",
                    args: [spec.name]
                )
            }
        }
        switch spec.sourceType {
        case .push:
            if spec.sourceEndpoint != nil {
                throw ServiceError.invalidArgument("file.source_endpoint", "A PUSH file takes no source_endpoint.", args: [spec.name])
            }
        case .pull:
            throw APIError(.unsupported, id: "com.vmware.content.library.item.updatesession.file.pull", "PULL transfers are not supported by this server yet; upload the file with PUSH.")
        case .none:
            throw ServiceError.invalidArgument("file.source_type", "A file is added with source type PUSH or PULL, not NONE.", args: [spec.name])
        }
        let target = try await SessionTarget(of: session, context: self.context)
        let files = try await self.context.metadata.sessionFiles(sessionID: sessionID)
        try target.adapter.checkAdd(fileName: spec.name, sessionFiles: files.filter { $0.sourceType != .none }.map(\.name))
        if self.transfers.bytes(sessionID: sessionID, name: spec.name) != nil {
            throw APIError(
                .resourceBusy, id: "com.vmware.content.library.item.updatesession.file.transferring",
                "\(spec.name) is being uploaded; wait for the upload to end before replacing the file.", args: [spec.name]
            )
        }
        let record = SessionFileRecord(
            sessionID: sessionID, name: spec.name, sourceType: spec.sourceType, status: .waitingForTransfer,
            declaredSize: spec.size, declaredChecksum: spec.checksumInfo, bytesTransferred: 0, blob: nil, digests: [:],
            uploadToken: UploadToken.make(), sourceEndpoint: nil, errorMessage: nil, itemFileVersion: nil,
            sequence: (files.map(\.sequence).max() ?? -1) + 1
        )
        try await self.context.metadata.saveSessionFile(record)
        await self.sessions.collectGarbage(target.location)
        return self.info(record, adapter: target.adapter, uploadBase: uploadBase)
    }

    /// `get`: one file of the session; a name not in it is `InvalidArgument`, as the API says.
    public func get(sessionID: String, name: String, uploadBase: String, caller: Caller) async throws -> SessionFileInfo {
        let session = try await self.sessions.session(sessionID, caller: caller, touching: true)
        let adapter = try await SessionTarget(of: session, context: self.context).adapter
        guard let file = try await self.context.metadata.sessionFile(sessionID: sessionID, name: name) else {
            throw Self.noSuchFile(name, sessionID)
        }
        return self.info(file, adapter: adapter, uploadBase: uploadBase)
    }

    /// `list`: the session's files, the item's snapshot included.
    public func list(sessionID: String, uploadBase: String, caller: Caller) async throws -> [SessionFileInfo] {
        let session = try await self.sessions.session(sessionID, caller: caller, touching: true)
        let adapter = try await SessionTarget(of: session, context: self.context).adapter
        return try await self.context.metadata.sessionFiles(sessionID: sessionID).map {
            self.info($0, adapter: adapter, uploadBase: uploadBase)
        }
    }

    /// `remove`: drops a file from the would-be content; the item changes only on complete.
    public func remove(sessionID: String, name: String, caller: Caller) async throws {
        let session = try await self.sessions.session(sessionID, caller: caller, touching: true)
        try UpdateSessionStateMachine.check(.removeFile, sessionID: sessionID, state: session.state)
        guard try await self.context.metadata.sessionFile(sessionID: sessionID, name: name) != nil else {
            throw Self.noSuchFile(name, sessionID)
        }
        self.transfers.cancel(sessionID: sessionID, name: name)
        try await self.context.metadata.deleteSessionFile(sessionID: sessionID, name: name)
        await self.sessions.collectGarbage(try await SessionTarget(of: session, context: self.context).location)
    }

    /// `validate`: runs the item type's adapter over the would-be content.
    ///
    /// Files still waiting for their bytes count as absent; a file that failed or is still
    /// arriving makes the call `NotAllowedInCurrentState`.
    public func validate(sessionID: String, caller: Caller) async throws -> ValidationResult {
        let session = try await self.sessions.session(sessionID, caller: caller, touching: true)
        try UpdateSessionStateMachine.check(.validate, sessionID: sessionID, state: session.state)
        let files = try await self.context.metadata.sessionFiles(sessionID: sessionID)
        let broken = files.filter { $0.status == .error || $0.status == .transferring }
        guard broken.isEmpty else {
            let list = broken.map { "\($0.name) (\($0.status.rawValue))" }.joined(separator: ", ")
            throw ServiceError.notAllowed(
                "update_session.files_not_ready", "The files of update session \(sessionID) are not received correctly: \(list).",
                args: [sessionID, list]
            )
        }
        let target = try await SessionTarget(of: session, context: self.context)
        return try await target.validate(files, context: self.context).validationResult
    }

    // MARK: Uploads

    /// Receives the bytes of a PUSH file from its capability URL, hashing and counting while
    /// writing, so nothing is read twice and memory stays flat whatever the size.
    ///
    /// On a size or checksum mismatch, or a broken connection, the file goes to ERROR with an
    /// exact message and may be uploaded again; the session stays ACTIVE.
    /// - Returns: the file's info after the upload.
    public func upload<Body: AsyncSequence & Sendable>(token: String, name: String, body: Body) async throws -> SessionFileInfo
    where Body.Element == ByteBuffer {
        guard UploadToken.isWellFormed(token), var file = try await self.context.metadata.sessionFile(uploadToken: token), file.name == name,
            let session = try await self.context.metadata.session(id: file.sessionID), session.state == .active
        else {
            throw Self.uploadURLGone
        }
        let now = self.context.now()
        guard self.transfers.begin(sessionID: session.id, name: file.name, at: now) else {
            throw APIError(
                .resourceBusy, id: "com.vmware.content.library.item.updatesession.file.transferring",
                "\(file.name) is already being uploaded; only one upload of a file may run at a time.", args: [file.name]
            )
        }
        defer { self.transfers.end(sessionID: session.id, name: file.name) }
        let target = try await SessionTarget(of: session, context: self.context)
        let location = target.location
        let blob = self.context.content.newBlobName()
        file.status = .transferring
        file.bytesTransferred = 0
        file.errorMessage = nil
        file.blob = blob
        file.digests = [:]
        guard try await self.context.metadata.updateUploadingFile(file) else {
            throw Self.uploadURLGone
        }

        var algorithms: [ChecksumAlgorithm] = [.sha256]
        if let declared = file.declaredChecksum?.effectiveAlgorithm, declared != .sha256 { algorithms.append(declared) }
        var hashers = algorithms.map { StreamingHasher($0) }
        var received: Int64 = 0
        var failure: String?
        let writer = try await self.context.content.openWriter(for: blob, in: location)
        do {
            for try await buffer in body {
                received += Int64(buffer.readableBytes)
                if let limit = file.declaredSize, received > limit {
                    failure = "\(file.name): more than the declared \(limit) bytes were sent."
                    break
                }
                buffer.withUnsafeReadableBytes { bytes in
                    for index in hashers.indices { hashers[index].update(bufferPointer: bytes) }
                }
                try await writer.write(buffer)
                guard self.transfers.progress(sessionID: session.id, name: file.name, bytes: received, at: self.context.now()) else {
                    failure = "\(file.name): the upload was stopped because the update session ended."
                    break
                }
            }
        } catch {
            failure = "\(file.name): the connection broke after \(received) bytes (\(error)); upload the file again."
        }
        if failure == nil, let declared = file.declaredSize, declared != received {
            failure = "\(file.name): the declared size is \(declared) bytes but \(received) bytes were received."
        }
        var digests: [ChecksumAlgorithm: String] = [:]
        for hasher in hashers { digests[hasher.algorithm] = hasher.finalize() }
        if failure == nil, let checksum = file.declaredChecksum {
            let expected = checksum.checksum.lowercased()
            let actual = digests[checksum.effectiveAlgorithm] ?? ""
            if actual != expected {
                failure = "\(file.name): the \(checksum.effectiveAlgorithm.rawValue) checksum is \(actual) but \(expected) was declared."
            }
        }
        if failure == nil {
            do { try await writer.close() } catch { failure = "\(file.name): the upload could not be stored: \(error)." }
        } else {
            await writer.abandon()
        }
        file.bytesTransferred = received
        if let failure {
            file.status = .error
            file.blob = nil
            file.errorMessage = LocalizableMessage(
                id: "com.vmware.content.library.item.updatesession.file.transfer_failed", defaultMessage: failure, args: [file.name]
            )
        } else {
            file.status = .ready
            file.digests = digests
        }
        // The file may have been removed while its bytes arrived: then it stays removed.
        guard try await self.context.metadata.updateUploadingFile(file) else {
            await self.context.content.delete([blob], in: location)
            file.status = .error
            file.errorMessage = LocalizableMessage(
                id: "com.vmware.content.library.item.updatesession.file.transfer_failed",
                defaultMessage: "\(file.name): the file was removed from the update session during its upload.", args: [file.name]
            )
            return self.info(file, adapter: target.adapter, uploadBase: "")
        }
        try await self.context.metadata.touchSession(id: session.id, at: self.context.now())
        // The replaced blob of an earlier upload, or every blob of a session that ended while the
        // bytes arrived (its own clean-up may have run before this blob was closed), goes now.
        await self.sessions.collectGarbage(location)
        return self.info(file, adapter: target.adapter, uploadBase: "")
    }

    // MARK: Helpers


    /// The wire form, obeying the union rules: `upload_endpoint` only for PUSH, `size` once READY.
    func info(_ file: SessionFileRecord, adapter: any TypeAdapter, uploadBase: String) -> SessionFileInfo {
        let live = self.transfers.bytes(sessionID: file.sessionID, name: file.name)
        let role = adapter.role(ofFile: file.name)
        return SessionFileInfo(
            name: file.name,
            sourceType: file.sourceType,
            size: file.status == .ready ? file.bytesTransferred : nil,
            checksumInfo: file.declaredChecksum ?? file.digests[.sha256].map { ChecksumInfo(algorithm: .sha256, checksum: $0) },
            uploadEndpoint: file.sourceType == .push ? TransferEndpoint(uri: UploadToken.url(base: uploadBase, token: file.uploadToken ?? "", name: file.name)) : nil,
            bytesTransferred: live ?? file.bytesTransferred,
            status: file.status,
            errorMessage: file.errorMessage,
            keepInStorage: role.isKept ? nil : false
        )
    }

    /// What an upload to a URL that leads nowhere (any more) answers.
    static let uploadURLGone = APIError(
        .notFound, id: "com.vmware.content.library.item.updatesession.file.upload_url",
        "This upload URL does not exist or its update session has ended."
    )

    static func noSuchFile(_ name: String, _ sessionID: String) -> APIError {
        ServiceError.invalidArgument(
            "file.not_in_session", "The update session \(sessionID) has no file named '\(name)'.", args: [name, sessionID]
        )
    }
}
