//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ContentLibraryModel

/// A read-only view of an item's files as they would be after `complete`.
///
/// Reads are random-access and asynchronous. Digests go through digest(of:algorithm:),
/// which answers from what the upload computed and reads the file only when it must, once.
public protocol ContentView: Sendable {
    /// The files, in a stable order.
    var files: [ContentFile] { get }

    /// Reads up to `count` bytes of a file from `offset`; fewer at the end of the file.
    /// - Throws: ContentViewError when the file is unknown or cannot be read.
    func read(_ name: String, offset: Int64, count: Int) async throws(ContentViewError) -> [UInt8]

    /// The hex digest of a file, from the known digests or computed once and remembered.
    func digest(of name: String, algorithm: ChecksumAlgorithm) async throws(ContentViewError) -> String
}

extension ContentView {
    /// The file with this name, if any.
    public func file(named name: String) -> ContentFile? {
        self.files.first { $0.name == name }
    }

    /// The file names.
    public var fileNames: [String] { self.files.map(\.name) }

    /// Reads a whole file that must not be larger than `limit` bytes.
    /// - Throws: ContentViewError/tooLarge(_:size:limit:) past the limit.
    public func readAll(_ name: String, limit: Int) async throws(ContentViewError) -> [UInt8] {
        guard let file = self.file(named: name) else { throw .notFound(name) }
        guard file.size <= Int64(limit) else { throw .tooLarge(name, size: file.size, limit: Int64(limit)) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(file.size))
        while Int64(bytes.count) < file.size {
            let chunk = try await self.read(name, offset: Int64(bytes.count), count: min(1 << 20, Int(file.size) - bytes.count))
            if chunk.isEmpty { throw .truncated(name, expected: file.size, actual: Int64(bytes.count)) }
            bytes += chunk
        }
        return bytes
    }

    /// Computes a digest by reading the file sequentially in 1 MiB chunks; memory stays flat.
    /// Views call this from digest(of:algorithm:) when the digest is not known.
    public func computeDigest(of name: String, algorithm: ChecksumAlgorithm) async throws(ContentViewError) -> String {
        guard let file = self.file(named: name) else { throw .notFound(name) }
        var hasher = StreamingHasher(algorithm)
        var offset: Int64 = 0
        while offset < file.size {
            let chunk = try await self.read(name, offset: offset, count: Int(min(Int64(1 << 20), file.size - offset)))
            if chunk.isEmpty { throw .truncated(name, expected: file.size, actual: offset) }
            hasher.update(chunk)
            offset += Int64(chunk.count)
        }
        return hasher.finalize()
    }
}

/// Why a content view could not answer.
public enum ContentViewError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No file of that name.
    case notFound(String)
    /// The file is larger than the caller accepts.
    case tooLarge(String, size: Int64, limit: Int64)
    /// The file ended before its recorded size.
    case truncated(String, expected: Int64, actual: Int64)
    /// The operating system refused a read.
    case io(String, reason: String)

    public var description: String {
        switch self {
        case .notFound(let name): "\(name): no such file in the content"
        case .tooLarge(let name, let size, let limit): "\(name): \(size) bytes is more than the limit of \(limit) bytes"
        case .truncated(let name, let expected, let actual): "\(name): ends after \(actual) of \(expected) bytes"
        case .io(let name, let reason): "\(name): \(reason)"
        }
    }
}
