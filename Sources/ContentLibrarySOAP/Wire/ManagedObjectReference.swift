//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// A vim25 managed object reference: `<obj type="Datastore">datastore-1</obj>`.
package struct ManagedObjectReference: Hashable, Sendable, CustomStringConvertible {
    /// The managed object type, e.g. `Folder`.
    package var type: String
    /// The id, e.g. `group-d1`.
    package var value: String

    /// Creates a reference.
    package init(type: String, value: String) {
        self.type = type
        self.value = value
    }

    /// Reads `<name type="T">value</name>`; `nil` when the element has no `type` attribute.
    package init?(_ element: SOAPXMLElement) {
        guard let type = element.attributes["type"], !type.isEmpty else { return nil }
        self.init(type: type, value: element.trimmedText)
    }

    /// `Type:value`, as in fault messages.
    package var description: String { "\(self.type):\(self.value)" }

    /// The XML of the reference as an element called `name`.
    func xml(_ name: String) -> String {
        "<\(name) type=\"\(XMLText.escaped(self.type))\">\(XMLText.escaped(self.value))</\(name)>"
    }
}
