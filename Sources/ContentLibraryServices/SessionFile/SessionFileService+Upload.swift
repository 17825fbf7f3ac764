//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
package import ContentLibraryModel
package import ContentLibraryAPI
import Foundation
package import NIOCore

extension SessionFileService {
    /// Receives bytes of a PUSH file from its capability URL.
    ///
    /// A whole-file request (`piece.start == 0`) starts the file over; a later piece must start
    /// exactly where the server's copy ends, else `UploadOffsetConflict`. Digests continue
    /// across pieces. A body that breaks off leaves the bytes that arrived in place and the file
    /// TRANSFERRING, to be resumed until the session expires; a size or checksum mismatch puts
    /// the file in ERROR with an exact message, and it may be uploaded again.
    /// - Returns: the file's info after the request.
    package func upload<Body: AsyncSequence & Sendable>(
        token: String, name: String, body: Body, piece: UploadPiece = .whole(length: nil)
    ) async throws -> SessionFileInfo where Body.Element == ByteBuffer {
        let (first, session) = try await self.uploadingFile(token: token, name: name)
        let limit = self.context.configuration.limits.maxConcurrentUploadsPerSession
        switch try await self.transfers.begin(sessionID: session.id, name: first.name, limit: limit) {
        case .started:
            break
        case .running(let bytes):
            throw Self.alreadyUploading(first, offset: bytes)
        case .sessionFull:
            throw ServiceLimits.reached(
                "max_concurrent_uploads_per_session", limit, "\(limit) uploads are running into update session \(session.id) already"
            )
        }
        defer { self.transfers.end(sessionID: session.id, name: first.name) }
        self.context.metrics.transferStarted(.push)
        defer { self.context.metrics.transferEnded(.push) }
        // Read again inside the slot: an upload that just ended may have moved the offset.
        let (file, _) = try await self.reconciled(try await self.uploadingFile(token: token, name: name).0, in: session)
        let target = try await SessionTarget(of: session, context: self.context)
        return try await self.receive(file, in: session, target: target, body: body, piece: piece, keepingCutBytes: true)
    }

    /// The bytes of a PUSH file the server holds, and whether an upload of it is running: what
    /// `HEAD` on its upload URL answers. The offset is where a resumed upload must start (0 for
    /// a file waiting for its bytes or in ERROR); while an upload runs, a resume must wait for it.
    package func uploadOffset(token: String, name: String) async throws -> (offset: Int64, running: Bool) {
        let (file, session) = try await self.uploadingFile(token: token, name: name)
        if let live = try await self.transfers.running(sessionID: session.id, name: file.name) { return (live, true) }
        return (Self.offset(of: try await self.reconciled(file, in: session).0), false)
    }

    /// A file left TRANSFERRING by an upload whose replica died (its lease lapsed) holds the bytes
    /// its blob holds on the shared storage, which its record may not say yet: the record is set
    /// to them, as after a restart. Call it with no transfer of the file running.
    private func reconciled(_ file: SessionFileRecord, in session: SessionRecord) async throws -> (SessionFileRecord, Bool) {
        guard file.status == .transferring, file.sourceType == .push, let blob = file.blob else { return (file, false) }
        let location = try await SessionTarget(of: session, context: self.context).location
        guard let size = await self.context.content.size(of: blob, in: location), size != file.bytesTransferred else { return (file, false) }
        var corrected = file
        corrected.bytesTransferred = size
        guard try await self.context.metadata.updateUploadingFile(corrected) else { throw Self.uploadURLGone }
        self.transfers.forgetParked(sessionID: file.sessionID, name: file.name)
        return (corrected, true)
    }

