//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ContentLibraryModel

/// A content view whose files are byte ranges of files in another view.
///
/// An OVA is one file holding a tar; its members are validated as an OVF package through this
/// view, reading ranges of the `.ova` and never unpacking it.
public struct SlicedContentView: ContentView {
    /// One file of the view: a name and the range of a base file that holds its bytes.
    public struct Slice: Hashable, Sendable {
        /// The name adapters see.
        public var name: String
        /// The file of the base view that holds the bytes.
        public var baseName: String
        /// Where the bytes start in the base file.
        public var offset: Int64
        /// How many bytes.
        public var size: Int64

        /// Creates a slice.
        public init(name: String, baseName: String, offset: Int64, size: Int64) {
            self.name = name
            self.baseName = baseName
            self.offset = offset
            self.size = size
        }
    }

    private let base: any ContentView
    private let slices: [String: Slice]
    private let cache: DigestCache
    public let files: [ContentFile]

    /// Creates a view over slices of `base`; later slices of the same name win.
    public init(base: any ContentView, slices: [Slice]) {
        self.base = base
        self.slices = Dictionary(slices.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
        var seen: Set<String> = []
        self.files = slices.reversed().filter { seen.insert($0.name).inserted }.reversed().map {
            ContentFile(name: $0.name, size: $0.size)
        }
        self.cache = DigestCache(seed: [])
    }

    public func read(_ name: String, offset: Int64, count: Int) async throws(ContentViewError) -> [UInt8] {
        guard let slice = self.slices[name] else { throw .notFound(name) }
        guard offset >= 0, offset < slice.size, count > 0 else { return [] }
        let length = Int(min(Int64(count), slice.size - offset))
        return try await self.base.read(slice.baseName, offset: slice.offset + offset, count: length)
    }

    public func digest(of name: String, algorithm: ChecksumAlgorithm) async throws(ContentViewError) -> String {
        try await self.cache.digest(of: name, algorithm: algorithm) { () async throws(ContentViewError) -> String in
            try await self.computeDigest(of: name, algorithm: algorithm)
        }
    }
}
