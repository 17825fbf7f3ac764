//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryModel
import Foundation
import Testing

@testable import OVFAdapter

/// The orchestrator's handling of a lone `.ova`, over an archive whose members are laid out by
/// hand (the tar reader itself is OVAArchive's work and tested with it).
@Suite struct OVFAdapterArchiveTests {
    /// An `.ova` whose bytes are the members back to back, and the archive describing them.
    static func archive(_ members: [(String, [UInt8])], findings: [Finding] = []) throws -> (LocalContentView, OVAArchive) {
        var bytes: [UInt8] = []
        var entries: [OVAArchive.Member] = []
        for (name, content) in members {
            entries.append(.init(name: name, offset: Int64(bytes.count), size: Int64(content.count)))
            bytes += content
        }
        let view = try TestPackage(files: ["pkg.ova": bytes]).contentView()
        return (view, OVAArchive(ovaName: "pkg.ova", members: entries, findings: findings))
    }

    /// Clean archive has no findings.
    @Test func cleanArchiveHasNoFindings() async throws {
        let (view, archive) = try Self.archive([("pkg.ovf", Array(Baseline.descriptor.utf8)), ("disk1.vmdk", Baseline.disk)])
        let report = await OVFAdapter().validate(archive: archive, in: view, options: ValidationOptions())
        #expect(report.findings.isEmpty, "\(report.summary)")
    }

    /// Member findings name the archive and keep the line.
    @Test func memberFindingsNameTheArchiveAndKeepTheLine() async throws {
        let broken = Baseline.descriptor.replacingOccurrences(of: "ovf:fileRef=\"file1\"", with: "ovf:fileRef=\"file9\"")
        let (view, archive) = try Self.archive([("pkg.ovf", Array(broken.utf8)), ("disk1.vmdk", Baseline.disk)])
        let report = await OVFAdapter().validate(archive: archive, in: view, options: ValidationOptions())
        let finding = try #require(report.findings("OVF-DISK-004").first)
        #expect(finding.file == "pkg.ova" && finding.line == 11)
        #expect(finding.message.defaultMessage.hasPrefix("pkg.ovf: Disk 'vmdisk1'"))
        #expect(report.invalidFiles.map(\.name) == ["pkg.ova"])
    }

    /// An extra member is only the OVA-011 layout warning (from the tar reader), never the
    /// loose-file OVF-REF-013 error.
    @Test func extraMemberIsNotAnUnreferencedFileError() async throws {
        let (view, archive) = try Self.archive([
            ("pkg.ovf", Array(Baseline.descriptor.utf8)), ("disk1.vmdk", Baseline.disk), ("README.txt", Array("hi".utf8)),
        ])
        let report = await OVFAdapter().validate(archive: archive, in: view, options: ValidationOptions())
        #expect(report.findings("OVF-REF-013").isEmpty, "\(report.summary)")
        #expect(!report.hasErrors)
    }

    /// Missing member stays missing under its href.
    @Test func missingMemberStaysMissingUnderItsHref() async throws {
        let (view, archive) = try Self.archive([("pkg.ovf", Array(Baseline.descriptor.utf8))])
        let report = await OVFAdapter().validate(archive: archive, in: view, options: ValidationOptions())
        #expect(report.missingFiles == ["disk1.vmdk"])
    }

    /// Archive findings are passed on.
    @Test func archiveFindingsArePassedOn() async throws {
        let layout = Finding.warning("OVA-005", type: .ovaLayout, file: "pkg.ova", "pkg.ova: members are out of order.")
        let (view, archive) = try Self.archive([("pkg.ovf", Array(Baseline.descriptor.utf8)), ("disk1.vmdk", Baseline.disk)], findings: [layout])
        let report = await OVFAdapter().validate(archive: archive, in: view, options: ValidationOptions())
        #expect(report.findings == [layout])
    }

    /// Archive without descriptor is an error.
    @Test func archiveWithoutDescriptorIsAnError() async throws {
        let (view, archive) = try Self.archive([("disk1.vmdk", Baseline.disk)])
        let report = await OVFAdapter().validate(archive: archive, in: view, options: ValidationOptions())
        #expect(report.has("OVF-PKG-002", .error))
        #expect(report.findings("OVF-PKG-002").first?.file == "pkg.ova")
    }
}
