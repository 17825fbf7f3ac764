//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import Foundation
import Synchronization

/// The transfers in flight (PUSH uploads and PULLs): one per session file, with live progress
/// and a cancel flag.
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
    }

    /// The digest state of an upload cut short, so the next piece continues it.
    struct Parked {
        var blob: String
        var offset: Int64
        var hashers: [StreamingHasher]
    }

    private let transfers = Mutex<[Key: Transfer]>([:])
    private let parked = Mutex<[Key: Parked]>([:])

    /// Creates an empty registry.
    package init() {}

    /// Registers a transfer; `false` when one is already running for the file.
    func begin(sessionID: String, name: String, at time: Date) -> Bool {
        self.begin(sessionID: sessionID, name: name, at: time, limit: .max) ?? false
    }

    /// Registers a transfer unless one runs for the file already (`false`) or `limit` transfers
    /// run into the session (`nil`).
    func begin(sessionID: String, name: String, at time: Date, limit: Int) -> Bool? {
        self.transfers.withLock { transfers in
            let key = Key(sessionID: sessionID, name: name)
            guard transfers[key] == nil else { return false }
            guard transfers.keys.count(where: { $0.sessionID == sessionID }) < limit else { return nil }
            transfers[key] = Transfer(bytes: 0, lastActivity: time, canceled: false, stop: nil)
            return true
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

    /// Ends an upload.
    func end(sessionID: String, name: String) {
        _ = self.transfers.withLock { $0.removeValue(forKey: Key(sessionID: sessionID, name: name)) }
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
