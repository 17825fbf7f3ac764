//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import Synchronization

/// Owns the background tasks of PULL transfers.
///
/// A pull outlives the `add` call that starts it, so something must hold its task: this
/// scheduler, held by `Services`. Each task is also attached to the `TransferRegistry` entry of
/// its file, so that everything that stops transfers — `cancel`, `fail`, expiry, `remove` —
/// cancels the task as well. Tests and shutdown can wait for the pulls to end.
package final class PullScheduler: Sendable {
    private struct Key: Hashable {
        var sessionID: String
        var name: String
    }

    private struct Running {
        var generation: Int
        var task: Task<Void, Never>
    }

    private let tasks = Mutex<(next: Int, running: [Key: Running])>((0, [:]))
    private let transfers: TransferRegistry

    /// Creates a scheduler that attaches its tasks to `transfers`.
    package init(transfers: TransferRegistry) {
        self.transfers = transfers
    }

    /// Runs `pull` in a new task for the file `name` of a session, whose transfer slot the caller
    /// already holds in the registry.
    func start(sessionID: String, name: String, _ pull: @escaping @Sendable () async -> Void) {
        let key = Key(sessionID: sessionID, name: name)
        let task = self.tasks.withLock { tasks in
            tasks.next += 1
            let generation = tasks.next
            let task = Task {
                await pull()
                // Forget this task, unless a newer pull of the same file replaced it.
                self.tasks.withLock { tasks in
                    if tasks.running[key]?.generation == generation { tasks.running.removeValue(forKey: key) }
                }
            }
            tasks.running[key] = Running(generation: generation, task: task)
            return task
        }
        self.transfers.attach(sessionID: sessionID, name: name) { task.cancel() }
    }

    /// The number of pulls running.
    package var running: Int { self.tasks.withLock { $0.running.count } }

    /// Waits until no pull is running (those started meanwhile included).
    package func waitForAll() async {
        while let task = self.tasks.withLock({ $0.running.values.first?.task }) {
            await task.value
        }
    }

    /// Cancels every pull, for shutdown.
    package func cancelAll() {
        self.tasks.withLock { tasks in for running in tasks.running.values { running.task.cancel() } }
    }
}
