//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns the paths given to `validate` into the content an adapter sees.
///
/// A file stands for itself; a folder stands for the regular files directly inside it (a
/// package folder). Names are the last path components, exactly as a client would upload them.
struct ContentCollector: Sendable {
    /// Why the paths cannot form content; reported as a usage or I/O problem (exit 2).
    struct Problem: Error, Sendable, CustomStringConvertible {
        var description: String
    }

    /// Collects the paths into a local content view.
    func collect(_ paths: [String]) throws(Problem) -> LocalContentView {
        var entries: [LocalContentView.Entry] = []
        var seen: [String: String] = [:]
        for path in paths {
            for (name, filePath, size) in try self.files(at: path) {
                if let other = seen[name] {
                    throw Problem(description: "\(filePath): the name '\(name)' is also given by \(other); a package holds one file per name")
                }
                seen[name] = filePath
                entries.append(.init(file: ContentFile(name: name, size: size), path: filePath))
            }
        }
        if entries.isEmpty { throw Problem(description: "no files to validate") }
        return LocalContentView(entries: entries)
    }

    private func files(at path: String) throws(Problem) -> [(String, String, Int64)] {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw Problem(description: "\(path): \(String(cString: strerror(errno)))")
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            return [(Self.lastComponent(path), path, Int64(info.st_size))]
        case S_IFDIR:
            return try self.folder(path)
        default:
            throw Problem(description: "\(path): not a regular file or folder")
        }
    }

    private func folder(_ path: String) throws(Problem) -> [(String, String, Int64)] {
        guard let dir = opendir(path) else {
            throw Problem(description: "\(path): \(String(cString: strerror(errno)))")
        }
        defer { closedir(dir) }
        var found: [(String, String, Int64)] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let child = path.hasSuffix("/") ? path + name : path + "/" + name
            var info = stat()
            guard stat(child, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            found.append((name, child, Int64(info.st_size)))
        }
        return found.sorted { $0.0 < $1.0 }
    }

    private static func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
