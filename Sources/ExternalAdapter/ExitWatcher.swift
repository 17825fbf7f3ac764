//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import Dispatch
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reaps one child on a thread of its own and answers, with a time limit, how it ended.
///
/// The exit is known as soon as the child ends, even while a grandchild still holds its pipes.
final class ExitWatcher: Sendable {
    private let ended = DispatchSemaphore(value: 0)
    private let outcome = Mutex<ExternalProcess.Outcome?>(nil)

    /// Starts waiting for `pid`.
    init(pid: pid_t) {
        Thread.detachNewThread { self.reap(pid) }
    }

    private func reap(_ pid: pid_t) {
        var status: Int32 = 0
        var result: pid_t
        repeat { result = waitpid(pid, &status, 0) } while result < 0 && errno == EINTR
        let ending: ExternalProcess.Outcome =
            if result < 0 {
                .launchFailed("lost track of the program: \(String(cString: strerror(errno)))")
            } else if status & 0x7f == 0 {
                .exited((status >> 8) & 0xff)
            } else {
                .signaled(status & 0x7f)
            }
        self.outcome.withLock { $0 = ending }
        self.ended.signal()
    }

    /// How the child ended, or `nil` if it still runs after `seconds`.
    func wait(seconds: Double) -> ExternalProcess.Outcome? {
        guard self.ended.wait(timeout: .now() + seconds) == .success else { return nil }
        self.ended.signal()
        return self.outcome.withLock { $0 }
    }
}
