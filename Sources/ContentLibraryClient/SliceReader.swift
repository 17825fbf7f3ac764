//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import NIOCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads chunks of a FileSlice by position, with one open descriptor for the whole upload.
///
/// Reads are positional (`pread`), so the same reader serves a first attempt, a resume from
/// any offset and a re-read for the digest without seeking state; each read is one chunk
/// (about 1 MiB), which keeps memory flat whatever the file size.
final class SliceReader: Sendable {
    /// The size of one read.
    static let chunkSize = 1 << 20

    /// The slice read.
    let slice: FileSlice
    private let descriptor: Int32

    /// Opens the slice's file.
    /// - Throws: `ClientError.usage` when it cannot be opened.
    init(_ slice: FileSlice) throws(ClientError) {
        let descriptor = open(slice.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw .usage("\(slice.path): \(String(cString: strerror(errno)))")
        }
        self.slice = slice
        self.descriptor = descriptor
    }

    deinit {
        close(self.descriptor)
    }

    /// Reads `count` bytes at `position` (relative to the slice); all of them or an error.
    /// - Throws: `ClientError.importFailed` when the file cannot be read or became shorter.
    func read(at position: Int64, count: Int) throws(ClientError) -> ByteBuffer {
        guard count > 0 else { return ByteBuffer() }
        var buffer = ByteBufferAllocator().buffer(capacity: count)
        var failure: Int32 = 0
        while buffer.readableBytes < count {
            let filled = buffer.readableBytes
            let n = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count - filled) { bytes in
                let got = pread(self.descriptor, bytes.baseAddress!, count - filled, off_t(self.slice.offset + position) + off_t(filled))
                if got < 0 { failure = errno }
                return max(got, 0)
            }
            if failure == EINTR {
                failure = 0
                continue
            }
            if failure != 0 {
                throw .importFailed("\(self.slice.path): cannot be read: \(String(cString: strerror(failure)))")
            }
            if n == 0 {
                throw .importFailed(
                    "\(self.slice.path): the file ended at byte \(self.slice.offset + position + Int64(filled)) while being sent; it changed during the import"
                )
            }
        }
        return buffer
    }
}
