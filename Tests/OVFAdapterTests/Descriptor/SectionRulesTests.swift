//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import Foundation
import Testing

/// OVF-SEC-001..005.
@Suite struct SectionRulesTests {
    /// The VirtualSystem's Name, after which cases add sections.
    static let name = "<Name>vm1</Name>"
    /// The CPU Item's ResourceType, after which cases add children.
    static let cpuType = "<rasd:ResourceType>3</rasd:ResourceType>"

    /// The rule cases of this suite: each fires its rule once and has a near miss that must not.
    static let cases: [RuleCase] = [
        .init("OVF-SEC-001", .error, "section without Info", edits: [("<Info>The guest OS</Info>", "")]),
        .init("OVF-SEC-001", .error, "DiskSection without Info first", edits: [("<Info>Virtual disks</Info>", "")]),
        .init("OVF-SEC-002", .error, "VirtualHardwareSection under Envelope", edits: [("<VirtualSystem ovf:id", "<VirtualHardwareSection><Info>h</Info></VirtualHardwareSection><VirtualSystem ovf:id")]),
        .init("OVF-SEC-002", .error, "two OperatingSystemSections", edits: [(name, name + "<OperatingSystemSection ovf:id=\"1\"><Info>o</Info></OperatingSystemSection>")]),
        .init("OVF-SEC-002", .error, "StartupSection in a VirtualSystem", edits: [(name, name + "<StartupSection><Info>s</Info></StartupSection>")]),
        .init(
            "OVF-SEC-002", .error, "AnnotationSection at Envelope level",
            edits: [("<VirtualSystem ovf:id", "<AnnotationSection><Info>a</Info><Annotation>x</Annotation></AnnotationSection><VirtualSystem ovf:id")],
            nearMiss: [(name, name + "<AnnotationSection><Info>a</Info><Annotation>x</Annotation></AnnotationSection>"), ("<VirtualSystem ovf:id", "<EulaSection><Info>e</Info><License>Terms</License></EulaSection><VirtualSystem ovf:id")]
        ),
        .init("OVF-SEC-003", .error, "unknown required section", edits: [(name, name + "<UnknownSection><Info>u</Info></UnknownSection>")]),
        .init("OVF-SEC-003", .error, "unknown required element inside an Item", edits: [(cpuType, cpuType + "<ovf:Gadget>1</ovf:Gadget>")], nearMiss: [(cpuType, cpuType + "<rasd:BusNumber>0</rasd:BusNumber><rasd:Weight>0</rasd:Weight>")]),
        .init(
            "OVF-SEC-003", .error, "rasd element that is no RASD property, required unspecified",
            edits: [(cpuType, cpuType + "<rasd:Unknown>1</rasd:Unknown>")],
            nearMiss: [(cpuType, cpuType + "<rasd:Unknown ovf:required=\"false\">1</rasd:Unknown><rasd:Caption>CPU</rasd:Caption><rasd:VirtualQuantityUnits>count</rasd:VirtualQuantityUnits>")]
        ),
        .init("OVF-SEC-003", .error, "rasd element that is no RASD property, required=\"true\"", edits: [(cpuType, cpuType + "<rasd:Unknown ovf:required=\"true\">1</rasd:Unknown>")]),
        .init(
            "OVF-SEC-003", .error, "RASD property in the VSSD namespace",
            edits: [(cpuType, cpuType + "<vssd:HostResource>x</vssd:HostResource>")],
            nearMiss: [(cpuType, cpuType + "<rasd:HostResource>ovf:/file/file1</rasd:HostResource>")]
        ),
        .init(
            "OVF-SEC-003", .error, "System child that is no VSSD property",
            edits: [("<vssd:InstanceID>0</vssd:InstanceID>", "<vssd:InstanceID>0</vssd:InstanceID><vssd:Frobnicate>x</vssd:Frobnicate>")],
            nearMiss: [("<vssd:InstanceID>0</vssd:InstanceID>", "<vssd:InstanceID>0</vssd:InstanceID><vssd:VirtualSystemIdentifier>vm1</vssd:VirtualSystemIdentifier><vssd:Description>x</vssd:Description>")]
        ),
        .init(
            "OVF-SEC-003", .error, "unknown foreign section with unspecified required", edits: [(name, name + "<x:Thing xmlns:x=\"urn:x\"><Info>u</Info></x:Thing>")],
            nearMiss: [(name, name + "<x:Thing xmlns:x=\"urn:x\" ovf:required=\"false\"><Info>u</Info></x:Thing>")]
        ),
        .init(
            "OVF-SEC-004", .warning, "unknown optional section is ignored", edits: [(name, name + "<UnknownSection ovf:required=\"false\"><Info>Extra</Info></UnknownSection>")],
            nearMiss: [(name, name + "<vmw:BootOrderSection ovf:required=\"false\"><Info>Boot order</Info></vmw:BootOrderSection>")]
        ),
        .init("OVF-SEC-004", .warning, "unknown optional Item child", edits: [(cpuType, cpuType + "<ovf:Gadget ovf:required=\"false\">1</ovf:Gadget>")]),
        .init("OVF-SEC-004", .warning, "unknown optional rasd element", edits: [(cpuType, cpuType + "<rasd:Unknown ovf:required=\"false\">1</rasd:Unknown>")]),
        .init("OVF-SEC-005", .error, "required is not a boolean", edits: [("<OperatingSystemSection ovf:id=\"101\">", "<OperatingSystemSection ovf:id=\"101\" ovf:required=\"yes\">")], nearMiss: [("<OperatingSystemSection ovf:id=\"101\">", "<OperatingSystemSection ovf:id=\"101\" ovf:required=\"1\">")]),
    ]

