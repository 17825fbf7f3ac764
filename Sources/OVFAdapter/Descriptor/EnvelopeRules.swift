//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel

/// OVF-ENV-001..005: the root element, its namespace, and version consistency.
///
/// OVF-ENV-001 and -002 are checked first by DescriptorValidator because nothing else can be
/// read from a document that is not an OVF envelope; this type holds all five.
enum EnvelopeRules: DescriptorRuleSet {
    /// OVF-ENV-001/-002/-003: whether the root can be read as an envelope at all, and the
    /// finding when it cannot (or the legacy warning when it is 0.9).
    static func rootFindings(in descriptor: Descriptor) -> (findings: [Finding], readable: Bool) {
        let root = descriptor.root
        guard root.localName == "Envelope" else {
            return ([descriptor.error("OVF-ENV-001", at: root, "The root element is '\(root.qualifiedName)', not an OVF 'Envelope'.")], false)
        }
        switch root.namespace {
        case OVFNamespace.envelope1, OVFNamespace.envelope2:
            return ([], true)
        case OVFNamespace.envelope09:
            return (
                [descriptor.warning(
                    "OVF-ENV-003", .ovfCompatibility, at: root,
                    "The Envelope uses the legacy OVF 0.9 namespace '\(OVFNamespace.envelope09)'; it is read with the same rules as OVF 1.x."
                )], true
            )
        default:
            let namespace = root.namespace.map { "'\($0)'" } ?? "no namespace"
            return (
                [descriptor.error(
                    "OVF-ENV-002", at: root,
                    "The Envelope is in \(namespace), not in an OVF envelope namespace (\(OVFNamespace.envelope1) or \(OVFNamespace.envelope2))."
                )], false
            )
        }
    }

    /// The findings of this group's rules for one descriptor.
    static func findings(in descriptor: Descriptor) -> [Finding] {
        var findings: [Finding] = []
        // OVF-ENV-004: every element and attribute in an OVF envelope namespace uses the root's.
        var reported = 0
        for element in descriptor.elements {
            guard reported < 10 else { break }
            if let namespace = element.namespace, namespace != descriptor.ovf, OVFNamespace.isEnvelope(namespace) {
                findings.append(descriptor.error(
                    "OVF-ENV-004", at: element,
                    "Element '\(element.qualifiedName)' is in the OVF namespace '\(namespace)' but the Envelope is in '\(descriptor.ovf)'; OVF versions cannot be mixed."
                ))
                reported += 1
            }
        }
        // Attributes, and the xsi:type values that attributes carry, on the elements that have any.
        for element in descriptor.attributedElements {
            guard reported < 10 else { break }
            if let type = element.schemaType, let namespace = type.namespace, namespace != descriptor.ovf, OVFNamespace.isEnvelope(namespace) {
                findings.append(descriptor.error(
                    "OVF-ENV-004", at: element,
                    "The xsi:type '\(type.written)' of '\(element.qualifiedName)' is in the OVF namespace '\(namespace)' but the Envelope is in '\(descriptor.ovf)'; OVF versions cannot be mixed."
                ))
                reported += 1
            }
            for attribute in element.attributes {
                if let namespace = attribute.namespace, namespace != descriptor.ovf, OVFNamespace.isEnvelope(namespace) {
                    findings.append(descriptor.error(
                        "OVF-ENV-004", at: element,
                        "Attribute '\(attribute.qualifiedName)' of '\(element.qualifiedName)' is in the OVF namespace '\(namespace)' but the Envelope is in '\(descriptor.ovf)'; OVF versions cannot be mixed."
                    ))
                    reported += 1
                }
            }
        }
        // OVF-ENV-005: ovf:version is informational, but should agree with the namespace.
        if let version = descriptor.attribute("version", of: descriptor.root)?.trimmedXMLSpace, !version.isEmpty {
            let expected: String =
                switch descriptor.ovf {
                case OVFNamespace.envelope2: "2."
                case OVFNamespace.envelope09: "0."
                default: "1."
                }
            if !version.hasPrefix(expected) {
                findings.append(descriptor.warning(
                    "OVF-ENV-005", .ovfCompatibility, at: descriptor.root,
                    "ovf:version is '\(version)' but the Envelope namespace '\(descriptor.ovf)' is for OVF \(expected)x."
                ))
            }
        }
        return findings
    }
}
