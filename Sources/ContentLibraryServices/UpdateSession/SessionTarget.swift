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

    /// Looks up the target of `session`.
    init(of session: SessionRecord, context: ServiceContext) async throws {
        let items = ItemService(context: context)
        self.item = try await items.record(session.itemID)
        self.location = try await items.location(of: self.item)
        self.adapter = context.adapters.adapter(forItemType: self.item.type)
        let policy = try await context.metadata.library(id: self.item.libraryID)?.securityPolicyID.flatMap { id in
            context.configuration.securityPolicies.first { $0.policy == id }
        }
        self.securityRule = policy.flatMap { policy in policy.itemTypeRules[self.item.type].map { SecurityRuleCheck(policy: policy, rule: $0) } }
    }

    /// Runs the adapter over the would-be content (the session's READY files, with their upload
    /// digests), then the library's security rule. `File.validate`, `complete` and the preview all
    /// judge the content through this one call.
    func validate(_ files: [SessionFileRecord], context: ServiceContext) async throws -> ValidationReport {
        let view = try SessionContent(context: context).view(of: files, location: self.location)
        let report = await self.adapter.validate(view, options: ValidationOptions(now: context.now()))
        guard let rule = self.securityRule else { return report }
        let descriptor = files.first { self.adapter.role(ofFile: $0.name) == .metadata(kept: true) }?.name ?? files.first?.name ?? ""
        return rule.apply(to: report, descriptor: descriptor)
    }
}
