//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel

/// The NetworkSection rules: OVF-NET-001 and -002.
enum NetworkRules: DescriptorRuleSet {
    /// The findings of this group's rules for one descriptor.
    static func findings(in descriptor: Descriptor) -> [Finding] {
        var findings: [Finding] = []
        // OVF-NET-001: placement, multiplicity, unique names.
        let sections = descriptor.root.children.filter { descriptor.kind(of: $0) == "NetworkSection" }
        if sections.count > 1 {
            findings.append(descriptor.error("OVF-NET-001", at: sections[1], "The Envelope has \(sections.count) NetworkSections; at most one is allowed."))
        }
        for content in descriptor.allContents {
            for section in content.children where descriptor.kind(of: section) == "NetworkSection" {
                findings.append(descriptor.error("OVF-NET-001", at: section, "A NetworkSection stands inside \(descriptor.kind(of: content) ?? "Content") '\(descriptor.attribute("id", of: content) ?? "")'; it is allowed only at Envelope level."))
            }
        }
        var names: Set<String> = []
        for network in sections.flatMap({ $0.children.filter { descriptor.kind(of: $0) == "Network" } }) {
            let name = descriptor.attribute("name", of: network)?.trimmedXMLSpace ?? ""
            if name.isEmpty {
                findings.append(descriptor.error("OVF-NET-001", at: network, "A Network has no ovf:name."))
            } else if !names.insert(name).inserted {
                findings.append(descriptor.error("OVF-NET-001", at: network, "Network '\(name)' is declared more than once."))
            }
        }
        // OVF-NET-002: every Ethernet connection names a declared network. Names match
        // case-insensitively, as vCenter maps them; an exact match is not demanded.
        let declared = Set(descriptor.networkNames.map { $0.trimmedXMLSpace.lowercased() })
        for (_, item) in descriptor.hardwareItems where item.kind == "EthernetPortItem" || item.resourceType == 10 || item.resourceType == 11 {
            for connection in item.valueElements("Connection") {
                let name = connection.trimmedText
                guard !name.isEmpty, !declared.contains(name.lowercased()) else { continue }
                findings.append(descriptor.error("OVF-NET-002", at: connection, "\(item.label) connects to network '\(name)', which the NetworkSection does not declare."))
            }
        }
        return findings
    }
}
