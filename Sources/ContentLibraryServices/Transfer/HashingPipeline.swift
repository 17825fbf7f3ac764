//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import NIOCore

/// Hashes a transfer's bytes off the task that receives them, a batch at a time, while the
/// receiver reads the next batches and the writer stores them.
///
/// Each algorithm has a chain of tasks, one per batch, each continuing the digest its
/// predecessor returns: the algorithms run in parallel with each other, and a batch's hashing
/// starts as soon as the one before ends, without waiting for the receiver to come back. The
/// buffers are shared with the writer, not copied (a `ByteBuffer` is copy-on-write and neither
/// side writes to it). At most `depth` batches are queued or being hashed: `hash` waits for
/// the oldest beyond that, which holds back the receiver and, through it, the socket.
struct HashingPipeline {
    /// The batches queued or being hashed at most.
    static let depth = 3

    /// The digests as they were before the batches in `chains`.
    private var settled: [StreamingHasher]
    /// For each batch not yet settled, oldest first: one task per algorithm, in the order of
    /// `settled`, returning the digest after that batch.
    private var chains: [[Task<StreamingHasher, Never>]] = []

    /// Continues the digests of `hashers`.
    init(_ hashers: [StreamingHasher]) {
        self.settled = hashers
    }

    /// Queues `batch` for hashing after the batches before it; waits while `depth` batches are
    /// queued.
    mutating func hash(_ batch: [ByteBuffer]) async {
        guard !batch.isEmpty else { return }
        while self.chains.count >= Self.depth { await self.settleOldest() }
        let previous = self.chains.last
        let tasks = self.settled.indices.map { index in
            let before = previous?[index]
            let start = self.settled[index]
            return Task {
                var hasher = if let before { await before.value } else { start }
                for buffer in batch {
                    buffer.withUnsafeReadableBytes { hasher.update(bufferPointer: $0) }
                }
                return hasher
            }
        }
        self.chains.append(tasks)
    }

    /// The digests of every batch, once the last one is hashed.
    mutating func finish() async -> [StreamingHasher] {
        while !self.chains.isEmpty { await self.settleOldest() }
        return self.settled
    }

    /// Waits for the oldest batch to be hashed.
    private mutating func settleOldest() async {
        let oldest = self.chains.removeFirst()
        var done: [StreamingHasher] = []
        done.reserveCapacity(oldest.count)
        for task in oldest { done.append(await task.value) }
        self.settled = done
    }
}