    /// Streams `body` into `file` as the piece `piece`, with the same counting, hashing, size and
    /// checksum rules for every kind of transfer. The caller holds the file's transfer slot.
    ///
    /// A pipeline: `begin` records the file TRANSFERRING and picks the blob and digest state the
    /// piece continues; the body streams into the blob; `PieceSettlement` says what the piece
    /// amounted to; the blob is kept or discarded as it says; `store` saves the record.
    ///
    /// - Parameter keepingCutBytes: whether a body that breaks off leaves the file TRANSFERRING
    ///   with its bytes (a PUSH upload the client may resume) or puts it in ERROR.
    func receive<Body: AsyncSequence>(
        _ file: SessionFileRecord, in session: SessionRecord, target: SessionTarget, body: Body, piece: UploadPiece,
        keepingCutBytes: Bool
    ) async throws -> SessionFileInfo where Body.Element == ByteBuffer {
        let location = target.location
        let (started, resumed) = try await self.begin(file, piece: piece, in: location)
        var receiver = resumed
        let blob = started.blob ?? ""
        let pieceEnd = piece.length.map { piece.start + $0 }
        let writer = try await self.context.content.openWriter(for: blob, in: location, at: piece.start)
        let ending = await receiver.receive(body, into: writer) { bytes in
            if let pieceEnd, bytes > pieceEnd { return false }
            return self.transfers.progress(sessionID: session.id, name: file.name, bytes: bytes, at: self.context.now())
        }
        self.context.metrics.received(receiver.received - piece.start, file.sourceType == .pull ? .pull : .push)
        var settled = PieceSettlement.settle(
            started, piece: piece, ending: ending, received: receiver.received, hashers: receiver.hashers,
            keepingCutBytes: keepingCutBytes
        )
        switch settled.action {
        case .discard:
            await writer.abandon()
        case .ready, .park:
            do {
                try await writer.close()
            } catch {
                await writer.abandon()
                settled = settled.failing("\(file.name): the upload could not be stored: \(error).")
            }
        }
        if try await !self.transfers.renew(sessionID: session.id, name: file.name),
            try await self.context.metadata.session(id: session.id)?.state == .active,
            try await self.context.metadata.sessionFile(sessionID: session.id, name: file.name)?.uploadToken == file.uploadToken
        {
            // This replica lost its lease (it stalled past it) while the session and the file
            // remain: another replica resumed the file, and the record and the blob are its own.
            throw APIError(
                .concurrentChange, id: "com.vmware.content.library.item.updatesession.file.taken_over",
                "\(file.name): another server took this upload over while it stalled; ask for the offset (HEAD) and resume from there.",
                args: [file.name]
            )
        }
        if settled.action == .park {
            self.transfers.park(
                sessionID: session.id, name: file.name,
                TransferRegistry.Parked(blob: blob, offset: receiver.received, hashers: receiver.hashers)
            )
        }
        return try await self.store(settled.file, blob: blob, in: session, target: target)
    }

    /// Starts a piece: checks it against the file, picks the blob and the digest state it
    /// continues, and records the file TRANSFERRING from `piece.start`.
    ///
    /// A piece at 0 starts a new blob; an earlier upload's blob it replaces is collected.
    private func begin(
        _ file: SessionFileRecord, piece: UploadPiece, in location: ItemLocation
    ) async throws -> (SessionFileRecord, FileReceiver) {
        var file = file
        try Self.check(piece, of: file)
        let receiver: FileReceiver
        var replaced: String?
        if piece.resumes {
            guard file.status == .transferring, let blob = file.blob, piece.start == file.bytesTransferred else {
                throw Self.offsetConflict(file, start: piece.start)
            }
            receiver = try await self.resumingReceiver(file, blob: blob, in: location)
        } else {
            self.transfers.forgetParked(sessionID: file.sessionID, name: file.name)
            replaced = file.blob
            file.blob = self.context.content.newBlobName()
            file.digests = [:]
            receiver = FileReceiver(
                name: file.name, hashers: FileReceiver.hashers(declared: file.declaredChecksum?.effectiveAlgorithm), received: 0,
                limit: file.declaredSize, ceiling: self.context.configuration.limits.maxFileSize
            )
        }
        file.status = .transferring
        file.bytesTransferred = piece.start
        file.errorMessage = nil
        guard try await self.context.metadata.updateUploadingFile(file) else { throw Self.uploadURLGone }
        _ = self.transfers.progress(sessionID: file.sessionID, name: file.name, bytes: piece.start, at: self.context.now())
        if replaced != nil { await self.sessions.collectGarbage(location) }
        return (file, receiver)
    }

