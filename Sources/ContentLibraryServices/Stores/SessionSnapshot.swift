//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// An update session with everything a read of it shows — its item, the item's library and the
/// session's files — read in one transaction (`MetadataStore.sessionSnapshot(id:)`), so that a
/// `get` or a file `list` is one read of the store, consistent in itself.
package struct SessionSnapshot: Sendable {
    /// The session.
    package var session: SessionRecord
    /// Its item; `nil` only when the item was deleted after the session ended.
    package var item: ItemRecord?
    /// The item's library; `nil` when the item is.
    package var library: LibraryRecord?
    /// The session's files in the order they were added.
    package var files: [SessionFileRecord]

    /// Creates a snapshot.
    package init(session: SessionRecord, item: ItemRecord?, library: LibraryRecord?, files: [SessionFileRecord]) {
        self.session = session
        self.item = item
        self.library = library
        self.files = files
    }
}
