//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// The binding type of a value in the vAPI JSON-RPC encoding: what tags an output value gets.
indirect enum JSONRPCType: Hashable, Sendable {
    /// A string, number, boolean, enum or date-time: written bare.
    case primitive
    /// A secret string: `{"SECRET": "…"}`.
    case secret
    /// A structure, by canonical id (see `JSONRPCSchema`): `{"STRUCTURE": {"<id>": {fields}}}`.
    case structure(String)
    /// A list (or set) of values: a JSON array.
    case list(JSONRPCType)
    /// An optional value: `{"OPTIONAL": value}` or `{"OPTIONAL": null}`.
    case optional(JSONRPCType)

    /// A structure field that may be unset.
    static func opt(_ structure: String) -> JSONRPCType { .optional(.structure(structure)) }
}
