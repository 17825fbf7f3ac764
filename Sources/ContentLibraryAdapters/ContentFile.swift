//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ContentLibraryModel

/// One file of the content an adapter sees.
public struct ContentFile: Hashable, Sendable {
    /// The session file name.
    public var name: String
    /// Its size in bytes as stored.
    public var size: Int64
    /// Digests already known (computed while uploading), algorithm → lower-case hex.
    public var knownDigests: [ChecksumAlgorithm: String]
    /// The size the client declared in `File.AddSpec.size`, if any.
    public var declaredSize: Int64?
    /// The checksum the client declared in `File.AddSpec.checksum_info`, if any.
    public var declaredChecksum: ChecksumInfo?

    /// Creates a content file.
    public init(
        name: String,
        size: Int64,
        knownDigests: [ChecksumAlgorithm: String] = [:],
        declaredSize: Int64? = nil,
        declaredChecksum: ChecksumInfo? = nil
    ) {
        self.name = name
        self.size = size
        self.knownDigests = knownDigests
        self.declaredSize = declaredSize
        self.declaredChecksum = declaredChecksum
    }
}
