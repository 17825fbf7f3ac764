//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// A `PropertyFilterSpec`: which objects to visit (object specs with their traversal specs) and
/// which of their properties to return (property specs).
package struct PropertyFilterSpec: Sendable, Equatable {
    /// A `PropertySpec`: the properties wanted from objects of a type (and its subtypes).
    package struct PropertySpec: Sendable, Equatable {
        /// The type, e.g. `ManagedEntity`.
        package var type: String
        /// Whether every property is wanted.
        package var all: Bool
        /// The property paths wanted (when not `all`).
        package var paths: [String]
    }

    /// A `SelectionSpec`: a traversal, or a reference to a named traversal.
    package indirect enum Selection: Sendable, Equatable {
        /// A `TraversalSpec`: from objects of `type`, follow the references in property `path`.
        case traversal(Traversal)
        /// A plain `SelectionSpec` naming a traversal spec declared elsewhere in the object spec.
        case named(String)
    }

    /// A `TraversalSpec`.
    package struct Traversal: Sendable, Equatable {
        /// Its number in the request, so unnamed traversals can be told apart.
        package var serial: Int
        /// The name other selection specs refer to it by.
        package var name: String?
        /// The type it applies to.
        package var type: String
        /// The property holding the references to follow.
        package var path: String
        /// Whether the objects reached are left out of the result (still traversed).
        package var skip: Bool
        /// What to do from the objects reached.
        package var selectSet: [Selection]
    }

    /// An `ObjectSpec`: a starting object and where to go from it.
    package struct ObjectSpec: Sendable, Equatable {
        /// The starting object.
        package var object: ManagedObjectReference
        /// Whether the starting object is left out of the result.
        package var skip: Bool
        /// The traversals from it.
        package var selectSet: [Selection]
    }

    /// The property specs.
    package var propSet: [PropertySpec]
    /// The object specs.
    package var objectSet: [ObjectSpec]

    /// Reads a `specSet` (or `spec`) element.
    /// - Throws: `InvalidArgument` for a malformed spec.
    package init(_ element: SOAPXMLElement) throws(SOAPFault) {
        var serial = 0
        self.propSet = []
        for prop in element.children("propSet") {
            guard let type = prop.childText("type"), !type.isEmpty else {
                throw SOAPFault.invalidArgument("type", "A PropertySpec needs a type.")
            }
            self.propSet.append(
                PropertySpec(type: type, all: prop.childText("all") == "true", paths: prop.children("pathSet").map(\.trimmedText))
            )
        }
        self.objectSet = []
        for object in element.children("objectSet") {
            guard let objElement = object.child("obj"), let reference = ManagedObjectReference(objElement) else {
                throw SOAPFault.invalidArgument("obj", "An ObjectSpec needs an obj (a managed object reference).")
            }
            self.objectSet.append(
                ObjectSpec(
                    object: reference, skip: object.childText("skip") == "true",
                    selectSet: try Self.selections(object.children("selectSet"), serial: &serial, depth: 0)
                )
            )
        }
    }

    private static func selections(_ elements: [SOAPXMLElement], serial: inout Int, depth: Int) throws(SOAPFault) -> [Selection] {
        guard depth < 32 else { throw SOAPFault.invalidArgument("selectSet", "Selection specs are nested too deeply.") }
        var result: [Selection] = []
        for element in elements {
            if let path = element.childText("path") {
                guard let type = element.childText("type"), !type.isEmpty else {
                    throw SOAPFault.invalidArgument("type", "A TraversalSpec needs a type.")
                }
                serial += 1
                let name = element.childText("name").flatMap { $0.isEmpty ? nil : $0 }
                let traversal = Traversal(
                    serial: serial, name: name, type: type, path: path, skip: element.childText("skip") == "true",
                    selectSet: try Self.selections(element.children("selectSet"), serial: &serial, depth: depth + 1)
                )
                result.append(.traversal(traversal))
            } else if let name = element.childText("name"), !name.isEmpty {
                result.append(.named(name))
            } else {
                throw SOAPFault.invalidArgument("selectSet", "A SelectionSpec needs a name, or a TraversalSpec a path.")
            }
        }
        return result
    }
}
