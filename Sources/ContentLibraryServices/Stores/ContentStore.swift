//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import NIOCore

/// Where the bytes of items live: one folder per item on its library's datastore, each file a
/// blob with a server-chosen name.
///
/// Session uploads are written as new blobs in the item's folder but stay invisible: the item's
/// file records still name the old blobs until `complete` swaps them in one metadata
/// transaction. Blobs nobody references are garbage, removed by `collectGarbage`.
package protocol ContentStore: Sendable {
    /// A fresh, unguessable blob name.
    func newBlobName() -> String
    /// The local path of a blob, for content views and reads.
    func path(of blob: String, in location: ItemLocation) throws -> String
    /// Opens a blob for writing from `offset`: at 0 it starts empty; further on, its first
    /// `offset` bytes are kept and the rest replaced, which is how a resumed upload continues.
    ///
    /// The bytes are written in place, so what was flushed survives a dropped connection or a
    /// crash and a later upload can pick up from it.
    func openWriter(for blob: String, in location: ItemLocation, at offset: Int64) async throws -> any BlobWriter
    /// The size of a blob, `nil` when it does not exist.
    func size(of blob: String, in location: ItemLocation) async -> Int64?
    /// Reads the bytes `range` of a blob in order, in chunks of at most 1 MiB: the prefix of an
    /// upload that resumes after a restart (re-hashed), or what a download asks for.
    func read(_ blob: String, in location: ItemLocation, range: Range<Int64>, _ body: (ByteBuffer) async throws -> Void) async throws
    /// Deletes blobs; missing ones are ignored.
    func delete(_ blobs: [String], in location: ItemLocation) async
    /// Deletes an item's folder.
    func deleteItem(_ location: ItemLocation) async
    /// Deletes the blobs of an item's folder that are not in `keep`; returns how many.
    func collectGarbage(in location: ItemLocation, keep: Set<String>) async -> Int
}

/// Writes one blob sequentially.
package protocol BlobWriter: Sendable {
    /// Appends the bytes of `buffers`, in order, without copying them.
    ///
    /// It may return before they are on disk, so that the next bytes arrive while these are
    /// written; it waits for the batch before, so at most one batch is in flight (memory stays
    /// flat). A failure to store a batch is thrown by the next `write` or by `close`.
    func write(_ buffers: [ByteBuffer]) async throws
    /// Flushes and closes the blob; after this it is durable. A writer cut short is closed too,
    /// keeping what arrived for a resumed upload.
    func close() async throws
    /// Closes and deletes the partial blob.
    func abandon() async
}

/// Which folder holds an item's blobs.
package struct ItemLocation: Hashable, Sendable {
    /// The datastore of the item's library.
    package var datastoreID: String
    /// The library.
    package var libraryID: String
    /// The item.
    package var itemID: String

    /// Creates a location.
    package init(datastoreID: String, libraryID: String, itemID: String) {
        self.datastoreID = datastoreID
        self.libraryID = libraryID
        self.itemID = itemID
    }
}
