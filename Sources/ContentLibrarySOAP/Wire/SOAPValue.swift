//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// A vim25 value as it goes on the wire: the properties of managed objects and method results.
package indirect enum SOAPValue: Sendable, Equatable {
    /// A simple value with its XML Schema type (`xsd:string`, `xsd:long`, `xsd:boolean`,
    /// `xsd:dateTime`, or an enumeration such as `ManagedEntityStatus`).
    case simple(type: String, text: String)
    /// A managed object reference.
    case reference(ManagedObjectReference)
    /// A data object of a vim25 type, its fields in schema order.
    case object(type: String, fields: [SOAPField])
    /// An array (`ArrayOfString`, `ArrayOfManagedObjectReference`, …) whose items are written as
    /// elements called `itemName` when the array is a whole property value.
    case array(type: String, itemName: String, items: [SOAPValue])

    /// An `xsd:string`.
    package static func string(_ text: String) -> SOAPValue { .simple(type: "xsd:string", text: text) }
    /// An `xsd:long`.
    package static func long(_ number: Int64) -> SOAPValue { .simple(type: "xsd:long", text: String(number)) }
    /// An `xsd:int`.
    package static func int(_ number: Int) -> SOAPValue { .simple(type: "xsd:int", text: String(number)) }
    /// An `xsd:boolean`.
    package static func boolean(_ flag: Bool) -> SOAPValue { .simple(type: "xsd:boolean", text: flag ? "true" : "false") }
    /// An `ArrayOfString`.
    package static func strings(_ items: [String]) -> SOAPValue {
        .array(type: "ArrayOfString", itemName: "string", items: items.map(SOAPValue.string))
    }
    /// An `ArrayOfManagedObjectReference`.
    package static func references(_ items: [ManagedObjectReference]) -> SOAPValue {
        .array(type: "ArrayOfManagedObjectReference", itemName: "ManagedObjectReference", items: items.map(SOAPValue.reference))
    }

    /// The schema type named in `xsi:type` when the value stands for an `anyType`.
    var schemaType: String {
        switch self {
        case .simple(let type, _): type
        case .reference: "ManagedObjectReference"
        case .object(let type, _): type
        case .array(let type, _, _): type
        }
    }

    /// The field called `name` of a data object.
    package func field(_ name: String) -> SOAPValue? {
        guard case .object(_, let fields) = self else { return nil }
        return fields.first { $0.name == name }?.value
    }

    /// The managed object references in the value (itself, or an array's items).
    var references: [ManagedObjectReference] {
        switch self {
        case .reference(let reference): [reference]
        case .array(_, _, let items): items.flatMap(\.references)
        default: []
        }
    }

    /// The value as an element called `name` whose declared type is `anyType`: with `xsi:type`.
    func typedXML(_ name: String) -> String {
        let open = "<\(name) xsi:type=\"\(XMLText.escaped(self.schemaType))\""
        switch self {
        case .reference(let reference):
            return open + " type=\"\(XMLText.escaped(reference.type))\">\(XMLText.escaped(reference.value))</\(name)>"
        case .array(_, let itemName, let items):
            return open + ">" + items.map { $0.xml(itemName) }.joined() + "</\(name)>"
        default:
            return open + ">" + self.content + "</\(name)>"
        }
    }

    /// The value as a field called `name` of a known type: arrays repeat the element.
    func xml(_ name: String) -> String {
        switch self {
        case .reference(let reference): reference.xml(name)
        case .array(_, _, let items): items.map { $0.xml(name) }.joined()
        default: "<\(name)>" + self.content + "</\(name)>"
        }
    }

    /// The element content of a simple value or a data object.
    private var content: String {
        switch self {
        case .simple(_, let text): XMLText.escaped(text)
        case .object(_, let fields): fields.map { $0.value.xml($0.name) }.joined()
        case .reference(let reference): XMLText.escaped(reference.value)
        case .array(_, let itemName, let items): items.map { $0.xml(itemName) }.joined()
        }
    }
}
