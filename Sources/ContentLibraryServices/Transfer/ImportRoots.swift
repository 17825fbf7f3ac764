//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import Foundation

/// The folders whose files a `file://` PULL may read (`serve --import-root DIR`, repeatable).
///
/// A `file://` source reads the server's own disk with the server's rights, so it is allowed
/// only inside folders the operator named. Both the roots and the requested path are resolved
/// (symbolic links, `.` and `..`) before the containment check, so neither `../` nor a link
/// placed inside a root can reach outside it. With no root configured, no `file://` source is allowed.
package struct ImportRoots: Hashable, Sendable {
    /// The roots, resolved when configured.
    package let roots: [String]

    /// Resolves the configured folders (a root with an unresolvable `..` is dropped).
    package init(_ folders: [String]) {
        self.roots = folders.compactMap { Self.resolve($0) }
    }

    /// The resolved path of `path` when it lies inside one of the roots; `nil` otherwise.
    package func contain(_ path: String) -> String? {
        guard let resolved = Self.resolve(path) else { return nil }
        for root in self.roots {
            let prefix = root.hasSuffix("/") ? root : root + "/"
            if resolved == root || resolved.hasPrefix(prefix) { return resolved }
        }
        return nil
    }

    /// An absolute path with every symbolic link, `.` and `..` resolved by the file system.
    ///
    /// realpath(3) needs an existing path, so the longest existing prefix is resolved on disk and
    /// the rest appended; a `..` in that non-existing rest cannot be resolved safely (the prefix
    /// might be a link), so such a path is `nil`.
    static func resolve(_ path: String) -> String? {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var components = absolute.split(separator: "/").map(String.init).filter { $0 != "." }
        var tail: [String] = []
        while true {
            let candidate = "/" + components.joined(separator: "/")
            if let real = realpath(candidate, nil) {
                defer { free(real) }
                let base = String(cString: real)
                guard !tail.contains("..") else { return nil }
                return tail.isEmpty ? base : (base == "/" ? "" : base) + "/" + tail.reversed().joined(separator: "/")
            }
            guard let last = components.popLast() else { return nil }
            tail.append(last)
        }
    }
}
