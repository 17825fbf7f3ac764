//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import Foundation
import Testing

/// OVF-VHS-001..013.
@Suite struct HardwareRulesTests {
    /// Vhs open.
    static let vhsOpen = "<VirtualHardwareSection>"
    /// The baseline's VirtualSystemType.
    static let system = "<vssd:VirtualSystemType>vmx-13</vssd:VirtualSystemType>"
    /// The CPU Item's InstanceID.
    static let cpu = "<rasd:InstanceID>1</rasd:InstanceID>"
    /// The memory Item's VirtualQuantity.
    static let memoryQuantity = "<rasd:VirtualQuantity>512</rasd:VirtualQuantity>"
    /// The end of the baseline's VirtualHardwareSection, where cases append.
    static let end = "</VirtualHardwareSection>"
    /// The edits that turn the baseline into an OVF 2.0 descriptor with an epasd namespace.
    static let v2 = [
        ("xmlns=\"http://schemas.dmtf.org/ovf/envelope/1\" xmlns:ovf=\"http://schemas.dmtf.org/ovf/envelope/1\"", "xmlns=\"http://schemas.dmtf.org/ovf/envelope/2\" xmlns:ovf=\"http://schemas.dmtf.org/ovf/envelope/2\" xmlns:epasd=\"http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_EthernetPortAllocationSettingData\""),
        ("ovf:version=\"1.0\"", "ovf:version=\"2.0\""),
    ]
    /// An OVF 2.x EthernetPortItem on the declared network.
    static let ethernetPort = "<EthernetPortItem><epasd:Connection>VM Network</epasd:Connection><epasd:InstanceID>20</epasd:InstanceID><epasd:ResourceType>10</epasd:ResourceType></EthernetPortItem>"

    /// An Item with a given InstanceID, ResourceType and extra content.
    static func item(_ id: String, _ type: String, _ extra: String = "", attributes: String = "") -> String {
        "<Item\(attributes)><rasd:ElementName>extra</rasd:ElementName>\(extra)<rasd:InstanceID>\(id)</rasd:InstanceID><rasd:ResourceType>\(type)</rasd:ResourceType></Item>"
    }

