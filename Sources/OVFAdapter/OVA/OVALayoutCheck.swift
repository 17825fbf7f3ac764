//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel

/// The member-order and extra-member rules of an OVA, which need the chosen descriptor and
/// its References (OVA-005..008, OVA-011).
///
/// All are warnings: COT logs order problems and goes on, VirtualBox accepts any order, and
/// extra members are harmless once ignored. OVA-010 and OVA-012 are the descriptor's own
/// reference rules run over the member view, so they are not repeated here.
struct OVALayoutCheck {
    /// The archive read.
    let archive: OVAArchive
    /// The member used as the descriptor.
    let descriptorName: String
    /// The descriptor's `References/File` entries.
    let references: [FileReference]

    /// The findings, in rule order.
    func findings() -> [Finding] {
        let names = self.archive.members.map(\.name)
        var findings: [Finding] = []

        let descriptors = names.filter { OVAArchive.hasExtension($0, "ovf") }
        if descriptors.count > 1 {
            let list = descriptors.joined(separator: ", ")
            findings.append(self.warning(
                "OVA-005", "the archive holds \(descriptors.count) descriptors (\(list)); \(self.descriptorName) is used.",
                [list, self.descriptorName]
            ))
        }

        if let first = names.first, first != self.descriptorName {
            findings.append(self.warning(
                "OVA-006", "the first member is \(first), not the descriptor \(self.descriptorName).",
                [first, self.descriptorName]
            ))
        }

        let manifest = names.first { OVAArchive.hasExtension($0, "mf") }
        let certificate = names.first { OVAArchive.hasExtension($0, "cert") }
        let signing = [manifest, certificate].compactMap { $0 }
        if !signing.isEmpty, let descriptorIndex = names.firstIndex(of: self.descriptorName) {
            let afterDescriptor = Array(names.dropFirst(descriptorIndex + 1).prefix(signing.count))
            let atEnd = Array(names.suffix(signing.count))
            if afterDescriptor != signing && atEnd != signing {
                let list = signing.joined(separator: " and ")
                findings.append(self.warning(
                    "OVA-007", "\(list) should stand together right after the descriptor or together at the end.", [list]
                ))
            }
        }

        let present = Set(names)
        let expected = self.references.flatMap { $0.expectedPartNames(present: present) }.filter(present.contains)
        let expectedSet = Set(expected)
        let actual = names.filter(expectedSet.contains)
        var seen: Set<String> = []
        let order = expected.filter { seen.insert($0).inserted }
        if let index = actual.indices.first(where: { $0 < order.count && actual[$0] != order[$0] }) {
            findings.append(self.warning(
                "OVA-008", "the member \(actual[index]) comes before \(order[index]), against the descriptor's References order.",
                [actual[index], order[index]]
            ))
        }

        for name in names
        where !expectedSet.contains(name) && !OVAArchive.hasExtension(name, "ovf") && name != manifest && name != certificate {
            findings.append(self.warning(
                "OVA-011", "the member \(name) is neither the descriptor, the manifest, the certificate nor referenced.",
                [name]
            ))
        }
        return findings
    }

    /// An `OVA_LAYOUT` warning about the `.ova`, naming it first.
    private func warning(_ rule: String, _ text: String, _ args: [String]) -> Finding {
        .warning(
            rule, type: OVAArchive.warningType, file: self.archive.ovaName, "\(self.archive.ovaName): \(text)",
            args: [self.archive.ovaName] + args
        )
    }
}
