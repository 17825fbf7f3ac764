//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// A content view whose files are (or may be) regular files on the local disk.
///
/// Adapters that hand the content to another process, such as external adapters, ask for a
/// path instead of copying the bytes. A view that cannot name a path for a file answers `nil`,
/// and the caller falls back to ContentView/read(_:offset:count:).
public protocol LocalPathContentView: ContentView {
    /// The local path of a file's bytes, or `nil` when the file is not a local file of its own.
    /// Callers must treat the path as read-only.
    func localPath(of name: String) -> String?
}
