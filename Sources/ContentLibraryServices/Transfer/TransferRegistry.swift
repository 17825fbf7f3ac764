//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import Foundation
import Synchronization

/// The uploads in flight: one per session file, with live progress and a cancel flag.
///
/// It is what makes `bytes_transferred` live, refuses a second concurrent upload of a file,
/// counts upload bytes as session activity, and lets cancel, fail and expiry stop transfers.
public final class TransferRegistry: Sendable {
    struct Key: Hashable {
        var sessionID: String
        var name: String
    }

    struct Transfer {
        var bytes: Int64
        var lastActivity: Date
        var canceled: Bool
    }

    private let transfers = Mutex<[Key: Transfer]>([:])

    /// Creates an empty registry.
    public init() {}

    /// Registers an upload; `false` when one is already running for the file.
    func begin(sessionID: String, name: String, at time: Date) -> Bool {
        self.transfers.withLock { transfers in
            let key = Key(sessionID: sessionID, name: name)
            guard transfers[key] == nil else { return false }
            transfers[key] = Transfer(bytes: 0, lastActivity: time, canceled: false)
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

    /// Asks the upload of one file to stop.
    func cancel(sessionID: String, name: String) {
        self.transfers.withLock { $0[Key(sessionID: sessionID, name: name)]?.canceled = true }
    }

    /// Asks every upload of a session to stop.
    func cancel(sessionID: String) {
        self.transfers.withLock { transfers in
            for key in transfers.keys where key.sessionID == sessionID { transfers[key]?.canceled = true }
        }
    }
}
