//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryModel
import ContentLibraryAPI
import NIOCore
import Synchronization

/// Runs a whole update session for an ImportPlan over REST `/api`.
///
/// Log in; find the library by name; find the item by name in it or create it; open an update
/// session (kept alive throughout); drop the item's earlier files the plan does not have (an
/// import makes the item exactly the planned content); add and transfer each file in plan order
/// (PUSH with resumable uploads, or PULL and poll); validate and print problems; set
/// `warning_behavior` for the ignored warning types and stop on warnings that would still
/// block; complete; wait while the session is ACTIVE; report DONE or the session's error.
///
/// Running the same import again resumes an interrupted one: when the caller already has an
/// ACTIVE session on the item (an earlier run was killed, or lost the network for longer than
/// its retries), it is adopted instead of creating one, and SessionReconciler decides per file
/// what is still needed — READY files with the same bytes are skipped, TRANSFERRING ones
/// continue from the server's offset, the rest are added again. A fresh session is the same
/// path with nothing to adopt.
///
/// Whatever stops the import after the session is open ends the session with `fail`, so the
/// item is not left blocked by an ACTIVE session until it expires — except a lost connection:
/// then the session is left for the next run to resume (and `fail` could not be sent anyway).
///
/// Checksums: a file the manifest lists is added with that `checksum_info` and the server
/// verifies it on receipt. Any other file is added without one and hashed (SHA-256) while it is
/// sent, in the same read; once it is READY, the digest the server computed must equal the
/// client's. This reads every file once, never twice, whatever its size. A PULL with a local
/// copy computes the digest from the copy first (the only read) and declares it, so the server
/// checks what it fetched.
public struct Importer: Sendable {
    /// What to do.
    public let options: ImportOptions
    /// What to send.
    public let plan: ImportPlan
    /// Where progress goes.
    public let events: @Sendable (TransferEvent) -> Void

    /// How long a file may stay TRANSFERRING or VALIDATING after its upload answered, and a
    /// preview PREPARING, before the import gives up.
    static let settleLimit: Duration = .seconds(300)

    /// Creates an importer.
    public init(options: ImportOptions, plan: ImportPlan, events: @escaping @Sendable (TransferEvent) -> Void) {
        self.options = options
        self.plan = plan
        self.events = events
    }

    /// Runs the import.
    /// - Throws: ClientError: `.unreachable`, `.authentication` or `.usage` for problems of the
    ///   invocation or the connection; `.api` or `.importFailed` when the import itself failed.
    public func run() async throws(ClientError) -> ImportResult {
        let transport = HTTPTransport()
        do {
            let result = try await self.run(transport)
            await transport.shutdown()
            return result
        } catch {
            await transport.shutdown()
            throw error
        }
    }

    private func run(_ transport: HTTPTransport) async throws(ClientError) -> ImportResult {
        let api = try await ContentLibraryAPI.login(server: self.options.server, user: self.options.user, password: self.options.password, transport: transport)
        let keepAlive = SessionKeepAlive()
        var sessionID: String?
        do throws(ClientError) {
            let library = try await api.library(named: self.options.libraryName)
            guard let libraryID = library.id else {
                throw ClientError.unexpectedResponse(operation: "get library", status: 200, detail: "the library has no id")
            }
            let (itemID, created) = try await self.item(api, libraryID: libraryID)
            let adopted = created ? nil : try await self.activeSession(api, itemID: itemID)
            let id: String
            if let adopted, let adoptedID = adopted.id {
                id = adoptedID
                self.events(.note("resuming update session \(id) left by an earlier run"))
            } else {
                id = try await self.createSession(api, itemID: itemID)
            }
            sessionID = id
            let session = try await api.session(id)
            keepAlive.start(interval: SessionKeepAlive.interval(until: session.expirationTime)) { try? await api.keepAlive(session: id, progress: $0) }
            self.events(.started(sessionID: id, files: self.plan.files, totalBytes: self.plan.totalBytes))

            let actions = try await self.reconcile(api, sessionID: id)
            try await self.transfer(api, transport: transport, sessionID: id, actions: actions, keepAlive: keepAlive)
            try await self.checkAndComplete(api, sessionID: id, resetWarnings: !(adopted?.warningBehavior ?? []).isEmpty)
            try await self.waitWhileActive(api, sessionID: id)
            keepAlive.stop()

            let result = ImportResult(item: try await api.item(itemID), files: try await api.itemFiles(itemID), created: created, sessionID: id)
            await api.logout()
            return result
        } catch {
            keepAlive.stop()
            if let sessionID {
                if case .unreachable = error {
                    // The session keeps what arrived; running the same command again resumes it.
                    self.events(.note("update session \(sessionID) stays open until it expires; run the same command again to resume"))
                } else {
                    // Ends the session unless it already ended (then `fail` is refused, which is fine).
                    try? await api.fail(session: sessionID, message: "content-library import stopped: \(error.description)")
                }
            }
            await api.logout()
            throw error
        }
    }

