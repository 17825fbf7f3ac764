//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import Foundation
import Testing

/// OVF-DISK-001..010, -012 and -013 (OVF-DISK-011 is in PackageContentRulesTests).
@Suite struct DiskRulesTests {
    /// The baseline Disk, which cases copy and change.
    static let disk = "<Disk ovf:diskId=\"vmdisk1\" ovf:fileRef=\"file1\" ovf:capacity=\"1\" ovf:capacityAllocationUnits=\"byte * 2^30\" ovf:format=\"http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized\"/>"
    /// The baseline's References File, which cases extend.
    static let file = "<File ovf:id=\"file1\" ovf:href=\"disk1.vmdk\" ovf:size=\"\(Baseline.disk.count)\"/>"
    /// An empty (not file-backed) Disk.
    static let emptyDisk = "<Disk ovf:diskId=\"scratch\" ovf:capacity=\"10\" ovf:capacityAllocationUnits=\"byte * 2^30\"/>"
    /// The baseline disk Item's HostResource.
    static let diskItem = "<rasd:HostResource>ovf:/disk/vmdisk1</rasd:HostResource>"
    /// A second disk Item attached to `scratch`, so an added empty disk is used.
    static let scratchItem = "<Item><rasd:ElementName>Hard disk 2</rasd:ElementName><rasd:HostResource>ovf:/disk/scratch</rasd:HostResource><rasd:InstanceID>8</rasd:InstanceID><rasd:Parent>3</rasd:Parent><rasd:ResourceType>17</rasd:ResourceType></Item></VirtualHardwareSection>"

