//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import ContentLibraryAPI
import Foundation

extension SessionFileService {
    /// Starts the background pull of a session file that the caller just saved as
    /// WAITING_FOR_TRANSFER, and whose transfer slot the caller holds.
    ///
    /// The pull streams the source through the same receiving code as a PUSH upload (size,
    /// checksum, live `bytes_transferred`); any failure puts the file in ERROR with an exact
    /// message. When it ends, a `complete` waiting for it is settled.
    func startPull(_ file: SessionFileRecord, fetcher: any SourceFetcher) {
        let sessionID = file.sessionID
        let name = file.name
        self.pulls.start(sessionID: sessionID, name: name) { [self] in
            self.context.metrics.transferStarted(.pull)
            await self.pull(file, fetcher: fetcher)
            self.context.metrics.transferEnded(.pull)
            self.transfers.end(sessionID: sessionID, name: name)
            await self.sessions.settleCompletion(sessionID)
        }
    }

    /// Restarts the pulls that were waiting or running on a replica that stopped: a PULL belongs
    /// to the servers, and its client (govc polls the session) cannot resume it. A pull whose
    /// lease is held, by this replica or a live one, is left alone; the others are taken over
    /// (at start, and by every reaper sweep, so a replica that dies has its pulls restarted by
    /// another one). Each starts over from byte 0 into a new blob, and the blobs of the
    /// interrupted ones are collected; sessions whose `complete` waited for pulls that all ended
    /// are settled.
    package func restartInterruptedPulls() async throws {
        for session in try await self.context.metadata.sessions(state: .active) {
            var dropped = false
            for var file in try await self.context.metadata.sessionFiles(sessionID: session.id)
            where file.sourceType == .pull && (file.status == .waitingForTransfer || file.status == .transferring) {
                guard let fetcher = self.context.fetcher else {
                    try await self.failPull(file, "\(file.name): this server no longer pulls files (it has no source fetcher).")
                    continue
                }
                // A pull still running, here or on a live replica, is left alone.
                guard try await self.transfers.begin(sessionID: session.id, name: file.name) == .started else { continue }
                file.status = .waitingForTransfer
                // A new token: anything the interrupted pull might still write is ignored.
                file.uploadToken = CapabilityToken.make()
                file.bytesTransferred = 0
                dropped = dropped || file.blob != nil
                file.blob = nil
                file.digests = [:]
                file.errorMessage = nil
                do {
                    try await self.context.metadata.saveSessionFile(file)
                } catch {
                    self.transfers.end(sessionID: session.id, name: file.name)
                    throw error
                }
                self.startPull(file, fetcher: fetcher)
            }
            if dropped { await self.sessions.collectGarbage(try await SessionTarget(of: session, context: self.context).location) }
            await self.sessions.settleCompletion(session.id)
        }
    }

    /// Reads the source of `file` into it; never throws: every failure is the file's ERROR.
    private func pull(_ added: SessionFileRecord, fetcher: any SourceFetcher) async {
        do {
            guard let session = try await self.context.metadata.session(id: added.sessionID),
                UpdateSessionStateMachine.target(of: .upload, from: session.state) != nil,
                let file = try await self.context.metadata.sessionFile(sessionID: added.sessionID, name: added.name),
                file.uploadToken == added.uploadToken, let endpoint = file.sourceEndpoint
            else { return }
            // The import roots are checked again: links may have changed since `add`.
            let source: PullSource
            do {
                source = try PullSource(endpoint, importRoots: self.context.configuration.importRoots)
            } catch {
                try await self.failPull(file, "\(file.name): \(error.messages.first?.defaultMessage ?? "\(error)")")
                return
            }
            let target = try await SessionTarget(of: session, context: self.context)
            try await fetcher.fetch(source) { response in
                _ = try await self.receive(
                    file, in: session, target: target, body: response.body, piece: .whole(length: response.expectedLength),
                    keepingCutBytes: false
                )
            }
        } catch let error as SourceFetchError {
            try? await self.failPull(added, "\(added.name): \(error.message)")
        } catch is CancellationError {
            // Stopped by cancel, fail, expiry or remove: nothing to report on a session that ended.
            try? await self.failPull(added, "\(added.name): the pull was stopped.")
        } catch let error as APIError {
            try? await self.failPull(added, "\(added.name): \(error.messages.first?.defaultMessage ?? "\(error)")")
        } catch {
            try? await self.failPull(added, "\(added.name): the pull failed: \(error).")
        }
    }

    /// Puts a pulled file in ERROR with `message`, unless it was removed or added again meanwhile;
    /// the bytes it had, if any, are collected.
    private func failPull(_ file: SessionFileRecord, _ message: String) async throws {
        guard var current = try await self.context.metadata.sessionFile(sessionID: file.sessionID, name: file.name),
            current.uploadToken == file.uploadToken, current.status != .ready
        else { return }
        let dropped = current.blob != nil
        current.status = .error
        current.blob = nil
        current.errorMessage = LocalizableMessage(
            id: "com.vmware.content.library.item.updatesession.file.pull_failed", defaultMessage: message, args: [file.name]
        )
        guard try await self.context.metadata.updateUploadingFile(current), dropped else { return }
        if let session = try await self.context.metadata.session(id: file.sessionID) {
            await self.sessions.collectGarbage(try await SessionTarget(of: session, context: self.context).location)
        }
    }
}