    /// Saves the record a piece settled on and counts the piece as session activity.
    ///
    /// A file removed (or added again) while its bytes arrived stays removed, and its blob goes.
    /// A session that ended while they arrived had its blobs collected, perhaps before this one
    /// was closed: they are collected again, so nothing it uploaded outlives it.
    private func store(_ file: SessionFileRecord, blob: String, in session: SessionRecord, target: SessionTarget) async throws -> SessionFileInfo {
        guard try await self.context.metadata.updateUploadingFile(file) else {
            await self.context.content.delete([blob], in: target.location)
            var removed = file
            removed.status = .error
            removed.errorMessage = LocalizableMessage(
                id: "com.vmware.content.library.item.updatesession.file.transfer_failed",
                defaultMessage: "\(file.name): the file was removed from the update session during its upload.", args: [file.name]
            )
            return self.info(removed, adapter: target.adapter, uploadBase: "")
        }
        try await self.context.metadata.touchSession(id: session.id, at: self.context.now())
        let current = try await self.context.metadata.session(id: session.id)
        if current.map({ UpdateSessionStateMachine.target(of: .upload, from: $0.state) == nil }) ?? true {
            await self.sessions.collectGarbage(target.location)
        }
        return self.info(file, adapter: target.adapter, uploadBase: "")
    }

    // MARK: Helpers

    /// The file an upload URL leads to, while its session is ACTIVE.
    private func uploadingFile(token: String, name: String) async throws -> (SessionFileRecord, SessionRecord) {
        // A PULL file's token is internal (never in a URL); refuse it all the same.
        guard CapabilityToken.isWellFormed(token), let file = try await self.context.metadata.sessionFile(uploadToken: token), file.name == name,
            file.sourceType == .push,
            let session = try await self.context.metadata.session(id: file.sessionID),
            UpdateSessionStateMachine.target(of: .upload, from: session.state) != nil
        else {
            throw Self.uploadURLGone
        }
        return (file, session)
    }

    /// A receiver that continues a partial upload: the parked digest state when this server saw
    /// the earlier bytes, else the stored prefix hashed once.
    private func resumingReceiver(_ file: SessionFileRecord, blob: String, in location: ItemLocation) async throws -> FileReceiver {
        let offset = file.bytesTransferred
        if let hashers = self.transfers.unpark(sessionID: file.sessionID, name: file.name, blob: blob, offset: offset) {
            return FileReceiver(
                name: file.name, hashers: hashers, received: offset, limit: file.declaredSize,
                ceiling: self.context.configuration.limits.maxFileSize
            )
        }
        var receiver = FileReceiver(
            name: file.name, hashers: FileReceiver.hashers(declared: file.declaredChecksum?.effectiveAlgorithm), received: offset,
            limit: file.declaredSize, ceiling: self.context.configuration.limits.maxFileSize
        )
        try await self.context.content.read(blob, in: location, range: 0..<offset) { receiver.rehash($0) }
        return receiver
    }

    /// Refuses a piece that contradicts itself or the file's declared size.
    private static func check(_ piece: UploadPiece, of file: SessionFileRecord) throws {
        guard let total = piece.total else { return }
        if let length = piece.length, length < 1 || piece.start + length > total {
            throw ServiceError.invalidArgument(
                "file.content_range", "\(file.name): the range of \(length) bytes from \(piece.start) does not fit a file of \(total) bytes.",
                args: [file.name]
            )
        }
        if let declared = file.declaredSize, declared != total {
            throw ServiceError.invalidArgument(
                "file.content_range", "\(file.name): the upload says the file has \(total) bytes but \(declared) were declared when it was added.",
                args: [file.name, String(total), String(declared)]
            )
        }
    }

    /// The bytes a stored file record holds for a resumed upload.
    static func offset(of file: SessionFileRecord) -> Int64 {
        switch file.status {
        case .transferring, .ready: file.bytesTransferred
        case .waitingForTransfer, .validating, .error: 0
        }
    }

    static func offsetConflict(_ file: SessionFileRecord, start: Int64) -> UploadOffsetConflict {
        let offset = Self.offset(of: file)
        return UploadOffsetConflict(
            offset: offset,
            error: APIError(
                .concurrentChange, id: "com.vmware.content.library.item.updatesession.file.upload_offset",
                "\(file.name): the upload starts at byte \(start) but the server holds \(offset) bytes of it; resume from \(offset) or start over from 0.",
                args: [file.name, String(start), String(offset)]
            )
        )
    }

    static func alreadyUploading(_ file: SessionFileRecord, offset: Int64) -> UploadOffsetConflict {
        UploadOffsetConflict(
            offset: offset,
            error: APIError(
                .concurrentChange, id: "com.vmware.content.library.item.updatesession.file.transferring",
                "\(file.name) is already being uploaded (\(offset) bytes so far); only one upload of a file may run at a time.",
                args: [file.name, String(offset)]
            )
        )
    }
}