    // MARK: Steps

    /// The item to import into: found by name, or created with the requested or guessed type.
    private func item(_ api: ContentLibraryAPI, libraryID: String) async throws(ClientError) -> (id: String, created: Bool) {
        let name = self.options.itemName ?? self.plan.defaultItemName
        if let existing = try await api.item(named: name, libraryID: libraryID), let id = existing.id {
            let type = existing.type.flatMap { $0.isEmpty ? nil : $0 }
            self.events(.note("item \(name) exists (type \(type ?? "generic")); its content will be replaced"))
            if let requested = self.options.itemType, requested.lowercased() != (type ?? "").lowercased() {
                self.events(.note("the item's type stays \(type ?? "generic"); --type \(requested) applies only to a new item"))
            }
            return (id, false)
        }
        let type = self.options.itemType ?? self.plan.itemType
        let id = try await api.createItem(name: name, libraryID: libraryID, type: type)
        self.events(.note("created item \(name) (type \(type ?? "generic")) in library \(self.options.libraryName)"))
        return (id, true)
    }

    /// The caller's ACTIVE update session on the item, left by an earlier run, if there is one.
    private func activeSession(_ api: ContentLibraryAPI, itemID: String) async throws(ClientError) -> UpdateSessionModel? {
        for id in try await api.sessions(itemID: itemID) {
            // A session that ended between the list and the get is simply not adopted.
            guard let session = try? await api.session(id) else { continue }
            if session.state == .active { return session }
        }
        return nil
    }

    /// Creates the update session; a session the caller cannot see (another user's) holding the
    /// item is reported with its id and when it may expire.
    private func createSession(_ api: ContentLibraryAPI, itemID: String) async throws(ClientError) -> String {
        do throws(ClientError) {
            return try await api.createSession(itemID: itemID, warningBehavior: [])
        } catch {
            guard case .api(_, _, let apiError) = error, apiError.kind == .resourceBusy else { throw error }
            let other = apiError.messages.first?.args.last ?? "of another user"
            throw ClientError.importFailed(
                "the item is held by update session \(other), which is not this user's, so it cannot be resumed here; "
                    + "it ends when its owner completes or cancels it, or expires after its inactivity timeout "
                    + "(5 minutes after its last activity by default): run the import again then"
            )
        }
    }

    /// Brings the session to the plan's starting point: removes the files the plan does not have
    /// (the item's earlier files, or what an earlier run added), and decides per planned file
    /// whether it is skipped, resumed or sent whole.
    private func reconcile(_ api: ContentLibraryAPI, sessionID: String) async throws(ClientError) -> [SessionReconciler.Action] {
        let files = try await api.files(session: sessionID)
        let result = try SessionReconciler(plan: self.plan, sessionFiles: files).reconcile(localSHA256: Self.digest(of:))
        let planned = Set(self.plan.files.map(\.name))
        for name in result.removals {
            try await api.removeFile(session: sessionID, name: name)
            if !planned.contains(name) {
                self.events(.note("removing \(name) from the item (not in the new content)"))
            }
        }
        for note in result.notes { self.events(.note(note)) }
        return result.actions
    }

