//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// A name in a namespace, as an XML QName value resolves to (`ovf:DiskSection_Type` with `ovf`
/// bound to the envelope namespace), kept with the text as written for messages.
struct QualifiedName: Hashable, Sendable {
    /// The namespace URI the prefix is bound to where the value is written; `nil` when the prefix
    /// is not declared there, or when the value has no prefix and no default namespace is in scope.
    var namespace: String?
    /// The part after the colon (or the whole value without one).
    var localName: String
    /// The value as written, for messages.
    var written: String
}
