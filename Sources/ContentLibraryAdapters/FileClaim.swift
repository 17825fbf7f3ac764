//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// The file names an adapter recognises as its own, by extension.
///
/// Claims let AdapterRegistry give a set of files an item type without being told one:
/// `content-library validate --type auto` validates as that type and `content-library import`
/// creates a new item of it. The answer comes from names alone, because the import client must
/// know the type before it sends a byte; the adapter still judges the content when it validates.
///
/// An extension is the text after the last dot of a name, compared case-insensitively
/// (`Appliance.OVA` is claimed by `ova`); a name without a dot is never claimed.
///
/// ```swift
/// struct TextAdapter: TypeAdapter {
///     let fileClaim = FileClaim(extensions: ["txt", "md"])
///     // info, warningDeclarations, validate(_:options:) …
/// }
/// ```
public struct FileClaim: Hashable, Sendable {
    /// How strongly a claimed file decides the type of the set it is in, when several adapters
    /// claim files of one set (see AdapterRegistry/itemType(forFileNames:)).
    public enum Priority: Comparable, Hashable, Sendable {
        /// The file is content of this type (an ISO image, a QCOW2 disk).
        case content
        /// The file describes a whole package (an OVF descriptor, an OVA holding one), so the
        /// other files of the set are its parts: it outranks every content claim.
        case descriptor
    }

    /// The claimed extensions, lower-cased and without the dot (`ovf`, not `.OVF`).
    public let extensions: Set<String>
    /// How strongly these files decide the type of a set.
    public let priority: Priority

    /// Creates a claim.
    /// - Parameters:
    ///   - extensions: the extensions claimed, without the dot; they are lower-cased.
    ///   - priority: `.descriptor` for files that describe a whole package, else `.content`.
    public init(extensions: Set<String>, priority: Priority = .content) {
        self.extensions = Set(extensions.map { $0.lowercased() })
        self.priority = priority
    }

    /// Claims no file: the default of a TypeAdapter, and what the generic fallback claims.
    public static let nothing = FileClaim(extensions: [])

    /// Whether the claim covers a file name.
    public func claims(fileName: String) -> Bool {
        guard let dot = fileName.lastIndex(of: "."), !self.extensions.isEmpty else { return false }
        return self.extensions.contains(fileName[fileName.index(after: dot)...].lowercased())
    }
}