    /// The rule cases of this suite: each fires its rule once and has a near miss that must not.
    static let cases: [RuleCase] = [
        .init("OVF-DISK-001", .error, "DiskSection inside a VirtualSystem", edits: [("<Name>vm1</Name>", "<Name>vm1</Name><DiskSection><Info>x</Info></DiskSection>")]),
        .init("OVF-DISK-001", .error, "two DiskSections", edits: [("<NetworkSection>", "<DiskSection><Info>more</Info></DiskSection><NetworkSection>")]),
        .init("OVF-DISK-002", .error, "Disk without diskId", edits: [("ovf:diskId=\"vmdisk1\" ", "")]),
        .init("OVF-DISK-002", .error, "Disk without capacity", edits: [("ovf:capacity=\"1\" ", "")]),
        .init("OVF-DISK-003", .error, "duplicate diskId", edits: [(disk, disk + "<Disk ovf:diskId=\"vmdisk1\" ovf:capacity=\"1\"/>")]),
        .init("OVF-DISK-004", .error, "fileRef to an undeclared File", edits: [("ovf:fileRef=\"file1\"", "ovf:fileRef=\"file9\"")]),
        .init(
            "OVF-DISK-005", .error, "two Disks share a fileRef",
            edits: [(disk, disk + "<Disk ovf:diskId=\"vmdisk2\" ovf:fileRef=\"file1\" ovf:capacity=\"1\" ovf:format=\"http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized\"/>")]
        ),
        .init("OVF-DISK-006", .error, "file-backed Disk without format", edits: [(" ovf:format=\"http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized\"", "")]),
        .init(
            "OVF-DISK-006", .warning, "empty Disk with format (accepted, Corrections box)",
            edits: [(disk, disk + "<Disk ovf:diskId=\"scratch\" ovf:capacity=\"10\" ovf:format=\"http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized\"/>"), ("</VirtualHardwareSection>", scratchItem)],
            nearMiss: [(disk, disk + emptyDisk), ("</VirtualHardwareSection>", scratchItem)]
        ),
        .init(
            "OVF-DISK-007", .warning, "unknown format URI",
            edits: [("vmdk.html#streamOptimized", "vmdk.html#weird")],
            nearMiss: [("interfaces/specifications/vmdk.html#streamOptimized", "interfaces/interfaces/specifications/vmdk.html#streamOptimized")]
        ),
        .init("OVF-DISK-008", .error, "capacity not a number", edits: [("ovf:capacity=\"1\"", "ovf:capacity=\"lots\"")]),
        .init("OVF-DISK-008", .error, "zero capacity", edits: [("ovf:capacity=\"1\"", "ovf:capacity=\"0\"")]),
        .init("OVF-DISK-008", .error, "unparseable units", edits: [("byte * 2^30", "furlongs")], nearMiss: [("byte * 2^30", "GigaBytes")]),
        .init("OVF-DISK-008", .error, "capacity overflows", edits: [("ovf:capacity=\"1\"", "ovf:capacity=\"9000000000000\"")]),
        .init(
            "OVF-DISK-008", .error, "capacity property undefined", edits: [("ovf:capacity=\"1\"", "ovf:capacity=\"${disksize}\"")],
            nearMiss: [
                ("ovf:capacity=\"1\"", "ovf:capacity=\"${disksize}\""),
                ("</VirtualHardwareSection>", "</VirtualHardwareSection><ProductSection><Info>p</Info><Property ovf:key=\"disksize\" ovf:type=\"uint32\" ovf:value=\"2\"/></ProductSection>"),
            ]
        ),
        .init("OVF-DISK-009", .error, "populatedSize above capacity", edits: [("ovf:capacity=\"1\"", "ovf:capacity=\"1\" ovf:populatedSize=\"2147483648\"")], nearMiss: [("ovf:capacity=\"1\"", "ovf:capacity=\"1\" ovf:populatedSize=\"1048576\"")]),
        .init("OVF-DISK-010", .error, "parentRef to no Disk", edits: [("ovf:capacity=\"1\"", "ovf:parentRef=\"nothing\" ovf:capacity=\"1\"")]),
        .init(
            "OVF-DISK-010", .error, "parentRef cycle",
            edits: [(disk, disk.replacingOccurrences(of: "ovf:capacity=\"1\"", with: "ovf:parentRef=\"d2\" ovf:capacity=\"1\"") + "<Disk ovf:diskId=\"d2\" ovf:parentRef=\"vmdisk1\" ovf:capacity=\"1\"/>")],
            nearMiss: [(disk, disk + "<Disk ovf:diskId=\"d2\" ovf:parentRef=\"vmdisk1\" ovf:capacity=\"1\"/>"), ("ovf:/disk/vmdisk1", "ovf:/disk/d2")]
        ),
        .init("OVF-DISK-012", .warning, "Disk not attached", edits: [(disk, disk + emptyDisk)], nearMiss: [(disk, disk + emptyDisk), ("</VirtualHardwareSection>", scratchItem)]),
        .init(
            "OVF-DISK-013", .warning, "Disks in another order than their Files",
            trigger: { package in
                RuleCase.editing([
                    (file, file + "<File ovf:id=\"file2\" ovf:href=\"disk2.vmdk\" ovf:size=\"\(Baseline.disk.count)\"/>"),
                    (disk, disk.replacingOccurrences(of: "vmdisk1", with: "vmdisk2").replacingOccurrences(of: "file1", with: "file2") + disk),
                    ("</VirtualHardwareSection>", scratchItem.replacingOccurrences(of: "scratch", with: "vmdisk2")),
                ])(&package)
                package.files["disk2.vmdk"] = Baseline.disk
            },
            nearMiss: { package in
                RuleCase.editing([
                    (file, file + "<File ovf:id=\"file2\" ovf:href=\"disk2.vmdk\" ovf:size=\"\(Baseline.disk.count)\"/>"),
                    (disk, disk + disk.replacingOccurrences(of: "vmdisk1", with: "vmdisk2").replacingOccurrences(of: "file1", with: "file2")),
                    ("</VirtualHardwareSection>", scratchItem.replacingOccurrences(of: "scratch", with: "vmdisk2")),
                ])(&package)
                package.files["disk2.vmdk"] = Baseline.disk
            }
        ),
    ]

    /// Each case's trigger fires its rule with the expected severity, located in the right file.
    @Test(arguments: cases) func fires(_ rule: RuleCase) async throws { try await rule.expectFires() }
    /// Each case's near miss fires no finding of its rule.
    @Test(arguments: cases) func nearMissIsQuiet(_ rule: RuleCase) async throws { try await rule.expectQuiet() }
}
