//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel

/// The name rule for OVA members (OVA-009): a member becomes a session file, so its name must
/// be a safe, flat file name.
///
/// Absolute paths, `..`, backslashes and any `/` are rejected: the govmomi simulator skips
/// such names and COT calls them "malicious/unsafe", and session names have no folders.
enum OVAMemberName {
    /// Why `name` is not a safe member name, or `nil` when it is.
    static func violation(in name: String) -> String? {
        if name.hasPrefix("/") { return "an absolute path" }
        if name.split(separator: "/", omittingEmptySubsequences: false).contains(where: { $0 == ".." })
            || name.split(separator: "\\", omittingEmptySubsequences: false).contains(where: { $0 == ".." })
        {
            return "a path that leaves the archive (..)"
        }
        if name.contains("\\") { return "a name with a backslash" }
        if name.contains("/") { return "a path with folders, but session file names are flat" }
        return FileNameRule.violation(in: name)
    }
}
