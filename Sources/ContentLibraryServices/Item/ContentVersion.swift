//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// How an item's `content_version` counter is written on the wire.
///
/// A decimal counter, zero-padded to a fixed width, so that it increases both as a number and as
/// a string: VMware's own sample compares two versions with a string `>`, which a plain "9" → "10"
/// would break.
enum ContentVersion {
    /// The number of digits.
    static let width = 10

    /// The wire form of a counter value.
    static func format(_ value: Int64) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
