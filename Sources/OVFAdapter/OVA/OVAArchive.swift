//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryModel

/// An `.ova` read as a stream of tar members, never unpacked (the OVA-* rules).
struct OVAArchive: Sendable {
    /// A regular, safely named member and where its bytes are in the `.ova`.
    struct Member: Hashable, Sendable {
        var name: String
        var offset: Int64
        var size: Int64
    }

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
    static func read(_ ovaName: String, from content: any ContentView) async -> OVAArchive {
        OVAArchive(ovaName: ovaName)  // PLACEHOLDER: filled by the OVA work
    }

    /// The layout rules that need the descriptor (OVA-005..008, 011).
    func layoutFindings(descriptorName: String, references: [FileReference]) -> [Finding] {
        []  // PLACEHOLDER: filled by the OVA work
    }
}
