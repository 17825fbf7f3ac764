//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ContentLibraryModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A content view over files on the local disk: the CLI's folders and the server's staging.
///
/// File names are the session names; paths are where the bytes are. The view never lists a
/// folder or follows a name: callers decide which paths belong to the content.
public struct LocalContentView: LocalPathContentView {
    /// One file: its session name, the path of its bytes, and what is already known of it.
    public struct Entry: Hashable, Sendable {
        /// The file as adapters see it.
        public var file: ContentFile
        /// Where the bytes are.
        public var path: String

        /// Creates an entry.
        public init(file: ContentFile, path: String) {
            self.file = file
            self.path = path
        }
    }

    private let entries: [String: Entry]
    private let cache: DigestCache
    public let files: [ContentFile]

    /// Creates a view over entries whose sizes are already known.
    public init(entries: [Entry]) {
        self.files = entries.map(\.file)
        self.entries = Dictionary(entries.map { ($0.file.name, $0) }, uniquingKeysWith: { _, last in last })
        self.cache = DigestCache(seed: self.files)
    }

    /// Creates a view over local paths, named by their last path component, sizes read from disk.
    /// - Throws: ContentViewError when a path is not a readable regular file.
    public init(paths: [String]) throws(ContentViewError) {
        var entries: [Entry] = []
        for path in paths {
            var info = stat()
            guard stat(path, &info) == 0 else { throw .io(path, reason: String(cString: strerror(errno))) }
            guard (info.st_mode & S_IFMT) == S_IFREG else { throw .io(path, reason: "not a regular file") }
            let name = path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
            entries.append(Entry(file: ContentFile(name: name, size: Int64(info.st_size)), path: path))
        }
        self.init(entries: entries)
    }

    public func read(_ name: String, offset: Int64, count: Int) async throws(ContentViewError) -> [UInt8] {
        guard let entry = self.entries[name] else { throw .notFound(name) }
        guard count > 0, offset >= 0 else { return [] }
        let fd = open(entry.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .io(name, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = bytes.withUnsafeMutableBytes { buffer in
                pread(fd, buffer.baseAddress! + filled, count - filled, off_t(offset) + off_t(filled))
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw .io(name, reason: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            filled += n
        }
        bytes.removeLast(count - filled)
        return bytes
    }

    public func digest(of name: String, algorithm: ChecksumAlgorithm) async throws(ContentViewError) -> String {
        try await self.cache.digest(of: name, algorithm: algorithm) { () async throws(ContentViewError) -> String in
            try await self.computeDigest(of: name, algorithm: algorithm)
        }
    }

    public func localPath(of name: String) -> String? {
        self.entries[name]?.path
    }

    /// How many digests the view knows, seeded or computed; tests use it to prove reuse.
    public var knownDigestCount: Int { self.cache.count }
}
