//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// The property collector's retrieval over one inventory: walks each object spec's traversals
/// and returns, for every object reached and not skipped, the properties its type's specs ask for.
package struct PropertyCollector: Sendable {
    /// One object of a result and its properties (`ObjectContent`).
    package struct ObjectContent: Sendable, Equatable {
        /// The object.
        package var object: ManagedObjectReference
        /// The properties found, in the order asked.
        package var properties: [SOAPField]

        /// The `ObjectContent` XML as an element called `name`.
        func xml(_ name: String) -> String {
            "<\(name)>" + self.object.xml("obj")
                + self.properties.map { "<propSet><name>\(XMLText.escaped($0.name))</name>" + $0.value.typedXML("val") + "</propSet>" }.joined()
                + "</\(name)>"
        }
    }

    /// Objects reached at most by one retrieval: a bound on work, far above this inventory's size.
    static let maxObjects = 100_000

    let inventory: Inventory

    /// Creates a collector over `inventory`.
    package init(inventory: Inventory) {
        self.inventory = inventory
    }

    /// The contents of every filter spec, in order, each object once.
    /// - Throws: `ManagedObjectNotFound` for a starting object that does not exist,
    ///   `InvalidProperty` for a property its type does not have.
    package func retrieve(_ specs: [PropertyFilterSpec]) throws(SOAPFault) -> [ObjectContent] {
        var contents: [ObjectContent] = []
        for spec in specs {
            var reached: [InventoryObject] = []
            var included = Set<String>()
            var visited = Set<String>()
            for objectSpec in spec.objectSet {
                let start = try self.inventory.require(objectSpec.object)
                var named: [String: PropertyFilterSpec.Traversal] = [:]
                Self.collectNames(objectSpec.selectSet, into: &named)
                if !objectSpec.skip, included.insert(start.reference.value).inserted { reached.append(start) }
                try self.walk(start, objectSpec.selectSet, named: named, reached: &reached, included: &included, visited: &visited)
            }
            for object in reached {
                let specs = spec.propSet.filter { ManagedObjectType.isKind(object.reference.type, of: $0.type) }
                guard !specs.isEmpty else { continue }
                var properties: [SOAPField] = []
                var names = Set<String>()
                for propertySpec in specs {
                    if propertySpec.all {
                        for field in object.properties where names.insert(field.name).inserted { properties.append(field) }
                    }
                    for path in propertySpec.paths where !names.contains(path) {
                        if let value = try object.value(at: path) {
                            names.insert(path)
                            properties.append(SOAPField(path, value))
                        }
                    }
                }
                contents.append(ObjectContent(object: object.reference, properties: properties))
            }
        }
        return contents
    }

    /// Follows `selections` from `object`, adding every object reached that is not skipped.
    private func walk(
        _ object: InventoryObject, _ selections: [PropertyFilterSpec.Selection], named: [String: PropertyFilterSpec.Traversal],
        reached: inout [InventoryObject], included: inout Set<String>, visited: inout Set<String>
    ) throws(SOAPFault) {
        for selection in selections {
            let traversal: PropertyFilterSpec.Traversal
            switch selection {
            case .traversal(let spec): traversal = spec
            case .named(let name):
                guard let spec = named[name] else {
                    throw SOAPFault.invalidArgument("selectSet", "No TraversalSpec is named \(name).")
                }
                traversal = spec
            }
            guard ManagedObjectType.isKind(object.reference.type, of: traversal.type) else { continue }
            guard let value = try object.value(at: traversal.path) else { continue }
            for reference in value.references {
                guard let next = self.inventory.object(reference) else { continue }
                if !traversal.skip, included.insert(next.reference.value).inserted { reached.append(next) }
                guard visited.insert("\(traversal.serial) \(next.reference.value)").inserted else { continue }
                guard visited.count < Self.maxObjects else { return }
                try self.walk(next, traversal.selectSet, named: named, reached: &reached, included: &included, visited: &visited)
            }
        }
    }

    private static func collectNames(_ selections: [PropertyFilterSpec.Selection], into names: inout [String: PropertyFilterSpec.Traversal]) {
        for case .traversal(let traversal) in selections {
            if let name = traversal.name, names[name] == nil { names[name] = traversal }
            Self.collectNames(traversal.selectSet, into: &names)
        }
    }
}
