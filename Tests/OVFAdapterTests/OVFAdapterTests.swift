//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryModel
import Testing

@testable import OVFAdapter

/// The orchestrator: package discovery, roles, the add veto, declarations and OVA attribution.
@Suite struct OVFAdapterTests {
    /// Baseline package has no findings.
    @Test func baselinePackageHasNoFindings() async throws {
        let report = try await TestPackage.baseline().validate()
        #expect(report.findings.isEmpty, "\(report.summary)")
    }

    /// Baseline descriptor only has no findings.
    @Test func baselineDescriptorOnlyHasNoFindings() async throws {
        let report = try await TestPackage.descriptor(Baseline.descriptor).validate(descriptorOnly: true)
        #expect(report.findings.isEmpty, "\(report.summary)")
    }

    /// Descriptor only skips content rules.
    @Test func descriptorOnlySkipsContentRules() async throws {
        // The disk is absent: OVF-REF-007 only when the files are checked.
        let only = try await TestPackage.descriptor(Baseline.descriptor).validate(descriptorOnly: true)
        #expect(!only.has("OVF-REF-007", .error))
        let full = try await TestPackage.descriptor(Baseline.descriptor).validate()
        #expect(full.has("OVF-REF-007", .error))
        #expect(full.missingFiles == ["disk1.vmdk"])
    }

    /// Several descriptors are an error.
    @Test func severalDescriptorsAreAnError() async throws {
        var package = TestPackage.baseline()
        package.files["other.ovf"] = Array(Baseline.descriptor.utf8)
        let report = try await package.validate()
        let findings = report.findings("OVF-PKG-001")
        #expect(findings.count == 1)
        #expect(findings.first?.file == "pkg.ovf" || findings.first?.file == "other.ovf")
        #expect(findings.first?.file == "pkg.ovf")  // "other.ovf" sorts first and is the one used
    }

    /// No descriptor names the first file.
    @Test func noDescriptorNamesTheFirstFile() async throws {
        let report = try await TestPackage(files: ["b.txt": [1], "a.vmdk": [2]]).validate()
        let finding = try #require(report.findings("OVF-PKG-002").first)
        #expect(finding.severity == .error && finding.file == "a.vmdk" && !finding.isMissingFile)
    }

    /// Empty content is a missing descriptor.
    @Test func emptyContentIsAMissingDescriptor() async throws {
        let report = await OVFAdapter().validate(LocalContentView(entries: []), options: ValidationOptions())
        #expect(report.missingFiles == ["*.ovf"])
        #expect(report.has("OVF-PKG-002", .error))
    }

    /// No descriptor present does not fire with one.
    @Test func noDescriptorPresentDoesNotFireWithOne() async throws {
        let report = try await TestPackage.baseline().validate()
        #expect(!report.has("OVF-PKG-001", .error) && !report.has("OVF-PKG-002", .error))
    }

    /// Roles follow the extension.
    @Test func rolesFollowTheExtension() {
        let adapter = OVFAdapter()
        #expect(adapter.role(ofFile: "pkg.ovf") == .metadata(kept: true))
        #expect(adapter.role(ofFile: "PKG.OVF") == .metadata(kept: true))
        #expect(adapter.role(ofFile: "pkg.mf") == .metadata(kept: false))
        #expect(adapter.role(ofFile: "pkg.cert") == .metadata(kept: false))
        #expect(adapter.role(ofFile: "disk1.vmdk") == .content)
        #expect(adapter.role(ofFile: "pkg.ova") == .metadata(kept: true))
    }

    /// The preview waits for a descriptor: a manifest and certificate alone are not enough.
    @Test func previewNeedsADescriptorOrAnOVA() {
        let adapter = OVFAdapter()
        #expect(!adapter.isPreviewComplete(metadataFiles: ["pkg.mf", "pkg.cert"]))
        #expect(adapter.isPreviewComplete(metadataFiles: ["pkg.mf", "pkg.ovf"]))
        #expect(adapter.isPreviewComplete(metadataFiles: ["appliance.ova"]))
    }

