//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import Foundation

/// The size and free space of the file system that holds a datastore's folder.
package struct DatastoreSpace: Sendable, Equatable {
    /// Total bytes of the file system.
    package var capacity: Int64
    /// Bytes free for this process.
    package var free: Int64

    /// Creates a measure.
    package init(capacity: Int64, free: Int64) {
        self.capacity = capacity
        self.free = free
    }
}

/// Measures datastores; the seam tests replace.
package protocol DatastoreSpaceReading: Sendable {
    /// The space of the file system holding `folder`; `nil` when it cannot be read.
    func space(of folder: String) -> DatastoreSpace?
}

/// Reads the space with `statfs` (through `FileManager.attributesOfFileSystem`).
package struct FileSystemSpaceReader: DatastoreSpaceReading {
    /// Creates the reader.
    package init() {}

    /// The space of the file system holding `folder`, or its nearest existing parent.
    package func space(of folder: String) -> DatastoreSpace? {
        var path = folder
        while !FileManager.default.fileExists(atPath: path), path != "/", !path.isEmpty {
            path = (path as NSString).deletingLastPathComponent
        }
        guard let attributes = try? FileManager.default.attributesOfFileSystem(forPath: path.isEmpty ? "." : path),
            let size = (attributes[.systemSize] as? NSNumber)?.int64Value,
            let free = (attributes[.systemFreeSize] as? NSNumber)?.int64Value
        else { return nil }
        return DatastoreSpace(capacity: size, free: free)
    }
}
