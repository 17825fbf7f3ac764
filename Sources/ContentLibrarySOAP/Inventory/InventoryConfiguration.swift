//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// What the inventory is made of, all from the server's configuration: the datacenter's name,
/// the datastores (id → folder), and the product facts `about` reports.
package struct InventoryConfiguration: Sendable {
    /// The one datacenter's name (`serve --datacenter`, default `dc1`).
    package var datacenterName: String
    /// Datastore id (as in library storage backings, e.g. `datastore-1`) → its folder.
    package var datastores: [String: String]
    /// The server's guid: `about.instanceUuid`.
    package var instanceUUID: String
    /// The product version `about` reports.
    package var productVersion: String

    /// Creates a configuration.
    package init(datacenterName: String = "dc1", datastores: [String: String], instanceUUID: String, productVersion: String = ContentLibraryProduct.version) {
        self.datacenterName = datacenterName
        self.datastores = datastores
        self.instanceUUID = instanceUUID
        self.productVersion = productVersion
    }
}
