//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// The namespace URIs an OVF descriptor uses, and what they say about it.
enum OVFNamespace {
    /// OVF 1.x envelope.
    static let envelope1 = "http://schemas.dmtf.org/ovf/envelope/1"
    /// OVF 2.x envelope.
    static let envelope2 = "http://schemas.dmtf.org/ovf/envelope/2"
    /// The pre-DMTF VMware OVF 0.9 envelope (legacy; OVF-ENV-003).
    static let envelope09 = "http://www.vmware.com/schema/ovf/1/envelope"
    /// Every envelope namespace, to detect mixing (OVF-ENV-004).
    static let envelopes: Set<String> = [envelope1, envelope2, envelope09]
    /// XML Schema instance, for the 0.9 `xsi:type` section style.
    static let xsi = "http://www.w3.org/2001/XMLSchema-instance"
    /// The prefix every CIM class namespace (rasd, vssd, epasd, sasd, …) starts with.
    static let cimSchemaPrefix = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/"
    /// Vendor namespaces whose optional sections are understood by vCenter or are plainly
    /// vendor metadata: no finding for them when `ovf:required="false"` (OVF-SEC-004).
    static let knownVendors: Set<String> = [
        "http://www.vmware.com/schema/ovf",
        "http://www.virtualbox.org/ovf/machine",
        "http://www.vmware.com/vcloud/v1.5",
        "http://www.vmware.com/vcloud/v1",
    ]

    /// Whether a namespace is one of the OVF envelope namespaces; three comparisons rather than a
    /// set lookup, as it is asked for every element and attribute (OVF-ENV-004).
    static func isEnvelope(_ namespace: String) -> Bool {
        namespace == self.envelope1 || namespace == self.envelope2 || namespace == self.envelope09
    }

    /// Whether a namespace is one of the CIM class schemas (any version, with or without the
    /// bogus `.xsd` suffix VirtualBox-era exports write).
    static func isCIM(_ namespace: String?) -> Bool {
        namespace?.hasPrefix(cimSchemaPrefix) ?? false
    }
}
