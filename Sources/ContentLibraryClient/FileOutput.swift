//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import Foundation
import NIOCore

/// A local file `export` writes sequentially: a `.part` it may continue, or an `.ova` it builds.
///
/// Writes go at the end; `truncate` cuts back to a byte (a download that starts over), and
/// `rehash` reads what is there into a hasher (a `.part` continued from an earlier run, a file
/// already complete), 1 MiB at a time.
final class FileOutput {
    private let handle: FileHandle
    private let path: String
    /// The bytes in the file: where the next write goes.
    private(set) var position: Int64

    /// Opens `path` for writing, creating it; `keepingFirst` cuts it to that many bytes (0 starts
    /// it empty), `nil` keeps what it holds and writes after it.
    init(path: String, keepingFirst: Int64?) throws(ClientError) {
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else { throw .usage("cannot create \(path)") }
        }
        do {
            self.handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
            self.path = path
            if let keep = keepingFirst { try self.handle.truncate(atOffset: UInt64(keep)) }
            self.position = Int64(try self.handle.seekToEnd())
        } catch {
            throw .usage("cannot open \(path) for writing: \(error.localizedDescription)")
        }
    }

    /// Appends bytes.
    func write(_ bytes: [UInt8]) throws(ClientError) {
        try self.write(Data(bytes), count: bytes.count)
    }

    /// Appends a buffer's readable bytes.
    func write(_ buffer: ByteBuffer) throws(ClientError) {
        try self.write(Data(buffer.readableBytesView), count: buffer.readableBytes)
    }

    private func write(_ data: Data, count: Int) throws(ClientError) {
        do {
            try self.handle.write(contentsOf: data)
            self.position += Int64(count)
        } catch {
            throw .usage("cannot write \(self.path): \(error.localizedDescription)")
        }
    }

    /// Cuts the file to `length` bytes; the next write goes there.
    func truncate(to length: Int64) throws(ClientError) {
        guard length != self.position else { return }
        do {
            try self.handle.truncate(atOffset: UInt64(length))
            self.position = length
        } catch {
            throw .usage("cannot truncate \(self.path): \(error.localizedDescription)")
        }
    }

    /// Feeds every byte of the file to `hasher`, leaving the write position at the end.
    func rehash(into hasher: inout StreamingHasher) throws(ClientError) {
        do {
            try self.handle.seek(toOffset: 0)
            while let chunk = try self.handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                chunk.withUnsafeBytes { hasher.update(bufferPointer: $0) }
            }
            self.position = Int64(try self.handle.seekToEnd())
        } catch {
            throw .usage("cannot read \(self.path): \(error.localizedDescription)")
        }
    }

    /// Flushes the file to storage.
    func sync() throws(ClientError) {
        do { try self.handle.synchronize() } catch { throw .usage("cannot flush \(self.path): \(error.localizedDescription)") }
    }

    /// Closes the file.
    func close() throws(ClientError) {
        do { try self.handle.close() } catch { throw .usage("cannot close \(self.path): \(error.localizedDescription)") }
    }

    /// Deletes the file (after `close`).
    func remove() throws(ClientError) {
        do { try FileManager.default.removeItem(atPath: self.path) } catch { throw .usage("cannot delete \(self.path): \(error.localizedDescription)") }
    }
}
