//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import NIOConcurrencyHelpers
import NIOCore
import _NIOFileSystem

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a range of a blob in chunks, a few chunks ahead of the consumer, into a small set of
/// buffers that are used again and again: the read of the next chunks (on the file system's
/// thread pool) overlaps the consumer's sending of this one, and memory stays at
/// `(readAhead + 1) × chunkSize` whatever the size of the blob.
///
/// Reusing the buffers matters as much as bounding them: a fresh buffer per chunk, allocated on
/// a pool thread and freed on an event loop, makes the allocator's per-thread arenas grow and
/// shrink all the time (page faults, zeroing, memory kept by fragmentation), which cost both
/// time and tens of MiB of RSS during a download. A buffer handed to the consumer may still be
/// held by the network layer when its turn comes again; it is then copied on write, never
/// overwritten.
struct FolderBlobReader {
    /// The bytes of one chunk at most.
    static let chunkSize = 512 << 10
    /// The chunks being read while the consumer has one.
    static let readAhead = 2

    let handle: ReadFileHandle

    /// Calls `body` with the bytes `range` of the file, in order, in chunks of at most
    /// `chunkSize`. A file shorter than `range` is an `EIO` error.
    func read(_ range: Range<Int64>, _ body: (ByteBuffer) async throws -> Void) async throws {
        // A buffer moves between this task, a pool thread (reading into it) and the consumer;
        // the box lets the pool thread write into it in place rather than into a copy.
        var spare: [NIOLockedValueBox<ByteBuffer>] = []
        var reads: [Task<NIOLockedValueBox<ByteBuffer>, any Error>] = []
        var next = range.lowerBound
        func startRead() {
            guard next < range.upperBound else { return }
            let box = spare.popLast() ?? NIOLockedValueBox(ByteBufferAllocator().buffer(capacity: Self.chunkSize))
            let (offset, length) = (next, Int(min(Int64(Self.chunkSize), range.upperBound - next)))
            next += Int64(length)
            let handle = self.handle
            reads.append(
                Task {
                    try await handle.withUnsafeDescriptor { descriptor in
                        try box.withLockedValue { buffer in try Self.read(into: &buffer, length, at: offset, from: descriptor.rawValue) }
                    }
                    return box
                }
            )
        }
        do {
            for _ in 0...Self.readAhead { startRead() }
            while !reads.isEmpty {
                let box = try await reads.removeFirst().value
                try await body(box.withLockedValue { $0 })
                spare.append(box)
                startRead()
            }
        } catch {
            // The handle closes when this returns: no read may be left running on it.
            for read in reads { _ = try? await read.value }
            throw error
        }
    }

    /// Replaces the contents of `buffer` with `length` bytes of `descriptor` at `offset`,
    /// continuing after a short read. Blocking: runs on the file system's thread pool.
    private static func read(into buffer: inout ByteBuffer, _ length: Int, at offset: Int64, from descriptor: CInt) throws {
        buffer.clear()
        var done = 0
        while done < length {
            let count = try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: length - done) { bytes -> Int in
                while true {
                    let result = pread(descriptor, bytes.baseAddress, length - done, off_t(offset) + off_t(done))
                    if result > 0 { return result }
                    // The blob ends before the range: it was truncated under us.
                    if result == 0 { throw Errno(rawValue: EIO) }
                    guard errno == EINTR else { throw Errno(rawValue: errno) }
                }
            }
            done += count
        }
    }
}
