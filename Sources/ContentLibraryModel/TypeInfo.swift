//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// What `Type.list` says of an adapter (`com.vmware.content.type.info`).
public struct TypeInfo: Hashable, Codable, Sendable {
    /// The item type served, e.g. `ovf`.
    public var type: String
    /// A short name, e.g. `OVF`.
    public var name: String
    /// What the adapter does.
    public var description: String
    /// Who made it.
    public var vendor: String
    /// Its version.
    public var version: String
    /// The warning types the adapter may raise, with their defaults: an extension of this server
    /// (the 8.0.2 binding has no such field; vAPI clients keep unknown fields aside). `Type.list`
    /// fills it from the adapter's `warningDeclarations`; an adapter need not set it.
    public var warningTypes: [WarningDeclaration]?

    /// Creates type info.
    public init(type: String, name: String, description: String, vendor: String, version: String) {
        self.type = type
        self.name = name
        self.description = description
        self.vendor = vendor
        self.version = version
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case type, name, description, vendor, version
        case warningTypes = "warning_types"
    }
}

extension TypeInfo: VAPIStructure {
    /// The binding type on the vAPI wire.
    public static let vapiStructureID = "com.vmware.content.type.info"
    /// The binding's optional `supported_rules`, which no adapter here declares.
    public static let vapiUnsetFields = ["supported_rules"]
}
