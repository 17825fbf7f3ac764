//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ContentLibraryModel

/// What an import sends: which files, in which order, from which bytes, with which checksum.
///
/// Built by PackagePlanner from a local path before anything is sent, so the whole import is
/// known up front (sizes for the overall progress, problems such as a missing disk reported
/// before a session is opened).
public struct ImportPlan: Hashable, Sendable {
    /// What the path was.
    public enum Kind: String, Hashable, Sendable {
        /// An OVF descriptor and the files around it.
        case ovfPackage
        /// An `.ova` whose members are sent one by one.
        case ovaArchive
        /// One file sent as itself (an ISO, an `.ova` sent whole, any other file).
        case singleFile
        /// A folder of files sent as they are (no descriptor in it).
        case folder
    }

    /// One file to send.
    public struct File: Hashable, Sendable {
        /// The session file name.
        public var name: String
        /// Where its bytes are locally; `nil` for a file the server pulls and the client has no copy of.
        public var source: FileSlice?
        /// The checksum to declare at `File.add`, from the package's manifest; `nil` means the
        /// client computes SHA-256 while sending and compares it with the server's afterwards
        /// (for a pull with a local copy, it computes it first and declares it).
        public var checksum: ChecksumInfo?
        /// The URL the server pulls the file from; `nil` when the client uploads it.
        public var pullURL: String?

        /// Creates a planned file.
        public init(name: String, source: FileSlice?, checksum: ChecksumInfo? = nil, pullURL: String? = nil) {
            self.name = name
            self.source = source
            self.checksum = checksum
            self.pullURL = pullURL
        }

        /// Its size in bytes, when known before the transfer.
        public var size: Int64? { self.source?.length }
    }

    /// What the path was.
    public var kind: Kind
    /// The item name used when `--item` is not given.
    public var defaultItemName: String
    /// The item type the registry's file claims give the planned names (`ovf`, `iso`, …), or
    /// `nil` for generic files (no adapter claims them).
    public var itemType: String?
    /// The files in the order they must be added (manifest and certificate before the descriptor).
    public var files: [File]
    /// Things the user should know (files left out, manifest lines not used).
    public var notes: [String]

    /// Creates a plan.
    public init(kind: Kind, defaultItemName: String, itemType: String?, files: [File], notes: [String] = []) {
        self.kind = kind
        self.defaultItemName = defaultItemName
        self.itemType = itemType
        self.files = files
        self.notes = notes
    }

    /// The bytes of all files whose size is known.
    public var totalBytes: Int64 { self.files.reduce(0) { $0 + ($1.size ?? 0) } }

    /// Whether the server pulls the files.
    public var isPull: Bool { self.files.contains { $0.pullURL != nil } }
}
