//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import NIOCore
import Synchronization

/// The request body of one upload attempt: the slice's bytes from `start` to its end, read one
/// chunk at a time as the HTTP client asks for them, each chunk hashed (when a digest is kept)
/// and counted before it is handed over.
struct SliceBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    /// What the attempts of one upload share: the digest and the progress callback.
    final class Tally: Sendable {
        private let digest: Mutex<ResumableDigest?>
        let progress: @Sendable (Int64) -> Void

        init(digest: ResumableDigest?, progress: @escaping @Sendable (Int64) -> Void) {
            self.digest = Mutex(digest)
            self.progress = progress
        }

        /// Hashes a chunk read at `position`, when it is the next byte the digest needs.
        func hash(_ buffer: ByteBuffer, at position: Int64) {
            self.digest.withLock { digest in
                guard digest != nil, digest!.position == position else { return }
                buffer.withUnsafeReadableBytes { digest!.update($0) }
            }
        }

        /// Brings the digest to exactly `offset`: back to a checkpoint, then forward by re-reading
        /// locally the bytes up to `offset` (they are not sent again).
        func prepareDigest(at offset: Int64, reader: SliceReader) throws(ClientError) {
            var position = self.digest.withLock { digest -> Int64 in
                digest?.rewind(toAtMost: offset) ?? offset
            }
            while position < offset {
                let count = Int(Swift.min(Int64(SliceReader.chunkSize), offset - position))
                let buffer = try reader.read(at: position, count: count)
                self.hash(buffer, at: position)
                position += Int64(count)
            }
        }

        /// The digest's hex value once every byte is hashed, else `nil`.
        func finalDigest(length: Int64) -> String? {
            self.digest.withLock { digest in
                guard let digest, digest.position == length else { return nil }
                return digest.finalize()
            }
        }
    }

    let reader: SliceReader
    let start: Int64
    let tally: Tally

    func makeAsyncIterator() -> Iterator {
        Iterator(reader: self.reader, position: self.start, tally: self.tally)
    }

    struct Iterator: AsyncIteratorProtocol {
        let reader: SliceReader
        var position: Int64
        let tally: Tally

        mutating func next() async throws -> ByteBuffer? {
            let remaining = self.reader.slice.length - self.position
            guard remaining > 0 else { return nil }
            let count = Int(Swift.min(Int64(SliceReader.chunkSize), remaining))
            let buffer = try self.reader.read(at: self.position, count: count)
            self.tally.hash(buffer, at: self.position)
            self.position += Int64(count)
            self.tally.progress(self.position)
            return buffer
        }
    }
}