    /// The rule cases of this suite: each fires its rule once and has a near miss that must not.
    static let cases: [RuleCase] = [
        .init("OVF-VHS-001", .error, "VirtualSystem without hardware", edits: [(vhsOpen, "<!--"), (end, "-->")]),
        .init(
            "OVF-VHS-002", .warning, "two hardware sections with the same id",
            edits: [(end, end + "<VirtualHardwareSection><Info>alt</Info><System><vssd:InstanceID>0</vssd:InstanceID><vssd:VirtualSystemType>virtualbox-2.2</vssd:VirtualSystemType></System></VirtualHardwareSection>")],
            nearMiss: [(vhsOpen, "<VirtualHardwareSection ovf:id=\"a\">"), (end, end + "<VirtualHardwareSection ovf:id=\"b\"><Info>alt</Info><System><vssd:InstanceID>0</vssd:InstanceID><vssd:VirtualSystemType>virtualbox-2.2</vssd:VirtualSystemType></System></VirtualHardwareSection>")]
        ),
        .init("OVF-VHS-002", .warning, "no recognised VirtualSystemType", edits: [(system, "<vssd:VirtualSystemType>acme-1</vssd:VirtualSystemType>")], nearMiss: [(system, "<vssd:VirtualSystemType>acme-1 vmx-07</vssd:VirtualSystemType>")]),
        .init(
            "OVF-VHS-003", .error, "System without VirtualSystemType", edits: [(system, "")],
            nearMiss: [("<System>", "<System/><!--"), ("</System>", "-->")]
        ),
        .init(
            "OVF-VHS-003", .warning, "System without InstanceID, which ovftool accepts", edits: [("<vssd:InstanceID>0</vssd:InstanceID>", "")],
            nearMiss: [("<vssd:InstanceID>0</vssd:InstanceID>", "<vssd:InstanceId>0</vssd:InstanceId>")]
        ),
        .init("OVF-VHS-004", .error, "Item without InstanceID", edits: [(cpu, "")]),
        .init("OVF-VHS-004", .error, "Item without ResourceType", edits: [("<rasd:ResourceType>3</rasd:ResourceType>", "")]),
        .init("OVF-VHS-004", .error, "ResourceType not an integer", edits: [("<rasd:ResourceType>3</rasd:ResourceType>", "<rasd:ResourceType>cpu</rasd:ResourceType>")]),
        .init("OVF-VHS-005", .warning, "InstanceId casing accepted", edits: [(cpu, "<rasd:InstanceId>1</rasd:InstanceId>")]),
        .init(
            "OVF-VHS-006", .error, "duplicate InstanceID", edits: [(end, item("1", "14") + end)],
            nearMiss: [
                ("<VirtualSystem ovf:id", "<DeploymentOptionSection><Info>d</Info><Configuration ovf:id=\"big\"><Label>Big</Label><Description>b</Description></Configuration></DeploymentOptionSection><VirtualSystem ovf:id"),
                (end, item("2", "4", "<rasd:VirtualQuantity>2048</rasd:VirtualQuantity>", attributes: " ovf:configuration=\"big\"") + end),
            ]
        ),
        .init("OVF-VHS-007", .warning, "non-standard ResourceType on a required Item", edits: [(end, item("9", "35") + end)], nearMiss: [(end, item("9", "35", attributes: " ovf:required=\"false\"") + end)]),
        .init("OVF-VHS-008", .error, "Parent is no InstanceID", edits: [("<rasd:Parent>3</rasd:Parent>", "<rasd:Parent>42</rasd:Parent>")]),
        .init("OVF-VHS-008", .error, "Parent is not a controller", edits: [("<rasd:Parent>3</rasd:Parent>", "<rasd:Parent>2</rasd:Parent>")]),
        .init("OVF-VHS-009", .error, "disk HostResource resolves to no Disk", edits: [("ovf:/disk/vmdisk1", "ovf:/disk/vmdisk9")]),
        .init("OVF-VHS-009", .error, "disk Item without HostResource", edits: [("<rasd:HostResource>ovf:/disk/vmdisk1</rasd:HostResource>", "")]),
        .init("OVF-VHS-009", .error, "CD HostResource names no File", edits: [(end, item("9", "15", "<rasd:HostResource>ovf:/file/nofile</rasd:HostResource><rasd:Parent>3</rasd:Parent>") + end)], nearMiss: [(end, item("9", "15", "<rasd:Parent>3</rasd:Parent>") + end)]),
        .init("OVF-VHS-009", .warning, "legacy /disk/ form", edits: [("ovf:/disk/vmdisk1", "/disk/vmdisk1")]),
        .init("OVF-VHS-010", .error, "zero CPUs", edits: [("<rasd:VirtualQuantity>1</rasd:VirtualQuantity>", "<rasd:VirtualQuantity>0</rasd:VirtualQuantity>")]),
        .init("OVF-VHS-010", .error, "memory in an unknown unit", edits: [("<rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits>", "<rasd:AllocationUnits>bushels</rasd:AllocationUnits>")], nearMiss: [("<rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits>", "<rasd:AllocationUnits>MegaBytes</rasd:AllocationUnits>")]),
        .init("OVF-VHS-010", .error, "memory quantity not an integer", edits: [(memoryQuantity, "<rasd:VirtualQuantity>lots</rasd:VirtualQuantity>")]),
        .init(
            "OVF-VHS-011", .error, "max range marker without normal", edits: [(end, item("9", "4", "<rasd:VirtualQuantity>1024</rasd:VirtualQuantity>", attributes: " ovf:bound=\"max\"") + end)],
            nearMiss: [(end, item("2", "4", "<rasd:VirtualQuantity>1024</rasd:VirtualQuantity>", attributes: " ovf:bound=\"max\"") + item("2", "4", "<rasd:VirtualQuantity>256</rasd:VirtualQuantity>", attributes: " ovf:bound=\"min\"") + end)]
        ),
        .init("OVF-VHS-011", .error, "two max range markers", edits: [(end, item("2", "4", "<rasd:VirtualQuantity>1024</rasd:VirtualQuantity>", attributes: " ovf:bound=\"max\"") + item("2", "4", "<rasd:VirtualQuantity>2048</rasd:VirtualQuantity>", attributes: " ovf:bound=\"max\"") + end)]),
        .init("OVF-VHS-011", .error, "unknown bound", edits: [(end, item("2", "4", "<rasd:VirtualQuantity>1024</rasd:VirtualQuantity>", attributes: " ovf:bound=\"huge\"") + end)]),
        .init("OVF-VHS-011", .error, "non-integer range quantity", edits: [(end, item("2", "4", "<rasd:VirtualQuantity>1.5</rasd:VirtualQuantity>", attributes: " ovf:bound=\"max\"") + end)]),
        .init("OVF-VHS-012", .error, "Item names an undeclared configuration", edits: [(end, item("9", "14", attributes: " ovf:configuration=\"huge\"") + end)]),
        .init(
            "OVF-VHS-012", .error, "Property names an undeclared configuration",
            edits: [(end, end + "<ProductSection><Info>p</Info><Property ovf:key=\"k\" ovf:type=\"string\"><Value ovf:value=\"x\" ovf:configuration=\"huge\"/></Property></ProductSection>")]
        ),
        .init("OVF-VHS-013", .warning, "OVF 2 item order", edits: v2 + [("<Item>", ethernetPort + "<Item>")], nearMiss: v2 + [(end, ethernetPort + end)]),
        .init(
            "OVF-VHS-013", .warning, "CIM namespace with .xsd suffix",
            edits: [("CIM_ResourceAllocationSettingData\"", "CIM_ResourceAllocationSettingData.xsd\"")]
        ),
    ]

    /// Each case's trigger fires its rule with the expected severity, located in the right file.
    @Test(arguments: cases) func fires(_ rule: RuleCase) async throws { try await rule.expectFires() }
    /// Each case's near miss fires no finding of its rule.
    @Test(arguments: cases) func nearMissIsQuiet(_ rule: RuleCase) async throws { try await rule.expectQuiet() }
}
