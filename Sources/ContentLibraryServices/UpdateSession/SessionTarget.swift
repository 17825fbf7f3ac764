//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryModel

/// What a session updates: its item, the folder of the item's blobs, and the adapter of the
/// item's type — looked up together, once per call, instead of piece by piece.
struct SessionTarget: Sendable {
    /// The item.
    var item: ItemRecord
    /// Where the item's blobs are.
    var location: ItemLocation
    /// The adapter of the item's type.
    var adapter: any TypeAdapter

    /// Looks up the target of `session`.
    init(of session: SessionRecord, context: ServiceContext) async throws {
        let items = ItemService(context: context)
        self.item = try await items.record(session.itemID)
        self.location = try await items.location(of: self.item)
        self.adapter = context.adapters.adapter(forItemType: self.item.type)
    }

    /// Runs the adapter over the would-be content: the session's READY files, with their upload digests.
    /// `File.validate`, `complete` and the preview all judge the content through this one call.
    func validate(_ files: [SessionFileRecord], context: ServiceContext) async throws -> ValidationReport {
        let view = try SessionContent(context: context).view(of: files, location: self.location)
        return await self.adapter.validate(view, options: ValidationOptions(now: context.now()))
    }
}
