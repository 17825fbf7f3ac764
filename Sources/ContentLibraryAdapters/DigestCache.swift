//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ContentLibraryModel
import Synchronization

/// Remembers digests a view computed, so that no file is hashed twice for one algorithm.
public final class DigestCache: Sendable {
    private struct Key: Hashable {
        var name: String
        var algorithm: ChecksumAlgorithm
    }

    private let digests: Mutex<[Key: String]>

    /// Creates a cache seeded with the digests the files already carry.
    public init(seed files: [ContentFile]) {
        var digests: [Key: String] = [:]
        for file in files {
            for (algorithm, hex) in file.knownDigests { digests[Key(name: file.name, algorithm: algorithm)] = hex.lowercased() }
        }
        self.digests = Mutex(digests)
    }

    /// The digest, from the cache or computed by `compute` and remembered.
    public func digest(
        of name: String,
        algorithm: ChecksumAlgorithm,
        compute: () async throws(ContentViewError) -> String
    ) async throws(ContentViewError) -> String {
        let key = Key(name: name, algorithm: algorithm)
        if let known = self.digests.withLock({ $0[key] }) { return known }
        let hex = try await compute()
        self.digests.withLock { $0[key] = hex }
        return hex
    }

    /// How many digests are known, for tests that prove a file was not re-read.
    public var count: Int { self.digests.withLock { $0.count } }
}
