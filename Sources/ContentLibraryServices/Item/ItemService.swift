//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import ContentLibraryModel
package import ContentLibraryAPI

/// Library items and their stored files: `com.vmware.content.library.item`, `…item.file`, `…item.storage`.
package struct ItemService: Sendable {
    private let context: ServiceContext

    /// Creates the service.
    package init(context: ServiceContext) { self.context = context }

    /// `Item.create`: an empty item in a library; its name must be unique there.
    package func create(_ spec: ItemModel, clientToken: String?, caller: Caller) async throws -> String {
        try caller.require(.addLibraryItem)
        try ServiceError.checkClientToken(clientToken)
        guard let libraryID = spec.libraryID else {
            throw ServiceError.invalidArgument("item.library_id", "The item spec must name its library_id.")
        }
        _ = try await LibraryService(context: self.context).record(libraryID)
        let name = try LibraryService.validName(spec.name)
        try LibraryService.checkDescription(spec.description)
        let now = self.context.now()
        let record = ItemRecord(
            id: self.context.newID(), libraryID: libraryID, name: name, description: spec.description ?? "",
            type: spec.type ?? "", contentVersion: 1, metadataVersion: 1, version: 1, creationTime: now,
            lastModifiedTime: now, sourceID: spec.sourceID
        )
        guard try await self.context.metadata.insertItem(record) else { throw Self.duplicateName(name, libraryID) }
        return record.id
    }

    /// `Item.get`.
    package func get(_ id: String, caller: Caller) async throws -> ItemModel {
        let record = try await self.record(id)
        let files = try await self.context.metadata.itemFiles(itemID: id)
        let library = try await LibraryService(context: self.context).record(record.libraryID)
        let rule = SecurityRuleCheck(library: library, itemType: record.type, policies: self.context.configuration.securityPolicies)
        return Self.model(record, files: files, rule: rule?.rule)
    }

    /// `Item.list`: the ids of a library's items.
    package func list(libraryID: String, caller: Caller) async throws -> [String] {
        _ = try await LibraryService(context: self.context).record(libraryID)
        return try await self.context.metadata.items(libraryID: libraryID).map(\.id)
    }

    /// `Item.find`: ids of items matching every property given.
    package func find(_ spec: ItemFindSpec, caller: Caller) async throws -> [String] {
        guard spec.name != nil || spec.libraryID != nil || spec.sourceID != nil || spec.type != nil || spec.cached != nil else {
            throw ServiceError.invalidArgument("item.find_spec", "The find spec must set at least one property.")
        }
        let candidates = try await self.context.metadata.items(libraryID: spec.libraryID).filter { item in
            (spec.name.map { item.name.lowercased() == $0.lowercased() } ?? true)
                && (spec.sourceID.map { item.sourceID == $0 } ?? true)
                && (spec.type.map { item.type.lowercased() == $0.lowercased() } ?? true)
        }
        guard let cached = spec.cached else { return candidates.map(\.id) }
        // `cached` as `get` shows it: the item holds files.
        var matches: [String] = []
        for item in candidates where try await !self.context.metadata.itemFiles(itemID: item.id).isEmpty == cached {
            matches.append(item.id)
        }
        return matches
    }

    /// `Item.update`: name, description and type; `version`, when given, must be current.
    package func update(_ id: String, _ spec: ItemModel, caller: Caller) async throws {
        try caller.require(.updateLibraryItem)
        var record = try await self.record(id)
        if let version = spec.version, version != String(record.version) {
            throw ServiceError.invalidArgument(
                "item.version", "The item \(id) changed: its version is \(record.version), not \(version).", args: [id, version]
            )
        }
        if let name = spec.name { record.name = try LibraryService.validName(name) }
        try LibraryService.checkDescription(spec.description)
        if let description = spec.description { record.description = description }
        if let type = spec.type { record.type = type }
        record.version += 1
        record.metadataVersion += 1
        record.lastModifiedTime = self.context.now()
        guard try await self.context.metadata.updateItem(record) else { throw Self.duplicateName(record.name, record.libraryID) }
    }

    /// `Item.delete`: the item and its content; refused while an update session is ACTIVE on it.
    package func delete(_ id: String, caller: Caller) async throws {
        try caller.require(.deleteLibraryItem)
        let record = try await self.record(id)
        let location = try await self.location(of: record)
        guard try await self.context.metadata.deleteItem(id: id) else {
            throw ServiceError.notAllowed(
                "item.busy", "The item \(id) has an active update session; cancel or complete it first.", args: [id]
            )
        }
        await self.context.content.deleteItem(location)
    }

    /// `item.File.list`.
    package func files(_ id: String, caller: Caller) async throws -> [ItemFileInfo] {
        _ = try await self.record(id)
        return try await self.context.metadata.itemFiles(itemID: id).map(Self.fileInfo)
    }

    /// `item.File.get`.
    package func file(_ id: String, name: String, caller: Caller) async throws -> ItemFileInfo {
        _ = try await self.record(id)
        guard let file = try await self.context.metadata.itemFiles(itemID: id).first(where: { $0.name == name }) else {
            throw ServiceError.notFound("file", "\(name) of item \(id)")
        }
        return Self.fileInfo(file)
    }

    /// `Item.copy`: refused; this server keeps one copy of each item's content.
    package func copy(_ sourceID: String, _ spec: ItemModel, clientToken: String?, caller: Caller) async throws -> String {
        _ = try await self.record(sourceID)
        try caller.require(.addLibraryItem)
        throw APIError(
            .unsupported, id: "com.vmware.content.library.item.copy.unsupported",
            "This server does not copy library items; create an item and upload its files instead."
        )
    }

    /// `item.Storage.list`: where each file's bytes are.
    package func storage(_ id: String, caller: Caller) async throws -> [StorageInfo] {
        try caller.require(.readStorage)
        let record = try await self.record(id)
        let location = try await self.location(of: record)
        return try await self.context.metadata.itemFiles(itemID: id).map { try self.storageInfo($0, location) }
    }

    /// `item.Storage.get`: one entry per backing (there is one) for a file.
    package func storage(_ id: String, fileName: String, caller: Caller) async throws -> [StorageInfo] {
        let all = try await self.storage(id, caller: caller)
        let matching = all.filter { $0.name == fileName }
        guard !matching.isEmpty else { throw ServiceError.notFound("file", "\(fileName) of item \(id)") }
        return matching
    }

    func record(_ id: String) async throws -> ItemRecord {
        guard let record = try await self.context.metadata.item(id: id) else { throw ServiceError.notFound("library item", id) }
        return record
    }

    func location(of item: ItemRecord) async throws -> ItemLocation {
        let library = try await LibraryService(context: self.context).record(item.libraryID)
        return ItemLocation(datastoreID: library.datastoreID, libraryID: library.id, itemID: item.id)
    }

    private func storageInfo(_ file: ItemFileRecord, _ location: ItemLocation) throws -> StorageInfo {
        StorageInfo(
            storageBacking: StorageBacking(type: .datastore, datastoreID: location.datastoreID),
            storageURIs: ["file://" + (try self.context.content.path(of: file.blob, in: location))],
            checksumInfo: file.checksum, name: file.name, size: file.size, cached: true, version: String(file.version)
        )
    }

    /// The wire form. Under a security rule, the item complies when it has no content yet or its
    /// content was verified at its last `complete` (content from before the policy was applied
    /// was not), and its certificate verification is shown; without a rule it complies.
    static func model(_ record: ItemRecord, files: [ItemFileRecord], rule: SecurityRuleType?) -> ItemModel {
        let verification = rule.map { _ in record.certificateVerification ?? CertificateVerificationInfo(status: .notAvailable) }
        return ItemModel(
            id: record.id, libraryID: record.libraryID, contentVersion: ContentVersion.format(record.contentVersion),
            creationTime: record.creationTime, description: record.description,
            lastModifiedTime: record.lastModifiedTime, metadataVersion: String(record.metadataVersion),
            name: record.name, cached: !files.isEmpty, size: files.reduce(0) { $0 + $1.size }, type: record.type,
            version: String(record.version), sourceID: record.sourceID,
            securityCompliance: verification.map { files.isEmpty || $0.status == .verified } ?? true,
            certificateVerificationInfo: verification
        )
    }

    static func fileInfo(_ file: ItemFileRecord) -> ItemFileInfo {
        ItemFileInfo(checksumInfo: file.checksum, name: file.name, size: file.size, cached: true, version: String(file.version))
    }

    private static func duplicateName(_ name: String, _ libraryID: String) -> APIError {
        APIError(
            .alreadyExists, id: "com.vmware.content.library.item.name_exists",
            "An item named '\(name)' already exists in library \(libraryID).", args: [name, libraryID]
        )
    }
}
