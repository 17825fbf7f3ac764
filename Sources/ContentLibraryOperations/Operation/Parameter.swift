//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// One named input field of an operation, with the model type it decodes into.
///
/// An operation lists its parameters once; every dialect finds them by name (JSON-RPC in
/// `operation-input`, REST in the path, query or body, legacy `/rest` in its wrapped body, query
/// or `id:` segment), and the operation reads them back typed with `call[parameter]`.
package struct Parameter<Value: Decodable & Sendable>: Sendable {
    /// The wire name, e.g. `update_session_id`.
    package let name: String
    /// Whether a call without it is refused.
    package let isRequired: Bool
    /// Whether it names the object the operation acts on (legacy `/rest` takes it from `id:`).
    package let isIdentifier: Bool

    /// A required field.
    package static func required(_ name: String) -> Parameter { Parameter(name: name, isRequired: true, isIdentifier: false) }

    /// An optional field.
    package static func optional(_ name: String) -> Parameter { Parameter(name: name, isRequired: false, isIdentifier: false) }

    /// The identifier of the object the operation acts on (always required).
    package static func identifier(_ name: String) -> Parameter { Parameter(name: name, isRequired: true, isIdentifier: true) }

    /// The untyped declaration, as the table lists it.
    package var declaration: ParameterDeclaration {
        ParameterDeclaration(name: self.name, isRequired: self.isRequired, isIdentifier: self.isIdentifier, type: "\(Value.self)")
    }
}

/// A parameter as an operation declares it, without its type parameter.
package struct ParameterDeclaration: Hashable, Sendable {
    /// The wire name.
    package let name: String
    /// Whether a call without it is refused.
    package let isRequired: Bool
    /// Whether it names the object the operation acts on.
    package let isIdentifier: Bool
    /// The model type's name, for documentation and errors.
    package let type: String
}
