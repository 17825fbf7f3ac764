//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// A model that is a vAPI structure: its binding type is named here, beside the model, so the
/// JSON-RPC codec can tag it (`{"STRUCTURE": {"<id>": {fields}}}`) without a second table.
///
/// The fields come from the model's `Codable` conformance: a non-optional property is a required
/// field, an optional one an `OPTIONAL` field. A model whose `CodingKeys` are `CaseIterable` has
/// its unset optional fields written as `{"OPTIONAL": null}`, as the vAPI runtime does.
public protocol VAPIStructure: Codable, Sendable {
    /// The canonical structure id, e.g. `com.vmware.content.library.item_model`.
    static var vapiStructureID: String { get }
    /// Optional fields of the binding type that this model never sets; they are written unset.
    static var vapiUnsetFields: [String] { get }
}

extension VAPIStructure {
    /// By default the model has every field of its binding type.
    public static var vapiUnsetFields: [String] { [] }
}
