//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import ContentLibraryModel
package import ContentLibraryAPI
import Foundation

/// Download sessions: `com.vmware.content.library.item.download_session`.
///
/// A session belongs to the user who created it; to anyone else it does not exist. It serves
/// the item's files as they were when it was created (its `library_item_content_version`): the
/// files and their blobs are recorded at create, and the blobs stay referenced, so a `complete`
/// of a newer version cannot collect them while the session is ACTIVE. Expiry follows the
/// same rule as update sessions (`SessionExpiry`); activity is a keep-alive, a prepare or bytes
/// served. Reading a session is not activity and writes nothing.
package struct DownloadSessionService: Sendable {
    let context: ServiceContext

    /// Creates the service.
    package init(context: ServiceContext) {
        self.context = context
    }

    /// `create`: opens a session on an item's current content. With a client token the call is
    /// idempotent for its caller.
    package func create(_ spec: DownloadSessionModel, clientToken: String?, caller: Caller) async throws -> String {
        try ServiceError.checkClientToken(clientToken)
        guard let itemID = spec.libraryItemID else {
            throw ServiceError.invalidArgument("download_session.library_item_id", "The session spec must name its library_item_id.")
        }
        let item = try await ItemService(context: self.context).record(itemID)
        try caller.require(.downloadSession)
        let limit = self.context.configuration.limits.maxActiveSessionsPerUser
        if try await self.context.metadata.downloadSessions(owner: caller.user, itemID: nil).count(where: { $0.state == .active }) >= limit {
            throw ServiceLimits.reached("max_active_sessions_per_user", limit, "\(caller.user) already has \(limit) active download sessions")
        }
        let now = self.context.now()
        let session = DownloadSessionRecord(
            id: self.context.newID(), itemID: itemID, owner: caller.user, clientToken: clientToken,
            state: DownloadSessionStateMachine.initialState, itemContentVersion: item.contentVersion, clientProgress: 0,
            errorMessage: nil, creationTime: now, lastActivity: now, finishedTime: nil
        )
        let files = try await self.context.metadata.itemFiles(itemID: itemID).enumerated().map { index, file in
            DownloadFileRecord(
                sessionID: session.id, name: file.name, size: file.size, blob: file.blob, digests: file.digests,
                checksum: file.checksum, status: .unprepared, downloadToken: nil, bytesTransferred: 0, sequence: Int64(index)
            )
        }
        switch try await self.context.metadata.createDownloadSession(session, files: files) {
        case .created, .busy:
            return session.id
        case .existing(let id):
            if let existing = try await self.context.metadata.downloadSession(id: id), existing.itemID != itemID {
                throw ServiceError.invalidArgument(
                    "download_session.client_token",
                    "The client token \(clientToken ?? "") was already used to create download session \(id) on item \(existing.itemID).",
                    args: [clientToken ?? "", id, existing.itemID]
                )
            }
            return id
        }
    }

    /// `get`: the session with its `expiration_time`.
    package func get(_ id: String, caller: Caller) async throws -> DownloadSessionModel {
        self.model(try await self.session(id, caller: caller))
    }

    /// `list`: the caller's sessions, optionally of one item.
    package func list(itemID: String?, caller: Caller) async throws -> [String] {
        if let itemID {
            _ = try await ItemService(context: self.context).record(itemID)
            try caller.require(.downloadSession)
        }
        return try await self.context.metadata.downloadSessions(owner: caller.user, itemID: itemID).map(\.id)
    }

    /// `keep_alive`: extends the session's life and records the client's progress (0 to 100,
    /// never moving back).
    package func keepAlive(_ id: String, progress: Int64?, caller: Caller) async throws {
        let session = try await self.session(id, caller: caller)
        var updated = session
        try updated.apply(.keepAlive)
        if let progress {
            guard (0...100).contains(progress) else {
                throw ServiceError.invalidArgument(
                    "download_session.progress", "The progress must be between 0 and 100, not \(progress).", args: [String(progress)]
                )
            }
            updated.clientProgress = max(updated.clientProgress, progress)
        }
        updated.lastActivity = self.context.now()
        try await self.save(updated, after: .keepAlive, readIn: session.state)
    }

    /// `cancel`: ends the session; its download URLs die.
    package func cancel(_ id: String, caller: Caller) async throws {
        try await self.finish(try await self.session(id, caller: caller), .cancel, message: nil)
    }

    /// `fail`: ends the session in ERROR with the client's message.
    package func fail(_ id: String, message: String, caller: Caller) async throws {
        let error = LocalizableMessage(
            id: "com.vmware.content.library.item.download_session.client_error", defaultMessage: message, args: [message]
        )
        try await self.finish(try await self.session(id, caller: caller), .fail, message: error)
    }

    /// `delete`: removes the session in any state; its download URLs die and the blobs only it
    /// kept are collected.
    package func delete(_ id: String, caller: Caller) async throws {
        let session = try await self.session(id, caller: caller)
        _ = try DownloadSessionStateMachine.transition(.delete, from: session.state, session: id)
        try await self.context.metadata.deleteDownloadSession(id: id)
        await self.collectGarbage(of: session)
    }

    /// Expires ACTIVE sessions idle past the timeout and deletes sessions ended longer than the
    /// retention period; the server's reaper calls it with the update sessions'.
    /// - Returns: how many sessions expired and how many were deleted.
    @discardableResult
    package func reap() async throws -> (expired: Int, deleted: Int) {
        let now = self.context.now()
        let expiry = self.context.configuration.sessionExpiry
        var expired = 0
        for session in try await self.context.metadata.downloadSessions(state: .active)
        where expiry.isExpired(lastActivity: session.lastActivity, at: now) {
            if (try? await self.finish(session, .expire, message: expiry.expiredMessage("download_session"))) != nil { expired += 1 }
        }
        var deleted = 0
        for session in try await self.context.metadata.downloadSessions(finishedBefore: expiry.retentionCutoff(at: now)) {
            try await self.context.metadata.deleteDownloadSession(id: session.id)
            deleted += 1
        }
        return (expired, deleted)
    }

    // MARK: Helpers

    /// The caller's session; another user's session is reported as not found.
    func session(_ id: String, caller: Caller) async throws -> DownloadSessionRecord {
        guard let session = try await self.context.metadata.downloadSession(id: id), session.owner == caller.user else {
            throw ServiceError.notFound("download session", id)
        }
        return session
    }

    /// The wire model.
    func model(_ session: DownloadSessionRecord) -> DownloadSessionModel {
        DownloadSessionModel(
            id: session.id, libraryItemID: session.itemID, libraryItemContentVersion: ContentVersion.format(session.itemContentVersion),
            errorMessage: session.errorMessage, clientProgress: session.clientProgress, state: session.state,
            expirationTime: self.context.configuration.sessionExpiry.expirationTime(
                active: session.state == .active, lastActivity: session.lastActivity, finishedTime: session.finishedTime
            )
        )
    }

    /// Ends an ACTIVE session in the state the life cycle gives for `event` and collects the
    /// blobs only it kept.
    private func finish(_ session: DownloadSessionRecord, _ event: DownloadSessionStateMachine.Event, message: LocalizableMessage?) async throws {
        var ended = session
        try ended.apply(event)
        ended.errorMessage = message
        ended.finishedTime = self.context.now()
        try await self.save(ended, after: event, readIn: session.state)
        await self.collectGarbage(of: session)
    }

    /// Saves a session changed by `event`, provided it is still in the state it was read in.
    private func save(_ session: DownloadSessionRecord, after event: DownloadSessionStateMachine.Event, readIn state: DownloadSessionState) async throws {
        guard try await self.context.metadata.updateDownloadSession(session, expectedState: state) else {
            let current = try await self.context.metadata.downloadSession(id: session.id)
            _ = try DownloadSessionStateMachine.transition(event, from: current?.state ?? .canceled, session: session.id)
            throw ServiceError.notAllowed("download_session.concurrent", "The download session \(session.id) changed during the call.", args: [session.id])
        }
    }

    /// Collects what a session that ended (or went) was keeping in its item's folder.
    private func collectGarbage(of session: DownloadSessionRecord) async {
        let items = ItemService(context: self.context)
        guard let item = try? await items.record(session.itemID), let location = try? await items.location(of: item) else { return }
        await self.context.collectGarbage(location)
    }
}
