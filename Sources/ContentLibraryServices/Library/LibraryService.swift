//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import ContentLibraryModel
package import ContentLibraryAPI

/// Libraries: `com.vmware.content.local_library` and `com.vmware.content.library`.
package struct LibraryService: Sendable {
    private let context: ServiceContext

    /// Creates the service.
    package init(context: ServiceContext) { self.context = context }

    /// `LocalLibrary.create`: a library backed by one configured datastore.
    package func createLocal(_ spec: LibraryModel, clientToken: String?, caller: Caller) async throws -> String {
        try caller.require(.createLocalLibrary)
        try ServiceError.checkClientToken(clientToken)
        let name = try Self.validName(spec.name)
        try Self.checkDescription(spec.description)
        if let type = spec.type, type != .local {
            throw ServiceError.invalidArgument("library.type", "A local library must have type LOCAL, not \(type.rawValue).")
        }
        let backings = spec.storageBackings ?? []
        guard !backings.isEmpty else {
            throw ServiceError.invalidArgument("library.storage_backings", "A library needs one storage backing.")
        }
        guard backings.count == 1 else {
            throw APIError(.unsupported, id: "com.vmware.content.library.storage_backings.multiple", "A library may have only one storage backing; \(backings.count) were given.")
        }
        let backing = backings[0]
        guard backing.type == .datastore, let datastore = backing.datastoreID else {
            throw ServiceError.invalidArgument(
                "library.storage_backing", "The storage backing must be a DATASTORE with a datastore_id; other backings are not supported."
            )
        }
        guard self.context.configuration.datastoreIDs.contains(datastore) else {
            throw ServiceError.invalidArgument(
                "library.datastore", "The datastore \(datastore) does not exist; configured: \(self.context.configuration.datastoreIDs.joined(separator: ", ")).",
                args: [datastore]
            )
        }
        let policy = try spec.securityPolicyID.map { id throws(APIError) in try SecurityPolicyService(context: self.context).policy(id).policy }
        let now = self.context.now()
        let record = LibraryRecord(
            id: self.context.newID(), name: name, description: spec.description ?? "", type: .local,
            datastoreID: datastore, creationTime: now, lastModifiedTime: now, version: 1, securityPolicyID: policy
        )
        try await self.context.metadata.insertLibrary(record)
        return record.id
    }

    /// `Library.get` and `LocalLibrary.get`.
    package func get(_ id: String, caller: Caller) async throws -> LibraryModel {
        self.model(try await self.record(id))
    }

    /// `Library.list` and `LocalLibrary.list`: every library id.
    package func list(caller: Caller) async throws -> [String] {
        try await self.context.metadata.libraries().map(\.id)
    }

    /// `Library.find`: ids of libraries matching every property given.
    package func find(_ spec: LibraryFindSpec, caller: Caller) async throws -> [String] {
        guard spec.name != nil || spec.type != nil else {
            throw ServiceError.invalidArgument("library.find_spec", "The find spec must set at least one property.")
        }
        return try await self.context.metadata.libraries().filter { library in
            (spec.name.map { library.name.lowercased() == $0.lowercased() } ?? true)
                && (spec.type.map { library.type == $0 } ?? true)
        }.map(\.id)
    }

    /// `LocalLibrary.update`: name, description and security policy (`unset_security_policy_id`
    /// removes it); `version`, when given, must be current.
    package func update(_ id: String, _ spec: LibraryModel, caller: Caller) async throws {
        try caller.require(.updateLocalLibrary)
        var record = try await self.record(id)
        if let version = spec.version, version != String(record.version) {
            throw APIError(
                .concurrentChange, id: "com.vmware.content.library.version",
                "The library \(id) changed: its version is \(record.version), not \(version).", args: [id, version]
            )
        }
        if let name = spec.name { record.name = try Self.validName(name) }
        try Self.checkDescription(spec.description)
        if let description = spec.description { record.description = description }
        if let backings = spec.storageBackings, backings != [StorageBacking(type: .datastore, datastoreID: record.datastoreID)] {
            throw ServiceError.invalidArgument("library.storage_backings", "The storage backing of a library cannot be changed.")
        }
        if spec.unsetSecurityPolicyID == true {
            record.securityPolicyID = nil
        } else if let id = spec.securityPolicyID {
            record.securityPolicyID = try SecurityPolicyService(context: self.context).policy(id).policy
        }
        record.version += 1
        record.lastModifiedTime = self.context.now()
        try await self.context.metadata.updateLibrary(record)
    }

    /// `LocalLibrary.delete`: the library, its items and their content.
    package func delete(_ id: String, caller: Caller) async throws {
        try caller.require(.deleteLocalLibrary)
        let record = try await self.record(id)
        guard let items = try await self.context.metadata.deleteLibrary(id: id) else {
            throw ServiceError.notAllowed(
                "library.in_use", "The library \(id) has an item with an active update session; cancel or complete it first.", args: [id]
            )
        }
        for item in items {
            await self.context.content.deleteItem(ItemLocation(datastoreID: record.datastoreID, libraryID: id, itemID: item))
        }
    }

    func record(_ id: String) async throws -> LibraryRecord {
        guard let record = try await self.context.metadata.library(id: id) else { throw ServiceError.notFound("library", id) }
        return record
    }

    private func model(_ record: LibraryRecord) -> LibraryModel {
        LibraryModel(
            id: record.id, creationTime: record.creationTime, description: record.description,
            lastModifiedTime: record.lastModifiedTime, name: record.name,
            storageBackings: [StorageBacking(type: .datastore, datastoreID: record.datastoreID)],
            type: record.type, version: String(record.version), serverGUID: self.context.configuration.serverGUID,
            securityPolicyID: record.securityPolicyID
        )
    }

    static func validName(_ name: String?) throws(APIError) -> String {
        guard let name, !name.allSatisfy(\.isWhitespace) else {
            throw ServiceError.invalidArgument("name.empty", "The name must not be empty.")
        }
        guard name.count <= 80 else {
            throw ServiceError.invalidArgument("name.length", "The name is longer than 80 characters.", args: [name])
        }
        return name
    }

    static func checkDescription(_ description: String?) throws(APIError) {
        if let description, description.count > 2000 {
            throw ServiceError.invalidArgument("description.length", "The description is longer than 2000 characters.")
        }
    }
}
