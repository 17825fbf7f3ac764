//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import Foundation

/// What a local path is, and the files of a folder, for PackagePlanner.
///
/// Through FileManager rather than `stat`: this module also sees Foundation (through
/// AsyncHTTPClient), whose CoreFoundation declares `struct stat` too, and which of the two owns
/// its members then depends on module load order.
enum LocalPath {
    /// A folder, or a regular file and its size.
    enum Kind: Equatable {
        case directory
        case file(size: Int64)
    }

    /// What `path` is (links followed).
    /// - Throws: `ClientError.usage` when it does not exist or is neither a file nor a folder.
    static func kind(of path: String) throws(ClientError) -> Kind {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: Self.resolved(path))
        } catch {
            throw .usage("\(path): \(Self.reason(error))")
        }
        switch attributes[.type] as? FileAttributeType {
        case .typeDirectory?: return .directory
        case .typeRegular?: return .file(size: (attributes[.size] as? NSNumber)?.int64Value ?? 0)
        default: throw .usage("\(path): not a regular file or folder")
        }
    }

    /// The regular files directly inside a folder (not sub-folders, not hidden files), with sizes.
    static func regularFiles(in folder: String) throws(ClientError) -> [String: Int64] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw .usage("\(folder): \(Self.reason(error))")
        }
        var result: [String: Int64] = [:]
        for name in names where !name.hasPrefix(".") {
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            if case .file(let size) = try? Self.kind(of: path) { result[name] = size }
        }
        return result
    }

    /// The path with symbolic links resolved, so a link to a file counts as that file.
    private static func resolved(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    }

    /// The system's reason, without Foundation's wrapping.
    private static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSCocoaErrorDomain, nsError.code == NSFileReadNoSuchFileError {
            return "No such file or directory"
        }
        return nsError.localizedDescription
    }
}
