//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel

/// The rules of the smaller sections: OVF-OS-001, OVF-EULA-001, OVF-DEP-001 and OVF-STR-001.
enum OtherSectionRules: DescriptorRuleSet {
    /// The highest CIM_OperatingSystem OSType known. The schema copy in shared/spec stops at 102;
    /// later CIM releases extend the map (VMware writes ids past 102), so the bound is wider to
    /// avoid warning about ids vCenter accepts.
    static let highestKnownOSType = 136
    /// The section kinds this group checks, gathered in one walk of the tree.
    static let checkedKinds: Set<String> = ["OperatingSystemSection", "EulaSection", "DeploymentOptionSection"]

    /// The findings of this group's rules for one descriptor.
    static func findings(in descriptor: Descriptor) -> [Finding] {
        var findings: [Finding] = []
        var sections: [(kind: String, element: XMLElement)] = []
        for element in descriptor.sectionElements {
            if let kind = descriptor.kind(of: element), self.checkedKinds.contains(kind) {
                sections.append((kind, element))
            }
        }
        for (kind, section) in sections {
            switch kind {
            case "OperatingSystemSection":
                // OVF-OS-001
                let id = descriptor.attribute("id", of: section)?.trimmedXMLSpace ?? ""
                if let number = Int(id), (0...65535).contains(number) {
                    if number > self.highestKnownOSType {
                        findings.append(descriptor.warning("OVF-OS-001", .ovfCompatibility, at: section, "OperatingSystemSection has ovf:id \(number), which is not in the CIM_OperatingSystem value map."))
                    }
                } else {
                    findings.append(descriptor.error("OVF-OS-001", at: section, id.isEmpty ? "OperatingSystemSection has no ovf:id." : "OperatingSystemSection has ovf:id '\(id)', which is not an integer from 0 to 65535."))
                }
            case "EulaSection":
                // OVF-EULA-001
                if section.child(named: "License")?.trimmedText.isEmpty ?? true {
                    findings.append(descriptor.error("OVF-EULA-001", at: section, "EulaSection has no License text."))
                }
            default:
                findings += self.deploymentFindings(section, descriptor: descriptor)
            }
        }
        findings += self.stringFindings(descriptor)
        return findings
    }

    /// OVF-DEP-001.
    static func deploymentFindings(_ section: XMLElement, descriptor: Descriptor) -> [Finding] {
        var findings: [Finding] = []
        let configurations = section.children.filter { descriptor.kind(of: $0) == "Configuration" }
        if configurations.isEmpty {
            findings.append(descriptor.error("OVF-DEP-001", at: section, "DeploymentOptionSection declares no Configuration."))
        }
        var ids: Set<String> = []
        for configuration in configurations {
            let id = descriptor.attribute("id", of: configuration)?.trimmedXMLSpace ?? ""
            if id.isEmpty {
                findings.append(descriptor.error("OVF-DEP-001", at: configuration, "A deployment Configuration has no ovf:id."))
            } else if !ids.insert(id).inserted {
                findings.append(descriptor.error("OVF-DEP-001", at: configuration, "Deployment configuration id '\(id)' is declared more than once."))
            }
        }
        let defaults = configurations.filter { ["true", "1"].contains(descriptor.attribute("default", of: $0)?.trimmedXMLSpace ?? "") }
        if defaults.count > 1 {
            findings.append(descriptor.warning("OVF-DEP-001", .ovfCompatibility, at: defaults[1], "\(defaults.count) deployment configurations are marked ovf:default=\"true\"; the first one is used."))
        }
        return findings
    }

    /// OVF-STR-001: message ids resolve and bundle file references resolve. Bundles are
    /// recognised by local name in any namespace, as ovftool does (Corrections box).
    static func stringFindings(_ descriptor: Descriptor) -> [Finding] {
        var findings: [Finding] = []
        let bundles = descriptor.root.children.filter { $0.localName == "Strings" }
        var known: Set<String> = []
        var external = false
        let fileIDs = descriptor.fileIDs
        for bundle in bundles {
            if let fileRef = bundle.attributes.first(where: { $0.localName == "fileRef" })?.value.trimmedXMLSpace, !fileRef.isEmpty {
                if fileIDs.contains(fileRef) {
                    external = true
                } else {
                    findings.append(descriptor.warning("OVF-STR-001", .ovfCompatibility, at: bundle, "The Strings bundle refers to file '\(fileRef)', which References does not declare."))
                }
            }
            for message in bundle.children where message.localName == "Msg" {
                if let id = message.attributes.first(where: { $0.localName == "msgid" })?.value { known.insert(id) }
            }
        }
        guard !external else { return findings }
        var unresolved: [(String, XMLElement)] = []
        for element in descriptor.attributedElements {
            guard element.localName != "Msg", let id = element.attributes.first(where: { $0.localName == "msgid" })?.value, !known.contains(id) else { continue }
            unresolved.append((id, element))
        }
        if let first = unresolved.first {
            let names = unresolved.prefix(5).map { "'\($0.0)'" }.joined(separator: ", ") + (unresolved.count > 5 ? ", …" : "")
            findings.append(descriptor.warning("OVF-STR-001", .ovfCompatibility, at: first.1, "\(unresolved.count) ovf:msgid value\(unresolved.count == 1 ? "" : "s") (\(names)) resolve in no Strings bundle; the default texts are used."))
        }
        return findings
    }
}
