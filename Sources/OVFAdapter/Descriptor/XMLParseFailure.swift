//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// Why a descriptor could not be turned into an element tree.
struct XMLParseFailure: Error, Hashable, Sendable {
    /// The catalogue rule: OVF-XML-001 (not well-formed), -002 (DOCTYPE/entities) or -003 (too large).
    var ruleID: String
    /// What went wrong, without the file name.
    var reason: String
    /// The 1-based line, where known.
    var line: Int?
    /// The 1-based column, where known.
    var column: Int?
}
