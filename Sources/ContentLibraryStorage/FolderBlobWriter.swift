//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryServices
import NIOCore
import _NIOFileSystem

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a blob one batch of network buffers at a time, each batch with one vectored write
/// (`pwritev`) on the file system's thread pool: no copy of the buffers, few system calls.
///
/// `write` queues a batch and returns at once unless `maxInFlight` batches are queued, so the
/// file system writes while the next batches arrive and are hashed; memory stays bounded by
/// those batches. The batches are written one at a time, in order:
/// - two writes to one file at once contend for its inode lock, for which the kernel spins: on
///   two cores, uploads measured 150–180 MiB/s instead of 550 with a core of system time spent
///   spinning (docs/performance.md, "Scale-out");
/// - a process that dies mid-upload leaves a prefix of the content, never a hole that a resumed
///   upload (which trusts the file's length) would take for received bytes.
actor FolderBlobWriter: BlobWriter {
    private let handle: WriteFileHandle
    private let path: String
    /// Where the next batch starts.
    private var offset: Int64
    /// The batches queued or being written, oldest first; each waits for the one before it.
    private var inFlight: [Task<Void, any Error>] = []
    /// The batches queued at most.
    private static let maxInFlight = 4
    /// Why a batch could not be written: every later `write` and `close` throws it.
    private var failure: (any Error)?
    /// The buffers of one `pwritev` at most (`IOV_MAX` is 1024 on Linux and Darwin).
    private static let maxVectors = 512

    init(handle: WriteFileHandle, path: String, offset: Int64) {
        self.handle = handle
        self.path = path
        self.offset = offset
    }

    func write(_ buffers: [ByteBuffer]) async throws {
        if let failure = self.failure { throw failure }
        while self.inFlight.count >= Self.maxInFlight { try await self.settleOldest() }
        let bytes = buffers.reduce(0) { $0 + $1.readableBytes }
        guard bytes > 0 else { return }
        let handle = self.handle
        let offset = self.offset
        let previous = self.inFlight.last
        self.offset += Int64(bytes)
        // Not cancellable, as `close`: the batch is written whatever becomes of the request.
        self.inFlight.append(
            Task {
                // After the batch before it (whose failure is this one's: nothing is written past it).
                try await previous?.value
                try await handle.withUnsafeDescriptor { descriptor in
                    try Self.write(buffers, to: descriptor.rawValue, at: offset)
                }
            }
        )
    }

    func close() async throws {
        // Not cancellable: NIOFileSystem refuses work in a cancelled task, and a handle that is
        // not closed is a leaked descriptor (a fatal error in debug builds). A pull's task is
        // cancelled to stop it, and its blob must still be closed or removed.
        let handle = self.handle
        let inFlight = self.inFlight
        let failure = self.failure
        self.inFlight = []
        try await Task {
            do {
                // Every batch ends before the handle closes, failed or not.
                var first = failure
                for task in inFlight {
                    do { try await task.value } catch { first = first ?? error }
                }
                if let first { throw first }
            } catch {
                try? await handle.close()
                throw error
            }
            try await handle.close()
        }.value
    }

    func abandon() async {
        let handle = self.handle
        let path = self.path
        let inFlight = self.inFlight
        self.inFlight = []
        // Not cancellable, as `close`.
        await Task {
            for task in inFlight { _ = try? await task.value }
            try? await handle.close()
            _ = try? await FileSystem.shared.removeItem(at: FilePath(path))
        }.value
    }

    /// Waits for the oldest batch being written; throws its failure (and remembers it).
    private func settleOldest() async throws {
        let oldest = self.inFlight.removeFirst()
        do {
            try await oldest.value
        } catch {
            self.failure = error
            throw error
        }
    }

    /// Writes every byte of `buffers` at `offset` of the file `descriptor`, in vectored writes
    /// of at most `maxVectors` buffers, continuing after a partial write. Blocking: runs on the
    /// file system's thread pool.
    private static func write(_ buffers: [ByteBuffer], to descriptor: CInt, at offset: Int64) throws {
        var position = offset
        var index = 0
        var skip = 0  // bytes of buffers[index] already written
        while index < buffers.count {
            let end = min(buffers.count, index + Self.maxVectors)
            let written = try Self.writeVectors(buffers[index..<end], skippingFirst: skip, to: descriptor, at: position)
            position += Int64(written)
            // Advance past what was written.
            var left = written + skip
            skip = 0
            while index < end, left >= buffers[index].readableBytes {
                left -= buffers[index].readableBytes
                index += 1
            }
            if index < end { skip = left }
        }
    }

    /// One `pwritev` of `buffers` (the first without its first `skip` bytes); the bytes written.
    private static func writeVectors(_ buffers: ArraySlice<ByteBuffer>, skippingFirst skip: Int, to descriptor: CInt, at offset: Int64) throws -> Int {
        var vectors: [iovec] = []
        vectors.reserveCapacity(buffers.count)
        // The pointers stay valid while `buffers` is alive: the caller holds it for the call.
        for (position, buffer) in buffers.enumerated() {
            buffer.withUnsafeReadableBytes { bytes in
                let start = position == 0 ? skip : 0
                guard bytes.count > start, let base = bytes.baseAddress else { return }
                vectors.append(iovec(iov_base: UnsafeMutableRawPointer(mutating: base + start), iov_len: bytes.count - start))
            }
        }
        guard !vectors.isEmpty else { return 0 }
        while true {
            let result = vectors.withUnsafeBufferPointer { pwritev(descriptor, $0.baseAddress, CInt($0.count), off_t(offset)) }
            if result > 0 { return result }
            // A regular file takes at least a byte of a non-empty write, or says why not.
            if result == 0 { throw Errno(rawValue: EIO) }
            guard errno == EINTR else { throw Errno(rawValue: errno) }
        }
    }
}
