//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// A byte range of a local file: where an uploaded file's bytes are.
///
/// A plain file is the whole of itself; an OVA member is the range of its data in the `.ova`,
/// so members are sent straight from the archive and never unpacked to disk.
public struct FileSlice: Hashable, Sendable {
    /// The local file.
    public var path: String
    /// Where the bytes start in it.
    public var offset: Int64
    /// How many bytes.
    public var length: Int64

    /// Creates a slice.
    public init(path: String, offset: Int64 = 0, length: Int64) {
        self.path = path
        self.offset = offset
        self.length = length
    }
}
