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

    /// Streams `body` into `writer`; `progress` is told the running total and answers whether
    /// the transfer may go on.
    mutating func receive<Body: AsyncSequence>(
        _ body: Body, into writer: any BlobWriter, progress: (Int64) -> Bool
    ) async -> Outcome where Body.Element == ByteBuffer {
        do {
            for try await buffer in body {
                let total = self.received + Int64(buffer.readableBytes)
                if let limit = self.limit, total > limit {
                    return .refused("\(self.name): more than the declared \(limit) bytes were sent.")
                }
                if total > self.ceiling {
                    return .refused("\(self.name): the file is larger than the server's limit max_file_size of \(self.ceiling) bytes.")
                }
                self.rehash(buffer)
                do {
                    try await writer.write(buffer)
                } catch {
                    return .refused("\(self.name): the bytes could not be stored: \(error).")
                }
                self.received = total
                guard progress(total) else {
                    return .refused("\(self.name): the transfer was stopped because the file or its update session ended.")
                }
            }
            return .ended
        } catch {
            return .broken(error)
        }
    }
}
