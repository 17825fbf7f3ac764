//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
package import ContentLibraryModel
package import ContentLibraryAPI
package import Foundation

/// Update sessions: `com.vmware.content.library.item.update_session`.
///
/// A session belongs to the user who created it; to anyone else it does not exist. At most one
/// session per item is ACTIVE. Nothing a session uploads is visible in the item until
/// `complete` promotes it in one metadata transaction.
package struct UpdateSessionService: Sendable {
    let context: ServiceContext
    let transfers: TransferRegistry

    /// Creates the service.
    package init(context: ServiceContext, transfers: TransferRegistry) {
        self.context = context
        self.transfers = transfers
    }

    /// `create`: opens a session on an item, starting from a snapshot of its files.
    ///
    /// With a client token the call is idempotent for its caller: the same token returns the
    /// session it created before.
    package func create(_ spec: UpdateSessionModel, clientToken: String?, caller: Caller) async throws -> String {
        try ServiceError.checkClientToken(clientToken)
        guard let itemID = spec.libraryItemID else {
            throw ServiceError.invalidArgument("update_session.library_item_id", "The session spec must name its library_item_id.")
        }
        let items = ItemService(context: self.context)
        let item = try await items.record(itemID)
        try caller.require(.updateSession)
        let adapter = self.context.adapters.adapter(forItemType: item.type)
        try adapter.checkSessionCreate(itemID: itemID)
        let limit = self.context.configuration.limits.maxActiveSessionsPerUser
        if try await self.context.metadata.sessions(owner: caller.user, itemID: nil).count(where: { $0.state == .active }) >= limit {
            throw ServiceLimits.reached("max_active_sessions_per_user", limit, "\(caller.user) already has \(limit) active update sessions")
        }
        let now = self.context.now()
        let session = SessionRecord(
            id: self.context.newID(), itemID: itemID, owner: caller.user, clientToken: clientToken, state: UpdateSessionStateMachine.initialState,
            itemContentVersion: item.contentVersion, clientProgress: 0, errorMessage: nil,
            warningBehavior: spec.warningBehavior ?? [], creationTime: now, lastActivity: now, finishedTime: nil
        )
        let snapshot = try await self.context.metadata.itemFiles(itemID: itemID).enumerated().map { index, file in
            SessionFileRecord(
                sessionID: session.id, name: file.name, sourceType: .none, status: .ready, declaredSize: nil,
                declaredChecksum: nil, bytesTransferred: file.size, blob: file.blob, digests: file.digests,
                uploadToken: nil, sourceEndpoint: nil, errorMessage: nil, itemFileVersion: file.version,
                sequence: Int64(index)
            )
        }
        switch try await self.context.metadata.createSession(session, files: snapshot) {
        case .created:
            return session.id
        case .existing(let id):
            // The same token for another item is a different request, not a retry.
            if let existing = try await self.context.metadata.session(id: id), existing.itemID != itemID {
                throw ServiceError.invalidArgument(
                    "update_session.client_token", "The client token \(clientToken ?? "") was already used to create update session \(id) on item \(existing.itemID).",
                    args: [clientToken ?? "", id, existing.itemID]
                )
            }
            return id
        case .busy(let other):
            throw APIError(
                .resourceBusy, id: "com.vmware.content.library.item.update_session.busy",
                "The library item \(itemID) already has an active update session (\(other)).", args: [itemID, other]
            )
        }
    }

    /// `get`: the session as the caller sees it after the call, with its preview while ACTIVE.
    ///
    /// One read of the store (`snapshot`). Reading counts as activity, so the answered
    /// `expiration_time` is the extended one; the store is written at most once per
    /// `activityGranularity` however often the session is polled.
    package func get(_ id: String, caller: Caller) async throws -> UpdateSessionModel {
        let snapshot = try await self.snapshot(id, caller: caller)
        return try await self.model(snapshot)
    }

    /// `list`: the caller's sessions, optionally of one item; one read of the store.
    package func list(itemID: String?, caller: Caller) async throws -> [String] {
        guard let itemID else {
            return try await self.context.metadata.sessions(owner: caller.user, itemID: nil).map(\.id)
        }
        guard let sessions = try await self.context.metadata.sessions(owner: caller.user, ofItem: itemID) else {
            throw ServiceError.notFound("library item", itemID)
        }
        try caller.require(.updateSession)
        return sessions.map(\.id)
    }

    /// `update`: replaces `warning_behavior`, the only field a client may change.
    package func update(_ id: String, _ spec: UpdateSessionModel, caller: Caller) async throws {
        let session = try await self.session(id, caller: caller, touching: false)
        var updated = session
        try updated.apply(.update)
        if let behavior = spec.warningBehavior { updated.warningBehavior = behavior }
        // Never back: a read may have recorded activity a little ahead (`activityGranularity`).
        updated.lastActivity = max(session.lastActivity, self.context.now())
        try await self.save(updated, after: .update, readIn: session.state)
    }

    /// `keep_alive`: extends the session's life and records the client's progress.
    package func keepAlive(_ id: String, clientProgress: Int64?, caller: Caller) async throws {
        let session = try await self.session(id, caller: caller, touching: false)
        var updated = session
        try updated.apply(.keepAlive)
        if let progress = clientProgress {
            guard (0...100).contains(progress) else {
                throw ServiceError.invalidArgument(
                    "update_session.client_progress", "The client progress must be between 0 and 100, not \(progress).",
                    args: [String(progress)]
                )
            }
            updated.clientProgress = progress
        }
        updated.lastActivity = max(session.lastActivity, self.context.now())
        try await self.save(updated, after: .keepAlive, readIn: session.state)
    }

    /// `cancel`: ends the session and discards what it uploaded.
    package func cancel(_ id: String, caller: Caller) async throws {
        let session = try await self.session(id, caller: caller, touching: false)
        try await self.finish(session, .cancel, message: nil)
    }

    /// `fail`: ends the session in ERROR with the client's message, discarding what it uploaded.
    package func fail(_ id: String, message: String, caller: Caller) async throws {
        let session = try await self.session(id, caller: caller, touching: false)
        let error = LocalizableMessage(
            id: "com.vmware.content.library.item.update_session.client_error", defaultMessage: message, args: [message]
        )
        try await self.finish(session, .fail, message: error)
    }

    /// `delete`: removes a finished session; an ACTIVE one must be ended first.
    package func delete(_ id: String, caller: Caller) async throws {
        let session = try await self.session(id, caller: caller, touching: false)
        // The life cycle leaves the state as it is; the record goes.
        _ = try UpdateSessionStateMachine.transition(.delete, from: session.state, session: id)
        try await self.context.metadata.deleteSession(id: id)
    }

    /// `complete`: validates the would-be content with the item type's adapter and, when it
    /// passes, promotes it into the item atomically.
    ///
    /// Files not READY, and missing or invalid files, refuse the call and leave the session ACTIVE.
    /// Warnings not ignored end the session in ERROR and refuse the call with their list.
    ///
    /// With pulls still running, the call returns at once and the session stays ACTIVE (contract
    /// §7.4): when the last pull ends, the session is validated and becomes DONE, or ERROR with
    /// an `error_message` that names what failed.
    package func complete(_ id: String, caller: Caller) async throws {
        var session = try await self.session(id, caller: caller, touching: true)
        try session.apply(.complete(.requested))
        let files = try await self.context.metadata.sessionFiles(sessionID: id)
        let pulling = files.filter(Self.isPulling)
        let pending = files.filter { $0.status != .ready && !Self.isPulling($0) }
        if pending.isEmpty, !pulling.isEmpty {
            let state = session.state
            try session.apply(.complete(.waitingForPulls))
            session.completionRequested = true
            session.lastActivity = max(session.lastActivity, self.context.now())
            try await self.save(session, after: .complete(.waitingForPulls), readIn: state)
            // A pull may have ended between the listing and the save: settle now if so.
            await self.settleCompletion(id)
            return
        }
        try await self.completeNow(session, files: files, whenRefused: .contentRefused)
    }

    /// Completes a session whose `complete` waited for pulls, once none is running: DONE when
    /// the content passes, else ERROR with a message naming the failed file or the reason.
    /// Does nothing for a session that is not waiting or still has pulls running.
    package func settleCompletion(_ id: String) async {
        guard let session = try? await self.context.metadata.session(id: id), session.completionRequested,
            UpdateSessionStateMachine.target(of: .complete(.requested), from: session.state) != nil,
            let files = try? await self.context.metadata.sessionFiles(sessionID: id),
            !files.contains(where: Self.isPulling)
        else { return }
        let failed = files.filter { $0.status != .ready }
        let message: LocalizableMessage
        if failed.isEmpty {
            do {
                try await self.completeNow(session, files: files, whenRefused: .failedAfterPulls)
                return
            } catch {
                // Refused content and warnings have ended the session already; anything else ends it here.
                message = Self.completionFailure(id, error)
            }
        } else {
            let reasons = failed.map { file in
                file.errorMessage?.defaultMessage ?? "\(file.name) is \(file.status.rawValue)"
            }
            message = LocalizableMessage(
                id: "com.vmware.content.library.item.update_session.pull_failed",
                defaultMessage: "The update session \(id) failed: " + failed.map(\.name).joined(separator: ", ")
                    + (failed.count == 1 ? " was" : " were") + " not received correctly (" + reasons.joined(separator: "; ") + ").",
                args: [id] + failed.map(\.name)
            )
        }
        // Another settlement (or cancel, fail, expiry) may have ended the session first: then the
        // life cycle refuses this one.
        guard let current = try? await self.context.metadata.session(id: id) else { return }
        try? await self.finish(current, .complete(.failedAfterPulls), message: message)
    }

    /// Whether a file's pull has not ended yet.
    static func isPulling(_ file: SessionFileRecord) -> Bool {
        file.sourceType == .pull && (file.status == .waitingForTransfer || file.status == .transferring || file.status == .validating)
    }

    /// The synchronous part of `complete`: every file READY, validation, warnings, promotion.
    ///
    /// - Parameter whenRefused: the verdict for files not READY, missing or invalid; the life cycle
    ///   says whether it leaves the session ACTIVE (a client's call) or ends it (a settlement).
    private func completeNow(
        _ session: SessionRecord, files: [SessionFileRecord], whenRefused: UpdateSessionStateMachine.Completion
    ) async throws {
        let id = session.id
        let target = try await SessionTarget(of: session, context: self.context)
        var item = target.item
        let adapter = target.adapter
        let pending = files.filter { $0.status != .ready }
        guard pending.isEmpty else {
            let list = pending.map { "\($0.name) (\($0.status.rawValue))" }.joined(separator: ", ")
            throw try await self.refuse(
                session, as: whenRefused,
                ServiceError.notAllowed(
                    "update_session.files_not_ready",
                    "The update session \(id) cannot complete: these files are not received correctly: \(list).", args: [id, list]
                )
            )
        }
        let report = try await target.validate(files, context: self.context)
        if report.hasErrors {
            throw try await self.refuse(session, as: whenRefused, Self.validationFailure(id, report))
        }
        let blocking = report.blockingWarnings(
            policy: self.context.configuration.warningPolicy, sessionBehavior: session.warningBehavior,
            declarations: adapter.warningDeclarations
        )
        if !blocking.isEmpty {
            let text = blocking.map { "\($0.type.rawValue): \($0.message.defaultMessage)" }.joined(separator: "; ")
            let message = LocalizableMessage(
                id: "com.vmware.content.library.item.update_session.warnings_not_ignored",
                defaultMessage: "The update session failed because these warnings were not ignored: \(text)",
                args: blocking.map(\.type.rawValue)
            )
            try await self.finish(session, .complete(.warningsNotIgnored), message: message)
            throw APIError(.notAllowedInCurrentState, messages: [message])
        }
        let previous = Dictionary(uniqueKeysWithValues: try await self.context.metadata.itemFiles(itemID: item.id).map { ($0.name, $0) })
        let kept = files.filter { adapter.role(ofFile: $0.name).isKept }
        let newFiles = kept.map { file in
            let replaced = file.sourceType != .none
            let algorithm = file.declaredChecksum?.effectiveAlgorithm ?? .sha256
            return ItemFileRecord(
                itemID: item.id, name: file.name, size: file.bytesTransferred, blob: file.blob ?? "",
                digests: file.digests,
                checksum: file.digests[algorithm].map { ChecksumInfo(algorithm: algorithm, checksum: $0) },
                version: replaced ? (previous[file.name]?.version ?? 0) + 1 : (file.itemFileVersion ?? 1)
            )
        }
        let now = self.context.now()
        item.contentVersion += 1
        item.lastModifiedTime = now
        item.certificateVerification = target.securityRule?.verification(of: report)
        var done = session
        try done.apply(.complete(.succeeded))
        done.finishedTime = now
        done.lastActivity = now
        guard try await self.context.metadata.completeSession(done, item: item, files: newFiles) else {
            throw ServiceError.notAllowed(
                "update_session.state_changed", "The update session \(id) was ended by another call while completing.", args: [id]
            )
        }
        self.context.previews.forget(sessionID: id)
        await self.collectGarbage(target.location)
    }

    /// Moves a session whose `complete` is refused where the life cycle sends `verdict` (ending
    /// it with the refusal as its `error_message` if it leaves ACTIVE), and returns the refusal.
    private func refuse(_ session: SessionRecord, as verdict: UpdateSessionStateMachine.Completion, _ refusal: APIError) async throws -> APIError {
        let next = try UpdateSessionStateMachine.transition(.complete(verdict), from: session.state, session: session.id)
        if next != session.state {
            try await self.finish(session, .complete(verdict), message: Self.completionFailure(session.id, refusal))
        }
        return refusal
    }

    /// The `error_message` of a session whose pending `complete` failed with `error`.
    private static func completionFailure(_ id: String, _ error: any Error) -> LocalizableMessage {
        if let error = error as? APIError {
            return LocalizableMessage(
                id: "com.vmware.content.library.item.update_session.complete_failed",
                defaultMessage: error.messages.map(\.defaultMessage).joined(separator: " "), args: [id]
            )
        }
        return LocalizableMessage(
            id: "com.vmware.content.library.item.update_session.complete_failed",
            defaultMessage: "The update session \(id) could not complete: \(error).", args: [id]
        )
    }

    // MARK: Life cycle

    /// Expires ACTIVE sessions idle past the timeout and deletes sessions finished longer than the
    /// retention period. The server's reaper calls this periodically.
    /// - Returns: how many sessions expired and how many were deleted.
    @discardableResult
    package func reap() async throws -> (expired: Int, deleted: Int) {
        let now = self.context.now()
        let expiry = self.context.configuration.sessionExpiry
        var expired = 0
        for session in try await self.context.metadata.sessions(state: .active) {
            let last = max(session.lastActivity, self.transfers.lastActivity(sessionID: session.id) ?? session.lastActivity)
            guard expiry.isExpired(lastActivity: last, at: now) else { continue }
            if (try? await self.finish(session, .expire, message: expiry.expiredMessage("update_session"))) != nil { expired += 1 }
        }
        var deleted = 0
        for session in try await self.context.metadata.sessions(finishedBefore: expiry.retentionCutoff(at: now)) {
            try await self.context.metadata.deleteSession(id: session.id)
            deleted += 1
        }
        return (expired, deleted)
    }

    /// After a restart, uploads that were running here are gone but their bytes are not: a PUSH file
    /// stays TRANSFERRING with the bytes its blob holds, so the client can resume it (the digest
    /// of that prefix is computed again on the next piece). PULL files are
    /// `SessionFileService.restartInterruptedPulls`'s, which starts them again; no other file
    /// is ever TRANSFERRING.
    ///
    /// Then every item's folder is swept: a process stopped between a session's end (committed)
    /// and the collection of the blobs it freed left them referenced by nothing.
    package func recoverAfterRestart() async throws {
        for session in try await self.context.metadata.sessions(state: .active) {
            let location = try await SessionTarget(of: session, context: self.context).location
            // Files another replica is receiving are its own; the leases of this replica's
            // earlier life (`replicaID` survives restarts) are free.
            var leased = Set<String>()
            for lease in try await self.context.metadata.transferLeases(sessionID: session.id, at: self.context.now()) {
                if lease.holder == self.context.configuration.replicaID {
                    try await self.context.metadata.releaseTransferLease(sessionID: session.id, name: lease.name, holder: lease.holder)
                } else {
                    leased.insert(lease.name)
                }
            }
            for var file in try await self.context.metadata.sessionFiles(sessionID: session.id)
            where file.status == .transferring && file.sourceType == .push && !leased.contains(file.name) {
                file.bytesTransferred = if let blob = file.blob { await self.context.content.size(of: blob, in: location) ?? 0 } else { 0 }
                try await self.context.metadata.saveSessionFile(file)
            }
        }
        let items = ItemService(context: self.context)
        for item in try await self.context.metadata.items(libraryID: nil) {
            await self.collectGarbage(try await items.location(of: item))
        }
    }

    // MARK: Helpers

    /// How coarsely a read records activity: a read writes the session's activity at most once
    /// per this interval, the same granularity as an API token's last access
    /// (`APISessionCache.persistInterval`).
    ///
    /// A read that writes records its time plus this interval (`touchSession`), and a read before
    /// that time writes nothing. The store alone holds the rule, so it holds across replicas and
    /// restarts: a session is never expired within `sessionTimeout` of a read, and a session whose
    /// last call was a read expires at most this much later than that.
    package static let activityGranularity: TimeInterval = APISessionCache.persistInterval

    /// The caller's session; another user's session is reported as not found.
    ///
    /// - Parameter touching: whether the call counts as activity: an ACTIVE session is extended,
    ///   and the record returned is the extended one. For calls that change the session; reads
    ///   use `snapshot`.
    func session(_ id: String, caller: Caller, touching: Bool) async throws -> SessionRecord {
        guard var session = try await self.context.metadata.session(id: id), session.owner == caller.user else {
            throw ServiceError.notFound("update session", id)
        }
        if touching, session.state == .active {
            let now = self.context.now()
            try await self.context.metadata.touchSession(id: id, at: now)
            // As the store does: activity never moves back.
            session.lastActivity = max(session.lastActivity, now)
        }
        return session
    }

    /// The caller's session with its item, library and files, read in one transaction, for the
    /// calls that only read it (`get`, and the files' `get` and `list`); another user's session
    /// is reported as not found.
    ///
    /// The read counts as activity, coarsely: the store is written only when the activity it
    /// holds is older than now, and then `activityGranularity` ahead of now. The session returned
    /// has `lastActivity` now while ACTIVE, the activity this read is answered with.
    func snapshot(_ id: String, caller: Caller) async throws -> SessionSnapshot {
        let read =
            if let prefetched = caller.prefetched, prefetched.sessionID == id {
                prefetched.snapshot
            } else {
                try await self.context.metadata.sessionSnapshot(id: id)
            }
        guard var snapshot = read, snapshot.session.owner == caller.user else {
            throw ServiceError.notFound("update session", id)
        }
        if snapshot.session.state == .active {
            let now = self.context.now()
            if now >= snapshot.session.lastActivity {
                try await self.context.metadata.touchSession(id: id, at: now.addingTimeInterval(Self.activityGranularity))
            }
            snapshot.session.lastActivity = now
        }
        return snapshot
    }

    /// The wire model, with `expiration_time` and, while ACTIVE, the preview.
    ///
    /// `expiration_time` is when the session expires at the earliest if nothing else happens;
    /// after a read the reaper may take up to `activityGranularity` longer.
    func model(_ snapshot: SessionSnapshot) async throws -> UpdateSessionModel {
        let session = snapshot.session
        let lastActivity = max(session.lastActivity, self.transfers.lastActivity(sessionID: session.id) ?? session.lastActivity)
        var model = UpdateSessionModel(
            id: session.id, libraryItemID: session.itemID,
            libraryItemContentVersion: ContentVersion.format(session.itemContentVersion),
            errorMessage: session.errorMessage, clientProgress: session.clientProgress, state: session.state,
            expirationTime: self.context.configuration.sessionExpiry.expirationTime(
                active: session.state == .active, lastActivity: lastActivity, finishedTime: session.finishedTime
            ),
            warningBehavior: session.warningBehavior
        )
        if session.state == .active {
            model.previewInfo = try await self.preview(session, target: SessionTarget(of: snapshot, context: self.context), files: snapshot.files)
        }
        return model
    }

    /// The preview, from the files the adapter's `previewScope` names (every file, or only the
    /// metadata files of a type such as OVF): UNAVAILABLE without any (or, for metadata, not
    /// enough, e.g. a manifest without its descriptor), PREPARING while one is arriving, else
    /// AVAILABLE with the adapter's typed warnings, each `ignored` as `warning_behavior` says,
    /// and its certificate.
    func preview(_ session: SessionRecord, target: SessionTarget, files: [SessionFileRecord]) async throws -> PreviewInfo {
        let adapter = target.adapter
        let read: [SessionFileRecord] =
            switch adapter.previewScope {
            case .wholeContent: files
            case .metadataFiles: files.filter { adapter.role(ofFile: $0.name) != .content }
            }
        guard !read.isEmpty else { return PreviewInfo(state: .unavailable) }
        guard read.allSatisfy({ $0.status == .ready }) else { return PreviewInfo(state: .preparing) }
        if adapter.previewScope == .metadataFiles, !adapter.isPreviewComplete(metadataFiles: read.map(\.name)) {
            return PreviewInfo(state: .unavailable)
        }
        let report = try await self.context.previews.report(sessionID: session.id, files: files) {
            try await target.validate(files, context: self.context)
        }
        let warnings = report.previewWarnings(
            policy: self.context.configuration.warningPolicy, sessionBehavior: session.warningBehavior,
            declarations: adapter.warningDeclarations
        )
        return PreviewInfo(warnings: warnings, certificateInfo: report.preview?.certificateInfo, certChain: report.preview?.certChain)
    }

    /// Ends an ACTIVE session in the state the life cycle gives for `event`, stops its uploads
    /// and discards its new blobs.
    func finish(_ session: SessionRecord, _ event: UpdateSessionStateMachine.Event, message: LocalizableMessage?) async throws {
        var ended = session
        try ended.apply(event)
        ended.errorMessage = message
        ended.finishedTime = self.context.now()
        try await self.save(ended, after: event, readIn: session.state)
        self.transfers.cancel(sessionID: session.id)
        // Transfers of this session on other replicas stop at their next heartbeat.
        try await self.context.metadata.releaseTransferLeases(sessionID: session.id)
        self.context.previews.forget(sessionID: session.id)
        await self.collectGarbage(try await SessionTarget(of: session, context: self.context).location)
    }

    /// Saves a session changed by `event`, provided it is still in the state it was read in;
    /// when another call moved it meanwhile, the event is judged again in the new state.
    private func save(_ session: SessionRecord, after event: UpdateSessionStateMachine.Event, readIn state: UpdateSessionState) async throws {
        guard try await self.context.metadata.updateSession(session, expectedState: state) else {
            let current = try await self.context.metadata.session(id: session.id)
            _ = try UpdateSessionStateMachine.transition(event, from: current?.state ?? .canceled, session: session.id)
            throw ServiceError.notAllowed("update_session.concurrent", "The update session \(session.id) changed during the call.", args: [session.id])
        }
    }

    /// Deletes the blobs of an item's folder that neither the item nor an ACTIVE session references.
    func collectGarbage(_ location: ItemLocation) async {
        await self.context.collectGarbage(location)
    }

    /// The error `complete` and `validate` raise for missing or invalid files.
    static func validationFailure(_ id: String, _ report: ValidationReport) -> APIError {
        var parts: [String] = []
        if !report.missingFiles.isEmpty { parts.append("missing files: " + report.missingFiles.joined(separator: ", ")) }
        let invalid = report.invalidFiles
        if !invalid.isEmpty {
            parts.append("invalid files: " + invalid.map { "\($0.name) (\($0.errorMessage.defaultMessage))" }.joined(separator: "; "))
        }
        return ServiceError.notAllowed(
            "update_session.validation", "The update session \(id) cannot complete: " + parts.joined(separator: "; ") + ".",
            args: [id] + report.missingFiles + invalid.map(\.name)
        )
    }
}