    /// Manifest after descriptor is refused.
    @Test func manifestAfterDescriptorIsRefused() throws {
        let adapter = OVFAdapter()
        let error = #expect(throws: APIError.self) {
            try adapter.checkAdd(fileName: "pkg.mf", sessionFiles: ["pkg.ovf", "disk1.vmdk"])
        }
        #expect(error?.kind == .notAllowedInCurrentState)
        #expect(error?.messages.first?.id == "com.vmware.content.library.item.updatesession.file.metadata_after_descriptor")
        #expect(throws: APIError.self) { try adapter.checkAdd(fileName: "pkg.cert", sessionFiles: ["pkg.ovf"]) }
    }

    /// Manifest before descriptor is accepted.
    @Test func manifestBeforeDescriptorIsAccepted() throws {
        let adapter = OVFAdapter()
        try adapter.checkAdd(fileName: "pkg.mf", sessionFiles: ["disk1.vmdk"])
        try adapter.checkAdd(fileName: "pkg.ovf", sessionFiles: ["pkg.mf", "pkg.cert"])
        try adapter.checkAdd(fileName: "disk2.vmdk", sessionFiles: ["pkg.ovf"])
    }

    /// Warning declarations cover every OVF type.
    @Test func warningDeclarationsCoverEveryOVFType() {
        let declarations = OVFAdapter().warningDeclarations
        for type in [WarningType.ovfCompatibility, .ovfPackageContent, .weakDigest, .ovaLayout] {
            #expect(declarations.first { $0.type == type }?.ignoredByDefault == true)
        }
        for type in WarningType.certificateTypes {
            #expect(declarations.first { $0.type == type }?.ignoredByDefault == false)
        }
        #expect(OVFAdapter().info.type == "ovf")
    }

    /// Every warning has a declared type.
    @Test func everyWarningHasADeclaredType() async throws {
        let report = try await TestPackage.baseline { ovf in
            ovf.edit("ovf:version=\"1.0\"", "ovf:version=\"2.0\"")
            ovf.edit("<Name>vm1</Name>", "<Name>vm1</Name><vmw:Foo><Info>x</Info></vmw:Foo><Bar ovf:required=\"false\"><Info>y</Info></Bar>")
        }.validate()
        let declared = Set(OVFAdapter().warningDeclarations.map(\.type))
        #expect(!report.warnings.isEmpty)
        for warning in report.warnings {
            #expect(warning.warningType.map(declared.contains) == true, "\(warning.ruleID)")
        }
    }

    /// Member findings are restated against the archive.
    @Test func memberFindingsAreRestatedAgainstTheArchive() {
        let inner = Finding.error("OVF-DISK-004", file: "pkg.ovf", line: 12, "Disk 'a' refers to file 'x'.")
        let restated = OVFAdapter.attribute(inner, toArchive: "pkg.ova")
        #expect(restated.file == "pkg.ova" && restated.line == 12)
        #expect(restated.message.defaultMessage == "pkg.ovf: Disk 'a' refers to file 'x'.")
        let prefixed = Finding.error("OVF-DISK-004", file: "pkg.ovf", line: 3, "pkg.ovf: Disk 'a'.")
        #expect(OVFAdapter.attribute(prefixed, toArchive: "pkg.ova").message.defaultMessage == "pkg.ovf: Disk 'a'.")
        let missing = Finding.missing("OVF-REF-007", file: "disk1.vmdk", "disk1.vmdk was not added.")
        #expect(OVFAdapter.attribute(missing, toArchive: "pkg.ova").file == "disk1.vmdk")
    }

    /// Lone archive without descriptor is reported.
    @Test func loneArchiveWithoutDescriptorIsReported() async throws {
        // The OVA reader is another engineer's seam; whatever it finds, an archive without a
        // descriptor must not pass silently.
        let report = try await TestPackage(files: ["pkg.ova": [UInt8](repeating: 0, count: 1024)]).validate()
        #expect(report.hasErrors)
        #expect(report.findings.allSatisfy { $0.file == "pkg.ova" || $0.isMissingFile })
    }

    /// Declared size mismatch is reported.
    @Test func declaredSizeMismatchIsReported() async throws {
        let paths = try TestPackage.baseline().write()
        let entries = try paths.sorted { $0.key < $1.key }.map { name, path in
            let size = try #require(LocalContentView(paths: [path]).files.first?.size)
            return LocalContentView.Entry(
                file: ContentFile(name: name, size: size, declaredSize: name == "disk1.vmdk" ? size + 1 : nil), path: path
            )
        }
        let report = await OVFAdapter().validate(LocalContentView(entries: entries), options: ValidationOptions())
        #expect(report.has("OVF-REF-014", .error))
        let clean = try await TestPackage.baseline().validate()
        #expect(!clean.has("OVF-REF-014", .error) && !clean.has("OVF-REF-015", .error))
    }
}
