//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// One managed object of the inventory with the property values this server has for it.
package struct InventoryObject: Sendable, Equatable {
    /// Its reference.
    package var reference: ManagedObjectReference
    /// Its properties by name, in the order they are listed when all are asked for.
    package var properties: [SOAPField]

    /// Creates an object.
    package init(_ reference: ManagedObjectReference, _ properties: [SOAPField]) {
        self.reference = reference
        self.properties = properties
    }

    /// The value at a property path (`summary.freeSpace`): `nil` when unset.
    /// - Throws: `InvalidProperty` when the type has no such property.
    package func value(at path: String) throws(SOAPFault) -> SOAPValue? {
        let steps = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard let first = steps.first, ManagedObjectType.has(self.reference.type, property: first) else {
            throw SOAPFault.invalidProperty(path, type: self.reference.type)
        }
        var value = self.properties.first { $0.name == first }?.value
        for step in steps.dropFirst() {
            guard let current = value else { return nil }
            guard case .object = current else { throw SOAPFault.invalidProperty(path, type: self.reference.type) }
            value = current.field(step)
        }
        return value
    }
}
