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

/// The files of an update session: `com.vmware.content.library.item.updatesession.file`, the
/// uploads to their capability URLs, and the pulls the server makes itself.
package struct SessionFileService: Sendable {
    let context: ServiceContext
    let transfers: TransferRegistry
    let pulls: PullScheduler
    let sessions: UpdateSessionService

    /// Creates the service; `pulls` runs the PULL transfers in the background.
    package init(context: ServiceContext, transfers: TransferRegistry, pulls: PullScheduler) {
        self.context = context
        self.transfers = transfers
        self.pulls = pulls
        self.sessions = UpdateSessionService(context: context, transfers: transfers)
    }

    /// `add`: adds or replaces a file. PUSH returns an upload URL built on `uploadBase`
    /// (e.g. `https://host:port`): `<base>/cls/data/<128-bit token>/<name>`. PULL checks its
    /// `source_endpoint` (`PullSource`) and starts reading it in the background at once.
    package func add(sessionID: String, _ spec: SessionFileAddSpec, uploadBase: String, caller: Caller) async throws -> SessionFileInfo {
        var session = try await self.sessions.session(sessionID, caller: caller, touching: true)
        try session.apply(.addFile)
        try Self.checkNoPendingCompletion(session)
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
            guard self.context.fetcher != nil else { throw Self.pullUnsupported }
            guard let endpoint = spec.sourceEndpoint else {
                throw ServiceError.invalidArgument("file.source_endpoint", "A PULL file needs a source_endpoint.", args: [spec.name])
            }
            if try PullSource(endpoint, importRoots: self.context.configuration.importRoots).isFile {
                try caller.require(.readStorage)
            }
        case .none:
            throw ServiceError.invalidArgument("file.source_type", "A file is added with source type PUSH or PULL, not NONE.", args: [spec.name])
        }
        let limits = self.context.configuration.limits
        if let size = spec.size, size > limits.maxFileSize {
            throw ServiceLimits.reached("max_file_size", limits.maxFileSize, "\(spec.name) is declared as \(size) bytes")
        }
        let target = try await SessionTarget(of: session, context: self.context)
        let files = try await self.context.metadata.sessionFiles(sessionID: sessionID)
        if files.filter({ $0.sourceType != .none && $0.name != spec.name }).count >= limits.maxFilesPerSession {
            throw ServiceLimits.reached(
                "max_files_per_session", limits.maxFilesPerSession, "The update session \(sessionID) cannot take another file"
            )
        }
        try target.adapter.checkAdd(fileName: spec.name, sessionFiles: files.filter { $0.sourceType != .none }.map(\.name))
        if try await self.transfers.running(sessionID: sessionID, name: spec.name) != nil {
            throw APIError(
                .resourceBusy, id: "com.vmware.content.library.item.updatesession.file.transferring",
                "\(spec.name) is being uploaded; wait for the upload to end before replacing the file.", args: [spec.name]
            )
        }
        // A replaced file starts over: forget the partial upload of the old one.
        self.transfers.cancel(sessionID: sessionID, name: spec.name)
        let record = SessionFileRecord(
            sessionID: sessionID, name: spec.name, sourceType: spec.sourceType, status: .waitingForTransfer,
            declaredSize: spec.size, declaredChecksum: spec.checksumInfo, bytesTransferred: 0, blob: nil, digests: [:],
            // A PULL file has a token too, never shown: it tells its pull whether the file it
            // writes is still the one added (not removed or added again meanwhile).
            uploadToken: CapabilityToken.make(), sourceEndpoint: spec.sourceType == .pull ? spec.sourceEndpoint : nil,
            errorMessage: nil, itemFileVersion: nil, sequence: (files.map(\.sequence).max() ?? -1) + 1
        )
        if spec.sourceType == .pull, let fetcher = self.context.fetcher {
            // Hold the file's transfer slot before the record exists, so no upload or second pull slips in.
            guard try await self.transfers.begin(sessionID: sessionID, name: spec.name) == .started else {
                throw APIError(
                    .resourceBusy, id: "com.vmware.content.library.item.updatesession.file.transferring",
                    "\(spec.name) is being transferred; wait for the transfer to end before replacing the file.", args: [spec.name]
                )
            }
            do {
                try await self.context.metadata.saveSessionFile(record)
            } catch {
                self.transfers.end(sessionID: sessionID, name: spec.name)
                throw error
            }
            self.startPull(record, fetcher: fetcher)
        } else {
            try await self.context.metadata.saveSessionFile(record)
        }
        // The bytes of the file this one replaces, if an upload brought any, are garbage now.
        if let replaced = files.first(where: { $0.name == spec.name }), replaced.sourceType != .none, replaced.blob != nil {
            await self.sessions.collectGarbage(target.location)
        }
        return self.info(record, adapter: target.adapter, uploadBase: uploadBase)
    }

    /// `get`: one file of the session; a name not in it is `InvalidArgument`, as the API says.
    /// One read of the store; it counts as activity coarsely (`UpdateSessionService.snapshot`).
    package func get(sessionID: String, name: String, uploadBase: String, caller: Caller) async throws -> SessionFileInfo {
        let snapshot = try await self.sessions.snapshot(sessionID, caller: caller)
        let adapter = try SessionTarget(of: snapshot, context: self.context).adapter
        guard let file = snapshot.files.first(where: { $0.name == name }) else {
            throw Self.noSuchFile(name, sessionID)
        }
        return self.info(file, adapter: adapter, uploadBase: uploadBase)
    }

    /// `list`: the session's files, the item's snapshot included. One read of the store; it
    /// counts as activity coarsely (`UpdateSessionService.snapshot`).
    package func list(sessionID: String, uploadBase: String, caller: Caller) async throws -> [SessionFileInfo] {
        let snapshot = try await self.sessions.snapshot(sessionID, caller: caller)
        let adapter = try SessionTarget(of: snapshot, context: self.context).adapter
        return snapshot.files.map { self.info($0, adapter: adapter, uploadBase: uploadBase) }
    }

    /// `remove`: drops a file from the would-be content; the item changes only on complete.
    package func remove(sessionID: String, name: String, caller: Caller) async throws {
        var session = try await self.sessions.session(sessionID, caller: caller, touching: true)
        try session.apply(.removeFile)
        try Self.checkNoPendingCompletion(session)
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
    package func validate(sessionID: String, caller: Caller) async throws -> ValidationResult {
        var session = try await self.sessions.session(sessionID, caller: caller, touching: true)
        try session.apply(.validate)
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
        let report = try await target.validate(files, context: self.context)
        self.context.previews.remember(sessionID: sessionID, files: files, report: report)
        return report.validationResult
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
            sourceEndpoint: file.sourceType == .pull ? (file.sourceEndpoint ?? TransferEndpoint(uri: "")) : nil,
            uploadEndpoint: file.sourceType == .push ? TransferEndpoint(uri: CapabilityToken.url(.upload, base: uploadBase, token: file.uploadToken ?? "", name: file.name)) : nil,
            bytesTransferred: live ?? file.bytesTransferred,
            status: file.status,
            errorMessage: file.errorMessage,
            keepInStorage: role.isKept ? nil : false
        )
    }

    /// Refuses changes to the files of a session whose `complete` waits for its pulls.
    static func checkNoPendingCompletion(_ session: SessionRecord) throws(APIError) {
        guard session.completionRequested else { return }
        throw ServiceError.notAllowed(
            "update_session.completing",
            "The update session \(session.id) is completing: it waits for its pulls to end and takes no more file changes.",
            args: [session.id]
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