    /// Each case's trigger fires its rule with the expected severity, located in the right file.
    @Test(arguments: cases) func fires(_ rule: RuleCase) async throws { try await rule.expectFires() }
    /// Each case's near miss fires no finding of its rule.
    @Test(arguments: cases) func nearMissIsQuiet(_ rule: RuleCase) async throws { try await rule.expectQuiet() }

    /// The CIM namespaces of every schema version name the same classes: 2.x properties are
    /// known in a 1.x descriptor, and the `.xsd`-suffixed namespace names its class too.
    @Test func cimPropertiesOfAnySchemaVersionAreKnown() async throws {
        let report = try await TestPackage.baseline { ovf in
            ovf.edit(Self.cpuType, Self.cpuType + "<rasd:VirtualQuantityUnits>count</rasd:VirtualQuantityUnits><rasd:SoID>x</rasd:SoID><rasd:Generation>1</rasd:Generation>")
            ovf.edit("CIM_VirtualSystemSettingData\"", "CIM_VirtualSystemSettingData.xsd\"")
        }.validate()
        #expect(report.findings("OVF-SEC-003").isEmpty && report.findings("OVF-SEC-004").isEmpty, "\(report.summary)")
    }

    /// An optional Item is dropped whole by a deployer that does not understand it, so its
    /// unknown children are only optional (a warning), whatever they say themselves.
    @Test func unknownChildOfAnOptionalItemIsOnlyAWarning() async throws {
        let report = try await TestPackage.baseline { ovf in
            ovf.edit("</VirtualHardwareSection>", "<Item ovf:required=\"false\"><rasd:ElementName>USB</rasd:ElementName><rasd:InstanceID>9</rasd:InstanceID><rasd:ResourceType>23</rasd:ResourceType><rasd:Unknown>1</rasd:Unknown></Item></VirtualHardwareSection>")
        }.validate()
        #expect(!report.has("OVF-SEC-003", .error), "\(report.summary)")
        #expect(report.has("OVF-SEC-004", .warning), "\(report.summary)")
    }

    /// Optional outer element wins over required child.
    @Test func optionalOuterElementWinsOverRequiredChild() async throws {
        let report = try await TestPackage.baseline { ovf in
            ovf.edit(Self.name, Self.name + "<Outer ovf:required=\"false\"><Info>o</Info><Inner ovf:required=\"true\"/></Outer>")
        }.validate()
        #expect(!report.has("OVF-SEC-003", .error), "\(report.summary)")
        #expect(report.has("OVF-SEC-004", .warning))
        #expect(report.findings("OVF-SEC-004").first?.message.defaultMessage.contains("ignored: o") == true)
    }
}
