//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryModel

/// An `.ova` read as a stream of tar members, never unpacked (the OVA-* rules).
///
/// Reading visits the 512-byte headers only and skips member data by offset arithmetic, so
/// the cost is one small read per member whatever the disk sizes; members are then read in
/// place through view(over:).
struct OVAArchive: Sendable {
    /// A regular, safely named member and where its bytes are in the `.ova`.
    struct Member: Hashable, Sendable {
        /// The member name, which is its session file name in the member view.
        var name: String
        /// Where its data starts in the `.ova`.
        var offset: Int64
        /// How many bytes of data it has.
        var size: Int64
    }

    /// The warning type of every OVA warning (declared by the OVF adapter).
    static let warningType = WarningType("OVA_LAYOUT")

    /// The `.ova`'s session name.
    var ovaName: String
    /// The regular, safe members in archive order.
    var members: [Member] = []
    /// What reading the archive found (OVA-001..004, 009).
    var findings: [Finding] = []

    /// The members as a content view over ranges of the `.ova`.
    func view(over content: any ContentView) -> SlicedContentView {
        SlicedContentView(
            base: content,
            slices: self.members.map { .init(name: $0.name, baseName: self.ovaName, offset: $0.offset, size: $0.size) }
        )
    }

    /// Reads the tar headers of `ovaName`.
    ///
    /// Fills `members` and the findings of OVA-001 (not a tar, bad header), OVA-002
    /// (truncation), OVA-003 (compressed), OVA-004 (no descriptor) and OVA-009 (unsafe or
    /// non-regular members, which are left out of `members`).
    static func read(_ ovaName: String, from content: any ContentView) async -> OVAArchive {
        var reader = OVATarReader(ovaName: ovaName, content: content)
        await reader.run()
        return OVAArchive(ovaName: ovaName, members: reader.members, findings: reader.findings)
    }

    /// The layout rules that need the descriptor (OVA-005..008, 011).
    func layoutFindings(descriptorName: String, references: [FileReference]) -> [Finding] {
        OVALayoutCheck(archive: self, descriptorName: descriptorName, references: references).findings()
    }

    /// Whether a member name has the extension `ext` (case-insensitive, as tools match it).
    static func hasExtension(_ name: String, _ ext: String) -> Bool {
        name.lowercased().hasSuffix("." + ext)
    }
}
