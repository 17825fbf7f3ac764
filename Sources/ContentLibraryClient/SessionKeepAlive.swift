//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import Foundation
import Synchronization

/// Keeps an update or download session from expiring while the client works, and tells the server how far
/// the client is (`client_progress`).
///
/// Uploads and calls already refresh a session, but long stretches without either happen (a
/// slow disk, the wait after complete, a retry's back-off); a keep-alive every `interval`
/// (by default half of the time the session has left, at most 60 s) covers them.
final class SessionKeepAlive: Sendable {
    private let progress = Mutex<Int64>(0)
    private let task = Mutex<Task<Void, Never>?>(nil)

    /// The interval for a session that expires at `expiration`: half the time left, between 1 and 60 seconds.
    static func interval(until expiration: Date?, now: Date = Date()) -> Duration {
        guard let expiration else { return .seconds(60) }
        let half = expiration.timeIntervalSince(now) / 2
        return .milliseconds(Int64(min(60, max(1, half)) * 1000))
    }

    /// Calls `send` with the last progress reported every `interval`: an update or a download
    /// session's `keep_alive`.
    func start(interval: Duration, send: @escaping @Sendable (Int64) async -> Void) {
        let task = Task { [self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                if Task.isCancelled { return }
                await send(self.progress.withLock { $0 })
            }
        }
        self.task.withLock { $0 = task }
    }

    /// Records the client's progress (0 to 100) for the next keep-alive.
    func report(percent: Int64) {
        self.progress.withLock { $0 = min(100, max(0, percent)) }
    }

    /// Stops the keep-alives.
    func stop() {
        self.task.withLock { $0?.cancel(); $0 = nil }
    }
}
