//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

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
