//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import Foundation
import Testing

/// OVF 0.9 descriptors (VMware's pre-DMTF envelope namespace) are read onto the same model as
/// 1.x and checked by the same rules: a well-formed 0.9 package gets only the OVF-ENV-003
/// legacy warning, and a defect that 1.x rejects is rejected in 0.9 too.
@Suite struct LegacyDescriptorTests {
    /// A 0.9 package in the form VMware tools wrote it: every OVF element and attribute
    /// `ovf:`-qualified, sections and contents typed with `xsi:type`, `rasd:InstanceId`, `Caption`
    /// instead of `ElementName`, `/disk/` host resources and a `#sparse` disk with its capacity in bytes.
    static let descriptor = """
        <?xml version="1.0" encoding="UTF-8"?>
        <ovf:Envelope xmlns:ovf="http://www.vmware.com/schema/ovf/1/envelope" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
            xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData"
            xmlns:vssd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData" ovf:version="0.9">
          <ovf:References>
            <ovf:File ovf:id="file1" ovf:href="disk1.vmdk" ovf:size="\(Baseline.disk.count)"/>
          </ovf:References>
          <ovf:Section xsi:type="ovf:DiskSection_Type">
            <ovf:Info>Virtual disks</ovf:Info>
            <ovf:Disk ovf:diskId="vmdisk1" ovf:fileRef="file1" ovf:capacity="1073741824" ovf:format="http://www.vmware.com/specifications/vmdk.html#sparse"/>
          </ovf:Section>
          <ovf:Section xsi:type="ovf:NetworkSection_Type">
            <ovf:Info>Networks</ovf:Info>
            <ovf:Network ovf:name="bridged"><ovf:Description>The bridged network</ovf:Description></ovf:Network>
          </ovf:Section>
          <ovf:Content ovf:id="vm1" xsi:type="ovf:VirtualSystem_Type">
            <ovf:Info>A virtual machine</ovf:Info>
            <ovf:Section ovf:id="36" xsi:type="ovf:OperatingSystemSection_Type"><ovf:Info>The guest OS</ovf:Info></ovf:Section>
            <ovf:Section xsi:type="ovf:VirtualHardwareSection_Type">
              <ovf:Info>Virtual hardware</ovf:Info>
              <ovf:System>
                <vssd:InstanceId>0</vssd:InstanceId>
                <vssd:VirtualSystemIdentifier>vm1</vssd:VirtualSystemIdentifier>
                <vssd:VirtualSystemType>vmx-04</vssd:VirtualSystemType>
              </ovf:System>
              <ovf:Item>
                <rasd:Caption>1 virtual CPU</rasd:Caption>
                <rasd:InstanceId>1</rasd:InstanceId>
                <rasd:ResourceType>3</rasd:ResourceType>
                <rasd:VirtualQuantity>1</rasd:VirtualQuantity>
              </ovf:Item>
              <ovf:Item>
                <rasd:Caption>256 MB of memory</rasd:Caption>
                <rasd:InstanceId>2</rasd:InstanceId>
                <rasd:ResourceType>4</rasd:ResourceType>
                <rasd:AllocationUnits>MegaBytes</rasd:AllocationUnits>
                <rasd:VirtualQuantity>256</rasd:VirtualQuantity>
              </ovf:Item>
              <ovf:Item>
                <rasd:Caption>scsiController0</rasd:Caption>
                <rasd:InstanceId>3</rasd:InstanceId>
                <rasd:ResourceType>6</rasd:ResourceType>
                <rasd:ResourceSubType>lsilogic</rasd:ResourceSubType>
                <rasd:BusNumber>0</rasd:BusNumber>
              </ovf:Item>
              <ovf:Item>
                <rasd:Caption>disk1</rasd:Caption>
                <rasd:InstanceId>4</rasd:InstanceId>
                <rasd:ResourceType>17</rasd:ResourceType>
                <rasd:HostResource>/disk/vmdisk1</rasd:HostResource>
                <rasd:Parent>3</rasd:Parent>
                <rasd:AddressOnParent>0</rasd:AddressOnParent>
              </ovf:Item>
              <ovf:Item>
                <rasd:Caption>ethernet0</rasd:Caption>
                <rasd:InstanceId>5</rasd:InstanceId>
                <rasd:ResourceType>10</rasd:ResourceType>
                <rasd:Connection>bridged</rasd:Connection>
              </ovf:Item>
            </ovf:Section>
          </ovf:Content>
        </ovf:Envelope>
        """

    /// The VirtualSystem's first section, before which cases add sections.
    static let osSection = "<ovf:Section ovf:id=\"36\""

    /// Validates the 0.9 package after `edit`.
    static func validate(_ edit: (inout String) -> Void = { _ in }) async throws -> ValidationReport {
        var text = Self.descriptor
        edit(&text)
        return try await TestPackage.descriptor(text, files: ["disk1.vmdk": Baseline.disk]).validate()
    }

