//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ContentLibraryAdapters
public import ContentLibraryModel
import Synchronization

/// Wraps a view and counts the bytes read through it, to prove a check reads O(1) bytes.
public final class CountingContentView: ContentView {
    /// The view read through.
    private let base: any ContentView
    /// The bytes read so far.
    private let counter = Mutex<Int>(0)

    /// Wraps `base`.
    public init(_ base: any ContentView) { self.base = base }

    /// The wrapped view's files.
    public var files: [ContentFile] { self.base.files }

    /// The bytes returned by `read` so far.
    public var bytesRead: Int { self.counter.withLock { $0 } }

    /// Reads through the wrapped view and counts the bytes returned.
    public func read(_ name: String, offset: Int64, count: Int) async throws(ContentViewError) -> [UInt8] {
        let bytes = try await self.base.read(name, offset: offset, count: count)
        self.counter.withLock { $0 += bytes.count }
        return bytes
    }

    /// The wrapped view's digest.
    public func digest(of name: String, algorithm: ChecksumAlgorithm) async throws(ContentViewError) -> String {
        try await self.base.digest(of: name, algorithm: algorithm)
    }
}
