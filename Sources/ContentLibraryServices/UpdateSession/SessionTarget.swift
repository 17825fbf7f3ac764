//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryModel
import ContentLibraryAPI

/// What a session updates: its item, the folder of the item's blobs, and the adapter of the
/// item's type — looked up together, once per call, instead of piece by piece.
struct SessionTarget: Sendable {
    /// The item.
    var item: ItemRecord
    /// Where the item's blobs are.
    var location: ItemLocation
    /// The adapter of the item's type.
    var adapter: any TypeAdapter
    /// The rule the library's security policy sets for the item's type, if any.
    var securityRule: SecurityRuleCheck?

    /// Looks up the target of `session`: its item and the item's library, read once.
    init(of session: SessionRecord, context: ServiceContext) async throws {
        let item = try await ItemService(context: context).record(session.itemID)
        self.init(item: item, library: try await LibraryService(context: context).record(item.libraryID), context: context)
    }

    /// The target of a session read in one snapshot; `NotFound` when its item is gone.
    init(of snapshot: SessionSnapshot, context: ServiceContext) throws {
        guard let item = snapshot.item else { throw ServiceError.notFound("library item", snapshot.session.itemID) }
        guard let library = snapshot.library else { throw ServiceError.notFound("library", item.libraryID) }
        self.init(item: item, library: library, context: context)
    }

    /// The target of an item in a library, both already read.
    init(item: ItemRecord, library: LibraryRecord, context: ServiceContext) {
        self.item = item
        self.location = ItemLocation(datastoreID: library.datastoreID, libraryID: library.id, itemID: item.id)
        self.adapter = context.adapters.adapter(forItemType: item.type)
        self.securityRule = SecurityRuleCheck(library: library, itemType: item.type, policies: context.configuration.securityPolicies)
    }

    /// Runs the adapter over the would-be content (the session's READY files, with their upload
    /// digests), then the library's security rule. `File.validate`, `complete` and the preview all
    /// judge the content through this one call.
    func validate(_ files: [SessionFileRecord], context: ServiceContext) async throws -> ValidationReport {
        let view = try SessionContent(context: context).view(of: files, location: self.location)
        let started = ContinuousClock.now
        let report = await self.adapter.validate(view, options: ValidationOptions(now: context.now()))
        let elapsed = (ContinuousClock.now - started).components
        context.metrics.validated(
            itemType: self.adapter.itemType, nanoseconds: elapsed.seconds * 1_000_000_000 + elapsed.attoseconds / 1_000_000_000
        )
        guard let rule = self.securityRule else { return report }
        let descriptor = files.first { self.adapter.role(ofFile: $0.name) == .metadata(kept: true) }?.name ?? files.first?.name ?? ""
        return rule.apply(to: report, descriptor: descriptor)
    }
}