    /// The rule ids of a report, as a set.
    static func rules(_ report: ValidationReport) -> Set<String> { Set(report.findings.map(\.ruleID)) }

    /// The 0.9 package as VMware tools wrote it gets the legacy warning and nothing else.
    @Test func wellFormedPackageGetsOnlyTheLegacyWarning() async throws {
        let report = try await Self.validate()
        #expect(Self.rules(report) == ["OVF-ENV-003"], "\(report.summary)")
        #expect(report.has("OVF-ENV-003", .warning))
    }

    /// The same package with unqualified children under a prefixed Envelope, the schema style of
    /// some 0.9 exporters, reads the same.
    @Test func unqualifiedChildrenAreOVFElements() async throws {
        let report = try await Self.validate { text in
            text = text.replacingOccurrences(of: "<ovf:", with: "<").replacingOccurrences(of: "</ovf:", with: "</")
            text = text.replacingOccurrences(of: "<Envelope ", with: "<ovf:Envelope ").replacingOccurrences(of: "</Envelope>", with: "</ovf:Envelope>")
        }
        #expect(Self.rules(report) == ["OVF-ENV-003"], "\(report.summary)")
    }

    /// Any prefix may stand for the envelope and XML Schema instance namespaces, in the element
    /// names and inside the `xsi:type` values alike; a default namespace works too.
    @Test func prefixesAreResolvedNotCompared() async throws {
        let report = try await Self.validate { text in
            text = text.replacingOccurrences(of: "xsi:", with: "i:").replacingOccurrences(of: "xmlns:xsi=", with: "xmlns:i=")
            text = text.replacingOccurrences(of: "ovf:", with: "v:").replacingOccurrences(of: "xmlns:ovf=", with: "xmlns:v=")
        }
        #expect(Self.rules(report) == ["OVF-ENV-003"], "\(report.summary)")
        let defaulted = try await Self.validate { text in
            text = text.replacingOccurrences(of: "<ovf:", with: "<").replacingOccurrences(of: "</ovf:", with: "</")
            text.edit("xmlns:ovf=\"http://www.vmware.com/schema/ovf/1/envelope\"", "xmlns=\"http://www.vmware.com/schema/ovf/1/envelope\" xmlns:ovf=\"http://www.vmware.com/schema/ovf/1/envelope\"")
        }
        #expect(Self.rules(defaulted) == ["OVF-ENV-003"], "\(defaulted.summary)")
    }

    /// A typed Section whose prefix is bound to no namespace, or to a namespace other than the
    /// envelope's, is not an OVF section: it is an unknown required element.
    @Test func typePrefixMustBeBoundToTheEnvelopeNamespace() async throws {
        let unbound = try await Self.validate { text in
            text.edit("xsi:type=\"ovf:OperatingSystemSection_Type\"", "xsi:type=\"os:OperatingSystemSection_Type\"")
        }
        #expect(unbound.has("OVF-SEC-003", .error), "\(unbound.summary)")
        #expect(unbound.findings("OVF-SEC-003").first?.message.defaultMessage.contains("xsi:type os:OperatingSystemSection_Type") == true)
        let foreign = try await Self.validate { text in
            text.edit("xsi:type=\"ovf:OperatingSystemSection_Type\"", "xmlns:x=\"urn:x\" xsi:type=\"x:OperatingSystemSection_Type\"")
        }
        #expect(foreign.has("OVF-SEC-003", .error), "\(foreign.summary)")
        let mixed = try await Self.validate { text in
            text.edit("xsi:type=\"ovf:OperatingSystemSection_Type\"", "xmlns:o1=\"http://schemas.dmtf.org/ovf/envelope/1\" xsi:type=\"o1:OperatingSystemSection_Type\"")
        }
        #expect(mixed.has("OVF-ENV-004", .error), "\(mixed.summary)")
    }

    /// The 0.9 spellings are native in 0.9 but still reported in 1.x.
    @Test func legacySpellingsAreNativeOnlyIn09() async throws {
        let report = try await Self.validate()
        #expect(report.findings("OVF-VHS-005").isEmpty && report.findings("OVF-VHS-009").isEmpty, "\(report.summary)")
        let modern = try await TestPackage.baseline { ovf in
            ovf.edit("<rasd:InstanceID>1</rasd:InstanceID>", "<rasd:InstanceId>1</rasd:InstanceId>")
            ovf.edit("ovf:/disk/vmdisk1", "/disk/vmdisk1")
        }.validate()
        #expect(modern.has("OVF-VHS-005", .warning) && modern.has("OVF-VHS-009", .warning), "\(modern.summary)")
    }

    /// Item labels use the 0.9 Caption when there is no ElementName.
    @Test func itemLabelsUseTheCaption() async throws {
        let report = try await Self.validate { text in text.edit("<rasd:Parent>3</rasd:Parent>", "<rasd:Parent>2</rasd:Parent>") }
        #expect(report.findings("OVF-VHS-008").first?.message.defaultMessage.contains("Item 'disk1' (InstanceID 4)") == true, "\(report.summary)")
    }

