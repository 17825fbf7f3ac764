//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ContentLibraryAdapters
import ContentLibraryModel

/// The members of an `.ova` and where their bytes are, for clients that send the members of an
/// archive one by one (`content-library import`) without unpacking it.
///
/// A public façade over the adapter's own tar reader (OVAArchive), so a client lists members
/// exactly as the server's validation does: regular, safely named, first of each name.
public struct OVAMemberListing: Hashable, Sendable {
    /// One regular member: its name and the byte range of its data in the `.ova`.
    public struct Member: Hashable, Sendable {
        /// The member name, which is the file name it is uploaded under.
        public var name: String
        /// Where its data starts in the `.ova`.
        public var offset: Int64
        /// How many bytes of data it has.
        public var size: Int64

        /// Creates a member.
        public init(name: String, offset: Int64, size: Int64) {
            self.name = name
            self.offset = offset
            self.size = size
        }
    }

    /// The regular, safely named members in archive order.
    public var members: [Member]
    /// The error messages of reading the archive (not a tar, truncated, compressed, unsafe members).
    public var errors: [String]
    /// The warning messages of reading the archive (old tar formats, a missing end marker).
    public var warnings: [String]

    /// Lists the members of the file `ovaName` of `content`, reading only tar headers.
    public static func read(_ ovaName: String, from content: any ContentView) async -> OVAMemberListing {
        let archive = await OVAArchive.read(ovaName, from: content)
        return OVAMemberListing(
            members: archive.members.map { Member(name: $0.name, offset: $0.offset, size: $0.size) },
            errors: archive.findings.filter { $0.severity == .error }.map(\.message.defaultMessage),
            warnings: archive.findings.filter { $0.severity == .warning }.map(\.message.defaultMessage)
        )
    }
}
