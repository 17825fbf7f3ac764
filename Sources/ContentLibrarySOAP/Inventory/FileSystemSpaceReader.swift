//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import Foundation

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
