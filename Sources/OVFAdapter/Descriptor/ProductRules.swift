//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel

/// The ProductSection rules: OVF-PROD-001..005.
enum ProductRules: DescriptorRuleSet {
    /// The CIM intrinsic property types, plus `int`, which ovftool accepts (Corrections box).
    static let propertyTypes: Set<String> = [
        "uint8", "sint8", "uint16", "sint16", "uint32", "sint32", "uint64", "sint64", "string", "boolean", "real32", "real64",
        "int",
    ]

    /// The findings of this group's rules for one descriptor.
    static func findings(in descriptor: Descriptor) -> [Finding] {
        var findings: [Finding] = []
        for content in descriptor.allContents {
            let contentID = descriptor.attribute("id", of: content) ?? ""
            var pairs: Set<String> = []
            for section in content.children where descriptor.kind(of: section) == "ProductSection" {
                let productClass = descriptor.attribute("class", of: section) ?? ""
                let instance = descriptor.attribute("instance", of: section) ?? ""
                // OVF-PROD-001
                if !pairs.insert(productClass + "\u{0}" + instance).inserted {
                    findings.append(descriptor.error("OVF-PROD-001", at: section, "Content '\(contentID)' has two ProductSections with class '\(productClass)' and instance '\(instance)'."))
                }
                findings += self.propertyFindings(section, descriptor: descriptor)
            }
        }
        return findings
    }

    /// OVF-PROD-002..005 for the Properties of one ProductSection.
    static func propertyFindings(_ section: XMLElement, descriptor: Descriptor) -> [Finding] {
        var findings: [Finding] = []
        var keys: Set<String> = []
        for property in section.children where descriptor.kind(of: property) == "Property" {
            let key = descriptor.attribute("key", of: property)?.trimmedXMLSpace ?? ""
            let type = descriptor.attribute("type", of: property)?.trimmedXMLSpace ?? ""
            let label = key.isEmpty ? "A Property" : "Property '\(key)'"
            // OVF-PROD-002
            if key.isEmpty { findings.append(descriptor.error("OVF-PROD-002", at: property, "A Property has no ovf:key.")) }
            if type.isEmpty { findings.append(descriptor.error("OVF-PROD-002", at: property, "\(label) has no ovf:type.")) }
            // OVF-PROD-003
            if !type.isEmpty, !self.propertyTypes.contains(type) {
                findings.append(descriptor.error("OVF-PROD-003", at: property, "\(label) has ovf:type '\(type)', which is not a CIM intrinsic type (uint8 … sint64, string, boolean, real32, real64)."))
            }
            // OVF-PROD-004
            if !key.isEmpty, !keys.insert(key).inserted {
                findings.append(descriptor.error("OVF-PROD-004", at: property, "Property key '\(key)' is defined more than once in the same ProductSection."))
            }
            // OVF-PROD-005
            guard self.propertyTypes.contains(type) else { continue }
            let qualifiers = PropertyQualifiers(descriptor.attribute("qualifiers", of: property) ?? "")
            let values = [(property, descriptor.attribute("value", of: property))]
                + property.children.filter { descriptor.kind(of: $0) == "Value" }.map { ($0, descriptor.attribute("value", of: $0)) }
            for (element, value) in values {
                guard let value, !value.isEmpty, let problem = qualifiers.problem(with: value, type: type) else { continue }
                findings.append(descriptor.warning("OVF-PROD-005", .ovfCompatibility, at: element, "\(label) has the value '\(value)', which \(problem)."))
            }
        }
        return findings
    }
}
