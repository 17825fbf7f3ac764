//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryModel
import NIOCore

/// Takes the bytes of one transfer into a blob: counts, hashes and writes them in one pass, so
/// nothing is read twice and memory stays flat whatever the size.
///
/// The three overlap: the buffers that arrive are gathered into batches of about
/// `batchBytes`; each batch is hashed on tasks of its own (`HashingPipeline`, one per algorithm)
/// while the writer stores it and the receiver gathers the next one. Each side holds at most one
/// batch besides the one being gathered, so a slow disk or hasher holds back the body (and so
/// the socket) instead of growing memory.
///
/// It is the machinery PUSH uploads and PULL fetches share. The hashers may carry the state of
/// earlier pieces of the same file, so digests continue across a resumed upload. What the
/// bytes amount to is `PieceSettlement`'s to say.
package struct FileReceiver {
    /// How a body ended.
    package enum Outcome: Sendable {
        /// The body ended normally.
        case ended
        /// The body broke off (a dropped connection, a failed fetch); what arrived is written.
        case broken(any Error)
        /// The transfer must not go on; the text says why.
        case refused(String)
    }

    /// The digests being computed, over every byte of the file so far.
    private(set) var hashers: [StreamingHasher]
    /// Bytes of the file so far, earlier pieces included.
    private(set) var received: Int64
    /// The declared size of the file, which it may not exceed.
    let limit: Int64?
    /// The server's largest file (`ServiceLimits.maxFileSize`), for a file declared without a size.
    let ceiling: Int64
    /// The name of the file, for messages.
    let name: String

    init(name: String, hashers: [StreamingHasher], received: Int64, limit: Int64?, ceiling: Int64 = .max) {
        self.name = name
        self.hashers = hashers
        self.received = received
        self.limit = limit
        self.ceiling = ceiling
    }

    /// Fresh hashers for a file: SHA-256 always (what the item records), plus the declared algorithm.
    static func hashers(declared: ChecksumAlgorithm?) -> [StreamingHasher] {
        var algorithms: [ChecksumAlgorithm] = [.sha256]
        if let declared, declared != .sha256 { algorithms.append(declared) }
        return algorithms.map { StreamingHasher($0) }
    }

    /// Feeds bytes that are already stored (the prefix of a resumed upload) to the hashers only.
    mutating func rehash(_ buffer: ByteBuffer) {
        buffer.withUnsafeReadableBytes { bytes in
            for index in self.hashers.indices { self.hashers[index].update(bufferPointer: bytes) }
        }
    }

    /// The bytes gathered before a batch is handed to the hashers and the writer.
    static let batchBytes = 1 << 20
    /// The buffers of a batch at most (a body of small buffers is written with few vectors each).
    static let batchBuffers = 256

    /// Streams `body` into `writer`; `progress` is told the running total and answers whether
    /// the transfer may go on.
    ///
    /// Whatever the outcome, every byte counted in `received` is hashed and handed to the writer
    /// before this returns (a body cut short keeps what arrived); the writer may still be
    /// storing the last batch, which its `close` waits for.
    mutating func receive<Body: AsyncSequence>(
        _ body: Body, into writer: any BlobWriter, progress: (Int64) -> Bool
    ) async -> Outcome where Body.Element == ByteBuffer {
        var hashing = HashingPipeline(self.hashers)
        var batch: [ByteBuffer] = []
        var gathered = 0
        var outcome = Outcome.ended
        do {
            for try await buffer in body {
                let total = self.received + Int64(buffer.readableBytes)
                if let limit = self.limit, total > limit {
                    outcome = .refused("\(self.name): more than the declared \(limit) bytes were sent.")
                    break
                }
                if total > self.ceiling {
                    outcome = .refused("\(self.name): the file is larger than the server's limit max_file_size of \(self.ceiling) bytes.")
                    break
                }
                batch.append(buffer)
                gathered += buffer.readableBytes
                self.received = total
                if gathered >= Self.batchBytes || batch.count >= Self.batchBuffers {
                    if let failure = await self.hand(batch, to: &hashing, and: writer) {
                        outcome = .refused(failure)
                        batch = []
                        break
                    }
                    batch = []
                    gathered = 0
                }
                guard progress(total) else {
                    outcome = .refused("\(self.name): the transfer was stopped because the file or its update session ended.")
                    break
                }
            }
        } catch {
            outcome = .broken(error)
        }
        if let failure = await self.hand(batch, to: &hashing, and: writer) {
            // Bytes that could not be stored are not kept, even from a body cut short.
            if case .refused = outcome {} else { outcome = .refused(failure) }
        }
        self.hashers = await hashing.finish()
        return outcome
    }

    /// Starts hashing and writing a batch (each after its batch before); the reason when the
    /// writer failed.
    private func hand(_ batch: [ByteBuffer], to hashing: inout HashingPipeline, and writer: any BlobWriter) async -> String? {
        guard !batch.isEmpty else { return nil }
        await hashing.hash(batch)
        do {
            try await writer.write(batch)
            return nil
        } catch {
            return "\(self.name): the bytes could not be stored: \(error)."
        }
    }
}
