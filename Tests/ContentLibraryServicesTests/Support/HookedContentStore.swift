//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryServices
import ContentLibraryStorage
import NIOCore
import Synchronization

/// The folder store, with a hook that runs before a blob is opened for writing: where a test
/// places a race exactly (e.g. a session ending after an upload began but before its blob exists).
final class HookedContentStore: ContentStore {
    private let base: FolderContentStore
    private let hook = Mutex<(@Sendable () async -> Void)?>(nil)

    init(_ base: FolderContentStore) {
        self.base = base
    }

    /// Runs `action` once, before the next writer opens.
    func beforeNextWriter(_ action: @escaping @Sendable () async -> Void) {
        self.hook.withLock { $0 = action }
    }

    func newBlobName() -> String { self.base.newBlobName() }

    func path(of blob: String, in location: ItemLocation) throws -> String {
        try self.base.path(of: blob, in: location)
    }

    func openWriter(for blob: String, in location: ItemLocation, at offset: Int64) async throws -> any BlobWriter {
        if let action = self.hook.withLock({ hook in defer { hook = nil }; return hook }) { await action() }
        return try await self.base.openWriter(for: blob, in: location, at: offset)
    }

    func size(of blob: String, in location: ItemLocation) async -> Int64? {
        await self.base.size(of: blob, in: location)
    }

    func read(_ blob: String, in location: ItemLocation, range: Range<Int64>, _ body: (ByteBuffer) async throws -> Void) async throws {
        try await self.base.read(blob, in: location, range: range, body)
    }

    func delete(_ blobs: [String], in location: ItemLocation) async {
        await self.base.delete(blobs, in: location)
    }

    func deleteItem(_ location: ItemLocation) async {
        await self.base.deleteItem(location)
    }

    func collectGarbage(in location: ItemLocation, keep: Set<String>) async -> Int {
        await self.base.collectGarbage(in: location, keep: keep)
    }
}
