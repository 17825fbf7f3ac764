//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
public import ContentLibraryModel

/// A digest of a file computed while it is sent, which stays right when an upload resumes at
/// an offset other than where reading stopped.
///
/// Bytes are hashed in order as they are read for sending. A connection can break with bytes
/// read (and hashed) that the server never got; the resume then starts at the server's offset,
/// below the digest's position. A hash cannot be un-fed, so the digest keeps copies of its
/// state (checkpoints) every `interval` bytes: rewinding restores the last checkpoint at or
/// before the offset, and the caller re-reads (locally, without sending) the few bytes from
/// there up to the offset. The checkpoint at 0 is always kept, so any offset can be reached;
/// the re-read is at most `interval` bytes unless the server lost more than the retained
/// checkpoints cover.
public struct ResumableDigest: Sendable {
    /// The algorithm computed.
    public var algorithm: ChecksumAlgorithm { self.hasher.algorithm }
    /// How many bytes have been hashed: the next byte to hash is at this offset.
    public private(set) var position: Int64 = 0

    private var hasher: StreamingHasher
    private var checkpoints: [(position: Int64, hasher: StreamingHasher)]
    private let interval: Int64
    private let retained: Int

    /// Starts a digest.
    /// - Parameters:
    ///   - interval: bytes between checkpoints (the most re-read on a resume).
    ///   - retained: how many recent checkpoints are kept besides the one at 0.
    public init(_ algorithm: ChecksumAlgorithm, interval: Int64 = 8 << 20, retained: Int = 32) {
        self.hasher = StreamingHasher(algorithm)
        self.checkpoints = [(0, self.hasher)]
        self.interval = max(1, interval)
        self.retained = max(1, retained)
    }

    /// Hashes the bytes that follow `position`.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        self.hasher.update(bufferPointer: bytes)
        self.position += Int64(bytes.count)
        if self.position - self.checkpoints[self.checkpoints.count - 1].position >= self.interval {
            self.checkpoints.append((self.position, self.hasher))
            if self.checkpoints.count > self.retained + 1 {
                self.checkpoints.remove(at: 1)
            }
        }
    }

    /// Hashes the bytes of an array that follow `position`.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { self.update($0) }
    }

    /// Moves back to the last checkpoint at or before `offset`; the caller then feeds the bytes
    /// from the new `position` up to `offset`. Moving forward is not done here: the caller feeds
    /// the bytes from `position` on.
    /// - Returns: the new position (≤ `offset`).
    @discardableResult
    public mutating func rewind(toAtMost offset: Int64) -> Int64 {
        guard offset < self.position else { return self.position }
        let checkpoint = self.checkpoints.last { $0.position <= offset } ?? self.checkpoints[0]
        self.hasher = checkpoint.hasher
        self.position = checkpoint.position
        self.checkpoints.removeAll { $0.position > checkpoint.position }
        return self.position
    }

    /// The lower-case hex digest of the bytes hashed so far.
    public func finalize() -> String {
        self.hasher.finalize()
    }
}
