//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ContentLibraryAdapters
public import ContentLibraryModel

/// A content view over byte arrays, so tests can patch images without touching the disk.
public struct MemoryContentView: ContentView {
    /// The bytes of each file.
    public let data: [String: [UInt8]]
    /// The files, in the order given.
    public let files: [ContentFile]

    /// Creates a view of `(name, bytes)` pairs, with optional declared size and checksum per file.
    public init(_ entries: [(name: String, bytes: [UInt8])], declaredSize: Int64? = nil, declaredChecksum: ChecksumInfo? = nil) {
        self.data = Dictionary(entries.map { ($0.name, $0.bytes) }, uniquingKeysWith: { _, last in last })
        self.files = entries.map {
            ContentFile(
                name: $0.name, size: Int64($0.bytes.count), declaredSize: declaredSize, declaredChecksum: declaredChecksum
            )
        }
    }

    /// Creates a view of one file.
    public init(name: String, bytes: [UInt8], declaredSize: Int64? = nil, declaredChecksum: ChecksumInfo? = nil) {
        self.init([(name, bytes)], declaredSize: declaredSize, declaredChecksum: declaredChecksum)
    }

    /// A slice of the file's bytes.
    public func read(_ name: String, offset: Int64, count: Int) async throws(ContentViewError) -> [UInt8] {
        guard let bytes = self.data[name] else { throw .notFound(name) }
        guard offset >= 0, offset < Int64(bytes.count), count > 0 else { return [] }
        let end = min(bytes.count, Int(offset) + count)
        return Array(bytes[Int(offset)..<end])
    }

    /// The digest, computed from the bytes.
    public func digest(of name: String, algorithm: ChecksumAlgorithm) async throws(ContentViewError) -> String {
        try await self.computeDigest(of: name, algorithm: algorithm)
    }
}
