//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// The rule a session file name must follow before it may touch anything.
///
/// A name is a label, never a path: no `/`, `\\`, NUL or other control characters, not `.`
/// or `..`, not empty, at most maximumLength UTF-8 bytes. The server rejects such names with
/// `InvalidArgument`; adapters report package members that break it.
public enum FileNameRule {
    /// The longest name accepted, in UTF-8 bytes (a common file-system limit).
    public static let maximumLength = 255

    /// Why a name is unsafe, or `nil` when it is fine.
    public static func violation(in name: String) -> String? {
        if name.isEmpty { return "the file name is empty" }
        if name.utf8.count > maximumLength { return "the file name is longer than \(maximumLength) bytes" }
        if name == "." || name == ".." { return "the file name '\(name)' is a relative path" }
        for scalar in name.unicodeScalars {
            switch scalar {
            case "/", "\\": return "the file name '\(name)' contains a path separator"
            case "\u{0}": return "the file name contains a NUL character"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) {
                    return "the file name contains a control character"
                }
            }
        }
        return nil
    }
}
