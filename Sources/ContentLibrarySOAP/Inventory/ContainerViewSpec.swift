//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// A container view a session created with `ViewManager.CreateContainerView`.
package struct ContainerViewSpec: Sendable, Equatable {
    /// The view's own reference.
    package var reference: ManagedObjectReference
    /// The folder or datacenter it looks into.
    package var container: ManagedObjectReference
    /// The types it shows; empty shows every type.
    package var types: [String]
    /// Whether it shows all descendants or only direct children.
    package var recursive: Bool

    /// Creates a view.
    package init(reference: ManagedObjectReference, container: ManagedObjectReference, types: [String], recursive: Bool) {
        self.reference = reference
        self.container = container
        self.types = types
        self.recursive = recursive
    }
}
