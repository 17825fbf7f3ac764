//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import Foundation
import Logging
import Synchronization

/// The transfers in flight (PUSH uploads and PULLs): one per session file across every replica,
/// with live progress and a cancel flag.
///
/// The rule "one transfer of a file at a time" is held by the metadata store: a transfer runs
/// under a `TransferLease` taken there, which a heartbeat renews every third of
/// `ServiceConfiguration.transferLease` with the bytes received so far, also recording the
/// transfer as session activity. A replica that dies stops renewing and its leases lapse; a
/// lease deleted by another replica (cancel, fail, expiry, remove) fails the next renewal, and the
/// transfer stops. This registry keeps what only the process running a transfer has: its live
/// bytes, its cancel flag and task, and the digest state of an upload cut short.
///
/// It is what makes `bytes_transferred` live, refuses a second concurrent transfer of a file,
/// counts transferred bytes as session activity, and lets cancel, fail, expiry and remove stop
/// transfers — a pull's task, attached here, is cancelled with them.
package final class TransferRegistry: Sendable {
    struct Key: Hashable {
        var sessionID: String
        var name: String
    }

    struct Transfer {
        var bytes: Int64
        var lastActivity: Date
        var canceled: Bool
        /// Stops the transfer's task at once (a pull waiting on the network); nil for uploads.
        var stop: (@Sendable () -> Void)?
        /// Renews the transfer's lease until the transfer ends.
        var heartbeat: Task<Void, Never>?
    }

    /// The digest state of an upload cut short, so the next piece continues it.
    struct Parked {
        var blob: String
        var offset: Int64
        var hashers: [StreamingHasher]
    }

    /// What `begin` found.
    enum Start: Equatable {
        /// The transfer may run; `end` must follow.
        case started
        /// A transfer of the file runs already, here or on another replica, with these bytes so far.
        case running(Int64)
        /// As many transfers run into the session as the limit allows.
        case sessionFull
    }

    private let context: ServiceContext
    private let transfers = Mutex<[Key: Transfer]>([:])
    private let parked = Mutex<[Key: Parked]>([:])

    /// Creates an empty registry over the context's store and configuration.
    package init(context: ServiceContext) {
        self.context = context
    }

    private var holder: String { self.context.configuration.replicaID }

    /// Takes the file's transfer slot: the store's lease first (the rule across replicas), then
    /// the local entry with its heartbeat.
    func begin(sessionID: String, name: String, limit: Int = .max) async throws -> Start {
        let key = Key(sessionID: sessionID, name: name)
        if let bytes = self.transfers.withLock({ $0[key]?.bytes }) { return .running(bytes) }
        let now = self.context.now()
        let lease = self.lease(sessionID: sessionID, name: name, bytes: 0)
        var acquisition = try await self.context.metadata.acquireTransferLease(lease, now: now, limit: limit)
        let ownLeaseInTheWay: Bool =
            switch acquisition {
            case .held(let held): held.holder == self.holder
            case .sessionFull: true
            case .acquired: false
            }
        // Leases of this process without a transfer are of transfers that just ended, whose
        // release has not landed yet: they are free.
        // Their release may also land meanwhile: ask again either way.
        if ownLeaseInTheWay {
            try await self.releaseEndedLeases(sessionID: sessionID)
            acquisition = try await self.context.metadata.acquireTransferLease(lease, now: now, limit: limit)
        }
        switch acquisition {
        case .held(let held): return .running(held.bytes)
        case .sessionFull: return .sessionFull
        case .acquired: break
        }
        let started = self.transfers.withLock { transfers in
            guard transfers[key] == nil else { return false }
            transfers[key] = Transfer(bytes: 0, lastActivity: now, canceled: false, stop: nil, heartbeat: self.heartbeat(key))
            return true
        }
        return started ? .started : .running(0)
    }

    /// Releases the leases this process holds on a session without a transfer.
    private func releaseEndedLeases(sessionID: String) async throws {
        let ended = try await self.context.metadata.transferLeases(sessionID: sessionID, at: self.context.now()).filter { lease in
            lease.holder == self.holder && self.transfers.withLock { $0[Key(sessionID: sessionID, name: lease.name)] == nil }
        }
        for lease in ended {
            try await self.context.metadata.releaseTransferLease(sessionID: sessionID, name: lease.name, holder: self.holder)
        }
    }

    /// The bytes of a transfer of the file running here or on another replica; `nil` when none runs.
    func running(sessionID: String, name: String) async throws -> Int64? {
        let key = Key(sessionID: sessionID, name: name)
        if let bytes = self.transfers.withLock({ $0[key]?.bytes }) { return bytes }
        let lease = try await self.context.metadata.transferLeases(sessionID: sessionID, at: self.context.now()).first { $0.name == name }
        // A lease of this process without a transfer has just ended.
        guard let lease, lease.holder != self.holder else { return nil }
        return lease.bytes
    }

    /// Renews the file's lease now; `false` when this process no longer holds it: it was
    /// released (the session ended, the file went), or it lapsed and another replica took it.
    func renew(sessionID: String, name: String) async throws -> Bool {
        let bytes = self.transfers.withLock { $0[Key(sessionID: sessionID, name: name)]?.bytes } ?? 0
        return try await self.context.metadata.renewTransferLease(self.lease(sessionID: sessionID, name: name, bytes: bytes))
    }

    /// This process's lease on a file, with `bytes` so far, lasting `transferLease` from now.
    private func lease(sessionID: String, name: String, bytes: Int64) -> TransferLease {
        TransferLease(
            sessionID: sessionID, name: name, holder: self.holder, bytes: bytes,
            expiry: self.context.now().addingTimeInterval(self.context.configuration.transferLease)
        )
    }

    /// The lease's heartbeat: renews it with the bytes so far and records the transfer's latest
    /// activity on its session, until the transfer ends or loses the lease.
    private func heartbeat(_ key: Key) -> Task<Void, Never> {
        let period = self.context.configuration.transferLease / 3
        return Task { [context] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(period))
                guard !Task.isCancelled, let transfer = self.transfers.withLock({ $0[key] }) else { return }
                do {
                    guard try await self.renew(sessionID: key.sessionID, name: key.name) else {
                        // Released by another replica (the session ended, the file went) or lapsed.
                        self.stop(key)
                        return
                    }
                    try await context.metadata.touchSession(id: key.sessionID, at: transfer.lastActivity)
                } catch {
                    // The store is unreachable: keep trying; if it lapses meanwhile, renewal fails.
                    context.logger.warning("transfer lease renewal failed", metadata: ["session": "\(key.sessionID)", "error": "\(error)"])
                }
            }
        }
    }

    /// Records progress; returns `false` when the transfer was canceled and must stop.
    func progress(sessionID: String, name: String, bytes: Int64, at time: Date) -> Bool {
        self.transfers.withLock { transfers in
            let key = Key(sessionID: sessionID, name: name)
            transfers[key]?.bytes = bytes
            transfers[key]?.lastActivity = time
            return transfers[key].map { !$0.canceled } ?? false
        }
    }

    /// Attaches the way to stop a running transfer's task; it is called at once if the transfer
    /// was already canceled.
    func attach(sessionID: String, name: String, stop: @escaping @Sendable () -> Void) {
        let canceled = self.transfers.withLock { transfers in
            let key = Key(sessionID: sessionID, name: name)
            transfers[key]?.stop = stop
            return transfers[key]?.canceled ?? false
        }
        if canceled { stop() }
    }

    /// Ends a transfer and releases its lease. The release is not awaited, so `end` can run in a
    /// `defer`; until it lands, `begin` and `running` of this process ignore the lease.
    func end(sessionID: String, name: String) {
        let ended = self.transfers.withLock { $0.removeValue(forKey: Key(sessionID: sessionID, name: name)) }
        ended?.heartbeat?.cancel()
        guard ended != nil else { return }
        Task { [context, holder] in
            try? await context.metadata.releaseTransferLease(sessionID: sessionID, name: name, holder: holder)
        }
    }

    /// Bytes received so far by a running upload.
    func bytes(sessionID: String, name: String) -> Int64? {
        self.transfers.withLock { $0[Key(sessionID: sessionID, name: name)]?.bytes }
    }

    /// The latest upload activity of a session, if any upload is running.
    func lastActivity(sessionID: String) -> Date? {
        self.transfers.withLock { transfers in
            transfers.filter { $0.key.sessionID == sessionID }.map(\.value.lastActivity).max()
        }
    }

    /// Asks a transfer that lost its lease to stop; its partial state stays (the next piece may
    /// come through this replica).
    private func stop(_ key: Key) {
        let stop = self.transfers.withLock { transfers in
            transfers[key]?.canceled = true
            return transfers[key]?.stop
        }
        stop?()
    }

    /// Asks the upload of one file to stop, and forgets its partial state.
    func cancel(sessionID: String, name: String) {
        let key = Key(sessionID: sessionID, name: name)
        let stop = self.transfers.withLock { transfers in
            transfers[key]?.canceled = true
            return transfers[key]?.stop
        }
        _ = self.parked.withLock { $0.removeValue(forKey: key) }
        stop?()
    }

    /// Asks every upload of a session to stop, and forgets their partial state.
    func cancel(sessionID: String) {
        let stops = self.transfers.withLock { transfers in
            var stops: [@Sendable () -> Void] = []
            for key in transfers.keys where key.sessionID == sessionID {
                transfers[key]?.canceled = true
                if let stop = transfers[key]?.stop { stops.append(stop) }
            }
            return stops
        }
        self.parked.withLock { parked in
            for key in parked.keys where key.sessionID == sessionID { parked.removeValue(forKey: key) }
        }
        for stop in stops { stop() }
    }

    /// Keeps the digest state of an upload cut short at `offset` bytes of `blob`.
    func park(sessionID: String, name: String, _ upload: Parked) {
        self.parked.withLock { $0[Key(sessionID: sessionID, name: name)] = upload }
    }

    /// Forgets the partial state of a file that starts over.
    func forgetParked(sessionID: String, name: String) {
        _ = self.parked.withLock { $0.removeValue(forKey: Key(sessionID: sessionID, name: name)) }
    }

    /// Takes back the digest state of a partial upload, if it is the one at `offset` of `blob`.
    /// After a restart there is none: the caller re-hashes the stored prefix once.
    func unpark(sessionID: String, name: String, blob: String, offset: Int64) -> [StreamingHasher]? {
        self.parked.withLock { parked in
            guard let upload = parked.removeValue(forKey: Key(sessionID: sessionID, name: name)),
                upload.blob == blob, upload.offset == offset
            else { return nil }
            return upload.hashers
        }
    }
}