    /// Transfers every planned file: uploads one by one, or pulls all at once and polls them.
    /// Files the session already holds are skipped; uploads an earlier run began are continued.
    private func transfer(
        _ api: ContentLibraryAPI, transport: HTTPTransport, sessionID: String, actions: [SessionReconciler.Action], keepAlive: SessionKeepAlive
    ) async throws(ClientError) {
        let total = max(1, self.plan.totalBytes)
        var done: Int64 = 0
        if self.plan.isPull {
            try await self.pull(api, sessionID: sessionID, actions: actions, keepAlive: keepAlive)
            return
        }
        let uploader = ResumableUploader(transport: transport, policy: self.options.retry)
        for (file, action) in zip(self.plan.files, actions) {
            guard let source = file.source else {
                throw ClientError.usage("\(file.name) has neither local bytes nor a URL to pull from")
            }
            var start: Int64 = 0
            var url: String?
            switch action {
            case .skip(let reason):
                done += source.length
                keepAlive.report(percent: done * 100 / total)
                self.events(.fileSkipped(name: file.name, size: source.length, reason: reason))
                continue
            case .resume(let offset, let uploadURL):
                (start, url) = (offset, uploadURL)
                self.events(.fileContinued(name: file.name, offset: offset, size: source.length))
            case .upload:
                break
            }
            let before = done
            let events = self.events
            let send = { (url: String, start: Int64) async throws(ClientError) -> ResumableUploader.Outcome in
                try await uploader.upload(
                    source, to: url, from: start, digest: file.checksum == nil ? .sha256 : nil,
                    progress: { bytes in
                        events(.fileProgress(name: file.name, bytes: bytes, size: source.length))
                        keepAlive.report(percent: (before + bytes) * 100 / total)
                    },
                    resuming: { resume in
                        events(.fileResuming(name: file.name, attempt: resume.attempt, reason: resume.reason))
                    }
                )
            }
            var outcome: ResumableUploader.Outcome
            if let url {
                do throws(ClientError) {
                    outcome = try await send(url, start)
                } catch {
                    // The server refused to continue the earlier run's upload (e.g. another
                    // declared size): the file is added again and sent whole.
                    guard case .api = error else { throw error }
                    self.events(.note("\(file.name): the server refused to continue the earlier upload (\(error.description)); sending it whole"))
                    start = 0
                    outcome = try await send(try await self.add(api, sessionID: sessionID, file, source), 0)
                }
            } else {
                let url = try await self.add(api, sessionID: sessionID, file, source)
                self.events(.fileStarted(name: file.name, size: source.length))
                outcome = try await send(url, 0)
            }
            let ready = try await self.settled(api, sessionID: sessionID, name: file.name)
            var verification = try self.verify(file, ready, digest: outcome.digest)
            if start > 0 {
                verification += "; continued from byte \(start), which an earlier run sent"
            }
            if outcome.resumes > 0 {
                verification += "; resumed \(outcome.resumes) time\(outcome.resumes == 1 ? "" : "s") from the server's offset"
            }
            done += source.length
            keepAlive.report(percent: done * 100 / total)
            self.events(.fileFinished(name: file.name, size: ready.size ?? ready.bytesTransferred, verification: verification))
        }
    }

    /// Adds a PUSH file to the session; returns its upload URL.
    private func add(_ api: ContentLibraryAPI, sessionID: String, _ file: ImportPlan.File, _ source: FileSlice) async throws(ClientError) -> String {
        let info = try await api.addFile(
            session: sessionID, SessionFileAddSpec(name: file.name, sourceType: .push, size: source.length, checksumInfo: file.checksum)
        )
        guard let url = info.uploadEndpoint?.uri else {
            throw ClientError.unexpectedResponse(operation: "add \(file.name)", status: 201, detail: "no upload_endpoint for a PUSH file")
        }
        return url
    }

