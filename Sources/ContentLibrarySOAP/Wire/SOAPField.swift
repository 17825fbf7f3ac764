//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// One field of a data object.
package struct SOAPField: Sendable, Equatable {
    /// The field name, e.g. `freeSpace`.
    package var name: String
    /// Its value.
    package var value: SOAPValue

    /// Creates a field.
    package init(_ name: String, _ value: SOAPValue) {
        self.name = name
        self.value = value
    }
}
