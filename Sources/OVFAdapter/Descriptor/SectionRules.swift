//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel

/// The general section rules: OVF-SEC-001..005 (placement is data: SectionPlacement).
enum SectionRules: DescriptorRuleSet {
    /// Envelope children that are not sections.
    static let envelopeStructure: Set<String> = ["References", "VirtualSystem", "VirtualSystemCollection", "Strings"]
    /// VirtualHardwareSection children that are not sections.
    static let hardwareStructure: Set<String> = ["Info", "System", "Item", "EthernetPortItem", "StorageItem"]
    /// Attributes typed xs:boolean (OVF-SEC-005).
    static let booleanAttributes: Set<String> = ["required", "userConfigurable", "default"]
    /// The same in a 0.9 descriptor, where `userConfigurable` was spelt `configurableByUser`.
    static let legacyBooleanAttributes: Set<String> = booleanAttributes.union(["configurableByUser"])

    /// The findings of this group's rules for one descriptor.
    static func findings(in descriptor: Descriptor) -> [Finding] {
        var findings: [Finding] = []
        // Envelope level.
        let envelopeSections = descriptor.root.children.filter { element in
            !(descriptor.kind(of: element).map(self.envelopeStructure.contains) ?? false) && element.localName != "Strings"
        }
        findings += self.placementFindings(envelopeSections, parent: .envelope, parentLabel: "the Envelope", descriptor: descriptor)
        // Content level.
        var cim = CIMSchema.Lookup()
        for (index, content) in descriptor.allContents.enumerated() {
            let parent: SectionPlacement.Parent = descriptor.kind(of: content) == "VirtualSystem" ? .virtualSystem : .virtualSystemCollection
            let label = "\(parent.rawValue) '\(descriptor.attribute("id", of: content) ?? "")'"
            findings += self.placementFindings(descriptor.sections(of: content), parent: parent, parentLabel: label, descriptor: descriptor)
            // Hardware level.
            for hardware in descriptor.contentHardware[index] {
                let children = hardware.element.children.filter { !(descriptor.kind(of: $0).map(self.hardwareStructure.contains) ?? false) }
                findings += self.placementFindings(children, parent: .virtualHardwareSection, parentLabel: "a VirtualHardwareSection of \(label)", descriptor: descriptor)
                for item in hardware.items {
                    // An Item child is known only when it is a property of the CIM class its
                    // namespace names; an optional Item's unknown children are optional too.
                    let unknown = item.element.children.filter { !cim.isProperty($0) }
                    findings += unknown.compactMap {
                        self.unknownFinding($0, where: item.label, descriptor: descriptor, insideOptional: !item.isRequired)
                    }
                }
                for system in hardware.element.children where descriptor.kind(of: system) == "System" {
                    // System holds VirtualSystemSettingData; its other children are not checked.
                    let unknown = system.children.filter { OVFNamespace.isCIM($0.namespace) && !cim.isProperty($0) }
                    findings += unknown.compactMap { self.unknownFinding($0, where: "the System of \(label)", descriptor: descriptor) }
                }
            }
        }
        // OVF-SEC-005: xs:boolean attributes.
        let booleans = descriptor.isLegacy ? self.legacyBooleanAttributes : self.booleanAttributes
        for element in descriptor.attributedElements {
            for attribute in element.attributes where (attribute.namespace == descriptor.ovf || attribute.namespace == nil)
                && booleans.contains(attribute.localName)
            {
                let value = attribute.value.trimmedXMLSpace
                if !["true", "false", "1", "0"].contains(value) {
                    findings.append(descriptor.error("OVF-SEC-005", at: element, "Attribute '\(attribute.qualifiedName)' of '\(element.qualifiedName)' is '\(attribute.value)'; it must be true, false, 1 or 0."))
                }
            }
        }
        return findings
    }

    /// OVF-SEC-001..004 for the sections of one parent.
    static func placementFindings(
        _ sections: [XMLElement], parent: SectionPlacement.Parent, parentLabel: String, descriptor: Descriptor
    ) -> [Finding] {
        var findings: [Finding] = []
        var counts: [String: Int] = [:]
        for section in sections {
            guard let kind = descriptor.kind(of: section), let placement = SectionPlacement.table[kind] else {
                if let finding = self.unknownFinding(section, where: parentLabel, descriptor: descriptor) { findings.append(finding) }
                continue
            }
            // OVF-SEC-001
            if !(section.children.first.map { $0.localName == "Info" } ?? false) {
                findings.append(descriptor.error("OVF-SEC-001", at: section, "\(kind) in \(parentLabel) does not have Info as its first child."))
            }
            // OVF-SEC-002 (DiskSection and NetworkSection placement is reported by their own rules).
            guard placement.ruleID == "OVF-SEC-002" else { continue }
            if !placement.allowedIn.contains(parent) {
                let allowed = SectionPlacement.Parent.allCases.filter(placement.allowedIn.contains).map(\.rawValue).joined(separator: " or ")
                findings.append(descriptor.error("OVF-SEC-002", at: section, "\(kind) is not allowed in \(parentLabel); it belongs in \(allowed)."))
                continue
            }
            counts[kind, default: 0] += 1
            if let maximum = placement.maximum, counts[kind]! == maximum + 1 {
                findings.append(descriptor.error("OVF-SEC-002", at: section, "\(parentLabel.prefix(1).uppercased() + parentLabel.dropFirst()) has more than \(maximum) \(kind)."))
            }
        }
        return findings
    }

    /// OVF-SEC-003/-004 for an element this server does not understand.
    ///
    /// Required (the default) → error; `ovf:required="false"` → warning quoting its Info, or
    /// nothing for the known vendor namespaces. A vendor-namespace element without
    /// `required="false"` is only a warning: ovftool and vCenter understand those extensions,
    /// so rejecting them would refuse packages they accept (Corrections box). The vendor is read
    /// from the element's namespace, or from its `xsi:type` for a 0.9-style typed Section.
    /// - Parameter insideOptional: the element stands in an optional parent (an Item with
    ///   `ovf:required="false"`), which a deployer may drop whole, so it is never more than optional.
    static func unknownFinding(_ element: XMLElement, where place: String, descriptor: Descriptor, insideOptional: Bool = false) -> Finding? {
        let name = descriptor.displayName(of: element)
        let vendor = [element.namespace, element.schemaType?.namespace].contains { $0.map(OVFNamespace.knownVendors.contains) ?? false }
        if descriptor.isRequired(element) && !insideOptional {
            if vendor {
                return descriptor.warning("OVF-SEC-003", .ovfCompatibility, at: element, "'\(name)' in \(place) is a vendor extension this server does not interpret; it is kept as is.")
            }
            if let className = CIMSchema.className(ofNamespace: element.namespace) {
                return descriptor.error("OVF-SEC-003", at: element, "'\(name)' in \(place) names no property of \(className) in any CIM schema version OVF uses, and it is required (ovf:required is not \"false\").")
            }
            return descriptor.error("OVF-SEC-003", at: element, "'\(name)' in \(place) is not understood and is required (ovf:required is not \"false\").")
        }
        if vendor { return nil }
        let info = element.child(named: "Info")?.trimmedText ?? ""
        return descriptor.warning("OVF-SEC-004", .ovfCompatibility, at: element, "'\(name)' in \(place) is not understood and is ignored\(info.isEmpty ? "" : ": \(info)").")
    }
}