    /// Adds every file as PULL (declaring the checksums known or computed from the local copy),
    /// then polls their statuses until all are READY, showing bytes transferred. Files an
    /// earlier run already got onto the server are skipped.
    private func pull(_ api: ContentLibraryAPI, sessionID: String, actions: [SessionReconciler.Action], keepAlive: SessionKeepAlive) async throws(ClientError) {
        var pending: [ImportPlan.File] = []
        var skipped: Int64 = 0
        for (file, action) in zip(self.plan.files, actions) {
            guard let url = file.pullURL else { continue }
            if case .skip(let reason) = action {
                skipped += file.size ?? 0
                self.events(.fileSkipped(name: file.name, size: file.size ?? 0, reason: reason))
                continue
            }
            var checksum = file.checksum
            if checksum == nil, let source = file.source {
                checksum = ChecksumInfo(algorithm: .sha256, checksum: try Self.digest(of: source))
            }
            _ = try await api.addFile(
                session: sessionID,
                SessionFileAddSpec(
                    name: file.name, sourceType: .pull,
                    sourceEndpoint: TransferEndpoint(uri: url, sslCertificateThumbprint: self.options.thumbprint),
                    size: file.size, checksumInfo: checksum
                )
            )
            self.events(.fileStarted(name: file.name, size: file.size))
            pending.append(file)
        }
        let total = max(1, self.plan.totalBytes)
        var finished = skipped
        while !pending.isEmpty {
            var still: [ImportPlan.File] = []
            var moving: Int64 = 0
            for file in pending {
                let info = try await api.file(session: sessionID, name: file.name)
                switch info.status {
                case .ready:
                    finished += info.size ?? info.bytesTransferred
                    let how = info.checksumInfo.map { "\($0.effectiveAlgorithm.rawValue) verified by the server" } ?? "no checksum declared"
                    self.events(.fileFinished(name: file.name, size: info.size ?? info.bytesTransferred, verification: how))
                case .error:
                    throw ClientError.importFailed(
                        "the server could not pull \(file.name): " + (info.errorMessage?.defaultMessage ?? "no reason given")
                    )
                default:
                    moving += info.bytesTransferred
                    self.events(.fileProgress(name: file.name, bytes: info.bytesTransferred, size: file.size))
                    still.append(file)
                }
            }
            keepAlive.report(percent: (finished + moving) * 100 / total)
            pending = still
            if !pending.isEmpty { try? await Task.sleep(for: self.options.pollInterval) }
        }
    }

    /// Validates, applies the ignored warning types, stops on blocking warnings, and completes.
    /// - Parameter resetWarnings: the session (an adopted one) has warning types ignored by an
    ///   earlier run; they are replaced with this run's, so only this command line decides.
    private func checkAndComplete(_ api: ContentLibraryAPI, sessionID: String, resetWarnings: Bool) async throws(ClientError) {
        _ = try await self.previewSettled(api, sessionID: sessionID)
        let validation = try await api.validate(session: sessionID)
        if validation.hasErrors {
            self.events(.validationFailed(validation))
            throw ClientError.importFailed("the server's validation of the files failed")
        }
        if !self.options.ignoredWarnings.isEmpty || resetWarnings {
            try await api.update(session: sessionID, warningBehavior: self.options.ignoredWarnings.map { WarningBehavior(type: $0, ignored: true) })
        }
        let session = try await self.previewSettled(api, sessionID: sessionID)
        let blocking = (session.previewInfo?.warnings ?? []).filter { !$0.ignored }
        if !blocking.isEmpty {
            self.events(.blockingWarnings(blocking))
            throw ClientError.importFailed(Self.warningAdvice(blocking.map(\.type)))
        }
        self.events(.completing)
        do {
            try await api.complete(session: sessionID)
        } catch {
            // Warnings an adapter only reports at complete (no preview for its type) end the
            // session there; they are reported as if the preview had shown them.
            if case .api(_, _, let apiError) = error, let message = apiError.messages.first,
                message.id.hasSuffix("warnings_not_ignored")
            {
                let types = message.args.map { WarningType(rawValue: $0) }
                self.events(.blockingWarnings(types.map { PreviewWarning(type: $0, message: message, ignored: false) }))
                throw ClientError.importFailed(Self.warningAdvice(types))
            }
            throw error
        }
    }

