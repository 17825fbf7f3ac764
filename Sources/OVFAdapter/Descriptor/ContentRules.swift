//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel

/// The Content rules: OVF-CNT-001..003.
enum ContentRules: DescriptorRuleSet {
    /// The findings of this group's rules for one descriptor.
    static func findings(in descriptor: Descriptor) -> [Finding] {
        var findings: [Finding] = []
        // OVF-CNT-001
        let top = descriptor.topLevelContents
        if top.isEmpty {
            findings.append(descriptor.error("OVF-CNT-001", at: descriptor.root, "The Envelope has no VirtualSystem or VirtualSystemCollection."))
        } else if top.count > 1 {
            findings.append(descriptor.error("OVF-CNT-001", at: top[1], "The Envelope has \(top.count) top-level Content elements; exactly one VirtualSystem or VirtualSystemCollection is allowed."))
        }
        // OVF-CNT-002 / -003
        var ids: Set<String> = []
        for content in descriptor.allContents {
            let kind = descriptor.kind(of: content) ?? "Content"
            let id = descriptor.attribute("id", of: content)?.trimmedXMLSpace ?? ""
            if id.isEmpty {
                findings.append(descriptor.error("OVF-CNT-002", at: content, "A \(kind) has no ovf:id."))
            } else if !ids.insert(id).inserted {
                findings.append(descriptor.error("OVF-CNT-002", at: content, "The Content id '\(id)' is used more than once."))
            }
            if !(content.children.first.map { $0.localName == "Info" } ?? false) {
                findings.append(descriptor.error("OVF-CNT-002", at: content, "\(kind) '\(id)' does not have Info as its first child."))
            }
            if kind == "VirtualSystemCollection", !content.children.contains(where: descriptor.isContent) {
                findings.append(descriptor.warning("OVF-CNT-003", .ovfCompatibility, at: content, "VirtualSystemCollection '\(id)' contains no VirtualSystem or VirtualSystemCollection."))
            }
        }
        return findings
    }
}
