//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import Foundation
import Testing

/// OVF-REF-001..006, -009 and -012 (descriptor only).
@Suite struct ReferenceRulesTests {
    /// The baseline's References File, which cases extend.
    static let file = "<File ovf:id=\"file1\" ovf:href=\"disk1.vmdk\" ovf:size=\"\(Baseline.disk.count)\"/>"

    /// The rule cases of this suite: each fires its rule once and has a near miss that must not.
    static let cases: [RuleCase] = [
        .init("OVF-REF-001", .error, "no References", edits: [("<References>", "<!--"), ("</References>", "-->")]),
        .init("OVF-REF-001", .error, "References not first", edits: [("<References>", "<vmw:Note ovf:required=\"false\"><Info>x</Info></vmw:Note><References>")]),
        .init("OVF-REF-001", .error, "two References", edits: [("</References>", "</References><References/>")]),
        .init("OVF-REF-002", .error, "File without id", edits: [("ovf:id=\"file1\" ovf:href", "ovf:href")]),
        .init("OVF-REF-002", .error, "File without href", edits: [("ovf:href=\"disk1.vmdk\"", "")]),
        .init("OVF-REF-003", .error, "duplicate File id", edits: [(file, file + "<File ovf:id=\"file1\" ovf:href=\"other.vmdk\"/>")]),
        .init(
            "OVF-REF-004", .error, "two Files share an href", edits: [(file, file + "<File ovf:id=\"file2\" ovf:href=\"disk1.vmdk\"/>")],
            nearMiss: [(file, file + "<File ovf:id=\"file2\" ovf:href=\"disk2.vmdk\"/>")]
        ),
        .init("OVF-REF-005", .error, "size is not a number", edits: [("ovf:size=\"\(Baseline.disk.count)\"", "ovf:size=\"abcd\"")]),
        .init("OVF-REF-005", .error, "negative size", edits: [("ovf:size=\"\(Baseline.disk.count)\"", "ovf:size=\"-1\"")]),
        .init("OVF-REF-005", .error, "chunkSize zero", edits: [("ovf:size=", "ovf:chunkSize=\"0\" ovf:size=")]),
        .init("OVF-REF-006", .error, "absolute href", edits: [("ovf:href=\"disk1.vmdk\"", "ovf:href=\"/etc/disk1.vmdk\"")]),
        .init("OVF-REF-006", .error, "href escapes with ..", edits: [("ovf:href=\"disk1.vmdk\"", "ovf:href=\"../disk1.vmdk\"")]),
        .init("OVF-REF-006", .error, "remote href", edits: [("ovf:href=\"disk1.vmdk\"", "ovf:href=\"https://example.com/disk1.vmdk\"")]),
        .init("OVF-REF-006", .error, "backslash in href", edits: [("ovf:href=\"disk1.vmdk\"", "ovf:href=\"a\\disk1.vmdk\"")]),
        .init("OVF-REF-006", .error, "file: scheme", edits: [("ovf:href=\"disk1.vmdk\"", "ovf:href=\"file:disk1.vmdk\"")]),
        .init("OVF-REF-009", .error, "unknown compression", edits: [("ovf:size=", "ovf:compression=\"lzma\" ovf:size=")], nearMiss: [("ovf:size=", "ovf:compression=\"identity\" ovf:size=")]),
        .init("OVF-REF-009", .warning, "bzip2 compression is legacy", edits: [("ovf:size=", "ovf:compression=\"bzip2\" ovf:size=")], nearMiss: [("ovf:size=", "ovf:compression=\"\" ovf:size=")]),
        .init(
            "OVF-REF-012", .warning, "File used by nothing",
            trigger: { package in
                RuleCase.editing([(file, file + "<File ovf:id=\"notes\" ovf:href=\"notes.txt\"/>")])(&package)
                package.files["notes.txt"] = Array("hello".utf8)
            },
            nearMiss: { package in
                RuleCase.editing([
                    (file, file + "<File ovf:id=\"iso\" ovf:href=\"tools.iso\"/>"),
                    ("</VirtualHardwareSection>", "<Item><rasd:ElementName>CD</rasd:ElementName><rasd:HostResource>ovf:/file/iso</rasd:HostResource><rasd:InstanceID>9</rasd:InstanceID><rasd:ResourceType>15</rasd:ResourceType></Item></VirtualHardwareSection>"),
                ])(&package)
                package.files["tools.iso"] = [0, 1, 2]
            }
        ),
    ]

    /// Each case's trigger fires its rule with the expected severity, located in the right file.
    @Test(arguments: cases) func fires(_ rule: RuleCase) async throws { try await rule.expectFires() }
    /// Each case's near miss fires no finding of its rule.
    @Test(arguments: cases) func nearMissIsQuiet(_ rule: RuleCase) async throws { try await rule.expectQuiet() }

    /// Remote href is not also missing.
    @Test func remoteHrefIsNotAlsoMissing() async throws {
        var package = TestPackage.baseline()
        RuleCase.editing([("ovf:href=\"disk1.vmdk\"", "ovf:href=\"https://example.com/disk1.vmdk\"")])(&package)
        let report = try await package.validate()
        #expect(report.missingFiles.isEmpty)
    }

    /// Error message names the descriptor and the file.
    @Test func errorMessageNamesTheDescriptorAndTheFile() async throws {
        var package = TestPackage.baseline()
        RuleCase.editing([("ovf:fileRef=\"file1\"", "ovf:fileRef=\"file9\"")])(&package)
        let finding = try #require(try await package.validate().findings("OVF-DISK-004").first)
        #expect(finding.message.defaultMessage == "pkg.ovf: Disk 'vmdisk1' refers to file 'file9', which References does not declare.")
        #expect(finding.line == 11)
    }
}