    /// A 0.9 ProductSection's Property uses `ovf:defaultValue` and `ovf:configurableByUser`; the
    /// value is checked against the qualifiers and the flag as a boolean, as in 1.x.
    @Test func productPropertiesUseThe09AttributeNames() async throws {
        let section = { (value: String, flag: String) in
            "<ovf:Section xsi:type=\"ovf:ProductSection_Type\"><ovf:Info>Product</ovf:Info><ovf:Product>Demo</ovf:Product>"
                + "<ovf:Property ovf:key=\"port\" ovf:type=\"uint16\" ovf:defaultValue=\"\(value)\" ovf:configurableByUser=\"\(flag)\"/></ovf:Section>"
        }
        let good = try await Self.validate { text in text.edit(Self.osSection, section("8080", "true") + Self.osSection) }
        #expect(Self.rules(good) == ["OVF-ENV-003"], "\(good.summary)")
        let bad = try await Self.validate { text in text.edit(Self.osSection, section("99999", "maybe") + Self.osSection) }
        #expect(bad.has("OVF-PROD-005", .warning) && bad.has("OVF-SEC-005", .error), "\(bad.summary)")
    }

    /// A 0.9 VirtualSystemCollection with a StartupSection is a valid vApp, and the collection
    /// rules apply to it.
    @Test func virtualSystemCollectionIsContent() async throws {
        let collection = { (secondID: String) in
            { (text: inout String) in
                let system = String(text[text.range(of: "  <ovf:Content ovf:id=\"vm1\"")!.lowerBound..<text.range(of: "</ovf:Content>\n")!.upperBound])
                let second = system.replacingOccurrences(of: "ovf:id=\"vm1\"", with: "ovf:id=\"\(secondID)\"")
                    .replacingOccurrences(of: "<rasd:HostResource>/disk/vmdisk1</rasd:HostResource>", with: "")
                    .replacingOccurrences(of: "<rasd:ResourceType>17</rasd:ResourceType>", with: "<rasd:ResourceType>15</rasd:ResourceType>")
                text = text.replacingOccurrences(
                    of: system,
                    with: "<ovf:Content ovf:id=\"vapp\" xsi:type=\"ovf:VirtualSystemCollection_Type\"><ovf:Info>A vApp</ovf:Info>"
                        + "<ovf:Section xsi:type=\"ovf:StartupSection_Type\"><ovf:Info>Start order</ovf:Info><ovf:Item ovf:id=\"vm1\" ovf:order=\"0\"/></ovf:Section>"
                        + system + second + "</ovf:Content>\n"
                )
            }
        }
        let good = try await Self.validate(collection("vm2"))
        #expect(Self.rules(good) == ["OVF-ENV-003"], "\(good.summary)")
        let duplicate = try await Self.validate(collection("vm1"))
        #expect(duplicate.has("OVF-CNT-002", .error), "\(duplicate.summary)")
    }

    /// The defects 1.x rejects are rejected in 0.9, whichever section they are in.
    @Test(arguments: [
        ("OVF-DISK-004", "ovf:fileRef=\"file1\"", "ovf:fileRef=\"file9\""),
        ("OVF-NET-002", "<rasd:Connection>bridged</rasd:Connection>", "<rasd:Connection>nowhere</rasd:Connection>"),
        ("OVF-VHS-006", "<rasd:InstanceId>2</rasd:InstanceId>", "<rasd:InstanceId>1</rasd:InstanceId>"),
        ("OVF-OS-001", "<ovf:Section ovf:id=\"36\"", "<ovf:Section"),
        ("OVF-REF-002", " ovf:href=\"disk1.vmdk\"", ""),
        ("OVF-SEC-001", "<ovf:Info>Networks</ovf:Info>", ""),
        ("OVF-SEC-003", "<rasd:BusNumber>0</rasd:BusNumber>", "<rasd:BusNumber>0</rasd:BusNumber><rasd:Frobnicate>1</rasd:Frobnicate>"),
    ])
    func defectsAreRejectedAsIn1x(_ rule: String, _ old: String, _ new: String) async throws {
        let report = try await Self.validate { text in text.edit(old, new) }
        #expect(report.has(rule, .error), "\(report.summary)")
    }

    /// Unqualified elements are OVF elements only in 0.9: in 1.x they stay foreign.
    @Test func unqualifiedElementsAreForeignIn1x() async throws {
        let report = try await TestPackage.baseline { ovf in
            ovf.edit("<Name>vm1</Name>", "<Name>vm1</Name><AnnotationSection xmlns=\"\"><Info>a</Info><Annotation>x</Annotation></AnnotationSection>")
        }.validate()
        #expect(report.has("OVF-SEC-003", .error), "\(report.summary)")
    }
}