    /// Polls the session while `complete` left it ACTIVE (pulls still running); DONE returns,
    /// ERROR and CANCELED throw with the session's message.
    private func waitWhileActive(_ api: ContentLibraryAPI, sessionID: String) async throws(ClientError) {
        var told = false
        while true {
            let session = try await api.session(sessionID)
            switch session.state {
            case .done:
                return
            case .error:
                throw ClientError.importFailed("the update session failed: " + (session.errorMessage?.defaultMessage ?? "no reason given"))
            case .canceled:
                throw ClientError.importFailed("the update session was canceled")
            case .active, nil:
                if !told {
                    self.events(.waiting)
                    told = true
                }
                try? await Task.sleep(for: self.options.pollInterval)
            }
        }
    }

    // MARK: Helpers

    /// The session once its preview is no longer PREPARING (metadata files still being read).
    private func previewSettled(_ api: ContentLibraryAPI, sessionID: String) async throws(ClientError) -> UpdateSessionModel {
        let clock = ContinuousClock()
        let deadline = clock.now + Self.settleLimit
        while true {
            let session = try await api.session(sessionID)
            guard session.state == .active, session.previewInfo?.state == .preparing, clock.now < deadline else { return session }
            try? await Task.sleep(for: self.options.pollInterval)
        }
    }

    /// The file once it left TRANSFERRING and VALIDATING; an ERROR throws with the server's message.
    private func settled(_ api: ContentLibraryAPI, sessionID: String, name: String) async throws(ClientError) -> SessionFileInfo {
        let clock = ContinuousClock()
        let deadline = clock.now + Self.settleLimit
        while true {
            let info = try await api.file(session: sessionID, name: name)
            switch info.status {
            case .ready:
                return info
            case .error:
                throw ClientError.importFailed("\(name) was refused by the server: " + (info.errorMessage?.defaultMessage ?? "no reason given"))
            case .waitingForTransfer, .transferring, .validating:
                guard clock.now < deadline else {
                    throw ClientError.importFailed("\(name) is still \(info.status.rawValue) on the server after the upload ended")
                }
                try? await Task.sleep(for: self.options.pollInterval)
            }
        }
    }

    /// Checks a READY file against the plan: size, and the client's digest against the server's.
    /// - Returns: how the file was verified, for the user.
    private func verify(_ file: ImportPlan.File, _ info: SessionFileInfo, digest: String?) throws(ClientError) -> String {
        let size = info.size ?? info.bytesTransferred
        if let expected = file.size, size != expected {
            throw ClientError.importFailed("\(file.name): the server received \(size) bytes, but the file has \(expected)")
        }
        if let declared = file.checksum {
            return "\(declared.effectiveAlgorithm.rawValue) from the manifest, verified by the server"
        }
        guard let digest else { return "size verified" }
        guard let reported = info.checksumInfo, reported.effectiveAlgorithm == .sha256 else {
            return "SHA256 \(digest) (the server reported no SHA256 to compare)"
        }
        guard reported.checksum.lowercased() == digest else {
            throw ClientError.importFailed(
                "\(file.name): the server's SHA256 is \(reported.checksum.lowercased()) but the bytes sent hash to \(digest); the upload was damaged"
            )
        }
        return "SHA256 verified"
    }

    /// The SHA-256 of a local file, for a PULL whose checksum is not in a manifest.
    static func digest(of source: FileSlice) throws(ClientError) -> String {
        let reader = try SliceReader(source)
        var hasher = StreamingHasher(.sha256)
        var position: Int64 = 0
        while position < source.length {
            let count = Int(min(Int64(SliceReader.chunkSize), source.length - position))
            let buffer = try reader.read(at: position, count: count)
            buffer.withUnsafeReadableBytes { hasher.update(bufferPointer: $0) }
            position += Int64(count)
        }
        return hasher.finalize()
    }

    /// What to tell the user about warnings that block.
    static func warningAdvice(_ types: [WarningType]) -> String {
        let unique = Array(Set(types)).sorted()
        return "warnings not ignored would fail the import: \(unique.map(\.rawValue).joined(separator: ", ")); "
            + "if you accept them, run again with " + unique.map { "--ignore-warning \($0.rawValue)" }.joined(separator: " ")
    }
}
